# Operator overloading and protocol dunders on user classes.
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"V({self.x}, {self.y})"
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x, self.y + o.y)
        return NotImplemented
    def __radd__(self, o):
        if o == 0:
            return self
        return NotImplemented
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __neg__(self):
        return V(-self.x, -self.y)
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __eq__(self, o):
        return isinstance(o, V) and (self.x, self.y) == (o.x, o.y)
    def __lt__(self, o):
        return abs(self) < abs(o)
    def __bool__(self):
        return bool(self.x or self.y)
    def __iadd__(self, o):
        self.x += o.x
        self.y += o.y
        return self

a, b = V(1, 2), V(3, 4)
print(a + b, a * 3, 3 * a, -a, abs(b))
print(sum([a, b]), a == V(1, 2), a != b, a < b, a > b, b > a)
print(bool(V(0, 0)), bool(a), not V(0, 0))
c = a
c += b
print(c, a, c is a)
print(sorted([b, a, V(0, 1)]))
try:
    hash(a)
except TypeError as e:
    print("TypeError:", e)
print(V.__hash__)
try:
    a + 1
except TypeError as e:
    print("TypeError:", e)
try:
    a - b
except TypeError as e:
    print("TypeError:", e)
try:
    ~a
except TypeError as e:
    print("TypeError:", e)

class Seq:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if isinstance(i, slice):
            return list(range(self.n))[i]
        if i >= self.n:
            raise IndexError(i)
        return i * i
    def __contains__(self, v):
        return v == "magic"
s = Seq(5)
print(len(s), s[2], s[1:3], list(s), "magic" in s, 4 in s, bool(Seq(0)))
for v in s:
    print(v, end=" ")
print()

class Box:
    def __init__(self):
        self.d = {}
    def __setitem__(self, k, v):
        self.d[k] = v
    def __getitem__(self, k):
        return self.d[k]
    def __delitem__(self, k):
        del self.d[k]
b = Box()
b["a"] = 1
b["b"] = 2
del b["a"]
print(b.d, b["b"])

class Counter:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
print(list(Counter(4)), sum(Counter(10)))

class Adder:
    def __init__(self, k):
        self.k = k
    def __call__(self, x, *, times=1):
        return (x + self.k) * times
add = Adder(10)
print(add(5), add(1, times=3), callable(add), callable(a))

class H:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, o):
        return self.v == o.v
print(len({H(1), H(1), H(2)}), hash(H(5)) == hash(5))

class Idx:
    def __index__(self):
        return 2
print([10, 20, 30][Idx()], bin(Idx()), range(10)[Idx()])

class Num:
    def __int__(self):
        return 7
    def __float__(self):
        return 2.5
print(int(Num()), float(Num()))

class S:
    def __str__(self):
        return "str-S"
    def __repr__(self):
        return "repr-S"
    def __format__(self, spec):
        return f"fmt[{spec}]"
print(S(), str(S()), repr(S()), [S()], f"{S()}", f"{S():>5}", format(S(), "x"))

class Cmp:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        print("Cmp.__eq__")
        return NotImplemented
print(Cmp(1) == Cmp(1), Cmp(1) != 3)

class Base:
    def __radd__(self, o):
        return "Base.__radd__"
class Derived(Base):
    def __radd__(self, o):
        return "Derived.__radd__"
class Left:
    def __add__(self, o):
        return "Left.__add__"
print(Left() + Derived(), 1 + Derived(), 1 + Base())

class MyInt(int):
    def __add__(self, o):
        return "MyInt.__add__"
    def __radd__(self, o):
        return "MyInt.__radd__"
print(MyInt(1) + 1, 1 + MyInt(1), MyInt(3) * 2, MyInt(5) - 1)

class Bad:
    def __len__(self):
        return -1
    def __bool__(self):
        return 1
try:
    len(Bad())
except ValueError as e:
    print("ValueError:", e)
try:
    bool(Bad())
except TypeError as e:
    print("TypeError:", e)
