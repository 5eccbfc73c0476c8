# Return-value checks of protocol dunders (__index__, __int__, __len__, __hash__, __bool__...).
def t(f):
    try: print(f())
    except Exception as e: print(type(e).__name__ + ":", e)
class X:
    def __index__(self): return "s"
    def __int__(self): return "s"
    def __float__(self): return 1
    def __iter__(self): return 5
    def __len__(self): return 2**70
    def __hash__(self): return 2**70
    def __bool__(self): return None
    def __contains__(self, x): return []
    def __complex__(self): return 1
t(lambda: [1][X()])
t(lambda: int(X()))
t(lambda: float(X()))
t(lambda: iter(X()))
t(lambda: len(X()))
t(lambda: hash(X()) == hash(2**70))
t(lambda: bool(X()))
t(lambda: 1 in X())

class Z(int):
    def __index__(self): return 7
print(Z(3).__index__(), [1,2,3,4,5,6,7,8][Z(3)])
