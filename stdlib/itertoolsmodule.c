/* itertoolsmodule.c: itertools, the simple iterator building blocks (count, cycle, repeat,
 * chain, islice, accumulate, takewhile/dropwhile, starmap, compress, filterfalse, pairwise,
 * zip_longest) and the module table; combinatorics, groupby and tee are in itertools_comb.c. */
#include <string.h>
#include "itertools.h"
#include "modules.h"

/* Allocate an instance of (a subclass of) a static itertools type; NOT yet tracked. */
static Obj *it_alloc(Type *type) { return type_generic_alloc(type, 0); }

#define DEALLOC_FN(name, Struct, ...) \
    static void name##_dealloc(Obj *o) { \
        ct_untrack(o); \
        Struct *s = (Struct *)o; \
        Obj *fields_[] = {__VA_ARGS__}; \
        for (size_t i_ = 0; i_ < sizeof fields_ / sizeof fields_[0]; i_++) XDECREF(fields_[i_]); \
        obj_free(o); \
    } \
    static int name##_traverse(Obj *o, visitproc visit, void *arg) { \
        Struct *s = (Struct *)o; \
        Obj *fields_[] = {__VA_ARGS__}; \
        for (size_t i_ = 0; i_ < sizeof fields_ / sizeof fields_[0]; i_++) IT_VISIT(fields_[i_]); \
        return 0; \
    }

#define ITER_TYPE(var, tname, fn, ...) \
    Type var = { \
        .ob = OBJ_HEAD_INIT(&Type_type), \
        .name = tname, \
        .basicsize = sizeof(fn##Obj), \
        .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC, \
        .dealloc = fn##_dealloc, \
        .traverse = fn##_traverse, \
        .new = fn##_new, \
        .iter = it_self, \
        .iternext = fn##_next, \
        __VA_ARGS__ \
    }

/* ==== count ==== */

typedef struct {
    Obj ob;
    int64_t cnt;        /* fast mode: current value when start/step are small ints */
    int64_t istep;
    bool fast;
    Obj *start;         /* slow mode: current value (any number) */
    Obj *step;          /* the step object (also kept in fast mode for repr) */
} countObj;

static bool is_number(Obj *o) {
    Type *t = TYPE(o);
    return INT_CHECK(o) || FLOAT_CHECK(o) || t == &Type_complex || type_is_subtype(t, &Type_complex) ||
           t->index || t->to_int || t->to_float;
}

static Obj *count_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"start", "step"};
    Obj *out[2] = {NULL, NULL};
    if (args_parse("count", args, nargs, kwnames, names, 2, 0, 2, out) < 0) return NULL;
    Obj *start = out[0] ? out[0] : MAKE_SMALL(0), *step = out[1] ? out[1] : MAKE_SMALL(1);
    if (!is_number(start) || !is_number(step)) return err_set_str(Exc_TypeError, "a number is required");
    countObj *c = (countObj *)it_alloc(type);
    if (!c) return NULL;
    c->fast = IS_SMALL(start) && IS_SMALL(step);
    if (c->fast) {
        c->cnt = SMALL_VALUE(start);
        c->istep = SMALL_VALUE(step);
    } else {
        c->start = NEWREF(start);
    }
    c->step = NEWREF(step);
    gc_track((Obj *)c);
    return (Obj *)c;
}

/* Leave fast mode: materialise the current value as an object. */
static int count_slow(countObj *c) {
    c->start = int_from_i64(c->cnt);
    if (!c->start) return -1;
    c->fast = false;
    return 0;
}

static Obj *count_next(Obj *o) {
    countObj *c = (countObj *)o;
    if (c->fast) {
        int64_t v = c->cnt, nv;
        if (!__builtin_add_overflow(v, c->istep, &nv) && FITS_SMALL(nv)) {
            c->cnt = nv;
            return MAKE_SMALL(v);
        }
        if (count_slow(c) < 0) return NULL;
    }
    Obj *nv = obj_binop(c->start, c->step, NB_ADD);
    if (!nv) return NULL;
    Obj *r = c->start;
    c->start = nv;
    return r;
}

static Obj *count_repr(Obj *o) {
    countObj *c = (countObj *)o;
    Obj *cur = c->fast ? int_from_i64(c->cnt) : NEWREF(c->start);
    if (!cur) return NULL;
    Obj *r;
    if (INT_CHECK(c->step) && obj_richcompare_bool(c->step, MAKE_SMALL(1), CMP_EQ) == 1)
        r = str_from_format("%s(%R)", type_name(TYPE(o)), cur);
    else
        r = str_from_format("%s(%R, %R)", type_name(TYPE(o)), cur, c->step);
    DECREF(cur);
    return r;
}

/* __reduce__: (count, (cur,)) while counting by int 1, else (count, (cur, step)). */
static Obj *count_reduce(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    countObj *c = (countObj *)self;
    Obj *cur = c->fast ? int_from_i64(c->cnt) : NEWREF(c->start);
    if (!cur) return NULL;
    bool unit = c->fast && IS_SMALL(c->step) && SMALL_VALUE(c->step) == 1;
    Obj *a = unit ? tuple_pack(1, cur) : tuple_pack(2, cur, c->step);
    DECREF(cur);
    if (!a) return NULL;
    Obj *r = tuple_pack(2, (Obj *)TYPE(self), a);
    DECREF(a);
    return r;
}

static const MethodDef count_methods[] = {
    {"__reduce__", count_reduce, METH_NOARGS, "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

DEALLOC_FN(count, countObj, s->start, s->step)
ITER_TYPE(Type_it_count, "itertools.count", count, .repr = count_repr, .methods = count_methods,
          .doc = "Return a count object whose .__next__() method returns consecutive values.");

/* ==== cycle ==== */

typedef struct {
    Obj ob;
    Obj *it;        /* NULL after the first pass */
    Obj *saved;     /* list */
    size_t index;
} cycleObj;

static Obj *cycle_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("cycle", nargs, kwnames, 1, 1) < 0) return NULL;
    Obj *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    Obj *saved = list_new(0);
    cycleObj *c = saved ? (cycleObj *)it_alloc(type) : NULL;
    if (!c) { DECREF(it); XDECREF(saved); return NULL; }
    c->it = it;
    c->saved = saved;
    gc_track((Obj *)c);
    return (Obj *)c;
}

static Obj *cycle_next(Obj *o) {
    cycleObj *c = (cycleObj *)o;
    if (c->it) {
        Obj *item = iter_next(c->it);
        if (item) {
            if (list_append(c->saved, item) < 0) { DECREF(item); return NULL; }
            return item;
        }
        if (err_occurred()) return NULL;
        CLEAR(c->it);
    }
    size_t n = LIST_SIZE(c->saved);
    if (n == 0) return NULL;
    if (c->index >= n) c->index = 0;
    Obj *item = NEWREF(LIST_GET(c->saved, c->index));
    if (++c->index >= n) c->index = 0;
    return item;
}

DEALLOC_FN(cycle, cycleObj, s->it, s->saved)
ITER_TYPE(Type_it_cycle, "itertools.cycle", cycle,
          .doc = "Return elements from the iterable until it is exhausted. Then repeat the sequence indefinitely.");

/* ==== repeat ==== */

typedef struct {
    Obj ob;
    Obj *element;
    intptr_t cnt;   /* -1: forever */
} repeatObj;

static Obj *repeat_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"object", "times"};
    Obj *out[2] = {NULL, NULL};
    if (args_parse("repeat", args, nargs, kwnames, names, 2, 1, 2, out) < 0) return NULL;
    intptr_t cnt = -1;
    if (out[1]) {
        int64_t v = obj_as_index_i64(out[1], Exc_OverflowError);
        if (v == -1 && err_occurred()) return NULL;
        cnt = v < 0 ? 0 : (intptr_t)v;
    }
    repeatObj *r = (repeatObj *)it_alloc(type);
    if (!r) return NULL;
    r->element = NEWREF(out[0]);
    r->cnt = cnt;
    gc_track((Obj *)r);
    return (Obj *)r;
}

static Obj *repeat_next(Obj *o) {
    repeatObj *r = (repeatObj *)o;
    if (r->cnt == 0) return NULL;
    if (r->cnt > 0) r->cnt--;
    return NEWREF(r->element);
}

static Obj *repeat_repr(Obj *o) {
    repeatObj *r = (repeatObj *)o;
    if (r->cnt == -1) return str_from_format("%s(%R)", type_name(TYPE(o)), r->element);
    return str_from_format("%s(%R, %zd)", type_name(TYPE(o)), r->element, r->cnt);
}

static Obj *repeat_length_hint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    repeatObj *r = (repeatObj *)self;
    if (r->cnt == -1) return err_set_str(Exc_TypeError, "len() of unsized object");
    return MAKE_SMALL(r->cnt);
}

static Obj *repeat_reduce(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    repeatObj *r = (repeatObj *)self;
    Obj *a = r->cnt >= 0 ? tuple_pack(2, r->element, MAKE_SMALL(r->cnt)) : tuple_pack(1, r->element);
    if (!a) return NULL;
    Obj *res = tuple_pack(2, (Obj *)TYPE(self), a);
    DECREF(a);
    return res;
}

static const MethodDef repeat_methods[] = {
    {"__reduce__", repeat_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__length_hint__", repeat_length_hint, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, 0, NULL},
};

DEALLOC_FN(repeat, repeatObj, s->element)
ITER_TYPE(Type_it_repeat, "itertools.repeat", repeat, .repr = repeat_repr, .methods = repeat_methods,
          .doc = "repeat(object [,times]) -> create an iterator which returns the object\n"
                 "for the specified number of times.  If not specified, returns the object\nendlessly.");

/* ==== chain ==== */

typedef struct {
    Obj ob;
    Obj *source;    /* iterator over the iterables; NULL when exhausted */
    Obj *active;    /* current iterator or NULL */
} chainObj;

static Obj *chain_make(Type *type, Obj *source) {
    chainObj *c = (chainObj *)it_alloc(type);
    if (!c) { DECREF(source); return NULL; }
    c->source = source;
    gc_track((Obj *)c);
    return (Obj *)c;
}

static Obj *chain_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) return err_set_str(Exc_TypeError, "chain() takes no keyword arguments");
    Obj *t = tuple_from_array(args, nargs);
    if (!t) return NULL;
    Obj *src = obj_get_iter(t);
    DECREF(t);
    if (!src) return NULL;
    return chain_make(type, src);
}

static Obj *chain_from_iterable(Obj *cls, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (nargs != 1 || (kwnames && TUPLE_SIZE(kwnames)))
        return err_format(Exc_TypeError, "chain.from_iterable() takes exactly one argument (%zu given)", nargs);
    Obj *src = obj_get_iter(args[0]);
    if (!src) return NULL;
    return chain_make((Type *)cls, src);
}

static Obj *chain_next(Obj *o) {
    chainObj *c = (chainObj *)o;
    while (c->source) {
        if (!c->active) {
            Obj *iterable = iter_next(c->source);
            if (!iterable) {
                CLEAR(c->source);
                return NULL;
            }
            c->active = obj_get_iter(iterable);
            DECREF(iterable);
            if (!c->active) { CLEAR(c->source); return NULL; }
        }
        Obj *item = iter_next(c->active);
        if (item) return item;
        if (err_occurred()) return NULL;
        CLEAR(c->active);
    }
    return NULL;
}

static const MethodDef chain_methods[] = {
    {"from_iterable", chain_from_iterable, METH_CLASS | METH_VARARGS | METH_KEYWORDS,
     "Alternative chain() constructor taking a single iterable argument that evaluates lazily."},
    {NULL, NULL, 0, NULL},
};

DEALLOC_FN(chain, chainObj, s->source, s->active)
ITER_TYPE(Type_it_chain, "itertools.chain", chain, .methods = chain_methods,
          .doc = "Return a chain object whose .__next__() method returns elements from the\n"
                 "first iterable until it is exhausted, then elements from the next\n"
                 "iterable, until all of the iterables are exhausted.");

/* ==== islice ==== */

typedef struct {
    Obj ob;
    Obj *it;
    intptr_t next, stop, step, cnt;
} isliceObj;

/* None -> dflt; an index -> its value; anything else (or overflow) -> -2 as "invalid". */
static intptr_t islice_arg(Obj *a, intptr_t dflt) {
    if (a == V_None) return dflt;
    int64_t v = obj_as_index_i64(a, Exc_OverflowError);
    if (v == -1 && err_occurred()) { err_clear(); return -2; }
    return v < 0 ? -2 : (intptr_t)v;
}

static Obj *islice_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("islice", nargs, kwnames, 2, 4) < 0) return NULL;
    intptr_t start = 0, stop = -1, step = 1;
    static const char bad_idx[] = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    if (nargs == 2) {
        stop = islice_arg(args[1], -1);
        if (stop == -2)
            return err_set_str(Exc_ValueError, "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    } else {
        start = islice_arg(args[1], 0);
        stop = islice_arg(args[2], -1);
        if (stop == -2)
            return err_set_str(Exc_ValueError, "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
        if (start == -2) return err_set_str(Exc_ValueError, bad_idx);
        if (nargs == 4) {
            step = args[3] == V_None ? 1 : islice_arg(args[3], -2);
            if (step < 1) return err_set_str(Exc_ValueError, "Step for islice() must be a positive integer or None.");
        }
    }
    Obj *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    isliceObj *s = (isliceObj *)it_alloc(type);
    if (!s) { DECREF(it); return NULL; }
    s->it = it;
    s->next = start;
    s->stop = stop;
    s->step = step;
    gc_track((Obj *)s);
    return (Obj *)s;
}

static Obj *islice_next(Obj *o) {
    isliceObj *s = (isliceObj *)o;
    if (!s->it) return NULL;
    while (s->cnt < s->next) {
        Obj *item = iter_next(s->it);
        if (!item) goto empty;
        DECREF(item);
        s->cnt++;
    }
    if (s->stop != -1 && s->cnt >= s->stop) goto empty;
    Obj *item = iter_next(s->it);
    if (!item) goto empty;
    s->cnt++;
    intptr_t old = s->next;
    s->next += s->step;
    if (s->next < old || (s->stop != -1 && s->next > s->stop)) s->next = s->stop;
    return item;
empty:
    CLEAR(s->it);
    return NULL;
}

DEALLOC_FN(islice, isliceObj, s->it)
ITER_TYPE(Type_it_islice, "itertools.islice", islice,
          .doc = "islice(iterable, stop) --> islice object\nislice(iterable, start, stop[, step]) --> islice object");

/* ==== accumulate ==== */

typedef struct {
    Obj ob;
    Obj *it, *func, *total, *initial;
} accumulateObj;

static Obj *accumulate_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"iterable", "func", "initial"};
    Obj *out[3] = {NULL, NULL, NULL};
    if (args_parse("accumulate", args, nargs, kwnames, names, 3, 1, 2, out) < 0) return NULL;
    Obj *it = obj_get_iter(out[0]);
    if (!it) return NULL;
    accumulateObj *a = (accumulateObj *)it_alloc(type);
    if (!a) { DECREF(it); return NULL; }
    a->it = it;
    a->func = out[1] && out[1] != V_None ? NEWREF(out[1]) : NULL;
    a->initial = out[2] && out[2] != V_None ? NEWREF(out[2]) : NULL;
    gc_track((Obj *)a);
    return (Obj *)a;
}

static Obj *accumulate_next(Obj *o) {
    accumulateObj *a = (accumulateObj *)o;
    if (a->initial) {
        a->total = a->initial;
        a->initial = NULL;
        return NEWREF(a->total);
    }
    Obj *val = iter_next(a->it);
    if (!val) return NULL;
    if (!a->total) {
        a->total = NEWREF(val);
        return val;
    }
    Obj *nt = a->func ? obj_call2(a->func, a->total, val) : obj_binop(a->total, val, NB_ADD);
    DECREF(val);
    if (!nt) return NULL;
    SETREF(a->total, NEWREF(nt));
    return nt;
}

DEALLOC_FN(accumulate, accumulateObj, s->it, s->func, s->total, s->initial)
ITER_TYPE(Type_it_accumulate, "itertools.accumulate", accumulate,
          .doc = "Return series of accumulated sums (or other binary function results).");

/* ==== takewhile / dropwhile / filterfalse (predicate + iterator) ==== */

typedef struct {
    Obj ob;
    Obj *func, *it;
    bool flag;      /* takewhile: stopped; dropwhile: started dropping is over */
} predObj;
typedef predObj takewhileObj, dropwhileObj, filterfalseObj;

static Obj *pred_make(Type *type, const char *name, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count(name, nargs, kwnames, 2, 2) < 0) return NULL;
    Obj *it = obj_get_iter(args[1]);
    if (!it) return NULL;
    predObj *p = (predObj *)it_alloc(type);
    if (!p) { DECREF(it); return NULL; }
    p->func = NEWREF(args[0]);
    p->it = it;
    gc_track((Obj *)p);
    return (Obj *)p;
}

/* Truth of func(item) (or of item when func is None for filterfalse); -1 on error. */
static int pred_test(Obj *func, Obj *item) {
    if (func == V_None) return obj_is_true(item);
    Obj *r = obj_call1(func, item);
    if (!r) return -1;
    int b = obj_is_true(r);
    DECREF(r);
    return b;
}

static Obj *takewhile_new(Type *t, Obj *const *a, size_t n, Obj *k) { return pred_make(t, "takewhile", a, n, k); }
static Obj *dropwhile_new(Type *t, Obj *const *a, size_t n, Obj *k) { return pred_make(t, "dropwhile", a, n, k); }
static Obj *filterfalse_new(Type *t, Obj *const *a, size_t n, Obj *k) { return pred_make(t, "filterfalse", a, n, k); }

static Obj *takewhile_next(Obj *o) {
    predObj *p = (predObj *)o;
    if (p->flag) return NULL;
    Obj *item = iter_next(p->it);
    if (!item) return NULL;
    int b = pred_test(p->func, item);
    if (b > 0) return item;
    DECREF(item);
    if (b == 0) p->flag = true;
    return NULL;
}

static Obj *dropwhile_next(Obj *o) {
    predObj *p = (predObj *)o;
    for (;;) {
        Obj *item = iter_next(p->it);
        if (!item) return NULL;
        if (p->flag) return item;
        int b = pred_test(p->func, item);
        if (b < 0) { DECREF(item); return NULL; }
        if (b == 0) { p->flag = true; return item; }
        DECREF(item);
    }
}

static Obj *filterfalse_next(Obj *o) {
    predObj *p = (predObj *)o;
    for (;;) {
        Obj *item = iter_next(p->it);
        if (!item) return NULL;
        int b = pred_test(p->func, item);
        if (b == 0) return item;
        DECREF(item);
        if (b < 0) return NULL;
    }
}

DEALLOC_FN(pred, predObj, s->func, s->it)
#define takewhile_dealloc pred_dealloc
#define takewhile_traverse pred_traverse
#define dropwhile_dealloc pred_dealloc
#define dropwhile_traverse pred_traverse
#define filterfalse_dealloc pred_dealloc
#define filterfalse_traverse pred_traverse
ITER_TYPE(Type_it_takewhile, "itertools.takewhile", takewhile,
          .doc = "Return successive entries from an iterable as long as the predicate evaluates to true for each entry.");
ITER_TYPE(Type_it_dropwhile, "itertools.dropwhile", dropwhile,
          .doc = "Drop items from the iterable while predicate(item) is true.");
ITER_TYPE(Type_it_filterfalse, "itertools.filterfalse", filterfalse,
          .doc = "Return those items of iterable for which function(item) is false.");

/* ==== starmap ==== */

typedef struct {
    Obj ob;
    Obj *func, *it;
} starmapObj;

static Obj *starmap_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("starmap", nargs, kwnames, 2, 2) < 0) return NULL;
    Obj *it = obj_get_iter(args[1]);
    if (!it) return NULL;
    starmapObj *s = (starmapObj *)it_alloc(type);
    if (!s) { DECREF(it); return NULL; }
    s->func = NEWREF(args[0]);
    s->it = it;
    gc_track((Obj *)s);
    return (Obj *)s;
}

static Obj *starmap_next(Obj *o) {
    starmapObj *s = (starmapObj *)o;
    Obj *a = iter_next(s->it);
    if (!a) return NULL;
    if (!IS_TYPE(a, &Type_tuple)) {
        Obj *t = seq_to_tuple(a);
        DECREF(a);
        if (!t) return NULL;
        a = t;
    }
    Obj *r = obj_call(s->func, TUPLE_ITEMS(a), TUPLE_SIZE(a), NULL);
    DECREF(a);
    return r;
}

DEALLOC_FN(starmap, starmapObj, s->func, s->it)
ITER_TYPE(Type_it_starmap, "itertools.starmap", starmap,
          .doc = "Return an iterator whose values are returned from the function evaluated with an argument tuple taken from the given sequence.");

/* ==== compress ==== */

typedef struct {
    Obj ob;
    Obj *data, *selectors;
} compressObj;

static Obj *compress_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"data", "selectors"};
    Obj *out[2] = {NULL, NULL};
    if (args_parse("compress", args, nargs, kwnames, names, 2, 2, 2, out) < 0) return NULL;
    Obj *d = obj_get_iter(out[0]);
    if (!d) return NULL;
    Obj *s = obj_get_iter(out[1]);
    if (!s) { DECREF(d); return NULL; }
    compressObj *c = (compressObj *)it_alloc(type);
    if (!c) { DECREF(d); DECREF(s); return NULL; }
    c->data = d;
    c->selectors = s;
    gc_track((Obj *)c);
    return (Obj *)c;
}

static Obj *compress_next(Obj *o) {
    compressObj *c = (compressObj *)o;
    for (;;) {
        Obj *d = iter_next(c->data);
        if (!d) return NULL;
        Obj *s = iter_next(c->selectors);
        if (!s) { DECREF(d); return NULL; }
        int b = obj_is_true(s);
        DECREF(s);
        if (b > 0) return d;
        DECREF(d);
        if (b < 0) return NULL;
    }
}

DEALLOC_FN(compress, compressObj, s->data, s->selectors)
ITER_TYPE(Type_it_compress, "itertools.compress", compress,
          .doc = "Return data elements corresponding to true selector elements.");

/* ==== pairwise ==== */

typedef struct {
    Obj ob;
    Obj *it, *old;
} pairwiseObj;

static Obj *pairwise_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("pairwise", nargs, kwnames, 1, 1) < 0) return NULL;
    Obj *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    pairwiseObj *p = (pairwiseObj *)it_alloc(type);
    if (!p) { DECREF(it); return NULL; }
    p->it = it;
    gc_track((Obj *)p);
    return (Obj *)p;
}

static Obj *pairwise_next(Obj *o) {
    pairwiseObj *p = (pairwiseObj *)o;
    if (!p->it) return NULL;
    if (!p->old) {
        p->old = iter_next(p->it);
        if (!p->old) { CLEAR(p->it); return NULL; }
    }
    Obj *nw = iter_next(p->it);
    if (!nw) { CLEAR(p->it); CLEAR(p->old); return NULL; }
    Obj *r = tuple_pack(2, p->old, nw);
    SETREF(p->old, nw);
    return r;
}

DEALLOC_FN(pairwise, pairwiseObj, s->it, s->old)
ITER_TYPE(Type_it_pairwise, "itertools.pairwise", pairwise,
          .doc = "Return an iterator of overlapping pairs taken from the input iterator.");

/* ==== zip_longest ==== */

typedef struct {
    Obj ob;
    Obj *iters;     /* tuple of iterators; exhausted slots are replaced by NULL in `live` */
    Obj **live;     /* per-iterator: borrowed from iters, NULL once exhausted */
    size_t n, active;
    Obj *fill;
} zip_longestObj;

static Obj *zip_longest_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *fill = V_None;
    if (kwnames) {
        for (size_t i = 0; i < TUPLE_SIZE(kwnames); i++) {
            if (!str_eq_cstr(TUPLE_GET(kwnames, i), "fillvalue"))
                return err_set_str(Exc_TypeError, "zip_longest() got an unexpected keyword argument");
            fill = args[nargs + i];
        }
    }
    Obj *iters = tuple_new(nargs);
    if (!iters) return NULL;
    for (size_t i = 0; i < nargs; i++) TUPLE_SET_STEAL(iters, i, NULL);
    for (size_t i = 0; i < nargs; i++) {
        Obj *it = obj_get_iter(args[i]);
        if (!it) {
            for (size_t j = i; j < nargs; j++) TUPLE_SET_STEAL(iters, j, NEWREF(V_None));
            DECREF(iters);
            return NULL;
        }
        TUPLE_SET_STEAL(iters, i, it);
    }
    Obj **live = vt_malloc((nargs ? nargs : 1) * sizeof(Obj *));
    zip_longestObj *z = live ? (zip_longestObj *)it_alloc(type) : NULL;
    if (!z) { vt_free(live); DECREF(iters); return NULL; }
    for (size_t i = 0; i < nargs; i++) live[i] = TUPLE_GET(iters, i);
    z->iters = iters;
    z->live = live;
    z->n = z->active = nargs;
    z->fill = NEWREF(fill);
    gc_track((Obj *)z);
    return (Obj *)z;
}

static Obj *zip_longest_next(Obj *o) {
    zip_longestObj *z = (zip_longestObj *)o;
    if (z->n == 0 || z->active == 0) return NULL;
    Obj *r = tuple_new(z->n);
    if (!r) return NULL;
    for (size_t i = 0; i < z->n; i++) TUPLE_SET_STEAL(r, i, NULL);
    for (size_t i = 0; i < z->n; i++) {
        Obj *item = NULL;
        if (z->live[i]) {
            item = iter_next(z->live[i]);
            if (!item) {
                if (err_occurred()) goto fail;
                z->live[i] = NULL;
                if (--z->active == 0) goto fail;
            }
        }
        TUPLE_SET_STEAL(r, i, item ? item : NEWREF(z->fill));
    }
    return r;
fail:
    z->active = 0;
    for (size_t i = 0; i < z->n; i++)
        if (!TUPLE_GET(r, i)) TUPLE_SET_STEAL(r, i, NEWREF(V_None));
    DECREF(r);
    return NULL;
}

static void zip_longest_dealloc(Obj *o) {
    ct_untrack(o);
    zip_longestObj *z = (zip_longestObj *)o;
    XDECREF(z->iters);
    XDECREF(z->fill);
    vt_free(z->live);
    obj_free(o);
}

static int zip_longest_traverse(Obj *o, visitproc visit, void *arg) {
    zip_longestObj *z = (zip_longestObj *)o;
    IT_VISIT(z->iters);
    IT_VISIT(z->fill);
    return 0;
}

ITER_TYPE(Type_it_zip_longest, "itertools.zip_longest", zip_longest,
          .doc = "Return a zip_longest object whose .__next__() method returns a tuple where\n"
                 "the i-th element comes from the i-th iterable argument.");

/* ==== module ==== */

static const MethodDef itertools_methods[] = {
    {"tee", itertools_tee, METH_VARARGS, "Returns a tuple of n independent iterators."},
    {NULL, NULL, 0, NULL},
};

static Type *const all_types[] = {
    &Type_it_count, &Type_it_cycle, &Type_it_repeat, &Type_it_chain, &Type_it_islice,
    &Type_it_accumulate, &Type_it_takewhile, &Type_it_dropwhile, &Type_it_filterfalse,
    &Type_it_starmap, &Type_it_compress, &Type_it_pairwise, &Type_it_zip_longest,
    &Type_it_product, &Type_it_permutations, &Type_it_combinations, &Type_it_cwr,
    &Type_it_groupby, &Type_it_grouper, &Type_it_tee, &Type_it_teedata,
};

Obj *modinit_itertools(void) {
    Obj *m = module_new("itertools");
    if (!m) return NULL;
    if (module_add_methods(m, itertools_methods) < 0) goto fail;
    for (size_t i = 0; i < sizeof all_types / sizeof all_types[0]; i++) {
        Type *t = all_types[i];
        if (!(t->flags & TPFLAG_READY) && type_ready(t) < 0) goto fail;
        const char *dot = strrchr(t->name, '.');
        if (module_add_object(m, dot ? dot + 1 : t->name, (Obj *)t) < 0) goto fail;
    }
    return m;
fail:
    DECREF(m);
    return NULL;
}
