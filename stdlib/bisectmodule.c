/* bisectmodule.c: _bisect, binary search and insertion into sorted sequences (with lo/hi/key). */
#include "vm.h"
#include "modules.h"

/* Parse (a, x, lo=0, hi=None, *, key=None) into the outputs; -1 on error. */
static int parse(const char *fname, Obj *const *args, size_t nargs, Obj *kwnames,
                 Obj **a, Obj **x, intptr_t *lo, intptr_t *hi, Obj **key) {
    static const char *const names[] = {"a", "x", "lo", "hi", "key"};
    Obj *out[5] = {NULL, NULL, NULL, NULL, NULL};
    if (nargs > 4) {
        err_format(Exc_TypeError, "%s() takes at most 4 positional arguments (%zu given)", fname, nargs);
        return -1;
    }
    if (args_parse(fname, args, nargs, kwnames, names, 5, 2, 4, out) < 0) return -1;
    *a = out[0];
    *x = out[1];
    *lo = 0;
    if (out[2]) {
        int64_t v = obj_as_index_i64(out[2], Exc_OverflowError);
        if (v == -1 && err_occurred()) return -1;
        *lo = (intptr_t)v;
    }
    if (*lo < 0) { err_set_str(Exc_ValueError, "lo must be non-negative"); return -1; }
    if (out[3] && out[3] != V_None) {
        int64_t v = obj_as_index_i64(out[3], Exc_OverflowError);
        if (v == -1 && err_occurred()) return -1;
        *hi = (intptr_t)v;
    } else {
        *hi = obj_len(*a);
        if (*hi < 0) return -1;
    }
    *key = out[4] == V_None ? NULL : out[4];
    return 0;
}

/* right: first index whose item is > x; left: first index whose item is >= x. */
static intptr_t search(Obj *a, Obj *x, intptr_t lo, intptr_t hi, Obj *key, bool right) {
    while (lo < hi) {
        intptr_t mid = lo + (hi - lo) / 2;
        Obj *item = LIST_CHECK(a) && (size_t)mid < LIST_SIZE(a) ? NEWREF(LIST_GET(a, mid)) : obj_getitem(a, MAKE_SMALL(mid));
        if (!item) return -1;
        if (key) {
            Obj *k = obj_call1(key, item);
            DECREF(item);
            if (!k) return -1;
            item = k;
        }
        int c = right ? obj_richcompare_bool(x, item, CMP_LT) : obj_richcompare_bool(item, x, CMP_LT);
        DECREF(item);
        if (c < 0) return -1;
        if (right) { if (c) hi = mid; else lo = mid + 1; }
        else { if (c) lo = mid + 1; else hi = mid; }
    }
    return lo;
}

static Obj *bisect_common(const char *name, Obj *const *args, size_t nargs, Obj *kwnames, bool right) {
    Obj *a, *x, *key;
    intptr_t lo, hi;
    if (parse(name, args, nargs, kwnames, &a, &x, &lo, &hi, &key) < 0) return NULL;
    intptr_t r = search(a, x, lo, hi, key, right);
    if (r < 0) return NULL;
    return MAKE_SMALL(r);
}

static Obj *insort_common(const char *name, Obj *const *args, size_t nargs, Obj *kwnames, bool right) {
    Obj *a, *x, *key;
    intptr_t lo, hi;
    if (parse(name, args, nargs, kwnames, &a, &x, &lo, &hi, &key) < 0) return NULL;
    Obj *kx = x;
    if (key) {
        kx = obj_call1(key, x);
        if (!kx) return NULL;
    }
    intptr_t r = search(a, kx, lo, hi, key, right);
    if (key) DECREF(kx);
    if (r < 0) return NULL;
    if (IS_TYPE(a, &Type_list)) {
        if (list_insert(a, r, x) < 0) return NULL;
    } else {
        Obj *callargs[2] = {MAKE_SMALL(r), x};
        Obj *meth = obj_getattr_cstr(a, "insert");
        if (!meth) return NULL;
        Obj *res = obj_call(meth, callargs, 2, NULL);
        DECREF(meth);
        if (!res) return NULL;
        DECREF(res);
    }
    RETURN_NONE;
}

static Obj *bisect_right(Obj *m, Obj *const *a, size_t n, Obj *k) { return bisect_common("bisect_right", a, n, k, true); }
static Obj *bisect_left(Obj *m, Obj *const *a, size_t n, Obj *k) { return bisect_common("bisect_left", a, n, k, false); }
static Obj *insort_right(Obj *m, Obj *const *a, size_t n, Obj *k) { return insort_common("insort_right", a, n, k, true); }
static Obj *insort_left(Obj *m, Obj *const *a, size_t n, Obj *k) { return insort_common("insort_left", a, n, k, false); }

static const MethodDef bisect_methods[] = {
    {"bisect_right", bisect_right, METH_VARARGS | METH_KEYWORDS, "Return the index where to insert item x in list a, assuming a is sorted."},
    {"bisect_left", bisect_left, METH_VARARGS | METH_KEYWORDS, "Return the index where to insert item x in list a, assuming a is sorted."},
    {"insort_right", insort_right, METH_VARARGS | METH_KEYWORDS, "Insert item x in list a, and keep it sorted assuming a is sorted."},
    {"insort_left", insort_left, METH_VARARGS | METH_KEYWORDS, "Insert item x in list a, and keep it sorted assuming a is sorted."},
    {NULL, NULL, 0, NULL},
};

Obj *modinit__bisect(void) {
    Obj *m = module_new("_bisect");
    if (!m) return NULL;
    if (module_add_methods(m, bisect_methods) < 0) { DECREF(m); return NULL; }
    return m;
}
