/* list_sort.c: list.sort() and sorted()'s engine: a stable natural merge sort (runs + binary
 * insertion + pairwise merges) with keys computed once and type-specialised "<" fast paths. */
#include <string.h>
#include "dict.h"
#include "vm.h"

typedef struct Pair {
    Obj *k, *v;   /* sort key and value (the same object when there is no key function) */
} Pair;

typedef int (*ltfunc)(Obj *a, Obj *b);   /* 1, 0, -1 on error */

static int lt_generic(Obj *a, Obj *b) { return obj_richcompare_bool(a, b, CMP_LT); }
static int lt_small(Obj *a, Obj *b) { return SMALL_VALUE(a) < SMALL_VALUE(b); }
static int lt_float(Obj *a, Obj *b) { return FLOAT_VALUE(a) < FLOAT_VALUE(b); }
static int lt_str(Obj *a, Obj *b) { return str_compare(a, b) < 0; }

/* Tuple "<" without building a bool: first differing item decides, as tuple's richcompare. */
static int lt_tuple(Obj *a, Obj *b) {
    size_t na = TUPLE_SIZE(a), nb = TUPLE_SIZE(b), i;
    for (i = 0; i < na && i < nb; i++) {
        Obj *x = TUPLE_GET(a, i), *y = TUPLE_GET(b, i);
        if (x == y) continue;
        if (IS_SMALL(x) && IS_SMALL(y)) return SMALL_VALUE(x) < SMALL_VALUE(y);
        int k = obj_richcompare_bool(x, y, CMP_EQ);
        if (k < 0) return -1;
        if (!k) break;
    }
    if (i >= na || i >= nb) return na < nb;
    Obj *x = TUPLE_GET(a, i), *y = TUPLE_GET(b, i);
    if (STR_CHECK_EXACT(x) && STR_CHECK_EXACT(y)) return str_compare(x, y) < 0;
    return obj_richcompare_bool(x, y, CMP_LT);
}

static ltfunc choose_lt(Pair *p, size_t n) {
    if (n < 2) return lt_generic;
    Type *t = TYPE(p[0].k);
    bool all_small = true;
    for (size_t i = 0; i < n; i++) {
        if (TYPE(p[i].k) != t) return lt_generic;
        if (!IS_SMALL(p[i].k)) all_small = false;
    }
    if (t == &Type_int && all_small) return lt_small;
    if (t == &Type_float) return lt_float;
    if (t == &Type_str) return lt_str;
    if (t == &Type_tuple) return lt_tuple;
    return lt_generic;
}

/* Insert p[start..hi) one by one into the sorted prefix p[lo..start) (binary search keeps it
 * stable: equal elements go after existing ones). */
static int binary_insertion(Pair *p, size_t lo, size_t hi, size_t start, ltfunc lt) {
    for (; start < hi; start++) {
        Pair pivot = p[start];
        size_t l = lo, r = start;
        while (l < r) {
            size_t m = l + ((r - l) >> 1);
            int k = lt(pivot.k, p[m].k);
            if (k < 0) return -1;
            if (k) r = m; else l = m + 1;
        }
        memmove(&p[l + 1], &p[l], (start - l) * sizeof(Pair));
        p[l] = pivot;
    }
    return 0;
}

/* Merge sorted p[lo..mid) and p[mid..hi) using tmp; on error the array stays a permutation. */
static int merge(Pair *p, size_t lo, size_t mid, size_t hi, Pair *tmp, ltfunc lt) {
    /* already in order: skip (common for nearly sorted input) */
    int k = lt(p[mid].k, p[mid - 1].k);
    if (k <= 0) return k;
    size_t nl = mid - lo;
    memcpy(tmp, &p[lo], nl * sizeof(Pair));
    size_t i = 0, j = mid, d = lo;
    while (i < nl && j < hi) {
        k = lt(p[j].k, tmp[i].k);
        if (k < 0) { memcpy(&p[d], &tmp[i], (nl - i) * sizeof(Pair)); return -1; }
        if (k) p[d++] = p[j++];
        else p[d++] = tmp[i++];
    }
    if (i < nl) memcpy(&p[d], &tmp[i], (nl - i) * sizeof(Pair));
    return 0;
}

#define MIN_RUN 32

static int sort_pairs(Pair *p, size_t n, ltfunc lt) {
    if (n < 2) return 0;
    /* 1. split into natural runs, each extended to MIN_RUN by binary insertion */
    size_t cap = 16, nruns = 0;
    size_t *runs = vt_malloc(cap * sizeof(size_t));   /* run start offsets */
    if (!runs) return -1;
    size_t lo = 0;
    int rc = 0;
    while (lo < n) {
        size_t hi = lo + 1;
        if (hi < n) {
            int k = lt(p[hi].k, p[lo].k);
            if (k < 0) { rc = -1; break; }
            if (k) {   /* strictly descending: reverse it (strictness keeps stability) */
                hi++;
                while (hi < n) {
                    k = lt(p[hi].k, p[hi - 1].k);
                    if (k < 0) { rc = -1; break; }
                    if (!k) break;
                    hi++;
                }
                if (rc) break;
                for (size_t a = lo, b = hi - 1; a < b; a++, b--) { Pair t = p[a]; p[a] = p[b]; p[b] = t; }
            } else {
                hi++;
                while (hi < n) {
                    k = lt(p[hi].k, p[hi - 1].k);
                    if (k < 0) { rc = -1; break; }
                    if (k) break;
                    hi++;
                }
                if (rc) break;
            }
        }
        if (hi - lo < MIN_RUN && hi < n) {
            size_t end = lo + MIN_RUN < n ? lo + MIN_RUN : n;
            if (binary_insertion(p, lo, end, hi, lt) < 0) { rc = -1; break; }
            hi = end;
        }
        if (nruns == cap) {
            cap *= 2;
            size_t *nr = vt_realloc(runs, cap * sizeof(size_t));
            if (!nr) { rc = -1; break; }
            runs = nr;
        }
        runs[nruns++] = lo;
        lo = hi;
    }
    /* 2. merge neighbouring runs pairwise until one remains */
    Pair *tmp = NULL;
    if (rc == 0 && nruns > 1) {
        tmp = vt_malloc((n / 2 + 1) * sizeof(Pair) + n * sizeof(Pair));
        if (!tmp) rc = -1;
    }
    while (rc == 0 && nruns > 1) {
        size_t w = 0;
        for (size_t r = 0; r < nruns; r += 2) {
            if (r + 1 == nruns) { runs[w++] = runs[r]; break; }
            size_t a = runs[r], m = runs[r + 1], b = r + 2 < nruns ? runs[r + 2] : n;
            if (merge(p, a, m, b, tmp, lt) < 0) { rc = -1; break; }
            runs[w++] = a;
        }
        nruns = w;
    }
    vt_free(tmp);
    vt_free(runs);
    return rc;
}

static void reverse_pairs(Obj **items, size_t n) {
    if (n < 2) return;
    for (size_t i = 0, j = n - 1; i < j; i++, j--) { Obj *t = items[i]; items[i] = items[j]; items[j] = t; }
}

int list_sort(Obj *list, Obj *key, bool reverse) {
    ListObj *l = (ListObj *)list;
    if (key == V_None) key = NULL;
    /* detach the items: mutations during the sort are detected afterwards */
    Obj **items = l->items;
    size_t n = l->size, alloc = l->alloc;
    l->items = NULL;
    l->size = l->alloc = 0;
    int rc = 0;
    Pair *p = n ? vt_malloc(n * sizeof(Pair)) : NULL;
    if (n && !p) rc = -1;
    size_t nkeys = 0;
    bool reversed = rc == 0 && reverse;
    if (reversed) reverse_pairs(items, n);
    if (rc == 0) {
        for (size_t i = 0; i < n; i++) {
            p[i].v = items[i];
            if (key) {
                p[i].k = obj_call1(key, items[i]);
                if (!p[i].k) { rc = -1; break; }
                nkeys++;
            } else {
                p[i].k = items[i];
            }
        }
    }
    if (rc == 0) {
        rc = sort_pairs(p, n, choose_lt(p, n));
        for (size_t i = 0; i < n; i++) items[i] = p[i].v;
    }
    if (key) for (size_t i = 0; i < nkeys; i++) DECREF(p[i].k);
    vt_free(p);
    if (reversed) reverse_pairs(items, n);
    /* restore, complaining if someone put items in while we were sorting */
    Obj **during = l->items;
    size_t during_n = l->size;
    l->items = items;
    l->size = n;
    l->alloc = alloc;
    if (during || during_n) {
        for (size_t i = 0; i < during_n; i++) DECREF(during[i]);
        vt_free(during);
        if (rc == 0) {
            err_set_str(Exc_ValueError, "list modified during sort");
            rc = -1;
        }
    }
    return rc;
}

/* list.sort(*, key=None, reverse=False) */
Obj *list_method_sort(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (nargs) return err_set_str(Exc_TypeError, "sort() takes no positional arguments");
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    if (nkw > 2) return err_format(Exc_TypeError, "sort() takes at most 2 keyword arguments (%zu given)", nkw);
    static const char *const names[] = {"key", "reverse"};
    Obj *out[2] = {NULL, NULL};
    if (args_parse("sort", args, nargs, kwnames, names, 2, 0, 0, out) < 0) return NULL;
    bool rev = false;
    if (out[1]) {
        Obj *i = obj_index(out[1]);
        if (!i) return NULL;
        rev = IS_SMALL(i) ? SMALL_VALUE(i) != 0 : int_sign(i) != 0;
        DECREF(i);
    }
    if (list_sort(self, out[0], rev) < 0) return NULL;
    RETURN_NONE;
}
