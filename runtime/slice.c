/* slice.c: slice objects and the index resolution every sequence uses (PySlice_GetIndicesEx). */
#include "dict.h"
#include "gc.h"
#include "vm.h"

Obj *slice_new(Obj *start, Obj *stop, Obj *step) {
    SliceObj *s = (SliceObj *)gc_alloc(&Type_slice, sizeof(SliceObj));
    if (!s) return NULL;
    s->start = NEWREF(start ? start : V_None);
    s->stop = NEWREF(stop ? stop : V_None);
    s->step = NEWREF(step ? step : V_None);
    gc_track((Obj *)s);
    return (Obj *)s;
}

/* A slice bound as intptr_t, clamping huge ints as CPython's _PyEval_SliceIndex does. */
static int slice_index(Obj *v, intptr_t *out) {
    if (IS_SMALL(v)) {
        int64_t x = SMALL_VALUE(v);
        *out = (intptr_t)x;
        return 0;
    }
    if (!TYPE(v)->index) {
        err_set_str(Exc_TypeError, "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    Obj *i = obj_index(v);
    if (!i) return -1;
    if (IS_SMALL(i)) *out = (intptr_t)SMALL_VALUE(i);
    else *out = int_sign(i) < 0 ? INTPTR_MIN : INTPTR_MAX;
    DECREF(i);
    return 0;
}

/* Unpack + adjust: CPython's PySlice_Unpack and PySlice_AdjustIndices. */
intptr_t slice_indices(Obj *slice, intptr_t length, intptr_t *start, intptr_t *stop, intptr_t *step) {
    SliceObj *s = (SliceObj *)slice;
    if (s->step == V_None) *step = 1;
    else {
        if (slice_index(s->step, step) < 0) return -1;
        if (*step == 0) { err_set_str(Exc_ValueError, "slice step cannot be zero"); return -1; }
        if (*step < -INTPTR_MAX) *step = -INTPTR_MAX;
    }
    if (s->start == V_None) *start = *step < 0 ? INTPTR_MAX : 0;
    else if (slice_index(s->start, start) < 0) return -1;
    if (s->stop == V_None) *stop = *step < 0 ? INTPTR_MIN : INTPTR_MAX;
    else if (slice_index(s->stop, stop) < 0) return -1;

    if (*start < 0) {
        *start += length;
        if (*start < 0) *start = *step < 0 ? -1 : 0;
    } else if (*start >= length) {
        *start = *step < 0 ? length - 1 : length;
    }
    if (*stop < 0) {
        *stop += length;
        if (*stop < 0) *stop = *step < 0 ? -1 : 0;
    } else if (*stop >= length) {
        *stop = *step < 0 ? length - 1 : length;
    }
    if (*step < 0) {
        if (*stop < *start) return (*start - *stop - 1) / (-*step) + 1;
    } else if (*start < *stop) {
        return (*stop - *start - 1) / *step + 1;
    }
    return 0;
}

static void slice_dealloc(Obj *o) {
    SliceObj *s = (SliceObj *)o;
    ct_untrack(o);
    DECREF(s->start);
    DECREF(s->stop);
    DECREF(s->step);
    obj_free(o);
}

static int slice_traverse(Obj *o, visitproc visit, void *arg) {
    SliceObj *s = (SliceObj *)o;
    int r = visit(s->start, arg);
    if (!r) r = visit(s->stop, arg);
    if (!r) r = visit(s->step, arg);
    return r;
}

static Obj *slice_tp_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) return err_set_str(Exc_TypeError, "slice() takes no keyword arguments");
    if (args_check_count("slice", nargs, NULL, 1, 3) < 0) return NULL;
    if (nargs == 1) return slice_new(NULL, args[0], NULL);
    return slice_new(args[0], args[1], nargs > 2 ? args[2] : NULL);
}

static Obj *slice_repr(Obj *o) {
    SliceObj *s = (SliceObj *)o;
    return str_from_format("slice(%R, %R, %R)", s->start, s->stop, s->step);
}

static Obj *slice_richcompare(Obj *a, Obj *b, int op) {
    if (!IS_TYPE(a, &Type_slice) || !IS_TYPE(b, &Type_slice)) return NEWREF(V_NotImplemented);
    SliceObj *x = (SliceObj *)a, *y = (SliceObj *)b;
    Obj *ta = tuple_pack(3, x->start, x->stop, x->step);
    Obj *tb = ta ? tuple_pack(3, y->start, y->stop, y->step) : NULL;
    Obj *r = tb ? obj_richcompare(ta, tb, op) : NULL;
    XDECREF(ta);
    XDECREF(tb);
    return r;
}

/* slice.indices(length) -> (start, stop, step) */
static Obj *m_indices(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *len = obj_index(args[0]);
    if (!len) return NULL;
    if (int_sign(len) < 0) { DECREF(len); return err_set_str(Exc_ValueError, "length should not be negative"); }
    intptr_t n = IS_SMALL(len) ? (intptr_t)SMALL_VALUE(len) : INTPTR_MAX;
    DECREF(len);
    intptr_t start, stop, step;
    if (slice_indices(self, n, &start, &stop, &step) < 0) return NULL;
    Obj *a = int_from_i64(start), *b = int_from_i64(stop), *c = int_from_i64(step);
    Obj *r = (a && b && c) ? tuple_pack(3, a, b, c) : NULL;
    XDECREF(a); XDECREF(b); XDECREF(c);
    return r;
}

static Obj *m_reduce(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    SliceObj *s = (SliceObj *)self;
    Obj *t = tuple_pack(3, s->start, s->stop, s->step);
    if (!t) return NULL;
    Obj *r = tuple_pack(2, (Obj *)&Type_slice, t);
    DECREF(t);
    return r;
}

static const MethodDef slice_methods[] = {
    {"indices", m_indices, METH_O, "S.indices(len) -> (start, stop, stride)"},
    {"__reduce__", m_reduce, METH_NOARGS, "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

static const MemberDef slice_members[] = {
    {"start", MEMBER_OBJECT, offsetof(SliceObj, start), 1, NULL},
    {"stop", MEMBER_OBJECT, offsetof(SliceObj, stop), 1, NULL},
    {"step", MEMBER_OBJECT, offsetof(SliceObj, step), 1, NULL},
    {NULL, 0, 0, 0, NULL},
};

Type Type_slice = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "slice",
    .basicsize = sizeof(SliceObj),
    .flags = TPFLAG_HAVE_GC,
    .doc = "slice(stop)\nslice(start, stop[, step])",
    .dealloc = slice_dealloc,
    .traverse = slice_traverse,
    .new = slice_tp_new,
    .repr = slice_repr,
    .hash = type_hash_not_implemented,
    .richcompare = slice_richcompare,
    .methods = slice_methods,
    .members = slice_members,
};
