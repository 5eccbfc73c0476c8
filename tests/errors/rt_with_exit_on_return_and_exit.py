class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        print("exit", self.name, exc[0].__name__ if exc[0] else None)

def early():
    with CM("return"):
        return 1

print(early())
import sys
with CM("sys.exit"):
    sys.exit(3)
