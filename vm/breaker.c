/* breaker.c: the eval breaker (pending signals -> KeyboardInterrupt), the recursion guards
 * shared by Python frames and C recursion, and the C stack guard that keeps deep recursion
 * from ever overflowing the native stack. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include "eval_internal.h"
#include "gil.h"

static Interp *sig_interp;

static void sigint_handler(int sig) {
    (void)sig;
    if (sig_interp) {
        sig_interp->pending_signals |= 1;
        sig_interp->eval_breaker = 1;
    }
}

/* Install the SIGINT handler once (only if the program did not install its own). */
void vm_breaker_install(Interp *interp) {
    if (sig_interp) return;
    sig_interp = interp;
    struct sigaction old;
    if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler == SIG_DFL) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = sigint_handler;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
    }
}

/* Contract: vm.h. Serves pending signals (main thread only, as in CPython), then a GIL drop
 * request (drop, let the requester run, take it back); 0, or -1 with KeyboardInterrupt set. */
int vm_handle_breaker(ThreadState *ts) {
    Interp *interp = ts->interp;
    __atomic_store_n(&interp->eval_breaker, 0, __ATOMIC_SEQ_CST);
    bool main_thread = vm_is_main_thread(ts);
    if ((interp->pending_signals & 1) && main_thread) {
        interp->pending_signals &= ~1;
        err_set_object(Exc_KeyboardInterrupt, NULL);
        return -1;
    }
    if (gil_drop_requested()) gil_serve_drop_request(ts);
    /* a signal stays pending (breaker set) until the main thread gets here */
    if (interp->pending_signals) interp->eval_breaker = 1;
    return 0;
}

/* ---- C stack guard ---- */
static _Thread_local char *stack_limit;   /* lowest safe address (stack grows down) */

static void stack_limit_init(void) {
    pthread_attr_t attr;
    void *addr = NULL;
    size_t size = 0;
    char here;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
    }
    if (addr && size > (256u << 10)) {
        size_t margin = size / 8 > (256u << 10) ? (256u << 10) : size / 8;
        if (margin < (128u << 10)) margin = 128u << 10;
        stack_limit = (char *)addr + margin;
    } else {
        stack_limit = (char *)((uintptr_t)&here - (4u << 20));
    }
}

int vm_c_stack_low(void) {
    char here;
    if (VT_UNLIKELY(!stack_limit)) stack_limit_init();
    return &here < stack_limit;
}

/* Contract: vm.h. Python frames and C recursion share one budget, as in CPython 3.11. */
int vm_enter_recursive_call(const char *where) {
    ThreadState *ts = vm_ts();
    if (VT_UNLIKELY(ts->depth + ts->c_depth >= ts->interp->recursion_limit || vm_c_stack_low())) {
        err_format(Exc_RecursionError, "maximum recursion depth exceeded%s", where ? where : "");
        return -1;
    }
    ts->c_depth++;
    return 0;
}

void vm_leave_recursive_call(void) {
    vm_ts()->c_depth--;
}
