class Proxy:
    def __getattr__(self, name):
        return self.missing

Proxy().anything
