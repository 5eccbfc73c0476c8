/* gcmodule.c: the gc module (CPython 3.11's API) over the collector in vm/gc.c and
 * vm/gc_collect.c: enabling, collecting, counters and thresholds, statistics, callbacks,
 * debug flags, object queries (get_objects, get_referrers, get_referents) and freezing. */
#include "vm.h"
#include "gc_internal.h"
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
        gen = obj_as_index_i64(gen_obj, Exc_OverflowError);
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
    if (kw && TUPLE_SIZE(kw))
        return err_set_str(Exc_TypeError, "set_threshold() takes no keyword arguments");
    if (nargs < 1)
        return err_format(Exc_TypeError, "set_threshold() takes at least 1 argument (%zu given)", nargs);
    if (nargs > 3)
        return err_format(Exc_TypeError, "set_threshold() takes at most 3 arguments (%zu given)", nargs);
    int vals[3];
    for (size_t i = 0; i < nargs; i++) {
        int64_t v = obj_as_index_i64(args[i], Exc_OverflowError);
        if (v == -1 && err_occurred()) return NULL;
        if (v > INT32_MAX || v < INT32_MIN)
            return err_set_str(Exc_OverflowError, v > 0 ? "signed integer is greater than maximum"
                                                        : "signed integer is less than minimum");
        vals[i] = (int)v;
    }
    for (size_t i = 0; i < nargs; i++) gc_set_threshold((int)i, vals[i]);
    RETURN_NONE;
}

static Obj *gc_get_stats_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *res = list_new(0);
    if (!res) return NULL;
    for (int i = 0; i < GC_NUM_GENERATIONS; i++) {
        GCGenStats *st = &gc_state.stats[i];
        Obj *d = dict_new();
        if (!d) goto fail;
        Obj *a = int_from_i64(st->collections), *b = int_from_i64(st->collected),
            *c = int_from_i64(st->uncollectable);
        int bad = !a || !b || !c || dict_set_cstr(d, "collections", a) < 0 ||
                  dict_set_cstr(d, "collected", b) < 0 || dict_set_cstr(d, "uncollectable", c) < 0 ||
                  list_append(res, d) < 0;
        XDECREF(a); XDECREF(b); XDECREF(c);
        DECREF(d);
        if (bad) goto fail;
    }
    return res;
fail:
    DECREF(res);
    return NULL;
}

static Obj *gc_is_tracked_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *o = args[0];
    RETURN_BOOL(!IS_SMALL(o) && gc_is_tracked(o));
}

static Obj *gc_is_finalized_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *o = args[0];
    RETURN_BOOL(!IS_SMALL(o) && (o->flags & OBJ_FLAG_GC) && (o->flags & OBJ_FLAG_FINALIZED));
}

/* ---- object queries ---- */
static int append_obj(Obj *o, void *arg) {
    Obj *list = arg;
    if (o == list) return 0;   /* the result list itself is not reported */
    return list_append(list, o);
}

static Obj *gc_get_objects_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    static const char *const names[] = {"generation"};
    Obj *gen_obj = NULL;
    if (args_parse("get_objects", args, nargs, kw, names, 1, 0, 1, &gen_obj) < 0) return NULL;
    int64_t gen = -1;
    if (gen_obj && gen_obj != V_None) {
        gen = obj_as_index_i64(gen_obj, Exc_OverflowError);
        if (gen == -1 && err_occurred()) return NULL;
        if (gen >= GC_NUM_GENERATIONS)
            return err_format(Exc_ValueError, "generation parameter must be less than the number "
                              "of available generations (%i)", GC_NUM_GENERATIONS);
    }
    gc_init();
    Obj *res = list_new(0);
    if (!res) return NULL;
    for (int i = 0; i < GC_NUM_GENERATIONS; i++) {
        if (gen >= 0 && i != gen) continue;
        if (gc_list_foreach(&gc_state.gens[i].head, append_obj, res) < 0) { DECREF(res); return NULL; }
    }
    return res;
}

typedef struct { Obj *const *objs; size_t n; } TargetSet;
static int visit_is_target(Obj *op, void *arg) {
    TargetSet *t = arg;
    if (!op || IS_SMALL(op)) return 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->objs[i] == op) return 1;
    return 0;
}

typedef struct { TargetSet targets; Obj *result; } ReferrersArg;
static int collect_referrer(Obj *o, void *arg) {
    ReferrersArg *ra = arg;
    if (o == ra->result) return 0;
    traverseproc tr = TYPE(o)->traverse;
    if (tr && tr(o, visit_is_target, &ra->targets) == 1) return list_append(ra->result, o);
    return 0;
}

static Obj *gc_get_referrers_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    gc_init();
    ReferrersArg ra = {{args, nargs}, list_new(0)};
    if (!ra.result) return NULL;
    for (int i = 0; i < GC_NUM_GENERATIONS; i++)
        if (gc_list_foreach(&gc_state.gens[i].head, collect_referrer, &ra) < 0) {
            DECREF(ra.result);
            return NULL;
        }
    return ra.result;
}

static int visit_append(Obj *op, void *arg) {
    if (!op) return 0;   /* (small ints are objects to Python: CPython reports them too) */
    return list_append(arg, op) < 0 ? -1 : 0;
}

static Obj *gc_get_referents_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *res = list_new(0);
    if (!res) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        Obj *o = args[i];
        if (IS_SMALL(o) || !(o->flags & OBJ_FLAG_GC)) continue;
        traverseproc tr = TYPE(o)->traverse;
        if (tr && tr(o, visit_append, res) < 0) { DECREF(res); return NULL; }
    }
    return res;
}

/* ---- debug flags, freezing ---- */
static Obj *gc_set_debug_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    int64_t v = obj_as_index_i64(args[0], Exc_OverflowError);
    if (v == -1 && err_occurred()) return NULL;
    gc_state.debug = (int)v;
    RETURN_NONE;
}

static Obj *gc_get_debug_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return MAKE_SMALL(gc_state.debug);
}

static Obj *gc_freeze_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { gc_freeze(); RETURN_NONE; }
static Obj *gc_unfreeze_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { gc_unfreeze(); RETURN_NONE; }
static Obj *gc_get_freeze_count_py(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    gc_init();
    return int_from_i64(gc_list_size(&gc_state.permanent));
}

static const MethodDef gc_methods[] = {
    {"enable", gc_enable, METH_NOARGS, NULL},
    {"disable", gc_disable, METH_NOARGS, NULL},
    {"isenabled", gc_isenabled, METH_NOARGS, NULL},
    {"collect", gcmod_collect, METH_KEYWORDS, NULL},
    {"get_count", gc_get_count_py, METH_NOARGS, NULL},
    {"get_threshold", gc_get_threshold_py, METH_NOARGS, NULL},
    {"set_threshold", gc_set_threshold_py, METH_VARARGS, NULL},
    {"get_stats", gc_get_stats_py, METH_NOARGS, NULL},
    {"is_tracked", gc_is_tracked_py, METH_O, NULL},
    {"is_finalized", gc_is_finalized_py, METH_O, NULL},
    {"get_objects", gc_get_objects_py, METH_KEYWORDS, NULL},
    {"get_referrers", gc_get_referrers_py, METH_VARARGS, NULL},
    {"get_referents", gc_get_referents_py, METH_VARARGS, NULL},
    {"set_debug", gc_set_debug_py, METH_O, NULL},
    {"get_debug", gc_get_debug_py, METH_NOARGS, NULL},
    {"freeze", gc_freeze_py, METH_NOARGS, NULL},
    {"unfreeze", gc_unfreeze_py, METH_NOARGS, NULL},
    {"get_freeze_count", gc_get_freeze_count_py, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Obj *modinit_gc(void) {
    Obj *mod = module_new("gc");
    if (!mod) return NULL;
    if (module_add_methods(mod, gc_methods) < 0) goto fail;
    /* gc.garbage and gc.callbacks are the collector's own lists (shared, as in CPython) */
    if (!gc_state.garbage && !(gc_state.garbage = list_new(0))) goto fail;
    if (!gc_state.callbacks && !(gc_state.callbacks = list_new(0))) goto fail;
    if (module_add_object(mod, "garbage", gc_state.garbage) < 0 ||
        module_add_object(mod, "callbacks", gc_state.callbacks) < 0) goto fail;
    static const struct { const char *name; int value; } flags[] = {
        {"DEBUG_STATS", GC_DEBUG_STATS}, {"DEBUG_COLLECTABLE", GC_DEBUG_COLLECTABLE},
        {"DEBUG_UNCOLLECTABLE", GC_DEBUG_UNCOLLECTABLE}, {"DEBUG_SAVEALL", GC_DEBUG_SAVEALL},
        {"DEBUG_LEAK", GC_DEBUG_LEAK},
    };
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        if (module_add_int(mod, flags[i].name, flags[i].value) < 0) goto fail;
    return mod;
fail:
    DECREF(mod);
    return NULL;
}
