/* range.c: range objects (arbitrary-precision bounds, small-int fast paths) and their
 * iterator, which FOR_ITER may special-case (RangeIterObj in dict.h). */
#include "dict.h"
#include "vm.h"

typedef struct LongRangeIterObj {   /* iterator for ranges beyond 63-bit values */
    Obj ob;
    Obj *next, *step, *remaining;   /* ints */
} LongRangeIterObj;

extern Type Type_longrange_iterator;

typedef struct RangeObj {
    Obj ob;
    Obj *start, *stop, *step, *length;   /* ints */
} RangeObj;

static inline bool all_small(RangeObj *r) {
    return IS_SMALL(r->start) && IS_SMALL(r->stop) && IS_SMALL(r->step) && IS_SMALL(r->length);
}

/* int arithmetic helpers on arbitrary ints */
static Obj *iadd(Obj *a, Obj *b) { return int_binop(a, b, NB_ADD); }
static Obj *isub(Obj *a, Obj *b) { return int_binop(a, b, NB_SUBTRACT); }
static Obj *imul(Obj *a, Obj *b) { return int_binop(a, b, NB_MULTIPLY); }

/* len(range(lo, hi, step)) as an int object */
static Obj *compute_length(Obj *lo, Obj *hi, Obj *step) {
    if (IS_SMALL(lo) && IS_SMALL(hi) && IS_SMALL(step)) {
        /* 63-bit operands: differences fit comfortably in 64 bits */
        int64_t l = SMALL_VALUE(lo), h = SMALL_VALUE(hi), s = SMALL_VALUE(step);
        if (s > 0 && l < h) return int_from_i64((h - l - 1) / s + 1);
        if (s < 0 && l > h) return int_from_i64((l - h - 1) / (-s) + 1);
        return MAKE_SMALL(0);
    }
    int ss = int_sign(step);
    Obj *cmp = obj_richcompare(lo, hi, ss > 0 ? CMP_LT : CMP_GT);
    if (!cmp) return NULL;
    bool nonempty = cmp == V_True;
    DECREF(cmp);
    if (!nonempty) return MAKE_SMALL(0);
    Obj *diff = ss > 0 ? isub(hi, lo) : isub(lo, hi);
    if (!diff) return NULL;
    Obj *d1 = isub(diff, MAKE_SMALL(1));
    DECREF(diff);
    if (!d1) return NULL;
    Obj *as = ss > 0 ? NEWREF(step) : int_binop(MAKE_SMALL(0), step, NB_SUBTRACT);
    if (!as) { DECREF(d1); return NULL; }
    Obj *q = int_binop(d1, as, NB_FLOOR_DIVIDE);
    DECREF(d1);
    DECREF(as);
    if (!q) return NULL;
    Obj *r = iadd(q, MAKE_SMALL(1));
    DECREF(q);
    return r;
}

/* Takes ownership of start/stop/step (ints). */
static Obj *make_range(Obj *start, Obj *stop, Obj *step) {
    Obj *len = compute_length(start, stop, step);
    if (!len) { DECREF(start); DECREF(stop); DECREF(step); return NULL; }
    RangeObj *r = (RangeObj *)obj_alloc(&Type_range, sizeof(RangeObj));
    if (!r) { DECREF(start); DECREF(stop); DECREF(step); DECREF(len); return NULL; }
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->length = len;
    return (Obj *)r;
}

Obj *range_new_i64(int64_t start, int64_t stop, int64_t step) {
    Obj *a = int_from_i64(start), *b = int_from_i64(stop), *c = int_from_i64(step);
    if (!a || !b || !c) { XDECREF(a); XDECREF(b); XDECREF(c); return NULL; }
    return make_range(a, b, c);
}

static void range_dealloc(Obj *o) {
    RangeObj *r = (RangeObj *)o;
    DECREF(r->start);
    DECREF(r->stop);
    DECREF(r->step);
    DECREF(r->length);
    obj_free(o);
}

static Obj *range_tp_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) return err_set_str(Exc_TypeError, "range() takes no keyword arguments");
    if (nargs == 0) return err_set_str(Exc_TypeError, "range expected at least 1 argument, got 0");
    if (nargs > 3) return err_format(Exc_TypeError, "range expected at most 3 arguments, got %zu", nargs);
    Obj *v[3] = {NULL, NULL, NULL};
    for (size_t i = 0; i < nargs; i++) {
        v[i] = IS_SMALL(args[i]) ? args[i] : obj_index(args[i]);
        if (!v[i]) { for (size_t j = 0; j < i; j++) DECREF(v[j]); return NULL; }
    }
    if (nargs == 1) return make_range(MAKE_SMALL(0), v[0], MAKE_SMALL(1));
    if (nargs == 2) return make_range(v[0], v[1], MAKE_SMALL(1));
    if (int_sign(v[2]) == 0) {
        DECREF(v[0]); DECREF(v[1]); DECREF(v[2]);
        return err_set_str(Exc_ValueError, "range() arg 3 must not be zero");
    }
    return make_range(v[0], v[1], v[2]);
}

static Obj *range_repr(Obj *o) {
    RangeObj *r = (RangeObj *)o;
    if (IS_SMALL(r->step) && SMALL_VALUE(r->step) == 1) return str_from_format("range(%R, %R)", r->start, r->stop);
    return str_from_format("range(%R, %R, %R)", r->start, r->stop, r->step);
}

static intptr_t range_len(Obj *o) {
    RangeObj *r = (RangeObj *)o;
    if (IS_SMALL(r->length)) return (intptr_t)SMALL_VALUE(r->length);
    err_set_str(Exc_OverflowError, "Python int too large to convert to C ssize_t");
    return -1;
}

static int range_bool(Obj *o) {
    RangeObj *r = (RangeObj *)o;
    return !(IS_SMALL(r->length) && SMALL_VALUE(r->length) == 0);
}

/* start + i * step for a valid index i (an int) */
static Obj *compute_item(RangeObj *r, Obj *i) {
    if (IS_SMALL(i) && IS_SMALL(r->start) && IS_SMALL(r->step)) {
        int64_t p, v;
        if (!__builtin_mul_overflow(SMALL_VALUE(i), SMALL_VALUE(r->step), &p) &&
            !__builtin_add_overflow(p, SMALL_VALUE(r->start), &v))
            return int_from_i64(v);
    }
    Obj *p = imul(i, r->step);
    if (!p) return NULL;
    Obj *v = iadd(r->start, p);
    DECREF(p);
    return v;
}

/* Normalise an index against the length: returns a new int or NULL (IndexError). */
static Obj *normalise_index(RangeObj *r, Obj *i) {
    if (IS_SMALL(i) && IS_SMALL(r->length)) {
        int64_t x = SMALL_VALUE(i), n = SMALL_VALUE(r->length);
        if (x < 0) x += n;
        if (x < 0 || x >= n) return err_set_str(Exc_IndexError, "range object index out of range");
        return MAKE_SMALL(x);
    }
    Obj *x = int_sign(i) < 0 ? iadd(i, r->length) : NEWREF(i);
    if (!x) return NULL;
    Obj *ge = obj_richcompare(x, r->length, CMP_GE);
    if (!ge) { DECREF(x); return NULL; }
    bool bad = int_sign(x) < 0 || ge == V_True;
    DECREF(ge);
    if (bad) { DECREF(x); return err_set_str(Exc_IndexError, "range object index out of range"); }
    return x;
}

static Obj *range_subscript(Obj *o, Obj *key) {
    RangeObj *r = (RangeObj *)o;
    if (IS_SMALL(key) || TYPE(key)->index) {
        Obj *i = IS_SMALL(key) ? key : obj_index(key);
        if (!i) return NULL;
        Obj *n = normalise_index(r, i);
        if (i != key) DECREF(i);
        if (!n) return NULL;
        Obj *v = compute_item(r, n);
        DECREF(n);
        return v;
    }
    if (IS_TYPE(key, &Type_slice)) {
        if (!IS_SMALL(r->length)) return err_set_str(Exc_OverflowError, "Python int too large to convert to C ssize_t");
        intptr_t start, stop, step;
        if (slice_indices(key, (intptr_t)SMALL_VALUE(r->length), &start, &stop, &step) < 0) return NULL;
        Obj *a = compute_item(r, MAKE_SMALL(start));
        Obj *b = a ? compute_item(r, MAKE_SMALL(stop)) : NULL;
        Obj *c = b ? imul(r->step, MAKE_SMALL(step)) : NULL;
        if (!c) { XDECREF(a); XDECREF(b); return NULL; }
        return make_range(a, b, c);
    }
    return err_format(Exc_TypeError, "range indices must be integers or slices, not %T", key);
}

/* Membership of an int: arithmetic, no iteration. */
static int range_contains_int(RangeObj *r, Obj *x) {
    if (IS_SMALL(x) && all_small(r)) {
        int64_t v = SMALL_VALUE(x), lo = SMALL_VALUE(r->start), hi = SMALL_VALUE(r->stop), s = SMALL_VALUE(r->step);
        if (s > 0 ? !(lo <= v && v < hi) : !(hi < v && v <= lo)) return 0;
        return (v - lo) % s == 0;
    }
    int ss = int_sign(r->step);
    Obj *c1 = obj_richcompare(x, r->start, ss > 0 ? CMP_GE : CMP_LE);
    if (!c1) return -1;
    bool in = c1 == V_True;
    DECREF(c1);
    if (!in) return 0;
    Obj *c2 = obj_richcompare(x, r->stop, ss > 0 ? CMP_LT : CMP_GT);
    if (!c2) return -1;
    in = c2 == V_True;
    DECREF(c2);
    if (!in) return 0;
    Obj *d = isub(x, r->start);
    if (!d) return -1;
    Obj *m = int_binop(d, r->step, NB_REMAINDER);
    DECREF(d);
    if (!m) return -1;
    int res = int_sign(m) == 0;
    DECREF(m);
    return res;
}

static Obj *range_iter(Obj *o);

static int range_contains(Obj *o, Obj *x) {
    if (INT_CHECK_EXACT(x) || IS_TYPE(x, &Type_bool)) return range_contains_int((RangeObj *)o, x);
    Obj *it = range_iter(o);
    if (!it) return -1;
    Obj *v;
    while ((v = iter_next(it)) != NULL) {
        int k = obj_richcompare_bool(v, x, CMP_EQ);
        DECREF(v);
        if (k) { DECREF(it); return k; }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

static Obj *range_richcompare(Obj *a, Obj *b, int op) {
    if (!IS_TYPE(a, &Type_range) || !IS_TYPE(b, &Type_range) || (op != CMP_EQ && op != CMP_NE))
        return NEWREF(V_NotImplemented);
    RangeObj *x = (RangeObj *)a, *y = (RangeObj *)b;
    int eq;
    if (a == b) eq = 1;
    else {
        eq = obj_richcompare_bool(x->length, y->length, CMP_EQ);
        if (eq > 0 && int_sign(x->length) != 0) {
            eq = obj_richcompare_bool(x->start, y->start, CMP_EQ);
            if (eq > 0 && !(IS_SMALL(x->length) && SMALL_VALUE(x->length) == 1))
                eq = obj_richcompare_bool(x->step, y->step, CMP_EQ);
        }
        if (eq < 0) return NULL;
    }
    RETURN_BOOL(op == CMP_EQ ? eq : !eq);
}

static intptr_t range_hash(Obj *o) {
    RangeObj *r = (RangeObj *)o;
    Obj *t;
    if (int_sign(r->length) == 0) t = tuple_pack(3, r->length, V_None, V_None);
    else if (IS_SMALL(r->length) && SMALL_VALUE(r->length) == 1) t = tuple_pack(3, r->length, r->start, V_None);
    else t = tuple_pack(3, r->length, r->start, r->step);
    if (!t) return -1;
    intptr_t h = obj_hash(t);
    DECREF(t);
    return h;
}

/* ---- iterator ---- */

static Obj *make_iter(Obj *start, Obj *step, Obj *len) {
    if (IS_SMALL(start) && IS_SMALL(step) && IS_SMALL(len)) {
        ct_ready(&Type_range_iterator);
        RangeIterObj *it = (RangeIterObj *)obj_alloc(&Type_range_iterator, sizeof(RangeIterObj));
        if (!it) return NULL;
        it->next = SMALL_VALUE(start);
        it->step = SMALL_VALUE(step);
        it->remaining = (uint64_t)SMALL_VALUE(len);
        return (Obj *)it;
    }
    /* huge ranges: arbitrary-precision counters */
    ct_ready(&Type_longrange_iterator);
    LongRangeIterObj *it = (LongRangeIterObj *)obj_alloc(&Type_longrange_iterator, sizeof(LongRangeIterObj));
    if (!it) return NULL;
    it->next = NEWREF(start);
    it->step = NEWREF(step);
    it->remaining = NEWREF(len);
    return (Obj *)it;
}

static void longrangeiter_dealloc(Obj *o) {
    LongRangeIterObj *it = (LongRangeIterObj *)o;
    DECREF(it->next);
    DECREF(it->step);
    DECREF(it->remaining);
    obj_free(o);
}

static Obj *longrangeiter_next(Obj *o) {
    LongRangeIterObj *it = (LongRangeIterObj *)o;
    if (int_sign(it->remaining) <= 0) return NULL;
    Obj *rem = isub(it->remaining, MAKE_SMALL(1));
    if (!rem) return NULL;
    Obj *nxt = iadd(it->next, it->step);
    if (!nxt) { DECREF(rem); return NULL; }
    Obj *v = it->next;
    it->next = nxt;
    SETREF(it->remaining, rem);
    return v;
}

static Obj *longrangeiter_length_hint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return NEWREF(((LongRangeIterObj *)self)->remaining);
}

static Obj *range_iter(Obj *o) {
    RangeObj *r = (RangeObj *)o;
    return make_iter(r->start, r->step, r->length);
}

static void rangeiter_dealloc(Obj *o) { obj_free(o); }

static Obj *rangeiter_next(Obj *o) {
    RangeIterObj *it = (RangeIterObj *)o;
    if (it->remaining == 0) return NULL;
    int64_t v = it->next;
    it->next = (int64_t)((uint64_t)v + (uint64_t)it->step);
    it->remaining--;
    return MAKE_SMALL(v);
}

static Obj *iter_self(Obj *o) { return NEWREF(o); }

static Obj *rangeiter_length_hint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return int_from_u64(((RangeIterObj *)self)->remaining);
}

static const MethodDef rangeiter_methods[] = {
    {"__length_hint__", rangeiter_length_hint, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_range_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "range_iterator",
    .basicsize = sizeof(RangeIterObj),
    .dealloc = rangeiter_dealloc,
    .iter = iter_self,
    .iternext = rangeiter_next,
    .methods = rangeiter_methods,
};

static const MethodDef longrangeiter_methods[] = {
    {"__length_hint__", longrangeiter_length_hint, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_longrange_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "longrange_iterator",
    .basicsize = sizeof(LongRangeIterObj),
    .dealloc = longrangeiter_dealloc,
    .iter = iter_self,
    .iternext = longrangeiter_next,
    .methods = longrangeiter_methods,
};

/* ---- methods ---- */

static Obj *m_reversed(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    RangeObj *r = (RangeObj *)self;
    if (int_sign(r->length) == 0) return make_iter(r->start, r->step, r->length);
    Obj *lm1 = isub(r->length, MAKE_SMALL(1));
    if (!lm1) return NULL;
    Obj *last = compute_item(r, lm1);
    DECREF(lm1);
    if (!last) return NULL;
    Obj *neg = int_binop(MAKE_SMALL(0), r->step, NB_SUBTRACT);
    if (!neg) { DECREF(last); return NULL; }
    Obj *it = make_iter(last, neg, r->length);
    DECREF(last);
    DECREF(neg);
    return it;
}

static Obj *m_count(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (INT_CHECK_EXACT(args[0]) || IS_TYPE(args[0], &Type_bool)) {
        int r = range_contains_int((RangeObj *)self, args[0]);
        if (r < 0) return NULL;
        return MAKE_SMALL(r);
    }
    Obj *it = range_iter(self);
    if (!it) return NULL;
    int64_t c = 0;
    Obj *v;
    while ((v = iter_next(it)) != NULL) {
        int k = obj_richcompare_bool(v, args[0], CMP_EQ);
        DECREF(v);
        if (k < 0) { DECREF(it); return NULL; }
        c += k;
    }
    DECREF(it);
    if (err_occurred()) return NULL;
    return MAKE_SMALL(c);
}

static Obj *m_index(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    RangeObj *r = (RangeObj *)self;
    Obj *x = args[0];
    if (INT_CHECK_EXACT(x) || IS_TYPE(x, &Type_bool)) {
        int c = range_contains_int(r, x);
        if (c < 0) return NULL;
        if (!c) return err_format(Exc_ValueError, "%R is not in range", x);
        Obj *d = isub(x, r->start);
        if (!d) return NULL;
        Obj *q = int_binop(d, r->step, NB_FLOOR_DIVIDE);
        DECREF(d);
        return q;
    }
    Obj *it = range_iter(self);
    if (!it) return NULL;
    int64_t i = 0;
    Obj *v;
    while ((v = iter_next(it)) != NULL) {
        int k = obj_richcompare_bool(v, x, CMP_EQ);
        DECREF(v);
        if (k < 0) { DECREF(it); return NULL; }
        if (k) { DECREF(it); return MAKE_SMALL(i); }
        i++;
    }
    DECREF(it);
    if (err_occurred()) return NULL;
    return err_set_str(Exc_ValueError, "sequence.index(x): x not in sequence");
}

static Obj *m_reduce(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    RangeObj *r = (RangeObj *)self;
    Obj *t = tuple_pack(3, r->start, r->stop, r->step);
    if (!t) return NULL;
    Obj *res = tuple_pack(2, (Obj *)&Type_range, t);
    DECREF(t);
    return res;
}

static const MethodDef range_methods[] = {
    {"__reversed__", m_reversed, METH_NOARGS, "Return a reverse iterator."},
    {"count", m_count, METH_O, "rangeobject.count(value) -> integer -- return number of occurrences of value"},
    {"index", m_index, METH_O, "rangeobject.index(value) -> integer -- return index of value."},
    {"__reduce__", m_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static const MemberDef range_members[] = {
    {"start", MEMBER_OBJECT, offsetof(RangeObj, start), 1, NULL},
    {"stop", MEMBER_OBJECT, offsetof(RangeObj, stop), 1, NULL},
    {"step", MEMBER_OBJECT, offsetof(RangeObj, step), 1, NULL},
    {NULL, 0, 0, 0, NULL},
};

Type Type_range = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "range",
    .basicsize = sizeof(RangeObj),
    .doc = "range(stop) -> range object\nrange(start, stop[, step]) -> range object",
    .dealloc = range_dealloc,
    .new = range_tp_new,
    .repr = range_repr,
    .hash = range_hash,
    .richcompare = range_richcompare,
    .is_true = range_bool,
    .len = range_len,
    .getitem = range_subscript,
    .contains = range_contains,
    .iter = range_iter,
    .methods = range_methods,
    .members = range_members,
};
