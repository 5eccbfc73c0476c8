# More compile-time errors: __debug__, walrus/comprehension conflicts, __future__ placement.
cases = ["__debug__ = 1", "del __debug__", "def f(__debug__): pass", "x.__debug__ = 1", "for __debug__ in x: pass",
         "def f():\n    x = 1\n    def g():\n        print(x)\n        nonlocal x\n", "class C:\n    def f(self):\n        nonlocal __class__\n",
         "def f(*, a, a): pass", "lambda a, a: 0", "def f():\n    global x\n    nonlocal x\n",
         "[i for i in range(3) if (j := i) for j in range(2)]", "[i for i in (j := range(3))]",
         "def f():\n    yield\n    async def g(): yield from x\n", "async def f():\n    [x async for x in y]\n    return 1",
         "def f(): x = 1; del x; return (lambda: x)", "f(**a, *b)", "f(a for a in b, c)",
         "import __future__\nfrom __future__ import braces", "x = 1\nfrom __future__ import annotations"]
for src in cases:
    try:
        compile(src, "<case>", "exec")
        print("OK:", repr(src))
    except SyntaxError as e:
        print(f"{e.msg!r} line={e.lineno} off={e.offset}")
