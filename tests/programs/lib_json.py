# json: dumps/loads/dump/load, indent, separators, sort_keys, default, ensure_ascii, decode errors.
import json
bad = ['', ' ', '[', '[1,]', '{"a":1,}', '{"a" 1}', '{a:1}', '[1 2]', '"abc', '"a\x01b"', '"\\x"', '"\\u12"', '"\\u12zz"', '1 2', 'nul', 'tru', '{"a":}', '[1,2', '{', '{"a":1', '-', '01', '1.', '1e', '"\\', '[1]x', '\ufeff[1]', '{"a":1 "b":2}', '   \n  [1,\n  ]', '"\\ud800"', 'NaN', '-Infinity', 'infinity', '1.5e+3', '-0', '[1e400]', '"\\uD834\\uDD1E"', '{"a":1,"a":2}', '[-]', '"\t"', '1_0']
for b in bad:
    try:
        print(repr(b), '->', repr(json.loads(b)))
    except json.JSONDecodeError as e:
        print(repr(b), '!!', e, '|', e.msg, e.pos, e.lineno, e.colno)
    except Exception as e:
        print(repr(b), '!!', type(e).__name__, e)
for v in [b'[1]', b'\xef\xbb\xbf[2]', '[3]'.encode('utf-16'), '[4]'.encode('utf-16-le'), '[5]'.encode('utf-32'), '[6]'.encode('utf-32-be'), bytearray(b'"x"'), 5, None]:
    try: print(json.loads(v))
    except Exception as e: print(type(e).__name__, e)
print(json.loads('"a\\tb"', strict=False), json.loads('"a\tb"', strict=False))
print(json.loads('{"b":[1,2.5,{"c":null}],"a":true}', object_pairs_hook=list))
print(json.loads('{"x": 1}', object_hook=lambda d: ('hook', d)), json.loads('[1.5, 2]', parse_float=str, parse_int=float), json.loads('[NaN]', parse_constant=repr))
e = json.JSONDecodeError('msg', 'a\nbc', 3); print(e, e.args, e.lineno, e.colno, isinstance(e, ValueError))
import json, io
from collections import OrderedDict
data = {"name": "Ünïcødé ✓ 𝄞", "list": [1, 2.5, 1e16, -0.0, 1e-7, 3.0, True, False, None], "nested": {"a": [], "b": {}, "c": [{}]}, "tuple": (1, "x"), 5: "int key", 2.5: "float key", True: "bool key", None: "none key", "esc": "quote\" back\\ nl\n tab\t ctrl\x01\x1f del\x7f"}
print(json.dumps(data))
print(json.dumps(data, ensure_ascii=False))
print(json.dumps(data, indent=2))
print(json.dumps(data, indent='\t', separators=(',', ':')))
print(json.dumps([1, [2, [3]]], indent=0))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 1, "y": 2}}, sort_keys=True, indent=4))
print(json.dumps([float('nan'), float('inf'), float('-inf')]))
for bad in [lambda: json.dumps(float('nan'), allow_nan=False), lambda: json.dumps({(1, 2): 3}), lambda: json.dumps(object()),
            lambda: json.dumps({1: 1, 'a': 2}, sort_keys=True), lambda: json.dumps(set())]:
    try: print(bad())
    except Exception as e: print(type(e).__name__, e)
l = []; l.append(l)
try: json.dumps(l)
except ValueError as e: print(e)
d = {}; d['d'] = d
try: json.dumps(d)
except ValueError as e: print(e)
print(json.dumps({(1, 2): 3, 'k': 4}, skipkeys=True))
print(json.dumps({1, 2} , default=sorted), json.dumps(OrderedDict(b=1, a=2)))
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, complex): return [o.real, o.imag]
        return super().default(o)
print(json.dumps([1j, 2+3j], cls=Enc), Enc(indent=1).encode({'x': 1j}))
print(json.dumps("plain"), json.dumps("ü"), json.dumps("ü", ensure_ascii=False), json.dumps(10**30), json.dumps(1.1), json.dumps(123456789.123456789))
class MyInt(int): pass
class MyFloat(float): pass
class MyStr(str): pass
print(json.dumps([MyInt(5), MyFloat(2.5), MyStr("s"), {MyStr("k"): 1}]))
buf = io.StringIO(); json.dump({"a": [1, 2]}, buf, indent=1); print(buf.getvalue())
buf.seek(0); print(json.load(buf))
rt = json.loads(json.dumps(data)); print(rt)
print(json.loads('  {"a" : [1, 2, {"b": null}], "c": "\\u00e9\\n"}  '))
print(json.loads('[1.0, -2, 3e2, 0.5E-1, -0.0, 12345678901234567890]'))
print(list(json.JSONEncoder(indent=2).iterencode({"a": [1]})))
print(json.JSONDecoder().raw_decode('[1] extra'))
print(json.dumps([]), json.dumps({}), json.dumps([[]], indent=2), json.dumps({'a': {}}, indent=2))
for doc in ['["é", 1, x]', '{"ü": "日本語", "k": [1, 2 3]}', '"𝄞\\n\\u00e9\\ud834\\udd1e" extra', '["\\ud834\\u0041"]', '["\\ud834\\uzzzz"]', '["a\u0001"]', '{"é":1,}', '["日本"', '"\\u12', '[1, 2, {"a": [true, false, null, NaN, -Infinity, Infinity]}]', ' [ -0.5e-3 , 1E+2, 1e5, -0, 123456789012345678901234567890 ] ', '{"a": 1e}', '[01]', '[1.]', '["\\/\\b\\f"]']:
    try:
        print(repr(json.loads(doc)))
    except json.JSONDecodeError as e:
        print('ERR', e)
d = json.JSONDecoder()
print(d.raw_decode('ééé [1, "x"] tail'[4:]), d.scan_once('ab "cd" ef', 3))
try: d.scan_once('ab', 5)
except StopIteration as e: print('StopIteration', e.value)
deep = '[' * 100 + ']' * 100
print(len(str(json.loads(deep))))
try: json.loads('[' * 100000)
except RecursionError as e: print('RecursionError')
print(json.dumps(["é𝄞\x7f\x00", "plain"]), json.dumps("é𝄞\x7f", ensure_ascii=False))
print(json.loads('{"a": 1, "a": 2, "b": {"c": []}}', object_pairs_hook=lambda p: p))
print(json.loads('[1, 2.50]', parse_int=lambda s: 'i' + s, parse_float=lambda s: 'f' + s))
from collections import OrderedDict
class MyInt(int):
    def __repr__(self): return 'MyInt!'
class MyFloat(float):
    def __repr__(self): return 'MyFloat!'
class D(dict):
    def items(self): return [('z', 1), ('a', 2)]
print(json.dumps([MyInt(3), MyFloat(1.25), {MyInt(1): 1, MyFloat(2.5): 2, float('nan'): 3, 1e100: 4}]))
print(json.dumps(D(x=1)), json.dumps(OrderedDict([('b', 1), ('a', [])]), sort_keys=True))
print(json.dumps({'b': 1, 'a': {'d': 1, 'c': 2}}, sort_keys=True, separators=(',', ':')))
try: json.dumps({'a': 1, 2: 3}, sort_keys=True)
except TypeError as e: print(e)
print(json.dumps({(1,): 1, 'ok': 2, None: 3}, skipkeys=True))
class Node:
    def __init__(self): self.child = self
try: json.dumps(Node(), default=lambda o: {'child': o.child})
except ValueError as e: print(e)
try: json.dumps([float('inf')], allow_nan=False)
except ValueError as e: print(e)
print(json.dumps({'k': float('-inf')}), json.dumps([2**64, -2**70, 0, -1, True, 1.0, 1e22, 1e-5, 5e-324]))
deep = []
cur = deep
for _ in range(5000):
    nxt = []; cur.append(nxt); cur = nxt
try: json.dumps(deep)
except RecursionError as e: print('RecursionError')
print(json.dumps([[], {}, [[]], {"a": {}}], check_circular=False), json.dumps("\u2028\ud800"), json.dumps('\x00\x1f\x7f"\\', ensure_ascii=False))
class E(json.JSONEncoder):
    def encode_basestring(self): pass
print(E(separators=('; ', '= ')).encode({'a': [1, 2]}))
print(json.dumps(('t', 1)), json.dumps({'x': (1, [2])}))
