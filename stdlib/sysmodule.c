/* sysmodule.c: the sys module: argv, path, modules, std streams, recursion limit, exit,
 * exc_info, version information and the interpreter hooks (displayhook, excepthook). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "vm.h"
#include "names.h"
#include "modules.h"
#include "fileio.h"

#define VITRINE_VERSION "0.1.0"

static double switch_interval = 0.005;

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
    switch_interval = v;
    RETURN_NONE;
}

static Obj *sys_getswitchinterval(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return float_from_double(switch_interval);
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

static const MethodDef sys_methods[] = {
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

static int add_version_info(Obj *mod) {
    Obj *vi = tuple_new(5);
    if (!vi) return -1;
    TUPLE_SET_STEAL(vi, 0, MAKE_SMALL(3));
    TUPLE_SET_STEAL(vi, 1, MAKE_SMALL(11));
    TUPLE_SET_STEAL(vi, 2, MAKE_SMALL(0));
    TUPLE_SET_STEAL(vi, 3, str_from_cstr("final"));
    TUPLE_SET_STEAL(vi, 4, MAKE_SMALL(0));
    if (!TUPLE_GET(vi, 3)) { DECREF(vi); return -1; }
    if (add_owned(mod, "version_info", vi) < 0) return -1;
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
