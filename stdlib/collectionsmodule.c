/* collectionsmodule.c: _collections: deque (a ring buffer with optional maxlen) and
 * defaultdict (a dict subclass whose __missing__ calls default_factory). */
#include <string.h>
#include "dict.h"
#include "gc.h"
#include "vm.h"
#include "modules.h"

/* ==== deque ==== */

typedef struct DequeObj {
    Obj ob;
    Obj **buf;          /* ring buffer of cap slots */
    size_t cap, head, size;
    intptr_t maxlen;    /* -1: unbounded */
    uint64_t state;     /* bumped on every mutation: iterators detect changes */
} DequeObj;

extern Type Type_deque, Type_deque_iterator, Type_deque_reverse_iterator, Type_defaultdict;

#define DQ(o) ((DequeObj *)(o))
#define AT(d, i) ((d)->buf[((d)->head + (i)) % (d)->cap])
#define DEQUE_CHECK(o) (!IS_SMALL(o) && (TYPE(o) == &Type_deque || type_is_subtype(TYPE(o), &Type_deque)))

static int dq_grow(DequeObj *d) {
    size_t ncap = d->cap ? d->cap * 2 : 8;
    Obj **nb = vt_malloc(ncap * sizeof(Obj *));
    if (!nb) return -1;
    for (size_t i = 0; i < d->size; i++) nb[i] = AT(d, i);
    vt_free(d->buf);
    d->buf = nb;
    d->cap = ncap;
    d->head = 0;
    return 0;
}

static Obj *dq_popleft_raw(DequeObj *d) {
    Obj *v = d->buf[d->head];
    d->head = (d->head + 1) % d->cap;
    d->size--;
    d->state++;
    return v;
}

static Obj *dq_pop_raw(DequeObj *d) {
    Obj *v = AT(d, d->size - 1);
    d->size--;
    d->state++;
    return v;
}

/* Append, stealing v; drops from the other end when maxlen is reached. */
static int dq_append_steal(DequeObj *d, Obj *v) {
    if (d->maxlen == 0) { DECREF(v); return 0; }
    if (d->size == d->cap && dq_grow(d) < 0) { DECREF(v); return -1; }
    d->buf[(d->head + d->size) % d->cap] = v;
    d->size++;
    d->state++;
    if (d->maxlen >= 0 && d->size > (size_t)d->maxlen) DECREF(dq_popleft_raw(d));
    return 0;
}

static int dq_appendleft_steal(DequeObj *d, Obj *v) {
    if (d->maxlen == 0) { DECREF(v); return 0; }
    if (d->size == d->cap && dq_grow(d) < 0) { DECREF(v); return -1; }
    d->head = (d->head + d->cap - 1) % d->cap;
    d->buf[d->head] = v;
    d->size++;
    d->state++;
    if (d->maxlen >= 0 && d->size > (size_t)d->maxlen) DECREF(dq_pop_raw(d));
    return 0;
}

static void dq_clear(DequeObj *d) {
    Obj **buf = d->buf;
    size_t n = d->size, head = d->head, cap = d->cap;
    d->buf = NULL;
    d->size = d->cap = d->head = 0;
    d->state++;
    for (size_t i = 0; i < n; i++) DECREF(buf[(head + i) % cap]);
    vt_free(buf);
}

static int dq_extend(DequeObj *d, Obj *iterable, bool left) {
    if (iterable == (Obj *)d) {
        Obj *copy = seq_to_list(iterable);
        if (!copy) return -1;
        int r = dq_extend(d, copy, left);
        DECREF(copy);
        return r;
    }
    Obj *it = obj_get_iter(iterable);
    if (!it) return -1;
    Obj *v;
    while ((v = iter_next(it)) != NULL) {
        if ((left ? dq_appendleft_steal(d, v) : dq_append_steal(d, v)) < 0) { DECREF(it); return -1; }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

static Obj *deque_tp_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *o = type == &Type_deque ? gc_alloc(type, sizeof(DequeObj)) : type_generic_alloc(type, 0);
    if (!o) return NULL;
    DQ(o)->maxlen = -1;
    gc_track(o);
    return o;
}

static int deque_tp_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"iterable", "maxlen"};
    Obj *out[2] = {NULL, NULL};
    if (args_parse("deque", args, nargs, kwnames, names, 2, 0, 2, out) < 0) return -1;
    DequeObj *d = DQ(self);
    intptr_t maxlen = -1;
    if (out[1] && out[1] != V_None) {
        if (!INT_CHECK(out[1])) {
            err_set_str(Exc_TypeError, "an integer is required");
            return -1;
        }
        int64_t v = obj_as_index_i64(out[1], Exc_OverflowError);
        if (v == -1 && err_occurred()) return -1;
        if (v < 0) { err_set_str(Exc_ValueError, "maxlen must be non-negative"); return -1; }
        maxlen = (intptr_t)v;
    }
    d->maxlen = maxlen;
    if (d->size) dq_clear(d);
    if (out[0]) return dq_extend(d, out[0], false);
    return 0;
}

static void deque_dealloc(Obj *o) {
    ct_untrack(o);
    if (ct_trash_begin(o, deque_dealloc)) return;
    dq_clear(DQ(o));
    obj_free(o);
    ct_trash_end();
}

static int deque_traverse(Obj *o, visitproc visit, void *arg) {
    DequeObj *d = DQ(o);
    for (size_t i = 0; i < d->size; i++) {
        int r = visit(AT(d, i), arg);
        if (r) return r;
    }
    return 0;
}

static int deque_tp_clear(Obj *o) { dq_clear(DQ(o)); return 0; }

static Obj *deque_repr(Obj *o) {
    int r = repr_enter(o);
    if (r != 0) return r > 0 ? str_from_cstr("[...]") : NULL;
    Obj *l = seq_to_list(o);
    Obj *s = NULL;
    if (l) {
        if (DQ(o)->maxlen >= 0)
            s = str_from_format("%s(%R, maxlen=%zd)", type_name(TYPE(o)), l, DQ(o)->maxlen);
        else
            s = str_from_format("%s(%R)", type_name(TYPE(o)), l);
        DECREF(l);
    }
    repr_leave(o);
    return s;
}

static intptr_t deque_len(Obj *o) { return (intptr_t)DQ(o)->size; }

static int deque_index_arg(DequeObj *d, Obj *key, size_t *out) {
    if (!(IS_SMALL(key) || TYPE(key)->index)) {
        err_format(Exc_TypeError, "sequence index must be integer, not '%T'", key);
        return -1;
    }
    intptr_t i = seq_index_from_obj(key);
    if (i == -1 && err_occurred()) return -1;
    if (i < 0) i += (intptr_t)d->size;
    if (i < 0 || (size_t)i >= d->size) {
        err_set_str(Exc_IndexError, "deque index out of range");
        return -1;
    }
    *out = (size_t)i;
    return 0;
}

static Obj *deque_getitem(Obj *o, Obj *key) {
    size_t i;
    if (deque_index_arg(DQ(o), key, &i) < 0) return NULL;
    return NEWREF(AT(DQ(o), i));
}

/* Remove the item at index i (rotating the shorter side). */
static void dq_del_at(DequeObj *d, size_t i) {
    Obj *victim = AT(d, i);
    if (i < d->size / 2) {
        for (size_t j = i; j > 0; j--) AT(d, j) = AT(d, j - 1);
        d->head = (d->head + 1) % d->cap;
    } else {
        for (size_t j = i; j + 1 < d->size; j++) AT(d, j) = AT(d, j + 1);
    }
    d->size--;
    d->state++;
    DECREF(victim);
}

static int deque_setitem(Obj *o, Obj *key, Obj *value) {
    DequeObj *d = DQ(o);
    size_t i;
    if (deque_index_arg(d, key, &i) < 0) return -1;
    if (!value) { dq_del_at(d, i); return 0; }
    SETREF(AT(d, i), NEWREF(value));
    return 0;
}

static int deque_contains(Obj *o, Obj *x) {
    DequeObj *d = DQ(o);
    uint64_t state = d->state;
    for (size_t i = 0; i < d->size; i++) {
        Obj *item = NEWREF(AT(d, i));
        int k = obj_richcompare_bool(item, x, CMP_EQ);
        DECREF(item);
        if (k) return k;
        if (state != d->state) {
            err_set_str(Exc_RuntimeError, "deque mutated during iteration");
            return -1;
        }
    }
    return 0;
}

static Obj *deque_copy_obj(Obj *o) {
    DequeObj *d = DQ(o);
    if (IS_TYPE(o, &Type_deque)) {
        Obj *r = deque_tp_new(&Type_deque, NULL, 0, NULL);
        if (!r) return NULL;
        DQ(r)->maxlen = d->maxlen;
        for (size_t i = 0; i < d->size; i++)
            if (dq_append_steal(DQ(r), NEWREF(AT(d, i))) < 0) { DECREF(r); return NULL; }
        return r;
    }
    Obj *args[2] = {o, d->maxlen >= 0 ? MAKE_SMALL(d->maxlen) : V_None};
    return obj_call((Obj *)TYPE(o), args, 2, NULL);
}

static Obj *deque_richcompare(Obj *v, Obj *w, int op) {
    if (!DEQUE_CHECK(v) || !DEQUE_CHECK(w)) return NEWREF(V_NotImplemented);
    Obj *a = seq_to_list(v);
    if (!a) return NULL;
    Obj *b = seq_to_list(w);
    if (!b) { DECREF(a); return NULL; }
    Obj *r = obj_richcompare(a, b, op);
    DECREF(a);
    DECREF(b);
    return r;
}

static Obj *deque_binop(Obj *a, Obj *b, int op) {
    if (op == NB_ADD) {
        if (!DEQUE_CHECK(a)) return NEWREF(V_NotImplemented);
        if (!DEQUE_CHECK(b))
            return err_format(Exc_TypeError, "can only concatenate deque (not \"%T\") to deque", b);
        Obj *r = deque_copy_obj(a);
        if (!r) return NULL;
        if (dq_extend(DQ(r), b, false) < 0) { DECREF(r); return NULL; }
        return r;
    }
    if (op == NB_MULTIPLY) {
        Obj *dq = DEQUE_CHECK(a) ? a : b, *n = dq == a ? b : a;
        if (!(IS_SMALL(n) || TYPE(n)->index)) return NEWREF(V_NotImplemented);
        intptr_t k = seq_index_from_obj(n);
        if (k == -1 && err_occurred()) return NULL;
        Obj *r = deque_copy_obj(dq);
        if (!r) return NULL;
        DequeObj *d = DQ(r);
        size_t base = d->size;
        if (k <= 0) { dq_clear(d); return r; }
        for (intptr_t rep = 1; rep < k; rep++) {
            for (size_t i = 0; i < base; i++)
                if (dq_append_steal(d, NEWREF(AT(DQ(dq), i))) < 0) { DECREF(r); return NULL; }
            if (d->maxlen >= 0 && d->size >= (size_t)d->maxlen && rep * (intptr_t)base > d->maxlen * 2) break;
        }
        return r;
    }
    return NEWREF(V_NotImplemented);
}

static Obj *deque_inplace(Obj *a, Obj *b, int op) {
    if (op == NB_ADD) {
        if (dq_extend(DQ(a), b, false) < 0) return NULL;
        return NEWREF(a);
    }
    if (op == NB_MULTIPLY) {
        if (!(IS_SMALL(b) || TYPE(b)->index)) return NEWREF(V_NotImplemented);
        intptr_t k = seq_index_from_obj(b);
        if (k == -1 && err_occurred()) return NULL;
        DequeObj *d = DQ(a);
        if (k <= 0) { dq_clear(d); return NEWREF(a); }
        size_t base = d->size;
        Obj *copy = seq_to_list(a);
        if (!copy) return NULL;
        for (intptr_t rep = 1; rep < k && base; rep++) {
            for (size_t i = 0; i < base; i++)
                if (dq_append_steal(d, NEWREF(LIST_GET(copy, i))) < 0) { DECREF(copy); return NULL; }
            if (d->maxlen >= 0 && rep * (intptr_t)base > d->maxlen * 2) break;
        }
        DECREF(copy);
        return NEWREF(a);
    }
    return NEWREF(V_NotImplemented);
}

/* ---- deque iterators ---- */

typedef struct DequeIterObj {
    Obj ob;
    Obj *deque;
    size_t index;
    uint64_t state;
    bool reversed;
} DequeIterObj;

static Obj *dqiter_make(Obj *d, Type *t, bool reversed) {
    ct_ready(t);
    DequeIterObj *it = (DequeIterObj *)gc_alloc(t, sizeof(DequeIterObj));
    if (!it) return NULL;
    it->deque = NEWREF(d);
    it->state = DQ(d)->state;
    it->reversed = reversed;
    gc_track((Obj *)it);
    return (Obj *)it;
}

static Obj *deque_iter(Obj *o) { return dqiter_make(o, &Type_deque_iterator, false); }

static void dqiter_dealloc(Obj *o) {
    ct_untrack(o);
    XDECREF(((DequeIterObj *)o)->deque);
    obj_free(o);
}

static int dqiter_traverse(Obj *o, visitproc visit, void *arg) {
    Obj *d = ((DequeIterObj *)o)->deque;
    return d ? visit(d, arg) : 0;
}

static Obj *dqiter_next(Obj *o) {
    DequeIterObj *it = (DequeIterObj *)o;
    if (!it->deque) return NULL;
    DequeObj *d = DQ(it->deque);
    if (it->state != d->state) {
        err_set_str(Exc_RuntimeError, "deque mutated during iteration");
        return NULL;
    }
    if (it->index >= d->size) { CLEAR(it->deque); return NULL; }
    size_t i = it->reversed ? d->size - 1 - it->index : it->index;
    it->index++;
    return NEWREF(AT(d, i));
}

static Obj *iter_self(Obj *o) { return NEWREF(o); }

static Obj *dqiter_length_hint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    DequeIterObj *it = (DequeIterObj *)self;
    if (!it->deque) return MAKE_SMALL(0);
    return MAKE_SMALL((int64_t)(DQ(it->deque)->size - it->index));
}

static const MethodDef dqiter_methods[] = {
    {"__length_hint__", dqiter_length_hint, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_deque_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "_collections._deque_iterator",
    .basicsize = sizeof(DequeIterObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = dqiter_dealloc,
    .traverse = dqiter_traverse,
    .iter = iter_self,
    .iternext = dqiter_next,
    .methods = dqiter_methods,
};

Type Type_deque_reverse_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "_collections._deque_reverse_iterator",
    .basicsize = sizeof(DequeIterObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = dqiter_dealloc,
    .traverse = dqiter_traverse,
    .iter = iter_self,
    .iternext = dqiter_next,
    .methods = dqiter_methods,
};

/* ---- deque methods ---- */

static Obj *dm_append(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (dq_append_steal(DQ(self), NEWREF(args[0])) < 0) return NULL;
    RETURN_NONE;
}

static Obj *dm_appendleft(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (dq_appendleft_steal(DQ(self), NEWREF(args[0])) < 0) return NULL;
    RETURN_NONE;
}

static Obj *dm_pop(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (DQ(self)->size == 0) return err_set_str(Exc_IndexError, "pop from an empty deque");
    return dq_pop_raw(DQ(self));
}

static Obj *dm_popleft(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (DQ(self)->size == 0) return err_set_str(Exc_IndexError, "pop from an empty deque");
    return dq_popleft_raw(DQ(self));
}

static Obj *dm_extend(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (dq_extend(DQ(self), args[0], false) < 0) return NULL;
    RETURN_NONE;
}

static Obj *dm_extendleft(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (dq_extend(DQ(self), args[0], true) < 0) return NULL;
    RETURN_NONE;
}

static Obj *dm_rotate(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("deque.rotate", nargs, kwnames, 0, 1) < 0) return NULL;
    intptr_t n = 1;
    if (nargs) {
        int64_t v = obj_as_index_i64(args[0], Exc_OverflowError);
        if (v == -1 && err_occurred()) return NULL;
        n = (intptr_t)v;
    }
    DequeObj *d = DQ(self);
    if (d->size <= 1) RETURN_NONE;
    intptr_t len = (intptr_t)d->size;
    n %= len;
    if (n < 0) n += len;
    if (n == 0) RETURN_NONE;
    if (d->size < d->cap) {
        /* compact to a full ring first so that rotating is just moving the head */
        Obj **nb = vt_malloc(d->size * sizeof(Obj *));
        if (!nb) return NULL;
        for (size_t i = 0; i < d->size; i++) nb[i] = AT(d, i);
        vt_free(d->buf);
        d->buf = nb;
        d->cap = d->size;
        d->head = 0;
    }
    d->head = (d->head + d->cap - (size_t)n) % d->cap;
    d->state++;
    RETURN_NONE;
}

static Obj *dm_clear(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    dq_clear(DQ(self));
    RETURN_NONE;
}

static Obj *dm_copy(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) { return deque_copy_obj(self); }

static Obj *dm_count(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    DequeObj *d = DQ(self);
    uint64_t state = d->state;
    int64_t c = 0;
    for (size_t i = 0; i < d->size; i++) {
        Obj *item = NEWREF(AT(d, i));
        int k = obj_richcompare_bool(item, args[0], CMP_EQ);
        DECREF(item);
        if (k < 0) return NULL;
        if (state != d->state) return err_set_str(Exc_RuntimeError, "deque mutated during iteration");
        c += k;
    }
    return MAKE_SMALL(c);
}

static int bound(Obj *o, intptr_t len, intptr_t *out) {
    int64_t v = obj_as_index_i64(o, Exc_OverflowError);
    if (v == -1 && err_occurred()) return -1;
    if (v < 0) { v += len; if (v < 0) v = 0; }
    *out = (intptr_t)v;
    return 0;
}

static Obj *dm_index(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (nargs < 1) return err_format(Exc_TypeError, "index() takes at least 1 argument (%zu given)", nargs);
    if (args_check_count("index", nargs, kwnames, 1, 3) < 0) return NULL;
    DequeObj *d = DQ(self);
    intptr_t n = (intptr_t)d->size, start = 0, stop = n;
    if (nargs > 1 && bound(args[1], n, &start) < 0) return NULL;
    if (nargs > 2 && bound(args[2], n, &stop) < 0) return NULL;
    if (stop > n) stop = n;
    uint64_t state = d->state;
    for (intptr_t i = start; i < stop; i++) {
        Obj *item = NEWREF(AT(d, i));
        int k = obj_richcompare_bool(item, args[0], CMP_EQ);
        DECREF(item);
        if (k < 0) return NULL;
        if (state != d->state) return err_set_str(Exc_RuntimeError, "deque mutated during iteration");
        if (k) return MAKE_SMALL(i);
    }
    return err_format(Exc_ValueError, "%R is not in deque", args[0]);
}

static Obj *dm_insert(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (nargs != 2) return err_format(Exc_TypeError, "insert() takes exactly 2 arguments (%zu given)", nargs);
    DequeObj *d = DQ(self);
    int64_t v = obj_as_index_i64(args[0], Exc_OverflowError);
    if (v == -1 && err_occurred()) return NULL;
    if (d->maxlen >= 0 && d->size >= (size_t)d->maxlen)
        return err_set_str(Exc_IndexError, "deque already at its maximum size");
    intptr_t n = (intptr_t)d->size, i = (intptr_t)v;
    if (i < 0) { i += n; if (i < 0) i = 0; }
    if (i > n) i = n;
    if (dq_append_steal(d, NEWREF(args[1])) < 0) return NULL;
    /* shift the new last item down to position i */
    for (intptr_t j = n; j > i; j--) {
        Obj *t = AT(d, j);
        AT(d, j) = AT(d, j - 1);
        AT(d, j - 1) = t;
    }
    RETURN_NONE;
}

static Obj *dm_remove(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    DequeObj *d = DQ(self);
    uint64_t state = d->state;
    for (size_t i = 0; i < d->size; i++) {
        Obj *item = NEWREF(AT(d, i));
        int k = obj_richcompare_bool(item, args[0], CMP_EQ);
        DECREF(item);
        if (k < 0) return NULL;
        if (state != d->state) return err_set_str(Exc_IndexError, "deque mutated during remove().");
        if (k) { dq_del_at(d, i); RETURN_NONE; }
    }
    return err_format(Exc_ValueError, "%R is not in deque", args[0]);
}

static Obj *dm_reverse(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    DequeObj *d = DQ(self);
    if (d->size > 1) {
        for (size_t i = 0, j = d->size - 1; i < j; i++, j--) {
            Obj *t = AT(d, i);
            AT(d, i) = AT(d, j);
            AT(d, j) = t;
        }
    }
    d->state++;
    RETURN_NONE;
}

static Obj *dm_reversed(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return dqiter_make(self, &Type_deque_reverse_iterator, true);
}

static Obj *dm_reduce(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *l = seq_to_list(self);
    if (!l) return NULL;
    Obj *ml = DQ(self)->maxlen >= 0 ? MAKE_SMALL(DQ(self)->maxlen) : V_None;
    Obj *a = tuple_pack(2, l, ml);
    DECREF(l);
    if (!a) return NULL;
    Obj *r = tuple_pack(2, (Obj *)TYPE(self), a);
    DECREF(a);
    return r;
}

/* CPython's deque: the object plus one 64-slot block per (partial) block in use. */
static Obj *dm_sizeof(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return MAKE_SMALL(216 + (int64_t)((32 + DQ(self)->size + 63) / 64) * 528);
}

static Obj *dm_class_getitem(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return generic_alias_new(self, args[0]);
}

static Obj *deque_get_maxlen(Obj *self) {
    if (DQ(self)->maxlen < 0) RETURN_NONE;
    return MAKE_SMALL(DQ(self)->maxlen);
}

/* deque.__getitem__(i) called directly: the sq_item wrapper's conversion message. */
static Obj *dm_getitem(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (!(IS_SMALL(args[0]) || TYPE(args[0])->index))
        return err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    return deque_getitem(self, args[0]);
}

static const MethodDef deque_methods[] = {
    {"__getitem__", dm_getitem, METH_O, "x.__getitem__(y) <==> x[y]"},
    {"append", dm_append, METH_O, "Add an element to the right side of the deque."},
    {"appendleft", dm_appendleft, METH_O, "Add an element to the left side of the deque."},
    {"pop", dm_pop, METH_NOARGS, "Remove and return the rightmost element."},
    {"popleft", dm_popleft, METH_NOARGS, "Remove and return the leftmost element."},
    {"extend", dm_extend, METH_O, "Extend the right side of the deque with elements from the iterable"},
    {"extendleft", dm_extendleft, METH_O, "Extend the left side of the deque with elements from the iterable"},
    {"rotate", dm_rotate, METH_VARARGS, "Rotate the deque n steps to the right (default n=1)."},
    {"clear", dm_clear, METH_NOARGS, "Remove all elements from the deque."},
    {"copy", dm_copy, METH_NOARGS, "Return a shallow copy of a deque."},
    {"__copy__", dm_copy, METH_NOARGS, "Return a shallow copy of a deque."},
    {"count", dm_count, METH_O, "D.count(value) -- return number of occurrences of value"},
    {"index", dm_index, METH_VARARGS, "D.index(value, [start, [stop]]) -- return first index of value."},
    {"insert", dm_insert, METH_VARARGS, "D.insert(index, object) -- insert object before index"},
    {"remove", dm_remove, METH_O, "D.remove(value) -- remove first occurrence of value."},
    {"reverse", dm_reverse, METH_NOARGS, "D.reverse() -- reverse *IN PLACE*"},
    {"__reversed__", dm_reversed, METH_NOARGS, "D.__reversed__() -- return a reverse iterator over the deque"},
    {"__reduce__", dm_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__sizeof__", dm_sizeof, METH_NOARGS, "D.__sizeof__() -- size of D in memory, in bytes"},
    {"__class_getitem__", dm_class_getitem, METH_O | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

static const GetSetDef deque_getset[] = {
    {"maxlen", deque_get_maxlen, NULL, "maximum size of a deque or None if unbounded"},
    {NULL, NULL, NULL, NULL},
};

Type Type_deque = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "collections.deque",
    .basicsize = sizeof(DequeObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "deque([iterable[, maxlen]]) --> deque object",
    .dealloc = deque_dealloc,
    .traverse = deque_traverse,
    .clear = deque_tp_clear,
    .new = deque_tp_new,
    .init = deque_tp_init,
    .repr = deque_repr,
    .hash = type_hash_not_implemented,
    .richcompare = deque_richcompare,
    .binop = deque_binop,
    .inplace = deque_inplace,
    .len = deque_len,
    .getitem = deque_getitem,
    .setitem = deque_setitem,
    .contains = deque_contains,
    .iter = deque_iter,
    .methods = deque_methods,
    .getset = deque_getset,
};

/* ==== defaultdict ==== */

typedef struct DefDictObj {
    DictObj dict;
    Obj *default_factory;   /* NULL or a callable (None is stored as NULL) */
} DefDictObj;

#define DD(o) ((DefDictObj *)(o))

static Obj *defdict_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    return Type_dict.new(type, args, nargs, kwnames);
}

static int defdict_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *factory = NULL;
    if (nargs > 0) {
        factory = args[0];
        if (factory == V_None) factory = NULL;
        else if (!obj_is_callable(factory)) {
            err_set_str(Exc_TypeError, "first argument must be callable or None");
            return -1;
        }
        args++;
        nargs--;
    }
    SETREF(DD(self)->default_factory, factory ? NEWREF(factory) : NULL);
    return dict_init_args(self, args, nargs, kwnames, "dict");
}

static void defdict_dealloc(Obj *o) {
    ct_untrack(o);
    CLEAR(DD(o)->default_factory);
    gc_track(o);   /* dict's dealloc untracks again */
    Type_dict.dealloc(o);
}

static int defdict_traverse(Obj *o, visitproc visit, void *arg) {
    if (DD(o)->default_factory) {
        int r = visit(DD(o)->default_factory, arg);
        if (r) return r;
    }
    return Type_dict.traverse(o, visit, arg);
}

static int defdict_clear(Obj *o) {
    CLEAR(DD(o)->default_factory);
    return Type_dict.clear(o);
}

static Obj *defdict_repr(Obj *o) {
    Obj *base = dict_repr(o);
    if (!base) return NULL;
    Obj *f;
    if (!DD(o)->default_factory) f = str_from_cstr("None");
    else {
        int r = repr_enter(DD(o)->default_factory);
        if (r < 0) { DECREF(base); return NULL; }
        if (r > 0) f = str_from_cstr("...");
        else {
            f = obj_repr(DD(o)->default_factory);
            repr_leave(DD(o)->default_factory);
        }
    }
    if (!f) { DECREF(base); return NULL; }
    Obj *s = str_from_format("%s(%U, %U)", type_name(TYPE(o)), f, base);
    DECREF(f);
    DECREF(base);
    return s;
}

static Obj *dd_missing(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *factory = DD(self)->default_factory;
    if (!factory) return err_key_error(args[0]);
    Obj *v = obj_call0(factory);
    if (!v) return NULL;
    if (obj_setitem(self, args[0], v) < 0) { DECREF(v); return NULL; }
    return v;
}

static Obj *defdict_copy_of(Obj *self, Obj *factory_src, Obj *contents) {
    Obj *f = DD(factory_src)->default_factory ? DD(factory_src)->default_factory : V_None;
    Obj *args[2] = {f, contents};
    return obj_call((Obj *)TYPE(factory_src), args, 2, NULL);
}

static Obj *dd_copy(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return defdict_copy_of(self, self, self);
}

static Obj *dd_reduce(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *f = DD(self)->default_factory ? DD(self)->default_factory : V_None;
    Obj *a = tuple_pack(1, f);
    if (!a) return NULL;
    Obj *items = obj_call_method(self, NAME(items), NULL, 0);
    Obj *it = items ? obj_get_iter(items) : NULL;
    XDECREF(items);
    if (!it) { DECREF(a); return NULL; }
    Obj *r = tuple_pack(5, (Obj *)TYPE(self), a, V_None, V_None, it);
    DECREF(a);
    DECREF(it);
    return r;
}

static bool is_defdict(Obj *o) {
    return !IS_SMALL(o) && (TYPE(o) == &Type_defaultdict || type_is_subtype(TYPE(o), &Type_defaultdict));
}

static Obj *defdict_binop(Obj *a, Obj *b, int op) {
    if (op != NB_OR || !DICT_CHECK(a) || !DICT_CHECK(b)) return NEWREF(V_NotImplemented);
    Obj *r = is_defdict(a) ? defdict_copy_of(a, a, a) : defdict_copy_of(b, b, a);
    if (!r) return NULL;
    if (dict_update(r, b) < 0) { DECREF(r); return NULL; }
    return r;
}

static Obj *dd_get_factory(Obj *self) {
    return NEWREF(DD(self)->default_factory ? DD(self)->default_factory : V_None);
}

static int dd_set_factory(Obj *self, Obj *value) {
    SETREF(DD(self)->default_factory, value && value != V_None ? NEWREF(value) : NULL);
    return 0;
}

static const MethodDef defdict_methods[] = {
    {"__missing__", dd_missing, METH_O, "__missing__(key) # Called by __getitem__ for missing key."},
    {"copy", dd_copy, METH_NOARGS, "D.copy() -> a shallow copy of D."},
    {"__copy__", dd_copy, METH_NOARGS, "D.copy() -> a shallow copy of D."},
    {"__reduce__", dd_reduce, METH_NOARGS, "Return state information for pickling."},
    {NULL, NULL, 0, NULL},
};

static const GetSetDef defdict_getset[] = {
    {"default_factory", dd_get_factory, dd_set_factory, "Factory for default value called by __missing__()."},
    {NULL, NULL, NULL, NULL},
};

Type Type_defaultdict = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "collections.defaultdict",
    .basicsize = sizeof(DefDictObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC | TPFLAG_DICT_SUBCLASS,
    .base = &Type_dict,
    .doc = "defaultdict(default_factory=None, /, [...]) --> dict with default factory",
    .dealloc = defdict_dealloc,
    .traverse = defdict_traverse,
    .clear = defdict_clear,
    .new = defdict_new,
    .init = defdict_init,
    .repr = defdict_repr,
    .binop = defdict_binop,
    .methods = defdict_methods,
    .getset = defdict_getset,
};

/* ==== _tuplegetter: namedtuple's field descriptors ==== */

typedef struct TupleGetterObj {
    Obj ob;
    intptr_t index;
    Obj *doc;
} TupleGetterObj;

extern Type Type_tuplegetter;

static Obj *tuplegetter_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("_tuplegetter", nargs, kwnames, 2, 2) < 0) return NULL;
    int64_t index = obj_as_index_i64(args[0], Exc_OverflowError);
    if (index == -1 && err_occurred()) return NULL;
    TupleGetterObj *g = (TupleGetterObj *)(type == &Type_tuplegetter ? gc_alloc(type, sizeof(TupleGetterObj))
                                                                       : type_generic_alloc(type, 0));
    if (!g) return NULL;
    g->index = (intptr_t)index;
    g->doc = NEWREF(args[1]);
    gc_track((Obj *)g);
    return (Obj *)g;
}

static void tuplegetter_dealloc(Obj *o) {
    ct_untrack(o);
    XDECREF(((TupleGetterObj *)o)->doc);
    obj_free(o);
}

static int tuplegetter_traverse(Obj *o, visitproc visit, void *arg) {
    Obj *d = ((TupleGetterObj *)o)->doc;
    return d ? visit(d, arg) : 0;
}

static Obj *tuplegetter_get(Obj *self, Obj *obj, Obj *type) {
    TupleGetterObj *g = (TupleGetterObj *)self;
    if (!obj || obj == V_None) return NEWREF(self);
    if (!TUPLE_CHECK(obj))
        return err_format(Exc_TypeError, "descriptor for index '%zd' for tuple subclasses doesn't apply to '%T' object",
                          g->index, obj);
    if (g->index < 0 || (size_t)g->index >= TUPLE_SIZE(obj)) return err_set_str(Exc_IndexError, "tuple index out of range");
    return NEWREF(TUPLE_GET(obj, g->index));
}

static int tuplegetter_set(Obj *self, Obj *obj, Obj *value) {
    err_set_str(Exc_AttributeError, value ? "can't set attribute" : "can't delete attribute");
    return -1;
}

static Obj *tuplegetter_repr(Obj *self) {
    TupleGetterObj *g = (TupleGetterObj *)self;
    return str_from_format("%s(%zd, %R)", type_name(TYPE(self)), g->index, g->doc ? g->doc : V_None);
}

static Obj *tuplegetter_reduce(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    TupleGetterObj *g = (TupleGetterObj *)self;
    Obj *a = tuple_pack(2, MAKE_SMALL(g->index), g->doc ? g->doc : V_None);
    if (!a) return NULL;
    Obj *r = tuple_pack(2, (Obj *)TYPE(self), a);
    DECREF(a);
    return r;
}

static const MethodDef tuplegetter_methods[] = {
    {"__reduce__", tuplegetter_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static const MemberDef tuplegetter_members[] = {
    {"__doc__", MEMBER_OBJECT, offsetof(TupleGetterObj, doc), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

Type Type_tuplegetter = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "_collections._tuplegetter",
    .basicsize = sizeof(TupleGetterObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = tuplegetter_dealloc,
    .traverse = tuplegetter_traverse,
    .new = tuplegetter_new,
    .repr = tuplegetter_repr,
    .descr_get = tuplegetter_get,
    .descr_set = tuplegetter_set,
    .methods = tuplegetter_methods,
    .members = tuplegetter_members,
};

/* _count_elements(mapping, iterable): Counter's inner loop. */
static Obj *count_elements(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("_count_elements", nargs, kwnames, 2, 2) < 0) return NULL;
    Obj *mapping = args[0];
    Obj *it = obj_get_iter(args[1]);
    if (!it) return NULL;
    bool fast = IS_TYPE(mapping, &Type_dict);
    Obj *key;
    while ((key = iter_next(it)) != NULL) {
        Obj *old;
        if (fast) {
            old = dict_get(mapping, key);
            if (!old && err_occurred()) goto fail;
            XINCREF(old);
        } else {
            Obj *getargs[2] = {key, MAKE_SMALL(0)};
            Obj *get = obj_getattr_cstr(mapping, "get");
            if (!get) goto fail;
            old = obj_call(get, getargs, 2, NULL);
            DECREF(get);
            if (!old) goto fail;
        }
        Obj *nv = old ? obj_binop(old, MAKE_SMALL(1), NB_ADD) : MAKE_SMALL(1);
        XDECREF(old);
        if (!nv) goto fail;
        int r = obj_setitem(mapping, key, nv);
        DECREF(nv);
        if (r < 0) goto fail;
        DECREF(key);
    }
    DECREF(it);
    if (err_occurred()) return NULL;
    RETURN_NONE;
fail:
    DECREF(key);
    DECREF(it);
    return NULL;
}

static const MethodDef collections_methods[] = {
    {"_count_elements", count_elements, METH_VARARGS, "Count elements in the iterable, updating the mapping"},
    {NULL, NULL, 0, NULL},
};

Obj *modinit__collections(void) {
    if (type_ready(&Type_deque) < 0 || type_ready(&Type_defaultdict) < 0 || type_ready(&Type_tuplegetter) < 0)
        return NULL;
    Obj *m = module_new("_collections");
    if (!m) return NULL;
    if (module_add_methods(m, collections_methods) < 0 ||
        module_add_object(m, "deque", (Obj *)&Type_deque) < 0 ||
        module_add_object(m, "defaultdict", (Obj *)&Type_defaultdict) < 0 ||
        module_add_object(m, "_tuplegetter", (Obj *)&Type_tuplegetter) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
