def make():
    class Outer:
        class Inner:
            value = undefined_name + 1
    return Outer

make()
