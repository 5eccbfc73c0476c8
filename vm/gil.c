/* gil.c: the global interpreter lock, modelled on CPython's "new GIL" (3.2+): a mutex +
 * condition variable, a switch interval, drop requests by a waiter that waited one interval,
 * the holder dropping at its next eval-breaker check, and forced switching so that the
 * requester (not the dropper) gets it. Created lazily when the first thread starts, so a
 * single-threaded program never pays for it. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "gil.h"
#include "trace.h"

typedef struct GilThreadStats {
    double taken_at;          /* when this thread last took the GIL */
    double hold_total, wait_total, longest_hold, longest_wait;
    uint64_t acquisitions;
} GilThreadStats;

static struct {
    bool created;
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    pthread_mutex_t switch_mutex;
    pthread_cond_t switch_cond;
    int locked;
    ThreadState *holder;        /* current holder (NULL when free) */
    ThreadState *last_holder;   /* holds or last held it */
    uint64_t switch_number;     /* hand-overs between different threads */
    bool last_drop_forced;      /* the latest drop served a request */
    Interp *interp;
} gil;

static long interval_us = 5000;   /* read without the mutex: an atomic long */
static int drop_request;          /* atomic */

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static GilThreadStats *stats_of(ThreadState *ts) {
    if (!ts->gil_stats) ts->gil_stats = calloc(1, sizeof(GilThreadStats));
    return ts->gil_stats;
}

/* Name of a thread for trace text. Reads only the str's bytes, which stay valid while that
 * thread is alive (thread names are set before the thread runs). */
static const char *tname(ThreadState *ts) {
    if (ts && ts->name && STR_CHECK(ts->name)) return STR_DATA(ts->name);
    return ts ? "MainThread" : "-";
}

/* Contract: gil.h. Called by the first thread start, from the main thread. */
void gil_init(Interp *interp) {
    if (gil.created) return;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&gil.mutex, NULL);
    pthread_cond_init(&gil.cond, &ca);
    pthread_mutex_init(&gil.switch_mutex, NULL);
    pthread_cond_init(&gil.switch_cond, NULL);
    pthread_condattr_destroy(&ca);
    gil.interp = interp;
    interp->gil = &gil;
    ThreadState *ts = vm_ts();
    gil.locked = 1;
    gil.holder = gil.last_holder = ts;
    GilThreadStats *st = stats_of(ts);
    if (st) { st->taken_at = now_seconds(); st->acquisitions++; }
    gil.created = true;
}

static void set_drop_request(void) {
    __atomic_store_n(&drop_request, 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&gil.interp->eval_breaker, 1, __ATOMIC_SEQ_CST);
}

bool gil_drop_requested(void) {
    return __atomic_load_n(&drop_request, __ATOMIC_SEQ_CST) != 0;
}

/* Contract: gil.h. */
void gil_acquire(ThreadState *ts) {
    if (!gil.created) return;
    int saved_errno = errno;
    double t0 = now_seconds();
    bool waited = false;
    pthread_mutex_lock(&gil.mutex);
    if (gil.locked) {
        waited = true;
        if (TRACE_ON(TRACE_GIL))
            trace_emitf(TRACE_GIL, "wait begins (held by %s)", tname(gil.holder));
    }
    while (gil.locked) {
        uint64_t sw = gil.switch_number;
        long us = __atomic_load_n(&interval_us, __ATOMIC_RELAXED);
        if (us < 1) us = 1;
        struct timespec dl;
        clock_gettime(CLOCK_MONOTONIC, &dl);
        dl.tv_sec += us / 1000000;
        dl.tv_nsec += (us % 1000000) * 1000;
        if (dl.tv_nsec >= 1000000000) { dl.tv_sec++; dl.tv_nsec -= 1000000000; }
        int rc = pthread_cond_timedwait(&gil.cond, &gil.mutex, &dl);
        if (rc == ETIMEDOUT && gil.locked && gil.switch_number == sw && !gil_drop_requested()) {
            set_drop_request();
            if (TRACE_ON(TRACE_GIL))
                trace_emitf(TRACE_GIL, "drop requested from %s (after waiting %.3fms)",
                            tname(gil.holder), (now_seconds() - t0) * 1e3);
        }
    }
    /* forced switching: the dropper waits on switch_cond until someone else took it */
    pthread_mutex_lock(&gil.switch_mutex);
    gil.locked = 1;
    gil.holder = ts;
    bool forced = gil.last_drop_forced;
    bool switched = ts != gil.last_holder;
    if (switched) {
        gil.last_holder = ts;
        gil.switch_number++;
    }
    uint64_t swn = gil.switch_number;
    pthread_cond_signal(&gil.switch_cond);
    pthread_mutex_unlock(&gil.switch_mutex);
    /* a request is served by whoever takes the GIL */
    __atomic_store_n(&drop_request, 0, __ATOMIC_SEQ_CST);
    if (gil.interp->pending_signals) __atomic_store_n(&gil.interp->eval_breaker, 1, __ATOMIC_SEQ_CST);
    double t1 = now_seconds();
    /* GIL trace lines are written under gil.mutex so that threads never interleave them */
    if (TRACE_ON(TRACE_GIL) && (waited || switched))
        trace_emitf(TRACE_GIL, "taken (waited %.3fms, %s, switch #%llu)", (t1 - t0) * 1e3,
                    forced ? "forced" : "voluntary", (unsigned long long)swn);
    pthread_mutex_unlock(&gil.mutex);
    /* As in CPython's take_gil: once the interpreter is finalizing (module globals being
     * cleared), a daemon thread that comes back must not run Python code again: it gives the
     * GIL back and its OS thread ends here. */
    if (VT_UNLIKELY(gil.interp->finalizing) && !vm_is_main_thread(ts)) {
        pthread_mutex_lock(&gil.mutex);
        gil.locked = 0;
        gil.holder = NULL;
        pthread_mutex_unlock(&gil.mutex);
        pthread_cond_signal(&gil.cond);
        pthread_exit(NULL);
    }

    GilThreadStats *st = stats_of(ts);
    if (st) {
        double w = t1 - t0;
        st->taken_at = t1;
        st->acquisitions++;
        st->wait_total += w;
        if (w > st->longest_wait) st->longest_wait = w;
    }
    errno = saved_errno;
}

static const char *reason_name(GilDropReason why) {
    switch (why) {
    case GIL_DROP_REQUEST: return "interval/request";
    case GIL_DROP_SLEEP: return "sleep";
    case GIL_DROP_LOCK: return "lock";
    case GIL_DROP_JOIN: return "join";
    case GIL_DROP_IO: return "io";
    case GIL_DROP_EXIT: return "exit";
    }
    return "?";
}

/* Contract: gil.h. */
void gil_release(ThreadState *ts, GilDropReason why) {
    if (!gil.created) return;
    int saved_errno = errno;
    double held = 0;
    GilThreadStats *st = stats_of(ts);
    if (st) {
        held = now_seconds() - st->taken_at;
        st->hold_total += held;
        if (held > st->longest_hold) st->longest_hold = held;
    }
    pthread_mutex_lock(&gil.mutex);
    if (TRACE_ON(TRACE_GIL))
        trace_emitf(TRACE_GIL, "dropped (reason: %s, held %.3fms)", reason_name(why), held * 1e3);
    /* an ending thread's name lives until its last trace line; we still hold the GIL here */
    if (why == GIL_DROP_EXIT) CLEAR(ts->name);
    gil.locked = 0;
    gil.holder = NULL;
    gil.last_holder = ts;
    gil.last_drop_forced = why == GIL_DROP_REQUEST;
    pthread_mutex_unlock(&gil.mutex);
    /* signal after unlocking: the woken waiter must not block again on the mutex */
    pthread_cond_signal(&gil.cond);
    if (why == GIL_DROP_REQUEST) {
        /* Forced switching: do not race the requester for the GIL we just dropped. */
        pthread_mutex_lock(&gil.switch_mutex);
        while (gil.last_holder == ts)
            pthread_cond_wait(&gil.switch_cond, &gil.switch_mutex);
        pthread_mutex_unlock(&gil.switch_mutex);
    }
    errno = saved_errno;
}

/* Contract: gil.h. */
void gil_serve_drop_request(ThreadState *ts) {
    if (!gil.created || !gil_drop_requested()) return;
    gil_release(ts, GIL_DROP_REQUEST);
    gil_acquire(ts);
}

void gil_set_interval(double seconds) {
    __atomic_store_n(&interval_us, (long)(seconds * 1e6), __ATOMIC_RELAXED);
    if (TRACE_ON(TRACE_GIL)) trace_emitf(TRACE_GIL, "switch interval set to %.6fs", seconds);
}

double gil_get_interval(void) {
    return (double)__atomic_load_n(&interval_us, __ATOMIC_RELAXED) / 1e6;
}

uint64_t gil_switch_number(void) {
    return gil.switch_number;
}
