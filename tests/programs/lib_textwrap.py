# textwrap: wrap/fill/shorten/dedent/indent, hyphen and em-dash splitting, max_lines, options.
import textwrap, random
random.seed(5)
pieces = ['foo', 'bar-baz', 'a-b-c', '--', 'x--y', 'well--known', 'hello.', 'World!', '"quote."', 'e-mail', '-b', '---', 'abc-', '-abc', 'über-cool', '12-34', 'a1-b2', 'R2-D2', 'self-', 'x_y-z', '  ', ' ', '\t', '\n', 'supercalifragilisticexpialidocious', 'x', "it's", 'end?', 'ok,', 'mid-air-collision', 'a--', '--b', 'A-B-', 'and/or']
for trial in range(80):
    text = ''.join(random.choice(pieces) + random.choice(['', ' ', ' ', '  ', '-', '\n']) for _ in range(random.randint(1, 25)))
    w = random.randint(1, 30)
    kw = {}
    if random.random() < 0.3: kw['break_on_hyphens'] = False
    if random.random() < 0.2: kw['break_long_words'] = False
    if random.random() < 0.2: kw['drop_whitespace'] = False
    if random.random() < 0.2: kw['fix_sentence_endings'] = True
    if random.random() < 0.2: kw['initial_indent'] = '* '
    if random.random() < 0.2: kw['subsequent_indent'] = '  '
    if random.random() < 0.3: kw['max_lines'] = random.randint(1, 4)
    try:
        print(trial, textwrap.wrap(text, w, **kw))
    except ValueError as e:
        print(trial, 'ValueError', e)
    try:
        print(trial, repr(textwrap.shorten(text, max(w, 8))))
    except ValueError as e:
        print(trial, 'ValueError', e)
    tw = textwrap.TextWrapper()
    print(tw._split(text))
for t in ["  a\n    b\n  c", "\ta\n\tb", "  a\n \n  b", " a\n\tb", "x\n  y", "  \n  a\n   b\n", "    foo\r\n      bar", "", "  a\n  \t\n  b\n    c\n"]:
    print(repr(textwrap.dedent(t)))
print(repr(textwrap.indent("a\n\nb\n  \nc", "> ")), repr(textwrap.indent("a\nb", "+", lambda l: True)))
text = "The quick brown fox jumps over the lazy dog. Look, goof-ball -- use the -b option!"
print(textwrap.fill(text, 20))
print(textwrap.wrap(text, 15, initial_indent='> ', subsequent_indent='. '))
print(textwrap.TextWrapper()._split("Look, goof-ball -- use the -b option!"))
print(textwrap.TextWrapper(break_on_hyphens=False)._split("Look, goof-ball -- use the -b option!"))
print(textwrap.shorten("Hello  world!", width=12), '|', textwrap.shorten("Hello world!", width=11), '|',
      textwrap.shorten("Hello world", width=10, placeholder="..."))
print(textwrap.fill("a\tb\tc", 30), textwrap.fill("a\tb", 30, expand_tabs=False, replace_whitespace=False).encode())
print(textwrap.wrap("", 10), textwrap.wrap("   ", 10), textwrap.wrap("   ", 10, drop_whitespace=False))
for bad in [0, -1]:
    try:
        textwrap.wrap("abc", bad)
    except ValueError as e:
        print(e)
try:
    textwrap.wrap("abc def", 3, max_lines=1, placeholder=' [...]')
except ValueError as e:
    print(e)
w = textwrap.TextWrapper(width=10, max_lines=2)
print(w.wrap("one two three four five six"), w.width, w.placeholder)
print(textwrap.dedent('''\
    def f():
        return 1
'''))
