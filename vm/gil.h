/* gil.h: the global interpreter lock (modelled on CPython's "new GIL" of 3.2+), thread-state
 * lifecycle and the macros that let blocking C code run without the GIL.
 *
 * Rule: only code holding the GIL may touch Python objects (refcounts are not atomic). Code
 * between VT_BEGIN_ALLOW_THREADS and VT_END_ALLOW_THREADS must not touch any object.
 */
#ifndef VITRINE_GIL_H
#define VITRINE_GIL_H

#include <stdbool.h>
#include <stdint.h>
#include "vm.h"

/* Why a thread gives the GIL up: shown in --trace=gil lines. */
typedef enum {
    GIL_DROP_REQUEST,   /* forced: a waiter asked, served at an eval-breaker check */
    GIL_DROP_SLEEP,     /* time.sleep */
    GIL_DROP_LOCK,      /* blocking lock acquire, condition wait, queue wait */
    GIL_DROP_JOIN,      /* waiting for a thread to finish */
    GIL_DROP_IO,        /* blocking read/write/select */
    GIL_DROP_EXIT,      /* the thread ends */
} GilDropReason;

/* Create the GIL, held by the calling (main) thread. Called once from vm_init. */
void gil_init(Interp *interp);
/* Take the GIL for ts (blocks; asks the holder to drop after one interval of waiting). */
void gil_acquire(ThreadState *ts);
/* Give the GIL up; ts keeps being the thread's state (vm_ts()) but must not touch objects. */
void gil_release(ThreadState *ts, GilDropReason why);
/* Serve a pending drop request at an eval-breaker check: drop, wait until someone else took
 * it (forced switching), take it back. */
void gil_serve_drop_request(ThreadState *ts);
/* True when a drop request is pending (the eval breaker must then stay set). */
bool gil_drop_requested(void);
/* Switch interval in seconds (sys.setswitchinterval/getswitchinterval). */
void gil_set_interval(double seconds);
double gil_get_interval(void);
/* Number of switches between different threads so far. */
uint64_t gil_switch_number(void);

/* Release the GIL around a blocking call that touches no Python object. */
#define VT_BEGIN_ALLOW_THREADS(why) { ThreadState *vt_saved_ts_ = vm_ts(); gil_release(vt_saved_ts_, (why));
#define VT_END_ALLOW_THREADS gil_acquire(vt_saved_ts_); }

/* ---- thread states (vm/threadstate.c) ---- */
/* A new thread state linked into interp->threads (caller holds the GIL). */
ThreadState *vm_threadstate_new(Interp *interp);
/* Bind ts to the calling OS thread (vm_ts(), ident, native id). No GIL needed. */
void vm_threadstate_bind(ThreadState *ts);
/* Unlink and free ts, with its per-thread caches (caller holds the GIL, ts is current). */
void vm_threadstate_delete_current(ThreadState *ts);
/* Unlink and free a thread state that never ran (pthread_create failed). */
void vm_threadstate_discard(ThreadState *ts);
/* Number of thread states (threads alive, including the main one). */
int vm_thread_count(void);
/* True if ts is the main thread's state. */
bool vm_is_main_thread(ThreadState *ts);
/* The main thread's state. */
ThreadState *vm_main_thread(void);
/* Native thread id (gettid) of the caller. */
uint64_t vm_native_thread_id(void);

#endif
