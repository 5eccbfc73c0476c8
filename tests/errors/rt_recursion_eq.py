class Loop:
    def __eq__(self, other):
        return self == other

Loop() == Loop()
