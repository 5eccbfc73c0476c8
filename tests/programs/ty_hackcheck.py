# object.__setattr__ / __delattr__ refuse to bypass type's own __setattr__ (CPython's hackcheck).
class C: pass
try: object.__setattr__(C, 'x', 1)
except TypeError as e: print(e)
class M(type): pass
class D(metaclass=M): pass
try: object.__setattr__(D, 'x', 1)
except TypeError as e: print(e)
type.__setattr__(D, 'y', 2); print(D.y)
class E:
    def __setattr__(s, k, v): print('E set'); object.__setattr__(s, k, v)
e = E(); e.a = 1; print(e.a)
try: object.__setattr__(1, 'x', 2)
except Exception as ex: print(type(ex).__name__, ex)
try: object.__delattr__(int, 'x')
except Exception as ex: print(type(ex).__name__, ex)
class F(dict): pass
f = F(); object.__setattr__(f, 'z', 5); print(f.z)
