# itertools: every iterator's values, reprs, laziness and error messages.
import itertools as it
from itertools import *

print(list(islice(count(), 5)), list(islice(count(10, 3), 4)), list(islice(count(2.5, 0.5), 3)))
print(list(islice(count(-3, -2), 4)))
c = count(5); next(c); print(c, repr(count(1, 2)), count(0.5), count(step=3))
print(list(islice(count(2**62 - 2), 4)))
print(list(islice(cycle('abc'), 8)), list(cycle([])))
r = repeat('a', 3); print(r, list(r), r, repeat(7), repeat(1, -5))
print(list(repeat(None, 2)), list(map(pow, range(5), repeat(2))))
print(repeat(1, 4).__length_hint__())
print(list(chain('ab', [1, 2], (), range(3))), list(chain()), list(chain.from_iterable(['xy', 'z'])))
print(list(islice('abcdefg', 2)), list(islice('abcdefg', 2, 4)), list(islice('abcdefg', 2, None)),
      list(islice('abcdefg', 0, None, 2)), list(islice('abcdefg', None)), list(islice(range(10), 1, 9, 3)))
src = iter(range(10)); print(list(islice(src, 3)), next(src))
print(list(accumulate([1, 2, 3, 4, 5])), list(accumulate([1, 2, 3, 4], lambda a, b: a * b)))
print(list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([1, 2, 3], initial=100)), list(accumulate([], initial=7)))
print(list(accumulate(['a', 'b', 'c'])), list(accumulate([])))
print(list(product('ab', range(2))), list(product([1, 2], repeat=2)), list(product()), list(product('ab', [])))
print(len(list(product(range(3), repeat=3))))
print(list(permutations('abc', 2)), list(permutations(range(3))), list(permutations('ab', 3)), list(permutations([])))
print(list(combinations('abcd', 2)), list(combinations(range(4), 3)), list(combinations('ab', 0)), list(combinations('ab', 3)))
print(list(combinations_with_replacement('abc', 2)), list(combinations_with_replacement('', 2)),
      list(combinations_with_replacement('', 0)))
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')])
print([k for k, g in groupby('AAAABBBCCD')], [(k, len(list(g))) for k, g in groupby([1, 3, 5, 2, 4, 7], key=lambda x: x % 2)])
groups = groupby('aabbc'); k1, g1 = next(groups); k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
print(list(zip_longest('abc', [1], fillvalue='-')), list(zip_longest('ab', 'xyz')), list(zip_longest()))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(max, [[1, 5], 'ab'])))
a, b = tee(range(5)); print(list(a), list(b))
a, b, c = tee(iter('xyz'), 3); print(next(a), list(b), list(a), list(c))
print(tee([1]) .__class__ is tuple, len(tee('a', 0)), type(tee('ab')[0]).__name__)
x, = tee(range(200), 1); print(sum(x))
print(list(pairwise('abcd')), list(pairwise('a')), list(pairwise([])))
print(list(compress('abcdef', [1, 0, 1, 0, 1, 1])), list(compress('abc', [True])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a', None])))
print(type(count()).__name__, type(chain()).__module__, isinstance(chain(), chain))
class MyChain(chain):
    pass
print(list(MyChain('ab', 'c')), MyChain.from_iterable(['q']).__class__.__name__)
class C(count):
    pass
print(C(3))
def gen():
    yield 1
    raise ValueError("boom")
try:
    list(chain(gen()))
except ValueError as e:
    print("ValueError", e)
for expr in ["count('a')", "count(1, 2, 3)", "repeat()", "islice([1])", "islice([1], -1)", "islice([1], 0, 'x')",
             "islice([1], 'x', 2)", "islice([1], 1, 2, 0)", "islice([1], stop=2)", "chain(a=1)",
             "combinations([1])", "combinations([1], -1)", "permutations([1], 'x')", "product([1], repeat=-1)",
             "takewhile(None)", "starmap(1)", "tee([1], -1)", "pairwise()", "compress([1])", "filterfalse(None)",
             "cycle()", "zip_longest(1)", "groupby()", "chain.from_iterable()", "next(starmap(len, [1]))",
             "next(chain(1))", "repeat(1, times=None)", "len(repeat(1))", "repeat(1).__length_hint__()"]:
    try:
        print(expr, '->', eval(expr))
    except Exception as e:
        print(expr, '!!', type(e).__name__, e)
import copy
c = it.count(5); next(c)
print(c.__reduce__(), it.count(1.5).__reduce__(), it.count(1, 2).__reduce__(), copy.copy(c), next(c))
print(it.repeat("a", 2).__reduce__(), it.repeat(1).__reduce__(), copy.deepcopy(it.repeat([1], 2)))
import gc
a, b = it.tee(range(1000))
print(sum(a), sum(b))
a, b = it.tee(iter(range(500)))
for _ in range(200): next(a)
c = a.__copy__()
print(list(c)[:3], sum(b))
del a, b, c
g = it.groupby('aaabbbcccaaa')
groups = [(k, grp) for k, grp in g]
print([(k, list(grp)) for k, grp in groups])
k, grp = next(it.groupby([1, 1, 2]))
print(list(grp))
r = [p for p in it.permutations(range(5), 3)]
print(len(r), r[-1])
keep = []
for t in it.product('ab', repeat=3):
    keep.append(t)
print(keep[:3], len(set(keep)))
cyc = []
cyc.append(it.chain(cyc))
del cyc
l = []
z = it.zip_longest(l, [1, 2])
l.append(z)
del l, z
print(gc.collect() >= 0)
x = it.accumulate(it.repeat(1), lambda a, b: a + b)
print(list(it.islice(x, 5)))
print(list(it.islice(it.count(2**62), 3)), list(it.islice(it.count(0.5, 0.25), 3)))
class Bad:
    def __eq__(self, o): raise ValueError("cmp")
try:
    list(it.groupby([Bad(), Bad()]))
except ValueError as e:
    print("groupby", e)
for n in range(6):
    for r in range(7):
        assert list(it.combinations(range(n), r)) == sorted(set(it.combinations(range(n), r)))
        assert len(list(it.permutations(range(n), r))) == (0 if r > n else __import__('math').perm(n, r))
        assert len(list(it.combinations_with_replacement(range(n), r))) == (__import__('math').comb(n + r - 1, r) if n else (1 if r == 0 else 0))
print("ok")
