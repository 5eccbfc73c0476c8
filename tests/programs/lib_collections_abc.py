# _collections_abc (collections.abc's implementation): isinstance matrix of built-ins, mixin methods.
import _collections_abc as C
print(C.Iterable, C.Mapping.__module__, C.__name__, sorted(C.__all__) == sorted(__import__('_collections_abc').__all__))
samples = [[], (), "s", b"b", bytearray(), {}, set(), frozenset(), range(3), iter([]), iter(()), iter(""), iter({}), (x for x in ()), {}.keys(), {}.values(), {}.items(), len, 3, 2.5, None, object(), memoryview(b""), zip(), map(len, []), reversed([]), enumerate([]), type, lambda: 0]
names = ['Hashable', 'Iterable', 'Iterator', 'Reversible', 'Generator', 'Sized', 'Container', 'Callable', 'Collection', 'Set', 'MutableSet', 'Mapping', 'MutableMapping', 'MappingView', 'KeysView', 'ItemsView', 'ValuesView', 'Sequence', 'MutableSequence', 'ByteString', 'Awaitable', 'Coroutine', 'AsyncIterable', 'AsyncIterator', 'AsyncGenerator']
for s in samples:
    print(type(s).__name__, ''.join('1' if isinstance(s, getattr(C, n)) else '0' for n in names))
class MyMap(C.Mapping):
    def __init__(self, d): self._d = d
    def __getitem__(self, k): return self._d[k]
    def __iter__(self): return iter(self._d)
    def __len__(self): return len(self._d)
m = MyMap({'a': 1, 'b': 2})
print(m.get('a'), m.get('z', 0), 'a' in m, list(m.keys()), list(m.items()), list(m.values()), m == {'a': 1, 'b': 2}, m.keys() & {'a'}, repr(m.keys())[:8])
class MySeq(C.MutableSequence):
    def __init__(self): self._l = []
    def __getitem__(self, i): return self._l[i]
    def __setitem__(self, i, v): self._l[i] = v
    def __delitem__(self, i): del self._l[i]
    def __len__(self): return len(self._l)
    def insert(self, i, v): self._l.insert(i, v)
s = MySeq(); s.extend([3, 1, 2]); s.append(5); s.reverse(); s += [9]; print(s._l, s.index(1), s.count(9), 2 in s, list(reversed(s)), s.pop(), s._l)
s.remove(3); print(s._l)
try: s.index(42)
except ValueError as e: print("ValueError", repr(e))
class MySet(C.MutableSet):
    def __init__(self, it=()): self._s = set(it)
    def __contains__(self, x): return x in self._s
    def __iter__(self): return iter(self._s)
    def __len__(self): return len(self._s)
    def add(self, x): self._s.add(x)
    def discard(self, x): self._s.discard(x)
a = MySet([1, 2, 3]); b = MySet([2, 3, 4])
print(sorted(a & b), sorted(a | b), sorted(a - b), sorted(a ^ b), a <= b, MySet([2]) < a, a == MySet([3, 2, 1]), a.isdisjoint([7]))
a |= [10]; a -= [1]; print(sorted(a), a._hash() == frozenset(a._s).__hash__())
try: C.Sequence()
except TypeError as e: print(e)
try: MyMap.__abc_tpflags__
except AttributeError: print("no tpflags attr")
class MM(C.MutableMapping):
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = v
    def __delitem__(self, k): del self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
mm = MM(); mm.update({'x': 1}, y=2); mm.update([('z', 3)]); print(mm.d, mm.setdefault('w', 0), mm.pop('x'), mm.pop('nope', 'dflt'), mm.popitem(), len(mm))
mm.clear(); print(mm.d)
print(issubclass(list, C.Sequence), issubclass(dict, C.Mapping), issubclass(str, C.Hashable), issubclass(list, C.Hashable))
