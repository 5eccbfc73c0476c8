"""vitrine: watch the interpreter's insides from Python.

    import vitrine
    with vitrine.trace("call"):        # trace function calls inside the block only
        f()
    vitrine.enable("line"); ...; vitrine.disable("line")
    vitrine.watch(obj)                 # its refcount changes show under --trace=refs
"""
import _vitrine

kinds = _vitrine.kinds
enabled = _vitrine.enabled
watch = _vitrine.watch
unwatch = _vitrine.unwatch
refcount = _vitrine.refcount


def enable(*names):
    for name in names:
        _vitrine.set_trace(name, True)


def disable(*names):
    for name in names:
        _vitrine.set_trace(name, False)


class trace:
    """Context manager switching trace kinds on for the duration of a block."""

    def __init__(self, *names):
        self.names = [n for spec in names for n in spec.split(",") if n]
        self._previous = []

    def __enter__(self):
        self._previous = [_vitrine.set_trace(n, True) for n in self.names]
        return self

    def __exit__(self, *exc):
        for name, was in zip(self.names, self._previous):
            _vitrine.set_trace(name, was)
        return False
