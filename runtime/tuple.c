/* tuple.c: the immutable sequence type: the () singleton, free lists for small sizes,
 * CPython 3.11's xxHash-based hash (so hash-ordered containers of tuples match CPython). */
#include <stdarg.h>
#include <string.h>
#include "dict.h"
#include "gc.h"
#include "vm.h"

static TupleObj empty_tuple_obj = {OBJ_HEAD_INIT(&Type_tuple), 0, 0};
Obj *const EMPTY_TUPLE = (Obj *)&empty_tuple_obj;

/* Free lists: dead tuples of sizes 1..FREE_MAX-1 are kept (with their GC header) for reuse;
 * tuples are created constantly (argument packs, multiple assignment). */
#define FREE_MAX 20
#define FREE_KEEP 2000
static _Thread_local TupleObj *free_list[FREE_MAX];
static _Thread_local int free_count[FREE_MAX];

Obj *tuple_new(size_t size) {
    if (size == 0) return NEWREF(EMPTY_TUPLE);
    TupleObj *t;
    if (size < FREE_MAX && free_list[size]) {
        t = free_list[size];
        free_list[size] = (TupleObj *)t->items[0];   /* next link stored in items[0] */
        free_count[size]--;
        t->ob.refcnt = 1;
        t->ob.flags = OBJ_FLAG_GC;
        t->ob.type = &Type_tuple;
        gc_note_alloc();
    } else {
        t = (TupleObj *)gc_alloc(&Type_tuple, sizeof(TupleObj) + size * sizeof(Obj *));
        if (!t) return NULL;
    }
    t->size = size;
    memset(t->items, 0, size * sizeof(Obj *));
    gc_track((Obj *)t);
    return (Obj *)t;
}

Obj *tuple_from_array(Obj *const *items, size_t n) {
    Obj *t = tuple_new(n);
    if (!t) return NULL;
    for (size_t i = 0; i < n; i++) TUPLE_ITEMS(t)[i] = NEWREF(items[i]);
    return t;
}

Obj *tuple_pack(size_t n, ...) {
    Obj *t = tuple_new(n);
    if (!t) return NULL;
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++) TUPLE_ITEMS(t)[i] = NEWREF(va_arg(ap, Obj *));
    va_end(ap);
    return t;
}

/* CPython's _PyTuple_MaybeUntrack, for the collector: stop tracking a tuple whose items can
 * never be part of a cycle (atoms and untracked tuples). */
void tuple_maybe_untrack(Obj *t) {
    if (!gc_is_tracked(t)) return;
    for (size_t i = 0; i < TUPLE_SIZE(t); i++) {
        Obj *x = TUPLE_GET(t, i);
        if (!x) return;
        if (!IS_SMALL(x) && (x->flags & OBJ_FLAG_GC) && (x->type != &Type_tuple || gc_is_tracked(x))) return;
    }
    gc_untrack(t);
}

static void tuple_dealloc(Obj *o) {
    TupleObj *t = (TupleObj *)o;
    if (o == EMPTY_TUPLE) return;
    gc_untrack(o);
    if (ct_trash_begin(o, tuple_dealloc)) return;
    for (size_t i = 0; i < t->size; i++) XDECREF(t->items[i]);
    if (o->type == &Type_tuple && t->size > 0 && t->size < FREE_MAX && free_count[t->size] < FREE_KEEP &&
        !(o->flags & OBJ_FLAG_WATCHED)) {
        t->items[0] = (Obj *)free_list[t->size];
        free_list[t->size] = t;
        free_count[t->size]++;
        gc_note_free();
        ct_trash_end();
        return;
    }
    obj_free(o);
    ct_trash_end();
}

static int tuple_traverse(Obj *o, visitproc visit, void *arg) {
    TupleObj *t = (TupleObj *)o;
    for (size_t i = 0; i < t->size; i++) {
        if (t->items[i]) {
            int r = visit(t->items[i], arg);
            if (r) return r;
        }
    }
    return 0;
}

/* tuple(iterable=()) and subclasses (namedtuple) */
static Obj *tuple_tp_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames) && (type == &Type_tuple || type->init == Type_tuple.init))
        return err_set_str(Exc_TypeError, "tuple() takes no keyword arguments");
    if (args_check_count("tuple", nargs, NULL, 0, 1) < 0) return NULL;
    Obj *tmp;
    if (nargs == 0) tmp = NEWREF(EMPTY_TUPLE);
    else if (IS_TYPE(args[0], &Type_tuple)) tmp = NEWREF(args[0]);
    else tmp = seq_to_tuple(args[0]);
    if (!tmp || type == &Type_tuple) return tmp;
    size_t n = TUPLE_SIZE(tmp);
    Obj *r = type_generic_alloc(type, n);
    if (!r) { DECREF(tmp); return NULL; }
    ((TupleObj *)r)->size = n;
    for (size_t i = 0; i < n; i++) TUPLE_ITEMS(r)[i] = NEWREF(TUPLE_GET(tmp, i));
    DECREF(tmp);
    if (!gc_is_tracked(r)) gc_track(r);
    return r;
}

static Obj *tuple_tp_repr(Obj *o) {
    TupleObj *t = (TupleObj *)o;
    if (t->size == 0) return str_from_cstr("()");
    int r = repr_enter(o);
    if (r != 0) return r > 0 ? str_from_cstr("(...)") : NULL;
    StrBuilder sb;
    sb_init(&sb);
    sb_append_char(&sb, '(');
    for (size_t i = 0; i < t->size; i++) {
        if (i) sb_append(&sb, ", ", 2);
        Obj *s = obj_repr(t->items[i]);
        if (!s) { sb_discard(&sb); repr_leave(o); return NULL; }
        sb_append_str(&sb, s);
        DECREF(s);
    }
    if (t->size == 1) sb_append_char(&sb, ',');
    sb_append_char(&sb, ')');
    repr_leave(o);
    return sb_finish(&sb);
}

#define XXPRIME_1 ((uint64_t)11400714785074694791ULL)
#define XXPRIME_2 ((uint64_t)14029467366897019727ULL)
#define XXPRIME_5 ((uint64_t)2870177450012600261ULL)
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))

/* vm/breaker.c: the C stack is nearly exhausted. Hashing nested tuples recurses without the
 * recursion limit (as in CPython, where deep tuples hash fine), so only the stack is checked. */
int vm_c_stack_low(void);

/* CPython 3.11's tuplehash (xxHash-inspired). */
static intptr_t tuple_hash(Obj *o) {
    TupleObj *t = (TupleObj *)o;
    uint64_t acc = XXPRIME_5;
    for (size_t i = 0; i < t->size; i++) {
        Obj *item = t->items[i];
        if (!IS_SMALL(item) && item->type == &Type_tuple && VT_UNLIKELY(vm_c_stack_low())) {
            err_set_str(Exc_RecursionError, "maximum recursion depth exceeded while calling a Python object");
            return -1;
        }
        intptr_t h = obj_hash(item);
        if (h == -1) return -1;
        acc += (uint64_t)h * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    acc += t->size ^ (XXPRIME_5 ^ 3527539UL);
    if (acc == (uint64_t)-1) return 1546275796;
    return (intptr_t)acc;
}

static Obj *tuple_richcompare(Obj *v, Obj *w, int op) {
    if (!TUPLE_CHECK(v) || !TUPLE_CHECK(w)) return NEWREF(V_NotImplemented);
    TupleObj *a = (TupleObj *)v, *b = (TupleObj *)w;
    size_t i;
    for (i = 0; i < a->size && i < b->size; i++) {
        Obj *x = a->items[i], *y = b->items[i];
        if (x == y) continue;
        int k = obj_richcompare_bool(x, y, CMP_EQ);
        if (k < 0) return NULL;
        if (!k) break;
    }
    if (i >= a->size || i >= b->size) {
        size_t sa = a->size, sb = b->size;
        int res;
        switch (op) {
        case CMP_LT: res = sa < sb; break;
        case CMP_LE: res = sa <= sb; break;
        case CMP_EQ: res = sa == sb; break;
        case CMP_NE: res = sa != sb; break;
        case CMP_GT: res = sa > sb; break;
        default: res = sa >= sb; break;
        }
        RETURN_BOOL(res);
    }
    if (op == CMP_EQ) RETURN_BOOL(0);
    if (op == CMP_NE) RETURN_BOOL(1);
    return obj_richcompare(a->items[i], b->items[i], op);
}

static intptr_t tuple_len(Obj *o) { return (intptr_t)TUPLE_SIZE(o); }

static Obj *tuple_subscript(Obj *o, Obj *key) {
    TupleObj *t = (TupleObj *)o;
    if (IS_SMALL(key) || TYPE(key)->index) {
        intptr_t i = seq_index_from_obj(key);
        if (i == -1 && err_occurred()) return NULL;
        if (i < 0) i += (intptr_t)t->size;
        if ((size_t)i >= t->size) return err_set_str(Exc_IndexError, "tuple index out of range");
        return NEWREF(t->items[i]);
    }
    if (IS_TYPE(key, &Type_slice)) {
        intptr_t start, stop, step;
        intptr_t n = slice_indices(key, (intptr_t)t->size, &start, &stop, &step);
        if (n < 0) return NULL;
        if (step == 1 && (size_t)n == t->size && o->type == &Type_tuple) return NEWREF(o);
        if (step == 1) return tuple_from_array(t->items + start, (size_t)n);
        Obj *r = tuple_new((size_t)n);
        if (!r) return NULL;
        for (intptr_t k = 0, cur = start; k < n; k++, cur += step) TUPLE_ITEMS(r)[k] = NEWREF(t->items[cur]);
        return r;
    }
    return err_format(Exc_TypeError, "tuple indices must be integers or slices, not %T", key);
}

static int tuple_contains(Obj *o, Obj *x) {
    TupleObj *t = (TupleObj *)o;
    for (size_t i = 0; i < t->size; i++) {
        if (t->items[i] == x) return 1;
        int k = obj_richcompare_bool(t->items[i], x, CMP_EQ);
        if (k) return k;
    }
    return 0;
}

static Obj *tuple_repeat(Obj *o, Obj *count) {
    intptr_t n = seq_index_from_obj(count);
    if (n == -1 && err_occurred()) {
        if (err_matches(Exc_IndexError) || err_matches(Exc_OverflowError)) {
            err_clear();
            return err_format(Exc_OverflowError, "cannot fit '%T' into an index-sized integer", count);
        }
        return NULL;
    }
    size_t len = TUPLE_SIZE(o);
    if (n == 1 && o->type == &Type_tuple) return NEWREF(o);
    if (n <= 0 || len == 0) return NEWREF(EMPTY_TUPLE);
    if ((size_t)n > SIZE_MAX / sizeof(Obj *) / len) return err_no_memory();
    Obj *r = tuple_new(len * (size_t)n);
    if (!r) return NULL;
    Obj **dst = TUPLE_ITEMS(r);
    for (intptr_t k = 0; k < n; k++)
        for (size_t i = 0; i < len; i++) *dst++ = NEWREF(TUPLE_GET(o, i));
    return r;
}

static Obj *tuple_binop(Obj *a, Obj *b, int op) {
    if (op == NB_ADD) {
        if (TUPLE_CHECK(a) && TUPLE_CHECK(b)) {
            size_t na = TUPLE_SIZE(a), nb = TUPLE_SIZE(b);
            if (nb == 0 && a->type == &Type_tuple) return NEWREF(a);
            if (na == 0 && b->type == &Type_tuple) return NEWREF(b);
            Obj *r = tuple_new(na + nb);
            if (!r) return NULL;
            for (size_t i = 0; i < na; i++) TUPLE_ITEMS(r)[i] = NEWREF(TUPLE_GET(a, i));
            for (size_t i = 0; i < nb; i++) TUPLE_ITEMS(r)[na + i] = NEWREF(TUPLE_GET(b, i));
            return r;
        }
        if (!TUPLE_CHECK(a)) return NEWREF(V_NotImplemented);
        binopfunc f = TYPE(b)->binop;
        if (f && f != tuple_binop && IS_HEAP_TYPE(TYPE(b))) {
            Obj *r = f(a, b, op);
            if (r != V_NotImplemented) return r;
            DECREF(r);
        }
        return err_format(Exc_TypeError, "can only concatenate tuple (not \"%T\") to tuple", b);
    }
    if (op == NB_MULTIPLY) {
        if (TUPLE_CHECK(a) && (IS_SMALL(b) || TYPE(b)->index)) return tuple_repeat(a, b);
        if (TUPLE_CHECK(b) && (IS_SMALL(a) || TYPE(a)->index)) return tuple_repeat(b, a);
        Obj *other = TUPLE_CHECK(a) ? b : a;
        binopfunc f = TYPE(other)->binop;
        if (f && f != tuple_binop && IS_HEAP_TYPE(TYPE(other))) {
            Obj *r = f(a, b, op);
            if (r != V_NotImplemented) return r;
            DECREF(r);
        }
        return err_format(Exc_TypeError, "can't multiply sequence by non-int of type '%T'", other);
    }
    return NEWREF(V_NotImplemented);
}

/* ---- iterator ---- */

typedef struct TupleIterObj {
    Obj ob;
    Obj *seq;
    size_t index;
} TupleIterObj;

static Obj *tuple_iter(Obj *o) {
    ct_ready(&Type_tuple_iterator);
    TupleIterObj *it = (TupleIterObj *)gc_alloc(&Type_tuple_iterator, sizeof(TupleIterObj));
    if (!it) return NULL;
    it->seq = NEWREF(o);
    gc_track((Obj *)it);
    return (Obj *)it;
}

static void tupleiter_dealloc(Obj *o) {
    gc_untrack(o);
    XDECREF(((TupleIterObj *)o)->seq);
    obj_free(o);
}

static int tupleiter_traverse(Obj *o, visitproc visit, void *arg) {
    Obj *s = ((TupleIterObj *)o)->seq;
    return s ? visit(s, arg) : 0;
}

static Obj *tupleiter_next(Obj *o) {
    TupleIterObj *it = (TupleIterObj *)o;
    Obj *seq = it->seq;
    if (!seq) return NULL;
    if (it->index < TUPLE_SIZE(seq)) return NEWREF(TUPLE_GET(seq, it->index++));
    it->seq = NULL;
    DECREF(seq);
    return NULL;
}

static Obj *tupleiter_self(Obj *o) { return NEWREF(o); }

static Obj *tupleiter_length_hint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    TupleIterObj *it = (TupleIterObj *)self;
    return MAKE_SMALL(it->seq ? (int64_t)(TUPLE_SIZE(it->seq) - it->index) : 0);
}

static const MethodDef tupleiter_methods[] = {
    {"__length_hint__", tupleiter_length_hint, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_tuple_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "tuple_iterator",
    .basicsize = sizeof(TupleIterObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = tupleiter_dealloc,
    .traverse = tupleiter_traverse,
    .iter = tupleiter_self,
    .iternext = tupleiter_next,
    .methods = tupleiter_methods,
};

/* ---- methods ---- */

static Obj *m_count(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    intptr_t c = 0;
    for (size_t i = 0; i < TUPLE_SIZE(self); i++) {
        int k = obj_richcompare_bool(TUPLE_GET(self, i), args[0], CMP_EQ);
        if (k < 0) return NULL;
        c += k;
    }
    return MAKE_SMALL(c);
}

static int bound_arg(Obj *o, intptr_t len, intptr_t *out) {
    if (!(IS_SMALL(o) || TYPE(o)->index)) {
        err_set_str(Exc_TypeError, "slice indices must be integers or have an __index__ method");
        return -1;
    }
    Obj *i = obj_index(o);
    if (!i) return -1;
    intptr_t v = IS_SMALL(i) ? (intptr_t)SMALL_VALUE(i) : (int_sign(i) < 0 ? INTPTR_MIN / 2 : INTPTR_MAX / 2);
    DECREF(i);
    if (v < 0) { v += len; if (v < 0) v = 0; }
    *out = v;
    return 0;
}

static Obj *m_index(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("index", nargs, kwnames, 1, 3) < 0) return NULL;
    intptr_t n = (intptr_t)TUPLE_SIZE(self), start = 0, stop = n;
    if (nargs > 1 && bound_arg(args[1], n, &start) < 0) return NULL;
    if (nargs > 2 && bound_arg(args[2], n, &stop) < 0) return NULL;
    for (intptr_t i = start; i < stop && i < n; i++) {
        int k = obj_richcompare_bool(TUPLE_GET(self, i), args[0], CMP_EQ);
        if (k < 0) return NULL;
        if (k) return MAKE_SMALL(i);
    }
    return err_set_str(Exc_ValueError, "tuple.index(x): x not in tuple");
}

static Obj *m_getnewargs(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *t = tuple_from_array(TUPLE_ITEMS(self), TUPLE_SIZE(self));
    if (!t) return NULL;
    Obj *r = tuple_pack(1, t);
    DECREF(t);
    return r;
}

static Obj *m_class_getitem(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return generic_alias_new(self, args[0]);
}

static Obj *m_sizeof(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return MAKE_SMALL(24 + (int64_t)TUPLE_SIZE(self) * 8);
}

static const MethodDef tuple_methods[] = {
    {"count", m_count, METH_O, "Return number of occurrences of value."},
    {"index", m_index, METH_VARARGS, "Return first index of value."},
    {"__getnewargs__", m_getnewargs, METH_NOARGS, NULL},
    {"__sizeof__", m_sizeof, METH_NOARGS, NULL},
    {"__class_getitem__", m_class_getitem, METH_O | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_tuple = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "tuple",
    .basicsize = sizeof(TupleObj),
    .itemsize = sizeof(Obj *),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC | TPFLAG_TUPLE_SUBCLASS,
    .doc = "Built-in immutable sequence.",
    .dealloc = tuple_dealloc,
    .traverse = tuple_traverse,
    .new = tuple_tp_new,
    .repr = tuple_tp_repr,
    .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .binop = tuple_binop,
    .len = tuple_len,
    .getitem = tuple_subscript,
    .contains = tuple_contains,
    .iter = tuple_iter,
    .methods = tuple_methods,
};
