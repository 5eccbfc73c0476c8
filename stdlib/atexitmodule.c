/* atexitmodule.c: functions to run at interpreter exit, last registered first. */
#include "vm.h"
#include "modules.h"

static Obj *exit_funcs;   /* list of (func, args tuple, kwargs dict or None) */

static Obj *atexit_register(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (nargs < 1) return err_set_str(Exc_TypeError, "register() takes at least 1 argument (0 given)");
    if (!obj_is_callable(args[0])) return err_set_str(Exc_TypeError, "the first argument must be callable");
    if (!exit_funcs && !(exit_funcs = list_new(0))) return NULL;
    Obj *pos = tuple_from_array(args + 1, nargs - 1);
    Obj *kw = NULL;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    if (pos && nkw) {
        kw = dict_new();
        for (size_t i = 0; kw && i < nkw; i++)
            if (dict_set(kw, TUPLE_GET(kwnames, i), args[nargs + i]) < 0) CLEAR(kw);
    }
    Obj *entry = pos && (kw || !nkw) ? tuple_pack(3, args[0], pos, kw ? kw : V_None) : NULL;
    XDECREF(pos);
    XDECREF(kw);
    if (!entry || list_append_steal(exit_funcs, entry) < 0) return NULL;
    return NEWREF(args[0]);
}

static Obj *atexit_unregister(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (!exit_funcs) RETURN_NONE;
    Obj *keep = list_new(0);
    if (!keep) return NULL;
    for (size_t i = 0; i < LIST_SIZE(exit_funcs); i++) {
        Obj *entry = LIST_GET(exit_funcs, i);
        int eq = obj_eq(TUPLE_GET(entry, 0), args[0]);
        if (eq < 0 || (!eq && list_append(keep, entry) < 0)) { DECREF(keep); return NULL; }
    }
    SETREF(exit_funcs, keep);
    RETURN_NONE;
}

int vm_run_atexit(void) {
    if (!exit_funcs) return 0;
    Obj *funcs = exit_funcs;
    exit_funcs = NULL;
    for (size_t i = LIST_SIZE(funcs); i-- > 0;) {
        Obj *entry = LIST_GET(funcs, i);
        Obj *kw = TUPLE_GET(entry, 2);
        Obj *r = obj_call_tuple_dict(TUPLE_GET(entry, 0), TUPLE_GET(entry, 1), kw == V_None ? NULL : kw);
        if (r) { DECREF(r); continue; }
        if (err_matches(Exc_SystemExit)) { err_clear(); continue; }
        Obj *exc = err_fetch();
        fprintf(stderr, "Exception ignored in atexit callback: ");
        Obj *fr = obj_repr(TUPLE_GET(entry, 0));
        fprintf(stderr, "%s\n", fr ? STR_DATA(fr) : "?");
        XDECREF(fr);
        if (!fr) err_clear();
        exc_print_to(exc, V_None);
        DECREF(exc);
    }
    DECREF(funcs);
    return 0;
}

static Obj *atexit_run(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    vm_run_atexit();
    RETURN_NONE;
}

static Obj *atexit_ncallbacks(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return int_from_i64(exit_funcs ? (int64_t)LIST_SIZE(exit_funcs) : 0);
}

static const MethodDef atexit_methods[] = {
    {"register", atexit_register, METH_KEYWORDS, NULL},
    {"unregister", atexit_unregister, METH_O, NULL},
    {"_run_exitfuncs", atexit_run, METH_NOARGS, NULL},
    {"_ncallbacks", atexit_ncallbacks, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Obj *modinit_atexit(void) {
    Obj *mod = module_new("atexit");
    if (!mod) return NULL;
    if (module_add_methods(mod, atexit_methods) < 0) { DECREF(mod); return NULL; }
    return mod;
}
