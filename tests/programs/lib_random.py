# random: seeded sequences identical to CPython (int/str/bytes/float seeds), all helpers, errors.
import random

random.seed(42)
print([random.random() for _ in range(3)])
print([random.randint(1, 100) for _ in range(10)])
print([random.randrange(0, 100, 7) for _ in range(5)], random.randrange(10), random.randrange(-5, 5))
print(random.choice('abcdefg'), random.choice([10, 20, 30]), random.choice(range(1000)))
l = list(range(20)); random.shuffle(l); print(l)
print(random.sample(range(100), 10), random.sample('abcdef', 3), random.sample(range(10**9), 5))
print(random.sample(['red', 'blue'], counts=[4, 2], k=5))
print(random.choices('abc', k=5), random.choices('abc', weights=[10, 1, 1], k=5), random.choices(range(5), cum_weights=[1, 2, 3, 4, 5], k=3))
print(random.uniform(1, 10), random.gauss(0, 1), random.gauss(5, 2), random.normalvariate(0, 1))
print(random.getrandbits(1), random.getrandbits(32), random.getrandbits(64), random.getrandbits(200), random.getrandbits(0))
print(random.expovariate(1.5), random.triangular(0, 10, 3), random.betavariate(2, 3), random.gammavariate(0.5, 1),
      random.gammavariate(2.5, 1), random.gammavariate(1, 2), random.lognormvariate(0, 1), random.vonmisesvariate(1, 2),
      random.paretovariate(3), random.weibullvariate(1, 2))
print(random.randbytes(10))
for seed in [0, 1, -1, 2**100, 12345678901234567890, 'hello', b'bytes', bytearray(b'ba'), 3.5, '', True]:
    random.seed(seed)
    print(repr(seed), random.random(), random.randint(0, 10**6))
random.seed('x', version=1); print(random.random())
r = random.Random(7); s = random.Random(7)
print(r.random() == s.random(), r.randint(1, 6), s.randint(1, 6))
st = r.getstate(); a = [r.random() for _ in range(3)]; r.setstate(st); b = [r.random() for _ in range(3)]
print(a == b, st[0], len(st[1]), st[2])
random.seed()
x = random.random(); print(0 <= x < 1)
class MyRandom(random.Random):
    def random(self):
        return 0.5
print(MyRandom().randrange(10), MyRandom().choice('abcd'))
print(isinstance(random.SystemRandom().random(), float), 0 <= random.SystemRandom().randrange(5) < 5)
for expr in ["random.randrange(0)", "random.randrange(5, 2)", "random.randrange(1, 5, 0)", "random.randrange(1.5)",
             "random.choice([])", "random.sample(range(3), 5)", "random.sample({1, 2}, 1)", "random.getrandbits(-1)",
             "random.seed([1])", "random.choices('ab', [1])", "random.choices('ab', 3)", "random.Random().setstate((3, (1,), None))",
             "random.gammavariate(-1, 1)", "random.randrange(10, step=2)"]:
    try:
        print(expr, '->', eval(expr))
    except Exception as e:
        print(expr, '!!', type(e).__name__, e)
import random
class R(random.Random):
    def __init__(self, a, b):
        super().__init__(a + b)
r = R(1, 2); print(r.random())
class K(random.Random):
    def __init__(self, *, seed): super().__init__(seed)
print(K(seed=3).random())
try: random.Random(1, 2)
except TypeError as e: print(e)
try: random.Random(x=1)
except TypeError as e: print(e)
import _random
r = _random.Random(5); print(r.random())
try: _random.Random(1,2)
except TypeError as e: print(e)
try: _random.Random(x=1)
except TypeError as e: print(e)
