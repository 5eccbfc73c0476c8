class A:
    def go(self):
        return super().go()
A().go()
