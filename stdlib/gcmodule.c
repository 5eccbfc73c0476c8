/* gcmodule.c: the gc module's interface to vm/gc.c: enabling, collecting, counters and
 * thresholds, tracking queries. (The full CPython 3.11 API arrives with the collector.) */
#include "vm.h"
#include "gc.h"
#include "modules.h"

static Obj *gc_enable(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { gc_enabled = true; RETURN_NONE; }
static Obj *gc_disable(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { gc_enabled = false; RETURN_NONE; }
static Obj *gc_isenabled(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { RETURN_BOOL(gc_enabled); }

static Obj *gcmod_collect(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    static const char *const names[] = {"generation"};
    Obj *gen_obj = NULL;
    if (args_parse("collect", args, nargs, kw, names, 1, 0, 1, &gen_obj) < 0) return NULL;
    int64_t gen = 2;
    if (gen_obj) {
        gen = int_as_i64(gen_obj);
        if (gen == -1 && err_occurred()) return NULL;
    }
    if (gen < 0 || gen > 2) return err_set_str(Exc_ValueError, "invalid generation");
    intptr_t n = gc_collect((int)gen);
    if (n < 0) return NULL;
    return int_from_i64(n);
}

static Obj *gc_get_count_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return tuple_pack(3, MAKE_SMALL(gc_get_count(0)), MAKE_SMALL(gc_get_count(1)),
                      MAKE_SMALL(gc_get_count(2)));
}

static Obj *gc_get_threshold_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return tuple_pack(3, MAKE_SMALL(gc_get_threshold(0)), MAKE_SMALL(gc_get_threshold(1)),
                      MAKE_SMALL(gc_get_threshold(2)));
}

static Obj *gc_set_threshold_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("set_threshold", nargs, kw, 1, 3) < 0) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        int64_t v = int_as_i64(args[i]);
        if (v == -1 && err_occurred()) return NULL;
        gc_set_threshold((int)i, (int)v);
    }
    RETURN_NONE;
}

static Obj *gc_is_tracked_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *o = args[0];
    RETURN_BOOL(!IS_SMALL(o) && gc_is_tracked(o));
}

static const MethodDef gc_methods[] = {
    {"enable", gc_enable, METH_NOARGS, NULL},
    {"disable", gc_disable, METH_NOARGS, NULL},
    {"isenabled", gc_isenabled, METH_NOARGS, NULL},
    {"collect", gcmod_collect, METH_KEYWORDS, NULL},
    {"get_count", gc_get_count_py, METH_NOARGS, NULL},
    {"get_threshold", gc_get_threshold_py, METH_NOARGS, NULL},
    {"set_threshold", gc_set_threshold_py, METH_VARARGS, NULL},
    {"is_tracked", gc_is_tracked_py, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

Obj *modinit_gc(void) {
    Obj *mod = module_new("gc");
    if (!mod) return NULL;
    if (module_add_methods(mod, gc_methods) < 0) { DECREF(mod); return NULL; }
    return mod;
}
