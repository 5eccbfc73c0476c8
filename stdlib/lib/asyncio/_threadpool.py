"""A minimal thread pool for run_in_executor()/to_thread() while concurrent.futures is not
there: worker threads take (future, fn, args) jobs from a queue."""

import os
import queue
import threading


class PoolFuture:
    """The subset of concurrent.futures.Future that asyncio.wrap_future uses."""

    def __init__(self):
        self._lock = threading.Lock()
        self._done = False
        self._cancelled = False
        self._result = None
        self._exception = None
        self._callbacks = []

    def cancel(self):
        with self._lock:
            if self._done:
                return False
            self._cancelled = self._done = True
        self._run_callbacks()
        return True

    def cancelled(self):
        return self._cancelled

    def done(self):
        return self._done

    def result(self):
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self):
        return self._exception

    def add_done_callback(self, fn):
        with self._lock:
            if not self._done:
                self._callbacks.append(fn)
                return
        fn(self)

    def _finish(self, result, exception):
        with self._lock:
            if self._done:
                return
            self._result, self._exception, self._done = result, exception, True
        self._run_callbacks()

    def _run_callbacks(self):
        callbacks, self._callbacks = self._callbacks, []
        for fn in callbacks:
            fn(self)


class ThreadPool:
    """Up to max_workers threads named '<prefix>_<i>', started on demand."""

    def __init__(self, max_workers=None, thread_name_prefix='asyncio'):
        if max_workers is None:
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        self._max_workers = max_workers
        self._prefix = thread_name_prefix
        self._jobs = queue.SimpleQueue() if hasattr(queue, 'SimpleQueue') else queue.Queue()
        self._threads = []
        self._idle = 0
        self._lock = threading.Lock()
        self._shutdown = False

    def submit(self, fn, *args, **kwargs):
        if self._shutdown:
            raise RuntimeError('cannot schedule new futures after shutdown')
        fut = PoolFuture()
        self._jobs.put((fut, fn, args, kwargs))
        with self._lock:
            if self._idle == 0 and len(self._threads) < self._max_workers:
                t = threading.Thread(target=self._worker,
                                     name=f'{self._prefix}_{len(self._threads)}', daemon=True)
                self._threads.append(t)
                t.start()
            elif self._idle:
                self._idle -= 1
        return fut

    def _worker(self):
        while True:
            job = self._jobs.get()
            if job is None:
                return
            fut, fn, args, kwargs = job
            if fut.cancelled():
                continue
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:
                fut._finish(None, exc)
            else:
                fut._finish(result, None)
            with self._lock:
                self._idle += 1

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        for _ in self._threads:
            self._jobs.put(None)
        if wait:
            for t in self._threads:
                t.join()
