# list: methods, slicing, operators, comparisons, repr, errors
a = [3, 1, 2]
a.append(4); a.extend((5, 6)); a.insert(0, 0); a.insert(-1, 99); a.insert(100, 7)
print(a, len(a))
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(5)
print(a, a.index(2), a.count(1), a.index(4, 2), 3 in a, 42 in a)
b = a.copy(); b.reverse(); print(b, a)
b.clear(); print(b)
x = list(range(10))
print(x[2:5], x[::2], x[::-1], x[-3:], x[:-7], x[8:2:-2], x[100:], x[-100:2])
x[2:5] = ["a", "b"]; print(x)
x[::3] = [0, 0, 0]; print(x)
del x[::2]; print(x)
del x[1]; print(x)
x[1:1] = range(3); print(x)
x[:] = x; print(x)
y = [1, 2, 3]; y[len(y):] = y; print(y)
for bad in ["[1,2][5]", "[].pop()", "[1].pop(5)", "[1].remove(2)", "[1].index(3)",
            "[1,2,3].__setitem__(slice(None,None,2), [1])", "[1]+(1,)", "[1]*'a'",
            "x = [1]; x['a']", "[1,2].__setitem__(1.0, 1)", "list(1)", "list(1,2)",
            "[].sort(1)", "[3,'a'].sort()", "[].sort(reverse='x')", "x = [1]; x[5] = 1",
            "[1][1:2] = 5", "hash([])"]:
    try:
        exec(bad)
        print("no error", bad)
    except Exception as e:
        print(type(e).__name__, e)
print([1, 2] + [3], [0] * 3, 3 * [1, 2], [1] * -1)
z = [1]; z += (2, 3); z *= 2; print(z)
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [1, 2] == [1, 2], [] != [], [1] <= [1], [[1]] == [[1]])
r = [1, 2]; r.append(r); print(r, repr([]), str([None, 'a', 1.5]))
print(list("abc"), list((1, 2)), list({1: 2, 3: 4}), list(reversed([1, 2, 3])))
it = iter([1, 2, 3]); next(it); print(list(it), list(it))
print(sorted([5, 2, 8, 1]), sorted(["b", "A", "c"]), sorted([3.5, -1.0, 2.25]), sorted([(2, 'b'), (1, 'z'), (2, 'a')]))
words = "the quick brown fox jumps over the lazy dog".split()
print(sorted(words, key=len), sorted(words, key=len, reverse=True))
data = [(1, 'a'), (0, 'b'), (1, 'c'), (0, 'd')]
print(sorted(data, key=lambda p: p[0]), sorted(data, key=lambda p: p[0], reverse=True))
big = [(i * 7919) % 1000 for i in range(2000)]
s = sorted(big); print(s[:5], s[-5:], s == sorted(big, reverse=True)[::-1])
print(sorted([10**20, -5, 3, 2**70]), sorted([1, 2.5, 0, -3.5]))
m = [3, 1, 2]
def bad_key(v):
    m.append(v)
    return v
try:
    m.sort(key=bad_key)
except ValueError as e:
    print(e, m)
class K:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return "K(%d)" % self.v
print(sorted([K(3), K(1), K(2)]), max([K(3), K(5)], key=lambda k: k.v))
nested = [[3, 2], [1], [3, 1]]; nested.sort(); print(nested)
class L(list):
    pass
l = L([1, 2]); l.append(3); print(l, type(l).__name__, len(l), l + [4], isinstance(l, list))
print([i * i for i in range(5) if i % 2], list(map(str, [1, 2])))
