# Tricky unwinding: break/continue/return crossing with, finally, handlers, nested loops.
import sys

class CM:
    def __init__(self, tag):
        self.tag = tag
    def __enter__(self):
        print("enter", self.tag)
        return self
    def __exit__(self, *a):
        print("exit", self.tag, a[0].__name__ if a[0] else None)

def t1():
    for i in range(3):
        with CM(i):
            try:
                if i == 0:
                    continue
                if i == 1:
                    raise KeyError(i)
            except KeyError as e:
                print("handler", e)
                continue
            finally:
                print("finally", i)
    return "t1 done"
print(t1())

def t2():
    for i in range(3):
        try:
            pass
        finally:
            if i == 1:
                continue
            print("t2 finally", i)
    return i
print(t2())

def t3():
    for i in range(3):
        for j in range(3):
            try:
                if j == 1:
                    break
            finally:
                print("inner fin", i, j)
        else:
            print("no")
        if i == 1:
            return (i, j)
print(t3())

def t4():
    try:
        for x in [1, 2]:
            try:
                return x
            finally:
                print("finally A", x)
    finally:
        print("finally B")
print(t4())

def t5():
    while True:
        try:
            return "from try"
        finally:
            break
    return "after break in finally"
print(t5())

def t6():
    try:
        raise ValueError("v")
    except ValueError:
        try:
            return sys.exc_info()[0].__name__
        finally:
            print("inside handler finally", sys.exc_info()[0].__name__)
print(t6(), sys.exc_info())

def t7():
    result = []
    for i in range(4):
        try:
            try:
                if i % 2:
                    raise TypeError
                result.append(i)
            finally:
                result.append("f")
        except TypeError:
            result.append("T")
            if i == 3:
                break
    return result
print(t7())

def gen():
    try:
        with CM("gen"):
            yield 1
            yield 2
    finally:
        print("gen finally")
g = gen()
print(next(g))
g.close()
print("closed")

def t8(x):
    try:
        if x:
            return "early"
    except Exception:
        return "exc"
    else:
        return "else"
    finally:
        print("t8 finally", x)
print(t8(0), t8(1))

def t9():
    try:
        try:
            raise KeyError("a")
        finally:
            print("inner finally sees", repr(sys.exc_info()[1]))
    except KeyError:
        print("outer caught")
    print("after", sys.exc_info())
t9()

def t10():
    e = None
    for i in range(2):
        try:
            1 / 0
        except ZeroDivisionError as e:
            err = e
            break
    try:
        e
    except NameError:
        print("e unbound after handler")
    return type(err).__name__
print(t10())

def t11():
    with CM("outer") as a, CM("inner") as b:
        return a.tag + b.tag
print(t11())

def t12():
    try:
        with CM("raise"):
            raise RuntimeError("x")
    except RuntimeError as e:
        return "caught " + str(e)
print(t12())

x = 0
while x < 10:
    x += 1
    if x < 3:
        continue
    elif x > 5:
        break
    print("loop", x)
else:
    print("never")
print("x", x)
