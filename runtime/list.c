/* list.c: the list type (a growable array of references) and its iterators.
 * Growth policy, error messages and comparison semantics follow CPython 3.11. */
#include <string.h>
#include "dict.h"
#include "typeobj.h"
#include "gc.h"
#include "vm.h"

/* ---- trashcan (declared in dict.h) ---- */

#define TRASH_DEPTH 50
static _Thread_local int trash_depth;
static _Thread_local bool trash_draining;
static _Thread_local Obj *trash_list;   /* parked objects, linked through GCHead.prev */

int ct_trash_begin(Obj *o, destructor dealloc) {
    if (VT_UNLIKELY(trash_depth >= TRASH_DEPTH)) {
        GCHead *g = GC_HEAD(o);              /* untracked: next is NULL, prev is free */
        g->prev = trash_list ? GC_HEAD(trash_list) : NULL;
        g->gc_refs = (intptr_t)dealloc;
        trash_list = o;
        return 1;
    }
    trash_depth++;
    return 0;
}

void ct_trash_end(void) {
    if (--trash_depth > 0 || trash_draining || !trash_list) return;
    trash_draining = true;
    while (trash_list) {
        Obj *o = trash_list;
        GCHead *g = GC_HEAD(o);
        trash_list = g->prev ? GC_OBJ(g->prev) : NULL;
        g->prev = NULL;
        destructor d = (destructor)g->gc_refs;
        g->gc_refs = 0;
        d(o);
    }
    trash_draining = false;
}

/* ---- storage ---- */

/* Resize the item array so it can hold newsize items, with CPython's over-allocation
 * (so that amortised appends are O(1) and memory behaviour is comparable). */
static int list_resize(ListObj *l, size_t newsize) {
    if (l->alloc >= newsize && newsize >= (l->alloc >> 1)) {
        l->size = newsize;
        return 0;
    }
    size_t newalloc = (newsize + (newsize >> 3) + 6) & ~(size_t)3;
    if (newsize - l->size > newalloc - newsize) newalloc = (newsize + 3) & ~(size_t)3;
    if (newsize == 0) newalloc = 0;
    Obj **items = newalloc ? vt_realloc(l->items, newalloc * sizeof(Obj *)) : NULL;
    if (newalloc && !items) return -1;
    if (!newalloc) vt_free(l->items);
    l->items = items;
    l->alloc = newalloc;
    l->size = newsize;
    return 0;
}

Obj *list_new(size_t size) {
    ListObj *l = (ListObj *)gc_alloc(&Type_list, sizeof(ListObj));
    if (!l) return NULL;
    if (size) {
        l->items = vt_calloc(size, sizeof(Obj *));
        if (!l->items) { obj_free((Obj *)l); return NULL; }
    }
    l->size = l->alloc = size;
    gc_track((Obj *)l);
    return (Obj *)l;
}

int list_append_steal(Obj *list, Obj *item) {
    ListObj *l = (ListObj *)list;
    size_t n = l->size;
    if (VT_LIKELY(n < l->alloc)) {
        l->items[n] = item;
        l->size = n + 1;
        return 0;
    }
    if (list_resize(l, n + 1) < 0) { DECREF(item); return -1; }
    l->items[n] = item;
    return 0;
}

int list_append(Obj *list, Obj *item) {
    INCREF(item);
    return list_append_steal(list, item);
}

Obj *list_from_array(Obj *const *items, size_t n) {
    Obj *l = list_new(n);
    if (!l) return NULL;
    for (size_t i = 0; i < n; i++) LIST_ITEMS(l)[i] = NEWREF(items[i]);
    return l;
}

Obj *list_as_tuple(Obj *list) {
    return tuple_from_array(LIST_ITEMS(list), LIST_SIZE(list));
}

int list_extend(Obj *list, Obj *iterable) {
    ListObj *l = (ListObj *)list;
    if (LIST_CHECK(iterable) || TUPLE_CHECK(iterable)) {
        size_t n = LIST_CHECK(iterable) ? LIST_SIZE(iterable) : TUPLE_SIZE(iterable);
        if (n == 0) return 0;
        size_t old = l->size;
        if (list_resize(l, old + n) < 0) return -1;
        /* re-read the source: it may be the list itself */
        Obj **src = LIST_CHECK(iterable) ? LIST_ITEMS(iterable) : TUPLE_ITEMS(iterable);
        for (size_t i = 0; i < n; i++) l->items[old + i] = NEWREF(src[i]);
        return 0;
    }
    Obj *it = obj_get_iter(iterable);
    if (!it) return -1;
    Obj *item;
    while ((item = iter_next(it)) != NULL) {
        if (list_append_steal(list, item) < 0) { DECREF(it); return -1; }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

int list_insert(Obj *list, intptr_t where, Obj *item) {
    ListObj *l = (ListObj *)list;
    intptr_t n = (intptr_t)l->size;
    if (where < 0) { where += n; if (where < 0) where = 0; }
    if (where > n) where = n;
    if (list_resize(l, (size_t)n + 1) < 0) return -1;
    memmove(&l->items[where + 1], &l->items[where], (size_t)(n - where) * sizeof(Obj *));
    l->items[where] = NEWREF(item);
    return 0;
}

Obj *list_slice(Obj *list, intptr_t lo, intptr_t hi) {
    intptr_t n = (intptr_t)LIST_SIZE(list);
    if (lo < 0) lo = 0; else if (lo > n) lo = n;
    if (hi < lo) hi = lo; else if (hi > n) hi = n;
    return list_from_array(LIST_ITEMS(list) + lo, (size_t)(hi - lo));
}

/* Replace items [lo, hi) with the items of v (NULL: delete). CPython's list_ass_slice. */
static int list_ass_slice(ListObj *a, intptr_t lo, intptr_t hi, Obj *v) {
    Obj *seq = NULL;
    Obj **vitems = NULL;
    size_t vn = 0;
    if (v) {
        if ((Obj *)a == v || !(LIST_CHECK(v) || TUPLE_CHECK(v))) {
            if ((Obj *)a != v && !TYPE(v)->iter && !type_lookup(TYPE(v), NAME(__getitem__))) {
                err_set_str(Exc_TypeError, "can only assign an iterable");
                return -1;
            }
            seq = seq_to_list(v);
            if (!seq) return -1;
            v = seq;
        }
        vitems = LIST_CHECK(v) ? LIST_ITEMS(v) : TUPLE_ITEMS(v);
        vn = LIST_CHECK(v) ? LIST_SIZE(v) : TUPLE_SIZE(v);
    }
    intptr_t n = (intptr_t)a->size;
    if (lo < 0) lo = 0; else if (lo > n) lo = n;
    if (hi < lo) hi = lo; else if (hi > n) hi = n;
    size_t norig = (size_t)(hi - lo);
    /* keep the replaced items alive until the list is consistent again */
    Obj **recycle = NULL;
    if (norig) {
        recycle = vt_malloc(norig * sizeof(Obj *));
        if (!recycle) { XDECREF(seq); return -1; }
        memcpy(recycle, &a->items[lo], norig * sizeof(Obj *));
    }
    intptr_t d = (intptr_t)vn - (intptr_t)norig;
    if (d < 0) {
        memmove(&a->items[hi + d], &a->items[hi], (size_t)(n - hi) * sizeof(Obj *));
        list_resize(a, (size_t)(n + d));
    } else if (d > 0) {
        if (list_resize(a, (size_t)(n + d)) < 0) { vt_free(recycle); XDECREF(seq); return -1; }
        memmove(&a->items[hi + d], &a->items[hi], (size_t)(n - hi) * sizeof(Obj *));
    }
    for (size_t i = 0; i < vn; i++) a->items[lo + (intptr_t)i] = NEWREF(vitems[i]);
    for (size_t i = 0; i < norig; i++) DECREF(recycle[i]);
    vt_free(recycle);
    XDECREF(seq);
    return 0;
}

/* ---- index helpers ---- */

intptr_t seq_index_from_obj(Obj *key) {
    if (IS_SMALL(key)) return (intptr_t)SMALL_VALUE(key);
    return (intptr_t)obj_as_index_i64(key, Exc_IndexError);
}

static int is_index(Obj *key) {
    return IS_SMALL(key) || TYPE(key)->index != NULL;
}

/* ---- slots ---- */

static void list_dealloc(Obj *o) {
    ListObj *l = (ListObj *)o;
    gc_untrack(o);
    if (ct_trash_begin(o, list_dealloc)) return;
    for (size_t i = 0; i < l->size; i++) DECREF(l->items[i]);
    vt_free(l->items);
    obj_free(o);
    ct_trash_end();
}

static int list_traverse(Obj *o, visitproc visit, void *arg) {
    ListObj *l = (ListObj *)o;
    for (size_t i = 0; i < l->size; i++) {
        int r = visit(l->items[i], arg);
        if (r) return r;
    }
    return 0;
}

static void list_clear_items(ListObj *l) {
    Obj **items = l->items;
    size_t n = l->size;
    l->items = NULL;
    l->size = l->alloc = 0;
    for (size_t i = 0; i < n; i++) DECREF(items[i]);
    vt_free(items);
}

static int list_tp_clear(Obj *o) {
    list_clear_items((ListObj *)o);
    return 0;
}

static Obj *list_tp_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (type == &Type_list) return list_new(0);
    Obj *o = type_generic_alloc(type, 0);
    if (!o) return NULL;
    if (!gc_is_tracked(o)) gc_track(o);
    return o;
}

static int list_tp_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames) && TYPE(self)->new == list_tp_new) {
        err_set_str(Exc_TypeError, "list() takes no keyword arguments");
        return -1;
    }
    if (args_check_count("list", nargs, NULL, 0, 1) < 0) return -1;
    if (LIST_SIZE(self)) list_clear_items((ListObj *)self);
    if (nargs == 1) return list_extend(self, args[0]);
    return 0;
}

static Obj *list_tp_repr(Obj *o) {
    ListObj *l = (ListObj *)o;
    if (l->size == 0) return str_from_cstr("[]");
    int r = repr_enter(o);
    if (r != 0) return r > 0 ? str_from_cstr("[...]") : NULL;
    StrBuilder sb;
    sb_init(&sb);
    sb_append_char(&sb, '[');
    for (size_t i = 0; i < l->size; i++) {
        if (i) sb_append(&sb, ", ", 2);
        Obj *item = NEWREF(l->items[i]);
        Obj *s = obj_repr(item);
        DECREF(item);
        if (!s) { sb_discard(&sb); repr_leave(o); return NULL; }
        sb_append_str(&sb, s);
        DECREF(s);
    }
    sb_append_char(&sb, ']');
    repr_leave(o);
    return sb_finish(&sb);
}

static Obj *list_richcompare(Obj *v, Obj *w, int op) {
    if (!LIST_CHECK(v) || !LIST_CHECK(w)) return NEWREF(V_NotImplemented);
    ListObj *a = (ListObj *)v, *b = (ListObj *)w;
    if (a->size != b->size && (op == CMP_EQ || op == CMP_NE)) RETURN_BOOL(op == CMP_NE);
    size_t i;
    for (i = 0; i < a->size && i < b->size; i++) {
        Obj *x = a->items[i], *y = b->items[i];
        if (x == y) continue;
        INCREF(x); INCREF(y);
        int k = obj_richcompare_bool(x, y, CMP_EQ);
        DECREF(x); DECREF(y);
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
    Obj *x = NEWREF(a->items[i]), *y = NEWREF(b->items[i]);
    Obj *r = obj_richcompare(x, y, op);
    DECREF(x); DECREF(y);
    return r;
}

static intptr_t list_len(Obj *o) { return (intptr_t)LIST_SIZE(o); }

static Obj *list_item(ListObj *l, intptr_t i) {
    if (i < 0) i += (intptr_t)l->size;
    if ((size_t)i >= l->size) return err_set_str(Exc_IndexError, "list index out of range");
    return NEWREF(l->items[i]);
}

static Obj *list_subscript(Obj *o, Obj *key) {
    ListObj *l = (ListObj *)o;
    if (IS_SMALL(key)) return list_item(l, (intptr_t)SMALL_VALUE(key));
    if (is_index(key)) {
        intptr_t i = seq_index_from_obj(key);
        if (i == -1 && err_occurred()) return NULL;
        return list_item(l, i);
    }
    if (IS_TYPE(key, &Type_slice)) {
        intptr_t start, stop, step;
        intptr_t n = slice_indices(key, (intptr_t)l->size, &start, &stop, &step);
        if (n < 0) return NULL;
        if (step == 1) return list_from_array(l->items + start, (size_t)n);
        Obj *r = list_new((size_t)n);
        if (!r) return NULL;
        for (intptr_t k = 0, cur = start; k < n; k++, cur += step)
            LIST_ITEMS(r)[k] = NEWREF(l->items[cur]);
        return r;
    }
    return err_format(Exc_TypeError, "list indices must be integers or slices, not %T", key);
}

static int list_ass_item(ListObj *l, intptr_t i, Obj *v) {
    if (i < 0) i += (intptr_t)l->size;
    if ((size_t)i >= l->size) {
        err_set_str(Exc_IndexError, "list assignment index out of range");
        return -1;
    }
    if (v) {
        SETREF(l->items[i], NEWREF(v));
        return 0;
    }
    return list_ass_slice(l, i, i + 1, NULL);
}

static int list_ass_subscript(Obj *o, Obj *key, Obj *value) {
    ListObj *l = (ListObj *)o;
    if (is_index(key)) {
        intptr_t i = seq_index_from_obj(key);
        if (i == -1 && err_occurred()) return -1;
        return list_ass_item(l, i, value);
    }
    if (!IS_TYPE(key, &Type_slice)) {
        err_format(Exc_TypeError, "list indices must be integers or slices, not %T", key);
        return -1;
    }
    intptr_t start, stop, step;
    intptr_t n = slice_indices(key, (intptr_t)l->size, &start, &stop, &step);
    if (n < 0) return -1;
    if (step == 1) return list_ass_slice(l, start, start + n, value);
    if (!value) {
        if (n <= 0) return 0;
        if (step < 0) { start = start + step * (n - 1); step = -step; }
        /* compact the survivors in place, then release the removed items */
        Obj **removed = vt_malloc((size_t)n * sizeof(Obj *));
        if (!removed) return -1;
        size_t w = (size_t)start, k = 0;
        for (size_t r = (size_t)start; r < l->size; r++) {
            if (k < (size_t)n && r == (size_t)start + k * (size_t)step) removed[k++] = l->items[r];
            else l->items[w++] = l->items[r];
        }
        list_resize(l, l->size - (size_t)n);
        for (size_t j = 0; j < k; j++) DECREF(removed[j]);
        vt_free(removed);
        return 0;
    }
    Obj *seq;
    if (value == o || !(LIST_CHECK(value) || TUPLE_CHECK(value))) {
        if (!TYPE(value)->iter && !type_lookup(TYPE(value), NAME(__getitem__))) {
            err_set_str(Exc_TypeError, "must assign iterable to extended slice");
            return -1;
        }
        seq = seq_to_list(value);
        if (!seq) return -1;
    } else {
        seq = NEWREF(value);
    }
    size_t sn = LIST_CHECK(seq) ? LIST_SIZE(seq) : TUPLE_SIZE(seq);
    Obj **si = LIST_CHECK(seq) ? LIST_ITEMS(seq) : TUPLE_ITEMS(seq);
    if ((intptr_t)sn != n) {
        DECREF(seq);
        err_format(Exc_ValueError, "attempt to assign sequence of size %zd to extended slice of size %zd",
                   (intptr_t)sn, n);
        return -1;
    }
    for (intptr_t k = 0, cur = start; k < n; k++, cur += step) SETREF(l->items[cur], NEWREF(si[k]));
    DECREF(seq);
    return 0;
}

static int list_contains(Obj *o, Obj *x) {
    ListObj *l = (ListObj *)o;
    for (size_t i = 0; i < l->size; i++) {
        Obj *item = l->items[i];
        if (item == x) return 1;
        INCREF(item);
        int k = obj_richcompare_bool(item, x, CMP_EQ);
        DECREF(item);
        if (k) return k;
    }
    return 0;
}

static Obj *list_repeat(Obj *o, Obj *count) {
    intptr_t n = seq_index_from_obj(count);
    if (n == -1 && err_occurred()) {
        if (err_matches(Exc_IndexError) || err_matches(Exc_OverflowError)) {
            err_clear();
            return err_format(Exc_OverflowError, "cannot fit '%T' into an index-sized integer", count);
        }
        return NULL;
    }
    size_t len = LIST_SIZE(o);
    if (n <= 0 || len == 0) return list_new(0);
    if ((size_t)n > SIZE_MAX / sizeof(Obj *) / len) return err_no_memory();
    Obj *r = list_new(len * (size_t)n);
    if (!r) return NULL;
    Obj **dst = LIST_ITEMS(r), **src = LIST_ITEMS(o);
    for (intptr_t k = 0; k < n; k++)
        for (size_t i = 0; i < len; i++) *dst++ = NEWREF(src[i]);
    return r;
}

/* Let the other operand's reflected method run before we raise our sequence error. */
static Obj *try_other(Obj *a, Obj *b, int op, Obj *other, binopfunc self_slot) {
    /* only user classes: builtin operand types report their own errors for reflected calls */
    binopfunc f = TYPE(other)->binop;
    if (f && f != self_slot && IS_HEAP_TYPE(TYPE(other))) return f(a, b, op);
    return NEWREF(V_NotImplemented);
}

static Obj *list_binop(Obj *a, Obj *b, int op) {
    if (op == NB_ADD) {
        if (LIST_CHECK(a) && LIST_CHECK(b)) {
            size_t na = LIST_SIZE(a), nb = LIST_SIZE(b);
            Obj *r = list_new(na + nb);
            if (!r) return NULL;
            for (size_t i = 0; i < na; i++) LIST_ITEMS(r)[i] = NEWREF(LIST_ITEMS(a)[i]);
            for (size_t i = 0; i < nb; i++) LIST_ITEMS(r)[na + i] = NEWREF(LIST_ITEMS(b)[i]);
            return r;
        }
        if (!LIST_CHECK(a)) return NEWREF(V_NotImplemented);
        Obj *r = try_other(a, b, op, b, list_binop);
        if (r != V_NotImplemented) return r;
        DECREF(r);
        return err_format(Exc_TypeError, "can only concatenate list (not \"%T\") to list", b);
    }
    if (op == NB_MULTIPLY) {
        if (LIST_CHECK(a) && is_index(b)) return list_repeat(a, b);
        if (LIST_CHECK(b) && is_index(a)) return list_repeat(b, a);
        Obj *other = LIST_CHECK(a) ? b : a;
        Obj *r = try_other(a, b, op, other, list_binop);
        if (r != V_NotImplemented) return r;
        DECREF(r);
        return err_format(Exc_TypeError, "can't multiply sequence by non-int of type '%T'", other);
    }
    return NEWREF(V_NotImplemented);
}

static Obj *list_inplace(Obj *a, Obj *b, int op) {
    if (op == NB_ADD) {
        if (list_extend(a, b) < 0) return NULL;
        return NEWREF(a);
    }
    if (op == NB_MULTIPLY) {
        if (!is_index(b)) return NEWREF(V_NotImplemented);
        intptr_t n = seq_index_from_obj(b);
        if (n == -1 && err_occurred()) return NULL;
        ListObj *l = (ListObj *)a;
        size_t len = l->size;
        if (n <= 0 || len == 0) { list_clear_items(l); return NEWREF(a); }
        if (n == 1) return NEWREF(a);
        if ((size_t)n > SIZE_MAX / sizeof(Obj *) / len) return err_no_memory();
        if (list_resize(l, len * (size_t)n) < 0) return NULL;
        for (intptr_t k = 1; k < n; k++)
            for (size_t i = 0; i < len; i++) l->items[k * (intptr_t)len + (intptr_t)i] = NEWREF(l->items[i]);
        return NEWREF(a);
    }
    return NEWREF(V_NotImplemented);
}

/* ---- iterators ---- */

typedef struct ListIterObj {
    Obj ob;
    Obj *seq;        /* NULL once exhausted */
    intptr_t index;
} ListIterObj;

static Obj *listiter_new(Obj *seq, Type *t, intptr_t start) {
    ct_ready(t);
    ListIterObj *it = (ListIterObj *)gc_alloc(t, sizeof(ListIterObj));
    if (!it) return NULL;
    it->seq = NEWREF(seq);
    it->index = start;
    gc_track((Obj *)it);
    return (Obj *)it;
}

static Obj *list_iter(Obj *o) { return listiter_new(o, &Type_list_iterator, 0); }

static void listiter_dealloc(Obj *o) {
    gc_untrack(o);
    XDECREF(((ListIterObj *)o)->seq);
    obj_free(o);
}

static int listiter_traverse(Obj *o, visitproc visit, void *arg) {
    Obj *s = ((ListIterObj *)o)->seq;
    return s ? visit(s, arg) : 0;
}

static Obj *listiter_next(Obj *o) {
    ListIterObj *it = (ListIterObj *)o;
    Obj *seq = it->seq;
    if (!seq) return NULL;
    if ((size_t)it->index < LIST_SIZE(seq)) return NEWREF(LIST_ITEMS(seq)[it->index++]);
    it->seq = NULL;
    DECREF(seq);
    return NULL;
}

static Obj *listreviter_next(Obj *o) {
    ListIterObj *it = (ListIterObj *)o;
    Obj *seq = it->seq;
    if (!seq) return NULL;
    if (it->index >= 0 && (size_t)it->index < LIST_SIZE(seq)) return NEWREF(LIST_ITEMS(seq)[it->index--]);
    it->index = -1;
    it->seq = NULL;
    DECREF(seq);
    return NULL;
}

static Obj *iter_self(Obj *o) { return NEWREF(o); }

static Obj *listiter_length_hint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    ListIterObj *it = (ListIterObj *)self;
    intptr_t n = 0;
    if (it->seq) {
        if (TYPE(self) == &Type_list_reverseiterator) n = it->index + 1;
        else n = (intptr_t)LIST_SIZE(it->seq) - it->index;
        if (n < 0) n = 0;
    }
    return MAKE_SMALL(n);
}

static const MethodDef listiter_methods[] = {
    {"__length_hint__", listiter_length_hint, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_list_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "list_iterator",
    .basicsize = sizeof(ListIterObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = listiter_dealloc,
    .traverse = listiter_traverse,
    .iter = iter_self,
    .iternext = listiter_next,
    .methods = listiter_methods,
};

Type Type_list_reverseiterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "list_reverseiterator",
    .basicsize = sizeof(ListIterObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = listiter_dealloc,
    .traverse = listiter_traverse,
    .iter = iter_self,
    .iternext = listreviter_next,
    .methods = listiter_methods,
};

/* ---- methods ---- */

static Obj *m_append(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (list_append(self, args[0]) < 0) return NULL;
    RETURN_NONE;
}

static Obj *m_extend(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (list_extend(self, args[0]) < 0) return NULL;
    RETURN_NONE;
}

static Obj *m_insert(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("insert", nargs, kwnames, 2, 2) < 0) return NULL;
    intptr_t i = seq_index_from_obj(args[0]);
    if (i == -1 && err_occurred()) return NULL;
    if (list_insert(self, i, args[1]) < 0) return NULL;
    RETURN_NONE;
}

static Obj *m_pop(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("pop", nargs, kwnames, 0, 1) < 0) return NULL;
    ListObj *l = (ListObj *)self;
    intptr_t i = -1;
    if (nargs) {
        i = seq_index_from_obj(args[0]);
        if (i == -1 && err_occurred()) return NULL;
    }
    if (l->size == 0) return err_set_str(Exc_IndexError, "pop from empty list");
    if (i < 0) i += (intptr_t)l->size;
    if ((size_t)i >= l->size) return err_set_str(Exc_IndexError, "pop index out of range");
    Obj *v = l->items[i];
    if ((size_t)i == l->size - 1) {
        list_resize(l, l->size - 1);
        return v;
    }
    memmove(&l->items[i], &l->items[i + 1], (l->size - (size_t)i - 1) * sizeof(Obj *));
    list_resize(l, l->size - 1);
    return v;
}

static Obj *m_remove(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    ListObj *l = (ListObj *)self;
    for (size_t i = 0; i < l->size; i++) {
        Obj *item = NEWREF(l->items[i]);
        int k = obj_richcompare_bool(item, args[0], CMP_EQ);
        DECREF(item);
        if (k < 0) return NULL;
        if (k > 0) {
            if (i < l->size && list_ass_slice(l, (intptr_t)i, (intptr_t)i + 1, NULL) < 0) return NULL;
            RETURN_NONE;
        }
    }
    return err_set_str(Exc_ValueError, "list.remove(x): x not in list");
}

/* Resolve the optional start/stop arguments of index() (negative values count from the end). */
static int slice_bound(Obj *o, intptr_t len, intptr_t *out) {
    if (o == V_None) return 0;
    if (!is_index(o)) {
        err_set_str(Exc_TypeError, "slice indices must be integers or have an __index__ method");
        return -1;
    }
    intptr_t v;
    if (IS_SMALL(o)) v = (intptr_t)SMALL_VALUE(o);
    else {
        Obj *i = obj_index(o);
        if (!i) return -1;
        if (IS_SMALL(i)) v = (intptr_t)SMALL_VALUE(i);
        else v = int_sign(i) < 0 ? INTPTR_MIN / 2 : INTPTR_MAX / 2;
        DECREF(i);
    }
    if (v < 0) { v += len; if (v < 0) v = 0; }
    *out = v;
    return 0;
}

static Obj *m_index(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("index", nargs, kwnames, 1, 3) < 0) return NULL;
    ListObj *l = (ListObj *)self;
    intptr_t start = 0, stop = INTPTR_MAX / 2;
    if (nargs > 1 && slice_bound(args[1], (intptr_t)l->size, &start) < 0) return NULL;
    if (nargs > 2 && slice_bound(args[2], (intptr_t)l->size, &stop) < 0) return NULL;
    for (intptr_t i = start; i < stop && (size_t)i < l->size; i++) {
        Obj *item = NEWREF(l->items[i]);
        int k = obj_richcompare_bool(item, args[0], CMP_EQ);
        DECREF(item);
        if (k < 0) return NULL;
        if (k > 0) return MAKE_SMALL(i);
    }
    return err_format(Exc_ValueError, "%R is not in list", args[0]);
}

static Obj *m_count(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    ListObj *l = (ListObj *)self;
    intptr_t c = 0;
    for (size_t i = 0; i < l->size; i++) {
        Obj *item = NEWREF(l->items[i]);
        int k = obj_richcompare_bool(item, args[0], CMP_EQ);
        DECREF(item);
        if (k < 0) return NULL;
        c += k;
    }
    return MAKE_SMALL(c);
}

static Obj *m_clear(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    list_clear_items((ListObj *)self);
    RETURN_NONE;
}

static Obj *m_copy(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return list_from_array(LIST_ITEMS(self), LIST_SIZE(self));
}

static Obj *m_reverse(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    ListObj *l = (ListObj *)self;
    if (l->size > 1) {
        for (size_t i = 0, j = l->size - 1; i < j; i++, j--) {
            Obj *t = l->items[i]; l->items[i] = l->items[j]; l->items[j] = t;
        }
    }
    RETURN_NONE;
}

static Obj *m_reversed(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return listiter_new(self, &Type_list_reverseiterator, (intptr_t)LIST_SIZE(self) - 1);
}

static Obj *m_class_getitem(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return generic_alias_new(self, args[0]);
}

/* CPython's layout sizes (64-bit), so sys.getsizeof() gives familiar numbers. */
static Obj *m_sizeof(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return MAKE_SMALL(40 + (int64_t)((ListObj *)self)->alloc * 8);
}

static Obj *m_getitem(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return list_subscript(self, args[0]);
}

static const MethodDef list_methods[] = {
    {"__getitem__", m_getitem, METH_O, "x.__getitem__(y) <==> x[y]"},
    {"append", m_append, METH_O, "Append object to the end of the list."},
    {"extend", m_extend, METH_O, "Extend list by appending elements from the iterable."},
    {"insert", m_insert, METH_VARARGS, "Insert object before index."},
    {"pop", m_pop, METH_VARARGS, "Remove and return item at index (default last)."},
    {"remove", m_remove, METH_O, "Remove first occurrence of value."},
    {"index", m_index, METH_VARARGS, "Return first index of value."},
    {"count", m_count, METH_O, "Return number of occurrences of value."},
    {"clear", m_clear, METH_NOARGS, "Remove all items from list."},
    {"copy", m_copy, METH_NOARGS, "Return a shallow copy of the list."},
    {"reverse", m_reverse, METH_NOARGS, "Reverse *IN PLACE*."},
    {"sort", list_method_sort, METH_KEYWORDS, "Sort the list in ascending order and return None."},
    {"__reversed__", m_reversed, METH_NOARGS, "Return a reverse iterator over the list."},
    {"__sizeof__", m_sizeof, METH_NOARGS, "Return the size of the list in memory, in bytes."},
    {"__class_getitem__", m_class_getitem, METH_O | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_list = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "list",
    .basicsize = sizeof(ListObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC | TPFLAG_LIST_SUBCLASS,
    .doc = "Built-in mutable sequence.",
    .dealloc = list_dealloc,
    .traverse = list_traverse,
    .clear = list_tp_clear,
    .new = list_tp_new,
    .init = list_tp_init,
    .repr = list_tp_repr,
    .hash = type_hash_not_implemented,
    .richcompare = list_richcompare,
    .binop = list_binop,
    .inplace = list_inplace,
    .len = list_len,
    .getitem = list_subscript,
    .setitem = list_ass_subscript,
    .contains = list_contains,
    .iter = list_iter,
    .methods = list_methods,
};

/* ---- types.GenericAlias: what list[int], dict[str, int]... evaluate to ----
 * Kept here because list is the first container whose __class_getitem__ needs it. */

typedef struct GenericAliasObj {
    Obj ob;
    Obj *origin;   /* the class being parameterised */
    Obj *args;     /* tuple */
} GenericAliasObj;

extern Type Type_GenericAlias;

Obj *generic_alias_new(Obj *origin, Obj *item) {
    ct_ready(&Type_GenericAlias);
    Obj *args = TUPLE_CHECK(item) ? NEWREF(item) : tuple_pack(1, item);
    if (!args) return NULL;
    GenericAliasObj *g = (GenericAliasObj *)gc_alloc(&Type_GenericAlias, sizeof(GenericAliasObj));
    if (!g) { DECREF(args); return NULL; }
    g->origin = NEWREF(origin);
    g->args = args;
    gc_track((Obj *)g);
    return (Obj *)g;
}

static void ga_dealloc(Obj *o) {
    GenericAliasObj *g = (GenericAliasObj *)o;
    gc_untrack(o);
    DECREF(g->origin);
    DECREF(g->args);
    obj_free(o);
}

static int ga_traverse(Obj *o, visitproc visit, void *arg) {
    GenericAliasObj *g = (GenericAliasObj *)o;
    int r = visit(g->origin, arg);
    return r ? r : visit(g->args, arg);
}

/* One parameter as typing shows it: classes by (module-qualified) name, ... as "...". */
static int ga_repr_item(StrBuilder *sb, Obj *p) {
    if (p == V_Ellipsis) return sb_append_cstr(sb, "...");
    if (TYPE_CHECK(p)) {
        Obj *qual = obj_getattr_opt(p, NAME(__qualname__));
        Obj *mod = qual ? obj_getattr_opt(p, NAME(__module__)) : NULL;
        if (qual && STR_CHECK(qual)) {
            if (mod && STR_CHECK(mod) && !str_eq_cstr(mod, "builtins")) {
                sb_append_str(sb, mod);
                sb_append_char(sb, '.');
            }
            sb_append_str(sb, qual);
            XDECREF(mod);
            DECREF(qual);
            return 0;
        }
        XDECREF(mod);
        XDECREF(qual);
        if (err_occurred()) return -1;
    }
    Obj *r = obj_repr(p);
    if (!r) return -1;
    sb_append_str(sb, r);
    DECREF(r);
    return 0;
}

static Obj *ga_repr(Obj *o) {
    GenericAliasObj *g = (GenericAliasObj *)o;
    StrBuilder sb;
    sb_init(&sb);
    if (ga_repr_item(&sb, g->origin) < 0) { sb_discard(&sb); return NULL; }
    sb_append_char(&sb, '[');
    size_t n = TUPLE_SIZE(g->args);
    if (n == 0) sb_append_cstr(&sb, "()");
    for (size_t i = 0; i < n; i++) {
        if (i) sb_append(&sb, ", ", 2);
        if (ga_repr_item(&sb, TUPLE_GET(g->args, i)) < 0) { sb_discard(&sb); return NULL; }
    }
    sb_append_char(&sb, ']');
    return sb_finish(&sb);
}

static Obj *ga_call(Obj *o, Obj *const *args, size_t nargs, Obj *kwnames) {
    return obj_call(((GenericAliasObj *)o)->origin, args, nargs, kwnames);
}

static Obj *ga_getattr(Obj *o, Obj *name) {
    GenericAliasObj *g = (GenericAliasObj *)o;
    if (str_eq_cstr(name, "__origin__")) return NEWREF(g->origin);
    if (str_eq_cstr(name, "__args__")) return NEWREF(g->args);
    if (str_eq_cstr(name, "__parameters__")) return NEWREF(EMPTY_TUPLE);
    if (str_eq_cstr(name, "__class__")) return NEWREF((Obj *)&Type_GenericAlias);
    const char *s = str_cstr(name);
    /* dunder lookups stay on the alias itself; everything else comes from the origin */
    if (s[0] == '_' && s[1] == '_' && !str_eq_cstr(name, "__name__") && !str_eq_cstr(name, "__qualname__") &&
        !str_eq_cstr(name, "__module__") && !str_eq_cstr(name, "__doc__"))
        return obj_generic_getattr(o, name);
    return obj_getattr(g->origin, name);
}

static Obj *ga_richcompare(Obj *a, Obj *b, int op) {
    if (!IS_TYPE(b, &Type_GenericAlias) || (op != CMP_EQ && op != CMP_NE)) return NEWREF(V_NotImplemented);
    GenericAliasObj *x = (GenericAliasObj *)a, *y = (GenericAliasObj *)b;
    int eq = obj_richcompare_bool(x->origin, y->origin, CMP_EQ);
    if (eq > 0) eq = obj_richcompare_bool(x->args, y->args, CMP_EQ);
    if (eq < 0) return NULL;
    RETURN_BOOL(op == CMP_EQ ? eq : !eq);
}

static intptr_t ga_hash(Obj *o) {
    GenericAliasObj *g = (GenericAliasObj *)o;
    intptr_t h1 = obj_hash(g->origin);
    if (h1 == -1) return -1;
    intptr_t h2 = obj_hash(g->args);
    if (h2 == -1) return -1;
    intptr_t h = h1 ^ h2;
    return h == -1 ? -2 : h;
}

/* class C(list[int]) really subclasses list */
static Obj *ga_mro_entries(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return tuple_pack(1, ((GenericAliasObj *)self)->origin);
}

static const MethodDef ga_methods[] = {
    {"__mro_entries__", ga_mro_entries, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_GenericAlias = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "types.GenericAlias",
    .basicsize = sizeof(GenericAliasObj),
    .flags = TPFLAG_HAVE_GC,
    .doc = "Represent a PEP 585 generic type",
    .dealloc = ga_dealloc,
    .traverse = ga_traverse,
    .repr = ga_repr,
    .call = ga_call,
    .getattr = ga_getattr,
    .richcompare = ga_richcompare,
    .binop = type_union_binop,   /* list[int] | None */
    .hash = ga_hash,
    .methods = ga_methods,
};
