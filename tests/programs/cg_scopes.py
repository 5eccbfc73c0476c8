# Scopes: closures, nonlocal, global, class scopes, late binding, qualnames, mangling.
x = "global x"

def outer():
    x = "outer x"
    def inner():
        return x
    return inner

print(outer()())

def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc

c = counter()
c(); c()
print(c())

def set_global():
    global x
    x = "changed"

set_global()
print(x)

# late binding
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])

# class scope not visible to methods
y = "module y"
class C:
    y = "class y"
    def m(self):
        return y
    z = [y for _ in range(1)]   # first iterator only sees class scope... element sees global
print(C().m(), C.z)

def f():
    a = 1
    class D:
        a = 2
        def get(self):
            return a
        b = a
    return D
D = f()
print(D().get(), D.b, D.a)

def g():
    v = "free in class"
    class E:
        w = v
        def m(self):
            return v
    return E
E = g()
print(E.w, E().m())

# qualnames
def q1():
    def q2():
        class Q3:
            def q4(self): pass
        return Q3
    return q2
print(q1.__qualname__, q1().__qualname__, q1()().__qualname__, q1()().q4.__qualname__)
print((lambda: 0).__qualname__)
class Outer:
    class Inner:
        def meth(self):
            return [lambda: 0 for _ in range(1)][0]
print(Outer.Inner.meth.__qualname__, Outer.Inner().meth().__qualname__)

# mangling
class M:
    __secret = 42
    def get(self):
        return self.__secret
    def __private(self):
        return "private"
    def call(self):
        return self.__private()
print(M().get(), M().call(), hasattr(M, "_M__secret"), hasattr(M, "__secret"))

# super and __class__
class Base:
    def hello(self):
        return "base hello"
class Derived(Base):
    def hello(self):
        return "derived+" + super().hello()
    def cls(self):
        return __class__.__name__
print(Derived().hello(), Derived().cls())

# nested nonlocal through several levels
def l1():
    v = 1
    def l2():
        def l3():
            nonlocal v
            v += 10
        l3()
        return v
    return l2()
print(l1())

# walrus in comprehension binds in function scope
def w():
    [last := i for i in range(5)]
    return last
print(w())
total = 0
vals = [total := total + i for i in range(4)]
print(vals, total)

# global declared in nested function
def gl():
    def inner():
        global newglobal
        newglobal = "ng"
    inner()
gl()
print(newglobal)

# del of locals
def dl():
    a = 1
    del a
    try:
        print(a)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
dl()

def free_unbound():
    def inner():
        return z
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    z = 1
free_unbound()
