# everyday string and bytes idioms
words = "The quick Brown fox Jumps over the lazy dog".split()
print(sorted(words, key=str.lower), sorted(words, key=len), list(map(str.upper, words[:3])))
print(max(words, key=str.casefold), "-".join(w.capitalize() for w in words), {w: len(w) for w in words if w.istitle()})
from collections import Counter
print(Counter("mississippi").most_common(2))
table = [("name", "qty"), ("apple", 3), ("kiwi", 12)]
for a, b in table:
    print(f"{a:<8}|{b!s:>5}|{str(b).center(7, '.')}")
print("%-10s|%5.1f%%" % ("rate", 12.345), "{:,.2f}".format(1234567.891), "{0:b} {0:o} {0:x} {0:#X}".format(255))
s = "a,b;c d"
print(s.replace(";", ",").replace(" ", ",").split(","))
print(str.join(", ", ["x", "y"]), str.__add__("a", "b"), "abc".__getitem__(slice(1, None)), str.format("{}!", 5))
data = b"\x00\x01\x02hello"
print(data[3:].decode(), list(data[:3]), data.hex(" "), int.from_bytes(data[:3], "big"), bytes(reversed(data[:3])))
print("Hello %(name)s, you are %(age)d" % {"name": "Ann", "age": 30}, "tab\tsep".expandtabs(8).replace(" ", "_"))
lines = "line one\nline two\r\nline three".splitlines()
print([l.split(maxsplit=1)[1] for l in lines], "x".join(reversed("abc")), "abc"[::-1] == "cba")
print(ascii("naïve"), repr("naïve"), str("naïve".encode("latin-1"), "latin-1"), "naïve".encode("ascii", "ignore").decode())
print("{:>10}".format("€uro"), len("€uro".encode()), "€uro".encode("utf-16-le").hex(), "%c%c" % (8364, "x"))
print("0x%04X" % 0xBEEF, "%08.3f" % -3.14159, "%+.2e" % 12345.6789, "%s" % (True,), "%d%%" % 50)
