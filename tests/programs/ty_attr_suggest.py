# AttributeError from type objects carries .name and .obj (used for "Did you mean").
class C:
    attribute = 1
try:
    C.atribute
except AttributeError as e:
    print(e, e.name, e.obj)
try:
    del C.nothing
except AttributeError as e:
    print(e, e.name)
