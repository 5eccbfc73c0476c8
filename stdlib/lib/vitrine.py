"""vitrine: watch the interpreter's insides from Python.

    import vitrine
    with vitrine.trace("call"):        # trace function calls inside the block only
        f()
    vitrine.enable("line"); ...; vitrine.disable("line")
    vitrine.watch(obj, "a")            # its refcount changes show under --trace=refs
"""
import _vitrine

kinds = _vitrine.kinds
enabled = _vitrine.enabled
watch = _vitrine.watch          # watch(obj, name=None): name labels its --trace=refs lines
unwatch = _vitrine.unwatch
refcount = _vitrine.refcount


enable = _vitrine.enable
disable = _vitrine.disable

# A context manager implemented in C, so that entering and leaving it adds no traced frames.
trace = _vitrine.trace
