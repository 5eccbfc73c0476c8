/* dict_views.c: dict.keys()/values()/items() views (set-like for keys and items) and the
 * dict iterators, with CPython's "changed size during iteration" checks. */
#include "dict.h"
#include "gc.h"
#include "vm.h"

typedef struct DictViewObj {
    Obj ob;
    Obj *dict;
} DictViewObj;

typedef struct DictIterObj {
    Obj ob;
    Obj *dict;          /* NULL once exhausted */
    size_t used;        /* dict size when the iterator was created */
    intptr_t pos;       /* next entry index (reverse: counts down) */
    size_t len;         /* items left, for __length_hint__ */
} DictIterObj;

/* ---- iterators ---- */

Obj *dictiter_new(Obj *d, Type *type, bool reversed) {
    ct_ready(type);
    DictIterObj *it = (DictIterObj *)gc_alloc(type, sizeof(DictIterObj));
    if (!it) return NULL;
    DictObj *dd = (DictObj *)d;
    it->dict = NEWREF(d);
    it->used = dd->used;
    it->len = dd->used;
    it->pos = reversed ? (intptr_t)dd->nentries - 1 : 0;
    gc_track((Obj *)it);
    return (Obj *)it;
}

static void dictiter_dealloc(Obj *o) {
    ct_untrack(o);
    XDECREF(((DictIterObj *)o)->dict);
    obj_free(o);
}

static int dictiter_traverse(Obj *o, visitproc visit, void *arg) {
    Obj *d = ((DictIterObj *)o)->dict;
    return d ? visit(d, arg) : 0;
}

/* Advance; returns the entry or NULL (exhausted, or error set). */
static DictEntry *dictiter_step(DictIterObj *it, bool reversed) {
    DictObj *d = (DictObj *)it->dict;
    if (!d) return NULL;
    if (d->used != it->used) {
        err_set_str(Exc_RuntimeError, "dictionary changed size during iteration");
        it->used = (size_t)-1;   /* keep failing */
        return NULL;
    }
    if (reversed) {
        while (it->pos >= 0 && !d->entries[it->pos].key) it->pos--;
        if (it->pos >= 0) { it->len--; return &d->entries[it->pos--]; }
    } else {
        while ((size_t)it->pos < d->nentries && !d->entries[it->pos].key) it->pos++;
        if ((size_t)it->pos < d->nentries) {
            if (it->len == 0) {
                err_set_str(Exc_RuntimeError, "dictionary keys changed during iteration");
                it->len = (size_t)-1;
                CLEAR(it->dict);
                return NULL;
            }
            it->len--;
            return &d->entries[it->pos++];
        }
    }
    CLEAR(it->dict);
    return NULL;
}

static Obj *keyiter_next(Obj *o) {
    DictEntry *e = dictiter_step((DictIterObj *)o, false);
    return e ? NEWREF(e->key) : NULL;
}
static Obj *valueiter_next(Obj *o) {
    DictEntry *e = dictiter_step((DictIterObj *)o, false);
    return e ? NEWREF(e->value) : NULL;
}
static Obj *itemiter_next(Obj *o) {
    DictEntry *e = dictiter_step((DictIterObj *)o, false);
    return e ? tuple_pack(2, e->key, e->value) : NULL;
}
static Obj *rkeyiter_next(Obj *o) {
    DictEntry *e = dictiter_step((DictIterObj *)o, true);
    return e ? NEWREF(e->key) : NULL;
}
static Obj *rvalueiter_next(Obj *o) {
    DictEntry *e = dictiter_step((DictIterObj *)o, true);
    return e ? NEWREF(e->value) : NULL;
}
static Obj *ritemiter_next(Obj *o) {
    DictEntry *e = dictiter_step((DictIterObj *)o, true);
    return e ? tuple_pack(2, e->key, e->value) : NULL;
}

static Obj *iter_self(Obj *o) { return NEWREF(o); }

static Obj *dictiter_length_hint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    DictIterObj *it = (DictIterObj *)self;
    DictObj *d = (DictObj *)it->dict;
    if (d && it->used == d->used && it->len != (size_t)-1) return MAKE_SMALL((int64_t)it->len);
    return MAKE_SMALL(0);
}

static const MethodDef dictiter_methods[] = {
    {"__length_hint__", dictiter_length_hint, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

#define DICTITER_TYPE(var, tname, nextfn) \
    Type var = { \
        .ob = OBJ_HEAD_INIT(&Type_type), \
        .name = tname, \
        .basicsize = sizeof(DictIterObj), \
        .flags = TPFLAG_HAVE_GC, \
        .dealloc = dictiter_dealloc, \
        .traverse = dictiter_traverse, \
        .iter = iter_self, \
        .iternext = nextfn, \
        .methods = dictiter_methods, \
    };
DICTITER_TYPE(Type_dict_keyiterator, "dict_keyiterator", keyiter_next)
DICTITER_TYPE(Type_dict_valueiterator, "dict_valueiterator", valueiter_next)
DICTITER_TYPE(Type_dict_itemiterator, "dict_itemiterator", itemiter_next)
DICTITER_TYPE(Type_dict_reversekeyiterator, "dict_reversekeyiterator", rkeyiter_next)
DICTITER_TYPE(Type_dict_reversevalueiterator, "dict_reversevalueiterator", rvalueiter_next)
DICTITER_TYPE(Type_dict_reverseitemiterator, "dict_reverseitemiterator", ritemiter_next)

/* ---- views ---- */

Obj *dictview_new(Obj *d, Type *type) {
    ct_ready(type);
    DictViewObj *v = (DictViewObj *)gc_alloc(type, sizeof(DictViewObj));
    if (!v) return NULL;
    v->dict = NEWREF(d);
    gc_track((Obj *)v);
    return (Obj *)v;
}

static void view_dealloc(Obj *o) {
    ct_untrack(o);
    DECREF(((DictViewObj *)o)->dict);
    obj_free(o);
}

static int view_traverse(Obj *o, visitproc visit, void *arg) {
    return visit(((DictViewObj *)o)->dict, arg);
}

static intptr_t view_len(Obj *o) { return (intptr_t)dict_size(((DictViewObj *)o)->dict); }

static Obj *view_repr(Obj *o) {
    int r = repr_enter(o);
    if (r != 0) return r > 0 ? str_from_cstr("...") : NULL;
    Obj *seq = seq_to_list(o);
    Obj *s = NULL;
    if (seq) {
        s = str_from_format("%s(%R)", TYPE(o)->name, seq);
        DECREF(seq);
    }
    repr_leave(o);
    return s;
}

static Obj *keys_iter(Obj *o) { return dictiter_new(((DictViewObj *)o)->dict, &Type_dict_keyiterator, false); }
static Obj *values_iter(Obj *o) { return dictiter_new(((DictViewObj *)o)->dict, &Type_dict_valueiterator, false); }
static Obj *items_iter(Obj *o) { return dictiter_new(((DictViewObj *)o)->dict, &Type_dict_itemiterator, false); }

static Obj *keys_reversed(Obj *self, Obj *const *a, size_t n, Obj *k) {
    return dictiter_new(((DictViewObj *)self)->dict, &Type_dict_reversekeyiterator, true);
}
static Obj *values_reversed(Obj *self, Obj *const *a, size_t n, Obj *k) {
    return dictiter_new(((DictViewObj *)self)->dict, &Type_dict_reversevalueiterator, true);
}
static Obj *items_reversed(Obj *self, Obj *const *a, size_t n, Obj *k) {
    return dictiter_new(((DictViewObj *)self)->dict, &Type_dict_reverseitemiterator, true);
}

static int keys_contains(Obj *o, Obj *key) { return dict_contains(((DictViewObj *)o)->dict, key); }

static int items_contains(Obj *o, Obj *item) {
    if (!TUPLE_CHECK(item) || TUPLE_SIZE(item) != 2) return 0;
    Obj *v = dict_get(((DictViewObj *)o)->dict, TUPLE_GET(item, 0));
    if (!v) return err_occurred() ? -1 : 0;
    INCREF(v);
    int r = obj_richcompare_bool(v, TUPLE_GET(item, 1), CMP_EQ);
    DECREF(v);
    return r;
}

static Obj *view_mapping(Obj *o) { return mappingproxy_new(((DictViewObj *)o)->dict); }

static const GetSetDef view_getset[] = {
    {"mapping", view_mapping, NULL, "dictionary that this view refers to"},
    {NULL, NULL, NULL, NULL},
};

static bool is_setlike(Obj *o) {
    return ANYSET_CHECK(o) || IS_TYPE(o, &Type_dict_keys) || IS_TYPE(o, &Type_dict_items);
}

/* Every element of a is in b. */
static int all_contained_in(Obj *a, Obj *b) {
    Obj *it = obj_get_iter(a);
    if (!it) return -1;
    Obj *x;
    int ok = 1;
    while ((x = iter_next(it)) != NULL) {
        int c = obj_contains(b, x);
        DECREF(x);
        if (c <= 0) { ok = c; break; }
    }
    DECREF(it);
    if (ok >= 0 && err_occurred()) return -1;
    return ok;
}

static Obj *view_richcompare(Obj *a, Obj *b, int op) {
    if (!is_setlike(a) || !is_setlike(b)) return NEWREF(V_NotImplemented);
    intptr_t la = obj_len(a), lb = obj_len(b);
    if (la < 0 || lb < 0) return NULL;
    int ok = 0;
    switch (op) {
    case CMP_EQ: case CMP_NE: ok = la == lb ? all_contained_in(a, b) : 0; break;
    case CMP_LT: ok = la < lb ? all_contained_in(a, b) : 0; break;
    case CMP_LE: ok = la <= lb ? all_contained_in(a, b) : 0; break;
    case CMP_GT: ok = la > lb ? all_contained_in(b, a) : 0; break;
    case CMP_GE: ok = la >= lb ? all_contained_in(b, a) : 0; break;
    }
    if (ok < 0) return NULL;
    if (op == CMP_NE) ok = !ok;
    RETURN_BOOL(ok);
}

static bool is_view(Obj *o) { return IS_TYPE(o, &Type_dict_keys) || IS_TYPE(o, &Type_dict_items); }

/* set(view): a keys view of an exact dict converts through the dict itself, which presizes
 * the set (CPython's dictviews_to_set; the table size shows in iteration order). */
static Obj *views_to_set(Obj *o) {
    if (IS_TYPE(o, &Type_dict_keys) && IS_TYPE(((DictViewObj *)o)->dict, &Type_dict))
        return set_new(((DictViewObj *)o)->dict);
    return set_new(o);
}

/* view & other: CPython's _PyDictView_Intersect (iterates the smaller side). */
static Obj *views_and(Obj *self, Obj *other) {
    if (!is_view(self)) { Obj *t = self; self = other; other = t; }
    intptr_t len_self = view_len(self);
    if (IS_TYPE(other, &Type_set)) {
        intptr_t len_other = obj_len(other);
        if (len_other < 0) return NULL;
        if (len_self <= len_other) {
            Obj *m = obj_getattr_cstr(other, "intersection");
            if (!m) return NULL;
            Obj *r = obj_call1(m, self);
            DECREF(m);
            return r;
        }
    }
    if (is_view(other) && view_len(other) > len_self) { Obj *t = self; self = other; other = t; }
    Obj *result = set_new(NULL);
    if (!result) return NULL;
    Obj *it = obj_get_iter(other);
    if (!it) { DECREF(result); return NULL; }
    containsfunc contains = TYPE(self)->contains;
    Obj *key;
    while ((key = iter_next(it)) != NULL) {
        int rv = contains(self, key);
        if (rv > 0) rv = set_add(result, key);
        DECREF(key);
        if (rv < 0) { DECREF(it); DECREF(result); return NULL; }
    }
    DECREF(it);
    if (err_occurred()) { DECREF(result); return NULL; }
    return result;
}

/* items ^ items: CPython's dictitems_xor (pairs of the right side first, then the rest). */
static Obj *items_xor(Obj *self, Obj *other) {
    Obj *d2 = ((DictViewObj *)other)->dict;
    Obj *temp = dict_copy(((DictViewObj *)self)->dict);
    if (!temp) return NULL;
    Obj *result = set_new(NULL);
    if (!result) { DECREF(temp); return NULL; }
    size_t pos = 0;
    Obj *key, *val2;
    intptr_t hash;
    while (dict_next_hash(d2, &pos, &key, &val2, &hash)) {
        INCREF(key);
        INCREF(val2);
        int err;
        Obj *val1 = dict_get_known_hash(temp, key, hash, &err);
        int to_delete = 0, rc = 0;
        if (err) rc = -1;
        else if (val1) {
            INCREF(val1);
            to_delete = obj_richcompare_bool(val1, val2, CMP_EQ);
            DECREF(val1);
            if (to_delete < 0) rc = -1;
        }
        if (rc == 0 && to_delete) rc = dict_pop_known_hash(temp, key, hash, NULL) < 0 ? -1 : 0;
        else if (rc == 0) {
            Obj *pair = tuple_pack(2, key, val2);
            rc = pair ? set_add(result, pair) : -1;
            XDECREF(pair);
        }
        DECREF(key);
        DECREF(val2);
        if (rc < 0) { DECREF(temp); DECREF(result); return NULL; }
    }
    Obj *rest = dictview_new(temp, &Type_dict_items);
    int rc = rest ? set_update(result, rest) : -1;
    XDECREF(rest);
    DECREF(temp);
    if (rc < 0) { DECREF(result); return NULL; }
    return result;
}

/* keys/items views with any iterable, in either operand order (CPython's dictviews_*). */
static Obj *view_binop(Obj *a, Obj *b, int op) {
    if (op == NB_AND) return views_and(a, b);
    if (op == NB_XOR && IS_TYPE(a, &Type_dict_items) && IS_TYPE(b, &Type_dict_items)) return items_xor(a, b);
    if (op != NB_OR && op != NB_SUBTRACT && op != NB_XOR) return NEWREF(V_NotImplemented);
    Obj *r = views_to_set(a);
    if (!r) return NULL;
    if (set_inplace_update(r, b, op) < 0) { DECREF(r); return NULL; }
    return r;
}

static Obj *view_isdisjoint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *other = args[0];
    if (other == self) RETURN_BOOL(dict_size(((DictViewObj *)self)->dict) == 0);
    Obj *it = obj_get_iter(other);
    if (!it) return NULL;
    Obj *x;
    while ((x = iter_next(it)) != NULL) {
        int c = obj_contains(self, x);
        DECREF(x);
        if (c != 0) { DECREF(it); return c < 0 ? NULL : NEWREF(V_False); }
    }
    DECREF(it);
    if (err_occurred()) return NULL;
    RETURN_BOOL(1);
}

static const MethodDef keys_methods[] = {
    {"isdisjoint", view_isdisjoint, METH_O, "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", keys_reversed, METH_NOARGS, "Return a reverse iterator over the dict keys."},
    {NULL, NULL, 0, NULL},
};
static const MethodDef items_methods[] = {
    {"isdisjoint", view_isdisjoint, METH_O, "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", items_reversed, METH_NOARGS, "Return a reverse iterator over the dict items."},
    {NULL, NULL, 0, NULL},
};
static const MethodDef values_methods[] = {
    {"__reversed__", values_reversed, METH_NOARGS, "Return a reverse iterator over the dict values."},
    {NULL, NULL, 0, NULL},
};

Type Type_dict_keys = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "dict_keys",
    .basicsize = sizeof(DictViewObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = view_dealloc,
    .traverse = view_traverse,
    .repr = view_repr,
    .hash = type_hash_not_implemented,
    .richcompare = view_richcompare,
    .binop = view_binop,
    .len = view_len,
    .contains = keys_contains,
    .iter = keys_iter,
    .methods = keys_methods,
    .getset = view_getset,
};

Type Type_dict_items = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "dict_items",
    .basicsize = sizeof(DictViewObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = view_dealloc,
    .traverse = view_traverse,
    .repr = view_repr,
    .hash = type_hash_not_implemented,
    .richcompare = view_richcompare,
    .binop = view_binop,
    .len = view_len,
    .contains = items_contains,
    .iter = items_iter,
    .methods = items_methods,
    .getset = view_getset,
};

Type Type_dict_values = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "dict_values",
    .basicsize = sizeof(DictViewObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = view_dealloc,
    .traverse = view_traverse,
    .repr = view_repr,
    .len = view_len,
    .iter = values_iter,
    .methods = values_methods,
    .getset = view_getset,
};
