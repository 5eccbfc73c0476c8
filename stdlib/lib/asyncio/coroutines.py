"""iscoroutine / iscoroutinefunction without inspect: read the code flags directly."""

__all__ = ('iscoroutinefunction', 'iscoroutine')

_CO_COROUTINE = 0x80
_CO_ITERABLE_COROUTINE = 0x100

_is_coroutine = object()   # marker a decorated function may carry (old @coroutine style)


def iscoroutinefunction(func):
    """True if func is an `async def` function (or marked as a coroutine function)."""
    f = func
    while True:    # unwrap bound methods and functools.partial
        inner = getattr(f, '__func__', None) or getattr(f, 'func', None)
        if inner is None or inner is f:
            break
        f = inner
    code = getattr(f, '__code__', None)
    if code is not None and code.co_flags & _CO_COROUTINE:
        return True
    return getattr(func, '_is_coroutine', None) is _is_coroutine


_COROUTINE_TYPES = None


def iscoroutine(obj):
    """True if obj is a coroutine object (or a generator-based one)."""
    global _COROUTINE_TYPES
    if _COROUTINE_TYPES is None:
        import types
        _COROUTINE_TYPES = (types.CoroutineType,)
    if type(obj) in _COROUTINE_TYPES:
        return True
    code = getattr(obj, 'gi_code', None)
    if code is not None and code.co_flags & _CO_ITERABLE_COROUTINE:
        return True
    return False


def _format_coroutine(coro):
    """'main() running at x.py:3' / 'main() done, defined at x.py:1', as CPython's reprs."""
    name = getattr(coro, '__qualname__', None) or getattr(coro, '__name__', None) \
        or type(coro).__name__
    name = f'{name}()'
    code = getattr(coro, 'cr_code', None) or getattr(coro, 'gi_code', None)
    frame = getattr(coro, 'cr_frame', None)
    if frame is None:
        frame = getattr(coro, 'gi_frame', None)
    if code is None:
        return name
    filename = code.co_filename or '<empty co_filename>'
    if frame is not None:
        return f'{name} running at {filename}:{frame.f_lineno}'
    return f'{name} done, defined at {filename}:{code.co_firstlineno}'
