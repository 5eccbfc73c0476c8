/* iterobjects.c: the iterator builtins: enumerate, zip, map, filter, reversed, plus the
 * __getitem__-protocol sequence iterator and iter(callable, sentinel). */
#include "dict.h"
#include "gc.h"
#include "vm.h"

/* Allocate an instance of a (possibly subclassed) iterator type; the caller tracks it. */
static Obj *iter_alloc(Type *type, Type *base, size_t size) {
    if (type == base) {
        ct_ready(base);
        return gc_alloc(type, size);
    }
    return type_generic_alloc(type, 0);
}

static Obj *iter_self(Obj *o) { return NEWREF(o); }

static bool has_kwargs(Obj *kwnames) { return kwnames && TUPLE_SIZE(kwnames) > 0; }

/* ==== enumerate ==== */

typedef struct EnumerateObj {
    Obj ob;
    Obj *it;
    int64_t index;      /* valid while big == NULL */
    Obj *big;           /* the counter once it left int64 (or when start was huge) */
} EnumerateObj;

static Obj *enumerate_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *iterable = NULL, *start = NULL;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    if (nargs + nkw > 2) return err_format(Exc_TypeError, "enumerate() takes at most 2 arguments (%zu given)", nargs + nkw);
    if (nargs > 0) iterable = args[0];
    if (nargs > 1) start = args[1];
    for (size_t i = 0; i < nkw; i++) {
        Obj *k = TUPLE_GET(kwnames, i);
        if (str_eq_cstr(k, "iterable") && !iterable) iterable = args[nargs + i];
        else if (str_eq_cstr(k, "start") && !start) start = args[nargs + i];
        else if (str_eq_cstr(k, "iterable") || str_eq_cstr(k, "start"))
            return err_format(Exc_TypeError, "argument for enumerate() given by name ('%U') and position (%d)",
                              k, str_eq_cstr(k, "iterable") ? 1 : 2);
        else return err_format(Exc_TypeError, "'%U' is an invalid keyword argument for enumerate()", k);
    }
    if (!iterable) return err_set_str(Exc_TypeError, "enumerate() missing required argument 'iterable'");
    Obj *startv = NULL;
    if (start) {
        startv = obj_index(start);
        if (!startv) return NULL;
    }
    Obj *it = obj_get_iter(iterable);
    if (!it) { XDECREF(startv); return NULL; }
    EnumerateObj *e = (EnumerateObj *)iter_alloc(type, &Type_enumerate, sizeof(EnumerateObj));
    if (!e) { DECREF(it); XDECREF(startv); return NULL; }
    e->it = it;
    if (!startv || IS_SMALL(startv)) e->index = startv ? SMALL_VALUE(startv) : 0;
    else e->big = NEWREF(startv);
    XDECREF(startv);
    gc_track((Obj *)e);
    return (Obj *)e;
}

static void enumerate_dealloc(Obj *o) {
    EnumerateObj *e = (EnumerateObj *)o;
    ct_untrack(o);
    XDECREF(e->it);
    XDECREF(e->big);
    obj_free(o);
}

static int enumerate_traverse(Obj *o, visitproc visit, void *arg) {
    EnumerateObj *e = (EnumerateObj *)o;
    int r = e->it ? visit(e->it, arg) : 0;
    if (!r && e->big) r = visit(e->big, arg);
    return r;
}

static Obj *enumerate_next(Obj *o) {
    EnumerateObj *e = (EnumerateObj *)o;
    Obj *item = iter_next(e->it);
    if (!item) return NULL;
    Obj *idx;
    if (!e->big) {
        idx = int_from_i64(e->index);
        if (e->index == SMALL_MAX) e->big = int_binop(idx, MAKE_SMALL(1), NB_ADD);
        else e->index++;
    } else {
        idx = NEWREF(e->big);
        SETREF(e->big, int_binop(idx, MAKE_SMALL(1), NB_ADD));
    }
    if (!idx) { DECREF(item); return NULL; }
    Obj *t = tuple_new(2);
    if (!t) { DECREF(idx); DECREF(item); return NULL; }
    TUPLE_SET_STEAL(t, 0, idx);
    TUPLE_SET_STEAL(t, 1, item);
    return t;
}

Type Type_enumerate = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "enumerate",
    .basicsize = sizeof(EnumerateObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "Return an enumerate object.",
    .dealloc = enumerate_dealloc,
    .traverse = enumerate_traverse,
    .new = enumerate_new,
    .iter = iter_self,
    .iternext = enumerate_next,
};

/* ==== zip ==== */

typedef struct ZipObj {
    Obj ob;
    Obj *its;       /* tuple of iterators */
    bool strict;
} ZipObj;

static Obj *zip_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    bool strict = false;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        Obj *k = TUPLE_GET(kwnames, i);
        if (!str_eq_cstr(k, "strict"))
            return err_format(Exc_TypeError, "'%U' is an invalid keyword argument for zip()", k);
        int t = obj_is_true(args[nargs + i]);
        if (t < 0) return NULL;
        strict = t;
    }
    Obj *its = tuple_new(nargs);
    if (!its) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        Obj *it = obj_get_iter(args[i]);
        if (!it) { DECREF(its); return NULL; }
        TUPLE_SET_STEAL(its, i, it);
    }
    ZipObj *z = (ZipObj *)iter_alloc(type, &Type_zip, sizeof(ZipObj));
    if (!z) { DECREF(its); return NULL; }
    z->its = its;
    z->strict = strict;
    gc_track((Obj *)z);
    return (Obj *)z;
}

static void zip_dealloc(Obj *o) {
    ct_untrack(o);
    XDECREF(((ZipObj *)o)->its);
    obj_free(o);
}

static int zip_traverse(Obj *o, visitproc visit, void *arg) {
    Obj *t = ((ZipObj *)o)->its;
    return t ? visit(t, arg) : 0;
}

static Obj *zip_next(Obj *o) {
    ZipObj *z = (ZipObj *)o;
    size_t n = TUPLE_SIZE(z->its);
    if (n == 0) return NULL;
    Obj *res = tuple_new(n);
    if (!res) return NULL;
    for (size_t i = 0; i < n; i++) {
        Obj *item = iter_next(TUPLE_GET(z->its, i));
        if (!item) {
            TUPLE_SIZE(res) = i;   /* release only the filled part */
            DECREF(res);
            if (err_occurred() || !z->strict) return NULL;
            if (i > 0) {
                if (i == 1) return err_format(Exc_ValueError, "zip() argument %zu is shorter than argument 1", i + 1);
                return err_format(Exc_ValueError, "zip() argument %zu is shorter than arguments 1-%zu", i + 1, i);
            }
            /* the first one is exhausted: every other must be too */
            for (size_t j = 1; j < n; j++) {
                Obj *x = iter_next(TUPLE_GET(z->its, j));
                if (x) {
                    DECREF(x);
                    if (j == 1) return err_format(Exc_ValueError, "zip() argument %zu is longer than argument 1", j + 1);
                    return err_format(Exc_ValueError, "zip() argument %zu is longer than arguments 1-%zu", j + 1, j);
                }
                if (err_occurred()) return NULL;
            }
            return NULL;
        }
        TUPLE_SET_STEAL(res, i, item);
    }
    return res;
}

Type Type_zip = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "zip",
    .basicsize = sizeof(ZipObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.",
    .dealloc = zip_dealloc,
    .traverse = zip_traverse,
    .new = zip_new,
    .iter = iter_self,
    .iternext = zip_next,
};

/* ==== map ==== */

typedef struct MapObj {
    Obj ob;
    Obj *func;
    Obj *its;       /* tuple of iterators */
} MapObj;

static Obj *map_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (has_kwargs(kwnames) && type == &Type_map) return err_set_str(Exc_TypeError, "map() takes no keyword arguments");
    if (nargs < 2) return err_set_str(Exc_TypeError, "map() must have at least two arguments.");
    Obj *its = tuple_new(nargs - 1);
    if (!its) return NULL;
    for (size_t i = 1; i < nargs; i++) {
        Obj *it = obj_get_iter(args[i]);
        if (!it) { DECREF(its); return NULL; }
        TUPLE_SET_STEAL(its, i - 1, it);
    }
    MapObj *m = (MapObj *)iter_alloc(type, &Type_map, sizeof(MapObj));
    if (!m) { DECREF(its); return NULL; }
    m->func = NEWREF(args[0]);
    m->its = its;
    gc_track((Obj *)m);
    return (Obj *)m;
}

static void map_dealloc(Obj *o) {
    MapObj *m = (MapObj *)o;
    ct_untrack(o);
    XDECREF(m->func);
    XDECREF(m->its);
    obj_free(o);
}

static int map_traverse(Obj *o, visitproc visit, void *arg) {
    MapObj *m = (MapObj *)o;
    int r = m->func ? visit(m->func, arg) : 0;
    if (!r && m->its) r = visit(m->its, arg);
    return r;
}

static Obj *map_next(Obj *o) {
    MapObj *m = (MapObj *)o;
    size_t n = TUPLE_SIZE(m->its);
    Obj *small[8];
    Obj **argv = n <= 8 ? small : vt_malloc(n * sizeof(Obj *));
    if (!argv) return NULL;
    size_t got = 0;
    Obj *res = NULL;
    for (; got < n; got++) {
        argv[got] = iter_next(TUPLE_GET(m->its, got));
        if (!argv[got]) break;
    }
    if (got == n) res = obj_call(m->func, argv, n, NULL);
    for (size_t i = 0; i < got; i++) DECREF(argv[i]);
    if (argv != small) vt_free(argv);
    return res;
}

Type Type_map = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "map",
    .basicsize = sizeof(MapObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "map(func, *iterables) --> map object",
    .dealloc = map_dealloc,
    .traverse = map_traverse,
    .new = map_new,
    .iter = iter_self,
    .iternext = map_next,
};

/* ==== filter ==== */

typedef struct FilterObj {
    Obj ob;
    Obj *func;      /* None: truth of the item itself */
    Obj *it;
} FilterObj;

static Obj *filter_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (has_kwargs(kwnames) && type == &Type_filter) return err_set_str(Exc_TypeError, "filter() takes no keyword arguments");
    if (nargs != 2) return err_format(Exc_TypeError, "filter expected 2 arguments, got %zu", nargs);
    Obj *it = obj_get_iter(args[1]);
    if (!it) return NULL;
    FilterObj *f = (FilterObj *)iter_alloc(type, &Type_filter, sizeof(FilterObj));
    if (!f) { DECREF(it); return NULL; }
    f->func = NEWREF(args[0]);
    f->it = it;
    gc_track((Obj *)f);
    return (Obj *)f;
}

static void filter_dealloc(Obj *o) {
    FilterObj *f = (FilterObj *)o;
    ct_untrack(o);
    XDECREF(f->func);
    XDECREF(f->it);
    obj_free(o);
}

static int filter_traverse(Obj *o, visitproc visit, void *arg) {
    FilterObj *f = (FilterObj *)o;
    int r = f->func ? visit(f->func, arg) : 0;
    if (!r && f->it) r = visit(f->it, arg);
    return r;
}

static Obj *filter_next(Obj *o) {
    FilterObj *f = (FilterObj *)o;
    bool plain = f->func == V_None || f->func == (Obj *)&Type_bool;
    for (;;) {
        Obj *item = iter_next(f->it);
        if (!item) return NULL;
        int ok;
        if (plain) ok = obj_is_true(item);
        else {
            Obj *r = obj_call1(f->func, item);
            if (!r) { DECREF(item); return NULL; }
            ok = obj_is_true(r);
            DECREF(r);
        }
        if (ok > 0) return item;
        DECREF(item);
        if (ok < 0) return NULL;
    }
}

Type Type_filter = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "filter",
    .basicsize = sizeof(FilterObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "filter(function or None, iterable) --> filter object",
    .dealloc = filter_dealloc,
    .traverse = filter_traverse,
    .new = filter_new,
    .iter = iter_self,
    .iternext = filter_next,
};

/* ==== reversed ==== */

typedef struct ReversedObj {
    Obj ob;
    Obj *seq;       /* NULL once exhausted */
    intptr_t index;
} ReversedObj;

static Obj *reversed_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (has_kwargs(kwnames) && type == &Type_reversed) return err_set_str(Exc_TypeError, "reversed() takes no keyword arguments");
    if (nargs != 1) return err_format(Exc_TypeError, "reversed expected 1 argument, got %zu", nargs);
    Obj *seq = args[0];
    Obj *rev = type_lookup(TYPE(seq), NAME(__reversed__));
    if (rev == V_None) return err_format(Exc_TypeError, "'%T' object is not reversible", seq);
    if (rev) {
        Obj *m = obj_lookup_special(seq, NAME(__reversed__));
        if (!m) return NULL;
        Obj *r = obj_call0(m);
        DECREF(m);
        return r;
    }
    if (!TYPE(seq)->getitem || DICT_CHECK(seq)) return err_format(Exc_TypeError, "'%T' object is not reversible", seq);
    intptr_t n = obj_len(seq);
    if (n < 0) return NULL;
    ReversedObj *r = (ReversedObj *)iter_alloc(type, &Type_reversed, sizeof(ReversedObj));
    if (!r) return NULL;
    r->seq = NEWREF(seq);
    r->index = n - 1;
    gc_track((Obj *)r);
    return (Obj *)r;
}

static void reversed_dealloc(Obj *o) {
    ct_untrack(o);
    XDECREF(((ReversedObj *)o)->seq);
    obj_free(o);
}

static int reversed_traverse(Obj *o, visitproc visit, void *arg) {
    Obj *s = ((ReversedObj *)o)->seq;
    return s ? visit(s, arg) : 0;
}

static Obj *reversed_next(Obj *o) {
    ReversedObj *r = (ReversedObj *)o;
    if (r->index >= 0 && r->seq) {
        Obj *item = obj_getitem(r->seq, MAKE_SMALL(r->index));
        if (item) { r->index--; return item; }
        if (err_matches(Exc_IndexError) || err_matches(Exc_StopIteration)) err_clear();
        else return NULL;
    }
    r->index = -1;
    CLEAR(r->seq);
    return NULL;
}

static Obj *reversed_length_hint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    ReversedObj *r = (ReversedObj *)self;
    if (!r->seq) return MAKE_SMALL(0);
    intptr_t n = obj_len(r->seq);
    if (n < 0) return NULL;
    return MAKE_SMALL(n < r->index + 1 ? 0 : r->index + 1);
}

static const MethodDef reversed_methods[] = {
    {"__length_hint__", reversed_length_hint, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_reversed = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "reversed",
    .basicsize = sizeof(ReversedObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "Return a reverse iterator over the values of the given sequence.",
    .dealloc = reversed_dealloc,
    .traverse = reversed_traverse,
    .new = reversed_new,
    .iter = iter_self,
    .iternext = reversed_next,
    .methods = reversed_methods,
};

/* ==== the sequence iterator (iter() on objects with only __getitem__) ==== */

typedef struct SeqIterObj {
    Obj ob;
    Obj *seq;
    intptr_t index;
} SeqIterObj;

Obj *seqiter_new(Obj *seq) {
    ct_ready(&Type_iterator);
    SeqIterObj *it = (SeqIterObj *)gc_alloc(&Type_iterator, sizeof(SeqIterObj));
    if (!it) return NULL;
    it->seq = NEWREF(seq);
    gc_track((Obj *)it);
    return (Obj *)it;
}

static void seqiter_dealloc(Obj *o) {
    ct_untrack(o);
    XDECREF(((SeqIterObj *)o)->seq);
    obj_free(o);
}

static int seqiter_traverse(Obj *o, visitproc visit, void *arg) {
    Obj *s = ((SeqIterObj *)o)->seq;
    return s ? visit(s, arg) : 0;
}

static Obj *seqiter_next(Obj *o) {
    SeqIterObj *it = (SeqIterObj *)o;
    if (!it->seq) return NULL;
    Obj *item = obj_getitem(it->seq, MAKE_SMALL(it->index));
    if (item) { it->index++; return item; }
    if (err_matches(Exc_IndexError) || err_matches(Exc_StopIteration)) {
        err_clear();
        CLEAR(it->seq);
    }
    return NULL;
}

static Obj *seqiter_length_hint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    SeqIterObj *it = (SeqIterObj *)self;
    if (!it->seq) return MAKE_SMALL(0);
    intptr_t n = obj_len(it->seq);
    if (n < 0) {
        if (err_matches(Exc_TypeError)) { err_clear(); return NEWREF(V_NotImplemented); }
        return NULL;
    }
    return MAKE_SMALL(n > it->index ? n - it->index : 0);
}

static const MethodDef seqiter_methods[] = {
    {"__length_hint__", seqiter_length_hint, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "iterator",
    .basicsize = sizeof(SeqIterObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = seqiter_dealloc,
    .traverse = seqiter_traverse,
    .iter = iter_self,
    .iternext = seqiter_next,
    .methods = seqiter_methods,
};

/* ==== iter(callable, sentinel) ==== */

typedef struct CallIterObj {
    Obj ob;
    Obj *func;       /* NULL once exhausted */
    Obj *sentinel;
} CallIterObj;

Obj *calliter_new(Obj *callable, Obj *sentinel) {
    ct_ready(&Type_callable_iterator);
    CallIterObj *it = (CallIterObj *)gc_alloc(&Type_callable_iterator, sizeof(CallIterObj));
    if (!it) return NULL;
    it->func = NEWREF(callable);
    it->sentinel = NEWREF(sentinel);
    gc_track((Obj *)it);
    return (Obj *)it;
}

static void calliter_dealloc(Obj *o) {
    CallIterObj *it = (CallIterObj *)o;
    ct_untrack(o);
    XDECREF(it->func);
    XDECREF(it->sentinel);
    obj_free(o);
}

static int calliter_traverse(Obj *o, visitproc visit, void *arg) {
    CallIterObj *it = (CallIterObj *)o;
    int r = it->func ? visit(it->func, arg) : 0;
    if (!r && it->sentinel) r = visit(it->sentinel, arg);
    return r;
}

static Obj *calliter_next(Obj *o) {
    CallIterObj *it = (CallIterObj *)o;
    if (!it->func) return NULL;
    Obj *r = obj_call0(it->func);
    if (!r) {
        if (err_matches(Exc_StopIteration)) { err_clear(); CLEAR(it->func); CLEAR(it->sentinel); }
        return NULL;
    }
    int eq = obj_richcompare_bool(it->sentinel, r, CMP_EQ);
    if (eq == 0) return r;
    DECREF(r);
    if (eq > 0) { CLEAR(it->func); CLEAR(it->sentinel); }
    return NULL;
}

Type Type_callable_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "callable_iterator",
    .basicsize = sizeof(CallIterObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = calliter_dealloc,
    .traverse = calliter_traverse,
    .iter = iter_self,
    .iternext = calliter_next,
};
