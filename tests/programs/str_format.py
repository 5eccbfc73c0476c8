# str.format, format_map and format() on strings
class P:
    x = 3
    def __format__(self, spec):
        return "P<" + spec + ">"
print("{} {}".format(1, 2), "{1} {0} {1}".format("a", "b"), "{name} is {age}".format(name="Ann", age=7))
print("{0.x} {0.x.real} {1[0]} {1[1][0]} {2[k]} {2[k][1]}".format(P(), [5, [6]], {"k": "vw"}))
print("{:>6}|{:<6}|{:^6}|{:*^7}|{:06.2f}|{:+d}|{:,}|{:x}|{:#o}|{:e}".format("ab", "cd", "ef", "g", 3.14159, 5, 1234567, 255, 8, 12345.678))
print("{!r} {!s} {!a}".format("é", 1, "é"), "{0!r:>8}".format("é"), "{:{w}.{p}f}".format(2.71828, w=9, p=3), "{:{}}|".format("x", 4), "{0:{1}{2}}|".format(1, "<", 4))
print("{{}} {{{}}} {}".format(1, 2), "{:%}".format(0.25), "{:.3}".format("abcdef"), "{:5}|{:<5}|".format(12, 12), "{}".format(P()), "{:abc}".format(P()))
print("{a}-{b}".format_map({"a": 1, "b": 2}), "{0[0]}".format(("t",)), "{0}".format([1, 2]), "{:>{}}".format("r", 3))
class D(dict):
    def __missing__(self, key):
        return "<" + key + ">"
print("{x} {y}".format_map(D(x=1)), format("abc", "^9"), format("abc", ".2"), format("é", "*^5"), format("ab", "05"), format(12, ""), format("s"))
print(f"{'a'!r:>5}", f"{3.5:08.3f}", f"{10:b}", f"{'x':=^9}", f"{'é'*2:>4}")
def t(f, *a, **k):
    try:
        print(repr(f.format(*a, **k)))
    except Exception as e:
        print(type(e).__name__ + ":", e)
t("{")
t("}")
t("{0")
t("{!x}", 1)
t("{} {1}", 1, 2)
t("{1} {}", 1, 2)
t("{1}", 1)
t("{}")
t("{a}")
t("{0.}", 1)
t("{.nope}", 1)
t("{0[1]x}", [1, 2])
t("{:{:{}}}", 1, 2, 3)
t("{0[5]}", [1])
t("{0[k]}", {})
t("{:d}", "x")
t("{:x}", 1.5)
t("{:=5}", "abc")
t("{:+}", "abc")
t("{0!r:}", 1)
t("{0 }", 1)
t("a}b")
t("{0!}", 1)
t("{0!rr}", 1)
