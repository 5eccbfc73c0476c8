# Compile-time errors raised by the symbol table and the code generator (messages, lines).
cases = [
    "nonlocal x",
    "def f():\n    nonlocal y\n",
    "def f():\n    x = 1\n    global x\n",
    "def f():\n    print(x)\n    global x\n",
    "def f(a):\n    global a\n",
    "return 1",
    "yield 1",
    "class C:\n    return 2\n",
    "break",
    "continue",
    "def f():\n    for i in x:\n        pass\n    break\n",
    "await x",
    "def f():\n    await x\n",
    "def f():\n    x: int\n    global x\n",
    "def f(a, a): pass",
    "[(yield) for x in y]",
    "def f():\n    [(i := 1) for i in range(3)]\n",
    "class C:\n    [(j := 1) for i in range(3)]\n",
    "f(a=1, a=2)",
    "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
    "def f():\n    from os import *\n",
    "async def f():\n    yield from x\n",
    "async def f():\n    yield 1\n    return 2\n",
    "def f():\n    async with x:\n        pass\n",
    "def f():\n    async for x in y:\n        pass\n",
    "try:\n    pass\nexcept* ValueError:\n    break\n",
    "for x in y:\n    try:\n        pass\n    except* ValueError:\n        continue\n",
    "def f():\n    x = 1\n    def g():\n        nonlocal x\n        global x\n",
    "from __future__ import nonsense",
    "a, *b, *c = d",
    "def f():\n    [x async for x in y]\n",
]
for src in cases:
    try:
        compile(src, "<case>", "exec")
        print("compiled OK:", repr(src))
    except SyntaxError as e:
        print(f"{e.msg!r} line={e.lineno} off={e.offset} text={e.text!r}")
