/* heapqmodule.c: _heapq, the C heap primitives (min-heaps and the private max-heap helpers)
 * behind heapq.py; comparisons use "<" only, exactly like CPython's. */
#include "vm.h"
#include "modules.h"

/* Argument Clinic's message: "heappop() argument must be list, not tuple" (single-argument
 * functions) or "heappush() argument 1 must be list, not tuple". */
static int check_list_named(Obj *heap, const char *fname, bool numbered) {
    if (!LIST_CHECK(heap)) {
        if (heap == V_None)
            err_format(Exc_TypeError, "%s() argument%s must be list, not None", fname, numbered ? " 1" : "");
        else
            err_format(Exc_TypeError, "%s() argument%s must be list, not %T", fname, numbered ? " 1" : "", heap);
        return -1;
    }
    return 0;
}

/* a < b, or b < a for max-heaps */
static int less(Obj *a, Obj *b, bool max) {
    INCREF(a); INCREF(b);
    int r = max ? obj_richcompare_bool(b, a, CMP_LT) : obj_richcompare_bool(a, b, CMP_LT);
    DECREF(a); DECREF(b);
    return r;
}

/* Move the item at pos up towards startpos while it is smaller than its parent. */
static int siftdown(Obj *heap, size_t startpos, size_t pos, bool max) {
    size_t size = LIST_SIZE(heap);
    Obj *newitem = LIST_GET(heap, pos);
    while (pos > startpos) {
        size_t parentpos = (pos - 1) >> 1;
        Obj *parent = LIST_GET(heap, parentpos);
        int c = less(newitem, parent, max);
        if (c < 0) return -1;
        if (size != LIST_SIZE(heap)) {
            err_set_str(Exc_RuntimeError, "list changed size during iteration");
            return -1;
        }
        if (!c) break;
        /* swap (the list may have been mutated by __lt__: re-read both slots) */
        Obj **items = LIST_ITEMS(heap);
        Obj *t = items[parentpos];
        items[parentpos] = items[pos];
        items[pos] = t;
        pos = parentpos;
        newitem = items[pos];
    }
    return 0;
}

/* Bubble the smaller child up until a leaf, then sift the original item down (CPython's
 * variant that does fewer comparisons). */
static int siftup(Obj *heap, size_t pos, bool max) {
    size_t endpos = LIST_SIZE(heap), startpos = pos;
    size_t limit = endpos >> 1;
    while (pos < limit) {
        size_t childpos = 2 * pos + 1;
        if (childpos + 1 < endpos) {
            int c = less(LIST_GET(heap, childpos), LIST_GET(heap, childpos + 1), max);
            if (c < 0) return -1;
            childpos += ((unsigned)c ^ 1);
            if (endpos != LIST_SIZE(heap)) {
                err_set_str(Exc_RuntimeError, "list changed size during iteration");
                return -1;
            }
        }
        Obj **items = LIST_ITEMS(heap);
        Obj *t = items[childpos];
        items[childpos] = items[pos];
        items[pos] = t;
        pos = childpos;
    }
    return siftdown(heap, startpos, pos, max);
}

static Obj *heappush(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("heappush", nargs, kwnames, 2, 2) < 0 || check_list_named(args[0], "heappush", true) < 0) return NULL;
    if (list_append(args[0], args[1]) < 0) return NULL;
    if (siftdown(args[0], 0, LIST_SIZE(args[0]) - 1, false) < 0) return NULL;
    RETURN_NONE;
}

static Obj *pop_common(Obj *heap, bool max) {
    if (check_list_named(heap, max ? "_heappop_max" : "heappop", false) < 0) return NULL;
    size_t n = LIST_SIZE(heap);
    if (n == 0) return err_set_str(Exc_IndexError, "index out of range");
    Obj *last = LIST_GET(heap, n - 1);
    LIST_SIZE(heap) = n - 1;   /* like list.pop(): the reference moves to us */
    if (n == 1) return last;
    Obj *ret = LIST_GET(heap, 0);
    LIST_ITEMS(heap)[0] = last;
    if (siftup(heap, 0, max) < 0) { DECREF(ret); return NULL; }
    return ret;
}

static Obj *heappop(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) { return pop_common(args[0], false); }
static Obj *heappop_max(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) { return pop_common(args[0], true); }

static Obj *replace_common(Obj *const *args, size_t nargs, Obj *kwnames, const char *name, bool max) {
    if (args_check_count(name, nargs, kwnames, 2, 2) < 0 || check_list_named(args[0], name, true) < 0) return NULL;
    Obj *heap = args[0];
    if (LIST_SIZE(heap) == 0) return err_set_str(Exc_IndexError, "index out of range");
    Obj *ret = LIST_GET(heap, 0);
    LIST_ITEMS(heap)[0] = NEWREF(args[1]);
    if (siftup(heap, 0, max) < 0) { DECREF(ret); return NULL; }
    return ret;
}

static Obj *heapreplace(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    return replace_common(args, nargs, kwnames, "heapreplace", false);
}
static Obj *heapreplace_max(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    return replace_common(args, nargs, kwnames, "_heapreplace_max", true);
}

static Obj *heappushpop(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("heappushpop", nargs, kwnames, 2, 2) < 0 || check_list_named(args[0], "heappushpop", true) < 0) return NULL;
    Obj *heap = args[0], *item = args[1];
    if (LIST_SIZE(heap) == 0) return NEWREF(item);
    Obj *top = NEWREF(LIST_GET(heap, 0));
    int c = obj_richcompare_bool(top, item, CMP_LT);
    DECREF(top);
    if (c < 0) return NULL;
    if (c == 0) return NEWREF(item);
    if (LIST_SIZE(heap) == 0) return err_set_str(Exc_IndexError, "index out of range");
    Obj *ret = LIST_GET(heap, 0);
    LIST_ITEMS(heap)[0] = NEWREF(item);
    if (siftup(heap, 0, false) < 0) { DECREF(ret); return NULL; }
    return ret;
}

static Obj *heapify_common(Obj *heap, bool max) {
    if (check_list_named(heap, max ? "_heapify_max" : "heapify", false) < 0) return NULL;
    size_t n = LIST_SIZE(heap);
    for (size_t i = n / 2; i-- > 0;)
        if (siftup(heap, i, max) < 0) return NULL;
    RETURN_NONE;
}

static Obj *heapify(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) { return heapify_common(args[0], false); }
static Obj *heapify_max(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) { return heapify_common(args[0], true); }

static const MethodDef heapq_methods[] = {
    {"heappush", heappush, METH_VARARGS, "Push item onto heap, maintaining the heap invariant."},
    {"heappop", heappop, METH_O, "Pop the smallest item off the heap, maintaining the heap invariant."},
    {"heappushpop", heappushpop, METH_VARARGS, "Push item on the heap, then pop and return the smallest item from the heap."},
    {"heapreplace", heapreplace, METH_VARARGS, "Pop and return the current smallest value, and add the new item."},
    {"heapify", heapify, METH_O, "Transform list into a heap, in-place, in O(len(heap)) time."},
    {"_heappop_max", heappop_max, METH_O, "Maxheap variant of heappop."},
    {"_heapreplace_max", heapreplace_max, METH_VARARGS, "Maxheap variant of heapreplace."},
    {"_heapify_max", heapify_max, METH_O, "Maxheap variant of heapify."},
    {NULL, NULL, 0, NULL},
};

Obj *modinit__heapq(void) {
    Obj *m = module_new("_heapq");
    if (!m) return NULL;
    if (module_add_methods(m, heapq_methods) < 0 ||
        module_add_str(m, "__about__", "Heap queues") < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
