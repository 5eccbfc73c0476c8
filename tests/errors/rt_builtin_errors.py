exprs = [
    "int('')", "int(' 12 3')", "int(None)", "int('10', base=1)", "int(1.5, 10)", "int(float('nan'))",
    "float([])", "float('1e')", "complex('x')", "round('x')", "round(1.5, 'x')",
    "sum(['a', 'b'], '')", "sum([[1]], 0)", "min([])", "max()", "max(1)", "min([], default=0, key=1)",
    "getattr(1, 2)", "getattr(1, 'nope')", "setattr(1, 'x', 2)", "delattr(object(), 'x')",
    "isinstance(1, 2)", "issubclass(1, int)", "issubclass(int, (int, 3))",
    "range(1.5)", "range()", "range(1, 2, 3, 4)", "enumerate(5)", "reversed(5)", "reversed({})",
    "sorted(5)", "sorted([1, 'a'])", "list(5)", "tuple(None)", "dict([1])", "dict([(1, 2, 3)])",
    "set([[1]])", "frozenset(1)", "len(iter([]))", "next(5)", "iter(5, 6)", "chr('a')", "ord('ab')",
    "ord(5)", "hex(1.5)", "bin('1')", "oct([])", "abs(None)", "divmod('a', 1)", "pow('a', 2)",
    "pow(2, 0.5, 3)", "hash({})", "id()", "callable()", "vars(5)", "dir(1, 2)", "format(1, 1)",
    "print(1, sep=5)", "print(1, end=[])", "print(1, file=5)", "repr()", "ascii()", "zip(1)",
    "map(1)", "map(len, 1)", "filter(None, 5)", "any(5)", "all(None)", "bytes('abc')",
    "bytes(-1)", "bytearray('x')", "memoryview(5)", "slice()", "super(1, 2)", "type(1, 2)",
    "type('X', (1,), {})", "object(1)", "object.__new__(int)", "staticmethod()", "property(1, 2, 3, 4, 5)",
    "compile('x', 'f', 'bad')", "compile(1, 'f', 'exec')", "eval(5)", "exec(5)", "globals(1)",
    "open()", "open('x', 'q')", "open('x', 'rw')", "open('x', buffering='a')", "open(-1)",
    "__import__('no_such_module_xyz')", "__import__(5)", "'abc'.split(1)", "'a'.join('b', 'c')",
    "[].sort(1)", "[].sort(key=1, reverse=None)", "{}.get()", "{}.update(1)", "{}.fromkeys()",
    "'x' + 1", "1 + 'x'", "[1] + (2,)", "(1,) + [2]", "{1} + {2}", "{} | []", "[] * 'a'", "None + None",
    "1 < 'a'", "[] >= {}", "~1.5", "-[]", "+'a'", "1 << -1", "1 >> 'a'", "2 ** 'a'", "'%s' % ()",
    "b'a' + 'b'", "'b' in 1", "1 in 'abc'", "[][::0]", "'abc'[1:2:0]",
    "{}[{}]", "(1, 2).count()", "[].insert(1)", "'a'.center('b')", "'a' * 1.5", "[0] * 1.5",
]
for e in exprs:
    try:
        eval(e)
        print("no error:", e)
    except Exception as ex:
        print(e, "->", type(ex).__name__ + ":", ex)
