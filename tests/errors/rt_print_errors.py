import sys
class NoWrite:
    pass
class BadWrite:
    def write(self, s):
        raise OSError("disk full")
class Collect:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
c = Collect()
print("a", 1, None, sep="-", end="!\n", file=c)
print(c.parts)
for kw in ({"file": NoWrite()}, {"file": BadWrite()}, {"sep": 1}, {"end": 2}, {"flush": "yes", "file": c}, {"bogus": 1}):
    try:
        print("x", **kw)
        print("no error", kw)
    except Exception as e:
        print(type(e).__name__ + ":", e)
saved = sys.stdout
sys.stdout = None
print("vanishes")
sys.stdout = saved
print("back")
sys.stdout = BadWrite()
print("fails")
