# Container displays whose CPython layout comes from compile-time constant folding:
# a set display of 3+ constants is BUILD_SET 0 + SET_UPDATE(frozenset constant), and the
# frozenset constant is rebuilt once by the compiler's constant merging, so its iteration
# order differs from adding the items one by one.
print({5, 3, 1, 9, 33, 17, 65}, {65, 1, 3, 33, 5, 17, 9})
print({-1, -2, -5, 7, 2**62, 2**64, 10**20, 1.5, 0.25, True})
s = {1, 9, 17, 25, 33}
print(s, s | {41}, {(1, 2), (3, 4), (5, 6), (7, 8)})
print(sorted([3, 1, 2], reverse=True), sorted("bca", key=str.upper, reverse=1))
try:
    sorted([1], reverse="x")
except TypeError as e:
    print(e)
try:
    sorted([1], bad=1)
except TypeError as e:
    print(e)
