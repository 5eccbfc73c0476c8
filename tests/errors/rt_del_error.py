class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        raise ValueError(f"cannot close {self.name}")

r = Res("r1")
del r
print("after del")
