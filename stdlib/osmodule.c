/* osmodule.c: the posix module, the C half of `os` (stdlib/lib/os.py adds the Python half):
 * process and file-system calls with CPython's OSError subclasses and messages. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "vm.h"
#include "modules.h"

extern char **environ;

static const char *path_arg(Obj *o, const char *fname) {
    if (STR_CHECK(o)) return STR_DATA(o);
    if (BYTES_CHECK(o)) return BYTES_DATA(o);
    err_format(Exc_TypeError, "%s: path should be string, bytes or os.PathLike, not %T", fname, o);
    return NULL;
}

static Obj *os_getcwd(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf)) return err_from_errno(Exc_OSError);
    return str_from_fs(buf);
}

static Obj *os_getpid(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { return int_from_i64(getpid()); }
static Obj *os_getppid(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { return int_from_i64(getppid()); }

static Obj *os_cpu_count(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) RETURN_NONE;
    return int_from_i64(n);
}

static Obj *os_listdir(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("listdir", nargs, kw, 0, 1) < 0) return NULL;
    const char *path = nargs ? path_arg(args[0], "listdir") : ".";
    if (!path) return NULL;
    DIR *d = opendir(path);
    if (!d) return err_from_errno_filename(Exc_OSError, path);
    Obj *list = list_new(0);
    struct dirent *e;
    while (list && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        Obj *s = str_from_fs(e->d_name);
        if (!s || list_append_steal(list, s) < 0) CLEAR(list);
    }
    closedir(d);
    return list;
}

/* One-path calls returning None: remove, rmdir, chdir. */
#define PATH_CALL(pyname, call) \
    static Obj *os_##pyname(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { \
        const char *p = path_arg(args[0], #pyname); \
        if (!p) return NULL; \
        if (call(p) < 0) return err_from_errno_filename(Exc_OSError, p); \
        RETURN_NONE; \
    }
PATH_CALL(remove, unlink)
PATH_CALL(rmdir, rmdir)
PATH_CALL(chdir, chdir)

static Obj *os_mkdir(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("mkdir", nargs, kw, 1, 2) < 0) return NULL;
    const char *p = path_arg(args[0], "mkdir");
    if (!p) return NULL;
    int64_t mode = nargs > 1 ? int_as_i64(args[1]) : 0777;
    if (mode == -1 && err_occurred()) return NULL;
    if (mkdir(p, (mode_t)mode) < 0) return err_from_errno_filename(Exc_OSError, p);
    RETURN_NONE;
}

static Obj *os_rename(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("rename", nargs, kw, 2, 2) < 0) return NULL;
    const char *a = path_arg(args[0], "rename"), *b = a ? path_arg(args[1], "rename") : NULL;
    if (!b) return NULL;
    if (rename(a, b) < 0) return err_from_errno_filename(Exc_OSError, a);
    RETURN_NONE;
}

/* stat(path) -> (st_mode, st_ino, st_dev, st_nlink, st_uid, st_gid, st_size, st_atime,
 * st_mtime, st_ctime); os.py wraps it in a stat_result with the st_* names. */
static Obj *os_stat(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    const char *p = path_arg(args[0], "stat");
    if (!p) return NULL;
    struct stat st;
    if (stat(p, &st) < 0) return err_from_errno_filename(Exc_OSError, p);
    Obj *t = tuple_new(10);
    if (!t) return NULL;
    int64_t v[7] = {st.st_mode, (int64_t)st.st_ino, (int64_t)st.st_dev, (int64_t)st.st_nlink,
                    st.st_uid, st.st_gid, (int64_t)st.st_size};
    for (int i = 0; i < 7; i++) TUPLE_SET_STEAL(t, i, int_from_i64(v[i]));
    double times[3] = {st.st_atim.tv_sec + st.st_atim.tv_nsec / 1e9,
                       st.st_mtim.tv_sec + st.st_mtim.tv_nsec / 1e9,
                       st.st_ctim.tv_sec + st.st_ctim.tv_nsec / 1e9};
    for (int i = 0; i < 3; i++) {
        Obj *f = float_from_double(times[i]);
        if (!f) { for (int j = i; j < 3; j++) TUPLE_SET_STEAL(t, 7 + j, NEWREF(V_None)); DECREF(t); return NULL; }
        TUPLE_SET_STEAL(t, 7 + i, f);
    }
    return t;
}

static Obj *os_realpath(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    const char *p = path_arg(args[0], "realpath");
    if (!p) return NULL;
    char buf[PATH_MAX];
    if (!realpath(p, buf)) return NEWREF(args[0]);
    return str_from_fs(buf);
}

static Obj *os_access(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("access", nargs, kw, 2, 2) < 0) return NULL;
    const char *p = path_arg(args[0], "access");
    int64_t mode = p ? int_as_i64(args[1]) : -1;
    if (!p || (mode == -1 && err_occurred())) return NULL;
    RETURN_BOOL(access(p, (int)mode) == 0);
}

static Obj *os_strerror(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    int64_t code = int_as_i64(args[0]);
    if (code == -1 && err_occurred()) return NULL;
    return str_from_cstr(strerror((int)code));
}

static Obj *os_urandom(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    int64_t n = int_as_i64(args[0]);
    if (n == -1 && err_occurred()) return NULL;
    if (n < 0) return err_set_str(Exc_ValueError, "negative argument not allowed");
    char *buf = vt_malloc((size_t)n + 1);
    if (!buf) return NULL;
    int fd = open("/dev/urandom", O_RDONLY);
    ssize_t got = fd >= 0 ? read(fd, buf, (size_t)n) : -1;
    if (fd >= 0) close(fd);
    Obj *r = got == n ? bytes_from_data(buf, (size_t)n) : err_from_errno(Exc_OSError);
    vt_free(buf);
    return r;
}

static Obj *os_isatty(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    int64_t fd = int_as_i64(args[0]);
    if (fd == -1 && err_occurred()) return NULL;
    RETURN_BOOL(isatty((int)fd));
}

static Obj *os_exit(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    int64_t code = int_as_i64(args[0]);
    if (code == -1 && err_occurred()) return NULL;
    fflush(stdout);
    _exit((int)code);
}

static Obj *os_putenv(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("putenv", nargs, kw, 2, 2) < 0) return NULL;
    if (!STR_CHECK(args[0]) || !STR_CHECK(args[1]))
        return err_set_str(Exc_TypeError, "putenv() arguments must be str");
    if (setenv(STR_DATA(args[0]), STR_DATA(args[1]), 1) < 0) return err_from_errno(Exc_OSError);
    RETURN_NONE;
}

static Obj *os_unsetenv(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (!STR_CHECK(args[0])) return err_set_str(Exc_TypeError, "unsetenv() argument must be str");
    unsetenv(STR_DATA(args[0]));
    RETURN_NONE;
}

static Obj *environ_dict(void) {
    Obj *d = dict_new();
    for (char **e = environ; d && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq) continue;
        Obj *k = str_from_utf8(*e, (size_t)(eq - *e));
        Obj *v = k ? str_from_fs(eq + 1) : NULL;
        if (!v || dict_set(d, k, v) < 0) { if (err_occurred()) err_clear(); }
        XDECREF(k);
        XDECREF(v);
    }
    return d;
}

/* ---- raw file descriptors (pipe/read/write/close): the event loop's self-pipe needs them ---- */
static int fd_arg(Obj *o, int *fd) {
    int64_t v = obj_as_index_i64(o, Exc_OverflowError);
    if (v == -1 && err_occurred()) return -1;
    *fd = (int)v;
    return 0;
}

static Obj *os_pipe(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    int fds[2];
    if (pipe(fds) < 0) return err_from_errno(Exc_OSError);
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);   /* as CPython: pipes are not inherited */
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    Obj *r = int_from_i64(fds[0]), *w = int_from_i64(fds[1]);
    Obj *t = (r && w) ? tuple_pack(2, r, w) : NULL;
    XDECREF(r);
    XDECREF(w);
    return t;
}

static Obj *os_read(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("read", nargs, kw, 2, 2) < 0) return NULL;
    int fd;
    if (fd_arg(args[0], &fd) < 0) return NULL;
    int64_t n = obj_as_index_i64(args[1], Exc_OverflowError);
    if (n == -1 && err_occurred()) return NULL;
    if (n < 0) { errno = EINVAL; return err_from_errno(Exc_OSError); }
    char *buf = malloc(n ? (size_t)n : 1);
    if (!buf) return err_set_str(Exc_MemoryError, "");
    ssize_t got;
    do got = read(fd, buf, (size_t)n); while (got < 0 && errno == EINTR);
    Obj *res = got < 0 ? err_from_errno(Exc_OSError) : bytes_from_data(buf, (size_t)got);
    free(buf);
    return res;
}

static Obj *os_write(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("write", nargs, kw, 2, 2) < 0) return NULL;
    int fd;
    if (fd_arg(args[0], &fd) < 0) return NULL;
    if (!BYTES_CHECK(args[1]))
        return err_format(Exc_TypeError, "a bytes-like object is required, not '%T'", args[1]);
    ssize_t put;
    do put = write(fd, BYTES_DATA(args[1]), BYTES_SIZE(args[1])); while (put < 0 && errno == EINTR);
    if (put < 0) return err_from_errno(Exc_OSError);
    return int_from_i64(put);
}

static Obj *os_close(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    int fd;
    if (fd_arg(args[0], &fd) < 0) return NULL;
    if (close(fd) < 0) return err_from_errno(Exc_OSError);
    RETURN_NONE;
}

static Obj *os_set_blocking(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("set_blocking", nargs, kw, 2, 2) < 0) return NULL;
    int fd;
    if (fd_arg(args[0], &fd) < 0) return NULL;
    int on = obj_is_true(args[1]);
    if (on < 0) return NULL;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, on ? (fl & ~O_NONBLOCK) : (fl | O_NONBLOCK)) < 0)
        return err_from_errno(Exc_OSError);
    RETURN_NONE;
}

static const MethodDef posix_methods[] = {
    {"getcwd", os_getcwd, METH_NOARGS, NULL},
    {"getpid", os_getpid, METH_NOARGS, NULL},
    {"getppid", os_getppid, METH_NOARGS, NULL},
    {"cpu_count", os_cpu_count, METH_NOARGS, NULL},
    {"listdir", os_listdir, METH_VARARGS, NULL},
    {"remove", os_remove, METH_O, NULL},
    {"unlink", os_remove, METH_O, NULL},
    {"rmdir", os_rmdir, METH_O, NULL},
    {"chdir", os_chdir, METH_O, NULL},
    {"mkdir", os_mkdir, METH_VARARGS, NULL},
    {"rename", os_rename, METH_VARARGS, NULL},
    {"replace", os_rename, METH_VARARGS, NULL},
    {"stat", os_stat, METH_O, NULL},
    {"_realpath", os_realpath, METH_O, NULL},
    {"access", os_access, METH_VARARGS, NULL},
    {"strerror", os_strerror, METH_O, NULL},
    {"urandom", os_urandom, METH_O, NULL},
    {"isatty", os_isatty, METH_O, NULL},
    {"_exit", os_exit, METH_O, NULL},
    {"putenv", os_putenv, METH_VARARGS, NULL},
    {"unsetenv", os_unsetenv, METH_O, NULL},
    {"pipe", os_pipe, METH_NOARGS, NULL},
    {"read", os_read, METH_VARARGS, NULL},
    {"write", os_write, METH_VARARGS, NULL},
    {"close", os_close, METH_O, NULL},
    {"set_blocking", os_set_blocking, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Obj *modinit_posix(void) {
    Obj *mod = module_new("posix");
    if (!mod) return NULL;
    Obj *env = environ_dict();
    if (!env || module_add_methods(mod, posix_methods) < 0 ||
        module_add_object(mod, "environ", env) < 0 ||
        module_add_int(mod, "F_OK", F_OK) < 0 || module_add_int(mod, "R_OK", R_OK) < 0 ||
        module_add_int(mod, "W_OK", W_OK) < 0 || module_add_int(mod, "X_OK", X_OK) < 0) {
        XDECREF(env);
        DECREF(mod);
        return NULL;
    }
    DECREF(env);
    return mod;
}
