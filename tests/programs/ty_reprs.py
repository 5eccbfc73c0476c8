# Reprs of classes/instances whose __module__ is builtins or not a str; type() and MRO entries.
class Outer:
    class Inner: pass
Outer.Inner.__module__ = "builtins"
print(repr(Outer.Inner), repr(Outer.Inner())[:20])
Outer.Inner.__module__ = 5
print(repr(Outer.Inner), repr(Outer.Inner())[:20])
print(repr(object()).split(" at ")[0], int, type(None), type(len), type(int.__add__), type((1).__add__), type(int.__dict__["__new__"]))
class ME:
    def __mro_entries__(self, b): return (object,)
for bases in ((ME(),), (1,)):
    try:
        type("X", bases, {})
    except TypeError as e:
        print("TypeError:", e)
