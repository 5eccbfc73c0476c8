"""SelectorEventLoop: ready queue + timer heap, sleeping in select.poll between events."""

import collections
import functools
import heapq
import os
import select
import sys
import time

from . import coroutines
from . import events
from . import exceptions
from . import futures
from . import tasks
from . import _vtrace
from ._vtrace import is_on as _trace_on, KIND as _TASK
from .network import NetworkMixin

__all__ = ('BaseEventLoop', 'SelectorEventLoop')

# Timers due within this much of "now" run in this iteration (the clock's granularity).
_CLOCK_RESOLUTION = time.get_clock_info('monotonic').resolution \
    if hasattr(time, 'get_clock_info') else 1e-09
_MIN_SCHEDULED_TIMER_HANDLES = 100
_MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5


def _run_until_complete_cb(fut):
    if not fut.cancelled():
        exc = fut.exception()
        if isinstance(exc, (SystemExit, KeyboardInterrupt)):
            return  # the loop's run_forever re-raises these itself
    fut.get_loop().stop()


def _format_tb(exc):
    import traceback
    return ''.join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def _default_thread_pool():
    """concurrent.futures' ThreadPoolExecutor, or our small pool while that module is missing."""
    try:
        import concurrent.futures
        return concurrent.futures.ThreadPoolExecutor(thread_name_prefix='asyncio')
    except ImportError:
        pass
    try:
        from ._threadpool import ThreadPool
    except ImportError:
        raise NotImplementedError('run_in_executor() needs threads (the threading module), '
                                  'which this Vitrine build does not provide') from None
    return ThreadPool(thread_name_prefix='asyncio')


class BaseEventLoop(NetworkMixin, events.AbstractEventLoop):
    def __init__(self):
        self._closed = False
        self._stopping = False
        self._ready = collections.deque()
        self._scheduled = []
        self._timer_cancelled_count = 0
        self._default_executor = None
        self._exception_handler = None
        self._debug = False
        self._running = False
        self._task_factory = None
        self._clock_resolution = _CLOCK_RESOLUTION
        self._executor_shutdown_called = False
        # I/O: fd -> [reader Handle or None, writer Handle or None]
        self._fds = {}
        self._poller = select.poll()
        # The self-pipe: call_soon_threadsafe writes a byte so a sleeping poll wakes up.
        self._ssock, self._csock = os.pipe()
        os.set_blocking(self._ssock, False)
        os.set_blocking(self._csock, False)
        self._add_reader(self._ssock, self._read_from_self)

    def __repr__(self):
        return (f'<{self.__class__.__name__} running={self.is_running()} '
                f'closed={self.is_closed()} debug={self.get_debug()}>')

    # ---- futures and tasks ----
    def create_future(self):
        return futures.Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        if self._task_factory is None:
            task = tasks.Task(coro, loop=self, name=name)
        else:
            task = self._task_factory(self, coro)
            tasks._set_task_name(task, name)
        return task

    def set_task_factory(self, factory):
        if factory is not None and not callable(factory):
            raise TypeError('task factory must be a callable or None')
        self._task_factory = factory

    def get_task_factory(self):
        return self._task_factory

    # ---- running ----
    def _check_closed(self):
        if self._closed:
            raise RuntimeError('Event loop is closed')

    def _check_running(self):
        if self.is_running():
            raise RuntimeError('This event loop is already running')
        if events._get_running_loop() is not None:
            raise RuntimeError('Cannot run the event loop while another loop is running')

    def run_forever(self):
        """Run callbacks and wait for events until stop() is called."""
        self._check_closed()
        self._check_running()
        self._running = True
        old_running = events._get_running_loop()
        events._set_running_loop(self)
        try:
            while True:
                self._run_once()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            self._running = False
            events._set_running_loop(old_running)

    def run_until_complete(self, future):
        """Run until the future (or coroutine, wrapped in a task) is done; return its result."""
        self._check_closed()
        self._check_running()
        new_task = not futures.isfuture(future)
        future = tasks.ensure_future(future, loop=self)
        if new_task:
            future._log_destroy_pending = False
        future.add_done_callback(_run_until_complete_cb)
        try:
            self.run_forever()
        except:
            if new_task and future.done() and not future.cancelled():
                future.exception()   # retrieved: don't log "never retrieved"
            raise
        finally:
            future.remove_done_callback(_run_until_complete_cb)
        if not future.done():
            raise RuntimeError('Event loop stopped before Future completed.')
        return future.result()

    def stop(self):
        self._stopping = True

    def is_running(self):
        return self._running

    def is_closed(self):
        return self._closed

    def close(self):
        if self.is_running():
            raise RuntimeError("Cannot close a running event loop")
        if self._closed:
            return
        self._closed = True
        self._ready.clear()
        self._scheduled.clear()
        self._executor_shutdown_called = True
        executor = self._default_executor
        if executor is not None:
            self._default_executor = None
            executor.shutdown(wait=False)
        if self._ssock is not None:
            os.close(self._ssock)
            os.close(self._csock)
            self._ssock = self._csock = None
        self._fds.clear()

    async def shutdown_asyncgens(self):
        """Async generator finalization hooks are not available in Vitrine yet: nothing to do."""
        return

    async def shutdown_default_executor(self):
        self._executor_shutdown_called = True
        executor = self._default_executor
        if executor is None:
            return
        self._default_executor = None
        executor.shutdown(wait=True)   # no threads to wait on from a helper thread: block here

    def time(self):
        return time.monotonic()

    # ---- scheduling ----
    def _check_callback(self, callback, method):
        if coroutines.iscoroutine(callback) or coroutines.iscoroutinefunction(callback):
            raise TypeError(f"coroutines cannot be used with {method}()")
        if not callable(callback):
            raise TypeError(f'a callable object was expected by {method}(), got {callback!r}')

    def call_soon(self, callback, *args, context=None):
        if self._closed:
            raise RuntimeError('Event loop is closed')
        if self._debug:   # as CPython: callbacks are only checked in debug mode
            self._check_callback(callback, 'call_soon')
        return self._call_soon(callback, args, context)

    def _call_soon(self, callback, args, context, Handle=events.Handle):
        handle = Handle(callback, args, self, context)
        self._ready.append(handle)
        return handle

    def call_later(self, delay, callback, *args, context=None):
        if delay is None:
            raise TypeError('delay must not be None')
        timer = self.call_at(self.time() + delay, callback, *args, context=context)
        return timer

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_callback(callback, 'call_at')
        timer = events.TimerHandle(when, callback, args, self, context)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def call_soon_threadsafe(self, callback, *args, context=None):
        self._check_closed()
        if self._debug:
            self._check_callback(callback, 'call_soon_threadsafe')
        handle = self._call_soon(callback, args, context)
        self._write_to_self()
        return handle

    def _timer_handle_cancelled(self, handle):
        if handle._scheduled:
            self._timer_cancelled_count += 1

    # ---- executors (threads come from another part of Vitrine) ----
    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        self._check_callback(func, 'run_in_executor')
        if executor is None:
            executor = self._default_executor
            if executor is None:
                if self._executor_shutdown_called:
                    raise RuntimeError('Executor shutdown has been called')
                executor = _default_thread_pool()
                self._default_executor = executor
        fut = futures.wrap_future(executor.submit(func, *args), loop=self)
        if _trace_on(_TASK):
            from . import format_helpers
            f, a, kw = func, args, None
            if isinstance(f, functools.partial):   # to_thread: show the wrapped call
                f, a, kw = f.func, f.args + tuple(args), f.keywords
            fut._vt_what = 'executor: ' + format_helpers.format_callback(f, a, kw)
        return fut

    def set_default_executor(self, executor):
        try:
            from concurrent.futures import ThreadPoolExecutor
        except ImportError:
            ThreadPoolExecutor = None   # no thread pool yet: accept any executor-like object
        if ThreadPoolExecutor is not None and not isinstance(executor, ThreadPoolExecutor):
            raise TypeError('executor must be ThreadPoolExecutor instance')
        self._default_executor = executor

    # ---- I/O readiness ----
    def _update_poll(self, fd):
        reader, writer = self._fds.get(fd, (None, None))
        mask = (select.POLLIN if reader is not None else 0) | \
               (select.POLLOUT if writer is not None else 0)
        if mask:
            self._poller.register(fd, mask)
        else:
            self._fds.pop(fd, None)
            try:
                self._poller.unregister(fd)
            except KeyError:
                pass

    def _fileno(self, fd):
        if isinstance(fd, int):
            return fd
        return fd.fileno()

    def _add_reader(self, fd, callback, *args):
        fd = self._fileno(fd)
        handle = events.Handle(callback, args, self, None)
        entry = self._fds.setdefault(fd, [None, None])
        old = entry[0]
        entry[0] = handle
        self._update_poll(fd)
        if old is not None:
            old.cancel()
        return handle

    def add_reader(self, fd, callback, *args):
        """Call callback(*args) whenever fd is readable."""
        self._check_closed()
        self._check_callback(callback, 'add_reader')
        self._add_reader(fd, callback, *args)

    def remove_reader(self, fd):
        fd = self._fileno(fd)
        entry = self._fds.get(fd)
        if entry is None or entry[0] is None:
            return False
        entry[0].cancel()
        entry[0] = None
        self._update_poll(fd)
        return True

    def add_writer(self, fd, callback, *args):
        """Call callback(*args) whenever fd is writable."""
        self._check_closed()
        self._check_callback(callback, 'add_writer')
        fd = self._fileno(fd)
        handle = events.Handle(callback, args, self, None)
        entry = self._fds.setdefault(fd, [None, None])
        old = entry[1]
        entry[1] = handle
        self._update_poll(fd)
        if old is not None:
            old.cancel()

    def remove_writer(self, fd):
        fd = self._fileno(fd)
        entry = self._fds.get(fd)
        if entry is None or entry[1] is None:
            return False
        entry[1].cancel()
        entry[1] = None
        self._update_poll(fd)
        return True

    def _read_from_self(self):
        try:
            while os.read(self._ssock, 4096):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def _write_to_self(self):
        csock = self._csock
        if csock is None:
            return
        try:
            os.write(csock, b'\0')
        except OSError:
            pass   # pipe full: the loop is going to wake up anyway

    # ---- signals ----
    def add_signal_handler(self, sig, callback, *args):
        raise NotImplementedError('add_signal_handler() needs the signal module, '
                                  'which Vitrine does not have yet')

    def remove_signal_handler(self, sig):
        raise NotImplementedError('remove_signal_handler() needs the signal module, '
                                  'which Vitrine does not have yet')

    # ---- errors ----
    def get_exception_handler(self):
        return self._exception_handler

    def set_exception_handler(self, handler):
        if handler is not None and not callable(handler):
            raise TypeError(f'A callable object or None is expected, got {handler!r}')
        self._exception_handler = handler

    def default_exception_handler(self, context):
        """Print the context to stderr as CPython's logger would ("message" then details)."""
        message = context.get('message') or 'Unhandled exception in event loop'
        exception = context.get('exception')
        lines = [message]
        for key in sorted(context):
            if key in {'message', 'exception'}:
                continue
            lines.append(f'{key}: {context[key]!r}')
        text = '\n'.join(lines)
        if exception is not None:
            text += '\n' + _format_tb(exception).rstrip('\n')
        print(text, file=sys.stderr)

    def call_exception_handler(self, context):
        if self._exception_handler is None:
            try:
                self.default_exception_handler(context)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException:
                print('Exception in default exception handler', file=sys.stderr)
        else:
            try:
                self._exception_handler(self, context)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                try:
                    self.default_exception_handler({
                        'message': 'Unhandled error in exception handler',
                        'exception': exc,
                        'context': context,
                    })
                except (SystemExit, KeyboardInterrupt):
                    raise
                except BaseException:
                    print('Exception in default exception handler', file=sys.stderr)

    def get_debug(self):
        return self._debug

    def set_debug(self, enabled):
        self._debug = enabled

    # ---- one iteration ----
    def _run_once(self):
        """Wait for I/O or the next timer (never busy-waiting), then run what is ready."""
        sched = self._scheduled
        # Drop cancelled timers from the heap when they are too many, else lazily at the top.
        if (len(sched) > _MIN_SCHEDULED_TIMER_HANDLES and
                self._timer_cancelled_count / len(sched) > _MIN_CANCELLED_TIMER_HANDLES_FRACTION):
            live = []
            for h in sched:
                if h._cancelled:
                    h._scheduled = False
                else:
                    live.append(h)
            heapq.heapify(live)
            self._scheduled = sched = live
            self._timer_cancelled_count = 0
        else:
            while sched and sched[0]._cancelled:
                self._timer_cancelled_count -= 1
                h = heapq.heappop(sched)
                h._scheduled = False

        timeout = None
        if self._ready or self._stopping:
            timeout = 0
        elif sched:
            timeout = min(max(0, sched[0]._when - self.time()), 86400)

        if timeout != 0 and _trace_on(_TASK):
            _vtrace.emit('loop idle: wait forever' if timeout is None
                         else f'loop idle: wait up to {timeout:.6f}s')
        ms = None if timeout is None else timeout * 1000.0
        events_ready = self._poller.poll(ms)
        for fd, mask in events_ready:
            entry = self._fds.get(fd)
            if entry is None:
                continue
            reader, writer = entry
            if reader is not None and mask & (select.POLLIN | select.POLLHUP | select.POLLERR):
                if fd != self._ssock and _trace_on(_TASK):
                    _vtrace.emit(f'loop: fd {fd} readable')
                self._ready.append(reader)
            if writer is not None and mask & (select.POLLOUT | select.POLLHUP | select.POLLERR):
                if _trace_on(_TASK):
                    _vtrace.emit(f'loop: fd {fd} writable')
                self._ready.append(writer)

        end_time = self.time() + self._clock_resolution
        while sched:
            h = sched[0]
            if h._when >= end_time:
                break
            h = heapq.heappop(sched)
            h._scheduled = False
            self._ready.append(h)

        # Run only what is ready now: callbacks scheduled by these run next iteration.
        ntodo = len(self._ready)
        for _ in range(ntodo):
            handle = self._ready.popleft()
            if handle._cancelled:
                continue
            handle._run()
        handle = None


class _UnixSelectorEventLoop(BaseEventLoop):
    """The default loop (a poll-based selector loop); named as CPython's on Unix."""


SelectorEventLoop = _UnixSelectorEventLoop
EventLoop = SelectorEventLoop
