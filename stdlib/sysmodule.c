/* sysmodule.c: the sys module: argv, path, modules, std streams, recursion limit, exit,
 * exc_info, version information and the interpreter hooks (displayhook, excepthook). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "vm.h"
#include "names.h"
#include "modules.h"
#include "fileio.h"
#include "int.h"
#include "structseq.h"
#include "gil.h"
#include <float.h>

#define VITRINE_VERSION "0.1.0"


Obj *sys_get_object(const char *name) {
    Interp *interp = vm_interp();
    if (!interp->sysdict) return NULL;
    return dict_get_cstr(interp->sysdict, name);
}

int sys_set_argv(int argc, char **argv) {
    Obj *list = list_new(0);
    if (!list) return -1;
    for (int i = 0; i < argc; i++) {
        Obj *s = str_from_fs(argv[i]);
        if (!s || list_append_steal(list, s) < 0) { DECREF(list); return -1; }
    }
    if (argc == 0) {
        Obj *empty = str_from_cstr("");
        if (!empty || list_append_steal(list, empty) < 0) { DECREF(list); return -1; }
    }
    int rc = dict_set_cstr(vm_interp()->sysdict, "argv", list);
    DECREF(list);
    return rc;
}

int sys_path_insert0(const char *dir) {
    Obj *path = sys_get_object("path");
    if (!path || !LIST_CHECK(path)) return 0;
    Obj *s = str_from_fs(dir);
    if (!s) return -1;
    int rc = list_insert(path, 0, s);
    DECREF(s);
    return rc;
}

static Obj *sys_exit(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("exit", nargs, kwnames, 0, 1) < 0) return NULL;
    return err_set_object(Exc_SystemExit, nargs ? args[0] : V_None);
}

static Obj *sys_getrecursionlimit(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return int_from_i64(vm_interp()->recursion_limit);
}

static Obj *sys_setrecursionlimit(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (!INT_CHECK(args[0]))
        return err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    int64_t v = int_as_i64(args[0]);
    if (v == -1 && err_occurred()) return NULL;
    if (v < 1) return err_set_str(Exc_ValueError, "recursion limit must be greater or equal than 1");
    if (v > 0x7fffffff) return err_set_str(Exc_OverflowError, "Python int too large to convert to C int");
    vm_interp()->recursion_limit = (int)v;
    RETURN_NONE;
}

static Obj *sys_getrefcount(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *o = args[0];
    if (IS_SMALL(o) || (o->flags & OBJ_FLAG_IMMORTAL)) return int_from_i64(IMMORTAL_REFCNT);
    return int_from_i64(o->refcnt);
}

static Obj *sys_exc_info(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *exc = vm_ts()->handled;
    if (!exc || exc == V_None) return tuple_pack(3, V_None, V_None, V_None);
    Obj *tb = ((ExcObj *)exc)->traceback;
    return tuple_pack(3, (Obj *)TYPE(exc), exc, tb ? tb : V_None);
}

static Obj *sys_exception(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *exc = vm_ts()->handled;
    return NEWREF(exc ? exc : V_None);
}

static Obj *sys_intern(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (!STR_CHECK_EXACT(args[0]))
        return err_format(Exc_TypeError, "intern() argument must be str, not %T", args[0]);
    return str_intern(NEWREF(args[0]));
}

static Obj *sys_getdefaultencoding(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return str_from_cstr("utf-8");
}

static Obj *sys_setswitchinterval(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    double v = float_as_double(args[0]);
    if (v == -1.0 && err_occurred()) return NULL;
    if (v <= 0) return err_set_str(Exc_ValueError, "switch interval must be strictly positive");
    gil_set_interval(v);
    RETURN_NONE;
}

static Obj *sys_getswitchinterval(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return float_from_double(gil_get_interval());
}

static Obj *sys_getframe(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("_getframe", nargs, kwnames, 0, 1) < 0) return NULL;
    int64_t depth = 0;
    if (nargs) {
        depth = int_as_i64(args[0]);
        if (depth == -1 && err_occurred()) return NULL;
    }
    Frame *f = vm_ts()->frame;
    while (f && depth-- > 0) f = f->back;
    if (!f) return err_set_str(Exc_ValueError, "call stack is not deep enough");
    return NEWREF((Obj *)f);
}

/* sys.displayhook: print repr(value) and keep it in builtins._ (the REPL's echo). */
static Obj *sys_displayhook(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *value = args[0];
    if (value == V_None) RETURN_NONE;
    Obj *builtins = vm_interp()->builtins;
    if (dict_set_cstr(builtins, "_", V_None) < 0) return NULL;
    Obj *r = obj_repr(value);
    if (!r) return NULL;
    Obj *out = sys_get_object("stdout");
    Obj *line = out ? str_concat(r, str_intern_cstr("\n")) : NULL;
    DECREF(r);
    if (!line) return out ? NULL : err_set_str(Exc_RuntimeError, "lost sys.stdout");
    Obj *res = obj_call_method(out, NAME(write), &line, 1);
    DECREF(line);
    if (!res) return NULL;
    DECREF(res);
    if (dict_set_cstr(builtins, "_", value) < 0) return NULL;
    RETURN_NONE;
}

static Obj *sys_excepthook(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("excepthook", nargs, kwnames, 3, 3) < 0) return NULL;
    Obj *err = sys_get_object("stderr");
    exc_print_to(args[1], err ? err : V_None);
    RETURN_NONE;
}

/* sys.getsizeof(obj[, default]): a user __sizeof__ if the class defines one, else the
 * instance layout (basicsize plus items), plus the GC header for tracked types. */
static Obj *sys_getsizeof(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"object", "default"};
    Obj *a[2];
    if (args_parse("getsizeof", args, nargs, kwnames, names, 2, 1, 2, a) < 0) return NULL;
    Obj *o = a[0];
    Type *t = TYPE(o);
    int64_t size;
    Obj *meth = IS_SMALL(o) ? NULL : type_lookup(t, str_intern_cstr("__sizeof__"));
    if (meth && IS_TYPE(meth, &Type_function)) {
        Obj *r = obj_call(meth, &o, 1, NULL);
        if (!r) {
            if (a[1] && err_matches(Exc_TypeError)) { err_clear(); return NEWREF(a[1]); }
            return NULL;
        }
        if (!INT_CHECK(r)) {
            DECREF(r);
            return err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", r);
        }
        size = int_as_i64(r);
        DECREF(r);
        if (size == -1 && err_occurred()) return NULL;
        if (size < 0) return err_set_str(Exc_ValueError, "__sizeof__() should return >= 0");
        /* CPython 3.11 adds the pre-header: GC links, plus dict/weakref pointers for classes */
        if (TYPE_HAS_FLAG(t, TPFLAG_HAVE_GC)) size += IS_HEAP_TYPE(t) ? 32 : 16;
    } else if (IS_SMALL(o) || INT_CHECK(o)) {
        /* CPython: 30-bit digits after a 24-byte header; 0 still takes a digit in 3.11 */
        Obj *bits = obj_call_method(o, str_intern_cstr("bit_length"), NULL, 0);
        if (!bits) return NULL;
        int64_t nb = int_as_i64(bits);
        DECREF(bits);
        size = 24 + 4 * (nb ? (nb + 29) / 30 : 1);
    } else if (STR_CHECK(o)) {
        size = ((StrObj *)o)->ascii ? 49 + (int64_t)STR_SIZE(o) : 74 + 4 * (int64_t)STR_LEN(o);
    } else if (LIST_CHECK(o)) {
        size = 56 + 8 * (int64_t)((ListObj *)o)->alloc;
    } else if (TUPLE_CHECK(o)) {
        size = 40 + 8 * (int64_t)TUPLE_SIZE(o);
    } else {
        size = (int64_t)t->basicsize;
        if (t->itemsize && t->len) {
            intptr_t n = t->len(o);
            if (n < 0) { err_clear(); n = 0; }
            size += (int64_t)t->itemsize * n;
        }
        if (TYPE_HAS_FLAG(t, TPFLAG_HAVE_GC)) size += 16;
    }
    return int_from_i64(size);
}

static Obj *sys_get_int_max_str_digits(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return int_from_i64(int_max_str_digits);
}

static Obj *sys_set_int_max_str_digits(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"maxdigits"};
    Obj *a[1];
    if (args_parse("set_int_max_str_digits", args, nargs, kwnames, names, 1, 1, 1, a) < 0)
        return NULL;
    if (!INT_CHECK(a[0]))
        return err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", a[0]);
    int64_t v = int_as_i64(a[0]);
    if (v == -1 && err_occurred()) return NULL;
    if (v != 0 && v < 640) return err_set_str(Exc_ValueError, "maxdigits must be 0 or larger than 640");
    int_max_str_digits = v;
    RETURN_NONE;
}

static const MethodDef sys_methods[] = {
    {"getsizeof", sys_getsizeof, METH_VARARGS, NULL},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, METH_NOARGS, NULL},
    {"set_int_max_str_digits", sys_set_int_max_str_digits, METH_VARARGS, NULL},
    {"exit", sys_exit, METH_VARARGS, NULL},
    {"getrecursionlimit", sys_getrecursionlimit, METH_NOARGS, NULL},
    {"setrecursionlimit", sys_setrecursionlimit, METH_O, NULL},
    {"getrefcount", sys_getrefcount, METH_O, NULL},
    {"exc_info", sys_exc_info, METH_NOARGS, NULL},
    {"exception", sys_exception, METH_NOARGS, NULL},
    {"intern", sys_intern, METH_O, NULL},
    {"getdefaultencoding", sys_getdefaultencoding, METH_NOARGS, NULL},
    {"getfilesystemencoding", sys_getdefaultencoding, METH_NOARGS, NULL},
    {"setswitchinterval", sys_setswitchinterval, METH_O, NULL},
    {"getswitchinterval", sys_getswitchinterval, METH_NOARGS, NULL},
    {"_getframe", sys_getframe, METH_VARARGS, NULL},
    {"displayhook", sys_displayhook, METH_O, NULL},
    {"excepthook", sys_excepthook, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int add_owned(Obj *mod, const char *name, Obj *value) {
    if (!value) return -1;
    int rc = module_add_object(mod, name, value);
    DECREF(value);
    return rc;
}

static int add_streams(Obj *mod) {
    if (add_owned(mod, "stdin", file_from_fd(0, "r", "<stdin>")) < 0 ||
        add_owned(mod, "stdout", file_from_fd(1, "w", "<stdout>")) < 0 ||
        add_owned(mod, "stderr", file_from_fd(2, "w", "<stderr>")) < 0)
        return -1;
    Obj *d = MODULE_DICT(mod);
    const char *names[][2] = {{"__stdin__", "stdin"}, {"__stdout__", "stdout"},
                              {"__stderr__", "stderr"}, {"__displayhook__", "displayhook"},
                              {"__excepthook__", "excepthook"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (dict_set_cstr(d, names[i][0], dict_get_cstr(d, names[i][1])) < 0) return -1;
    return 0;
}

/* A structseq instance as sys.<attr>: fields and values (stolen) in order. */
static int add_structseq(Obj *mod, const char *attr, const char *const *fields, size_t n,
                         Obj **values) {
    Type *t = structseq_new_type("sys", attr, fields, n);
    if (!t) {
        for (size_t i = 0; i < n; i++) XDECREF(values[i]);
        return -1;
    }
    structseq_disallow_new(t);
    Obj *v = structseq_new_steal(t, values);
    DECREF((Obj *)t);   /* the instance keeps its type alive */
    return add_owned(mod, attr, v);
}

static int add_info_structs(Obj *mod) {
    static const char *const float_fields[] = {"max", "max_exp", "max_10_exp", "min", "min_exp",
        "min_10_exp", "dig", "mant_dig", "epsilon", "radix", "rounds"};
    Obj *fv[] = {float_from_double(DBL_MAX), int_from_i64(DBL_MAX_EXP),
                 int_from_i64(DBL_MAX_10_EXP), float_from_double(DBL_MIN),
                 int_from_i64(DBL_MIN_EXP), int_from_i64(DBL_MIN_10_EXP), int_from_i64(DBL_DIG),
                 int_from_i64(DBL_MANT_DIG), float_from_double(DBL_EPSILON),
                 int_from_i64(FLT_RADIX), int_from_i64(1)};
    if (add_structseq(mod, "float_info", float_fields, 11, fv) < 0) return -1;
    /* CPython's values: programs size buffers and limits from them. */
    static const char *const int_fields[] = {"bits_per_digit", "sizeof_digit",
        "default_max_str_digits", "str_digits_check_threshold"};
    Obj *iv[] = {int_from_i64(30), int_from_i64(4), int_from_i64(4300), int_from_i64(640)};
    if (add_structseq(mod, "int_info", int_fields, 4, iv) < 0) return -1;
    static const char *const hash_fields[] = {"width", "modulus", "inf", "nan", "imag",
        "algorithm", "hash_bits", "seed_bits", "cutoff"};
    Obj *hv[] = {int_from_i64(64), int_from_i64(((int64_t)1 << 61) - 1), int_from_i64(314159),
                 int_from_i64(0), int_from_i64(1000003), str_from_cstr("siphash13"),
                 int_from_i64(64), int_from_i64(128), int_from_i64(0)};
    if (add_structseq(mod, "hash_info", hash_fields, 9, hv) < 0) return -1;
    static const char *const flag_fields[] = {"debug", "inspect", "interactive", "optimize",
        "dont_write_bytecode", "no_user_site", "no_site", "ignore_environment", "verbose",
        "bytes_warning", "quiet", "hash_randomization", "isolated", "dev_mode", "utf8_mode",
        "warn_default_encoding", "safe_path", "int_max_str_digits"};
    Obj *flv[18];
    for (int i = 0; i < 18; i++) flv[i] = int_from_i64(0);
    flv[11] = int_from_i64(1);        /* hash_randomization */
    flv[13] = NEWREF(V_False);        /* dev_mode */
    flv[16] = NEWREF(V_False);        /* safe_path */
    flv[17] = int_from_i64(-1);       /* int_max_str_digits: not set on the command line */
    return add_structseq(mod, "flags", flag_fields, 18, flv);
}

static int add_version_info(Obj *mod) {
    static const char *const fields[] = {"major", "minor", "micro", "releaselevel", "serial"};
    Obj *vi[] = {int_from_i64(3), int_from_i64(11), int_from_i64(0), str_from_cstr("final"),
                 int_from_i64(0)};
    if (add_structseq(mod, "version_info", fields, 5, vi) < 0) return -1;
    if (module_add_str(mod, "version", "3.11.0 (Vitrine " VITRINE_VERSION ")") < 0) return -1;
    Obj *impl = obj_call0((Obj *)&Type_SimpleNamespace);
    Obj *impl_name = impl ? str_from_cstr("vitrine") : NULL;
    if (!impl_name || obj_setattr(impl, NAME(name), impl_name) < 0) {
        XDECREF(impl);
        XDECREF(impl_name);
        return -1;
    }
    DECREF(impl_name);
    return add_owned(mod, "implementation", impl);
}

static int add_path(Obj *mod) {
    Interp *interp = vm_interp();
    Obj *path = list_new(0);
    if (!path) return -1;
    for (size_t i = 0; i < LIST_SIZE(interp->lib_paths); i++)
        if (list_append(path, LIST_GET(interp->lib_paths, i)) < 0) { DECREF(path); return -1; }
    return add_owned(mod, "path", path);
}

Obj *modinit_sys(void) {
    Interp *interp = vm_interp();
    Obj *mod = module_new("sys");
    if (!mod) return NULL;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    if (module_add_methods(mod, sys_methods) < 0 ||
        module_add_object(mod, "modules", interp->modules) < 0 ||
        module_add_object(mod, "builtin_module_names", V_None) < 0 ||
        add_path(mod) < 0 || add_streams(mod) < 0 || add_version_info(mod) < 0 ||
        add_info_structs(mod) < 0 ||
        module_add_str(mod, "platform", "linux") < 0 ||
        module_add_str(mod, "byteorder", "little") < 0 ||
        module_add_str(mod, "executable", exe) < 0 ||
        module_add_str(mod, "prefix", "/usr/local") < 0 ||
        module_add_int(mod, "maxsize", INT64_MAX) < 0 ||
        module_add_int(mod, "hexversion", 0x030b00f0) < 0 ||
        module_add_int(mod, "api_version", 1013) < 0 ||
        module_add_str(mod, "copyright", "Vitrine: a Python interpreter with its insides on display") < 0 ||
        add_owned(mod, "warnoptions", list_new(0)) < 0 ||
        add_owned(mod, "meta_path", list_new(0)) < 0 ||
        add_owned(mod, "path_hooks", list_new(0)) < 0 ||
        add_owned(mod, "path_importer_cache", dict_new()) < 0) {
        DECREF(mod);
        return NULL;
    }
    return mod;
}
