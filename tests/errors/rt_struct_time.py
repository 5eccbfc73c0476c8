import time
t = time.gmtime(0)
print(t)
print(t.tm_year, t.tm_mon, t.tm_yday, t[0], t[-1], len(t), tuple(t))
print(type(t).__name__, isinstance(t, tuple))
print(time.strftime("%Y-%m-%d %H:%M:%S", t))
print(time.gmtime(86400 * 365.25 * 30))
y, m, *rest = time.gmtime(1e9)
print(y, m, rest)
t.tm_year = 3
