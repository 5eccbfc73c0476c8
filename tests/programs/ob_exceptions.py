# Exception objects: args, str/repr, attributes of the special subclasses, chaining fields.
def show(e):
    print(type(e).__name__, repr(e), str(e), e.args)

show(ValueError())
show(ValueError("x"))
show(ValueError("x", 2))
show(KeyError("k"))
show(KeyError())
show(KeyError(1, 2))
e = StopIteration(5); print(e.value, StopIteration().value)
print(SystemExit().code, SystemExit(3).code, SystemExit(1, 2).code)
e = OSError(2, "No such file or directory", "x.txt")
print(type(e).__name__, e.errno, e.strerror, e.filename, e, e.args)
print(type(OSError(13, "denied")).__name__, type(OSError(17, "exists")).__name__, type(OSError("plain")).__name__)
print(OSError(2, "x", "a", None, "b"))
e = ImportError("no mod", name="m", path="/p")
print(e.msg, e.name, e.path, e)
e = AttributeError("a", name="n", obj=5); print(e.name, e.obj)
e = NameError("nm", name="q"); print(e.name)
e = SyntaxError("bad", ("f.py", 3, 4, "x = $\n", 3, 5))
print(e, e.msg, e.filename, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset)
print(SyntaxError("m"), SyntaxError("m", (None, 2, 1, None)))
print(UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 1, "invalid start byte"))
print(UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 2, "bad"))
print(UnicodeEncodeError("ascii", "h\xe9llo", 1, 2, "ordinal not in range(128)"))
print(UnicodeEncodeError("ascii", "\u20ac\U0001f600", 1, 2, "x"))
print(UnicodeTranslateError("\u1234", 0, 1, "nope"))
# chaining fields
try:
    try:
        raise ValueError("inner")
    except ValueError:
        raise TypeError("outer")
except TypeError as t:
    print(repr(t.__context__), t.__cause__, t.__suppress_context__)
try:
    try:
        raise ValueError("inner")
    except ValueError as v:
        raise TypeError("outer") from v
except TypeError as t:
    print(repr(t.__cause__), t.__suppress_context__, t.__traceback__ is not None)
e = ValueError(1)
e.add_note("first")
e.add_note("second")
print(e.__notes__)
for bad in (lambda: e.add_note(3), lambda: setattr(e, "__context__", 5),
            lambda: setattr(e, "__cause__", "x"), lambda: setattr(e, "__traceback__", 1),
            lambda: delattr(e, "args"), lambda: ValueError(x=1), lambda: ImportError(bad=1)):
    try:
        bad()
    except TypeError as err:
        print("TypeError:", err)
e.args = [1, 2]
print(e.args, e.with_traceback(None) is e)
class MyErr(Exception):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b
m = MyErr(1, 2)
print(repr(m), str(m), m.b, m.args, isinstance(m, Exception), MyErr.__mro__[1:])
print(issubclass(FileNotFoundError, OSError), IOError is OSError, EnvironmentError is OSError)
print(ValueError.__doc__ is None, BaseException.__doc__)
print(vars(ValueError(1)))
