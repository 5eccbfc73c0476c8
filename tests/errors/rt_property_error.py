class Temp:
    @property
    def celsius(self):
        return self._c
t = Temp()
print(t.celsius)
