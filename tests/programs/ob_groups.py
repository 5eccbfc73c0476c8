# BaseExceptionGroup / ExceptionGroup construction, nesting rules, split/subgroup/derive.
eg = ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3)])
print(repr(eg), str(eg), eg.message, eg.exceptions)
print(type(BaseExceptionGroup("x", [ValueError(1)])).__name__)
print(type(BaseExceptionGroup("x", [KeyboardInterrupt()])).__name__)
print(isinstance(eg, Exception), issubclass(ExceptionGroup, BaseExceptionGroup))
for args in [("a",), (1, [ValueError()]), ("a", 1), ("a", []), ("a", [1]), ("a", [KeyboardInterrupt()])]:
    try:
        ExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
match, rest = eg.split(ValueError)
print(repr(match), repr(rest))
print(repr(eg.subgroup(TypeError)), eg.subgroup(KeyError))
print(eg.split(lambda e: isinstance(e, TypeError)))
print(eg.split((ValueError, TypeError)))
nested = ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)])])
m, r = nested.split(ValueError)
print(repr(m))
print(repr(r))
print(repr(nested.derive([KeyError(0)])))
try:
    eg.split(1)
except TypeError as e:
    print(e)
eg.add_note("note")
m, r = eg.split(ValueError)
print(m.__notes__, r.__notes__)
print(str(ExceptionGroup("one", [ValueError()])))
class MyEG(ExceptionGroup):
    pass
try:
    MyEG("x", [KeyboardInterrupt()])
except TypeError as e:
    print(e)
try:
    raise ExceptionGroup("g", [ValueError("v"), TypeError("t")])
except* ValueError as e:
    print("caught", repr(e))
except* TypeError as e:
    print("caught", repr(e))
