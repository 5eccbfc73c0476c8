/* socketmodule.c: _socket, BSD sockets for IPv4/IPv6/Unix stream and datagram sockets (socket.py
 * on top): what asyncio's streams need for real network I/O on loopback, with timeouts done by
 * poll() as CPython does. */
#define _GNU_SOURCE   /* accept4 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "vm.h"
#include "gil.h"
#include "modules.h"
#include "names.h"

/* Weak so this links before/without vm/gil.c; the blocking calls drop the GIL when it exists. */
#pragma weak gil_release
#pragma weak gil_acquire

typedef struct SockObj {
    Obj ob;
    int fd;
    int family, type, proto;
    double timeout;   /* < 0: blocking, 0: non-blocking, > 0: seconds (fd is O_NONBLOCK) */
} SockObj;

static Type Type_Socket;
static Obj *gaierror_type;   /* socket.gaierror, made at module init */
static double default_timeout = -1.0;

#define SOCK(o) ((SockObj *)(o))

static Obj *raise_gai(int code) {
    Obj *n = int_from_i64(code), *m = str_from_cstr(gai_strerror(code));
    Obj *e = (n && m) ? obj_call2(gaierror_type, n, m) : NULL;
    XDECREF(n);
    XDECREF(m);
    if (e) {
        err_set_instance(e);
        DECREF(e);
    }
    return NULL;
}

static int set_nonblock(int fd, bool on) {
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0) return -1;
    return fcntl(fd, F_SETFL, on ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK));
}

/* Wait until fd is ready for `events` within the socket's timeout: 1 ready, 0 timed out. */
static int wait_ready(SockObj *s, short events) {
    struct pollfd p = {.fd = s->fd, .events = events};
    int ms = (int)ceil(s->timeout * 1000.0);
    int rc;
    ThreadState *ts = vm_ts();
    do {
        if (gil_release) gil_release(ts, GIL_DROP_IO);
        rc = poll(&p, 1, ms);
        int saved = errno;
        if (gil_acquire) gil_acquire(ts);
        errno = saved;
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) {
        err_from_errno(Exc_OSError);
        return -1;
    }
    if (rc == 0) {
        err_set_str(Exc_TimeoutError, "timed out");
        return -1;
    }
    return 1;
}

/* ---- addresses ---- */
typedef union {
    struct sockaddr sa;
    struct sockaddr_in in4;
    struct sockaddr_in6 in6;
    struct sockaddr_un un;
    struct sockaddr_storage st;
} SockAddr;

static int resolve_host(const char *host, int family, SockAddr *addr) {
    if (host[0] == '\0') host = family == AF_INET6 ? "::" : "0.0.0.0";
    else if (strcmp(host, "<broadcast>") == 0) host = "255.255.255.255";
    struct addrinfo hints = {.ai_family = family}, *res = NULL;
    int rc;
    ThreadState *ts = vm_ts();
    if (gil_release) gil_release(ts, GIL_DROP_IO);
    rc = getaddrinfo(host, NULL, &hints, &res);
    if (gil_acquire) gil_acquire(ts);
    if (rc != 0) {
        raise_gai(rc);
        return -1;
    }
    memcpy(addr, res->ai_addr, res->ai_addrlen);
    freeaddrinfo(res);
    return 0;
}

/* Python address -> sockaddr for s's family. */
static int addr_from_obj(SockObj *s, Obj *o, const char *caller, SockAddr *addr, socklen_t *len) {
    memset(addr, 0, sizeof *addr);
    if (s->family == AF_UNIX) {
        const char *p;
        size_t n;
        if (STR_CHECK(o)) { p = STR_DATA(o); n = STR_SIZE(o); }
        else if (BYTES_CHECK(o)) { p = BYTES_DATA(o); n = BYTES_SIZE(o); }
        else {
            err_format(Exc_TypeError, "a bytes-like object is required, not '%T'", o);
            return -1;
        }
        if (n >= sizeof addr->un.sun_path) {
            err_set_str(Exc_OSError, "AF_UNIX path too long");
            return -1;
        }
        addr->un.sun_family = AF_UNIX;
        memcpy(addr->un.sun_path, p, n);
        *len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + (n && p[0] ? 1 : 0));
        return 0;
    }
    if (!TUPLE_CHECK(o)) {
        err_format(Exc_TypeError, "%s(): AF_INET%s address must be tuple, not %T", caller,
                   s->family == AF_INET6 ? "6" : "", o);
        return -1;
    }
    size_t n = TUPLE_SIZE(o);
    if ((s->family == AF_INET && n != 2) || (s->family == AF_INET6 && (n < 2 || n > 4))) {
        err_set_str(Exc_TypeError, s->family == AF_INET ? "AF_INET address must be a pair (host, port)"
                                                        : "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])");
        return -1;
    }
    Obj *host = TUPLE_ITEMS(o)[0], *port = TUPLE_ITEMS(o)[1];
    if (!STR_CHECK(host)) {
        err_format(Exc_TypeError, "str, bytes or bytearray expected, not %T", host);
        return -1;
    }
    if (!INT_CHECK(port)) {
        err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", port);
        return -1;
    }
    int64_t p = int_as_i64(port);
    if (p < 0 || p > 65535) {
        err_format(Exc_OverflowError, "%s(): port must be 0-65535.", caller);
        return -1;
    }
    if (resolve_host(STR_DATA(host), s->family, addr) < 0) return -1;
    if (s->family == AF_INET) {
        addr->in4.sin_port = htons((uint16_t)p);
        *len = sizeof addr->in4;
    } else {
        addr->in6.sin6_port = htons((uint16_t)p);
        *len = sizeof addr->in6;
    }
    return 0;
}

/* sockaddr -> Python address: (host, port), (host, port, flow, scope) or a path. */
static Obj *addr_to_obj(const SockAddr *addr, socklen_t len) {
    char buf[INET6_ADDRSTRLEN];
    switch (addr->sa.sa_family) {
    case AF_INET: {
        inet_ntop(AF_INET, &addr->in4.sin_addr, buf, sizeof buf);
        Obj *h = str_from_cstr(buf), *p = int_from_i64(ntohs(addr->in4.sin_port));
        Obj *t = (h && p) ? tuple_pack(2, h, p) : NULL;
        XDECREF(h);
        XDECREF(p);
        return t;
    }
    case AF_INET6: {
        inet_ntop(AF_INET6, &addr->in6.sin6_addr, buf, sizeof buf);
        Obj *h = str_from_cstr(buf), *p = int_from_i64(ntohs(addr->in6.sin6_port));
        Obj *f = int_from_i64(ntohl(addr->in6.sin6_flowinfo)), *sc = int_from_i64(addr->in6.sin6_scope_id);
        Obj *t = (h && p && f && sc) ? tuple_pack(4, h, p, f, sc) : NULL;
        XDECREF(h);
        XDECREF(p);
        XDECREF(f);
        XDECREF(sc);
        return t;
    }
    case AF_UNIX: {
        size_t n = len > offsetof(struct sockaddr_un, sun_path) ? len - offsetof(struct sockaddr_un, sun_path) : 0;
        if (n && addr->un.sun_path[0] == '\0') return bytes_from_data(addr->un.sun_path, n);
        return str_from_fs(addr->un.sun_path);
    }
    default:
        RETURN_NONE;
    }
}

/* ---- the socket object ---- */
static Obj *sock_alloc(Type *type, int fd, int family, int stype, int proto) {
    SockObj *s = (SockObj *)type_generic_alloc(type, 0);   /* subclass size; holds a heap type */
    if (!s) return NULL;
    s->fd = fd;
    s->family = family;
    s->type = stype;
    s->proto = proto;
    s->timeout = default_timeout;
    if (fd >= 0 && default_timeout >= 0) set_nonblock(fd, true);
    return (Obj *)s;
}

static Obj *sock_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    return sock_alloc(type, -1, AF_INET, SOCK_STREAM, 0);
}

static int arg_int(Obj *o, int dflt, int *out) {
    if (!o || o == V_None) { *out = dflt; return 0; }
    int64_t v = obj_as_index_i64(o, Exc_OverflowError);
    if (v == -1 && err_occurred()) return -1;
    *out = (int)v;
    return 0;
}

/* socket(family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None) */
static int sock_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"family", "type", "proto", "fileno"};
    Obj *a[4];
    if (args_parse("socket", args, nargs, kwnames, names, 4, 0, 4, a) < 0) return -1;
    SockObj *s = SOCK(self);
    int family, stype, proto, fd;
    if (arg_int(a[0], AF_INET, &family) < 0 || arg_int(a[1], SOCK_STREAM, &stype) < 0 ||
        arg_int(a[2], 0, &proto) < 0 || arg_int(a[3], -1, &fd) < 0)
        return -1;
    if (fd < 0) {
        fd = socket(family, stype | SOCK_CLOEXEC, proto);
        if (fd < 0) {
            err_from_errno(Exc_OSError);
            return -1;
        }
    } else if (!a[0] || a[0] == V_None || !a[1] || a[1] == V_None) {
        SockAddr addr;
        socklen_t len = sizeof addr;
        if (getsockname(fd, &addr.sa, &len) == 0 && (!a[0] || a[0] == V_None)) family = addr.sa.sa_family;
        len = sizeof stype;
        if (!a[1] || a[1] == V_None) getsockopt(fd, SOL_SOCKET, SO_TYPE, &stype, &len);
    }
    if (s->fd >= 0) close(s->fd);
    s->fd = fd;
    s->family = family;
    s->type = stype & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    s->proto = proto;
    s->timeout = default_timeout;
    if (stype & SOCK_NONBLOCK) s->timeout = 0.0;
    if (s->timeout >= 0) set_nonblock(fd, true);
    return 0;
}

static void sock_dealloc(Obj *self) {
    if (SOCK(self)->fd >= 0) close(SOCK(self)->fd);
    obj_free(self);
}

static Obj *sock_repr(Obj *self) {
    SockObj *s = SOCK(self);
    return str_from_format("<socket object, fd=%d, family=%d, type=%d, proto=%d>", s->fd, s->family,
                           s->type, s->proto);
}

static Obj *closed_error(void) {
    errno = EBADF;
    return err_from_errno(Exc_OSError);
}

static Obj *s_fileno(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { return int_from_i64(SOCK(self)->fd); }

static Obj *s_close(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    SockObj *s = SOCK(self);
    if (s->fd >= 0) {
        int fd = s->fd;
        s->fd = -1;
        if (close(fd) < 0 && errno != ECONNRESET) return err_from_errno(Exc_OSError);
    }
    RETURN_NONE;
}

static Obj *s_detach(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    int fd = SOCK(self)->fd;
    SOCK(self)->fd = -1;
    return int_from_i64(fd);
}

static Obj *s_bind(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    SockObj *s = SOCK(self);
    SockAddr addr;
    socklen_t len;
    if (addr_from_obj(s, args[0], "bind", &addr, &len) < 0) return NULL;
    if (bind(s->fd, &addr.sa, len) < 0) return err_from_errno(Exc_OSError);
    RETURN_NONE;
}

static Obj *s_listen(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("listen", nargs, kw, 0, 1) < 0) return NULL;
    int backlog;
    if (arg_int(nargs ? args[0] : NULL, 128, &backlog) < 0) return NULL;
    if (backlog < 0) backlog = 0;
    if (listen(SOCK(self)->fd, backlog) < 0) return err_from_errno(Exc_OSError);
    RETURN_NONE;
}

/* Run a socket call with the socket's timeout semantics: poll first when it has a timeout,
 * drop the GIL around a blocking call, retry on EINTR. Returns the call's result or -1. */
typedef ssize_t (*SockFn)(SockObj *s, void *data);

static ssize_t sock_call(SockObj *s, bool writing, SockFn fn, void *data) {
    if (s->fd < 0) {
        closed_error();
        return -1;
    }
    for (;;) {
        if (s->timeout > 0 && wait_ready(s, writing ? POLLOUT : POLLIN) < 0) return -1;
        ThreadState *ts = vm_ts();
        bool drop = s->timeout < 0 && gil_release;
        if (drop) gil_release(ts, GIL_DROP_IO);
        ssize_t r = fn(s, data);
        int saved = errno;
        if (drop) gil_acquire(ts);
        errno = saved;
        if (r >= 0) return r;
        if (errno == EINTR) {
            if (vm_handle_breaker(vm_ts()) < 0) return -1;
            continue;
        }
        if (s->timeout > 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) continue;
        err_from_errno(Exc_OSError);
        return -1;
    }
}

typedef struct { SockAddr addr; socklen_t len; int fd; } AcceptData;
static ssize_t do_accept(SockObj *s, void *d) {
    AcceptData *a = d;
    a->len = sizeof a->addr;
    a->fd = accept4(s->fd, &a->addr.sa, &a->len, SOCK_CLOEXEC);
    return a->fd;
}

/* _accept() -> (fd, address), as CPython's _socket (socket.py wraps the fd). */
static Obj *s_accept(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    AcceptData a;
    if (sock_call(SOCK(self), false, do_accept, &a) < 0) return NULL;
    Obj *fd = int_from_i64(a.fd), *addr = addr_to_obj(&a.addr, a.len);
    Obj *t = (fd && addr) ? tuple_pack(2, fd, addr) : NULL;
    XDECREF(fd);
    XDECREF(addr);
    if (!t) close(a.fd);
    return t;
}

/* connect with timeout: start it, then wait for writability and read SO_ERROR. */
static int connect_impl(SockObj *s, Obj *address, bool raise) {
    SockAddr addr;
    socklen_t len;
    if (addr_from_obj(s, address, "connect", &addr, &len) < 0) return -1;
    ThreadState *ts = vm_ts();
    bool drop = s->timeout < 0 && gil_release;
    if (drop) gil_release(ts, GIL_DROP_IO);
    int rc = connect(s->fd, &addr.sa, len);
    int saved = errno;
    if (drop) gil_acquire(ts);
    errno = saved;
    if (rc < 0 && errno == EINPROGRESS && s->timeout > 0) {
        if (wait_ready(s, POLLOUT) < 0) return -1;
        int err = 0;
        socklen_t elen = sizeof err;
        getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &elen);
        if (err) { errno = err; rc = -1; } else rc = 0;
    }
    if (rc < 0) {
        if (!raise) return errno;
        err_from_errno(Exc_OSError);
        return -1;
    }
    return 0;
}

static Obj *s_connect(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (connect_impl(SOCK(self), args[0], true) < 0) return NULL;
    RETURN_NONE;
}

static Obj *s_connect_ex(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    int rc = connect_impl(SOCK(self), args[0], false);
    if (rc < 0) return NULL;
    return int_from_i64(rc);
}

typedef struct { char *buf; size_t n; int flags; } IoData;
static ssize_t do_recv(SockObj *s, void *d) { IoData *io = d; return recv(s->fd, io->buf, io->n, io->flags); }
static ssize_t do_send(SockObj *s, void *d) { IoData *io = d; return send(s->fd, io->buf, io->n, io->flags | MSG_NOSIGNAL); }

static Obj *s_recv(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("recv", nargs, kw, 1, 2) < 0) return NULL;
    int64_t n = obj_as_index_i64(args[0], Exc_OverflowError);
    if (n == -1 && err_occurred()) return NULL;
    if (n < 0) return err_set_str(Exc_ValueError, "negative buffersize in recv");
    int flags;
    if (arg_int(nargs > 1 ? args[1] : NULL, 0, &flags) < 0) return NULL;
    IoData io = {malloc(n ? (size_t)n : 1), (size_t)n, flags};
    if (!io.buf) return err_no_memory();
    ssize_t got = sock_call(SOCK(self), false, do_recv, &io);
    Obj *r = got < 0 ? NULL : bytes_from_data(io.buf, (size_t)got);
    free(io.buf);
    return r;
}

static int data_arg(Obj *o, IoData *io) {
    if (BYTES_CHECK(o)) {
        io->buf = (char *)BYTES_DATA(o);
        io->n = BYTES_SIZE(o);
        return 0;
    }
    err_format(Exc_TypeError, "a bytes-like object is required, not '%T'", o);
    return -1;
}

static Obj *s_send(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("send", nargs, kw, 1, 2) < 0) return NULL;
    IoData io;
    if (data_arg(args[0], &io) < 0 || arg_int(nargs > 1 ? args[1] : NULL, 0, &io.flags) < 0) return NULL;
    ssize_t put = sock_call(SOCK(self), true, do_send, &io);
    return put < 0 ? NULL : int_from_i64(put);
}

static Obj *s_sendall(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("sendall", nargs, kw, 1, 2) < 0) return NULL;
    IoData io;
    if (data_arg(args[0], &io) < 0 || arg_int(nargs > 1 ? args[1] : NULL, 0, &io.flags) < 0) return NULL;
    while (io.n) {
        ssize_t put = sock_call(SOCK(self), true, do_send, &io);
        if (put < 0) return NULL;
        io.buf += put;
        io.n -= (size_t)put;
    }
    RETURN_NONE;
}

static Obj *s_setblocking(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    SockObj *s = SOCK(self);
    int on = obj_is_true(args[0]);
    if (on < 0) return NULL;
    s->timeout = on ? -1.0 : 0.0;
    if (s->fd >= 0 && set_nonblock(s->fd, !on) < 0) return err_from_errno(Exc_OSError);
    RETURN_NONE;
}

static Obj *s_getblocking(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    RETURN_BOOL(SOCK(self)->timeout != 0.0);
}

static int timeout_arg(Obj *o, double *out) {
    if (o == V_None) { *out = -1.0; return 0; }
    double d = FLOAT_CHECK(o) ? float_as_double(o) : INT_CHECK(o) ? int_as_double(o) : NAN;
    if (!FLOAT_CHECK(o) && !INT_CHECK(o)) {
        err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer or float", o);
        return -1;
    }
    if (err_occurred()) return -1;
    if (d < 0) {
        err_set_str(Exc_ValueError, "Timeout value out of range");
        return -1;
    }
    *out = d;
    return 0;
}

static Obj *s_settimeout(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    SockObj *s = SOCK(self);
    double t;
    if (timeout_arg(args[0], &t) < 0) return NULL;
    s->timeout = t;
    if (s->fd >= 0 && set_nonblock(s->fd, t >= 0) < 0) return err_from_errno(Exc_OSError);
    RETURN_NONE;
}

static Obj *s_gettimeout(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (SOCK(self)->timeout < 0) RETURN_NONE;
    return float_from_double(SOCK(self)->timeout);
}

static Obj *s_setsockopt(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("setsockopt", nargs, kw, 3, 3) < 0) return NULL;
    int level, opt, v;
    if (arg_int(args[0], 0, &level) < 0 || arg_int(args[1], 0, &opt) < 0) return NULL;
    int rc;
    if (BYTES_CHECK(args[2])) {
        rc = setsockopt(SOCK(self)->fd, level, opt, BYTES_DATA(args[2]), (socklen_t)BYTES_SIZE(args[2]));
    } else {
        if (arg_int(args[2], 0, &v) < 0) return NULL;
        rc = setsockopt(SOCK(self)->fd, level, opt, &v, sizeof v);
    }
    if (rc < 0) return err_from_errno(Exc_OSError);
    RETURN_NONE;
}

static Obj *s_getsockopt(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("getsockopt", nargs, kw, 2, 2) < 0) return NULL;
    int level, opt, v = 0;
    if (arg_int(args[0], 0, &level) < 0 || arg_int(args[1], 0, &opt) < 0) return NULL;
    socklen_t len = sizeof v;
    if (getsockopt(SOCK(self)->fd, level, opt, &v, &len) < 0) return err_from_errno(Exc_OSError);
    return int_from_i64(v);
}

static Obj *name_call(Obj *self, bool peer) {
    SockAddr addr;
    socklen_t len = sizeof addr;
    memset(&addr, 0, sizeof addr);
    int rc = peer ? getpeername(SOCK(self)->fd, &addr.sa, &len) : getsockname(SOCK(self)->fd, &addr.sa, &len);
    if (rc < 0) return err_from_errno(Exc_OSError);
    return addr_to_obj(&addr, len);
}

static Obj *s_getsockname(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { return name_call(self, false); }
static Obj *s_getpeername(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { return name_call(self, true); }

static Obj *s_shutdown(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    int how;
    if (arg_int(args[0], 0, &how) < 0) return NULL;
    if (shutdown(SOCK(self)->fd, how) < 0) return err_from_errno(Exc_OSError);
    RETURN_NONE;
}

static Obj *s_get_family(Obj *self) { return int_from_i64(SOCK(self)->family); }
static Obj *s_get_type(Obj *self) { return int_from_i64(SOCK(self)->type); }
static Obj *s_get_proto(Obj *self) { return int_from_i64(SOCK(self)->proto); }
static Obj *s_get_timeout(Obj *self) { return s_gettimeout(self, NULL, 0, NULL); }

static const GetSetDef sock_getset[] = {
    {"family", s_get_family, NULL, "the socket family"},
    {"type", s_get_type, NULL, "the socket type"},
    {"proto", s_get_proto, NULL, "the socket protocol"},
    {"timeout", s_get_timeout, NULL, "the socket timeout"},
    {NULL, NULL, NULL, NULL},
};

static const MethodDef sock_methods[] = {
    {"fileno", s_fileno, METH_NOARGS, "Return the integer file descriptor of the socket."},
    {"close", s_close, METH_NOARGS, "Close the socket."},
    {"detach", s_detach, METH_NOARGS, "Close the socket object without closing the fd; return the fd."},
    {"bind", s_bind, METH_O, "Bind the socket to a local address."},
    {"listen", s_listen, METH_VARARGS, "Enable a server to accept connections."},
    {"_accept", s_accept, METH_NOARGS, "Wait for an incoming connection: (fd, address)."},
    {"connect", s_connect, METH_O, "Connect the socket to a remote address."},
    {"connect_ex", s_connect_ex, METH_O, "Like connect(), but return an errno instead of raising."},
    {"recv", s_recv, METH_VARARGS, "Receive up to buffersize bytes from the socket."},
    {"send", s_send, METH_VARARGS, "Send a data string to the socket; return the bytes sent."},
    {"sendall", s_sendall, METH_VARARGS, "Send all of the data to the socket."},
    {"setblocking", s_setblocking, METH_O, "Set the socket to blocking (True) or non-blocking (False)."},
    {"getblocking", s_getblocking, METH_NOARGS, "True if the socket is in blocking mode."},
    {"settimeout", s_settimeout, METH_O, "Set a timeout on socket operations (None: blocking)."},
    {"gettimeout", s_gettimeout, METH_NOARGS, "The timeout in seconds, or None."},
    {"setsockopt", s_setsockopt, METH_VARARGS, "Set a socket option."},
    {"getsockopt", s_getsockopt, METH_VARARGS, "Get a socket option (as an int)."},
    {"getsockname", s_getsockname, METH_NOARGS, "The socket's own address."},
    {"getpeername", s_getpeername, METH_NOARGS, "The remote address the socket is connected to."},
    {"shutdown", s_shutdown, METH_O, "Shut down the reading side (0), writing side (1) or both (2)."},
    {NULL, NULL, 0, NULL},
};

static Type Type_Socket = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "_socket.socket",
    .basicsize = sizeof(SockObj),
    .flags = TPFLAG_BASETYPE,
    .dealloc = sock_dealloc,
    .repr = sock_repr,
    .new = sock_new,
    .init = sock_init,
    .methods = sock_methods,
    .getset = sock_getset,
    .doc = "socket(family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None) -> socket object",
};

/* ---- module functions ---- */
static Obj *m_socketpair(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("socketpair", nargs, kw, 0, 3) < 0) return NULL;
    int family, stype, proto, sv[2];
    if (arg_int(nargs > 0 ? args[0] : NULL, AF_UNIX, &family) < 0 ||
        arg_int(nargs > 1 ? args[1] : NULL, SOCK_STREAM, &stype) < 0 ||
        arg_int(nargs > 2 ? args[2] : NULL, 0, &proto) < 0)
        return NULL;
    if (socketpair(family, stype | SOCK_CLOEXEC, proto, sv) < 0) return err_from_errno(Exc_OSError);
    Obj *a = sock_alloc(&Type_Socket, sv[0], family, stype, proto);
    Obj *b = a ? sock_alloc(&Type_Socket, sv[1], family, stype, proto) : NULL;
    Obj *t = b ? tuple_pack(2, a, b) : NULL;
    if (!a) { close(sv[0]); close(sv[1]); }
    else if (!b) close(sv[1]);
    XDECREF(a);
    XDECREF(b);
    return t;
}

static Obj *m_gethostname(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    char buf[256];
    if (gethostname(buf, sizeof buf) < 0) return err_from_errno(Exc_OSError);
    buf[sizeof buf - 1] = '\0';
    return str_from_cstr(buf);
}

/* getaddrinfo(host, port, family=0, type=0, proto=0, flags=0) */
static Obj *m_getaddrinfo(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"host", "port", "family", "type", "proto", "flags"};
    Obj *a[6];
    if (args_parse("getaddrinfo", args, nargs, kwnames, names, 6, 2, 6, a) < 0) return NULL;
    const char *host = NULL, *port = NULL;
    char portbuf[32];
    if (a[0] != V_None) {
        if (!STR_CHECK(a[0])) return err_format(Exc_TypeError, "getaddrinfo() argument 1 must be string or None");
        host = STR_DATA(a[0]);
    }
    if (INT_CHECK(a[1])) {
        snprintf(portbuf, sizeof portbuf, "%lld", (long long)int_as_i64(a[1]));
        port = portbuf;
    } else if (STR_CHECK(a[1])) {
        port = STR_DATA(a[1]);
    } else if (a[1] != V_None) {
        return err_set_str(Exc_OSError, "Int or String expected");
    }
    struct addrinfo hints = {0}, *res = NULL;
    if (arg_int(a[2], 0, &hints.ai_family) < 0 || arg_int(a[3], 0, &hints.ai_socktype) < 0 ||
        arg_int(a[4], 0, &hints.ai_protocol) < 0 || arg_int(a[5], 0, &hints.ai_flags) < 0)
        return NULL;
    ThreadState *ts = vm_ts();
    if (gil_release) gil_release(ts, GIL_DROP_IO);
    int rc = getaddrinfo(host, port, &hints, &res);
    if (gil_acquire) gil_acquire(ts);
    if (rc != 0) return raise_gai(rc);
    Obj *list = list_new(0);
    for (struct addrinfo *r = res; list && r; r = r->ai_next) {
        SockAddr addr;
        memcpy(&addr, r->ai_addr, r->ai_addrlen);
        Obj *fam = int_from_i64(r->ai_family), *ty = int_from_i64(r->ai_socktype);
        Obj *pr = int_from_i64(r->ai_protocol), *cn = str_from_cstr(r->ai_canonname ? r->ai_canonname : "");
        Obj *sa = addr_to_obj(&addr, r->ai_addrlen);
        Obj *t = (fam && ty && pr && cn && sa) ? tuple_pack(5, fam, ty, pr, cn, sa) : NULL;
        XDECREF(fam);
        XDECREF(ty);
        XDECREF(pr);
        XDECREF(cn);
        XDECREF(sa);
        if (!t || list_append_steal(list, t) < 0) CLEAR(list);
    }
    freeaddrinfo(res);
    return list;
}

static Obj *m_getdefaulttimeout(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (default_timeout < 0) RETURN_NONE;
    return float_from_double(default_timeout);
}

static Obj *m_setdefaulttimeout(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    double t;
    if (timeout_arg(args[0], &t) < 0) return NULL;
    default_timeout = t;
    RETURN_NONE;
}

static const MethodDef socket_functions[] = {
    {"socketpair", m_socketpair, METH_VARARGS, "Create a pair of connected sockets."},
    {"gethostname", m_gethostname, METH_NOARGS, "The current host name."},
    {"getaddrinfo", m_getaddrinfo, METH_VARARGS | METH_KEYWORDS, "Resolve host and port into addrinfo tuples."},
    {"getdefaulttimeout", m_getdefaulttimeout, METH_NOARGS, "The default timeout for new sockets."},
    {"setdefaulttimeout", m_setdefaulttimeout, METH_O, "Set the default timeout for new sockets."},
    {NULL, NULL, 0, NULL},
};

Obj *modinit__socket(void) {
    Obj *mod = module_new("_socket");
    if (!mod) return NULL;
    if (!gaierror_type) {
        Obj *name = str_from_cstr("gaierror");
        Obj *bases = tuple_pack(1, (Obj *)Exc_OSError);
        Obj *ns = dict_new();
        Obj *modname = str_from_cstr("socket");
        if (name && bases && ns && modname && dict_set(ns, NAME(__module__), modname) == 0)
            gaierror_type = obj_call((Obj *)&Type_type, (Obj *[]){name, bases, ns}, 3, NULL);
        XDECREF(name);
        XDECREF(bases);
        XDECREF(ns);
        XDECREF(modname);
        if (!gaierror_type) {
            DECREF(mod);
            return NULL;
        }
    }
    static const struct { const char *name; int value; } ints[] = {
        {"AF_INET", AF_INET}, {"AF_INET6", AF_INET6}, {"AF_UNIX", AF_UNIX}, {"AF_UNSPEC", AF_UNSPEC},
        {"SOCK_STREAM", SOCK_STREAM}, {"SOCK_DGRAM", SOCK_DGRAM}, {"SOCK_RAW", SOCK_RAW},
        {"SOCK_NONBLOCK", SOCK_NONBLOCK}, {"SOCK_CLOEXEC", SOCK_CLOEXEC},
        {"SOL_SOCKET", SOL_SOCKET}, {"SO_REUSEADDR", SO_REUSEADDR}, {"SO_REUSEPORT", SO_REUSEPORT},
        {"SO_KEEPALIVE", SO_KEEPALIVE}, {"SO_ERROR", SO_ERROR}, {"SO_TYPE", SO_TYPE},
        {"SO_RCVBUF", SO_RCVBUF}, {"SO_SNDBUF", SO_SNDBUF}, {"SO_BROADCAST", SO_BROADCAST},
        {"IPPROTO_TCP", IPPROTO_TCP}, {"IPPROTO_UDP", IPPROTO_UDP}, {"IPPROTO_IP", IPPROTO_IP},
        {"IPPROTO_IPV6", IPPROTO_IPV6}, {"IPV6_V6ONLY", IPV6_V6ONLY}, {"TCP_NODELAY", TCP_NODELAY},
        {"SHUT_RD", SHUT_RD}, {"SHUT_WR", SHUT_WR}, {"SHUT_RDWR", SHUT_RDWR}, {"SOMAXCONN", SOMAXCONN},
        {"AI_PASSIVE", AI_PASSIVE}, {"AI_CANONNAME", AI_CANONNAME}, {"AI_NUMERICHOST", AI_NUMERICHOST},
        {"AI_NUMERICSERV", AI_NUMERICSERV}, {"AI_ADDRCONFIG", AI_ADDRCONFIG},
        {"MSG_PEEK", MSG_PEEK}, {"MSG_DONTWAIT", MSG_DONTWAIT}, {"MSG_NOSIGNAL", MSG_NOSIGNAL},
        {"EAI_NONAME", EAI_NONAME},
    };
    if (type_ready(&Type_Socket) < 0 || module_add_methods(mod, socket_functions) < 0 ||
        module_add_object(mod, "socket", (Obj *)&Type_Socket) < 0 ||
        module_add_object(mod, "SocketType", (Obj *)&Type_Socket) < 0 ||
        module_add_object(mod, "error", (Obj *)Exc_OSError) < 0 ||
        module_add_object(mod, "timeout", (Obj *)Exc_TimeoutError) < 0 ||
        module_add_object(mod, "gaierror", gaierror_type) < 0)
        goto fail;
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        if (module_add_int(mod, ints[i].name, ints[i].value) < 0) goto fail;
    return mod;
fail:
    DECREF(mod);
    return NULL;
}
