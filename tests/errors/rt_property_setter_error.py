class Temperature:
    def __init__(self):
        self._k = 0.0
    @property
    def kelvin(self):
        return self._k
    @kelvin.setter
    def kelvin(self, v):
        if v < 0:
            raise ValueError("below absolute zero")
        self._k = v

t = Temperature()
t.kelvin = 5
print(t.kelvin)
t.kelvin = -1
