# PEP 604 unions: type.__or__ builds types.UnionType.
print(int | None, None | int, int | str | int, (int|str) == (str|int), int | list[int], type(int|str).__module__, (int|str).__args__)
print(int | int)
try: int | 3
except TypeError as e: print(e)
print(hash(int|str) == hash(str|int))
print(isinstance(3, int | str), isinstance(None, int | None), issubclass(bool, str | int))
def f(x: int | None = None) -> list | None: return x
print(f.__annotations__)
class C: pass
print(C | None, type(int | str).__name__, "__or__" in type.__dict__)
