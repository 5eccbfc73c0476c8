# pickle: byte-exact dumps for builtins, memo sharing/cycles, classes, errors, load/dump
import pickle
import io


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class WithState:
    def __init__(self, v):
        self.v = v
        self.cache = "derived"

    def __getstate__(self):
        return {'v': self.v}

    def __setstate__(self, state):
        self.v = state['v']
        self.cache = "rebuilt"


class Reduced:
    def __init__(self, a, b=0):
        self.a, self.b = a, b

    def __reduce__(self):
        return (Reduced, (self.a, self.b))


class Sized(list):
    pass


samples = [None, True, False, 0, 7, 255, 256, 65535, 65536, -1, -129, 2**31 - 1, 2**31, -2**31,
           -2**31 - 1, 2**64, -2**64, 12345678901234567890123, 0.0, -1.5, 1e100, float('inf'),
           '', 'abc', 'héllo wörld', '\u20ac\U0001F600', 'x' * 256, b'', b'\x00\xff', b'y' * 300,
           bytearray(b'ba'), bytearray(), (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), [], [1],
           [1, 'a', None], {}, {'a': 1}, {'a': [1, 2], 'b': (3,)}, set(), {5}, frozenset(),
           frozenset({7}), range(1, 10, 2), complex(1, 2), len, Point, int, type(None),
           Point(1, 2), WithState(4), Reduced(1, 2)]
for obj in samples:
    data = pickle.dumps(obj)
    back = pickle.loads(data)
    ok = back == obj or (obj != obj) or type(obj) in (WithState, Reduced)
    print(repr(obj)[:40] if type(obj) not in (WithState, Reduced) else type(obj).__name__,
          data.hex(), ok)

for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    data = pickle.dumps([1, 'two', (3.0, b'4'), {'five': {6}}, Point(7, 8)], protocol=proto)
    print(proto, data.hex(), pickle.loads(data))

shared = ['s']
pair = [shared, shared, shared]
blob = pickle.dumps(pair)
print(blob.hex())
r = pickle.loads(blob)
print(r[0] is r[1] is r[2], r)
cyc = [1]
cyc.append(cyc)
r = pickle.loads(pickle.dumps(cyc))
print(r[1] is r, pickle.dumps(cyc).hex())
d = {'name': 'root'}
d['self'] = d
r = pickle.loads(pickle.dumps(d))
print(r['self'] is r)
t = ([],)
t[0].append(t)
print(pickle.dumps(t).hex())
r = pickle.loads(pickle.dumps(t))
print(r[0][0] is r)
p = Point(1, 2)
p.me = p
r = pickle.loads(pickle.dumps(p))
print(r.me is r, r)

w = pickle.loads(pickle.dumps(WithState(9)))
print(w.v, w.cache)
print(pickle.loads(pickle.dumps(Reduced(3))).a, pickle.dumps(Reduced(3)).hex())
s = Sized([1, 2])
s.tag = 't'
r = pickle.loads(pickle.dumps(s))
print(type(r).__name__, r, r.tag, pickle.dumps(s).hex())

big = list(range(2500))
print(len(pickle.dumps(big)), pickle.loads(pickle.dumps(big)) == big)
bigd = {i: -i for i in range(1000)}
print(len(pickle.dumps(bigd)), pickle.dumps(bigd)[-40:].hex())
huge = 'q' * 70000
data = pickle.dumps([huge, huge, 'tail'])
print(len(data), data[:40].hex(), data[-30:].hex())

buf = io.BytesIO()
pickle.dump({'a': 1}, buf)
pickle.dump([2, 3], buf, protocol=2)
buf.seek(0)
print(pickle.load(buf), pickle.load(buf))

# A pickle made by CPython 3.11 (protocol 4) of {'a': [1, 2.5, 'x'], 'b': (True, None)}
cp = bytes.fromhex('80049524000000000000007d94288c0161945d94284b01474004000000000000'
                   '8c017894658c016294884e8694752e')
try:
    print(pickle.loads(cp), pickle.loads(cp[:20]))
except Exception as e:
    print(type(e).__name__, e)
print(pickle.loads(b'\x80\x02]q\x00(K\x01X\x01\x00\x00\x00aq\x01e.'))
print(pickle.loads(b"(lp0\nI1\naVb\np1\na."))

for bad in [lambda: 0, (x for x in ())]:
    try:
        pickle.dumps(bad)
    except (pickle.PicklingError, TypeError, AttributeError) as e:
        print(type(e).__name__, str(e).split(' at ')[0])

def make_local():
    class Local:
        pass
    return Local()
try:
    pickle.dumps(make_local())
except AttributeError as e:
    print("AttributeError:", e)
for bad in [b'', b'\x80\x04\x95', b'zzz']:
    try:
        pickle.loads(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    pickle.dumps(1, protocol=9)
except ValueError as e:
    print("ValueError:", e)
print(pickle.HIGHEST_PROTOCOL, pickle.DEFAULT_PROTOCOL, issubclass(pickle.PicklingError, pickle.PickleError))

# Pickler/Unpickler subclasses: persistent ids, restricted find_class, dispatch_table
import copyreg
class Secret:
    def __init__(self, v): self.v = v
class MyPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Secret): return ('secret', obj.v)
        return None
class MyUnpickler(pickle.Unpickler):
    def persistent_load(self, pid):
        return 'loaded-' + str(pid[1])
buf = io.BytesIO()
MyPickler(buf).dump([Secret(3), 'x'])
print(buf.getvalue().hex())
buf.seek(0)
print(MyUnpickler(buf).load())
class Restricted(pickle.Unpickler):
    def find_class(self, module, name):
        if module == 'builtins' and name in ('set',):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"global '{module}.{name}' is forbidden")
print(Restricted(io.BytesIO(pickle.dumps({1, 2}))).load())
try:
    Restricted(io.BytesIO(pickle.dumps(Secret(1)))).load()
except pickle.UnpicklingError as e:
    print("UnpicklingError:", e)
class P2(pickle.Pickler):
    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[Secret] = lambda s: (Secret, (s.v * 10,))
b = io.BytesIO(); P2(b).dump(Secret(2)); print(b.getvalue().hex(), pickle.loads(b.getvalue()).v)
class P3(pickle.Pickler):
    def reducer_override(self, obj):
        if obj is Secret: return (str, ('replaced',))
        return NotImplemented
b = io.BytesIO(); P3(b).dump([Secret, 1]); print(b.getvalue().hex(), pickle.loads(b.getvalue()))
p = pickle.Pickler(io.BytesIO(), 3); print(p.bin, p.fast)
u = pickle.Unpickler(io.BytesIO(pickle.dumps([1, 2]) + pickle.dumps('z')))
print(u.load(), u.load())
try: u.load()
except EOFError as e: print("EOFError:", e)
