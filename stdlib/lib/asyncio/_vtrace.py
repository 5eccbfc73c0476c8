"""Vitrine's --trace=task emitter for asyncio: cheap is_on() test, then one formatted line."""

try:
    from _vitrine import is_on as _is_on, trace_emit as _emit
except ImportError:      # running on another interpreter: never tracing
    def _is_on(kind):
        return False

    def _emit(kind, text):
        pass


def on(_is_on=_is_on):
    """True when the `task` trace kind is switched on (checked at each emit site)."""
    return _is_on('task')


# Hot paths call is_on(KIND) directly: one C call instead of two calls.
is_on = _is_on
KIND = 'task'


def emit(text):
    _emit('task', text)


def describe_wait(fut):
    """What a suspended task waits for: a label set by sleep/queues/locks, else the future."""
    what = getattr(fut, '_vt_what', None)
    if what is not None:
        return what
    from . import futures
    if isinstance(fut, futures.Future) and hasattr(fut, 'get_name'):
        return f'task {fut.get_name()}'
    return 'future'
