class Empty(Exception):
    pass
class WithStr(Exception):
    def __str__(self):
        return "custom message"
try:
    raise Empty
except Empty as e:
    print(repr(e), str(e) == "")
raise WithStr(1, 2)
