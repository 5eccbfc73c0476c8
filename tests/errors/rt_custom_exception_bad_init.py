class NeedsTwo(Exception):
    def __init__(self, a, b):
        super().__init__(a, b)

try:
    raise NeedsTwo(1)
except TypeError as e:
    print(e)
raise NeedsTwo
