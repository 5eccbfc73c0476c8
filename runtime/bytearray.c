/* bytearray.c: the mutable byte buffer: construction, item/slice assignment, resizing methods,
 * and the export count that memoryviews hold (resizing while exported is a BufferError). */
#include <string.h>
#include "str.h"

#define BA(o) ((ByteArrayObj *)(o))

/* The buffer of an empty bytearray that never had one (alloc == 0, as CPython's NULL). */
static char empty_buffer[1];

/* Set the size, growing or shrinking the buffer with CPython's policy (so __alloc__ and
 * __sizeof__ agree with it). data stays NUL-terminated and never NULL. */
static int ba_resize(Obj *o, size_t size)
{
    ByteArrayObj *b = BA(o);
    size_t alloc = b->alloc;
    if (size == b->size) return 0;
    if (size + 1 <= alloc) {
        if (size >= alloc / 2) {
            b->size = size;
            b->data[size] = '\0';
            return 0;
        }
        alloc = size + 1;   /* major shrink: exact size */
    } else if ((double)size <= (double)alloc * 1.125) {
        alloc = size + (size >> 3) + (size < 9 ? 3 : 6);   /* moderate growth: overallocate */
    } else {
        alloc = size + 1;   /* major growth: exact size */
    }
    char *nd = vt_realloc(b->alloc ? b->data : NULL, alloc);
    if (!nd) return -1;
    b->data = nd;
    b->alloc = alloc;
    b->size = size;
    b->data[size] = '\0';
    return 0;
}

static int check_exports(Obj *o)
{
    if (BA(o)->exports > 0) {
        err_set_str(Exc_BufferError, "Existing exports of data: object cannot be re-sized");
        return -1;
    }
    return 0;
}

/* Resize guarded by the export count. */
static int ba_resize_checked(Obj *o, size_t size)
{
    if (size != BA(o)->size && check_exports(o) < 0) return -1;
    return ba_resize(o, size);
}

static Obj *ba_alloc(Type *type)
{
    Obj *o = type == &Type_bytearray ? obj_alloc(type, sizeof(ByteArrayObj)) : type_generic_alloc(type, 0);
    if (!o) return NULL;
    BA(o)->data = empty_buffer;
    return o;
}

Obj *bytearray_from_data(const void *data, size_t size)
{
    Obj *o = ba_alloc(&Type_bytearray);
    if (!o) return NULL;
    if (size && ba_resize(o, size) < 0) { DECREF(o); return NULL; }
    if (size) {
        if (data) memcpy(BA(o)->data, data, size);
        else memset(BA(o)->data, 0, size);
    }
    return o;
}

static Obj *ba_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames)
{
    return ba_alloc(type);
}

static int ba_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"source", "encoding", "errors"};
    Obj *a[3];
    if (args_parse("bytearray", args, nargs, kwnames, names, 3, 0, 3, a) < 0) return -1;
    char *data = NULL;
    size_t size = 0;
    if (a[1] || a[2]) {
        if (a[1] && !STR_CHECK(a[1])) {
            err_format(Exc_TypeError, "bytearray() argument 'encoding' must be str, not %T", a[1]);
            return -1;
        }
        if (a[2] && !STR_CHECK(a[2])) {
            err_format(Exc_TypeError, "bytearray() argument 'errors' must be str, not %T", a[2]);
            return -1;
        }
        if (!a[0] || !STR_CHECK(a[0])) {
            err_set_str(Exc_TypeError, a[1] ? "encoding without a string argument" : "errors without a string argument");
            return -1;
        }
        Obj *enc = codec_encode(a[0], a[1] ? STR_DATA(a[1]) : NULL, a[2] ? STR_DATA(a[2]) : NULL);
        if (!enc) return -1;
        int r = ba_resize_checked(self, BYTES_SIZE(enc));
        if (r == 0) memcpy(BA(self)->data, BYTES_DATA(enc), BYTES_SIZE(enc));
        DECREF(enc);
        return r;
    }
    if (a[0] && bytes_collect(a[0], &data, &size, "bytearray") < 0) return -1;
    int r = ba_resize_checked(self, size);
    if (r == 0 && size) memcpy(BA(self)->data, data, size);
    vt_free(data);
    return r;
}

static void ba_dealloc(Obj *o)
{
    if (BA(o)->alloc) vt_free(BA(o)->data);
    obj_free(o);
}

static Obj *ba_repr(Obj *o)
{
    StrBuilder sb;
    sb_init(&sb);
    const char *name = type_name(TYPE(o));
    if (sb_append_cstr(&sb, name) < 0 || sb_append_char(&sb, '(') < 0 ||
        sb_append_bytes_repr_ex(&sb, BA(o)->data, BA(o)->size, true) < 0 || sb_append_char(&sb, ')') < 0) {
        sb_discard(&sb);
        return NULL;
    }
    return sb_finish(&sb);
}

static intptr_t ba_len(Obj *o)
{
    return (intptr_t)BA(o)->size;
}

static int index_arg(Obj *key, intptr_t *out)
{
    int64_t i = IS_SMALL(key) ? SMALL_VALUE(key) : obj_as_index_i64(key, Exc_IndexError);
    if (i == -1 && err_occurred()) return -1;
    *out = (intptr_t)i;
    return 0;
}

static Obj *ba_getitem(Obj *o, Obj *key)
{
    ByteArrayObj *b = BA(o);
    if (IS_TYPE(key, &Type_slice)) {
        intptr_t start, stop, step;
        intptr_t len = slice_indices(key, (intptr_t)b->size, &start, &stop, &step);
        if (len < 0) return NULL;
        Obj *r = bytearray_from_data(NULL, (size_t)len);
        if (!r) return NULL;
        for (intptr_t k = 0, i = start; k < len; k++, i += step) BA(r)->data[k] = b->data[i];
        return r;
    }
    if (!INT_CHECK(key) && !TYPE(key)->index)
        return err_format(Exc_TypeError, "bytearray indices must be integers or slices, not %T", key);
    intptr_t i;
    if (index_arg(key, &i) < 0) return NULL;
    if (i < 0) i += (intptr_t)b->size;
    if (i < 0 || i >= (intptr_t)b->size) return err_set_str(Exc_IndexError, "bytearray index out of range");
    return MAKE_SMALL((unsigned char)b->data[i]);
}

/* Replace bytes [lo, hi) with src[0..n): resizes (guarded) when the lengths differ. */
static int ba_splice(Obj *o, size_t lo, size_t hi, const char *src, size_t n)
{
    ByteArrayObj *b = BA(o);
    size_t old = b->size, cut = hi - lo;
    if (n != cut) {
        if (check_exports(o) < 0) return -1;
        if (n > cut) {
            if (ba_resize(o, old + n - cut) < 0) return -1;
            memmove(b->data + lo + n, b->data + hi, old - hi);
        } else {
            memmove(b->data + lo + n, b->data + hi, old - hi);
            if (ba_resize(o, old - (cut - n)) < 0) return -1;
        }
    }
    if (n) memmove(b->data + lo, src, n);
    return 0;
}

/* Bytes for slice assignment: buffers or iterables of ints (a fresh copy: the source may be self). */
static int assign_source(Obj *v, char **data, size_t *size)
{
    if (STR_CHECK(v) || INT_CHECK(v) || (!IS_SMALL(v) && TYPE(v)->index && buffer_get(v, &(const char *){0}, &(size_t){0}) < 0)) {
        err_set_str(Exc_TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
        return -1;
    }
    return bytes_collect(v, data, size, "bytearray");
}

static int ba_setitem(Obj *o, Obj *key, Obj *value)
{
    ByteArrayObj *b = BA(o);
    if (IS_TYPE(key, &Type_slice)) {
        intptr_t start, stop, step;
        intptr_t len = slice_indices(key, (intptr_t)b->size, &start, &stop, &step);
        if (len < 0) return -1;
        char *data = NULL;
        size_t n = 0;
        if (value && assign_source(value, &data, &n) < 0) return -1;
        int r = 0;
        if (step == 1) {
            if (stop < start) stop = start;
            r = ba_splice(o, (size_t)start, (size_t)stop, data, n);
        } else if (!value || n == 0) {
            /* deleting, or assigning nothing to an extended slice (CPython deletes too) */
            if (len > 0) {
                if (check_exports(o) < 0) { vt_free(data); return -1; }
                if (step < 0) { start += step * (len - 1); step = -step; }
                /* compact: keep bytes not on the slice */
                size_t w = 0;
                for (size_t i = 0; i < b->size; i++) {
                    bool del = (intptr_t)i >= start && ((intptr_t)i - start) % step == 0 &&
                               ((intptr_t)i - start) / step < len;
                    if (!del) b->data[w++] = b->data[i];
                }
                r = ba_resize(o, w);
            }
        } else if ((intptr_t)n != len) {
            err_format(Exc_ValueError, "attempt to assign bytes of size %zu to extended slice of size %zd", n, len);
            r = -1;
        } else {
            for (intptr_t k = 0, i = start; k < len; k++, i += step) b->data[i] = data[k];
        }
        vt_free(data);
        return r;
    }
    if (!INT_CHECK(key) && !TYPE(key)->index) {
        err_format(Exc_TypeError, "bytearray indices must be integers or slices, not %T", key);
        return -1;
    }
    intptr_t i;
    if (index_arg(key, &i) < 0) return -1;
    int v = 0;
    if (value && (v = bytes_byte_value(value)) < 0) return -1;   /* the value is checked first */
    if (i < 0) i += (intptr_t)b->size;
    if (i < 0 || i >= (intptr_t)b->size) {
        err_set_str(Exc_IndexError, "bytearray index out of range");
        return -1;
    }
    if (!value) return ba_splice(o, (size_t)i, (size_t)i + 1, NULL, 0);
    b->data[i] = (char)v;
    return 0;
}

static int ba_contains(Obj *o, Obj *x)
{
    return bytes_like_contains(o, x);
}

/* b += x, b *= n: in place. */
static Obj *ba_inplace(Obj *a, Obj *b, int op)
{
    if (op == NB_ADD) {
        const char *d;
        size_t n;
        if (buffer_get(b, &d, &n) < 0)
            return err_format(Exc_TypeError, "can't concat %T to %T", b, a);
        size_t old = BA(a)->size;
        char *copy = n ? vt_malloc(n) : NULL;   /* b may be a itself */
        if (n && !copy) return NULL;
        if (n) memcpy(copy, d, n);
        int r = ba_resize_checked(a, old + n);
        if (r == 0 && n) memcpy(BA(a)->data + old, copy, n);
        vt_free(copy);
        return r < 0 ? NULL : NEWREF(a);
    }
    if (op == NB_MULTIPLY) {
        if (!TYPE(b)->index) return NEWREF(V_NotImplemented);
        int64_t k = obj_as_index_i64(b, Exc_OverflowError);
        if (k == -1 && err_occurred()) return NULL;
        size_t m = BA(a)->size;
        if (k < 0) k = 0;
        if (m && (uint64_t)k > SIZE_MAX / 2 / m) return err_no_memory();
        if (ba_resize_checked(a, m * (size_t)k) < 0) return NULL;
        for (int64_t i = 1; i < k; i++) memcpy(BA(a)->data + (size_t)i * m, BA(a)->data, m);
        return NEWREF(a);
    }
    return NEWREF(V_NotImplemented);
}

/* ---- iteration: reads the live buffer at each step, so mutations are seen ---- */

typedef struct ByteArrayIterObj {
    Obj ob;
    Obj *seq;       /* NULL once exhausted */
    size_t index;
} ByteArrayIterObj;

static Obj *ba_iter(Obj *self)
{
    if (type_ensure_ready(&Type_bytearray_iterator) < 0) return NULL;
    ByteArrayIterObj *it = (ByteArrayIterObj *)obj_alloc(&Type_bytearray_iterator, sizeof(ByteArrayIterObj));
    if (!it) return NULL;
    it->seq = NEWREF(self);
    return (Obj *)it;
}

static Obj *baiter_next(Obj *o)
{
    ByteArrayIterObj *it = (ByteArrayIterObj *)o;
    if (!it->seq) return NULL;
    if (it->index >= BA(it->seq)->size) {
        CLEAR(it->seq);
        return NULL;
    }
    return MAKE_SMALL((unsigned char)BA(it->seq)->data[it->index++]);
}

static void baiter_dealloc(Obj *o)
{
    XDECREF(((ByteArrayIterObj *)o)->seq);
    obj_free(o);
}

static Obj *baiter_self(Obj *o)
{
    return NEWREF(o);
}

static Obj *baiter_length_hint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    ByteArrayIterObj *it = (ByteArrayIterObj *)self;
    size_t n = it->seq ? BA(it->seq)->size : 0;
    return int_from_i64(n > it->index ? (int64_t)(n - it->index) : 0);
}

static const MethodDef baiter_methods[] = {
    {"__length_hint__", baiter_length_hint, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_bytearray_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "bytearray_iterator",
    .basicsize = sizeof(ByteArrayIterObj),
    .dealloc = baiter_dealloc,
    .iter = baiter_self,
    .iternext = baiter_next,
    .methods = baiter_methods,
};

/* ---- methods ---- */

static Obj *ba_append(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    int v = bytes_byte_value(args[0]);
    if (v < 0) return NULL;
    size_t n = BA(self)->size;
    if (ba_resize_checked(self, n + 1) < 0) return NULL;
    BA(self)->data[n] = (char)v;
    RETURN_NONE;
}

static Obj *ba_extend(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    Obj *x = args[0];
    char *data;
    size_t n;
    const char *probe;
    size_t probe_n;
    if (INT_CHECK(x) || (buffer_get(x, &probe, &probe_n) < 0 && TYPE(x)->iter == NULL && !STR_CHECK(x)))
        return err_format(Exc_TypeError, "can't extend bytearray with %T", x);
    if (STR_CHECK(x)) {
        Obj *it = obj_get_iter(x);   /* iterating a str yields strs: CPython's message */
        if (!it) return NULL;
        Obj *c = iter_next(it);
        DECREF(it);
        if (!c) RETURN_NONE;
        err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", c);
        DECREF(c);
        return NULL;
    }
    if (bytes_collect(x, &data, &n, "bytearray") < 0) return NULL;
    size_t old = BA(self)->size;
    int r = ba_resize_checked(self, old + n);
    if (r == 0 && n) memcpy(BA(self)->data + old, data, n);
    vt_free(data);
    if (r < 0) return NULL;
    RETURN_NONE;
}

static Obj *ba_insert(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    if (args_check_count("insert", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!INT_CHECK(args[0]) && !TYPE(args[0])->index)
        return err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    intptr_t i;
    if (index_arg(args[0], &i) < 0) return NULL;
    int v = bytes_byte_value(args[1]);
    if (v < 0) return NULL;
    intptr_t n = (intptr_t)BA(self)->size;
    if (i < 0) { i += n; if (i < 0) i = 0; }
    if (i > n) i = n;
    char c = (char)v;
    if (ba_splice(self, (size_t)i, (size_t)i, &c, 1) < 0) return NULL;
    RETURN_NONE;
}

static Obj *ba_pop(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    if (args_check_count("pop", nargs, kwnames, 0, 1) < 0) return NULL;
    intptr_t n = (intptr_t)BA(self)->size, i = -1;
    if (nargs && index_arg(args[0], &i) < 0) return NULL;
    if (n == 0) return err_set_str(Exc_IndexError, "pop from empty bytearray");
    if (i < 0) i += n;
    if (i < 0 || i >= n) return err_set_str(Exc_IndexError, "pop index out of range");
    unsigned char c = (unsigned char)BA(self)->data[i];
    if (ba_splice(self, (size_t)i, (size_t)i + 1, NULL, 0) < 0) return NULL;
    return MAKE_SMALL(c);
}

static Obj *ba_remove(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    int v = bytes_byte_value(args[0]);
    if (v < 0) return NULL;
    ByteArrayObj *b = BA(self);
    const char *p = b->size ? memchr(b->data, v, b->size) : NULL;
    if (!p) return err_set_str(Exc_ValueError, "value not found in bytearray");
    size_t i = (size_t)(p - b->data);
    if (ba_splice(self, i, i + 1, NULL, 0) < 0) return NULL;
    RETURN_NONE;
}

static Obj *ba_clear(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    if (ba_resize_checked(self, 0) < 0) return NULL;
    RETURN_NONE;
}

static Obj *ba_copy(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    return bytearray_from_data(BA(self)->data, BA(self)->size);
}

static Obj *ba_reverse(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    char *d = BA(self)->data;
    for (size_t i = 0, j = BA(self)->size; i + 1 < j; i++, j--) { char t = d[i]; d[i] = d[j - 1]; d[j - 1] = t; }
    RETURN_NONE;
}

static Obj *ba_alloc_method(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    return int_from_i64((int64_t)BA(self)->alloc);
}

static Obj *ba_sizeof(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    return int_from_i64(56 + (int64_t)BA(self)->alloc);
}

static const MethodDef ba_methods[] = {
    BYTES_SHARED_METHODS(BYTES_METHOD_ENTRY)
    {"append", ba_append, METH_O,
        "Append a single item to the end of the bytearray.\n"
        "\n"
        "  item\n"
        "    The item to be appended."},
    {"extend", ba_extend, METH_O,
        "Append all the items from the iterator or sequence to the end of the bytearray.\n"
        "\n"
        "  iterable_of_ints\n"
        "    The iterable of items to append."},
    {"insert", ba_insert, METH_VARARGS,
        "Insert a single item into the bytearray before the given index.\n"
        "\n"
        "  index\n"
        "    The index where the value is to be inserted.\n"
        "  item\n"
        "    The item to be inserted."},
    {"pop", ba_pop, METH_VARARGS,
        "Remove and return a single item from B.\n"
        "\n"
        "  index\n"
        "    The index from where to remove the item.\n"
        "    -1 (the default value) means remove the last item.\n"
        "\n"
        "If no index argument is given, will pop the last item."},
    {"remove", ba_remove, METH_O,
        "Remove the first occurrence of a value in the bytearray.\n"
        "\n"
        "  value\n"
        "    The value to remove."},
    {"clear", ba_clear, METH_NOARGS, "Remove all items from the bytearray."},
    {"copy", ba_copy, METH_NOARGS, "Return a copy of B."},
    {"reverse", ba_reverse, METH_NOARGS, "Reverse the order of the values in B in place."},
    {"__alloc__", ba_alloc_method, METH_NOARGS,
        "B.__alloc__() -> int\n"
        "\n"
        "Return the number of bytes actually allocated."},
    {"__sizeof__", ba_sizeof, METH_NOARGS, "Returns the size of the bytearray object in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};

Type Type_bytearray = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "bytearray",
    .basicsize = sizeof(ByteArrayObj),
    .flags = TPFLAG_BASETYPE,
    .doc = "bytearray(iterable_of_ints) -> bytearray\n"
           "bytearray(string, encoding[, errors]) -> bytearray\n"
           "bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\n"
           "bytearray(int) -> bytes array of size given by the parameter initialized with null bytes\n"
           "bytearray() -> empty bytes array\n"
           "\n"
           "Construct a mutable bytearray object from:\n"
           "  - an iterable yielding integers in range(256)\n"
           "  - a text string encoded using the specified encoding\n"
           "  - a bytes or a buffer object\n"
           "  - any object implementing the buffer API.\n"
           "  - an integer",
    .dealloc = ba_dealloc,
    .new = ba_new,
    .init = ba_init,
    .repr = ba_repr,
    .str = ba_repr,
    .hash = type_hash_not_implemented,
    .richcompare = bytes_like_richcompare,
    .binop = bytes_like_binop,
    .inplace = ba_inplace,
    .len = ba_len,
    .getitem = ba_getitem,
    .setitem = ba_setitem,
    .contains = ba_contains,
    .iter = ba_iter,
    .methods = ba_methods,
};
