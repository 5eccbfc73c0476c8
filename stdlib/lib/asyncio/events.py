"""Event loop interfaces: Handle/TimerHandle, AbstractEventLoop, the policy and the running loop."""

import os
import sys

from . import format_helpers

__all__ = ('AbstractEventLoopPolicy', 'AbstractEventLoop', 'Handle', 'TimerHandle',
           'get_event_loop_policy', 'set_event_loop_policy', 'get_event_loop',
           'set_event_loop', 'new_event_loop', 'get_running_loop', '_get_running_loop',
           'DefaultEventLoopPolicy')


class Handle:
    """A callback scheduled with call_soon: run it once, unless cancelled first."""

    __slots__ = ('_callback', '_args', '_cancelled', '_loop', '_repr', '_context')

    def __init__(self, callback, args, loop, context=None):
        self._loop = loop
        self._callback = callback
        self._args = args
        self._cancelled = False
        self._repr = None
        self._context = context

    def _repr_info(self):
        info = [self.__class__.__name__]
        if self._cancelled:
            info.append('cancelled')
        if self._callback is not None:
            info.append(format_helpers.format_callback_source(self._callback, self._args))
        return info

    def __repr__(self):
        if self._repr is not None:
            return self._repr
        return '<{}>'.format(' '.join(self._repr_info()))

    def cancel(self):
        if not self._cancelled:
            self._cancelled = True
            self._callback = None
            self._args = None

    def cancelled(self):
        return self._cancelled

    def _run(self):
        try:
            self._callback(*self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            cb = format_helpers.format_callback_source(self._callback, self._args)
            self._loop.call_exception_handler({
                'message': f'Exception in callback {cb}',
                'exception': exc,
                'handle': self,
            })
        self = None  # break the cycle while an exception is in flight


class TimerHandle(Handle):
    """A callback for call_later/call_at, ordered by its deadline in the loop's heap."""

    __slots__ = ('_scheduled', '_when')

    def __init__(self, when, callback, args, loop, context=None):
        super().__init__(callback, args, loop, context)
        self._when = when
        self._scheduled = False

    def _repr_info(self):
        info = super()._repr_info()
        pos = 2 if self._cancelled else 1
        info.insert(pos, f'when={self._when}')
        return info

    def __hash__(self):
        return hash(self._when)

    def __lt__(self, other):
        if isinstance(other, TimerHandle):
            return self._when < other._when
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, TimerHandle):
            return self._when < other._when or self.__eq__(other)
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, TimerHandle):
            return self._when > other._when
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, TimerHandle):
            return self._when > other._when or self.__eq__(other)
        return NotImplemented

    def __eq__(self, other):
        if isinstance(other, TimerHandle):
            return (self._when == other._when and self._callback == other._callback and
                    self._args == other._args and self._cancelled == other._cancelled)
        return NotImplemented

    def cancel(self):
        if not self._cancelled:
            self._loop._timer_handle_cancelled(self)
        super().cancel()

    def when(self):
        return self._when


class AbstractEventLoop:
    """Abstract event loop: the methods every loop provides."""

    def run_forever(self): raise NotImplementedError
    def run_until_complete(self, future): raise NotImplementedError
    def stop(self): raise NotImplementedError
    def is_running(self): raise NotImplementedError
    def is_closed(self): raise NotImplementedError
    def close(self): raise NotImplementedError
    async def shutdown_asyncgens(self): raise NotImplementedError
    async def shutdown_default_executor(self): raise NotImplementedError
    def _timer_handle_cancelled(self, handle): raise NotImplementedError
    def call_soon(self, callback, *args, context=None): raise NotImplementedError
    def call_later(self, delay, callback, *args, context=None): raise NotImplementedError
    def call_at(self, when, callback, *args, context=None): raise NotImplementedError
    def time(self): raise NotImplementedError
    def create_future(self): raise NotImplementedError
    def create_task(self, coro, *, name=None, context=None): raise NotImplementedError
    def call_soon_threadsafe(self, callback, *args, context=None): raise NotImplementedError
    def run_in_executor(self, executor, func, *args): raise NotImplementedError
    def set_default_executor(self, executor): raise NotImplementedError
    def add_reader(self, fd, callback, *args): raise NotImplementedError
    def remove_reader(self, fd): raise NotImplementedError
    def add_writer(self, fd, callback, *args): raise NotImplementedError
    def remove_writer(self, fd): raise NotImplementedError
    def set_exception_handler(self, handler): raise NotImplementedError
    def get_exception_handler(self): raise NotImplementedError
    def default_exception_handler(self, context): raise NotImplementedError
    def call_exception_handler(self, context): raise NotImplementedError
    def get_debug(self): raise NotImplementedError
    def set_debug(self, enabled): raise NotImplementedError


class AbstractEventLoopPolicy:
    """Abstract policy for accessing the event loop."""

    def get_event_loop(self): raise NotImplementedError
    def set_event_loop(self, loop): raise NotImplementedError
    def new_event_loop(self): raise NotImplementedError


class BaseDefaultEventLoopPolicy(AbstractEventLoopPolicy):
    """One loop per thread; only the main thread gets one created on demand."""

    _loop_factory = None

    def __init__(self):
        self._loop = None
        self._set_called = False

    def get_event_loop(self):
        if self._loop is None and not self._set_called and _is_main_thread():
            self.set_event_loop(self.new_event_loop())
        if self._loop is None:
            raise RuntimeError('There is no current event loop in thread %r.' % _thread_name())
        return self._loop

    def set_event_loop(self, loop):
        self._set_called = True
        if loop is not None and not isinstance(loop, AbstractEventLoop):
            raise TypeError(f"loop must be an instance of AbstractEventLoop or None, not "
                            f"'{type(loop).__name__}'")
        self._loop = loop

    def new_event_loop(self):
        return self._loop_factory()


def _is_main_thread():
    threading = sys.modules.get('threading')
    if threading is None:
        return True
    return threading.current_thread() is threading.main_thread()


def _thread_name():
    threading = sys.modules.get('threading')
    return threading.current_thread().name if threading is not None else 'MainThread'


_event_loop_policy = None
# The running loop and the pid it was set in (no threads yet: one global slot).
_running_loop = None
_running_pid = None


def get_running_loop():
    """The running event loop; RuntimeError if none (only valid inside coroutines/callbacks)."""
    loop = _get_running_loop()
    if loop is None:
        raise RuntimeError('no running event loop')
    return loop


def _get_running_loop():
    if _running_loop is not None and _running_pid == os.getpid():
        return _running_loop
    return None


def _set_running_loop(loop):
    global _running_loop, _running_pid
    _running_loop = loop
    _running_pid = os.getpid()


def _init_event_loop_policy():
    global _event_loop_policy
    if _event_loop_policy is None:
        _event_loop_policy = DefaultEventLoopPolicy()


def get_event_loop_policy():
    if _event_loop_policy is None:
        _init_event_loop_policy()
    return _event_loop_policy


def set_event_loop_policy(policy):
    global _event_loop_policy
    if policy is not None and not isinstance(policy, AbstractEventLoopPolicy):
        raise TypeError(f"policy must be an instance of AbstractEventLoopPolicy or None, not "
                        f"'{type(policy).__name__}'")
    _event_loop_policy = policy


def get_event_loop():
    """The running loop inside coroutines; otherwise the policy's current loop."""
    current_loop = _get_running_loop()
    if current_loop is not None:
        return current_loop
    return get_event_loop_policy().get_event_loop()


def set_event_loop(loop):
    get_event_loop_policy().set_event_loop(loop)


def new_event_loop():
    return get_event_loop_policy().new_event_loop()


class _UnixDefaultEventLoopPolicy(BaseDefaultEventLoopPolicy):
    """The default policy (named as CPython's on Unix)."""

    @staticmethod
    def _loop_factory():
        from .base_events import SelectorEventLoop
        return SelectorEventLoop()


DefaultEventLoopPolicy = _UnixDefaultEventLoopPolicy
