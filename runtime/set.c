/* set.c: set and frozenset, CPython 3.11's hash table algorithm (linear probes + perturbation,
 * dummy entries, the same resize points) so iteration order matches CPython's. */
#include <string.h>
#include "dict.h"
#include "gc.h"
#include "vm.h"

#define SET_MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

typedef struct SetEntry {
    Obj *key;          /* NULL: unused; &dummy_obj: deleted */
    intptr_t hash;     /* 0 for unused, -1 for dummies */
} SetEntry;

typedef struct SetObj {
    Obj ob;
    size_t fill;       /* active + dummy entries */
    size_t used;       /* active entries */
    size_t mask;       /* table size - 1 */
    SetEntry *table;   /* smalltable or a heap array */
    intptr_t hash;     /* frozenset hash cache, -1 until computed */
    size_t finger;     /* pop() search start */
    SetEntry smalltable[SET_MINSIZE];
} SetObj;

static Obj dummy_obj = OBJ_HEAD_INIT(&Type_object);
#define DUMMY (&dummy_obj)

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

#define IS_FROZEN(o) (TYPE(o) == &Type_frozenset || type_is_subtype(TYPE(o), &Type_frozenset))

/* ---- the table ---- */

/* Find the entry for key: the active entry, or the unused entry ending the probe; NULL on error. */
static SetEntry *set_lookkey(SetObj *so, Obj *key, intptr_t hash) {
restart:;
    size_t mask = so->mask, perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        SetEntry *entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) return entry;
            if (entry->hash == hash) {
                Obj *sk = entry->key;
                if (sk == key) return entry;
                if (STR_CHECK_EXACT(sk) && STR_CHECK_EXACT(key)) {
                    if (str_eq(sk, key)) return entry;
                } else {
                    SetEntry *table = so->table;
                    INCREF(sk);
                    int cmp = obj_richcompare_bool(sk, key, CMP_EQ);
                    DECREF(sk);
                    if (cmp < 0) return NULL;
                    if (table != so->table || entry->key != sk) goto restart;
                    if (cmp > 0) return entry;
                    mask = so->mask;
                }
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* Insert into a table known to have no dummies and not to contain key. */
static void set_insert_clean(SetEntry *table, size_t mask, Obj *key, intptr_t hash) {
    size_t perturb = (size_t)hash, i = (size_t)hash & mask;
    SetEntry *entry;
    for (;;) {
        entry = &table[i];
        if (entry->key == NULL) goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (entry->key == NULL) goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found:
    entry->key = key;
    entry->hash = hash;
}

static int set_table_resize(SetObj *so, size_t minused) {
    size_t newsize = SET_MINSIZE;
    while (newsize <= minused) newsize <<= 1;
    SetEntry *oldtable = so->table, *newtable;
    size_t oldmask = so->mask;
    bool was_small = oldtable == so->smalltable;
    SetEntry small_copy[SET_MINSIZE];
    if (newsize == SET_MINSIZE) {
        newtable = so->smalltable;
        if (newtable == oldtable) {
            if (so->fill == so->used) return 0;   /* nothing to do */
            memcpy(small_copy, oldtable, sizeof(small_copy));
            oldtable = small_copy;
        }
    } else {
        newtable = vt_calloc(newsize, sizeof(SetEntry));
        if (!newtable) return -1;
    }
    memset(newtable, 0, newsize * sizeof(SetEntry));
    so->mask = newsize - 1;
    so->table = newtable;
    size_t newmask = newsize - 1;
    if (so->fill == so->used) {
        for (size_t i = 0; i <= oldmask; i++)
            if (oldtable[i].key) set_insert_clean(newtable, newmask, oldtable[i].key, oldtable[i].hash);
    } else {
        so->fill = so->used;
        for (size_t i = 0; i <= oldmask; i++)
            if (oldtable[i].key && oldtable[i].key != DUMMY)
                set_insert_clean(newtable, newmask, oldtable[i].key, oldtable[i].hash);
    }
    if (!was_small) vt_free(oldtable);
    return 0;
}

/* Add key (borrowed) with its hash: CPython's set_add_entry (an absent key goes into the last
 * dummy seen along its probe path, else into the unused slot that ended the probe). */
static int set_add_entry(SetObj *so, Obj *key, intptr_t hash) {
    INCREF(key);
restart:;
    size_t mask = so->mask, perturb = (size_t)hash, i = (size_t)hash & mask;
    SetEntry *freeslot = NULL, *entry;
    for (;;) {
        entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) goto found_unused_or_dummy;
            if (entry->hash == hash) {
                Obj *sk = entry->key;
                if (sk == key) goto found_active;
                if (STR_CHECK_EXACT(sk) && STR_CHECK_EXACT(key)) {
                    if (str_eq(sk, key)) goto found_active;
                } else {
                    SetEntry *table = so->table;
                    INCREF(sk);
                    int cmp = obj_richcompare_bool(sk, key, CMP_EQ);
                    DECREF(sk);
                    if (cmp > 0) goto found_active;
                    if (cmp < 0) { DECREF(key); return -1; }
                    if (table != so->table || entry->key != sk) goto restart;
                    mask = so->mask;
                }
            } else if (entry->hash == -1) {
                freeslot = entry;   /* CPython keeps the LAST dummy seen on the probe path */
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot) {
        so->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    so->fill++;
    so->used++;
    entry->key = key;
    entry->hash = hash;
    if (so->fill * 5 < mask * 3) return 0;
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
found_active:
    DECREF(key);
    return 0;
}

static int set_contains_entry(SetObj *so, Obj *key, intptr_t hash) {
    SetEntry *e = set_lookkey(so, key, hash);
    if (!e) return -1;
    return e->key != NULL;
}

enum { DISCARD_NOTFOUND = 0, DISCARD_FOUND = 1 };

static int set_discard_entry(SetObj *so, Obj *key, intptr_t hash) {
    SetEntry *e = set_lookkey(so, key, hash);
    if (!e) return -1;
    if (e->key == NULL) return DISCARD_NOTFOUND;
    Obj *old = e->key;
    e->key = DUMMY;
    e->hash = -1;
    so->used--;
    DECREF(old);
    return DISCARD_FOUND;
}

static void set_clear_internal(SetObj *so) {
    SetEntry *table = so->table;
    size_t mask = so->mask;
    bool small = table == so->smalltable;
    SetEntry copy[SET_MINSIZE];
    if (small) { memcpy(copy, table, sizeof(copy)); table = copy; }
    so->table = so->smalltable;
    memset(so->smalltable, 0, sizeof(so->smalltable));
    so->mask = SET_MINSIZE - 1;
    so->fill = so->used = 0;
    so->hash = -1;
    for (size_t i = 0; i <= mask; i++)
        if (table[i].key && table[i].key != DUMMY) DECREF(table[i].key);
    if (!small) vt_free(table);
}

/* Iterate active entries: *pos starts at 0. */
static int set_next_entry(SetObj *so, size_t *pos, SetEntry **out) {
    size_t i = *pos;
    while (i <= so->mask && (so->table[i].key == NULL || so->table[i].key == DUMMY)) i++;
    if (i > so->mask) return 0;
    *pos = i + 1;
    *out = &so->table[i];
    return 1;
}

static int set_merge(SetObj *so, SetObj *other) {
    if (so == other || other->used == 0) return 0;
    if ((so->fill + other->used) * 5 >= so->mask * 3)
        if (set_table_resize(so, (so->used + other->used) * 2) < 0) return -1;
    SetEntry *se = so->table, *oe = other->table;
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        for (size_t i = 0; i <= other->mask; i++) {
            if (oe[i].key) { se[i].key = NEWREF(oe[i].key); se[i].hash = oe[i].hash; }
        }
        so->fill = other->fill;
        so->used = other->used;
        return 0;
    }
    if (so->fill == 0) {
        so->fill = so->used = other->used;
        for (size_t i = 0; i <= other->mask; i++) {
            Obj *k = oe[i].key;
            if (k && k != DUMMY) set_insert_clean(so->table, so->mask, NEWREF(k), oe[i].hash);
        }
        return 0;
    }
    for (size_t i = 0; i <= other->mask; i++) {
        Obj *k = other->table[i].key;
        if (k && k != DUMMY && set_add_entry(so, k, other->table[i].hash) < 0) return -1;
    }
    return 0;
}

static int set_update_internal(SetObj *so, Obj *other) {
    if (ANYSET_CHECK(other)) return set_merge(so, (SetObj *)other);
    if (IS_TYPE(other, &Type_dict)) {
        size_t n = dict_size(other);
        if ((so->fill + n) * 5 >= so->mask * 3)
            if (set_table_resize(so, (so->used + n) * 2) < 0) return -1;
        size_t pos = 0;
        Obj *k;
        intptr_t h;
        while (dict_next_hash(other, &pos, &k, NULL, &h))
            if (set_add_entry(so, k, h) < 0) return -1;
        return 0;
    }
    Obj *it = obj_get_iter(other);
    if (!it) return -1;
    Obj *k;
    while ((k = iter_next(it)) != NULL) {
        intptr_t h = key_hash(k);
        if (h == -1 || set_add_entry(so, k, h) < 0) { DECREF(k); DECREF(it); return -1; }
        DECREF(k);
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

/* ---- construction ---- */

static Obj *make_new_set(Type *type, Obj *iterable) {
    SetObj *so;
    if (type == &Type_set || type == &Type_frozenset) {
        so = (SetObj *)gc_alloc(type, sizeof(SetObj));
    } else {
        so = (SetObj *)type_generic_alloc(type, 0);
    }
    if (!so) return NULL;
    so->table = so->smalltable;
    so->mask = SET_MINSIZE - 1;
    so->hash = -1;
    gc_track((Obj *)so);
    if (iterable && set_update_internal(so, iterable) < 0) { DECREF((Obj *)so); return NULL; }
    return (Obj *)so;
}

/* A new set of the base type of `like` (set for set subclasses, frozenset for frozensets). */
static Obj *make_new_set_basetype(Obj *like, Obj *iterable) {
    return make_new_set(IS_FROZEN(like) ? &Type_frozenset : &Type_set, iterable);
}

Obj *set_new(Obj *iterable) { return make_new_set(&Type_set, iterable); }
Obj *frozenset_new(Obj *iterable) { return make_new_set(&Type_frozenset, iterable); }

/* ---- C API ---- */

/* Hash a key for lookup; a set key is looked up as the equal frozenset (CPython does too). */
static int lookup_key(Obj *key, Obj **tmp, intptr_t *hash) {
    *tmp = NULL;
    *hash = key_hash(key);
    if (*hash != -1) return 0;
    if (!ANYSET_CHECK(key) || !err_matches(Exc_TypeError)) return -1;
    err_clear();
    *tmp = frozenset_new(key);
    if (!*tmp) return -1;
    *hash = obj_hash(*tmp);
    return *hash == -1 ? -1 : 0;
}

int set_add(Obj *set, Obj *key) {
    intptr_t h = key_hash(key);
    if (h == -1) return -1;
    return set_add_entry((SetObj *)set, key, h);
}

int set_add_known_hash(Obj *set, Obj *key, intptr_t hash) { return set_add_entry((SetObj *)set, key, hash); }
int set_contains_known_hash(Obj *set, Obj *key, intptr_t hash) { return set_contains_entry((SetObj *)set, key, hash); }

int set_discard(Obj *set, Obj *key) {
    Obj *tmp;
    intptr_t h;
    if (lookup_key(key, &tmp, &h) < 0) return -1;
    int r = set_discard_entry((SetObj *)set, tmp ? tmp : key, h);
    XDECREF(tmp);
    return r;
}

int set_contains(Obj *set, Obj *key) {
    Obj *tmp;
    intptr_t h;
    if (lookup_key(key, &tmp, &h) < 0) return -1;
    int r = set_contains_entry((SetObj *)set, tmp ? tmp : key, h);
    XDECREF(tmp);
    return r;
}

size_t set_size(Obj *set) { return ((SetObj *)set)->used; }

int set_next(Obj *set, size_t *pos, Obj **key) {
    SetEntry *e;
    if (!set_next_entry((SetObj *)set, pos, &e)) return 0;
    *key = e->key;
    return 1;
}

int set_update(Obj *set, Obj *iterable) { return set_update_internal((SetObj *)set, iterable); }

/* ---- algebra (CPython's algorithms, which fix the resulting iteration orders) ---- */

static Obj *set_copy(Obj *so) { return make_new_set_basetype(so, so); }

static void set_swap_bodies(SetObj *a, SetObj *b) {
    size_t t;
    t = a->fill; a->fill = b->fill; b->fill = t;
    t = a->used; a->used = b->used; b->used = t;
    t = a->mask; a->mask = b->mask; b->mask = t;
    bool a_small = a->table == a->smalltable, b_small = b->table == b->smalltable;
    SetEntry *ta = a->table, *tb = b->table;
    SetEntry tmp[SET_MINSIZE];
    memcpy(tmp, a->smalltable, sizeof(tmp));
    memcpy(a->smalltable, b->smalltable, sizeof(tmp));
    memcpy(b->smalltable, tmp, sizeof(tmp));
    a->table = b_small ? a->smalltable : tb;
    b->table = a_small ? b->smalltable : ta;
    intptr_t h = a->hash; a->hash = b->hash; b->hash = h;
}

static Obj *set_intersection(SetObj *so, Obj *other) {
    Obj *result = make_new_set_basetype((Obj *)so, NULL);
    if (!result) return NULL;
    SetObj *rs = (SetObj *)result;
    if (ANYSET_CHECK(other)) {
        SetObj *o = (SetObj *)other;
        if (o->used > so->used) { SetObj *t = so; so = o; o = t; }
        size_t pos = 0;
        SetEntry *e;
        while (set_next_entry(o, &pos, &e)) {
            Obj *k = NEWREF(e->key);
            intptr_t h = e->hash;
            int rv = set_contains_entry(so, k, h);
            if (rv > 0) rv = set_add_entry(rs, k, h);
            DECREF(k);
            if (rv < 0) { DECREF(result); return NULL; }
        }
        return result;
    }
    Obj *it = obj_get_iter(other);
    if (!it) { DECREF(result); return NULL; }
    Obj *k;
    while ((k = iter_next(it)) != NULL) {
        intptr_t h = key_hash(k);
        int rv = h == -1 ? -1 : set_contains_entry(so, k, h);
        if (rv > 0) rv = set_add_entry(rs, k, h);
        DECREF(k);
        if (rv < 0) { DECREF(it); DECREF(result); return NULL; }
    }
    DECREF(it);
    if (err_occurred()) { DECREF(result); return NULL; }
    return result;
}

static int set_intersection_update(SetObj *so, Obj *other) {
    Obj *tmp = set_intersection(so, other);
    if (!tmp) return -1;
    set_swap_bodies(so, (SetObj *)tmp);
    DECREF(tmp);
    return 0;
}

static int set_difference_update_internal(SetObj *so, Obj *other) {
    if ((Obj *)so == other) { set_clear_internal(so); return 0; }
    if (ANYSET_CHECK(other)) {
        size_t pos = 0;
        SetEntry *e;
        while (set_next_entry((SetObj *)other, &pos, &e)) {
            Obj *k = NEWREF(e->key);
            int r = set_discard_entry(so, k, e->hash);
            DECREF(k);
            if (r < 0) return -1;
        }
    } else {
        Obj *it = obj_get_iter(other);
        if (!it) return -1;
        Obj *k;
        while ((k = iter_next(it)) != NULL) {
            int r = set_discard((Obj *)so, k);
            DECREF(k);
            if (r < 0) { DECREF(it); return -1; }
        }
        DECREF(it);
        if (err_occurred()) return -1;
    }
    if (so->fill - so->used <= so->mask / 4) return 0;
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

static Obj *set_copy_and_difference(SetObj *so, Obj *other) {
    Obj *r = set_copy((Obj *)so);
    if (!r) return NULL;
    if (set_difference_update_internal((SetObj *)r, other) < 0) { DECREF(r); return NULL; }
    return r;
}

static Obj *set_difference(SetObj *so, Obj *other) {
    size_t other_size;
    if (ANYSET_CHECK(other)) other_size = ((SetObj *)other)->used;
    else if (IS_TYPE(other, &Type_dict)) other_size = dict_size(other);
    else return set_copy_and_difference(so, other);
    if ((so->used >> 2) > other_size) return set_copy_and_difference(so, other);
    Obj *result = make_new_set_basetype((Obj *)so, NULL);
    if (!result) return NULL;
    size_t pos = 0;
    SetEntry *e;
    while (set_next_entry(so, &pos, &e)) {
        Obj *k = NEWREF(e->key);
        intptr_t h = e->hash;
        int rv;
        if (IS_TYPE(other, &Type_dict)) {
            int err;
            rv = dict_get_known_hash(other, k, h, &err) != NULL;
            if (err) rv = -1;
        } else {
            rv = set_contains_entry((SetObj *)other, k, h);
        }
        if (rv == 0) rv = set_add_entry((SetObj *)result, k, h);
        DECREF(k);
        if (rv < 0) { DECREF(result); return NULL; }
    }
    return result;
}

static int set_symmetric_difference_update(SetObj *so, Obj *other) {
    if ((Obj *)so == other) { set_clear_internal(so); return 0; }
    if (IS_TYPE(other, &Type_dict)) {
        size_t pos = 0;
        Obj *k, *v;
        intptr_t h;
        while (dict_next_hash(other, &pos, &k, &v, &h)) {
            INCREF(k);
            int rv = set_discard_entry(so, k, h);
            if (rv == DISCARD_NOTFOUND) rv = set_add_entry(so, k, h);
            DECREF(k);
            if (rv < 0) return -1;
        }
        return 0;
    }
    Obj *otherset = ANYSET_CHECK(other) ? NEWREF(other) : make_new_set_basetype((Obj *)so, other);
    if (!otherset) return -1;
    size_t pos = 0;
    SetEntry *e;
    while (set_next_entry((SetObj *)otherset, &pos, &e)) {
        Obj *k = NEWREF(e->key);
        intptr_t h = e->hash;
        int rv = set_discard_entry(so, k, h);
        if (rv == DISCARD_NOTFOUND) rv = set_add_entry(so, k, h);
        DECREF(k);
        if (rv < 0) { DECREF(otherset); return -1; }
    }
    DECREF(otherset);
    return 0;
}

static Obj *set_symmetric_difference(SetObj *so, Obj *other) {
    Obj *otherset = make_new_set_basetype((Obj *)so, other);
    if (!otherset) return NULL;
    if (set_symmetric_difference_update((SetObj *)otherset, (Obj *)so) < 0) { DECREF(otherset); return NULL; }
    return otherset;
}

static int set_issubset_internal(SetObj *so, Obj *other) {
    if (!ANYSET_CHECK(other)) {
        Obj *tmp = set_new(other);
        if (!tmp) return -1;
        int r = set_issubset_internal(so, tmp);
        DECREF(tmp);
        return r;
    }
    if (so->used > ((SetObj *)other)->used) return 0;
    size_t pos = 0;
    SetEntry *e;
    while (set_next_entry(so, &pos, &e)) {
        Obj *k = NEWREF(e->key);
        int rv = set_contains_entry((SetObj *)other, k, e->hash);
        DECREF(k);
        if (rv <= 0) return rv;
    }
    return 1;
}

static int set_issuperset_internal(SetObj *so, Obj *other) {
    if (ANYSET_CHECK(other)) return set_issubset_internal((SetObj *)other, (Obj *)so);
    Obj *it = obj_get_iter(other);
    if (!it) return -1;
    Obj *k;
    while ((k = iter_next(it)) != NULL) {
        int rv = set_contains((Obj *)so, k);
        DECREF(k);
        if (rv <= 0) { DECREF(it); return rv; }
    }
    DECREF(it);
    return err_occurred() ? -1 : 1;
}

int set_inplace_update(Obj *set, Obj *other, int op) {
    SetObj *so = (SetObj *)set;
    switch (op) {
    case NB_OR: return set_update_internal(so, other);
    case NB_AND: return set_intersection_update(so, other);
    case NB_SUBTRACT: return set_difference_update_internal(so, other);
    case NB_XOR: return set_symmetric_difference_update(so, other);
    default: err_bad_internal_call("set_inplace_update"); return -1;
    }
}

/* ---- slots ---- */

static void set_dealloc(Obj *o) {
    SetObj *so = (SetObj *)o;
    ct_untrack(o);
    if (ct_trash_begin(o, set_dealloc)) return;
    if (so->table) {
        for (size_t i = 0; i <= so->mask; i++)
            if (so->table[i].key && so->table[i].key != DUMMY) DECREF(so->table[i].key);
        if (so->table != so->smalltable) vt_free(so->table);
    }
    obj_free(o);
    ct_trash_end();
}

static int set_traverse(Obj *o, visitproc visit, void *arg) {
    size_t pos = 0;
    SetEntry *e;
    while (set_next_entry((SetObj *)o, &pos, &e)) {
        int r = visit(e->key, arg);
        if (r) return r;
    }
    return 0;
}

static int set_tp_clear(Obj *o) { set_clear_internal((SetObj *)o); return 0; }

static Obj *set_tp_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    return make_new_set(type, NULL);
}

static int set_tp_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) {
        err_set_str(Exc_TypeError, "set() takes no keyword arguments");
        return -1;
    }
    if (args_check_count("set", nargs, NULL, 0, 1) < 0) return -1;
    if (((SetObj *)self)->fill) set_clear_internal((SetObj *)self);
    ((SetObj *)self)->hash = -1;
    return nargs ? set_update_internal((SetObj *)self, args[0]) : 0;
}

static Obj *frozenset_tp_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames) && (type == &Type_frozenset || type->init == Type_frozenset.init))
        return err_set_str(Exc_TypeError, "frozenset() takes no keyword arguments");
    if (args_check_count("frozenset", nargs, NULL, 0, 1) < 0) return NULL;
    if (type == &Type_frozenset && nargs && IS_TYPE(args[0], &Type_frozenset)) return NEWREF(args[0]);
    return make_new_set(type, nargs ? args[0] : NULL);
}

static Obj *set_tp_repr(Obj *o) {
    SetObj *so = (SetObj *)o;
    Type *t = TYPE(o);
    bool plain = t == &Type_set;
    const char *name = type_name(t);
    if (so->used == 0) return str_from_format("%s()", name);
    int r = repr_enter(o);
    if (r != 0) return r > 0 ? str_from_format("%s(...)", name) : NULL;
    StrBuilder sb;
    sb_init(&sb);
    if (!plain) { sb_append_cstr(&sb, name); sb_append_char(&sb, '('); }
    sb_append_char(&sb, '{');
    size_t pos = 0;
    SetEntry *e;
    bool first = true;
    Obj *keys = list_new(0);
    if (!keys) { sb_discard(&sb); repr_leave(o); return NULL; }
    while (set_next_entry(so, &pos, &e)) list_append(keys, e->key);
    for (size_t i = 0; i < LIST_SIZE(keys); i++) {
        if (!first) sb_append(&sb, ", ", 2);
        first = false;
        Obj *s = obj_repr(LIST_GET(keys, i));
        if (!s) { DECREF(keys); sb_discard(&sb); repr_leave(o); return NULL; }
        sb_append_str(&sb, s);
        DECREF(s);
    }
    DECREF(keys);
    sb_append_char(&sb, '}');
    if (!plain) sb_append_char(&sb, ')');
    repr_leave(o);
    return sb_finish(&sb);
}

static uint64_t shuffle_bits(uint64_t h) {
    return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL;
}

/* CPython 3.11's frozenset hash: order-independent xor of shuffled entry hashes. */
static intptr_t frozenset_hash(Obj *o) {
    SetObj *so = (SetObj *)o;
    if (so->hash != -1) return so->hash;
    uint64_t hash = 0;
    for (size_t i = 0; i <= so->mask; i++) hash ^= shuffle_bits((uint64_t)so->table[i].hash);
    if ((so->mask + 1 - so->fill) & 1) hash ^= shuffle_bits(0);
    if ((so->fill - so->used) & 1) hash ^= shuffle_bits((uint64_t)-1);
    hash ^= ((uint64_t)so->used + 1) * 1927868237UL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923UL;
    if (hash == (uint64_t)-1) hash = 590923713UL;
    so->hash = (intptr_t)hash;
    return (intptr_t)hash;
}

static Obj *set_richcompare(Obj *v, Obj *w, int op) {
    if (!ANYSET_CHECK(w) || !ANYSET_CHECK(v)) return NEWREF(V_NotImplemented);
    SetObj *a = (SetObj *)v, *b = (SetObj *)w;
    int r;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        if (a->used != b->used) r = 0;
        else if (a->hash != -1 && b->hash != -1 && a->hash != b->hash) r = 0;
        else r = set_issubset_internal(a, w);
        if (r < 0) return NULL;
        RETURN_BOOL(op == CMP_EQ ? r : !r);
    case CMP_LE: r = set_issubset_internal(a, w); break;
    case CMP_GE: r = set_issuperset_internal(a, w); break;
    case CMP_LT: r = a->used < b->used ? set_issubset_internal(a, w) : 0; break;
    default: r = a->used > b->used ? set_issuperset_internal(a, w) : 0; break;
    }
    if (r < 0) return NULL;
    RETURN_BOOL(r);
}

static intptr_t set_len(Obj *o) { return (intptr_t)((SetObj *)o)->used; }

static int set_sq_contains(Obj *o, Obj *key) { return set_contains(o, key); }

static Obj *set_binop(Obj *a, Obj *b, int op) {
    if (!ANYSET_CHECK(a) || !ANYSET_CHECK(b)) return NEWREF(V_NotImplemented);
    SetObj *so = (SetObj *)a;
    switch (op) {
    case NB_OR: {
        Obj *r = set_copy(a);
        if (!r || a == b) return r;
        if (set_update_internal((SetObj *)r, b) < 0) { DECREF(r); return NULL; }
        return r;
    }
    case NB_AND: return set_intersection(so, b);
    case NB_SUBTRACT: return set_difference(so, b);
    case NB_XOR: return set_symmetric_difference(so, b);
    default: return NEWREF(V_NotImplemented);
    }
}

static Obj *set_inplace(Obj *a, Obj *b, int op) {
    if (!ANYSET_CHECK(b) || (op != NB_OR && op != NB_AND && op != NB_SUBTRACT && op != NB_XOR))
        return NEWREF(V_NotImplemented);
    if (set_inplace_update(a, b, op) < 0) return NULL;
    return NEWREF(a);
}

/* ---- iterator ---- */

typedef struct SetIterObj {
    Obj ob;
    Obj *set;      /* NULL once exhausted */
    size_t used;
    size_t pos;
    size_t len;
} SetIterObj;

static Obj *set_iter(Obj *o) {
    ct_ready(&Type_set_iterator);
    SetIterObj *it = (SetIterObj *)gc_alloc(&Type_set_iterator, sizeof(SetIterObj));
    if (!it) return NULL;
    it->set = NEWREF(o);
    it->used = it->len = ((SetObj *)o)->used;
    gc_track((Obj *)it);
    return (Obj *)it;
}

static void setiter_dealloc(Obj *o) {
    ct_untrack(o);
    XDECREF(((SetIterObj *)o)->set);
    obj_free(o);
}

static int setiter_traverse(Obj *o, visitproc visit, void *arg) {
    Obj *s = ((SetIterObj *)o)->set;
    return s ? visit(s, arg) : 0;
}

static Obj *setiter_next(Obj *o) {
    SetIterObj *it = (SetIterObj *)o;
    SetObj *so = (SetObj *)it->set;
    if (!so) return NULL;
    if (it->used != so->used) {
        err_set_str(Exc_RuntimeError, "Set changed size during iteration");
        it->used = (size_t)-1;
        return NULL;
    }
    SetEntry *e;
    if (set_next_entry(so, &it->pos, &e)) {
        it->len--;
        return NEWREF(e->key);
    }
    CLEAR(it->set);
    return NULL;
}

static Obj *iter_self(Obj *o) { return NEWREF(o); }

static Obj *setiter_length_hint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    SetIterObj *it = (SetIterObj *)self;
    if (it->set && it->used == ((SetObj *)it->set)->used) return MAKE_SMALL((int64_t)it->len);
    return MAKE_SMALL(0);
}

static const MethodDef setiter_methods[] = {
    {"__length_hint__", setiter_length_hint, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_set_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "set_iterator",
    .basicsize = sizeof(SetIterObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = setiter_dealloc,
    .traverse = setiter_traverse,
    .iter = iter_self,
    .iternext = setiter_next,
    .methods = setiter_methods,
};

/* ---- methods ---- */

static Obj *m_add(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (set_add(self, args[0]) < 0) return NULL;
    RETURN_NONE;
}

static Obj *m_clear(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    set_clear_internal((SetObj *)self);
    RETURN_NONE;
}

static Obj *m_copy(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (IS_TYPE(self, &Type_frozenset)) return NEWREF(self);
    return set_copy(self);
}

static Obj *m_discard(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (set_discard(self, args[0]) < 0) return NULL;
    RETURN_NONE;
}

static Obj *m_remove(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    int r = set_discard(self, args[0]);
    if (r < 0) return NULL;
    if (r == 0) return err_key_error(args[0]);
    RETURN_NONE;
}

static Obj *m_pop(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    SetObj *so = (SetObj *)self;
    if (so->used == 0) return err_set_str(Exc_KeyError, "pop from an empty set");
    SetEntry *entry = so->table + (so->finger & so->mask), *limit = so->table + so->mask;
    while (entry->key == NULL || entry->key == DUMMY) {
        entry++;
        if (entry > limit) entry = so->table;
    }
    Obj *key = entry->key;
    entry->key = DUMMY;
    entry->hash = -1;
    so->used--;
    so->finger = (size_t)(entry - so->table) + 1;
    return key;
}

static Obj *m_union(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *r = set_copy(self);
    if (!r) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        if (args[i] == self) continue;
        if (set_update_internal((SetObj *)r, args[i]) < 0) { DECREF(r); return NULL; }
    }
    return r;
}

static Obj *m_update(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    for (size_t i = 0; i < nargs; i++)
        if (set_update_internal((SetObj *)self, args[i]) < 0) return NULL;
    RETURN_NONE;
}

static Obj *m_intersection(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (nargs == 0) return set_copy(self);
    Obj *result = NEWREF(self);
    for (size_t i = 0; i < nargs; i++) {
        Obj *nr = set_intersection((SetObj *)result, args[i]);
        DECREF(result);
        if (!nr) return NULL;
        result = nr;
    }
    return result;
}

static Obj *m_intersection_update(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *tmp = m_intersection(self, args, nargs, kwnames);
    if (!tmp) return NULL;
    set_swap_bodies((SetObj *)self, (SetObj *)tmp);
    DECREF(tmp);
    RETURN_NONE;
}

static Obj *m_difference(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (nargs == 0) return set_copy(self);
    Obj *r = set_difference((SetObj *)self, args[0]);
    if (!r) return NULL;
    for (size_t i = 1; i < nargs; i++)
        if (set_difference_update_internal((SetObj *)r, args[i]) < 0) { DECREF(r); return NULL; }
    return r;
}

static Obj *m_difference_update(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    for (size_t i = 0; i < nargs; i++)
        if (set_difference_update_internal((SetObj *)self, args[i]) < 0) return NULL;
    RETURN_NONE;
}

static Obj *m_symmetric_difference(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return set_symmetric_difference((SetObj *)self, args[0]);
}

static Obj *m_symmetric_difference_update(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (set_symmetric_difference_update((SetObj *)self, args[0]) < 0) return NULL;
    RETURN_NONE;
}

static Obj *m_issubset(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    int r = set_issubset_internal((SetObj *)self, args[0]);
    if (r < 0) return NULL;
    RETURN_BOOL(r);
}

static Obj *m_issuperset(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    int r = set_issuperset_internal((SetObj *)self, args[0]);
    if (r < 0) return NULL;
    RETURN_BOOL(r);
}

static Obj *m_isdisjoint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    SetObj *so = (SetObj *)self;
    Obj *other = args[0];
    if (other == self) RETURN_BOOL(so->used == 0);
    if (IS_TYPE(other, &Type_set) || IS_TYPE(other, &Type_frozenset)) {
        SetObj *o = (SetObj *)other;
        if (o->used > so->used) { SetObj *t = so; so = o; o = t; }
        size_t pos = 0;
        SetEntry *e;
        while (set_next_entry(o, &pos, &e)) {
            Obj *k = NEWREF(e->key);
            int rv = set_contains_entry(so, k, e->hash);
            DECREF(k);
            if (rv < 0) return NULL;
            if (rv) RETURN_BOOL(0);
        }
        RETURN_BOOL(1);
    }
    Obj *it = obj_get_iter(other);
    if (!it) return NULL;
    Obj *k;
    while ((k = iter_next(it)) != NULL) {
        intptr_t h = key_hash(k);
        int rv = h == -1 ? -1 : set_contains_entry(so, k, h);
        DECREF(k);
        if (rv != 0) { DECREF(it); return rv < 0 ? NULL : NEWREF(V_False); }
    }
    DECREF(it);
    if (err_occurred()) return NULL;
    RETURN_BOOL(1);
}

static Obj *m_contains(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    int r = set_contains(self, args[0]);
    if (r < 0) return NULL;
    RETURN_BOOL(r);
}

static Obj *m_reduce(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *keys = seq_to_list(self);
    if (!keys) return NULL;
    Obj *dict = NULL;
    Obj **dp = obj_dict_ptr(self);
    if (dp && *dp) dict = *dp;
    Obj *r;
    Obj *argt = tuple_pack(1, keys);
    DECREF(keys);
    if (!argt) return NULL;
    r = tuple_pack(3, (Obj *)TYPE(self), argt, dict ? dict : V_None);
    DECREF(argt);
    return r;
}

static Obj *m_sizeof(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    SetObj *so = (SetObj *)self;
    int64_t res = 200;   /* CPython's PySetObject with its 8-entry small table */
    if (so->table != so->smalltable) res += (int64_t)(so->mask + 1) * 16;
    return MAKE_SMALL(res);
}

static Obj *m_class_getitem(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return generic_alias_new(self, args[0]);
}

static const MethodDef set_methods[] = {
    {"add", m_add, METH_O, "Add an element to a set."},
    {"clear", m_clear, METH_NOARGS, "Remove all elements from this set."},
    {"__contains__", m_contains, METH_O, "x.__contains__(y) <==> y in x."},
    {"copy", m_copy, METH_NOARGS, "Return a shallow copy of a set."},
    {"discard", m_discard, METH_O, "Remove an element from a set if it is a member."},
    {"difference", m_difference, METH_VARARGS, "Return the difference of two or more sets as a new set."},
    {"difference_update", m_difference_update, METH_VARARGS, "Remove all elements of another set from this set."},
    {"intersection", m_intersection, METH_VARARGS, "Return the intersection of two sets as a new set."},
    {"intersection_update", m_intersection_update, METH_VARARGS, "Update a set with the intersection of itself and another."},
    {"isdisjoint", m_isdisjoint, METH_O, "Return True if two sets have a null intersection."},
    {"issubset", m_issubset, METH_O, "Report whether another set contains this set."},
    {"issuperset", m_issuperset, METH_O, "Report whether this set contains another set."},
    {"pop", m_pop, METH_NOARGS, "Remove and return an arbitrary set element."},
    {"__reduce__", m_reduce, METH_NOARGS, "Return state information for pickling."},
    {"remove", m_remove, METH_O, "Remove an element from a set; it must be a member."},
    {"symmetric_difference", m_symmetric_difference, METH_O, "Return the symmetric difference of two sets as a new set."},
    {"symmetric_difference_update", m_symmetric_difference_update, METH_O, "Update a set with the symmetric difference of itself and another."},
    {"union", m_union, METH_VARARGS, "Return the union of sets as a new set."},
    {"update", m_update, METH_VARARGS, "Update a set with the union of itself and others."},
    {"__sizeof__", m_sizeof, METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"__class_getitem__", m_class_getitem, METH_O | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

static const MethodDef frozenset_methods[] = {
    {"__contains__", m_contains, METH_O, "x.__contains__(y) <==> y in x."},
    {"copy", m_copy, METH_NOARGS, "Return a shallow copy of a set."},
    {"difference", m_difference, METH_VARARGS, "Return the difference of two or more sets as a new set."},
    {"intersection", m_intersection, METH_VARARGS, "Return the intersection of two sets as a new set."},
    {"isdisjoint", m_isdisjoint, METH_O, "Return True if two sets have a null intersection."},
    {"issubset", m_issubset, METH_O, "Report whether another set contains this set."},
    {"issuperset", m_issuperset, METH_O, "Report whether this set contains another set."},
    {"__reduce__", m_reduce, METH_NOARGS, "Return state information for pickling."},
    {"symmetric_difference", m_symmetric_difference, METH_O, "Return the symmetric difference of two sets as a new set."},
    {"union", m_union, METH_VARARGS, "Return the union of sets as a new set."},
    {"__sizeof__", m_sizeof, METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"__class_getitem__", m_class_getitem, METH_O | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_set = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "set",
    .basicsize = sizeof(SetObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "set() -> new empty set object",
    .dealloc = set_dealloc,
    .traverse = set_traverse,
    .clear = set_tp_clear,
    .new = set_tp_new,
    .init = set_tp_init,
    .repr = set_tp_repr,
    .hash = type_hash_not_implemented,
    .richcompare = set_richcompare,
    .binop = set_binop,
    .inplace = set_inplace,
    .len = set_len,
    .contains = set_sq_contains,
    .iter = set_iter,
    .methods = set_methods,
};

Type Type_frozenset = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "frozenset",
    .basicsize = sizeof(SetObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "frozenset() -> empty frozenset object",
    .dealloc = set_dealloc,
    .traverse = set_traverse,
    .clear = set_tp_clear,
    .new = frozenset_tp_new,
    .repr = set_tp_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .binop = set_binop,
    .len = set_len,
    .contains = set_sq_contains,
    .iter = set_iter,
    .methods = frozenset_methods,
};
