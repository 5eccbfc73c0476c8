/* weakref.c: weak references (weakref.ref / _weakref): each referent keeps a doubly linked
 * list of its weakrefs in its weaklist slot; the list is cleared when the referent dies
 * (gc_untrack at refcount zero, i.e. in its dealloc: see vm/gc.c) or when the cycle
 * collector finds it unreachable (before finalizers, as CPython 3.11). */
#include <stdlib.h>
#include <string.h>
#include "vm.h"
#include "gc.h"
#include "names.h"
#include "weakref.h"
#include "modules.h"

static inline WeakRefObj *WR(Obj *o) { return (WeakRefObj *)o; }

/* Unlink from the referent's list; the referent is forgotten. */
static void unlink_ref(WeakRefObj *w) {
    if (w->object) {
        Obj **slot = weakref_slot(w->object);
        if (w->wr_prev) w->wr_prev->wr_next = w->wr_next;
        else if (slot && *slot == (Obj *)w) *slot = (Obj *)w->wr_next;
        if (w->wr_next) w->wr_next->wr_prev = w->wr_prev;
    }
    w->object = NULL;
    w->wr_prev = w->wr_next = NULL;
}

void weakref_unlink(Obj *wr) { unlink_ref(WR(wr)); }

void weakref_call_callback(Obj *wr) {
    Obj *cb = WR(wr)->callback;
    WR(wr)->callback = NULL;
    if (!cb) return;
    Obj *saved = err_fetch();
    Obj *r = obj_call1(cb, wr);
    if (!r) err_write_unraisable(cb);
    else DECREF(r);
    DECREF(cb);
    err_restore(saved);
}

/* Contract: weakref.h. As CPython's PyObject_ClearWeakRefs: every ref is cleared first, then
 * the callbacks run (each with its dead weakref). */
void weakref_clear_all(Obj *o) {
    Obj **slot = weakref_slot(o);
    if (!slot || !*slot) return;
    Obj *small[8];
    Obj **pending = small;
    size_t n = 0, cap = 8;
    while (*slot) {
        WeakRefObj *w = WR(*slot);
        unlink_ref(w);
        if (w->callback && w->ob.refcnt > 0) {
            if (n == cap) {
                Obj **bigger = malloc(cap * 2 * sizeof(Obj *));
                if (!bigger) { CLEAR(w->callback); continue; }
                memcpy(bigger, pending, n * sizeof(Obj *));
                if (pending != small) free(pending);
                pending = bigger;
                cap *= 2;
            }
            INCREF((Obj *)w);
            pending[n++] = (Obj *)w;
        } else {
            CLEAR(w->callback);
        }
    }
    for (size_t i = 0; i < n; i++) {
        weakref_call_callback(pending[i]);
        DECREF(pending[i]);
    }
    if (pending != small) free(pending);
}

int weakref_clear_for_gc(Obj *o, Obj *pending, bool (*keep)(Obj *wr)) {
    Obj **slot = weakref_slot(o);
    int rc = 0;
    while (slot && *slot) {
        WeakRefObj *w = WR(*slot);
        unlink_ref(w);
        if (w->callback && keep((Obj *)w) && list_append(pending, (Obj *)w) < 0) rc = -1;
    }
    return rc;
}

/* ---- the type ---- */
static Obj *weakref_tp_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (type == &Type_weakref && kwnames && TUPLE_SIZE(kwnames))
        return err_set_str(Exc_TypeError, "ref() takes no keyword arguments");
    if (nargs < 1) return err_format(Exc_TypeError, "__new__ expected at least 1 argument, got %zu", nargs);
    if (nargs > 2 && type == &Type_weakref)
        return err_format(Exc_TypeError, "__new__ expected at most 2 arguments, got %zu", nargs);
    Obj *ob = args[0], *cb = nargs > 1 ? args[1] : NULL;
    if (cb == V_None) cb = NULL;
    Obj **slot = weakref_slot(ob);
    if (!slot)
        return err_format(Exc_TypeError, "cannot create weak reference to '%s' object", TYPE(ob)->name);
    /* ref(o) without a callback is shared, as CPython's basic ref */
    if (!cb && type == &Type_weakref && *slot && TYPE(*slot) == &Type_weakref && !WR(*slot)->callback)
        return NEWREF(*slot);
    Obj *o = type == &Type_weakref ? gc_alloc(type, sizeof(WeakRefObj)) : type_generic_alloc(type, 0);
    if (!o) return NULL;
    WeakRefObj *w = WR(o);
    w->object = ob;
    w->callback = cb ? NEWREF(cb) : NULL;
    w->hash = -1;
    /* basic refs go first in the list, so the sharing above finds them */
    w->wr_prev = NULL;
    w->wr_next = (WeakRefObj *)*slot;
    if (w->wr_next) w->wr_next->wr_prev = w;
    *slot = o;
    gc_track(o);
    return o;
}

static int weakref_tp_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return 0;   /* everything happened in __new__ (subclasses may take extra arguments) */
}

static void weakref_dealloc(Obj *o) {
    if (gc_is_tracked(o)) gc_untrack(o);
    unlink_ref(WR(o));
    CLEAR(WR(o)->callback);
    obj_free(o);
}

static int weakref_traverse(Obj *o, visitproc visit, void *arg) {
    Obj *cb = WR(o)->callback;
    if (cb && !IS_SMALL(cb)) return visit(cb, arg);
    return 0;
}

static int weakref_tp_clear(Obj *o) {
    unlink_ref(WR(o));
    CLEAR(WR(o)->callback);
    return 0;
}

static Obj *weakref_call(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if ((kwnames && TUPLE_SIZE(kwnames)) || nargs)
        return err_format(Exc_TypeError, "weakref() takes no arguments (%zu given)",
                          nargs + (kwnames ? TUPLE_SIZE(kwnames) : 0));
    Obj *ob = WR(self)->object;
    if (!ob || ob->refcnt == 0) RETURN_NONE;
    return NEWREF(ob);
}

static intptr_t weakref_hash(Obj *self) {
    WeakRefObj *w = WR(self);
    if (w->hash != -1) return w->hash;
    if (!w->object) { err_set_str(Exc_TypeError, "weak object has gone away"); return -1; }
    w->hash = obj_hash(w->object);
    return w->hash;
}

static Obj *weakref_richcompare(Obj *a, Obj *b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || !type_is_subtype(TYPE(b), &Type_weakref))
        return NEWREF(V_NotImplemented);
    Obj *x = WR(a)->object, *y = WR(b)->object;
    if (!x || !y) {
        bool same = a == b;
        return NEWREF(bool_from(op == CMP_EQ ? same : !same));
    }
    INCREF(x);
    INCREF(y);
    Obj *r = obj_richcompare(x, y, op);
    DECREF(x);
    DECREF(y);
    return r;
}

static Obj *weakref_repr(Obj *self) {
    Obj *ob = WR(self)->object;
    if (!ob) return str_from_format("<weakref at %p; dead>", (void *)self);
    INCREF(ob);
    Obj *name = obj_getattr_opt(ob, NAME(__name__));
    Obj *r;
    if (!name && err_occurred()) err_clear();
    if (name && STR_CHECK(name))
        r = str_from_format("<weakref at %p; to '%s' at %p (%U)>", (void *)self, TYPE(ob)->name,
                            (void *)ob, name);
    else
        r = str_from_format("<weakref at %p; to '%s' at %p>", (void *)self, TYPE(ob)->name, (void *)ob);
    XDECREF(name);
    DECREF(ob);
    return r;
}

static Obj *weakref_get_callback(Obj *self) {
    Obj *cb = WR(self)->callback;
    return NEWREF(cb ? cb : V_None);
}

static const GetSetDef weakref_getset[] = {
    {"__callback__", weakref_get_callback, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static Obj *weakref_class_getitem(Obj *cls, Obj *const *args, size_t nargs, Obj *kw) {
    return NEWREF(cls);
}

static const MethodDef weakref_methods[] = {
    {"__class_getitem__", weakref_class_getitem, METH_O | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_weakref = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "weakref.ReferenceType",
    .basicsize = sizeof(WeakRefObj),
    .flags = TPFLAG_HAVE_GC | TPFLAG_BASETYPE,
    .dealloc = weakref_dealloc,
    .traverse = weakref_traverse,
    .clear = weakref_tp_clear,
    .new = weakref_tp_new,
    .init = weakref_tp_init,
    .call = weakref_call,
    .hash = weakref_hash,
    .richcompare = weakref_richcompare,
    .repr = weakref_repr,
    .getset = weakref_getset,
    .methods = weakref_methods,
};

/* ---- the _weakref module ---- */
static Obj *wr_getweakrefcount(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj **slot = weakref_slot(args[0]);
    int64_t n = 0;
    for (WeakRefObj *w = slot ? WR(*slot) : NULL; w; w = w->wr_next) n++;
    return int_from_i64(n);
}

static Obj *wr_getweakrefs(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *res = list_new(0);
    Obj **slot = weakref_slot(args[0]);
    for (WeakRefObj *w = slot ? WR(*slot) : NULL; res && w; w = w->wr_next)
        if (list_append(res, (Obj *)w) < 0) { DECREF(res); return NULL; }
    return res;
}

static const MethodDef weakref_module_methods[] = {
    {"getweakrefcount", wr_getweakrefcount, METH_O, NULL},
    {"getweakrefs", wr_getweakrefs, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

Obj *modinit__weakref(void) {
    if (!(Type_weakref.flags & TPFLAG_READY) && type_ready(&Type_weakref) < 0) return NULL;
    Obj *mod = module_new("_weakref");
    if (!mod) return NULL;
    if (module_add_methods(mod, weakref_module_methods) < 0 ||
        module_add_object(mod, "ref", (Obj *)&Type_weakref) < 0 ||
        module_add_object(mod, "ReferenceType", (Obj *)&Type_weakref) < 0) {
        DECREF(mod);
        return NULL;
    }
    return mod;
}
