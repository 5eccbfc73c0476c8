class Outer:
    class InnerError(Exception):
        pass
    def fail(self):
        raise self.InnerError("nested")
Outer().fail()
