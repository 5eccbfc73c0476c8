class Loop:
    def __getattribute__(self, name):
        return getattr(self, name)

Loop().x
