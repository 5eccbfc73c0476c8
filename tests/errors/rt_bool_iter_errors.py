class NoBool:
    def __bool__(self):
        return "yes"

try:
    if NoBool():
        pass
except TypeError as e:
    print(e)

class BadIter:
    def __iter__(self):
        return 5

a, b = BadIter()
