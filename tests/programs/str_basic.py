# str: indexing, slicing, iteration, concatenation, comparison, repr
s = "Hello, World"
print(s[0], s[-1], s[4:9], s[::2], s[::-1], s[-3:], s[:100], s[100:], s[5:2], s[1:10:3], s[10:1:-2])
u = "naïve café ☕ 😀 日本"
print(u[2], u[-1], u[6:10], u[::-1], u[::3], len(u), u[13], u[-4:-1])
for i in range(len(u)):
    assert u[i] == list(u)[i]
print(list("héllo"), [c for c in "ab😀"], "".join(reversed("abc")))
print("ab" + "cd", "ab" * 3, 3 * "x", "x" * 0, "x" * -2, "é" * 3, "" + "")
print("ell" in s, "xyz" in s, "" in s, "é" in u, "😀" in u)
print("a" < "b", "abc" < "abd", "ab" < "abc", "é" > "z", "😀" > "\uffff", "A" == "A", "a" != "a", "b" >= "a", "a" <= "a")
print(sorted(["b", "a", "é", "Z", "😀", "aa"]))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("tab\there\nnl\r\\"), repr("\x00\x1f\x7f\x80\xa0\xad"))
print(repr("é ☕ 😀 \u200b \u2028 \ud800 \U000e0001 \U0010ffff"), ascii("é ☕ 😀"), repr(""))
print(str(), str(12), str("x"), str(b"ab"), str(b"caf\xc3\xa9", "utf-8"), str(b"\xff", "latin-1"), str(b"ab", encoding="ascii"))
print(hash("abc") == hash("ab" + "c"), hash("") == hash(str()), len(""), len("😀😀"))
x = ""
for i in range(1000):
    x += str(i % 10)
print(len(x), x[:20], x[-5:])
it = iter("ab")
print(next(it), next(it), next(it, "done"))
print(type(iter("abc")).__name__, type(iter("é")).__name__)
print("abc".__len__(), "abc".__getitem__(1), "abc".__contains__("b"), "a".__add__("b"), "ab".__mul__(2), "ab".__rmul__(2))
print(str.__name__, type("x") is str, isinstance("x", str), "x".__class__)
class S(str):
    pass
t = S("hi")
print(t, type(t).__name__, t + "!", t.upper(), type(t.upper()).__name__, repr(t), t == "hi", len(t), str(t), type(str(t)).__name__)
print(ord("a"), ord("é"), ord("😀"), chr(97), chr(233), chr(128512), chr(0x2028) == "\u2028")
print(min("hello"), max("hello"), "-".join("abc"), sum(map(len, ["ab", "c"])))
print("%s" % "é", f"{'é':>3}|", "{:<4}|".format("é"), format("ab", "*^6"))
