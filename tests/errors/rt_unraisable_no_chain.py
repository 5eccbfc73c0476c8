class A:
    def __del__(self):
        raise ValueError
a = A()
del a
class B:
    def __del__(self):
        try:
            1/0
        except Exception as e:
            e.add_note("note!")
            raise KeyError("x") from e
b = B()
del b
