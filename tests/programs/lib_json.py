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
