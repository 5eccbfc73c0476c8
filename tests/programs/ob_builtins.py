# The builtins module's functions: arguments, defaults and CPython's error messages.
import sys
print("a", "b", sep="", end="|\n")
print("x", 1, None, sep=", ")
print(file=sys.stdout)
print("to stderr", file=sys.stderr)
print(len("héllo"), len([1, 2]), len({}))
print(sorted("bca"), sorted([3, 1, 2], reverse=True), sorted(["bb", "a", "ccc"], key=len))
print(min(3, 1, 2), max([1, 5, 2]), min("zab"), max([], default=0), min([4, 2], key=lambda v: -v))
print(max((1, "a"), (1, "b")), min(iter([5, 3, 9])))
print(sum([1, 2, 3]), sum([0.1] * 10), sum([[1], [2]], []), sum(range(101), 10), sum([1, 2.5]), sum([2**62, 2**62]))
print(any(x > 2 for x in [1, 3]), all([1, 0]), any([]), all([]))
print(abs(-5), abs(-2.5), abs(3 + 4j), round(2.5), round(3.5), round(-0.5), round(2.675, 2), round(7, -1))
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), pow(2, 10), pow(2, -1), pow(3, 4, 5), pow(2, 100))
print(repr("x"), ascii("é€😀"), format(255, "x"), format(3.5), format("s", ">4"), hash("abc") == hash("abc"))
print(chr(9731), ord("€"), ord(b"A"), hex(-255), oct(64), bin(-3), hex(2**70))
print(callable(print), callable(1), callable(int), isinstance(print, type(len)))
it = iter([1, 2])
print(next(it), next(it), next(it, "end"))
calls = iter([3, 2, 1, 0, 5])
print(list(iter(lambda: next(calls), 0)))
class O: pass
o = O()
setattr(o, "a", 1)
print(getattr(o, "a"), hasattr(o, "b"), vars(o))
delattr(o, "a")
print(vars(o), type(vars), type(len).__name__)
print(list(map(str, range(3))), list(filter(None, [0, 1, 2])), list(zip("ab", [1, 2])), list(enumerate("xy", 1)))
print(list(reversed([1, 2, 3])), type(range(3)).__name__, bool(), int(), float(), str(), tuple(), list(), dict())
print(id(o) == id(o), hash(None) == hash(None), type(None).__name__, None.__class__)
print(NotImplemented, Ellipsis, ..., bool(None), __debug__)
print(globals()["__name__"], "o" in globals())
def f():
    local_var = 1
    return sorted(locals()), dir()
print(f())
print(eval("1 + 2 * 3"), eval("x + 1", {"x": 41}), eval("y", {}, {"y": "loc"}), eval("  7"))
ns = {}
exec("a = 1\nb = a + 1", ns)
print(ns["b"], sorted(k for k in ns if k != "__builtins__"))
code = compile("q = 5", "<mine>", "exec")
exec(code, ns)
print(ns["q"], code.co_filename, type(code).__name__, eval(compile("2 ** 8", "<e>", "eval")))
exec(compile("1 + 1", "<s>", "single"))
print(isinstance(ns["__builtins__"], dict))
m = __import__("math")
print(m.floor(2.5), __import__("os.path").__name__)
errors = [
    lambda: len(5), lambda: len(), lambda: len([], []), lambda: abs("x"), lambda: chr(-1),
    lambda: chr("a"), lambda: ord("ab"), lambda: ord(1), lambda: max(), lambda: max([]),
    lambda: min(1, 2, default=0), lambda: sum(["a", "b"], ""), lambda: sum([b"a"], b""),
    lambda: next(5), lambda: iter(5, 1), lambda: round("x"), lambda: divmod(1), lambda: pow(1),
    lambda: isinstance(1), lambda: getattr(o, "nope"), lambda: print(bad=1), lambda: print(sep=1),
    lambda: eval("x = 1"), lambda: eval(5), lambda: exec(5), lambda: compile("1", "f", "bad"),
    lambda: exec("open", {"__builtins__": {}}), lambda: vars(5), lambda: hex(1.5), lambda: format(1, 5),
    lambda: sorted(), lambda: sorted([1], bad=2), lambda: eval("1", []), lambda: next(iter([])),
    lambda: int.__dict__["real"].__get__("s"), lambda: str.lower(5), lambda: str.lower(),
    lambda: [].append(), lambda: {}.get(), lambda: [].clear(1), lambda: setattr(),
]
for e in errors:
    try:
        r = e()
        print("no error:", r)
    except Exception as ex:
        print(type(ex).__name__ + ":", ex)
