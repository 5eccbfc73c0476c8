import sys, time
for a in [(1, 2), list(range(9)), list(range(11)), list(range(12)), 5]:
    try:
        print(time.struct_time(a))
    except TypeError as e:
        print("TypeError:", e)
vi = sys.version_info
print(vi[:2] == (vi.major, vi.minor), vi > (3, 0), isinstance(vi, tuple), len(vi))
print(sys.float_info.max == 1.7976931348623157e+308, sys.int_info.bits_per_digit)
t = time.gmtime(0)
print(t == (1970, 1, 1, 0, 0, 0, 3, 1, 0), t[:3], t.tm_wday)
try:
    type(vi)((3, 11, 0, "final", 0))
except TypeError as e:
    print("TypeError:", e)
try:
    vi.major = 4
except AttributeError as e:
    print("AttributeError:", e)
time.gmtime(0).tm_nonexistent
