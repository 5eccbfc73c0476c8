# object.__reduce_ex__ protocol 2+: (newobj, (cls,), state, listitems, dictitems).
class C:
    def __init__(self): self.x = 1
r = C().__reduce_ex__(2)
print(r[1], r[2], r[3], r[4])
o = r[0](*r[1]); o.__dict__.update(r[2]); print(type(o).__name__, o.x)
class L(list): pass
r = L([1, 2]).__reduce_ex__(4)
print(r[1], r[2], list(r[3]), r[4])
