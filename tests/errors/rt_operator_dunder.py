class Vec:
    def __init__(self, x):
        self.x = x
    def __add__(self, other):
        return Vec(self.x + other.x)
    def __len__(self):
        return -1
v = Vec(1) + Vec(2)
print(v.x)
try:
    len(v)
except ValueError as e:
    print(e)
Vec(1) + 5
