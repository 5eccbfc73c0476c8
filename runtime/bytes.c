/* bytes.c: the bytes type: construction, repr, indexing, comparison, hashing, operators,
 * iteration, and the helpers bytearray and memoryview share. Methods: bytes_methods.c. */
#include <string.h>
#include "str.h"
#include "names.h"

Obj *bytes_new_raw(size_t size)
{
    BytesObj *b = (BytesObj *)obj_alloc(&Type_bytes, sizeof(BytesObj) + size + 1);
    if (!b) return NULL;
    b->hash = -1;
    b->size = size;
    b->data[size] = '\0';
    return (Obj *)b;
}

static Obj *empty_bytes;

Obj *bytes_from_data(const void *data, size_t size)
{
    if (size == 0) {
        if (!empty_bytes) {
            empty_bytes = bytes_new_raw(0);
            if (!empty_bytes) return NULL;
            empty_bytes->refcnt = IMMORTAL_REFCNT;
            empty_bytes->flags |= OBJ_FLAG_IMMORTAL;
        }
        return NEWREF(empty_bytes);
    }
    Obj *b = bytes_new_raw(size);
    if (b) memcpy(BYTES_DATA(b), data, size);
    return b;
}

Obj *bytes_make_like(Obj *self, const char *data, size_t size)
{
    if (BYTES_CHECK(self)) return bytes_from_data(data, size);
    return bytearray_from_data(data, size);
}

int bytes_arg(Obj *o, const char **data, size_t *size)
{
    if (buffer_get(o, data, size) == 0) {
        if (!*data) *data = "";
        return 0;
    }
    err_format(Exc_TypeError, "a bytes-like object is required, not '%T'", o);
    return -1;
}

int bytes_byte_value(Obj *v)
{
    if (!INT_CHECK(v)) {
        if (!TYPE(v)->index) {
            err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", v);
            return -1;
        }
    }
    int64_t x = obj_as_index_i64(v, Exc_OverflowError);
    if (x == -1 && err_occurred()) {
        if (!err_matches(Exc_OverflowError)) return -1;
        err_clear();
        x = 256;
    }
    if (x < 0 || x > 255) {
        err_set_str(Exc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    return (int)x;
}

/* ---- repr ---- */

int sb_append_bytes_repr(StrBuilder *sb, const char *data, size_t size)
{
    return sb_append_bytes_repr_ex(sb, data, size, false);
}

/* bytearray's repr escapes ' even inside double quotes (a CPython quirk kept for fidelity). */
int sb_append_bytes_repr_ex(StrBuilder *sb, const char *data, size_t size, bool escape_single)
{
    static const char hex[] = "0123456789abcdef";
    char quote = '\'';
    if (memchr(data, '\'', size) && !memchr(data, '"', size)) quote = '"';
    if (sb_append_char(sb, 'b') < 0 || sb_append_char(sb, quote) < 0) return -1;
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)data[i];
        char buf[4];
        size_t n = 2;
        buf[0] = '\\';
        if (c == (unsigned char)quote || c == '\\' || (escape_single && c == '\'')) buf[1] = (char)c;
        else if (c == '\t') buf[1] = 't';
        else if (c == '\n') buf[1] = 'n';
        else if (c == '\r') buf[1] = 'r';
        else if (c < 0x20 || c >= 0x7f) { buf[1] = 'x'; buf[2] = hex[c >> 4]; buf[3] = hex[c & 15]; n = 4; }
        else { buf[0] = (char)c; n = 1; }
        if (sb_append(sb, buf, n) < 0) return -1;
    }
    return sb_append_char(sb, quote);
}

Obj *bytes_repr(Obj *b)
{
    StrBuilder sb;
    sb_init(&sb);
    if (sb_append_bytes_repr(&sb, BYTES_DATA(b), BYTES_SIZE(b)) < 0) { sb_discard(&sb); return NULL; }
    return sb_finish(&sb);
}

/* ---- construction ---- */

/* Gather bytes(x) content: an int (zeroed), a buffer, or an iterable of ints. */
int bytes_collect(Obj *x, char **data, size_t *size, const char *what)
{
    const char *src;
    size_t n;
    if (buffer_get(x, &src, &n) == 0) {
        *data = vt_malloc(n + 1);
        if (!*data) return -1;
        if (n) memcpy(*data, src, n);
        *size = n;
        return 0;
    }
    if (INT_CHECK(x) || (TYPE(x)->index && !STR_CHECK(x))) {
        int64_t k = obj_as_index_i64(x, Exc_OverflowError);
        if (k == -1 && err_occurred()) {
            if (err_matches(Exc_OverflowError)) {
                err_clear();
                err_set_str(Exc_OverflowError, "cannot fit 'int' into an index-sized integer");
            }
            return -1;
        }
        if (k < 0) { err_set_str(Exc_ValueError, "negative count"); return -1; }
        *data = vt_calloc((size_t)k + 1, 1);
        if (!*data) return -1;
        *size = (size_t)k;
        return 0;
    }
    if (STR_CHECK(x)) {
        err_set_str(Exc_TypeError, "string argument without an encoding");
        return -1;
    }
    Obj *it = obj_get_iter(x);
    if (!it) {
        if (err_matches(Exc_TypeError)) {
            err_clear();
            err_format(Exc_TypeError, "cannot convert '%T' object to %s", x, what);
        }
        return -1;
    }
    size_t cap = 16, len = 0;
    char *buf = vt_malloc(cap);
    if (!buf) { DECREF(it); return -1; }
    Obj *v;
    while ((v = iter_next(it)) != NULL) {
        int64_t b;
        if (!INT_CHECK(v) && !TYPE(v)->index) {
            err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", v);
            b = -2;
        } else {
            b = obj_as_index_i64(v, Exc_OverflowError);
            if (b == -1 && err_occurred()) {
                if (err_matches(Exc_OverflowError)) { err_clear(); b = 256; } else b = -2;
            }
        }
        DECREF(v);
        if (b == -2) goto fail;
        if (b < 0 || b > 255) {
            err_set_str(Exc_ValueError, "bytes must be in range(0, 256)");
            goto fail;
        }
        if (len + 1 >= cap) {
            char *nb = vt_realloc(buf, cap *= 2);
            if (!nb) goto fail;
            buf = nb;
        }
        buf[len++] = (char)b;
    }
    if (err_occurred()) goto fail;
    DECREF(it);
    *data = buf;
    *size = len;
    return 0;
fail:
    DECREF(it);
    vt_free(buf);
    return -1;
}

static Obj *bytes_subtype_copy(Type *type, Obj *b)
{
    BytesObj *r = (BytesObj *)type_generic_alloc(type, BYTES_SIZE(b) + 1);
    if (!r) return NULL;
    r->hash = -1;
    r->size = BYTES_SIZE(b);
    memcpy(r->data, BYTES_DATA(b), BYTES_SIZE(b) + 1);
    return (Obj *)r;
}

static Obj *bytes_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"source", "encoding", "errors"};
    Obj *a[3];
    if (args_parse("bytes", args, nargs, kwnames, names, 3, 0, 3, a) < 0) return NULL;
    Obj *r = NULL;
    if (a[1] || a[2]) {
        if (a[1] && !STR_CHECK(a[1]))
            return err_format(Exc_TypeError, "bytes() argument 'encoding' must be str, not %T", a[1]);
        if (a[2] && !STR_CHECK(a[2]))
            return err_format(Exc_TypeError, "bytes() argument 'errors' must be str, not %T", a[2]);
        if (!a[0] || !STR_CHECK(a[0]))
            return err_set_str(Exc_TypeError, a[1] ? "encoding without a string argument"
                                                   : "errors without a string argument");
        r = codec_encode(a[0], a[1] ? STR_DATA(a[1]) : NULL, a[2] ? STR_DATA(a[2]) : NULL);
    } else if (!a[0]) {
        r = bytes_from_data("", 0);
    } else {
        Obj *m = STR_CHECK(a[0]) ? NULL : obj_lookup_special(a[0], NAME(__bytes__));
        if (m) {
            r = obj_call0(m);
            DECREF(m);
            if (r && !BYTES_CHECK(r)) {
                err_format(Exc_TypeError, "__bytes__ returned non-bytes (type %T)", r);
                DECREF(r);
                return NULL;
            }
        } else if (err_occurred()) {
            return NULL;
        } else if (BYTES_CHECK(a[0]) && IS_TYPE(a[0], &Type_bytes) && type == &Type_bytes) {
            return NEWREF(a[0]);
        } else {
            char *data;
            size_t size;
            if (bytes_collect(a[0], &data, &size, "bytes") < 0) return NULL;
            r = bytes_from_data(data, size);
            vt_free(data);
        }
    }
    if (!r || type == &Type_bytes) return r;
    Obj *sub = bytes_subtype_copy(type, r);
    DECREF(r);
    return sub;
}

/* ---- sequence protocol ---- */

static intptr_t bytes_len(Obj *b)
{
    return (intptr_t)BYTES_SIZE(b);
}

static Obj *bytes_getitem(Obj *b, Obj *key)
{
    intptr_t n = (intptr_t)BYTES_SIZE(b);
    if (IS_TYPE(key, &Type_slice)) {
        intptr_t start, stop, step;
        intptr_t len = slice_indices(key, n, &start, &stop, &step);
        if (len < 0) return NULL;
        if (step == 1) {
            if (len == n && IS_TYPE(b, &Type_bytes)) return NEWREF(b);
            return bytes_from_data(BYTES_DATA(b) + start, (size_t)len);
        }
        Obj *r = bytes_new_raw((size_t)len);
        if (!r) return NULL;
        for (intptr_t k = 0, i = start; k < len; k++, i += step) BYTES_DATA(r)[k] = BYTES_DATA(b)[i];
        return r;
    }
    if (!INT_CHECK(key) && !TYPE(key)->index)
        return err_format(Exc_TypeError, "byte indices must be integers or slices, not %T", key);
    int64_t i = IS_SMALL(key) ? SMALL_VALUE(key) : obj_as_index_i64(key, Exc_IndexError);
    if (i == -1 && err_occurred()) return NULL;
    if (i < 0) i += n;
    if (i < 0 || i >= n) return err_set_str(Exc_IndexError, "index out of range");
    return MAKE_SMALL((unsigned char)BYTES_DATA(b)[i]);
}

/* `x in b` for bytes and bytearray: an int byte value or a bytes-like substring. */
int bytes_like_contains(Obj *self, Obj *x)
{
    const char *d = bytes_like_data(self), *s;
    size_t n = bytes_like_size(self), m;
    if (buffer_get(x, &s, &m) == 0) return raw_find(d, n, s ? s : "", m) >= 0;
    if (INT_CHECK(x) || TYPE(x)->index) {
        int v = bytes_byte_value(x);
        if (v < 0) return -1;
        return n && memchr(d, v, n) != NULL;
    }
    err_format(Exc_TypeError, "a bytes-like object is required, not '%T'", x);
    return -1;
}

static int bytes_contains(Obj *self, Obj *x)
{
    return bytes_like_contains(self, x);
}

/* Compare two bytes-like objects; NotImplemented unless both are bytes/bytearray. */
Obj *bytes_like_richcompare(Obj *a, Obj *b, int op)
{
    bool ok = (BYTES_CHECK(a) || BYTEARRAY_CHECK(a)) && (BYTES_CHECK(b) || BYTEARRAY_CHECK(b));
    if (!ok) return NEWREF(V_NotImplemented);
    const char *x = bytes_like_data(a), *y = bytes_like_data(b);
    size_t nx = bytes_like_size(a), ny = bytes_like_size(b);
    if ((op == CMP_EQ || op == CMP_NE) && nx != ny) RETURN_BOOL(op == CMP_NE);
    int c = (nx && ny) ? memcmp(x, y, nx < ny ? nx : ny) : 0;
    if (c == 0) c = nx < ny ? -1 : nx > ny;
    int r;
    switch (op) {
    case CMP_LT: r = c < 0; break;
    case CMP_LE: r = c <= 0; break;
    case CMP_EQ: r = c == 0; break;
    case CMP_NE: r = c != 0; break;
    case CMP_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    RETURN_BOOL(r);
}

static intptr_t bytes_hash(Obj *o)
{
    BytesObj *b = (BytesObj *)o;
    if (b->hash == -1) b->hash = str_hash_bytes(b->data, b->size);
    return b->hash;
}

/* + * % shared by bytes and bytearray (a or b is self). */
Obj *bytes_like_binop(Obj *a, Obj *b, int op)
{
    bool a_like = BYTES_CHECK(a) || BYTEARRAY_CHECK(a);
    switch (op) {
    case NB_ADD: {
        const char *x, *y;
        size_t nx, ny;
        if (!a_like || buffer_get(a, &x, &nx) < 0) return NEWREF(V_NotImplemented);
        if (buffer_get(b, &y, &ny) < 0) {
            Type *tb = TYPE(b);
            if (tb->binop && !BYTES_CHECK(b) && !BYTEARRAY_CHECK(b)) {
                Obj *r = tb->binop(a, b, op);
                if (r != V_NotImplemented) return r;
                DECREF(r);
            }
            return err_format(Exc_TypeError, "can't concat %T to %T", b, a);
        }
        Obj *r = BYTES_CHECK(a) ? bytes_new_raw(nx + ny) : bytearray_from_data(NULL, nx + ny);
        if (!r) return NULL;
        char *d = BYTES_CHECK(a) ? BYTES_DATA(r) : ((ByteArrayObj *)r)->data;
        if (nx) memcpy(d, x, nx);
        if (ny) memcpy(d + nx, y, ny);
        return r;
    }
    case NB_MULTIPLY: {
        Obj *s = a_like ? a : b, *n = a_like ? b : a;
        if (!BYTES_CHECK(s) && !BYTEARRAY_CHECK(s)) return NEWREF(V_NotImplemented);
        if (!TYPE(n)->index) {
            if (s == a && TYPE(b)->binop && TYPE(b)->binop != TYPE(a)->binop) {
                Obj *r = TYPE(b)->binop(a, b, op);
                if (r != V_NotImplemented) return r;
                DECREF(r);
            }
            return err_format(Exc_TypeError, "can't multiply sequence by non-int of type '%T'", n);
        }
        int64_t k = obj_as_index_i64(n, Exc_OverflowError);
        if (k == -1 && err_occurred()) return NULL;
        size_t m = bytes_like_size(s);
        if (k < 0) k = 0;
        if (m && (uint64_t)k > (uint64_t)INTPTR_MAX / m) {
            if (BYTES_CHECK(s)) return err_set_str(Exc_OverflowError, "repeated bytes are too long");
            return err_no_memory();
        }
        size_t total = m * (size_t)k;
        Obj *r = BYTES_CHECK(s) ? bytes_new_raw(total) : bytearray_from_data(NULL, total);
        if (!r) return NULL;
        char *d = BYTES_CHECK(s) ? BYTES_DATA(r) : ((ByteArrayObj *)r)->data;
        const char *src = bytes_like_data(s);
        for (int64_t i = 0; i < k; i++) memcpy(d + (size_t)i * m, src, m);
        return r;
    }
    case NB_REMAINDER:
        if (!a_like) return NEWREF(V_NotImplemented);
        return str_percent_format(a, b);
    default:
        return NEWREF(V_NotImplemented);
    }
}

/* ---- iteration ---- */

typedef struct BytesIterObj {
    Obj ob;
    Obj *seq;       /* NULL once exhausted */
    size_t index;
} BytesIterObj;

static Obj *bytes_iter(Obj *self)
{
    if (type_ensure_ready(&Type_bytes_iterator) < 0) return NULL;
    BytesIterObj *it = (BytesIterObj *)obj_alloc(&Type_bytes_iterator, sizeof(BytesIterObj));
    if (!it) return NULL;
    it->seq = NEWREF(self);
    return (Obj *)it;
}

static Obj *bytesiter_next(Obj *o)
{
    BytesIterObj *it = (BytesIterObj *)o;
    if (!it->seq) return NULL;
    if (it->index >= BYTES_SIZE(it->seq)) {
        CLEAR(it->seq);
        return NULL;
    }
    return MAKE_SMALL((unsigned char)BYTES_DATA(it->seq)[it->index++]);
}

static void bytesiter_dealloc(Obj *o)
{
    XDECREF(((BytesIterObj *)o)->seq);
    obj_free(o);
}

static Obj *bytesiter_self(Obj *o)
{
    return NEWREF(o);
}

static Obj *bytesiter_length_hint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    BytesIterObj *it = (BytesIterObj *)self;
    size_t n = it->seq ? BYTES_SIZE(it->seq) : 0;
    return int_from_i64(it->seq && n > it->index ? (int64_t)(n - it->index) : 0);
}

static const MethodDef bytesiter_methods[] = {
    {"__length_hint__", bytesiter_length_hint, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_bytes_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "bytes_iterator",
    .basicsize = sizeof(BytesIterObj),
    .dealloc = bytesiter_dealloc,
    .iter = bytesiter_self,
    .iternext = bytesiter_next,
    .methods = bytesiter_methods,
};


/* ---- bytes-only methods ---- */

static Obj *bytes_getnewargs(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    Obj *b = bytes_from_data(BYTES_DATA(self), BYTES_SIZE(self));
    if (!b) return NULL;
    Obj *t = tuple_pack(1, b);
    DECREF(b);
    return t;
}

static Obj *bytes_bytes(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    if (IS_TYPE(self, &Type_bytes)) return NEWREF(self);
    return bytes_from_data(BYTES_DATA(self), BYTES_SIZE(self));
}

static Obj *bytes_sizeof(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    return int_from_i64(33 + (int64_t)BYTES_SIZE(self));
}

static const MethodDef bytes_methods[] = {
    BYTES_SHARED_METHODS(BYTES_METHOD_ENTRY)
    {"__getnewargs__", bytes_getnewargs, METH_NOARGS, NULL},
    {"__bytes__", bytes_bytes, METH_NOARGS, "Convert this value to exact type bytes."},
    {"__sizeof__", bytes_sizeof, METH_NOARGS, "Size of object in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};

static Obj *bytes_str(Obj *self)
{
    return bytes_repr(self);
}

Type Type_bytes = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "bytes",
    .basicsize = sizeof(BytesObj),
    .itemsize = 1,
    .flags = TPFLAG_BASETYPE | TPFLAG_BYTES_SUBCLASS,
    .doc = "bytes(iterable_of_ints) -> bytes\n"
           "bytes(string, encoding[, errors]) -> bytes\n"
           "bytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\n"
           "bytes(int) -> bytes object of size given by the parameter initialized with null bytes\n"
           "bytes() -> empty bytes object\n"
           "\n"
           "Construct an immutable array of bytes from:\n"
           "  - an iterable yielding integers in range(256)\n"
           "  - a text string encoded using the specified encoding\n"
           "  - any object implementing the buffer API.\n"
           "  - an integer",
    .dealloc = obj_free,
    .new = bytes_new,
    .repr = bytes_repr,
    .str = bytes_str,
    .hash = bytes_hash,
    .richcompare = bytes_like_richcompare,
    .binop = bytes_like_binop,
    .len = bytes_len,
    .getitem = bytes_getitem,
    .contains = bytes_contains,
    .iter = bytes_iter,
    .methods = bytes_methods,
};
