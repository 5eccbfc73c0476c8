/* threadstate.c: creating, binding and destroying ThreadStates (one per OS thread running
 * Python code), the list of them in Interp, and the per-thread caches freed at thread exit. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "eval_internal.h"
#include "gil.h"

static void unlink_ts(ThreadState *ts);
static ThreadState *main_ts;     /* set when the first thread starts (see gil_init) */
static int thread_count = 1;     /* thread states alive (the main one included) */

uint64_t vm_native_thread_id(void) {
    return (uint64_t)syscall(SYS_gettid);
}

/* Contract: gil.h. The first call also records the main thread and creates the GIL. */
ThreadState *vm_threadstate_new(Interp *interp) {
    if (!main_ts) {
        main_ts = vm_ts();
        if (!main_ts->native_id) main_ts->native_id = vm_native_thread_id();
        gil_init(interp);
    }
    ThreadState *ts = calloc(1, sizeof *ts);
    if (!ts) return NULL;
    ts->interp = interp;
    /* append, so that enumerating keeps creation order */
    ThreadState **p = &interp->threads;
    while (*p) p = &(*p)->next;
    *p = ts;
    thread_count++;
    return ts;
}

/* Contract: gil.h. */
void vm_threadstate_bind(ThreadState *ts) {
    vm_current_ts = ts;
    ts->ident = (uint64_t)pthread_self();
    ts->native_id = vm_native_thread_id();
}

/* Contract: gil.h (ts->name is cleared by the final gil_release). Frees the thread's frame free lists (thread-local, so nobody else can
 * reach them once the thread is gone). */
void vm_threadstate_delete_current(ThreadState *ts) {
    for (int c = 0; c < FRAME_CLASSES; c++) {
        GCHead *g = vm_frame_free.head[c];
        while (g) {
            GCHead *next = g->next;
            vt_free(g);
            g = next;
        }
        vm_frame_free.head[c] = NULL;
        vm_frame_free.count[c] = 0;
    }
    CLEAR(ts->curexc);
    CLEAR(ts->handled);
    CLEAR(ts->repr_stack);
    CLEAR(ts->dict);
    unlink_ts(ts);
}

static void unlink_ts(ThreadState *ts) {
    Interp *interp = ts->interp;
    for (ThreadState **p = &interp->threads; *p; p = &(*p)->next) {
        if (*p == ts) { *p = ts->next; break; }
    }
    thread_count--;
}

/* Contract: gil.h. */
void vm_threadstate_discard(ThreadState *ts) {
    unlink_ts(ts);
    free(ts->gil_stats);
    free(ts);
}

int vm_thread_count(void) {
    return thread_count;
}

bool vm_is_main_thread(ThreadState *ts) {
    return !main_ts || ts == main_ts;
}

ThreadState *vm_main_thread(void) {
    return main_ts ? main_ts : vm_ts();
}
