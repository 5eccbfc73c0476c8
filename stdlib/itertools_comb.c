/* itertools_comb.c: itertools' combinatoric iterators (product, permutations, combinations,
 * combinations_with_replacement), groupby with its _grouper, and tee. The combinatoric ones
 * reuse their result tuple when the caller dropped it (refcount 1), as CPython does. */
#include "itertools.h"

/* Result tuple of r items pool[idx[i]] (or pools[i][idx[i]] when pools != NULL); reuses
 * *cache when nobody else holds it. Returns a new reference. */
static Obj *emit(Obj **cache, Obj *pool, Obj *const *pools, const intptr_t *idx, size_t r) {
    Obj *t = *cache;
    if (t && t->refcnt == 1 && r > 0) {
        for (size_t i = 0; i < r; i++) {
            Obj *src = pools ? pools[i] : pool;
            Obj *old = TUPLE_GET(t, i);
            TUPLE_SET_STEAL(t, i, NEWREF(TUPLE_GET(src, idx[i])));
            DECREF(old);
        }
        return NEWREF(t);
    }
    t = tuple_new(r);
    if (!t) return NULL;
    for (size_t i = 0; i < r; i++) {
        Obj *src = pools ? pools[i] : pool;
        TUPLE_SET_STEAL(t, i, NEWREF(TUPLE_GET(src, idx[i])));
    }
    SETREF(*cache, NEWREF(t));
    return t;
}

/* r argument as a non-negative size; -1 with error set. */
static intptr_t r_arg(Obj *o) {
    int64_t v = obj_as_index_i64(o, Exc_OverflowError);
    if (v == -1 && err_occurred()) return -1;
    if (v < 0) { err_set_str(Exc_ValueError, "r must be non-negative"); return -1; }
    return (intptr_t)v;
}

/* Common state of the combinatoric iterators. */
typedef struct {
    Obj ob;
    Obj *pool;          /* tuple (product: tuple of pool tuples, repeated) */
    Obj *result;        /* last result tuple (reused) or NULL */
    intptr_t *indices;
    intptr_t *cycles;   /* permutations only */
    size_t n, r;
    bool started, stopped;
} combObj;

static void comb_dealloc(Obj *o) {
    ct_untrack(o);
    combObj *c = (combObj *)o;
    XDECREF(c->pool);
    XDECREF(c->result);
    vt_free(c->indices);
    vt_free(c->cycles);
    obj_free(o);
}

static int comb_traverse(Obj *o, visitproc visit, void *arg) {
    combObj *c = (combObj *)o;
    IT_VISIT(c->pool);
    IT_VISIT(c->result);
    return 0;
}

/* Allocate a combObj over pool (stolen) with r indices (and cycles if want_cycles). */
static Obj *comb_make(Type *type, Obj *pool, size_t n, size_t r, bool want_cycles) {
    intptr_t *idx = vt_calloc(r ? r : 1, sizeof(intptr_t));
    intptr_t *cyc = want_cycles ? vt_calloc(r ? r : 1, sizeof(intptr_t)) : NULL;
    combObj *c = (idx && (cyc || !want_cycles)) ? (combObj *)type_generic_alloc(type, 0) : NULL;
    if (!c) { vt_free(idx); vt_free(cyc); DECREF(pool); return NULL; }
    c->pool = pool;
    c->indices = idx;
    c->cycles = cyc;
    c->n = n;
    c->r = r;
    gc_track((Obj *)c);
    return (Obj *)c;
}

/* ==== product ==== */

static Obj *product_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    intptr_t repeat = 1;
    if (kwnames && TUPLE_SIZE(kwnames)) {
        size_t nk = TUPLE_SIZE(kwnames);
        if (nk != 1 || !str_eq_cstr(TUPLE_GET(kwnames, 0), "repeat")) {
            if (nk != 1)
                return err_format(Exc_TypeError, "product() takes at most 1 keyword argument (%zu given)", nk);
            return err_format(Exc_TypeError, "product() got an unexpected keyword argument '%U'", TUPLE_GET(kwnames, 0));
        }
        int64_t v = obj_as_index_i64(args[nargs], Exc_OverflowError);
        if (v == -1 && err_occurred()) return NULL;
        if (v < 0) return err_set_str(Exc_ValueError, "repeat argument cannot be negative");
        repeat = (intptr_t)v;
    }
    size_t npools = nargs * (size_t)repeat;
    if (repeat && npools / (size_t)repeat != nargs) return err_set_str(Exc_OverflowError, "repeat argument too large");
    Obj *pools = tuple_new(npools);
    if (!pools) return NULL;
    for (size_t i = 0; i < npools; i++) TUPLE_SET_STEAL(pools, i, NULL);
    for (size_t i = 0; i < nargs; i++) {
        Obj *t = seq_to_tuple(args[i]);
        if (!t) {
            for (size_t j = 0; j < npools; j++)
                if (!TUPLE_GET(pools, j)) TUPLE_SET_STEAL(pools, j, NEWREF(V_None));
            DECREF(pools);
            return NULL;
        }
        for (intptr_t k = 0; k < repeat; k++) TUPLE_SET_STEAL(pools, (size_t)k * nargs + i, NEWREF(t));
        DECREF(t);
    }
    return comb_make(type, pools, npools, npools, false);
}

static Obj *product_next(Obj *o) {
    combObj *c = (combObj *)o;
    if (c->stopped) return NULL;
    Obj *const *pools = TUPLE_ITEMS(c->pool);
    size_t np = c->r;
    if (!c->started) {
        c->started = true;
        for (size_t i = 0; i < np; i++)
            if (TUPLE_SIZE(pools[i]) == 0) { c->stopped = true; return NULL; }
    } else {
        size_t i = np;
        for (;;) {
            if (i == 0) { c->stopped = true; return NULL; }
            i--;
            if ((size_t)++c->indices[i] < TUPLE_SIZE(pools[i])) break;
            c->indices[i] = 0;
        }
    }
    return emit(&c->result, NULL, pools, c->indices, np);
}

Type Type_it_product = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "itertools.product",
    .basicsize = sizeof(combObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "Cartesian product of input iterables.  Equivalent to nested for-loops.",
    .dealloc = comb_dealloc,
    .traverse = comb_traverse,
    .new = product_new,
    .iter = it_self,
    .iternext = product_next,
};

/* ==== combinations ==== */

static Obj *combinations_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"iterable", "r"};
    Obj *out[2] = {NULL, NULL};
    if (args_parse("combinations", args, nargs, kwnames, names, 2, 2, 2, out) < 0) return NULL;
    Obj *pool = seq_to_tuple(out[0]);
    if (!pool) return NULL;
    intptr_t r = r_arg(out[1]);
    if (r < 0) { DECREF(pool); return NULL; }
    combObj *c = (combObj *)comb_make(type, pool, TUPLE_SIZE(pool), (size_t)r, false);
    if (c) {
        for (intptr_t i = 0; i < r; i++) c->indices[i] = i;
        c->stopped = (size_t)r > c->n;
    }
    return (Obj *)c;
}

static Obj *combinations_next(Obj *o) {
    combObj *c = (combObj *)o;
    if (c->stopped) return NULL;
    size_t n = c->n, r = c->r;
    if (c->started) {
        intptr_t i = (intptr_t)r - 1;
        while (i >= 0 && c->indices[i] == i + (intptr_t)(n - r)) i--;
        if (i < 0) { c->stopped = true; return NULL; }
        c->indices[i]++;
        for (size_t j = (size_t)i + 1; j < r; j++) c->indices[j] = c->indices[j - 1] + 1;
    }
    c->started = true;
    return emit(&c->result, c->pool, NULL, c->indices, r);
}

Type Type_it_combinations = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "itertools.combinations",
    .basicsize = sizeof(combObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "Return successive r-length combinations of elements in the iterable.",
    .dealloc = comb_dealloc,
    .traverse = comb_traverse,
    .new = combinations_new,
    .iter = it_self,
    .iternext = combinations_next,
};

/* ==== combinations_with_replacement ==== */

static Obj *cwr_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"iterable", "r"};
    Obj *out[2] = {NULL, NULL};
    if (args_parse("combinations_with_replacement", args, nargs, kwnames, names, 2, 2, 2, out) < 0) return NULL;
    Obj *pool = seq_to_tuple(out[0]);
    if (!pool) return NULL;
    intptr_t r = r_arg(out[1]);
    if (r < 0) { DECREF(pool); return NULL; }
    combObj *c = (combObj *)comb_make(type, pool, TUPLE_SIZE(pool), (size_t)r, false);
    if (c) c->stopped = c->n == 0 && r > 0;
    return (Obj *)c;
}

static Obj *cwr_next(Obj *o) {
    combObj *c = (combObj *)o;
    if (c->stopped) return NULL;
    size_t n = c->n, r = c->r;
    if (c->started) {
        intptr_t i = (intptr_t)r - 1;
        while (i >= 0 && c->indices[i] == (intptr_t)n - 1) i--;
        if (i < 0) { c->stopped = true; return NULL; }
        intptr_t v = c->indices[i] + 1;
        for (size_t j = (size_t)i; j < r; j++) c->indices[j] = v;
    }
    c->started = true;
    return emit(&c->result, c->pool, NULL, c->indices, r);
}

Type Type_it_cwr = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "itertools.combinations_with_replacement",
    .basicsize = sizeof(combObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "Return successive r-length combinations of elements in the iterable allowing individual elements to have successive repeats.",
    .dealloc = comb_dealloc,
    .traverse = comb_traverse,
    .new = cwr_new,
    .iter = it_self,
    .iternext = cwr_next,
};

/* ==== permutations ==== */

static Obj *permutations_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"iterable", "r"};
    Obj *out[2] = {NULL, NULL};
    if (args_parse("permutations", args, nargs, kwnames, names, 2, 1, 2, out) < 0) return NULL;
    Obj *pool = seq_to_tuple(out[0]);
    if (!pool) return NULL;
    size_t n = TUPLE_SIZE(pool);
    intptr_t r = (intptr_t)n;
    if (out[1] && out[1] != V_None) {
        if (!INT_CHECK(out[1])) { DECREF(pool); return err_set_str(Exc_TypeError, "Expected int as r"); }
        r = r_arg(out[1]);
        if (r < 0) { DECREF(pool); return NULL; }
    }
    combObj *c = (combObj *)comb_make(type, pool, n, (size_t)r, true);
    if (!c) return NULL;
    vt_free(c->indices);
    c->indices = vt_calloc(n ? n : 1, sizeof(intptr_t));
    if (!c->indices) { DECREF((Obj *)c); return NULL; }
    for (size_t i = 0; i < n; i++) c->indices[i] = (intptr_t)i;
    for (intptr_t i = 0; i < r && (size_t)r <= n; i++) c->cycles[i] = (intptr_t)n - i;
    c->stopped = (size_t)r > n;
    return (Obj *)c;
}

static Obj *permutations_next(Obj *o) {
    combObj *c = (combObj *)o;
    if (c->stopped) return NULL;
    size_t n = c->n, r = c->r;
    if (c->started) {
        if (n == 0) { c->stopped = true; return NULL; }
        intptr_t i = (intptr_t)r - 1;
        for (; i >= 0; i--) {
            if (--c->cycles[i] == 0) {
                /* rotate indices[i:] left by one */
                intptr_t first = c->indices[i];
                for (size_t j = (size_t)i; j < n - 1; j++) c->indices[j] = c->indices[j + 1];
                c->indices[n - 1] = first;
                c->cycles[i] = (intptr_t)n - i;
            } else {
                intptr_t j = c->cycles[i];
                intptr_t t = c->indices[i];
                c->indices[i] = c->indices[n - j];
                c->indices[n - j] = t;
                break;
            }
        }
        if (i < 0) { c->stopped = true; return NULL; }
    }
    c->started = true;
    return emit(&c->result, c->pool, NULL, c->indices, r);
}

Type Type_it_permutations = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "itertools.permutations",
    .basicsize = sizeof(combObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "Return successive r-length permutations of elements in the iterable.",
    .dealloc = comb_dealloc,
    .traverse = comb_traverse,
    .new = permutations_new,
    .iter = it_self,
    .iternext = permutations_next,
};

/* ==== groupby ==== */

typedef struct {
    Obj ob;
    Obj *it, *keyfunc, *tgtkey, *currkey, *currvalue;
    Obj *currgrouper;   /* borrowed: the live _grouper, to invalidate older ones */
} groupbyObj;

typedef struct {
    Obj ob;
    Obj *parent, *tgtkey;
} grouperObj;

static Obj *groupby_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"iterable", "key"};
    Obj *out[2] = {NULL, NULL};
    if (args_parse("groupby", args, nargs, kwnames, names, 2, 1, 2, out) < 0) return NULL;
    Obj *it = obj_get_iter(out[0]);
    if (!it) return NULL;
    groupbyObj *g = (groupbyObj *)type_generic_alloc(type, 0);
    if (!g) { DECREF(it); return NULL; }
    g->it = it;
    g->keyfunc = out[1] && out[1] != V_None ? NEWREF(out[1]) : NULL;
    gc_track((Obj *)g);
    return (Obj *)g;
}

/* Advance to the next value: 0 ok, -1 exhausted (no error) or error. */
static int groupby_step(groupbyObj *g) {
    Obj *v = iter_next(g->it);
    if (!v) return -1;
    Obj *k;
    if (g->keyfunc) {
        k = obj_call1(g->keyfunc, v);
        if (!k) { DECREF(v); return -1; }
    } else {
        k = NEWREF(v);
    }
    SETREF(g->currvalue, v);
    SETREF(g->currkey, k);
    return 0;
}

static Obj *groupby_next(Obj *o) {
    groupbyObj *g = (groupbyObj *)o;
    g->currgrouper = NULL;
    for (;;) {
        if (!g->currkey) {
            /* need a value */
        } else if (!g->tgtkey) {
            break;
        } else {
            int c = obj_richcompare_bool(g->tgtkey, g->currkey, CMP_EQ);
            if (c < 0) return NULL;
            if (c == 0) break;
        }
        if (groupby_step(g) < 0) return NULL;
    }
    SETREF(g->tgtkey, NEWREF(g->currkey));
    grouperObj *gr = (grouperObj *)type_generic_alloc(&Type_it_grouper, 0);
    if (!gr) return NULL;
    gr->parent = NEWREF(o);
    gr->tgtkey = NEWREF(g->tgtkey);
    gc_track((Obj *)gr);
    g->currgrouper = (Obj *)gr;
    Obj *r = tuple_pack(2, g->currkey, (Obj *)gr);
    DECREF((Obj *)gr);
    return r;
}

static void groupby_dealloc(Obj *o) {
    ct_untrack(o);
    groupbyObj *g = (groupbyObj *)o;
    XDECREF(g->it);
    XDECREF(g->keyfunc);
    XDECREF(g->tgtkey);
    XDECREF(g->currkey);
    XDECREF(g->currvalue);
    obj_free(o);
}

static int groupby_traverse(Obj *o, visitproc visit, void *arg) {
    groupbyObj *g = (groupbyObj *)o;
    IT_VISIT(g->it);
    IT_VISIT(g->keyfunc);
    IT_VISIT(g->tgtkey);
    IT_VISIT(g->currkey);
    IT_VISIT(g->currvalue);
    return 0;
}

Type Type_it_groupby = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "itertools.groupby",
    .basicsize = sizeof(groupbyObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "make an iterator that returns consecutive keys and groups from the iterable",
    .dealloc = groupby_dealloc,
    .traverse = groupby_traverse,
    .new = groupby_new,
    .iter = it_self,
    .iternext = groupby_next,
};

static Obj *grouper_next(Obj *o) {
    grouperObj *gr = (grouperObj *)o;
    groupbyObj *g = (groupbyObj *)gr->parent;
    if (g->currgrouper != o) return NULL;
    if (!g->currvalue && groupby_step(g) < 0) return NULL;
    int c = obj_richcompare_bool(gr->tgtkey, g->currkey, CMP_EQ);
    if (c <= 0) return NULL;
    Obj *r = g->currvalue;
    g->currvalue = NULL;
    CLEAR(g->currkey);
    return r;
}

static void grouper_dealloc(Obj *o) {
    ct_untrack(o);
    grouperObj *gr = (grouperObj *)o;
    XDECREF(gr->parent);
    XDECREF(gr->tgtkey);
    obj_free(o);
}

static int grouper_traverse(Obj *o, visitproc visit, void *arg) {
    grouperObj *gr = (grouperObj *)o;
    IT_VISIT(gr->parent);
    IT_VISIT(gr->tgtkey);
    return 0;
}

Type Type_it_grouper = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "itertools._grouper",
    .basicsize = sizeof(grouperObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = grouper_dealloc,
    .traverse = grouper_traverse,
    .iter = it_self,
    .iternext = grouper_next,
};

/* ==== tee ====
 * The iterators share a linked list of fixed-size chunks of read values; each tee holds its
 * chunk and position, so chunks that every tee has passed are freed by refcounting. */

#define TEE_CHUNK 57

typedef struct TeeDataObj {
    Obj ob;
    Obj *it;                /* the shared source iterator */
    Obj *next;              /* the following chunk or NULL */
    int numread;
    bool running;           /* guards re-entrant reads */
    Obj *values[TEE_CHUNK];
} TeeDataObj;

typedef struct {
    Obj ob;
    TeeDataObj *data;
    int index;
} TeeObj;

static TeeDataObj *teedata_new(Obj *it) {
    TeeDataObj *d = (TeeDataObj *)gc_alloc(&Type_it_teedata, sizeof(TeeDataObj));
    if (!d) return NULL;
    d->it = NEWREF(it);
    gc_track((Obj *)d);
    return d;
}

static void teedata_dealloc(Obj *o) {
    ct_untrack(o);
    TeeDataObj *d = (TeeDataObj *)o;
    for (int i = 0; i < d->numread; i++) DECREF(d->values[i]);
    XDECREF(d->it);
    /* Free a long chain iteratively to avoid deep recursion. */
    Obj *nx = d->next;
    obj_free(o);
    while (nx && nx->refcnt == 1) {
        TeeDataObj *n = (TeeDataObj *)nx;
        nx = n->next;
        n->next = NULL;
        DECREF((Obj *)n);
    }
    XDECREF(nx);
}

static int teedata_traverse(Obj *o, visitproc visit, void *arg) {
    TeeDataObj *d = (TeeDataObj *)o;
    IT_VISIT(d->it);
    for (int i = 0; i < d->numread; i++) IT_VISIT(d->values[i]);
    IT_VISIT(d->next);
    return 0;
}

Type Type_it_teedata = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "itertools._tee_dataobject",
    .basicsize = sizeof(TeeDataObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = teedata_dealloc,
    .traverse = teedata_traverse,
};

static Obj *tee_from_iterator(Type *type, Obj *it) {
    TeeDataObj *d = teedata_new(it);
    if (!d) return NULL;
    TeeObj *t = (TeeObj *)type_generic_alloc(type, 0);
    if (!t) { DECREF((Obj *)d); return NULL; }
    t->data = d;
    gc_track((Obj *)t);
    return (Obj *)t;
}

static Obj *tee_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("_tee", nargs, kwnames, 1, 1) < 0) return NULL;
    Obj *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    Obj *r = tee_from_iterator(type, it);
    DECREF(it);
    return r;
}

static Obj *tee_next(Obj *o) {
    TeeObj *t = (TeeObj *)o;
    if (t->index >= TEE_CHUNK) {
        TeeDataObj *d = t->data;
        if (!d->next) {
            d->next = (Obj *)teedata_new(d->it);
            if (!d->next) return NULL;
        }
        TeeDataObj *nd = (TeeDataObj *)NEWREF(d->next);
        SETREF(t->data, nd);
        t->index = 0;
    }
    TeeDataObj *d = t->data;
    if (t->index < d->numread) return NEWREF(d->values[t->index++]);
    if (d->running) return err_set_str(Exc_RuntimeError, "cannot re-enter the tee iterator");
    d->running = true;
    Obj *v = iter_next(d->it);
    d->running = false;
    if (!v) return NULL;
    d->values[d->numread++] = v;
    t->index++;
    return NEWREF(v);
}

static Obj *tee_copy_obj(Obj *o) {
    TeeObj *t = (TeeObj *)o;
    TeeObj *c = (TeeObj *)type_generic_alloc(&Type_it_tee, 0);
    if (!c) return NULL;
    c->data = (TeeDataObj *)NEWREF((Obj *)t->data);
    c->index = t->index;
    gc_track((Obj *)c);
    return (Obj *)c;
}

static Obj *tee_copy(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) { return tee_copy_obj(self); }

static void tee_dealloc(Obj *o) {
    ct_untrack(o);
    XDECREF((Obj *)((TeeObj *)o)->data);
    obj_free(o);
}

static int tee_traverse(Obj *o, visitproc visit, void *arg) {
    IT_VISIT(((TeeObj *)o)->data);
    return 0;
}

static const MethodDef tee_methods[] = {
    {"__copy__", tee_copy, METH_NOARGS, "Returns an independent iterator."},
    {NULL, NULL, 0, NULL},
};

Type Type_it_tee = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "itertools._tee",
    .basicsize = sizeof(TeeObj),
    .flags = TPFLAG_HAVE_GC,
    .doc = "Iterator wrapped to make it copyable.",
    .dealloc = tee_dealloc,
    .traverse = tee_traverse,
    .new = tee_new,
    .iter = it_self,
    .iternext = tee_next,
    .methods = tee_methods,
};

/* tee(iterable, n=2): n independent iterators; reuses the iterator's __copy__ if it has one. */
Obj *itertools_tee(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("tee", nargs, kwnames, 1, 2) < 0) return NULL;
    intptr_t n = 2;
    if (nargs == 2) {
        int64_t v = obj_as_index_i64(args[1], Exc_OverflowError);
        if (v == -1 && err_occurred()) return NULL;
        if (v < 0) return err_set_str(Exc_ValueError, "n must be >= 0");
        n = (intptr_t)v;
    }
    Obj *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    Obj *res = tuple_new((size_t)n);
    if (!res) { DECREF(it); return NULL; }
    if (n == 0) { DECREF(it); return res; }
    for (intptr_t i = 0; i < n; i++) TUPLE_SET_STEAL(res, i, NEWREF(V_None));
    Obj *copyname = str_from_cstr("__copy__");
    Obj *copier = copyname ? obj_getattr_opt(it, copyname) : NULL;
    XDECREF(copyname);
    if (err_occurred()) goto fail;
    Obj *first;
    if (copier) {
        DECREF(copier);
        first = NEWREF(it);
    } else {
        first = tee_from_iterator(&Type_it_tee, it);
        if (!first) goto fail;
    }
    SETREF(TUPLE_ITEMS(res)[0], first);
    for (intptr_t i = 1; i < n; i++) {
        Obj *c = obj_call_method(first, NAME(__copy__), NULL, 0);
        if (!c) goto fail;
        SETREF(TUPLE_ITEMS(res)[i], c);
    }
    DECREF(it);
    return res;
fail:
    DECREF(it);
    DECREF(res);
    return NULL;
}
