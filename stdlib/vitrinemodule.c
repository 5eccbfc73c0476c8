/* vitrinemodule.c: _vitrine, the C half of the `vitrine` module (stdlib/lib/vitrine.py):
 * switching trace kinds on and off at run time and marking objects to watch. */
#include <string.h>
#include "vm.h"
#include "trace.h"
#include "modules.h"

static int kind_from_name(Obj *name) {
    if (!STR_CHECK(name)) {
        err_format(Exc_TypeError, "trace kind must be str, not %T", name);
        return -1;
    }
    for (int k = 0; k < TRACE__COUNT; k++)
        if (strcmp(trace_kind_name(k), STR_DATA(name)) == 0) return k;
    err_format(Exc_ValueError, "unknown trace kind %R", name);
    return -1;
}

/* _vitrine.set_trace(kind, on) -> previous state */
static Obj *vt_set_trace(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("set_trace", nargs, kw, 2, 2) < 0) return NULL;
    int kind = kind_from_name(args[0]);
    if (kind < 0) return NULL;
    int on = obj_is_true(args[1]);
    if (on < 0) return NULL;
    bool was = (trace_mask >> kind) & 1u;
    trace_set(kind, on);
    RETURN_BOOL(was);
}

static Obj *vt_kinds(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *list = list_new(0);
    for (int k = 0; list && k < TRACE__COUNT; k++) {
        Obj *s = str_from_cstr(trace_kind_name(k));
        if (!s || list_append_steal(list, s) < 0) CLEAR(list);
    }
    return list;
}

static Obj *vt_enabled(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *list = list_new(0);
    for (int k = 0; list && k < TRACE__COUNT; k++) {
        if (!((trace_mask >> k) & 1u)) continue;
        Obj *s = str_from_cstr(trace_kind_name(k));
        if (!s || list_append_steal(list, s) < 0) CLEAR(list);
    }
    return list;
}

/* _vitrine.watch(obj): refcount changes of obj are reported under --trace=refs. */
static Obj *vt_watch(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *o = args[0];
    if (IS_SMALL(o) || (o->flags & OBJ_FLAG_IMMORTAL))
        return err_format(Exc_TypeError, "cannot watch immortal object of type '%T'", o);
    o->flags |= OBJ_FLAG_WATCHED;
    RETURN_NONE;
}

static Obj *vt_unwatch(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *o = args[0];
    if (!IS_SMALL(o)) o->flags &= ~(uint32_t)OBJ_FLAG_WATCHED;
    RETURN_NONE;
}

static Obj *vt_refcount(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *o = args[0];
    if (IS_SMALL(o)) RETURN_NONE;
    return int_from_i64(o->refcnt);
}

static const MethodDef vitrine_methods[] = {
    {"set_trace", vt_set_trace, METH_VARARGS, "Switch a trace kind on or off; returns the old state."},
    {"kinds", vt_kinds, METH_NOARGS, "All trace kinds."},
    {"enabled", vt_enabled, METH_NOARGS, "The trace kinds currently on."},
    {"watch", vt_watch, METH_O, "Report this object's reference-count changes (--trace=refs)."},
    {"unwatch", vt_unwatch, METH_O, "Stop watching an object."},
    {"refcount", vt_refcount, METH_O, "The object's current reference count."},
    {NULL, NULL, 0, NULL},
};

Obj *modinit__vitrine(void) {
    Obj *mod = module_new("_vitrine");
    if (!mod) return NULL;
    if (module_add_methods(mod, vitrine_methods) < 0) { DECREF(mod); return NULL; }
    return mod;
}
