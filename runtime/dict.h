/* dict.h: internals of the container types (dict layout, iterator types, helpers shared by
 * list.c, tuple.c, dict.c, dict_views.c, set.c, range.c, iterobjects.c and the collections
 * modules). Public APIs are in types.h; this header is for code that needs the layouts. */
#ifndef VITRINE_DICT_H
#define VITRINE_DICT_H

#include "types.h"
#include "names.h"
#include "gc.h"

/* ---- dict layout: CPython 3.11's compact dict ----
 * `indices` is a table of 2^log2_size slots holding an index into `entries` (or DKIX_EMPTY /
 * DKIX_DUMMY); `entries` keeps the (hash, key, value) triples in insertion order. */
#define DKIX_EMPTY (-1)
#define DKIX_DUMMY (-2)
typedef struct DictEntry {
    intptr_t hash;
    Obj *key;          /* NULL: deleted entry */
    Obj *value;
} DictEntry;
typedef struct DictObj {
    Obj ob;
    size_t used;       /* live entries */
    size_t nentries;   /* entries[] slots consumed (live + deleted) */
    size_t usable;     /* entries[] capacity (USABLE_FRACTION of the index size) */
    uint8_t log2_size; /* index table size; 0 means no table yet */
    uint64_t version;  /* changes on every mutation (dict_version) */
    int64_t *indices;
    DictEntry *entries;
} DictObj;

/* Untrack a container if it is tracked (deallocs of objects that may never have been tracked). */
static inline void ct_untrack(Obj *o) {
    if (gc_is_tracked(o)) gc_untrack(o);
}

/* Trashcan (CPython's Py_TRASHCAN): deallocating a deeply nested container would recurse once
 * per level and overflow the C stack. A container dealloc starts with
 *     if (ct_trash_begin(o, my_dealloc)) return;
 * and ends with ct_trash_end(); past a nesting depth the object is parked (linked through its
 * untracked GCHead) and destroyed later by the outermost dealloc. */
int ct_trash_begin(Obj *o, destructor dealloc);
void ct_trash_end(void);

/* Ready a type lazily (internal iterator types are not in the startup list). */
static inline void ct_ready(Type *t) {
    if (VT_UNLIKELY(!(t->flags & TPFLAG_READY))) type_ready(t);
}

/* dict.c */
Obj *dict_get_known_hash(Obj *d, Obj *key, intptr_t hash, int *err);  /* borrowed */
int dict_set_known_hash(Obj *d, Obj *key, intptr_t hash, Obj *value);
int dict_pop_known_hash(Obj *d, Obj *key, intptr_t hash, Obj **out);  /* 1 found (new ref), 0, -1 */
int dict_next_hash(Obj *d, size_t *pos, Obj **key, Obj **value, intptr_t *hash);
Obj *dict_repr(Obj *d);
int dict_init_args(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames, const char *name);
Obj *dict_new_presized(size_t n);
Obj *dict_values_list(Obj *d);
/* dict_views.c */
Obj *dictview_new(Obj *d, Type *type);
Obj *dictiter_new(Obj *d, Type *type, bool reversed);
extern Type Type_dict_keyiterator, Type_dict_valueiterator, Type_dict_itemiterator,
    Type_dict_reversekeyiterator, Type_dict_reversevalueiterator, Type_dict_reverseitemiterator;
/* set.c */
int set_add_known_hash(Obj *set, Obj *key, intptr_t hash);
int set_contains_known_hash(Obj *set, Obj *key, intptr_t hash);
/* set op= other for any iterable other; op: NB_OR, NB_AND, NB_SUBTRACT, NB_XOR. 0 or -1. */
int set_inplace_update(Obj *set, Obj *other, int op);
extern Type Type_set_iterator;
/* tuple.c: untrack a tuple of atoms (the collector may call this, as CPython's GC does) */
void tuple_maybe_untrack(Obj *t);
/* list.c / list_sort.c */
Obj *list_method_sort(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);
Obj *list_slice(Obj *list, intptr_t lo, intptr_t hi);
/* types.GenericAlias(origin, item): what cls[item] returns for the container classes. */
Obj *generic_alias_new(Obj *origin, Obj *item);
extern Type Type_GenericAlias;
extern Type Type_list_iterator, Type_list_reverseiterator, Type_tuple_iterator;
/* range.c */
typedef struct RangeIterObj {     /* fast iterator over a range of small ints (FOR_ITER) */
    Obj ob;
    int64_t next, step;
    uint64_t remaining;
} RangeIterObj;
extern Type Type_range_iterator;
/* iterobjects.c */
Obj *seqiter_new(Obj *seq);       /* the __getitem__ protocol iterator (iter(obj)) */
Obj *calliter_new(Obj *callable, Obj *sentinel);
extern Type Type_iterator, Type_callable_iterator;

/* KeyError(key) with key kept as the single argument even when it is a tuple. */
Obj *err_key_error(Obj *key);
/* Index normalisation shared by sequences: converts key (an int or __index__) to intptr_t;
 * returns -1 with error set (check err_occurred). */
intptr_t seq_index_from_obj(Obj *key);

#endif
