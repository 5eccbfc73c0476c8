"""asyncio.Future: a result that will exist later; tasks suspend on it by yielding it."""

from . import exceptions
from . import format_helpers
from . import events

__all__ = ('Future', 'wrap_future', 'isfuture')

_PENDING = 'PENDING'
_CANCELLED = 'CANCELLED'
_FINISHED = 'FINISHED'


def isfuture(obj):
    """True for asyncio futures (duck-typed as CPython: _asyncio_future_blocking not None)."""
    return (hasattr(obj.__class__, '_asyncio_future_blocking') and
            obj._asyncio_future_blocking is not None)


class Future:
    """A value not computed yet. Callbacks run through the loop's call_soon once done."""

    _state = _PENDING
    _result = None
    _exception = None
    _exception_tb = None
    _loop = None
    _cancel_message = None
    _cancelled_exc = None
    # True while a task awaits this future: the task saw it via `yield` (the await protocol).
    _asyncio_future_blocking = False
    _log_traceback = False
    _vt_what = None   # a label for --trace=task (sleep, queue, lock...)

    __class_getitem__ = classmethod(format_helpers.class_getitem)

    def __init__(self, *, loop=None):
        self._loop = events.get_event_loop() if loop is None else loop
        self._callbacks = []

    def __repr__(self):
        return '<{} {}>'.format(self.__class__.__name__, ' '.join(self._repr_info()))

    def _format_callbacks(self):
        cb = self._callbacks
        size = len(cb)
        if not size:
            return ''
        fmt = lambda c: format_helpers.format_callback_source(c, ())
        if size == 1:
            cb = fmt(cb[0])
        elif size == 2:
            cb = '{}, {}'.format(fmt(cb[0]), fmt(cb[1]))
        elif size > 2:
            cb = '{}, <{} more>, {}'.format(fmt(cb[0]), size - 2, fmt(cb[-1]))
        return f'cb=[{cb}]'

    def _repr_info(self):
        info = [self._state.lower()]
        if self._state == _FINISHED:
            if self._exception is not None:
                info.append(f'exception={self._exception!r}')
            else:
                info.append(f'result={_short_repr(self._result)}')
        if self._callbacks:
            info.append(self._format_callbacks())
        return info

    def __del__(self):
        if not self._log_traceback or self._loop is None:
            return
        exc = self._exception
        context = {
            'message': f'{self.__class__.__name__} exception was never retrieved',
            'exception': exc,
            'future': self,
        }
        self._loop.call_exception_handler(context)

    @property
    def _loop_ref(self):
        return self._loop

    def get_loop(self):
        loop = self._loop
        if loop is None:
            raise RuntimeError("Future object is not initialized.")
        return loop

    def _make_cancelled_error(self):
        if self._cancelled_exc is not None:
            exc = self._cancelled_exc
            self._cancelled_exc = None
            return exc
        if self._cancel_message is None:
            return exceptions.CancelledError()
        return exceptions.CancelledError(self._cancel_message)

    def cancel(self, msg=None):
        """Cancel the future and schedule callbacks; False if it is already done."""
        self._log_traceback = False
        if self._state != _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        self._schedule_callbacks()
        return True

    def _schedule_callbacks(self):
        callbacks = self._callbacks[:]
        if not callbacks:
            return
        self._callbacks[:] = []
        for callback in callbacks:
            self._loop.call_soon(callback, self)

    def cancelled(self):
        return self._state == _CANCELLED

    def done(self):
        return self._state != _PENDING

    def result(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise exceptions.InvalidStateError('Result is not set.')
        self._log_traceback = False
        if self._exception is not None:
            # Re-raise with the original traceback, so repeated result() calls don't grow it.
            raise self._exception.with_traceback(self._exception_tb)
        return self._result

    def exception(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise exceptions.InvalidStateError('Exception is not set.')
        self._log_traceback = False
        return self._exception

    def add_done_callback(self, fn, *, context=None):
        if self._state != _PENDING:
            self._loop.call_soon(fn, self)
        else:
            self._callbacks.append(fn)

    def remove_done_callback(self, fn):
        filtered = [f for f in self._callbacks if f != fn]
        removed = len(self._callbacks) - len(filtered)
        if removed:
            self._callbacks[:] = filtered
        return removed

    def set_result(self, result):
        if self._state != _PENDING:
            raise exceptions.InvalidStateError('invalid state')
        self._result = result
        self._state = _FINISHED
        self._schedule_callbacks()

    def set_exception(self, exception):
        if self._state != _PENDING:
            raise exceptions.InvalidStateError('invalid state')
        if isinstance(exception, type):
            exception = exception()
        if type(exception) is StopIteration:
            raise TypeError("StopIteration interacts badly with generators "
                            "and cannot be raised into a Future")
        self._exception = exception
        self._exception_tb = exception.__traceback__
        self._state = _FINISHED
        self._schedule_callbacks()
        self._log_traceback = True

    def __await__(self):
        if not self.done():
            self._asyncio_future_blocking = True
            yield self  # the task's step sees this and waits for us
        if not self.done():
            raise RuntimeError("await wasn't used with future")
        return self.result()

    __iter__ = __await__


_short_repr = format_helpers.short_repr


def _set_result_unless_cancelled(fut, result):
    if fut.cancelled():
        return
    fut.set_result(result)


def _copy_state(src, dst):
    """Copy a concurrent.futures.Future's outcome into an asyncio Future."""
    if dst.cancelled():
        return
    if src.cancelled():
        dst.cancel()
        return
    exc = src.exception()
    if exc is not None:
        dst.set_exception(exc)
    else:
        dst.set_result(src.result())


def wrap_future(future, *, loop=None):
    """Wrap a concurrent.futures.Future (from a thread pool) in an asyncio Future."""
    if isfuture(future):
        return future
    if loop is None:
        loop = events.get_event_loop()
    new_future = loop.create_future()

    def _on_done(src):   # runs in the worker thread: hop to the loop's thread
        if not loop.is_closed():
            loop.call_soon_threadsafe(_copy_state, src, new_future)

    def _on_cancel(dst):
        if dst.cancelled():
            future.cancel()

    new_future.add_done_callback(_on_cancel)
    future.add_done_callback(_on_done)
    return new_future
