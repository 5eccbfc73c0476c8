/* vitrinemodule.c: _vitrine, the C half of the `vitrine` module (stdlib/lib/vitrine.py):
 * switching trace kinds on and off at run time and marking objects to watch. */
#include <string.h>
#include "vm.h"
#include "trace.h"
#include "trace_refs.h"
#include "modules.h"

/* kind_from_name flag: "attr:all", attr tracing with built-in types included. */
#define KIND_ALL 0x100

static int kind_from_name(Obj *name) {
    if (!STR_CHECK(name)) {
        err_format(Exc_TypeError, "trace kind must be str, not %T", name);
        return -1;
    }
    for (int k = 0; k < TRACE__COUNT; k++)
        if (strcmp(trace_kind_name(k), STR_DATA(name)) == 0) return k;
    if (strcmp(STR_DATA(name), "attr:all") == 0) return TRACE_ATTR | KIND_ALL;
    err_format(Exc_ValueError, "unknown trace kind %R", name);
    return -1;
}

/* Switch kind on or off; "attr:all" (KIND_ALL) also reports built-in types while on. */
static void set_kind(int kind, int on) {
    if (kind & KIND_ALL) trace_attr_all = on;
    kind &= ~KIND_ALL;
    if (kind == TRACE_ATTR && !on) trace_attr_all = 0;
    if (kind == TRACE_ATTR && on && (trace_mask >> TRACE_ATTR) & 1u) {
        type_attr_trace_switched();   /* already on: the set of traced types may have changed */
    }
    trace_set(kind, on);
}

/* _vitrine.set_trace(kind, on) -> previous state */
static Obj *vt_set_trace(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("set_trace", nargs, kw, 2, 2) < 0) return NULL;
    int kind = kind_from_name(args[0]);
    if (kind < 0) return NULL;
    int on = obj_is_true(args[1]);
    if (on < 0) return NULL;
    bool was = (trace_mask >> (kind & ~KIND_ALL)) & 1u;
    set_kind(kind, on);
    RETURN_BOOL(was);
}

/* enable(*kinds) / disable(*kinds): in C so that switching adds no traced Python lines. */
static Obj *switch_kinds(Obj *const *args, size_t nargs, int on) {
    for (size_t i = 0; i < nargs; i++) {
        int kind = kind_from_name(args[i]);
        if (kind < 0) return NULL;
        set_kind(kind, on);
    }
    RETURN_NONE;
}

static Obj *vt_enable(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { return switch_kinds(args, nargs, 1); }
static Obj *vt_disable(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { return switch_kinds(args, nargs, 0); }

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

/* _vitrine.watch(obj, name=None): refcount changes of obj are reported under --trace=refs,
 * labelled `name` (default: the type name). */
static Obj *vt_watch(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("watch", nargs, kw, 1, 2) < 0) return NULL;
    Obj *o = args[0];
    if (IS_SMALL(o) || (o->flags & OBJ_FLAG_IMMORTAL))
        return err_format(Exc_TypeError, "cannot watch immortal object of type '%T'", o);
    const char *name = NULL;
    if (nargs == 2 && args[1] != V_None) {
        if (!STR_CHECK(args[1])) return err_format(Exc_TypeError, "watch() name must be str, not %T", args[1]);
        name = str_cstr(args[1]);
    }
    if (trace_refs_watch(o, name) < 0) return NULL;
    RETURN_NONE;
}

static Obj *vt_unwatch(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *o = args[0];
    if (!IS_SMALL(o)) trace_refs_unwatch(o);
    RETURN_NONE;
}

static Obj *vt_refcount(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *o = args[0];
    if (IS_SMALL(o)) RETURN_NONE;
    return int_from_i64(o->refcnt);
}

/* _vitrine.trace("call", "line,gc"): a context manager written in C, so that entering and
 * leaving it runs no Python code that would itself show up in the trace. */
typedef struct TraceBlock {
    Obj ob;
    uint32_t kinds;      /* bits to switch on */
    uint32_t previous;   /* their state before __enter__ */
    bool attr_all;       /* "attr:all" was asked for */
    bool previous_all;   /* trace_attr_all before __enter__ */
} TraceBlock;

static Type Type_TraceBlock;

static Obj *traceblock_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) return err_set_str(Exc_TypeError, "trace() takes no keyword arguments");
    uint32_t kinds = 0;
    bool all = false;
    for (size_t i = 0; i < nargs; i++) {
        if (!STR_CHECK(args[i])) return err_format(Exc_TypeError, "trace kind must be str, not %T", args[i]);
        if (trace_parse_spec(STR_DATA(args[i]), &kinds, &all) < 0)
            return err_format(Exc_ValueError, "unknown trace kind %R", args[i]);
    }
    TraceBlock *tb = (TraceBlock *)obj_alloc(type, sizeof(TraceBlock));
    if (!tb) return NULL;
    tb->kinds = kinds;
    tb->attr_all = all;
    return (Obj *)tb;
}

static Obj *traceblock_enter(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    TraceBlock *tb = (TraceBlock *)self;
    tb->previous = trace_mask & tb->kinds;
    tb->previous_all = trace_attr_all;
    if (tb->attr_all) {
        trace_attr_all = 1;
        if (tb->previous & (1u << TRACE_ATTR)) type_attr_trace_switched();
    }
    for (int k = 0; k < TRACE__COUNT; k++)
        if (tb->kinds & (1u << k)) trace_set(k, 1);
    return NEWREF(self);
}

static Obj *traceblock_exit(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    TraceBlock *tb = (TraceBlock *)self;
    for (int k = 0; k < TRACE__COUNT; k++)
        if (tb->kinds & (1u << k)) trace_set(k, (tb->previous >> k) & 1u);
    if (tb->attr_all && trace_attr_all != tb->previous_all) {
        trace_attr_all = tb->previous_all;
        if ((trace_mask >> TRACE_ATTR) & 1u) type_attr_trace_switched();
    }
    RETURN_BOOL(0);
}

static const MethodDef traceblock_methods[] = {
    {"__enter__", traceblock_enter, METH_NOARGS, NULL},
    {"__exit__", traceblock_exit, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static Type Type_TraceBlock = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "vitrine.trace",
    .basicsize = sizeof(TraceBlock),
    .flags = 0,
    .dealloc = obj_free,
    .new = traceblock_new,
    .methods = traceblock_methods,
    .doc = "trace(*kinds): switch trace kinds on inside a with block.",
};

/* _vitrine.trace_emit(kind, text): emit one event line from Python code (asyncio's task
 * steps), only if that kind is on. */
static Obj *vt_trace_emit(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("trace_emit", nargs, kw, 2, 2) < 0) return NULL;
    int kind = kind_from_name(args[0]);
    if (kind < 0) return NULL;
    if (!STR_CHECK(args[1])) return err_format(Exc_TypeError, "trace text must be str, not %T", args[1]);
    kind &= ~KIND_ALL;
    if ((trace_mask >> kind) & 1u) trace_emitf(kind, "%s", STR_DATA(args[1]));
    RETURN_NONE;
}

/* _vitrine.is_on(kind): cheap test so Python emitters skip formatting when the kind is off. */
static Obj *vt_is_on(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    int kind = kind_from_name(args[0]);
    if (kind < 0) return NULL;
    RETURN_BOOL((trace_mask >> (kind & ~KIND_ALL)) & 1u);
}

static const MethodDef vitrine_methods[] = {
    {"set_trace", vt_set_trace, METH_VARARGS, "Switch a trace kind on or off; returns the old state."},
    {"enable", vt_enable, METH_VARARGS, "Switch trace kinds on."},
    {"disable", vt_disable, METH_VARARGS, "Switch trace kinds off."},
    {"kinds", vt_kinds, METH_NOARGS, "All trace kinds."},
    {"enabled", vt_enabled, METH_NOARGS, "The trace kinds currently on."},
    {"watch", vt_watch, METH_VARARGS, "Report this object's reference-count changes (--trace=refs)."},
    {"unwatch", vt_unwatch, METH_O, "Stop watching an object."},
    {"refcount", vt_refcount, METH_O, "The object's current reference count."},
    {"is_on", vt_is_on, METH_O, "True if this trace kind is on."},
    {"trace_emit", vt_trace_emit, METH_VARARGS, "Emit one trace line of a kind if it is on."},
    {NULL, NULL, 0, NULL},
};

Obj *modinit__vitrine(void) {
    Obj *mod = module_new("_vitrine");
    if (!mod) return NULL;
    if (type_ready(&Type_TraceBlock) < 0 || module_add_methods(mod, vitrine_methods) < 0 ||
        module_add_object(mod, "trace", (Obj *)&Type_TraceBlock) < 0) {
        DECREF(mod);
        return NULL;
    }
    return mod;
}
