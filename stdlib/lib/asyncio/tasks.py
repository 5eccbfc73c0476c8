"""Tasks (coroutines driven by the loop, one step per callback) and the helpers on top:
gather, wait, wait_for, sleep, shield, as_completed, current_task, all_tasks."""

import functools
import itertools
import types

from . import coroutines
from . import events
from . import exceptions
from . import format_helpers
from . import futures
from . import _vtrace
from ._vtrace import is_on as _trace_on, KIND as _TASK

__all__ = ('Task', 'create_task', 'FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED',
           'wait', 'wait_for', 'as_completed', 'sleep', 'gather', 'shield', 'ensure_future',
           'run_coroutine_threadsafe', 'current_task', 'all_tasks', 'to_thread')

_task_name_counter = itertools.count(1).__next__

# Tasks not done yet (CPython keeps a WeakSet of all tasks; without weakrefs we keep the
# pending ones and drop each when it finishes).
_pending_tasks = set()
_current_tasks = {}   # loop -> the task running a step on it


def current_task(loop=None):
    """The task running now on `loop` (the running loop by default), or None."""
    if loop is None:
        loop = events.get_running_loop()
    return _current_tasks.get(loop)


def all_tasks(loop=None):
    """The set of not-yet-done tasks of the loop."""
    if loop is None:
        loop = events.get_running_loop()
    return {t for t in list(_pending_tasks) if t._loop is loop and not t.done()}


def _set_task_name(task, name):
    if name is not None:
        try:
            set_name = task.set_name
        except AttributeError:
            return
        set_name(name)


def _enter_task(loop, task):
    current = _current_tasks.get(loop)
    if current is not None:
        raise RuntimeError(f"Cannot enter into task {task!r} while another "
                           f"task {current!r} is being executed.")
    _current_tasks[loop] = task


def _leave_task(loop, task):
    current = _current_tasks.get(loop)
    if current is not task:
        raise RuntimeError(f"Leaving task {task!r} does not match "
                           f"the current task {current!r}.")
    del _current_tasks[loop]


class Task(futures.Future):
    """A coroutine wrapped in a Future: each step sends into it until it awaits a future,
    and the future's done callback schedules the next step."""

    _log_destroy_pending = True

    def __init__(self, coro, *, loop=None, name=None, context=None):
        super().__init__(loop=loop)
        if not coroutines.iscoroutine(coro):
            self._log_destroy_pending = False
            raise TypeError(f"a coroutine was expected, got {coro!r}")
        if name is None:
            self._name = f'Task-{_task_name_counter()}'
        else:
            self._name = str(name)
        self._num_cancels_requested = 0
        self._must_cancel = False
        self._fut_waiter = None
        self._coro = coro
        self._loop.call_soon(self._Task__step)
        _pending_tasks.add(self)
        if _trace_on(_TASK):
            _vtrace.emit(f'create {self._name} coro={_coro_name(coro)}')

    def __repr__(self):
        info = [self._state.lower()]
        info.append(f'name={self.get_name()!r}')
        info.append(f'coro=<{coroutines._format_coroutine(self._coro)}>')
        if self._state == futures._FINISHED:
            if self._exception is not None:
                info.append(f'exception={self._exception!r}')
            else:
                info.append(f'result={futures._short_repr(self._result)}')
        if self._fut_waiter is not None:
            info.append(f'wait_for={self._fut_waiter!r}')
        if self._callbacks:
            info.append(self._format_callbacks())
        return '<{} {}>'.format(self.__class__.__name__, ' '.join(info))

    def __del__(self):
        if self._state == futures._PENDING and self._log_destroy_pending:
            self._loop.call_exception_handler({
                'task': self,
                'message': 'Task was destroyed but it is pending!',
            })
        super().__del__()

    __class_getitem__ = classmethod(format_helpers.class_getitem)

    def get_coro(self):
        return self._coro

    def get_context(self):
        return None

    def get_name(self):
        return self._name

    def set_name(self, value):
        old, self._name = self._name, str(value)
        if _trace_on(_TASK) and old != self._name:
            _vtrace.emit(f'rename {old} -> {self._name}')

    def set_result(self, result):
        raise RuntimeError('Task does not support set_result operation')

    def set_exception(self, exception):
        raise RuntimeError('Task does not support set_exception operation')

    def get_stack(self, *, limit=None):
        frame = getattr(self._coro, 'cr_frame', None)
        return [frame] if frame is not None else []

    def cancel(self, msg=None):
        """Ask the task to stop: CancelledError is thrown into the coroutine at its next step."""
        self._log_traceback = False
        if self.done():
            return False
        self._num_cancels_requested += 1
        if _trace_on(_TASK):
            _vtrace.emit(f'cancel {self._name} requested' + (f' msg={msg!r}' if msg is not None else ''))
        if self._fut_waiter is not None:
            if self._fut_waiter.cancel(msg=msg):
                # The waiter's done callback (our __wakeup) throws CancelledError in.
                return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def cancelling(self):
        return self._num_cancels_requested

    def uncancel(self):
        if self._num_cancels_requested > 0:
            self._num_cancels_requested -= 1
        return self._num_cancels_requested

    def _finish(self, how, detail=''):
        _pending_tasks.discard(self)
        if _trace_on(_TASK):
            _vtrace.emit(f'{how} {self._name}{detail}')

    def __step(self, exc=None):
        if self.done():
            raise exceptions.InvalidStateError(f'_step(): already done: {self!r}, {exc!r}')
        if self._must_cancel:
            if not isinstance(exc, exceptions.CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        coro = self._coro
        self._fut_waiter = None
        loop = self._loop
        tracing = _trace_on(_TASK)
        if tracing:
            _vtrace.emit(f'step {self._name}: resume' +
                         (f' with {type(exc).__name__}' if exc is not None else ''))
        if loop in _current_tasks:   # _enter_task, inlined: this runs once per step
            _enter_task(loop, self)
        _current_tasks[loop] = self
        try:
            if exc is None:
                result = coro.send(None)
            else:
                result = coro.throw(exc)
        except StopIteration as e:
            if self._must_cancel:
                self._must_cancel = False
                futures.Future.cancel(self, msg=self._cancel_message)
                self._finish('cancelled')
            else:
                futures.Future.set_result(self, e.value)
                self._finish('done', f' result={futures._short_repr(e.value)}' if tracing else '')
        except exceptions.CancelledError as e:
            _drop_step_frame(e)
            self._cancelled_exc = e
            futures.Future.cancel(self)
            self._finish('cancelled')
        except (KeyboardInterrupt, SystemExit) as e:
            _drop_step_frame(e)
            futures.Future.set_exception(self, e)
            self._finish('failed')
            raise
        except BaseException as e:
            _drop_step_frame(e)
            futures.Future.set_exception(self, e)
            self._finish('failed', f' with {e!r}' if tracing else '')
        else:
            self._suspend(result, tracing)
        finally:
            if _current_tasks.get(loop) is self:
                del _current_tasks[loop]
            else:
                _leave_task(loop, self)
            self = None

    def _suspend(self, result, tracing):
        """The coroutine yielded `result`: wait on it if it is a future, else complain."""
        blocking = getattr(result, '_asyncio_future_blocking', None)
        if blocking is not None:
            if futures._get_loop(result) is not self._loop:
                new_exc = RuntimeError(f'Task {self!r} got Future {result!r} attached to a '
                                       f'different loop')
                self._loop.call_soon(self._Task__step, new_exc)
            elif blocking:
                if result is self:
                    new_exc = RuntimeError(f'Task cannot await on itself: {self!r}')
                    self._loop.call_soon(self._Task__step, new_exc)
                else:
                    result._asyncio_future_blocking = False
                    result.add_done_callback(self._Task__wakeup)
                    self._fut_waiter = result
                    if tracing:
                        _vtrace.emit(f'step {self._name}: suspend, awaits '
                                     f'{_vtrace.describe_wait(result)}')
                    if self._must_cancel:
                        if self._fut_waiter.cancel(msg=self._cancel_message):
                            self._must_cancel = False
            else:
                new_exc = RuntimeError(f'yield was used instead of yield from in task '
                                       f'{self!r} with {result!r}')
                self._loop.call_soon(self._Task__step, new_exc)
        elif result is None:
            # Bare yield (sleep(0)): give the other callbacks a turn, then continue.
            if tracing:
                _vtrace.emit(f'step {self._name}: yield (sleep 0)')
            self._loop.call_soon(self._Task__step)
        elif isinstance(result, types.GeneratorType):
            new_exc = RuntimeError(f'yield was used instead of yield from for generator in '
                                   f'task {self!r} with {result!r}')
            self._loop.call_soon(self._Task__step, new_exc)
        else:
            new_exc = RuntimeError(f'Task got bad yield: {result!r}')
            self._loop.call_soon(self._Task__step, new_exc)

    def __wakeup(self, future):
        # Step outside the except block: Vitrine's generator resume (runtime/generator.c)
        # would otherwise mistake the coroutine's own handled exception for ours and drop it,
        # breaking a bare `raise` after an `await` inside the coroutine's except block.
        exc = None
        try:
            future.result()
        except BaseException as e:
            exc = e
        if exc is None:
            self.__step()
        else:
            self.__step(exc)
        self = None


def _drop_step_frame(exc):
    """Hide Task.__step's own frame from the task's traceback (CPython's step is C code)."""
    tb = exc.__traceback__
    if tb is not None and tb.tb_frame.f_code is _STEP_CODE:
        exc.__traceback__ = tb.tb_next


_STEP_CODE = Task._Task__step.__code__
# Future reprs show a task's wakeup callback as CPython's C one: "cb=[Task.task_wakeup()]".
Task._Task__wakeup.__qualname__ = 'Task.task_wakeup'
Task._Task__wakeup._vt_builtin = True
Task._Task__step.__qualname__ = 'Task.task_step'
Task._Task__step._vt_builtin = True


def _coro_name(coro):
    return (getattr(coro, '__qualname__', None) or type(coro).__name__) + '()'


def _get_loop(fut):
    try:
        get_loop = fut.get_loop
    except AttributeError:
        return fut._loop
    return get_loop()


futures._get_loop = _get_loop


def create_task(coro, *, name=None, context=None):
    """Schedule the coroutine on the running loop as a Task."""
    loop = events.get_running_loop()
    task = loop.create_task(coro)   # 3.11: the name is set afterwards (Task-N still counts)
    _set_task_name(task, name)
    return task


# ---- wait ----
FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    """Wait for the futures/tasks in fs; return (done, pending) sets."""
    if futures.isfuture(fs) or coroutines.iscoroutine(fs):
        raise TypeError(f"expect a list of futures, not {type(fs).__name__}")
    if not fs:
        raise ValueError('Set of Tasks/Futures is empty.')
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError(f'Invalid return_when value: {return_when}')
    loop = events.get_running_loop()
    fs = set(fs)
    if any(coroutines.iscoroutine(f) for f in fs):
        raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")
    fs = {ensure_future(f, loop=loop) for f in fs}
    return await _wait(fs, timeout, return_when, loop)


def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)


async def _wait(fs, timeout, return_when, loop):
    assert fs, 'Set of Futures is empty.'
    waiter = loop.create_future()
    waiter._vt_what = f'wait({len(fs)} futures, {return_when})'
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = len(fs)

    def _on_completion(f):
        nonlocal counter
        counter -= 1
        if (counter <= 0 or return_when == FIRST_COMPLETED or
                return_when == FIRST_EXCEPTION and (not f.cancelled() and
                                                    f.exception() is not None)):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(_on_completion)
    try:
        await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(_on_completion)

    done, pending = set(), set()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


async def _cancel_and_wait(fut, loop):
    """Cancel fut and wait until it is really done (its cleanup ran)."""
    waiter = loop.create_future()
    waiter._vt_what = 'cancellation to finish'
    cb = functools.partial(_release_waiter, waiter)
    fut.add_done_callback(cb)
    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(cb)


async def wait_for(fut, timeout):
    """Await fut with a timeout: on expiry cancel it and raise TimeoutError."""
    loop = events.get_running_loop()
    if timeout is None:
        return await fut
    if timeout <= 0:
        fut = ensure_future(fut, loop=loop)
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut, loop=loop)
        try:
            return fut.result()
        except exceptions.CancelledError as exc:
            raise exceptions.TimeoutError() from exc

    waiter = loop.create_future()
    waiter._vt_what = f'wait_for(timeout={timeout})'
    timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    cb = functools.partial(_release_waiter, waiter)
    fut = ensure_future(fut, loop=loop)
    fut.add_done_callback(cb)
    try:
        try:
            await waiter
        except exceptions.CancelledError:
            if fut.done():
                return fut.result()
            fut.remove_done_callback(cb)
            await _cancel_and_wait(fut, loop=loop)
            raise
        if fut.done():
            return fut.result()
        fut.remove_done_callback(cb)
        await _cancel_and_wait(fut, loop=loop)
        try:
            return fut.result()
        except exceptions.CancelledError as exc:
            raise exceptions.TimeoutError() from exc
    finally:
        timeout_handle.cancel()


def as_completed(fs, *, timeout=None):
    """Iterator of awaitables giving the results in completion order."""
    if futures.isfuture(fs) or coroutines.iscoroutine(fs):
        raise TypeError(f"expect an iterable of futures, not {type(fs).__name__}")
    from .queues import Queue
    done = Queue()
    loop = events.get_event_loop()
    todo = {ensure_future(f, loop=loop) for f in set(fs)}
    timeout_handle = None

    def _on_timeout():
        for f in todo:
            f.remove_done_callback(_on_completion)
            done.put_nowait(None)
        todo.clear()

    def _on_completion(f):
        if not todo:
            return
        todo.remove(f)
        done.put_nowait(f)
        if not todo and timeout_handle is not None:
            timeout_handle.cancel()

    async def _wait_for_one():
        f = await done.get()
        if f is None:
            raise exceptions.TimeoutError
        return f.result()

    for f in todo:
        f.add_done_callback(_on_completion)
    if todo and timeout is not None:
        timeout_handle = loop.call_later(timeout, _on_timeout)
    for _ in range(len(todo)):
        yield _wait_for_one()


class _Sleep0:
    """`await _Sleep0()` yields None once: the task lets every ready callback run first."""
    __slots__ = ()

    def __await__(self):
        yield


async def sleep(delay, result=None):
    """Coroutine that completes after `delay` seconds, returning `result`."""
    if delay <= 0:
        await _Sleep0()
        return result
    loop = events.get_running_loop()
    future = loop.create_future()
    future._vt_what = f'sleep({delay})'
    h = loop.call_later(delay, futures._set_result_unless_cancelled, future, result)
    try:
        return await future
    finally:
        h.cancel()


def ensure_future(coro_or_future, *, loop=None):
    """A future as is; a coroutine wrapped in a Task; an awaitable wrapped in a coroutine."""
    if futures.isfuture(coro_or_future):
        if loop is not None and loop is not _get_loop(coro_or_future):
            raise ValueError('The future belongs to a different loop than '
                             'the one specified as the loop argument')
        return coro_or_future
    called_wrap_awaitable = False
    if not coroutines.iscoroutine(coro_or_future):
        if hasattr(type(coro_or_future), '__await__'):
            coro_or_future = _wrap_awaitable(coro_or_future)
            called_wrap_awaitable = True
        else:
            raise TypeError('An asyncio.Future, a coroutine or an awaitable is required')
    if loop is None:
        loop = events.get_event_loop()
    try:
        return loop.create_task(coro_or_future)
    except RuntimeError:
        if not called_wrap_awaitable:
            coro_or_future.close()
        raise


async def _wrap_awaitable(awaitable):
    return await awaitable


class _GatheringFuture(futures.Future):
    """gather()'s outer future: cancelling it cancels every child."""

    def __init__(self, children, *, loop):
        super().__init__(loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


def gather(*coros_or_futures, return_exceptions=False):
    """Run the awaitables concurrently; the result is the list of their results, in order."""
    if not coros_or_futures:
        loop = events.get_event_loop()
        outer = loop.create_future()
        outer.set_result([])
        return outer

    def _done_callback(fut):
        nonlocal nfinished
        nfinished += 1
        if outer is None or outer.done():
            if not fut.cancelled():
                fut.exception()   # mark retrieved
            return
        if not return_exceptions:
            if fut.cancelled():
                outer.set_exception(fut._make_cancelled_error())
                return
            exc = fut.exception()
            if exc is not None:
                outer.set_exception(exc)
                return
        if nfinished == nfuts:
            results = []
            for fut in children:
                if fut.cancelled():
                    res = exceptions.CancelledError(
                        '' if fut._cancel_message is None else fut._cancel_message)
                else:
                    res = fut.exception()
                    if res is None:
                        res = fut.result()
                results.append(res)
            if outer._cancel_requested:
                outer.set_exception(fut._make_cancelled_error())
            else:
                outer.set_result(results)

    arg_to_fut = {}
    children = []
    nfuts = 0
    nfinished = 0
    loop = None
    outer = None
    for arg in coros_or_futures:
        if arg not in arg_to_fut:
            fut = ensure_future(arg, loop=loop)
            if loop is None:
                loop = _get_loop(fut)
            if fut is not arg:
                fut._log_destroy_pending = False
            nfuts += 1
            arg_to_fut[arg] = fut
            fut.add_done_callback(_done_callback)
        else:
            fut = arg_to_fut[arg]
        children.append(fut)
    outer = _GatheringFuture(children, loop=loop)
    outer._vt_what = f'gather({len(children)} awaitables)'
    return outer


def shield(arg):
    """Wait for arg, but cancelling the waiter does not cancel arg itself."""
    inner = ensure_future(arg)
    if inner.done():
        return inner
    loop = _get_loop(inner)
    outer = loop.create_future()
    outer._vt_what = 'shield'

    def _inner_done_callback(inner):
        if outer.cancelled():
            if not inner.cancelled():
                inner.exception()
            return
        if inner.cancelled():
            outer.cancel()
        else:
            exc = inner.exception()
            if exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(inner.result())

    def _outer_done_callback(outer):
        if not inner.done():
            inner.remove_done_callback(_inner_done_callback)

    inner.add_done_callback(_inner_done_callback)
    outer.add_done_callback(_outer_done_callback)
    return outer


def run_coroutine_threadsafe(coro, loop):
    """Submit a coroutine to a loop running in another thread (needs concurrent.futures)."""
    if not coroutines.iscoroutine(coro):
        raise TypeError('A coroutine object is required')
    try:
        import concurrent.futures
    except ImportError:
        raise NotImplementedError('run_coroutine_threadsafe() needs threads '
                                  '(concurrent.futures), which Vitrine does not provide yet') from None
    future = concurrent.futures.Future()

    def callback():
        try:
            task = ensure_future(coro, loop=loop)

            def _done(t):
                if t.cancelled():
                    future.cancel()
                elif t.exception() is not None:
                    future.set_exception(t.exception())
                else:
                    future.set_result(t.result())
            task.add_done_callback(_done)
        except BaseException as exc:
            future.set_exception(exc)
            raise
    loop.call_soon_threadsafe(callback)
    return future


async def to_thread(func, /, *args, **kwargs):
    """Run func(*args, **kwargs) in the default thread pool and await its result."""
    loop = events.get_running_loop()
    func_call = functools.partial(func, *args, **kwargs)
    return await loop.run_in_executor(None, func_call)
