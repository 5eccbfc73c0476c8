# bytes: construction, repr, indexing, slicing, operators, methods
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes("héllo", "utf-8"), bytes(b"abc"), bytes(bytearray(b"x")), bytes(memoryview(b"mv")), bytes(iter([1, 2])))
print(b"it's", b'say "hi"', b"both ' and \"", b"\x00\t\n\r\\\x7f\x80\xff", repr(b""), str(b"ab"))
b = b"hello world"
print(b[0], b[-1], b[1:4], b[::-1], b[::3], b[100:], len(b), b"" == bytes(), list(b"ab"), [x for x in b"\x01\xff"])
print(b"ab" + b"cd", b"ab" + bytearray(b"x"), b"ab" * 3, 2 * b"x", b"x" * 0, b"ll" in b, 104 in b, 0 in b, b"" in b)
print(b"a" < b"b", b"ab" < b"abc", b"b" > b"abc", b"x" == bytearray(b"x"), b"x" == "x", b"x" != "x", sorted([b"b", b"a", b"ab"]))
print(hash(b"abc") == hash(b"ab" + b"c"), {b"k": 1}[b"k"], b.upper(), b.title(), b.capitalize(), b"AbC".swapcase(), b"ABC".lower())
print(b.split(), b.split(b"o"), b"a,b,,c".split(b",", 2), b"a b c".rsplit(None, 1), b"a\nb\r\nc".splitlines(), b"a\nb\n".splitlines(True))
print(b.find(b"o"), b.rfind(b"o"), b.find(111), b.index(b"w"), b.rindex(b"l"), b.count(b"l"), b.count(b""), b.find(b"o", 5), b.find(b"zz"))
print(b.startswith(b"he"), b.endswith((b"x", b"ld")), b.startswith(b"o", 4), b.replace(b"l", b"L"), b.replace(b"l", b"", 2), b"abc".replace(b"", b"-"))
print(b"  x ".strip(), b"xxaxx".strip(b"x"), b"  x".lstrip(), b"x  ".rstrip(), b"abc".center(7, b"*"), b"ab".ljust(4, b"-"), b"ab".rjust(4), b"-5".zfill(4))
print(b"-".join([b"a", b"b", bytearray(b"c")]), b"".join([]), b"a-b-c".partition(b"-"), b"a-b-c".rpartition(b"-"), b"abc".partition(b"x"), b"abc".rpartition(b"x"))
print(b"abc".isalpha(), b"ab1".isalnum(), b"12".isdigit(), b" \t".isspace(), b"ab".islower(), b"AB".isupper(), b"Ab Cd".istitle(), b"\x80".isascii(), b"".isalpha())
print(b"a\tb".expandtabs(4), b"\xde\xad".hex(), b"abc".hex(":"), b"abcde".hex(":", 2), b"abc".hex("-", -2), bytes.fromhex("de ad BE EF"), bytes.fromhex(""))
print(b"caf\xc3\xa9".decode(), b"caf\xc3\xa9".decode("utf-8"), b"\xe9".decode("latin-1"), b"\xff".decode("utf-8", "replace"), b"a\xffb".decode("ascii", "ignore"), b"\xff".decode("utf-8", "backslashreplace"), repr(b"\xff".decode("utf-8", "surrogateescape")))
t = bytes.maketrans(b"abc", b"xyz")
print(len(t), b"abcd".translate(t), b"abcd".translate(None, b"bd"), b"abcd".translate(t, b"a"))
print(b"prefix_x".removeprefix(b"prefix_"), b"x.py".removesuffix(b".py"), b"%s=%d" % (b"k", 5), b"%x" % 255, b"%5s|" % b"ab")
class B(bytes):
    pass
x = B(b"sub")
print(x, type(x).__name__, x + b"!", type(x.upper()).__name__, x == b"sub", bytes(x), type(bytes(x)).__name__)
class WithBytes:
    def __bytes__(self):
        return b"custom"
print(bytes(WithBytes()), b"%s" % WithBytes(), type(iter(b"")).__name__, b"ab".__getnewargs__())
print(int.from_bytes(b"\x01\x00", "big"), (256).to_bytes(2, "little"), "é".encode("utf-16"), "é".encode("utf-16-be"), "a😀".encode("utf-32-le"), b"\xff\xfe\xe9\x00".decode("utf-16"), b"\x00\xe9".decode("utf-16-be"))
