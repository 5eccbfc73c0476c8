/* dict.c: the dict type, CPython 3.11's compact layout: an open-addressing index table
 * (perturbation probing) pointing into an insertion-ordered entries array. */
#include <string.h>
#include "dict.h"
#include "gc.h"
#include "vm.h"

#define DKIX_ERROR (-3)
#define PERTURB_SHIFT 5
#define LOG2_MINSIZE 3
#define USABLE_FRACTION(n) (((n) << 1) / 3)

/* Versions come from one global counter, so a (dict, version) pair is never reused. */
static uint64_t dict_global_version;
#define BUMP(d) ((d)->version = ++dict_global_version)

/* Hash with fast paths for exact str (cached) and small ints (CPython's modular hash). */
static inline intptr_t key_hash(Obj *key) {
    if (IS_SMALL(key)) {
        int64_t v = SMALL_VALUE(key);
        if (v > -(int64_t)0x1fffffffffffffffLL && v < (int64_t)0x1fffffffffffffffLL) return v == -1 ? -2 : v;
    } else if (key->type == &Type_str) {
        intptr_t h = ((StrObj *)key)->hash;
        if (h != -1) return h;
    }
    return obj_hash(key);
}

/* CPython's MAINTAIN_TRACKING: exact dicts start untracked and are tracked once they hold
 * something that may be part of a cycle (gc.is_tracked({}) is False, as in CPython). */
static inline bool may_be_tracked(Obj *o) {
    if (IS_SMALL(o) || !(o->flags & OBJ_FLAG_GC)) return false;
    if (o->type == &Type_tuple) return gc_is_tracked(o);
    return true;
}
static inline void maintain_tracking(DictObj *d, Obj *key, Obj *value) {
    if (!gc_is_tracked((Obj *)d) && (may_be_tracked(key) || may_be_tracked(value)))
        gc_track((Obj *)d);
}

Obj *err_key_error(Obj *key) {
    Obj *t = tuple_pack(1, key);
    if (!t) return NULL;
    err_set_object(Exc_KeyError, t);
    DECREF(t);
    return NULL;
}

static int calc_log2(size_t minsize) {
    int log2 = LOG2_MINSIZE;
    while (((size_t)1 << log2) < minsize) log2++;
    return log2;
}

/* ---- table management ---- */

/* Probe for the slot of an empty/dummy index (insertion point for a key known absent). */
static size_t find_empty_slot(DictObj *d, intptr_t hash) {
    size_t mask = ((size_t)1 << d->log2_size) - 1;
    size_t i = (size_t)hash & mask, perturb = (size_t)hash;
    while (d->indices[i] >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* Resize to 2^log2 index slots, compacting the entries (drops deleted ones). */
static int dict_resize(DictObj *d, int log2) {
    size_t size = (size_t)1 << log2;
    size_t cap = USABLE_FRACTION(size);
    int64_t *idx = vt_malloc(size * sizeof(int64_t));
    DictEntry *ent = vt_malloc(cap * sizeof(DictEntry));
    if (!idx || !ent) { vt_free(idx); vt_free(ent); return -1; }
    memset(idx, 0xff, size * sizeof(int64_t));   /* all DKIX_EMPTY (-1) */
    size_t n = 0;
    for (size_t i = 0; i < d->nentries; i++) {
        if (d->entries[i].key) ent[n++] = d->entries[i];
    }
    vt_free(d->indices);
    vt_free(d->entries);
    d->indices = idx;
    d->entries = ent;
    d->log2_size = (uint8_t)log2;
    d->nentries = n;
    d->usable = cap - n;
    for (size_t i = 0; i < n; i++) d->indices[find_empty_slot(d, ent[i].hash)] = (int64_t)i;
    return 0;
}

/* Find key: returns its entry index, DKIX_EMPTY, or DKIX_ERROR. Restarts when a comparison
 * mutated the dict (CPython's semantics). */
static intptr_t lookup(DictObj *d, Obj *key, intptr_t hash) {
restart:
    if (!d->indices) return DKIX_EMPTY;
    size_t mask = ((size_t)1 << d->log2_size) - 1;
    size_t i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        int64_t ix = d->indices[i];
        if (ix == DKIX_EMPTY) return DKIX_EMPTY;
        if (ix >= 0) {
            DictEntry *e = &d->entries[ix];
            Obj *sk = e->key;
            if (sk == key) return (intptr_t)ix;
            if (e->hash == hash) {
                if (STR_CHECK_EXACT(sk) && STR_CHECK_EXACT(key)) {
                    if (str_eq(sk, key)) return (intptr_t)ix;
                } else {
                    DictEntry *entries = d->entries;
                    INCREF(sk);
                    int cmp = obj_richcompare_bool(sk, key, CMP_EQ);
                    DECREF(sk);
                    if (cmp < 0) return DKIX_ERROR;
                    if (entries != d->entries || d->entries[ix].key != sk) goto restart;
                    if (cmp > 0) return (intptr_t)ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* The index-table slot that holds entry index ix. */
static size_t slot_of(DictObj *d, intptr_t hash, intptr_t ix) {
    size_t mask = ((size_t)1 << d->log2_size) - 1;
    size_t i = (size_t)hash & mask, perturb = (size_t)hash;
    while (d->indices[i] != ix) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* Insert or replace; borrows key and value. */
static int insertdict(DictObj *d, Obj *key, intptr_t hash, Obj *value) {
    intptr_t ix = lookup(d, key, hash);
    if (ix == DKIX_ERROR) return -1;
    maintain_tracking(d, key, value);
    if (ix >= 0) {
        Obj *old = d->entries[ix].value;
        if (old == value) return 0;
        d->entries[ix].value = NEWREF(value);
        BUMP(d);
        DECREF(old);
        return 0;
    }
    if (d->usable == 0) {
        int log2 = d->indices ? calc_log2(d->used * 3) : LOG2_MINSIZE;
        if (dict_resize(d, log2) < 0) return -1;
    }
    size_t slot = find_empty_slot(d, hash);
    DictEntry *e = &d->entries[d->nentries];
    e->hash = hash;
    e->key = NEWREF(key);
    e->value = NEWREF(value);
    d->indices[slot] = (int64_t)d->nentries;
    d->nentries++;
    d->used++;
    d->usable--;
    BUMP(d);
    return 0;
}

/* Remove entry ix (found for hash); returns the old key/value to the caller to release. */
static void delitem_ix(DictObj *d, intptr_t hash, intptr_t ix, Obj **okey, Obj **oval) {
    d->indices[slot_of(d, hash, ix)] = DKIX_DUMMY;
    DictEntry *e = &d->entries[ix];
    *okey = e->key;
    *oval = e->value;
    e->key = NULL;
    e->value = NULL;
    d->used--;
    BUMP(d);
}

/* ---- C API ---- */

Obj *dict_new(void) {
    DictObj *d = (DictObj *)gc_alloc(&Type_dict, sizeof(DictObj));
    if (!d) return NULL;
    BUMP(d);
    return (Obj *)d;   /* untracked until it holds a container (maintain_tracking) */
}

Obj *dict_new_presized(size_t n) {
    Obj *d = dict_new();
    if (!d || n <= 5) return d;
    if (dict_resize((DictObj *)d, calc_log2((n * 3 + 1) / 2)) < 0) { DECREF(d); return NULL; }
    return d;
}

Obj *dict_get_known_hash(Obj *d, Obj *key, intptr_t hash, int *err) {
    intptr_t ix = lookup((DictObj *)d, key, hash);
    *err = ix == DKIX_ERROR;
    return ix >= 0 ? ((DictObj *)d)->entries[ix].value : NULL;
}

Obj *dict_get_hashed(Obj *d, Obj *key, intptr_t hash) {
    intptr_t ix = lookup((DictObj *)d, key, hash);
    return ix >= 0 ? ((DictObj *)d)->entries[ix].value : NULL;
}

Obj *dict_get(Obj *d, Obj *key) {
    intptr_t hash = key_hash(key);
    if (hash == -1) return NULL;
    return dict_get_hashed(d, key, hash);
}

Obj *dict_get_cstr(Obj *d, const char *key) {
    Obj *k = str_from_cstr(key);
    if (!k) return NULL;
    Obj *v = dict_get(d, k);
    DECREF(k);
    return v;
}

int dict_set_known_hash(Obj *d, Obj *key, intptr_t hash, Obj *value) {
    return insertdict((DictObj *)d, key, hash, value);
}

int dict_set(Obj *d, Obj *key, Obj *value) {
    intptr_t hash = key_hash(key);
    if (hash == -1) return -1;
    return insertdict((DictObj *)d, key, hash, value);
}

int dict_set_cstr(Obj *d, const char *key, Obj *value) {
    Obj *k = str_intern_cstr(key);
    if (!k) return -1;
    int r = dict_set(d, k, value);
    DECREF(k);
    return r;
}

int dict_pop_known_hash(Obj *d, Obj *key, intptr_t hash, Obj **out) {
    DictObj *dd = (DictObj *)d;
    intptr_t ix = lookup(dd, key, hash);
    if (ix == DKIX_ERROR) return -1;
    if (ix < 0) return 0;
    Obj *k, *v;
    delitem_ix(dd, hash, ix, &k, &v);
    DECREF(k);
    if (out) *out = v; else DECREF(v);
    return 1;
}

int dict_del_opt(Obj *d, Obj *key) {
    intptr_t hash = key_hash(key);
    if (hash == -1) return -1;
    return dict_pop_known_hash(d, key, hash, NULL);
}

int dict_del(Obj *d, Obj *key) {
    int r = dict_del_opt(d, key);
    if (r == 0) { err_key_error(key); return -1; }
    return r < 0 ? -1 : 0;
}

int dict_contains(Obj *d, Obj *key) {
    intptr_t hash = key_hash(key);
    if (hash == -1) return -1;
    intptr_t ix = lookup((DictObj *)d, key, hash);
    if (ix == DKIX_ERROR) return -1;
    return ix >= 0;
}

size_t dict_size(Obj *d) { return ((DictObj *)d)->used; }
uint64_t dict_version(Obj *d) { return ((DictObj *)d)->version; }

int dict_next_hash(Obj *d, size_t *pos, Obj **key, Obj **value, intptr_t *hash) {
    DictObj *dd = (DictObj *)d;
    size_t i = *pos;
    while (i < dd->nentries && !dd->entries[i].key) i++;
    if (i >= dd->nentries) return 0;
    *pos = i + 1;
    if (key) *key = dd->entries[i].key;
    if (value) *value = dd->entries[i].value;
    if (hash) *hash = dd->entries[i].hash;
    return 1;
}

int dict_next(Obj *d, size_t *pos, Obj **key, Obj **value) {
    return dict_next_hash(d, pos, key, value, NULL);
}

void dict_clear(Obj *d) {
    DictObj *dd = (DictObj *)d;
    int64_t *idx = dd->indices;
    DictEntry *ent = dd->entries;
    size_t n = dd->nentries;
    dd->indices = NULL;
    dd->entries = NULL;
    dd->used = dd->nentries = dd->usable = 0;
    dd->log2_size = 0;
    BUMP(dd);
    for (size_t i = 0; i < n; i++) {
        if (ent[i].key) { DECREF(ent[i].key); DECREF(ent[i].value); }
    }
    vt_free(idx);
    vt_free(ent);
}

Obj *dict_copy(Obj *d) {
    DictObj *src = (DictObj *)d;
    Obj *r = dict_new();
    if (!r || src->used == 0) return r;
    DictObj *dst = (DictObj *)r;
    if (src->used >= (src->nentries * 2) / 3) {
        /* clone the layout verbatim: same order, same table size */
        size_t size = (size_t)1 << src->log2_size, cap = USABLE_FRACTION(size);
        dst->indices = vt_malloc(size * sizeof(int64_t));
        dst->entries = vt_malloc(cap * sizeof(DictEntry));
        if (!dst->indices || !dst->entries) { DECREF(r); return NULL; }
        memcpy(dst->indices, src->indices, size * sizeof(int64_t));
        memcpy(dst->entries, src->entries, src->nentries * sizeof(DictEntry));
        for (size_t i = 0; i < src->nentries; i++) {
            if (dst->entries[i].key) { INCREF(dst->entries[i].key); INCREF(dst->entries[i].value); }
        }
        dst->log2_size = src->log2_size;
        dst->nentries = src->nentries;
        dst->used = src->used;
        dst->usable = src->usable;
        if (gc_is_tracked(d)) gc_track(r);
        return r;
    }
    if (dict_update(r, d) < 0) { DECREF(r); return NULL; }
    return r;
}

Obj *dict_keys_list(Obj *d) {
    DictObj *dd = (DictObj *)d;
    Obj *l = list_new(dd->used);
    if (!l) return NULL;
    size_t j = 0;
    for (size_t i = 0; i < dd->nentries; i++)
        if (dd->entries[i].key) LIST_ITEMS(l)[j++] = NEWREF(dd->entries[i].key);
    return l;
}

Obj *dict_values_list(Obj *d) {
    DictObj *dd = (DictObj *)d;
    Obj *l = list_new(dd->used);
    if (!l) return NULL;
    size_t j = 0;
    for (size_t i = 0; i < dd->nentries; i++)
        if (dd->entries[i].key) LIST_ITEMS(l)[j++] = NEWREF(dd->entries[i].value);
    return l;
}

Obj *dict_items_list(Obj *d) {
    DictObj *dd = (DictObj *)d;
    Obj *l = list_new(dd->used);
    if (!l) return NULL;
    size_t j = 0;
    for (size_t i = 0; i < dd->nentries; i++) {
        if (!dd->entries[i].key) continue;
        Obj *t = tuple_pack(2, dd->entries[i].key, dd->entries[i].value);
        if (!t) { LIST_SIZE(l) = j; DECREF(l); return NULL; }
        LIST_ITEMS(l)[j++] = t;
    }
    return l;
}

Obj *dict_setdefault(Obj *d, Obj *key, Obj *deflt) {
    intptr_t hash = key_hash(key);
    if (hash == -1) return NULL;
    DictObj *dd = (DictObj *)d;
    intptr_t ix = lookup(dd, key, hash);
    if (ix == DKIX_ERROR) return NULL;
    if (ix >= 0) return dd->entries[ix].value;
    if (insertdict(dd, key, hash, deflt) < 0) return NULL;
    return deflt;
}

static Obj *dict_iter_slot(Obj *d);

/* Merge a mapping into d (override: 1 replace, 0 keep, 2 error on duplicates). */
static int dict_merge(Obj *a, Obj *b, int override) {
    if (DICT_CHECK(b) && TYPE(b)->iter == dict_iter_slot) {
        DictObj *other = (DictObj *)b, *mp = (DictObj *)a;
        if (other->used == 0 || a == b) return 0;
        if (mp->used == 0 && mp->indices == NULL && TYPE(a) == &Type_dict && TYPE(b) == &Type_dict &&
            other->used == other->nentries) {
            /* fresh dict: adopt the other's layout (CPython clones in this case too) */
            Obj *c = dict_copy(b);
            if (!c) return -1;
            DictObj *cc = (DictObj *)c;
            mp->indices = cc->indices; mp->entries = cc->entries;
            mp->log2_size = cc->log2_size; mp->nentries = cc->nentries;
            mp->used = cc->used; mp->usable = cc->usable;
            cc->indices = NULL; cc->entries = NULL; cc->used = cc->nentries = cc->usable = 0;
            DECREF(c);
            BUMP(mp);
            if (gc_is_tracked(b) && !gc_is_tracked(a)) gc_track(a);
            return 0;
        }
        if (mp->indices == NULL || USABLE_FRACTION((size_t)1 << mp->log2_size) < other->used) {
            size_t want = mp->used + other->used;
            if (dict_resize(mp, calc_log2((want * 3 + 1) / 2)) < 0) return -1;
        }
        for (size_t i = 0; i < other->nentries; i++) {
            DictEntry *e = &other->entries[i];
            if (!e->key) continue;
            Obj *k = NEWREF(e->key), *v = NEWREF(e->value);
            intptr_t h = e->hash;
            int r = 0;
            if (override == 1) r = insertdict(mp, k, h, v);
            else {
                intptr_t ix = lookup(mp, k, h);
                if (ix == DKIX_ERROR) r = -1;
                else if (ix < 0) r = insertdict(mp, k, h, v);
                else if (override == 2) { err_key_error(k); r = -1; }
            }
            DECREF(k); DECREF(v);
            if (r < 0) return -1;
            if (other->nentries < i) break;
        }
        return 0;
    }
    /* generic mapping: for k in b.keys(): a[k] = b[k] */
    Obj *keys = obj_call_method(b, NAME(keys), NULL, 0);
    if (!keys) return -1;
    Obj *it = obj_get_iter(keys);
    DECREF(keys);
    if (!it) return -1;
    Obj *k;
    while ((k = iter_next(it)) != NULL) {
        if (override != 1) {
            int c = dict_contains(a, k);
            if (c < 0 || (c > 0 && override == 2)) {
                if (c > 0) err_key_error(k);
                DECREF(k); DECREF(it); return -1;
            }
            if (c > 0) { DECREF(k); continue; }
        }
        Obj *v = obj_getitem(b, k);
        if (!v || dict_set(a, k, v) < 0) { XDECREF(v); DECREF(k); DECREF(it); return -1; }
        DECREF(v);
        DECREF(k);
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

int dict_update(Obj *d, Obj *other) {
    return dict_merge(d, other, 1);
}

/* Update from an iterable of pairs, CPython's messages for malformed elements. */
static int dict_merge_from_seq2(Obj *d, Obj *seq2) {
    Obj *it = obj_get_iter(seq2);
    if (!it) return -1;
    Obj *item;
    size_t i = 0;
    for (; (item = iter_next(it)) != NULL; i++) {
        Obj *fast = NULL;
        if (LIST_CHECK(item) || TUPLE_CHECK(item)) fast = NEWREF(item);
        else {
            fast = seq_to_list(item);
            if (!fast) {
                if (err_matches(Exc_TypeError)) {
                    err_clear();
                    err_format(Exc_TypeError, "cannot convert dictionary update sequence element #%zu to a sequence", i);
                }
                DECREF(item); DECREF(it); return -1;
            }
        }
        size_t n = LIST_CHECK(fast) ? LIST_SIZE(fast) : TUPLE_SIZE(fast);
        if (n != 2) {
            err_format(Exc_ValueError, "dictionary update sequence element #%zu has length %zu; 2 is required", i, n);
            DECREF(fast); DECREF(item); DECREF(it); return -1;
        }
        Obj **p = LIST_CHECK(fast) ? LIST_ITEMS(fast) : TUPLE_ITEMS(fast);
        Obj *k = NEWREF(p[0]), *v = NEWREF(p[1]);
        int r = dict_set(d, k, v);
        DECREF(k); DECREF(v); DECREF(fast); DECREF(item);
        if (r < 0) { DECREF(it); return -1; }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

/* dict.update(arg) / dict(arg): a mapping (has keys) or an iterable of pairs. */
static int dict_update_arg(Obj *d, Obj *arg) {
    if (DICT_CHECK(arg)) return dict_merge(d, arg, 1);
    Obj *keys = obj_getattr_opt(arg, NAME(keys));
    if (keys) { DECREF(keys); return dict_merge(d, arg, 1); }
    if (err_occurred()) return -1;
    return dict_merge_from_seq2(d, arg);
}

/* Shared by dict.__init__ and dict.update: (optional positional arg, **kwargs). */
int dict_init_args(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames, const char *name) {
    if (args_check_count(name, nargs, NULL, 0, 1) < 0) return -1;
    if (nargs == 1 && dict_update_arg(self, args[0]) < 0) return -1;
    if (kwnames) {
        for (size_t i = 0; i < TUPLE_SIZE(kwnames); i++)
            if (dict_set(self, TUPLE_GET(kwnames, i), args[nargs + i]) < 0) return -1;
    }
    return 0;
}

/* "module.qualname()" as CPython's _PyObject_FunctionStr, for call error messages. */
static Obj *function_str(Obj *func) {
    Obj *qual = obj_getattr_opt(func, NAME(__qualname__));
    if (!qual) { err_clear(); return obj_str(func); }
    Obj *mod = obj_getattr_opt(func, NAME(__module__));
    if (!mod) err_clear();
    Obj *r;
    if (mod && mod != V_None && STR_CHECK(mod) && !str_eq_cstr(mod, "builtins"))
        r = str_from_format("%S.%S()", mod, qual);
    else
        r = str_from_format("%S()", qual);
    XDECREF(mod);
    DECREF(qual);
    return r;
}

int dict_merge_kwargs(Obj *d, Obj *other, Obj *func) {
    bool mapping = DICT_CHECK(other);
    if (!mapping) {
        Obj *keys = obj_getattr_opt(other, NAME(keys));
        if (keys) { mapping = true; DECREF(keys); }
        else if (err_occurred()) return -1;
    }
    if (!mapping) {
        Obj *fs = func ? function_str(func) : str_from_cstr("function");
        if (fs) { err_format(Exc_TypeError, "%U argument after ** must be a mapping, not %T", fs, other); DECREF(fs); }
        return -1;
    }
    if (dict_merge(d, other, 2) == 0) return 0;
    if (err_matches(Exc_KeyError)) {
        Obj *exc = err_fetch();
        Obj *args = ((ExcObj *)exc)->args;
        if (args && TUPLE_CHECK(args) && TUPLE_SIZE(args) == 1) {
            Obj *key = TUPLE_GET(args, 0);
            Obj *fs = func ? function_str(func) : str_from_cstr("function");
            if (fs) {
                err_format(Exc_TypeError, "%U got multiple values for keyword argument '%S'", fs, key);
                DECREF(fs);
            }
            DECREF(exc);
        } else {
            err_restore(exc);
        }
    }
    return -1;
}

/* ---- type slots ---- */

static void dict_dealloc(Obj *o) {
    ct_untrack(o);
    if (ct_trash_begin(o, dict_dealloc)) return;
    DictObj *d = (DictObj *)o;
    for (size_t i = 0; i < d->nentries; i++) {
        if (d->entries[i].key) { DECREF(d->entries[i].key); DECREF(d->entries[i].value); }
    }
    vt_free(d->indices);
    vt_free(d->entries);
    obj_free(o);
    ct_trash_end();
}

static int dict_traverse(Obj *o, visitproc visit, void *arg) {
    DictObj *d = (DictObj *)o;
    for (size_t i = 0; i < d->nentries; i++) {
        DictEntry *e = &d->entries[i];
        if (!e->key) continue;
        int r = visit(e->key, arg);
        if (!r) r = visit(e->value, arg);
        if (r) return r;
    }
    return 0;
}

static int dict_tp_clear(Obj *o) { dict_clear(o); return 0; }

static Obj *dict_tp_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (type == &Type_dict) return dict_new();
    Obj *o = type_generic_alloc(type, 0);
    if (!o) return NULL;
    BUMP((DictObj *)o);
    if (!gc_is_tracked(o)) gc_track(o);
    return o;
}

static int dict_tp_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return dict_init_args(self, args, nargs, kwnames, "dict");
}

Obj *dict_repr(Obj *o) {
    DictObj *d = (DictObj *)o;
    if (d->used == 0) return str_from_cstr("{}");
    int r = repr_enter(o);
    if (r != 0) return r > 0 ? str_from_cstr("{...}") : NULL;
    StrBuilder sb;
    sb_init(&sb);
    sb_append_char(&sb, '{');
    bool first = true;
    for (size_t i = 0; i < d->nentries; i++) {
        if (!d->entries[i].key) continue;
        Obj *k = NEWREF(d->entries[i].key), *v = NEWREF(d->entries[i].value);
        if (!first) sb_append(&sb, ", ", 2);
        first = false;
        Obj *s = obj_repr(k);
        if (s) { sb_append_str(&sb, s); DECREF(s); sb_append(&sb, ": ", 2); s = obj_repr(v); }
        DECREF(k); DECREF(v);
        if (!s) { sb_discard(&sb); repr_leave(o); return NULL; }
        sb_append_str(&sb, s);
        DECREF(s);
    }
    sb_append_char(&sb, '}');
    repr_leave(o);
    return sb_finish(&sb);
}

static Obj *dict_richcompare(Obj *a, Obj *b, int op) {
    if (!DICT_CHECK(a) || !DICT_CHECK(b) || (op != CMP_EQ && op != CMP_NE)) return NEWREF(V_NotImplemented);
    DictObj *da = (DictObj *)a, *db = (DictObj *)b;
    int eq = 1;
    if (da->used != db->used) eq = 0;
    for (size_t i = 0; eq && i < da->nentries; i++) {
        DictEntry *e = &da->entries[i];
        if (!e->key) continue;
        Obj *k = NEWREF(e->key), *av = NEWREF(e->value);
        intptr_t ix = lookup(db, k, e->hash);
        if (ix == DKIX_ERROR) { DECREF(k); DECREF(av); return NULL; }
        if (ix < 0) eq = 0;
        else {
            Obj *bv = NEWREF(db->entries[ix].value);
            int c = obj_richcompare_bool(av, bv, CMP_EQ);
            DECREF(bv);
            if (c < 0) { DECREF(k); DECREF(av); return NULL; }
            eq = c;
        }
        DECREF(k); DECREF(av);
    }
    RETURN_BOOL(op == CMP_EQ ? eq : !eq);
}

static intptr_t dict_len(Obj *o) { return (intptr_t)((DictObj *)o)->used; }

static Obj *dict_subscript(Obj *o, Obj *key) {
    intptr_t hash = key_hash(key);
    if (hash == -1) return NULL;
    DictObj *d = (DictObj *)o;
    intptr_t ix = lookup(d, key, hash);
    if (ix >= 0) return NEWREF(d->entries[ix].value);
    if (ix == DKIX_ERROR) return NULL;
    if (o->type != &Type_dict) {
        Obj *missing = obj_lookup_special(o, NAME(__missing__));
        if (missing) {
            Obj *r = obj_call1(missing, key);
            DECREF(missing);
            return r;
        }
        if (err_occurred()) return NULL;
    }
    return err_key_error(key);
}

static int dict_ass_sub(Obj *o, Obj *key, Obj *value) {
    if (value) return dict_set(o, key, value);
    return dict_del(o, key);
}

static int dict_sq_contains(Obj *o, Obj *key) { return dict_contains(o, key); }

static Obj *dict_iter_slot(Obj *d) { return dictiter_new(d, &Type_dict_keyiterator, false); }

static Obj *dict_binop(Obj *a, Obj *b, int op) {
    if (op != NB_OR || !DICT_CHECK(a) || !DICT_CHECK(b)) return NEWREF(V_NotImplemented);
    Obj *r = dict_copy(a);
    if (!r) return NULL;
    if (dict_update(r, b) < 0) { DECREF(r); return NULL; }
    return r;
}

static Obj *dict_inplace(Obj *a, Obj *b, int op) {
    if (op != NB_OR) return NEWREF(V_NotImplemented);
    if (dict_update_arg(a, b) < 0) return NULL;
    return NEWREF(a);
}

/* ---- methods ---- */

static Obj *m_keys(Obj *self, Obj *const *a, size_t n, Obj *k) { return dictview_new(self, &Type_dict_keys); }
static Obj *m_values(Obj *self, Obj *const *a, size_t n, Obj *k) { return dictview_new(self, &Type_dict_values); }
static Obj *m_items(Obj *self, Obj *const *a, size_t n, Obj *k) { return dictview_new(self, &Type_dict_items); }

static Obj *m_get(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("get", nargs, kwnames, 1, 2) < 0) return NULL;
    intptr_t hash = key_hash(args[0]);
    if (hash == -1) return NULL;
    DictObj *d = (DictObj *)self;
    intptr_t ix = lookup(d, args[0], hash);
    if (ix == DKIX_ERROR) return NULL;
    if (ix >= 0) return NEWREF(d->entries[ix].value);
    return NEWREF(nargs > 1 ? args[1] : V_None);
}

static Obj *m_setdefault(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("setdefault", nargs, kwnames, 1, 2) < 0) return NULL;
    Obj *r = dict_setdefault(self, args[0], nargs > 1 ? args[1] : V_None);
    return r ? NEWREF(r) : NULL;
}

static Obj *m_pop(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("pop", nargs, kwnames, 1, 2) < 0) return NULL;
    intptr_t hash = key_hash(args[0]);
    if (hash == -1) return NULL;
    Obj *v;
    int r = dict_pop_known_hash(self, args[0], hash, &v);
    if (r < 0) return NULL;
    if (r > 0) return v;
    if (nargs > 1) return NEWREF(args[1]);
    return err_key_error(args[0]);
}

static Obj *m_popitem(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    DictObj *d = (DictObj *)self;
    if (d->used == 0) return err_set_str(Exc_KeyError, "popitem(): dictionary is empty");
    size_t i = d->nentries;
    while (i > 0 && !d->entries[i - 1].key) i--;
    DictEntry *e = &d->entries[i - 1];
    Obj *k, *v;
    delitem_ix(d, e->hash, (intptr_t)(i - 1), &k, &v);
    /* The tail entry slots are reused, but usable stays: the index table keeps a DUMMY for
     * the popped key (CPython does the same; counting it keeps an EMPTY slot for lookups). */
    d->nentries = i - 1;
    Obj *t = tuple_pack(2, k, v);
    DECREF(k);
    DECREF(v);
    return t;
}

static Obj *m_update(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (dict_init_args(self, args, nargs, kwnames, "update") < 0) return NULL;
    RETURN_NONE;
}

static Obj *m_copy(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) { return dict_copy(self); }

static Obj *m_clear(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    dict_clear(self);
    RETURN_NONE;
}

static Obj *m_fromkeys(Obj *cls, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("fromkeys", nargs, kwnames, 1, 2) < 0) return NULL;
    Obj *value = nargs > 1 ? args[1] : V_None;
    Obj *d = obj_call0(cls);
    if (!d) return NULL;
    bool fast = IS_TYPE(d, &Type_dict);
    if (fast && DICT_CHECK(args[0])) {
        size_t pos = 0;
        Obj *k;
        intptr_t h;
        while (dict_next_hash(args[0], &pos, &k, NULL, &h))
            if (insertdict((DictObj *)d, k, h, value) < 0) { DECREF(d); return NULL; }
        return d;
    }
    Obj *it = obj_get_iter(args[0]);
    if (!it) { DECREF(d); return NULL; }
    Obj *k;
    while ((k = iter_next(it)) != NULL) {
        int r = fast ? dict_set(d, k, value) : obj_setitem(d, k, value);
        DECREF(k);
        if (r < 0) { DECREF(it); DECREF(d); return NULL; }
    }
    DECREF(it);
    if (err_occurred()) { DECREF(d); return NULL; }
    return d;
}

static Obj *m_contains(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    int r = dict_contains(self, args[0]);
    if (r < 0) return NULL;
    RETURN_BOOL(r);
}

static Obj *m_getitem(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return dict_subscript(self, args[0]);
}

static Obj *m_reversed(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return dictiter_new(self, &Type_dict_reversekeyiterator, true);
}

static Obj *m_class_getitem(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return generic_alias_new(self, args[0]);
}

/* CPython 3.11's accounting: the dict object plus its keys object (index bytes sized by the
 * table, 16-byte entries when every key is a str, else 24). */
static Obj *m_sizeof(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    DictObj *d = (DictObj *)self;
    int64_t res = 48;
    if (d->indices) {
        size_t size = (size_t)1 << d->log2_size;
        int ix = size <= 128 ? 1 : size <= 0x8000 ? 2 : size <= 0x80000000u ? 4 : 8;
        bool unicode = true;
        for (size_t i = 0; i < d->nentries && unicode; i++)
            if (d->entries[i].key && !STR_CHECK_EXACT(d->entries[i].key)) unicode = false;
        res += 32 + (int64_t)(size * (size_t)ix + USABLE_FRACTION(size) * (unicode ? 16 : 24));
    }
    return MAKE_SMALL(res);
}

static const MethodDef dict_methods[] = {
    {"__contains__", m_contains, METH_O, "True if the dictionary has the specified key, else False."},
    {"__getitem__", m_getitem, METH_O, "x.__getitem__(y) <==> x[y]"},
    {"keys", m_keys, METH_NOARGS, "D.keys() -> a set-like object providing a view on D's keys"},
    {"items", m_items, METH_NOARGS, "D.items() -> a set-like object providing a view on D's items"},
    {"values", m_values, METH_NOARGS, "D.values() -> an object providing a view on D's values"},
    {"get", m_get, METH_VARARGS, "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", m_setdefault, METH_VARARGS, "Insert key with a value of default if key is not in the dictionary."},
    {"pop", m_pop, METH_VARARGS, "D.pop(k[,d]) -> v, remove specified key and return the corresponding value."},
    {"popitem", m_popitem, METH_NOARGS, "Remove and return a (key, value) pair as a 2-tuple."},
    {"update", m_update, METH_VARARGS | METH_KEYWORDS, "D.update([E, ]**F) -> None."},
    {"copy", m_copy, METH_NOARGS, "D.copy() -> a shallow copy of D"},
    {"clear", m_clear, METH_NOARGS, "D.clear() -> None.  Remove all items from D."},
    {"fromkeys", m_fromkeys, METH_VARARGS | METH_CLASS, "Create a new dictionary with keys from iterable and values set to value."},
    {"__reversed__", m_reversed, METH_NOARGS, "Return a reverse iterator over the dict keys."},
    {"__sizeof__", m_sizeof, METH_NOARGS, "D.__sizeof__() -> size of D in memory, in bytes"},
    {"__class_getitem__", m_class_getitem, METH_O | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_dict = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "dict",
    .basicsize = sizeof(DictObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC | TPFLAG_DICT_SUBCLASS,
    .doc = "dict() -> new empty dictionary",
    .dealloc = dict_dealloc,
    .traverse = dict_traverse,
    .clear = dict_tp_clear,
    .new = dict_tp_new,
    .init = dict_tp_init,
    .repr = dict_repr,
    .hash = type_hash_not_implemented,
    .richcompare = dict_richcompare,
    .binop = dict_binop,
    .inplace = dict_inplace,
    .len = dict_len,
    .getitem = dict_subscript,
    .setitem = dict_ass_sub,
    .contains = dict_sq_contains,
    .iter = dict_iter_slot,
    .methods = dict_methods,
};
