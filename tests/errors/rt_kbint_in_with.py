class CM:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        print("__exit__ got", et.__name__)
with CM():
    raise KeyboardInterrupt
