/* selectmodule.c: the `select` module: select.select() and select.poll() over the POSIX calls,
 * the blocking primitives an event loop (stdlib/lib/asyncio) sleeps in instead of busy-waiting. */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include "vm.h"
#include "gil.h"
#include "modules.h"
#include "names.h"

/* The GIL (vm/gil.c) is being written by another helper: bind to it weakly so this module links
 * either way, and drops the GIL around the blocking call once it exists. */
#pragma weak gil_release
#pragma weak gil_acquire

static void blocking_begin(ThreadState **ts) {
    *ts = vm_ts();
    if (gil_release) gil_release(*ts, GIL_DROP_IO);
}

static void blocking_end(ThreadState *ts) {
    if (gil_acquire) gil_acquire(ts);
}

/* An int, or an object with a fileno() method returning one (CPython's messages). */
static int fd_from_obj(Obj *o) {
    Obj *v;
    if (INT_CHECK(o)) {
        v = NEWREF(o);
    } else {
        Obj *meth = obj_getattr(o, NAME(fileno));
        if (!meth) {
            if (!err_matches(Exc_AttributeError)) return -1;
            err_clear();
            err_set_str(Exc_TypeError, "argument must be an int, or have a fileno() method.");
            return -1;
        }
        v = obj_call0(meth);
        DECREF(meth);
        if (!v) return -1;
        if (!INT_CHECK(v)) {
            err_format(Exc_TypeError, "fileno() returned a non-integer");
            DECREF(v);
            return -1;
        }
    }
    int64_t fd = int_as_i64(v);
    DECREF(v);
    if (fd == -1 && err_occurred()) return -1;
    if (fd < 0) {
        err_format(Exc_ValueError, "file descriptor cannot be a negative integer (%lld)", (long long)fd);
        return -1;
    }
    if (fd > INT32_MAX) {
        err_set_str(Exc_OverflowError, "fd is greater than maximum");
        return -1;
    }
    return (int)fd;
}

/* ---- select.select ---- */

typedef struct {
    Obj *objs;   /* list of the caller's objects (kept to return them) */
    int *fds;
    size_t n;
} FdList;

static int fdlist_fill(FdList *fl, Obj *seq, fd_set *set, int *maxfd) {
    fl->objs = seq_to_list(seq);
    if (!fl->objs) {
        if (err_matches(Exc_TypeError)) {
            err_clear();
            err_set_str(Exc_TypeError, "arguments 1-3 must be sequences");
        }
        return -1;
    }
    fl->n = LIST_SIZE(fl->objs);
    fl->fds = fl->n ? malloc(fl->n * sizeof(int)) : NULL;
    if (fl->n && !fl->fds) {
        err_set_str(Exc_MemoryError, "");
        return -1;
    }
    for (size_t i = 0; i < fl->n; i++) {
        int fd = fd_from_obj(LIST_ITEMS(fl->objs)[i]);
        if (fd < 0) return -1;
        if (fd >= FD_SETSIZE) {
            err_set_str(Exc_ValueError, "filedescriptor out of range in select()");
            return -1;
        }
        fl->fds[i] = fd;
        FD_SET(fd, set);
        if (fd > *maxfd) *maxfd = fd;
    }
    return 0;
}

static Obj *fdlist_ready(FdList *fl, fd_set *set) {
    Obj *out = list_new(0);
    for (size_t i = 0; out && i < fl->n; i++)
        if (FD_ISSET(fl->fds[i], set) && list_append(out, LIST_ITEMS(fl->objs)[i]) < 0) CLEAR(out);
    return out;
}

/* Timeout argument in seconds: None -> -1 (block), else >= 0 (ValueError if negative). */
static int timeout_seconds(Obj *t, double *out) {
    if (!t || t == V_None) {
        *out = -1.0;
        return 0;
    }
    double d;
    if (FLOAT_CHECK(t)) d = float_as_double(t);
    else if (INT_CHECK(t)) d = int_as_double(t);
    else {
        err_format(Exc_TypeError, "timeout must be a float or None");
        return -1;
    }
    if (err_occurred()) return -1;
    if (isnan(d)) {
        err_set_str(Exc_ValueError, "Invalid value NaN (not a number)");
        return -1;
    }
    if (d < 0) {
        err_set_str(Exc_ValueError, "timeout must be non-negative");
        return -1;
    }
    *out = d;
    return 0;
}

/* select(rlist, wlist, xlist[, timeout]) -> (ready to read, ready to write, exceptional) */
static Obj *select_select(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("select", nargs, kw, 3, 4) < 0) return NULL;
    double timeout;
    if (timeout_seconds(nargs > 3 ? args[3] : NULL, &timeout) < 0) return NULL;
    FdList lists[3] = {{0}};
    fd_set sets[3];
    int maxfd = -1;
    Obj *result = NULL;
    for (int i = 0; i < 3; i++) FD_ZERO(&sets[i]);
    for (int i = 0; i < 3; i++)
        if (fdlist_fill(&lists[i], args[i], &sets[i], &maxfd) < 0) goto done;
    for (;;) {
        struct timeval tv, *tvp = NULL;
        if (timeout >= 0) {
            tv.tv_sec = (time_t)timeout;
            tv.tv_usec = (suseconds_t)((timeout - (double)tv.tv_sec) * 1e6);
            tvp = &tv;
        }
        fd_set work[3];
        memcpy(work, sets, sizeof work);
        ThreadState *ts;
        blocking_begin(&ts);
        int rc = select(maxfd + 1, &work[0], &work[1], &work[2], tvp);
        int saved = errno;
        blocking_end(ts);
        if (rc < 0) {
            errno = saved;
            if (saved == EINTR) {
                /* A signal: let its handler run (KeyboardInterrupt), else retry. CPython
                 * recomputes the remaining time; we retry with the full timeout. */
                if (vm_handle_breaker(vm_ts()) < 0) goto done;
                continue;
            }
            err_from_errno(Exc_OSError);
            goto done;
        }
        Obj *r = fdlist_ready(&lists[0], &work[0]);
        Obj *w = r ? fdlist_ready(&lists[1], &work[1]) : NULL;
        Obj *x = w ? fdlist_ready(&lists[2], &work[2]) : NULL;
        if (x) result = tuple_pack(3, r, w, x);
        XDECREF(r);
        XDECREF(w);
        XDECREF(x);
        break;
    }
done:
    for (int i = 0; i < 3; i++) {
        XDECREF(lists[i].objs);
        free(lists[i].fds);
    }
    return result;
}

/* ---- select.poll ---- */

typedef struct PollObj {
    Obj ob;
    struct pollfd *fds;  /* registered fds in registration order */
    size_t n, cap;
    bool polling;        /* poll() running: CPython refuses concurrent use */
} PollObj;

static Type Type_Poll;

static void poll_dealloc(Obj *self) {
    free(((PollObj *)self)->fds);
    obj_free(self);
}

static ssize_t poll_find(PollObj *p, int fd) {
    for (size_t i = 0; i < p->n; i++)
        if (p->fds[i].fd == fd) return (ssize_t)i;
    return -1;
}

static int event_mask(Obj *o, short *out) {
    int64_t v = obj_as_index_i64(o, Exc_OverflowError);
    if (v == -1 && err_occurred()) return -1;
    if (v < 0 || v > 0xFFFF) {
        err_set_str(Exc_OverflowError, v < 0 ? "can't convert negative int to unsigned"
                                             : "Python int too large for C unsigned short");
        return -1;
    }
    *out = (short)(unsigned short)v;
    return 0;
}

/* register(fd[, eventmask]) / modify(fd, eventmask) share this. */
static Obj *poll_set(PollObj *p, Obj *const *args, size_t nargs, bool modify) {
    int fd = fd_from_obj(args[0]);
    if (fd < 0) return NULL;
    short events = POLLIN | POLLPRI | POLLOUT;
    if (nargs > 1 && event_mask(args[1], &events) < 0) return NULL;
    ssize_t i = poll_find(p, fd);
    if (i < 0) {
        if (modify) {
            errno = ENOENT;
            return err_from_errno(Exc_OSError);
        }
        if (p->n == p->cap) {
            size_t cap = p->cap ? p->cap * 2 : 8;
            struct pollfd *nf = realloc(p->fds, cap * sizeof *nf);
            if (!nf) return err_set_str(Exc_MemoryError, "");
            p->fds = nf;
            p->cap = cap;
        }
        i = (ssize_t)p->n++;
        p->fds[i].fd = fd;
    }
    p->fds[i].events = events;
    p->fds[i].revents = 0;
    RETURN_NONE;
}

static Obj *poll_register(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("register", nargs, kw, 1, 2) < 0) return NULL;
    return poll_set((PollObj *)self, args, nargs, false);
}

static Obj *poll_modify(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("modify", nargs, kw, 2, 2) < 0) return NULL;
    return poll_set((PollObj *)self, args, nargs, true);
}

static Obj *poll_unregister(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    PollObj *p = (PollObj *)self;
    int fd = fd_from_obj(args[0]);
    if (fd < 0) return NULL;
    ssize_t i = poll_find(p, fd);
    if (i < 0) {
        Obj *k = int_from_i64(fd);
        if (k) err_set_object(Exc_KeyError, k);
        XDECREF(k);
        return NULL;
    }
    memmove(&p->fds[i], &p->fds[i + 1], (p->n - (size_t)i - 1) * sizeof *p->fds);
    p->n--;
    RETURN_NONE;
}

/* poll([timeout]) -> [(fd, events), ...]; timeout in milliseconds, None or negative blocks. */
static Obj *poll_poll(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    PollObj *p = (PollObj *)self;
    if (args_check_count("poll", nargs, kw, 0, 1) < 0) return NULL;
    int timeout = -1;
    if (nargs && args[0] != V_None) {
        double ms;
        if (FLOAT_CHECK(args[0])) ms = float_as_double(args[0]);
        else if (INT_CHECK(args[0])) ms = int_as_double(args[0]);
        else return err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
        if (err_occurred()) return NULL;
        if (ms >= 0) timeout = ms > INT32_MAX ? INT32_MAX : (int)ceil(ms);
    }
    if (p->polling) return err_set_str(Exc_RuntimeError, "concurrent poll() invocation");
    p->polling = true;
    int rc;
    for (;;) {
        ThreadState *ts;
        blocking_begin(&ts);
        rc = poll(p->fds, (nfds_t)p->n, timeout);
        int saved = errno;
        blocking_end(ts);
        errno = saved;
        if (rc >= 0 || saved != EINTR) break;
        if (vm_handle_breaker(vm_ts()) < 0) {
            p->polling = false;
            return NULL;
        }
    }
    p->polling = false;
    if (rc < 0) return err_from_errno(Exc_OSError);
    Obj *out = list_new(0);
    for (size_t i = 0; out && i < p->n; i++) {
        if (!p->fds[i].revents) continue;
        Obj *fd = int_from_i64(p->fds[i].fd);
        Obj *ev = fd ? int_from_i64((unsigned short)p->fds[i].revents) : NULL;
        Obj *pair = ev ? tuple_pack(2, fd, ev) : NULL;
        XDECREF(fd);
        XDECREF(ev);
        if (!pair || list_append_steal(out, pair) < 0) CLEAR(out);
        else p->fds[i].revents = 0;
    }
    return out;
}

static const MethodDef poll_methods[] = {
    {"register", poll_register, METH_VARARGS, "Register a file descriptor with the polling object."},
    {"modify", poll_modify, METH_VARARGS, "Modify an already registered file descriptor."},
    {"unregister", poll_unregister, METH_O, "Remove a file descriptor being tracked by the polling object."},
    {"poll", poll_poll, METH_VARARGS, "Polls the set of registered file descriptors."},
    {NULL, NULL, 0, NULL},
};

static Type Type_Poll = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "select.poll",
    .basicsize = sizeof(PollObj),
    .flags = 0,
    .dealloc = poll_dealloc,
    .methods = poll_methods,
    .doc = "Polling object returned by select.poll().",
};

static Obj *select_poll(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("poll", nargs, kw, 0, 0) < 0) return NULL;
    PollObj *p = (PollObj *)obj_alloc(&Type_Poll, sizeof(PollObj));
    if (!p) return NULL;
    p->fds = NULL;
    p->n = p->cap = 0;
    p->polling = false;
    return (Obj *)p;
}

static const MethodDef select_methods[] = {
    {"select", select_select, METH_VARARGS, "Wait until one or more file descriptors are ready for some kind of I/O."},
    {"poll", select_poll, METH_VARARGS, "Returns a polling object."},
    {NULL, NULL, 0, NULL},
};

Obj *modinit_select(void) {
    Obj *mod = module_new("select");
    if (!mod) return NULL;
    if (type_ready(&Type_Poll) < 0 || module_add_methods(mod, select_methods) < 0 ||
        module_add_object(mod, "error", (Obj *)Exc_OSError) < 0 ||
        module_add_int(mod, "POLLIN", POLLIN) < 0 || module_add_int(mod, "POLLPRI", POLLPRI) < 0 ||
        module_add_int(mod, "POLLOUT", POLLOUT) < 0 || module_add_int(mod, "POLLERR", POLLERR) < 0 ||
        module_add_int(mod, "POLLHUP", POLLHUP) < 0 || module_add_int(mod, "POLLNVAL", POLLNVAL) < 0 ||
        module_add_int(mod, "POLLRDNORM", POLLRDNORM) < 0 ||
        module_add_int(mod, "POLLWRNORM", POLLWRNORM) < 0) {
        DECREF(mod);
        return NULL;
    }
    return mod;
}
