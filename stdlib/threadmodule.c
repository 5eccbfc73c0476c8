/* threadmodule.c: the _thread module: starting POSIX threads that run Python callables,
 * the lock and RLock types (blocking waits release the GIL), thread idents and counts. The
 * threading module (stdlib/lib/threading.py) is written in Python on top of this. */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "vm.h"
#include "gil.h"
#include "trace.h"
#include "modules.h"

#define DEFAULT_STACK (16u << 20)   /* deep recursion relies on the C stack guard per thread */
#define TIMEOUT_MAX_SECONDS 9223372036.0

/* ---- raw locks: a mutex-protected flag, so any thread may release it ---- */
typedef struct RawLock {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int locked;
} RawLock;

static void rawlock_init(RawLock *l) {
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&l->mu, NULL);
    pthread_cond_init(&l->cv, &ca);
    pthread_condattr_destroy(&ca);
    l->locked = 0;
}

static void rawlock_destroy(RawLock *l) {
    pthread_cond_destroy(&l->cv);
    pthread_mutex_destroy(&l->mu);
}

static double mono_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Acquire l: timeout < 0 waits forever, 0 does not wait. The uncontended case never releases
 * the GIL (as in CPython). Blocking waits release it; the main thread wakes every 20 ms to
 * notice Ctrl-C. Returns 1 (acquired), 0 (timed out) or -1 (KeyboardInterrupt set). */
static int rawlock_acquire(RawLock *l, double timeout, GilDropReason why) {
    pthread_mutex_lock(&l->mu);
    if (!l->locked) {
        l->locked = 1;
        pthread_mutex_unlock(&l->mu);
        return 1;
    }
    pthread_mutex_unlock(&l->mu);
    if (timeout == 0) return 0;
    ThreadState *ts = vm_ts();
    Interp *interp = ts->interp;
    bool main_thread = vm_is_main_thread(ts);
    double deadline = timeout > 0 ? mono_now() + timeout : 0;
    int got = 0;
    bool interrupted = false;
    gil_release(ts, why);
    pthread_mutex_lock(&l->mu);
    for (;;) {
        if (!l->locked) { l->locked = 1; got = 1; break; }
        if (main_thread && (interp->pending_signals & 1)) { interrupted = true; break; }
        double now = mono_now();
        if (timeout > 0 && now >= deadline) break;
        double until = timeout > 0 ? deadline : now + 3600;
        if (main_thread && until > now + 0.02) until = now + 0.02;
        struct timespec dl = {(time_t)until, (long)((until - (time_t)until) * 1e9)};
        pthread_cond_timedwait(&l->cv, &l->mu, &dl);
    }
    pthread_mutex_unlock(&l->mu);
    gil_acquire(ts);
    if (interrupted && vm_handle_breaker(ts) < 0) return -1;
    return got;
}

static int rawlock_release(RawLock *l) {
    pthread_mutex_lock(&l->mu);
    if (!l->locked) {
        pthread_mutex_unlock(&l->mu);
        return -1;
    }
    l->locked = 0;
    pthread_mutex_unlock(&l->mu);
    /* signal after unlocking, so the woken waiter does not block again on mu */
    pthread_cond_signal(&l->cv);
    return 0;
}

/* acquire(blocking=True, timeout=-1) argument checks, CPython's messages. */
static int parse_acquire(const char *fname, Obj *const *args, size_t nargs, Obj *kwnames,
                         double *timeout) {
    static const char *const names[] = {"blocking", "timeout"};
    Obj *a[2] = {NULL, NULL};
    if (args_parse(fname, args, nargs, kwnames, names, 2, 0, 2, a) < 0) return -1;
    int blocking = 1;
    if (a[0]) {
        blocking = obj_is_true(a[0]);
        if (blocking < 0) return -1;
    }
    double t = -1;
    if (a[1]) {
        t = float_as_double(a[1]);
        if (t == -1.0 && err_occurred()) return -1;
    }
    if (!blocking && t != -1) {
        err_set_str(Exc_ValueError, "can't specify a timeout for a non-blocking call");
        return -1;
    }
    if (t < 0 && t != -1) {
        err_set_str(Exc_ValueError, "timeout value must be positive");
        return -1;
    }
    if (t > TIMEOUT_MAX_SECONDS) {
        err_set_str(Exc_OverflowError, "timestamp out of range for platform time_t");
        return -1;
    }
    *timeout = !blocking ? 0 : t;
    return 0;
}

/* ---- _thread.lock ---- */
typedef struct LockObj {
    Obj ob;
    RawLock raw;
    bool is_join;   /* a thread's end-of-life sentinel: waits trace as "join" */
} LockObj;

Type Type_thread_lock;

static LockObj *lock_new_raw(void) {
    LockObj *l = (LockObj *)obj_alloc(&Type_thread_lock, sizeof(LockObj));
    if (!l) return NULL;
    rawlock_init(&l->raw);
    return l;
}

static void lock_dealloc(Obj *o) {
    rawlock_destroy(&((LockObj *)o)->raw);
    obj_free(o);
}

static Obj *lock_acquire(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    LockObj *l = (LockObj *)self;
    double timeout;
    if (parse_acquire("acquire", args, nargs, kwnames, &timeout) < 0) return NULL;
    int r = rawlock_acquire(&l->raw, timeout, l->is_join ? GIL_DROP_JOIN : GIL_DROP_LOCK);
    if (r < 0) return NULL;
    RETURN_BOOL(r);
}

static Obj *lock_enter(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return lock_acquire(self, NULL, 0, NULL);
}

static Obj *lock_release(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (rawlock_release(&((LockObj *)self)->raw) < 0)
        return err_set_str(Exc_RuntimeError, "release unlocked lock");
    RETURN_NONE;
}

static Obj *lock_locked(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    LockObj *l = (LockObj *)self;
    pthread_mutex_lock(&l->raw.mu);
    int v = l->raw.locked;
    pthread_mutex_unlock(&l->raw.mu);
    RETURN_BOOL(v);
}

static Obj *lock_repr(Obj *self) {
    LockObj *l = (LockObj *)self;
    return str_from_format("<%s %s object at %p>", l->raw.locked ? "locked" : "unlocked",
                           TYPE(self)->name, (void *)self);
}

static const MethodDef lock_methods[] = {
    {"acquire", lock_acquire, METH_KEYWORDS, NULL},
    {"acquire_lock", lock_acquire, METH_KEYWORDS, NULL},
    {"release", lock_release, METH_NOARGS, NULL},
    {"release_lock", lock_release, METH_NOARGS, NULL},
    {"locked", lock_locked, METH_NOARGS, NULL},
    {"locked_lock", lock_locked, METH_NOARGS, NULL},
    {"__enter__", lock_enter, METH_NOARGS, NULL},
    {"__exit__", lock_release, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_thread_lock = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "_thread.lock",
    .basicsize = sizeof(LockObj),
    .doc = "A lock object is a synchronization primitive.",
    .dealloc = lock_dealloc,
    .repr = lock_repr,
    .methods = lock_methods,
};

/* ---- _thread.RLock ---- */
typedef struct RLockObj {
    Obj ob;
    RawLock raw;
    uint64_t owner;
    uint64_t count;
} RLockObj;

Type Type_thread_RLock;

static Obj *rlock_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    RLockObj *r = (RLockObj *)type_generic_alloc(type, 0);
    if (!r) return NULL;
    rawlock_init(&r->raw);
    return (Obj *)r;
}

static void rlock_dealloc(Obj *o) {
    rawlock_destroy(&((RLockObj *)o)->raw);
    Type *t = TYPE(o);
    obj_free(o);
    if (t->flags & TPFLAG_HEAPTYPE) DECREF((Obj *)t);
}

static Obj *rlock_acquire(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    RLockObj *r = (RLockObj *)self;
    double timeout;
    if (parse_acquire("acquire", args, nargs, kwnames, &timeout) < 0) return NULL;
    uint64_t me = vm_ts()->ident;
    if (r->count > 0 && r->owner == me) {
        r->count++;
        return V_True;
    }
    int got = rawlock_acquire(&r->raw, timeout, GIL_DROP_LOCK);
    if (got < 0) return NULL;
    if (got) {
        r->owner = me;
        r->count = 1;
    }
    RETURN_BOOL(got);
}

static Obj *rlock_enter(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return rlock_acquire(self, NULL, 0, NULL);
}

static Obj *rlock_release(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    RLockObj *r = (RLockObj *)self;
    if (r->count == 0 || r->owner != vm_ts()->ident)
        return err_set_str(Exc_RuntimeError, "cannot release un-acquired lock");
    if (--r->count == 0) {
        r->owner = 0;
        rawlock_release(&r->raw);
    }
    RETURN_NONE;
}

/* Condition.wait support: fully release, returning the state to restore. */
static Obj *rlock_release_save(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    RLockObj *r = (RLockObj *)self;
    if (r->count == 0) return err_set_str(Exc_RuntimeError, "cannot release un-acquired lock");
    Obj *state = tuple_new(2);
    if (!state) return NULL;
    TUPLE_SET_STEAL(state, 0, int_from_u64(r->count));
    TUPLE_SET_STEAL(state, 1, int_from_u64(r->owner));
    r->count = 0;
    r->owner = 0;
    rawlock_release(&r->raw);
    return state;
}

static Obj *rlock_acquire_restore(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    RLockObj *r = (RLockObj *)self;
    Obj *state = args[0];
    if (!TUPLE_CHECK(state) || TUPLE_SIZE(state) != 2)
        return err_set_str(Exc_TypeError, "_acquire_restore() argument 1 must be tuple");
    Obj *c_obj = TUPLE_ITEMS(state)[0], *ow = TUPLE_ITEMS(state)[1];
    if (!INT_CHECK(c_obj) || !INT_CHECK(ow))
        return err_set_str(Exc_TypeError, "_acquire_restore() state must hold ints");
    int64_t c = int_as_i64(c_obj);
    uint64_t owner;
    if (IS_SMALL(ow)) {
        owner = (uint64_t)SMALL_VALUE(ow);
    } else {
        mpz_t z;
        mpz_init(z);
        int_get_mpz(ow, z);
        owner = mpz_get_ui(z);
        mpz_clear(z);
    }
    if (rawlock_acquire(&r->raw, -1, GIL_DROP_LOCK) < 0) return NULL;
    r->owner = owner;
    r->count = (uint64_t)c;
    RETURN_NONE;
}

static Obj *rlock_is_owned(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    RLockObj *r = (RLockObj *)self;
    RETURN_BOOL(r->count > 0 && r->owner == vm_ts()->ident);
}

static Obj *rlock_repr(Obj *self) {
    RLockObj *r = (RLockObj *)self;
    Type *t = TYPE(self);
    const char *name = t == &Type_thread_RLock ? "_thread.RLock" : t->name;
    return str_from_format("<%s %s object owner=%llu count=%llu at %p>",
                           r->count ? "locked" : "unlocked", name, (unsigned long long)r->owner,
                           (unsigned long long)r->count, (void *)self);
}

static const MethodDef rlock_methods[] = {
    {"acquire", rlock_acquire, METH_KEYWORDS, NULL},
    {"release", rlock_release, METH_NOARGS, NULL},
    {"__enter__", rlock_enter, METH_NOARGS, NULL},
    {"__exit__", rlock_release, METH_VARARGS, NULL},
    {"_is_owned", rlock_is_owned, METH_NOARGS, NULL},
    {"_release_save", rlock_release_save, METH_NOARGS, NULL},
    {"_acquire_restore", rlock_acquire_restore, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_thread_RLock = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "RLock",
    .basicsize = sizeof(RLockObj),
    .flags = TPFLAG_BASETYPE,
    .dealloc = rlock_dealloc,
    .repr = rlock_repr,
    .new = rlock_new,
    .methods = rlock_methods,
};

/* ---- starting threads ---- */
typedef struct Boot {
    ThreadState *ts;
    Obj *func, *args, *kwargs;
} Boot;

static size_t stack_size_setting;          /* 0: the default */
static _Thread_local LockObj *sentinel;    /* released when this thread ends (join) */

/* Run one Python thread's job on the calling OS thread, from binding its state to its final
 * GIL release. */
static void run_job(Boot *boot) {
    ThreadState *ts = boot->ts;
    vm_threadstate_bind(ts);
    gil_acquire(ts);
    if (TRACE_ON(TRACE_GIL))
        trace_emitf(TRACE_GIL, "thread start (ident %llu, native id %llu)",
                    (unsigned long long)ts->ident, (unsigned long long)ts->native_id);
    Obj *res = obj_call_tuple_dict(boot->func, boot->args, boot->kwargs);
    if (res) {
        DECREF(res);
    } else if (err_matches(Exc_SystemExit)) {
        err_clear();
    } else {
        Obj *where = str_from_format("thread started by %R", boot->func);
        if (!where) err_clear();
        err_write_unraisable(where);
        XDECREF(where);
    }
    DECREF(boot->func);
    DECREF(boot->args);
    XDECREF(boot->kwargs);
    free(boot);
    if (sentinel) {
        rawlock_release(&sentinel->raw);
        DECREF((Obj *)sentinel);
        sentinel = NULL;
    }
    if (TRACE_ON(TRACE_GIL))
        trace_emitf(TRACE_GIL, "thread exit (ident %llu)", (unsigned long long)ts->ident);
    vm_threadstate_delete_current(ts);
    gil_release(ts, GIL_DROP_EXIT);
    vm_current_ts = NULL;
    free(ts->gil_stats);
    free(ts);
}

/* ---- the pool of OS threads ----
 * A finished Python thread's OS thread parks here and runs the next start_new_thread. This
 * saves pthread_create, and keeps the thread-local caches (tuple and float free lists, frame
 * free lists) alive and reachable instead of leaking them when the OS thread dies. */
#define POOL_MAX_IDLE 64

typedef struct Worker {
    pthread_cond_t cv;
    Boot *job;                 /* the next job (set under pool_mu), NULL while idle */
    size_t stack;              /* this OS thread's stack size */
    pthread_t tid;
    struct Worker *next;       /* in the idle list */
} Worker;

static pthread_mutex_t pool_mu = PTHREAD_MUTEX_INITIALIZER;
static Worker *idle_workers;
static int idle_count;

static void *worker_main(void *arg) {
    Worker *w = arg;
    pthread_mutex_lock(&pool_mu);
    for (;;) {
        while (!w->job) pthread_cond_wait(&w->cv, &pool_mu);
        Boot *job = w->job;
        pthread_mutex_unlock(&pool_mu);
        run_job(job);
        pthread_mutex_lock(&pool_mu);
        w->job = NULL;
        if (idle_count >= POOL_MAX_IDLE) break;
        w->next = idle_workers;
        idle_workers = w;
        idle_count++;
    }
    pthread_mutex_unlock(&pool_mu);
    pthread_cond_destroy(&w->cv);
    free(w);
    return NULL;
}

/* Hand boot to an idle OS thread with the wanted stack size, or start a new one. Returns
 * 0 and the thread's pthread id, or -1. No Python object is touched. */
static int launch(Boot *boot, size_t stack, pthread_t *tid) {
    pthread_mutex_lock(&pool_mu);
    for (Worker **p = &idle_workers; *p; p = &(*p)->next) {
        Worker *w = *p;
        if (w->stack != stack) continue;
        *p = w->next;
        idle_count--;
        w->job = boot;
        *tid = w->tid;
        pthread_cond_signal(&w->cv);
        pthread_mutex_unlock(&pool_mu);
        return 0;
    }
    pthread_mutex_unlock(&pool_mu);
    Worker *w = calloc(1, sizeof *w);
    if (!w) return -1;
    pthread_cond_init(&w->cv, NULL);
    w->stack = stack;
    w->job = boot;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, stack);
    /* the new thread reads w->tid only after it finishes its first job: set it under the
     * lock before anyone can pick w from the idle list */
    pthread_mutex_lock(&pool_mu);
    int rc = pthread_create(&w->tid, &attr, worker_main, w);
    if (rc == 0) *tid = w->tid;
    pthread_mutex_unlock(&pool_mu);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        pthread_cond_destroy(&w->cv);
        free(w);
        return -1;
    }
    return 0;
}

static Obj *start_thread(Obj *func, Obj *args, Obj *kwargs, Obj *name) {
    if (!obj_is_callable(func)) return err_set_str(Exc_TypeError, "first arg must be callable");
    if (!TUPLE_CHECK(args)) return err_set_str(Exc_TypeError, "2nd arg must be a tuple");
    if (kwargs && !DICT_CHECK(kwargs))
        return err_set_str(Exc_TypeError, "optional 3rd arg must be a dictionary");
    Interp *interp = vm_interp();
    Boot *boot = malloc(sizeof *boot);
    ThreadState *ts = boot ? vm_threadstate_new(interp) : NULL;
    if (!ts) { free(boot); return err_no_memory(); }
    boot->ts = ts;
    boot->func = NEWREF(func);
    boot->args = NEWREF(args);
    boot->kwargs = kwargs ? NEWREF(kwargs) : NULL;
    ts->name = name ? NEWREF(name) : NULL;
    pthread_t tid;
    if (launch(boot, stack_size_setting ? stack_size_setting : DEFAULT_STACK, &tid) < 0) {
        DECREF(boot->func);
        DECREF(boot->args);
        XDECREF(boot->kwargs);
        free(boot);
        CLEAR(ts->name);
        vm_threadstate_discard(ts);
        return err_set_str(Exc_RuntimeError, "can't start new thread");
    }
    return int_from_u64((uint64_t)tid);
}

static Obj *thread_start_new_thread(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("start_new_thread", nargs, kwnames, 2, 3) < 0) return NULL;
    return start_thread(args[0], args[1], nargs > 2 ? args[2] : NULL, NULL);
}

/* Vitrine extension used by threading.py: start_new_thread with the thread's name known
 * before it runs (so its first trace line already carries it). */
static Obj *thread_start_named(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("_start_named", nargs, kwnames, 3, 4) < 0) return NULL;
    if (!STR_CHECK(args[0])) return err_set_str(Exc_TypeError, "thread name must be str");
    return start_thread(args[1], args[2], nargs > 3 ? args[3] : NULL, args[0]);
}

static Obj *thread_set_name(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (!STR_CHECK(args[0])) return err_set_str(Exc_TypeError, "thread name must be str");
    ThreadState *ts = vm_ts();
    if (vm_is_main_thread(ts) && !ts->name && strcmp(STR_DATA(args[0]), "MainThread") == 0)
        RETURN_NONE;
    Obj *old = ts->name;
    ts->name = NEWREF(args[0]);
    XDECREF(old);
    RETURN_NONE;
}

static Obj *thread_set_sentinel(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (sentinel) return err_set_str(Exc_RuntimeError, "sentinel already set");
    LockObj *l = lock_new_raw();
    if (!l) return NULL;
    l->is_join = true;
    l->raw.locked = 1;
    sentinel = (LockObj *)NEWREF((Obj *)l);
    return (Obj *)l;
}

static Obj *thread_allocate_lock(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return (Obj *)lock_new_raw();
}

static Obj *thread_get_ident(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    ThreadState *ts = vm_ts();
    if (!ts->ident) ts->ident = (uint64_t)pthread_self();
    return int_from_u64(ts->ident);
}

static Obj *thread_get_native_id(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    ThreadState *ts = vm_ts();
    if (!ts->native_id) ts->native_id = vm_native_thread_id();
    return int_from_u64(ts->native_id);
}

static Obj *thread_count(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return int_from_i64(vm_thread_count() - 1);
}

static Obj *thread_stack_size(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("stack_size", nargs, kwnames, 0, 1) < 0) return NULL;
    size_t old = stack_size_setting;
    if (nargs == 1) {
        double d = float_as_double(args[0]);
        if (d == -1.0 && err_occurred()) return NULL;
        if (d != 0 && d < 32768)
            return err_format(Exc_ValueError, "size not valid: %lld bytes", (long long)d);
        stack_size_setting = (size_t)d;
    }
    return int_from_u64(old);
}

static Obj *thread_interrupt_main(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("interrupt_main", nargs, kwnames, 0, 1) < 0) return NULL;
    Interp *interp = vm_interp();
    interp->pending_signals |= 1;
    __atomic_store_n(&interp->eval_breaker, 1, __ATOMIC_SEQ_CST);
    RETURN_NONE;
}

static Obj *thread_exit(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    err_set_object(Exc_SystemExit, NULL);
    return NULL;
}

/* The calling thread's private dict (threading.local keeps per-thread attributes there). */
static Obj *thread_dict(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    ThreadState *ts = vm_ts();
    if (!ts->dict && !(ts->dict = dict_new())) return NULL;
    return NEWREF(ts->dict);
}

static const MethodDef thread_methods[] = {
    {"start_new_thread", thread_start_new_thread, METH_VARARGS, NULL},
    {"start_new", thread_start_new_thread, METH_VARARGS, NULL},
    {"_start_named", thread_start_named, METH_VARARGS, NULL},
    {"_set_name", thread_set_name, METH_O, NULL},
    {"_set_sentinel", thread_set_sentinel, METH_NOARGS, NULL},
    {"_thread_dict", thread_dict, METH_NOARGS, NULL},
    {"allocate_lock", thread_allocate_lock, METH_NOARGS, NULL},
    {"allocate", thread_allocate_lock, METH_NOARGS, NULL},
    {"get_ident", thread_get_ident, METH_NOARGS, NULL},
    {"get_native_id", thread_get_native_id, METH_NOARGS, NULL},
    {"_count", thread_count, METH_NOARGS, NULL},
    {"stack_size", thread_stack_size, METH_VARARGS, NULL},
    {"interrupt_main", thread_interrupt_main, METH_VARARGS, NULL},
    {"exit", thread_exit, METH_NOARGS, NULL},
    {"exit_thread", thread_exit, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Obj *modinit__thread(void) {
    if (!(Type_thread_lock.flags & TPFLAG_READY) && type_ready(&Type_thread_lock) < 0) return NULL;
    if (!(Type_thread_RLock.flags & TPFLAG_READY) && type_ready(&Type_thread_RLock) < 0) return NULL;
    Obj *m = module_new("_thread");
    if (!m) return NULL;
    Obj *tmax = float_from_double(TIMEOUT_MAX_SECONDS);
    int bad = !tmax || module_add_methods(m, thread_methods) < 0 ||
              module_add_object(m, "LockType", (Obj *)&Type_thread_lock) < 0 ||
              module_add_object(m, "lock", (Obj *)&Type_thread_lock) < 0 ||
              module_add_object(m, "RLock", (Obj *)&Type_thread_RLock) < 0 ||
              module_add_object(m, "error", (Obj *)Exc_RuntimeError) < 0 ||
              module_add_object(m, "TIMEOUT_MAX", tmax) < 0;
    XDECREF(tmax);
    if (bad) { DECREF(m); return NULL; }
    return m;
}
