/* memoryview.c: one-dimensional views of bytes and bytearray (native single-character formats
 * such as 'B', 'c', 'i', 'd') with zero-copy slicing, writes through to bytearrays, casts, and
 * export counting. */
#include <string.h>
#include "str.h"

typedef struct MemoryViewObj {
    Obj ob;
    Obj *obj;           /* the exporter (bytes or bytearray); kept until dealloc */
    size_t offset;      /* byte offset of item 0 in the exporter's data */
    intptr_t stride;    /* bytes between items */
    size_t len;         /* number of items */
    char format;        /* struct-module code: 'B', 'b', 'c', 'i', 'd', ... */
    uint8_t itemsize;   /* bytes per item */
    bool readonly;
    bool released;
} MemoryViewObj;

#define MV(o) ((MemoryViewObj *)(o))

/* Size of a native format's items, 0 if the format is not supported. */
static size_t fmt_size(char f)
{
    switch (f) {
    case 'b': case 'B': case 'c': case '?': return 1;
    case 'h': case 'H': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'l': case 'L': case 'q': case 'Q': case 'n': case 'N': case 'd': case 'P': return 8;
    default: return 0;
    }
}

static bool byte_format(char f)
{
    return f == 'B' || f == 'b' || f == 'c';
}

static char *mv_base(Obj *o)
{
    Obj *x = MV(o)->obj;
    return (BYTES_CHECK(x) ? BYTES_DATA(x) : ((ByteArrayObj *)x)->data) + MV(o)->offset;
}

static int check_released(Obj *o)
{
    if (MV(o)->released) {
        err_set_str(Exc_ValueError, "operation forbidden on released memoryview object");
        return -1;
    }
    return 0;
}

int memoryview_get(Obj *o, const char **data, size_t *size, bool *readonly)
{
    if (check_released(o) < 0) return -1;
    if (MV(o)->stride != MV(o)->itemsize && MV(o)->len > 1) {
        err_set_str(Exc_BufferError, "memoryview: underlying buffer is not C-contiguous");
        return -1;
    }
    *data = mv_base(o);
    *size = MV(o)->len * MV(o)->itemsize;
    *readonly = MV(o)->readonly;
    return 0;
}

static Obj *mv_make(Obj *exporter, size_t offset, intptr_t stride, size_t len, char fmt, bool ro)
{
    MemoryViewObj *m = (MemoryViewObj *)obj_alloc(&Type_memoryview, sizeof(MemoryViewObj));
    if (!m) return NULL;
    m->obj = NEWREF(exporter);
    m->offset = offset;
    m->stride = stride;
    m->len = len;
    m->format = fmt;
    m->itemsize = (uint8_t)fmt_size(fmt);
    m->readonly = ro;
    if (!BYTES_CHECK(exporter)) ((ByteArrayObj *)exporter)->exports++;
    return (Obj *)m;
}

static void mv_do_release(Obj *o)
{
    if (MV(o)->released) return;
    MV(o)->released = true;
    if (!BYTES_CHECK(MV(o)->obj)) ((ByteArrayObj *)MV(o)->obj)->exports--;
}

static Obj *mv_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"object"};
    Obj *a[1];
    if (args_parse("memoryview", args, nargs, kwnames, names, 1, 1, 1, a) < 0) return NULL;
    Obj *x = a[0];
    if (MEMORYVIEW_CHECK(x)) {
        if (check_released(x) < 0) return NULL;
        return mv_make(MV(x)->obj, MV(x)->offset, MV(x)->stride, MV(x)->len, MV(x)->format, MV(x)->readonly);
    }
    if (BYTES_CHECK(x)) return mv_make(x, 0, 1, BYTES_SIZE(x), 'B', true);
    if (BYTEARRAY_CHECK(x)) return mv_make(x, 0, 1, ((ByteArrayObj *)x)->size, 'B', false);
    return err_format(Exc_TypeError, "memoryview: a bytes-like object is required, not '%T'", x);
}

static void mv_dealloc(Obj *o)
{
    mv_do_release(o);
    DECREF(MV(o)->obj);
    obj_free(o);
}

static Obj *mv_repr(Obj *o)
{
    return str_from_format(MV(o)->released ? "<released memory at %p>" : "<memory at %p>", (void *)o);
}

static intptr_t mv_len(Obj *o)
{
    if (check_released(o) < 0) return -1;
    return (intptr_t)MV(o)->len;
}

/* The Python value of item i (native byte order, like the struct module's '@' codes). */
static Obj *item_value(Obj *o, size_t i)
{
    const unsigned char *p = (const unsigned char *)mv_base(o) + (intptr_t)i * MV(o)->stride;
    switch (MV(o)->format) {
    case 'b': return MAKE_SMALL((signed char)p[0]);
    case 'B': return MAKE_SMALL(p[0]);
    case 'c': return bytes_from_data(p, 1);
    case '?': return NEWREF(bool_from(p[0] != 0));
    case 'h': { int16_t v; memcpy(&v, p, 2); return MAKE_SMALL(v); }
    case 'H': { uint16_t v; memcpy(&v, p, 2); return MAKE_SMALL(v); }
    case 'i': { int32_t v; memcpy(&v, p, 4); return MAKE_SMALL(v); }
    case 'I': { uint32_t v; memcpy(&v, p, 4); return MAKE_SMALL(v); }
    case 'l': case 'q': case 'n': { int64_t v; memcpy(&v, p, 8); return int_from_i64(v); }
    case 'f': { float v; memcpy(&v, p, 4); return float_from_double(v); }
    case 'd': { double v; memcpy(&v, p, 8); return float_from_double(v); }
    default: { uint64_t v; memcpy(&v, p, 8); return int_from_u64(v); }   /* L Q N P */
    }
}

static int resolve_index(Obj *o, Obj *key, size_t *out)
{
    int64_t i = IS_SMALL(key) ? SMALL_VALUE(key) : obj_as_index_i64(key, Exc_IndexError);
    if (i == -1 && err_occurred()) return -1;
    if (i < 0) i += (int64_t)MV(o)->len;
    if (i < 0 || i >= (int64_t)MV(o)->len) {
        err_set_str(Exc_IndexError, "index out of bounds on dimension 1");
        return -1;
    }
    *out = (size_t)i;
    return 0;
}

static Obj *mv_getitem(Obj *o, Obj *key)
{
    if (check_released(o) < 0) return NULL;
    MemoryViewObj *m = MV(o);
    if (IS_TYPE(key, &Type_slice)) {
        intptr_t start, stop, step;
        intptr_t n = slice_indices(key, (intptr_t)m->len, &start, &stop, &step);
        if (n < 0) return NULL;
        return mv_make(m->obj, m->offset + (size_t)(start * m->stride), m->stride * step, (size_t)n, m->format, m->readonly);
    }
    if (key == V_Ellipsis) return NEWREF(o);
    if (!INT_CHECK(key) && !TYPE(key)->index) return err_set_str(Exc_TypeError, "memoryview: invalid slice key");
    size_t i;
    if (resolve_index(o, key, &i) < 0) return NULL;
    return item_value(o, i);
}

static int invalid_type(char f)
{
    err_format(Exc_TypeError, "memoryview: invalid type for format '%c'", f);
    return -1;
}

static int invalid_value(char f)
{
    err_format(Exc_ValueError, "memoryview: invalid value for format '%c'", f);
    return -1;
}

/* Encode a Python value as one item of the view's format into out[0..itemsize). */
static int pack_item(Obj *o, Obj *v, char *out)
{
    char f = MV(o)->format;
    switch (f) {
    case 'c':
        if (!BYTES_CHECK(v)) return invalid_type(f);
        if (BYTES_SIZE(v) != 1) return invalid_value(f);
        out[0] = BYTES_DATA(v)[0];
        return 0;
    case '?': {
        int t = obj_is_true(v);
        if (t < 0) return -1;
        out[0] = (char)t;
        return 0;
    }
    case 'f': case 'd': {
        if (!FLOAT_CHECK(v) && !INT_CHECK(v)) return invalid_type(f);
        double d = float_as_double(v);
        if (d == -1.0 && err_occurred()) return -1;
        if (f == 'd') memcpy(out, &d, 8);
        else { float x = (float)d; memcpy(out, &x, 4); }
        return 0;
    }
    default:
        break;
    }
    if (!INT_CHECK(v)) return invalid_type(f);
    bool is_unsigned = strchr("BHILQNP", f) != NULL;
    size_t sz = MV(o)->itemsize;
    int64_t x;
    if (is_unsigned && sz == 8) {
        mpz_t z;
        mpz_init(z);
        int_get_mpz(v, z);
        bool ok = mpz_sgn(z) >= 0 && mpz_sizeinbase(z, 2) <= 64;
        uint64_t u = ok ? (uint64_t)mpz_get_ui(z) : 0;
        mpz_clear(z);
        if (!ok) return invalid_value(f);
        memcpy(out, &u, 8);
        return 0;
    }
    if (int_as_i64_checked(v, &x) < 0) return invalid_value(f);
    int bits = (int)sz * 8;
    if (is_unsigned ? (x < 0 || (bits < 64 && x >= ((int64_t)1 << bits)))
                    : (bits < 64 && (x < -((int64_t)1 << (bits - 1)) || x >= ((int64_t)1 << (bits - 1)))))
        return invalid_value(f);
    switch (sz) {
    case 1: out[0] = (char)x; break;
    case 2: { int16_t y = (int16_t)x; memcpy(out, &y, 2); break; }
    case 4: { int32_t y = (int32_t)x; memcpy(out, &y, 4); break; }
    default: memcpy(out, &x, 8); break;
    }
    return 0;
}

static int mv_setitem(Obj *o, Obj *key, Obj *value)
{
    if (check_released(o) < 0) return -1;
    MemoryViewObj *m = MV(o);
    if (m->readonly) {
        err_set_str(Exc_TypeError, "cannot modify read-only memory");
        return -1;
    }
    if (!value) {
        err_set_str(Exc_TypeError, "cannot delete memory");
        return -1;
    }
    char *base = mv_base(o);
    if (IS_TYPE(key, &Type_slice)) {
        intptr_t start, stop, step;
        intptr_t n = slice_indices(key, (intptr_t)m->len, &start, &stop, &step);
        if (n < 0) return -1;
        const char *src;
        size_t sn;
        if (buffer_get(value, &src, &sn) < 0) {
            err_format(Exc_TypeError, "a bytes-like object is required, not '%T'", value);
            return -1;
        }
        /* the source must have the same structure: same format, same number of items */
        char sf = MEMORYVIEW_CHECK(value) ? MV(value)->format : 'B';
        size_t isz = m->itemsize;
        if ((sf != m->format && !(byte_format(sf) && byte_format(m->format))) || sn != (size_t)n * isz) {
            err_set_str(Exc_ValueError, "memoryview assignment: lvalue and rvalue have different structures");
            return -1;
        }
        char *tmp = vt_malloc(sn + 1);   /* source and target may overlap */
        if (!tmp) return -1;
        if (sn) memcpy(tmp, src, sn);
        for (intptr_t k = 0; k < n; k++) memcpy(base + (start + k * step) * m->stride, tmp + (size_t)k * isz, isz);
        vt_free(tmp);
        return 0;
    }
    if (!INT_CHECK(key) && !TYPE(key)->index) {
        err_set_str(Exc_TypeError, "memoryview: invalid slice key");
        return -1;
    }
    size_t i;
    if (resolve_index(o, key, &i) < 0) return -1;
    char item[8];
    if (pack_item(o, value, item) < 0) return -1;
    memcpy(base + (intptr_t)i * m->stride, item, m->itemsize);
    return 0;
}

/* Copy the viewed bytes into a new buffer (handles strides); its size is nbytes. */
static char *gather(Obj *o)
{
    size_t n = MV(o)->len, isz = MV(o)->itemsize;
    char *buf = vt_malloc(n * isz + 1);
    if (!buf) return NULL;
    const char *base = mv_base(o);
    for (size_t i = 0; i < n; i++) memcpy(buf + i * isz, base + (intptr_t)i * MV(o)->stride, isz);
    return buf;
}

static size_t nbytes(Obj *o)
{
    return MV(o)->len * MV(o)->itemsize;
}

static Obj *mv_tobytes(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"order"};
    Obj *a[1];
    if (args_parse("tobytes", args, nargs, kwnames, names, 1, 0, 1, a) < 0) return NULL;
    if (check_released(self) < 0) return NULL;
    char *buf = gather(self);
    if (!buf) return NULL;
    Obj *r = bytes_from_data(buf, nbytes(self));
    vt_free(buf);
    return r;
}

static Obj *mv_tolist(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    if (check_released(self) < 0) return NULL;
    Obj *list = list_new(MV(self)->len);
    if (!list) return NULL;
    for (size_t i = 0; i < MV(self)->len; i++) {
        Obj *v = item_value(self, i);
        if (!v) { DECREF(list); return NULL; }
        LIST_SET_STEAL(list, i, v);
    }
    return list;
}

static Obj *mv_hex(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    if (check_released(self) < 0) return NULL;
    char *buf = gather(self);
    if (!buf) return NULL;
    Obj *b = bytes_from_data(buf, nbytes(self));
    vt_free(buf);
    if (!b) return NULL;
    Obj *r = bytesm_hex(b, args, nargs, kwnames);
    DECREF(b);
    return r;
}

static Obj *mv_release(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    mv_do_release(self);
    RETURN_NONE;
}

static Obj *mv_enter(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    if (check_released(self) < 0) return NULL;
    return NEWREF(self);
}

static Obj *mv_exit(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    mv_do_release(self);
    RETURN_NONE;
}

static Obj *mv_toreadonly(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    if (check_released(self) < 0) return NULL;
    MemoryViewObj *m = MV(self);
    return mv_make(m->obj, m->offset, m->stride, m->len, m->format, true);
}

static Obj *mv_cast(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"format", "shape"};
    Obj *a[2];
    if (args_parse("cast", args, nargs, kwnames, names, 2, 1, 2, a) < 0) return NULL;
    if (check_released(self) < 0) return NULL;
    if (!STR_CHECK(a[0])) return err_set_str(Exc_TypeError, "memoryview: format argument must be a string");
    const char *f = STR_DATA(a[0]);
    if (f[0] == '@') f++;
    static const char *const native = "cbB?hHiIlLqQnNfdP";
    if (strlen(f) != 1 || !strchr(native, f[0]))
        return err_set_str(Exc_ValueError, "memoryview: destination format must be a native single character "
                                           "format prefixed with an optional '@'");
    MemoryViewObj *m = MV(self);
    if (m->stride != m->itemsize && m->len > 1)
        return err_set_str(Exc_TypeError, "memoryview: casts are restricted to C-contiguous views");
    size_t sz = fmt_size(f[0]);
    if (!sz) return err_format(Exc_NotImplementedError, "memoryview: format '%s' is not supported by vitrine", f);
    if (!byte_format(m->format) && !byte_format(f[0]))
        return err_set_str(Exc_TypeError, "memoryview: cannot cast between two non-byte formats");
    size_t total = nbytes(self);
    if (total % sz) return err_set_str(Exc_TypeError, "memoryview: length is not a multiple of itemsize");
    if (a[1]) return err_format(Exc_NotImplementedError, "memoryview: multi-dimensional casts are not supported by vitrine");
    return mv_make(m->obj, m->offset, (intptr_t)sz, total / sz, f[0], m->readonly);
}

static Obj *get_obj(Obj *o) { if (check_released(o) < 0) return NULL; return NEWREF(MV(o)->obj); }
static Obj *get_nbytes(Obj *o) { if (check_released(o) < 0) return NULL; return int_from_i64((int64_t)nbytes(o)); }
static Obj *get_readonly(Obj *o) { if (check_released(o) < 0) return NULL; RETURN_BOOL(MV(o)->readonly); }
static Obj *get_itemsize(Obj *o) { if (check_released(o) < 0) return NULL; return MAKE_SMALL(MV(o)->itemsize); }
static Obj *get_format(Obj *o) { if (check_released(o) < 0) return NULL; return NEWREF(str_ascii_char((unsigned char)MV(o)->format)); }
static Obj *get_ndim(Obj *o) { if (check_released(o) < 0) return NULL; return MAKE_SMALL(1); }
static Obj *get_shape(Obj *o)
{
    if (check_released(o) < 0) return NULL;
    Obj *n = int_from_i64((int64_t)MV(o)->len);
    Obj *t = tuple_pack(1, n);
    DECREF(n);
    return t;
}
static Obj *get_strides(Obj *o)
{
    if (check_released(o) < 0) return NULL;
    Obj *n = int_from_i64((int64_t)MV(o)->stride);
    Obj *t = tuple_pack(1, n);
    DECREF(n);
    return t;
}
static Obj *get_suboffsets(Obj *o) { if (check_released(o) < 0) return NULL; return NEWREF(EMPTY_TUPLE); }
static Obj *get_contiguous(Obj *o) { if (check_released(o) < 0) return NULL; RETURN_BOOL(MV(o)->stride == MV(o)->itemsize || MV(o)->len <= 1); }

static intptr_t mv_hash(Obj *o)
{
    if (check_released(o) < 0) return -1;
    if (!MV(o)->readonly) {
        err_set_str(Exc_ValueError, "cannot hash writable memoryview object");
        return -1;
    }
    if (!byte_format(MV(o)->format)) {
        err_set_str(Exc_ValueError, "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
        return -1;
    }
    char *buf = gather(o);
    if (!buf) return -1;
    intptr_t h = str_hash_bytes(buf, MV(o)->len);
    vt_free(buf);
    return h;
}

/* == and != with any buffer: equal when the item values are equal. */
static Obj *mv_richcompare(Obj *a, Obj *b, int op)
{
    if (op != CMP_EQ && op != CMP_NE) return NEWREF(V_NotImplemented);
    Obj *self = MEMORYVIEW_CHECK(a) ? a : b, *other = self == a ? b : a;
    if (MV(self)->released || (MEMORYVIEW_CHECK(other) && MV(other)->released)) {
        RETURN_BOOL((self == other) == (op == CMP_EQ));
    }
    Obj *l1 = mv_tolist(self, NULL, 0, NULL), *l2 = NULL;
    if (!l1) return NULL;
    if (MEMORYVIEW_CHECK(other)) l2 = mv_tolist(other, NULL, 0, NULL);
    else if (BYTES_CHECK(other) || BYTEARRAY_CHECK(other)) {
        const char *d = bytes_like_data(other);
        size_t n = bytes_like_size(other);
        l2 = list_new(n);
        if (l2) for (size_t i = 0; i < n; i++) LIST_SET_STEAL(l2, i, MAKE_SMALL((unsigned char)d[i]));
    } else {
        DECREF(l1);
        return NEWREF(V_NotImplemented);
    }
    if (!l2) { DECREF(l1); return NULL; }
    int eq = obj_richcompare_bool(l1, l2, CMP_EQ);
    DECREF(l1);
    DECREF(l2);
    if (eq < 0) return NULL;
    RETURN_BOOL(op == CMP_EQ ? eq : !eq);
}

/* ---- iteration ---- */
typedef struct {
    Obj ob;
    Obj *view;
    size_t index;
} MemIterObj;

static Type Type_memory_iterator;

static Obj *mv_iter(Obj *o)
{
    if (check_released(o) < 0 || type_ensure_ready(&Type_memory_iterator) < 0) return NULL;
    MemIterObj *it = (MemIterObj *)obj_alloc(&Type_memory_iterator, sizeof(MemIterObj));
    if (!it) return NULL;
    it->view = NEWREF(o);
    return (Obj *)it;
}

static Obj *memiter_next(Obj *o)
{
    MemIterObj *it = (MemIterObj *)o;
    if (!it->view) return NULL;
    if (MV(it->view)->released) { check_released(it->view); return NULL; }
    if (it->index >= MV(it->view)->len) { CLEAR(it->view); return NULL; }
    return item_value(it->view, it->index++);
}

static void memiter_dealloc(Obj *o)
{
    XDECREF(((MemIterObj *)o)->view);
    obj_free(o);
}

static Obj *memiter_self(Obj *o) { return NEWREF(o); }

static Type Type_memory_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "memory_iterator",
    .basicsize = sizeof(MemIterObj),
    .dealloc = memiter_dealloc,
    .iter = memiter_self,
    .iternext = memiter_next,
};

static const MethodDef mv_methods[] = {
    {"tobytes", mv_tobytes, METH_KEYWORDS,
        "Return the data in the buffer as a byte string.\n"
        "\n"
        "Order can be {'C', 'F', 'A'}. When order is 'C' or 'F', the data of the\n"
        "original array is converted to C or Fortran order. For contiguous views,\n"
        "'A' returns an exact copy of the physical memory. In particular, in-memory\n"
        "Fortran order is preserved. For non-contiguous views, the data is converted\n"
        "to C first. order=None is the same as order='C'."},
    {"tolist", mv_tolist, METH_NOARGS, "Return the data in the buffer as a list of elements."},
    {"hex", mv_hex, METH_KEYWORDS,
        "Return the data in the buffer as a str of hexadecimal numbers.\n"
        "\n"
        "  sep\n"
        "    An optional single character or byte to separate hex bytes.\n"
        "  bytes_per_sep\n"
        "    How many bytes between separators.  Positive values count from the\n"
        "    right, negative values count from the left.\n"
        "\n"
        "Example:\n"
        ">>> value = memoryview(b'\\xb9\\x01\\xef')\n"
        ">>> value.hex()\n"
        "'b901ef'\n"
        ">>> value.hex(':')\n"
        "'b9:01:ef'\n"
        ">>> value.hex(':', 2)\n"
        "'b9:01ef'\n"
        ">>> value.hex(':', -2)\n"
        "'b901:ef'"},
    {"release", mv_release, METH_NOARGS, "Release the underlying buffer exposed by the memoryview object."},
    {"cast", mv_cast, METH_KEYWORDS, "Cast a memoryview to a new format or shape."},
    {"toreadonly", mv_toreadonly, METH_NOARGS, "Return a readonly version of the memoryview."},
    {"__enter__", mv_enter, METH_NOARGS, NULL},
    {"__exit__", mv_exit, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static const GetSetDef mv_getset[] = {
    {"obj", get_obj, NULL, NULL},
    {"nbytes", get_nbytes, NULL, NULL},
    {"readonly", get_readonly, NULL, NULL},
    {"itemsize", get_itemsize, NULL, NULL},
    {"format", get_format, NULL, NULL},
    {"ndim", get_ndim, NULL, NULL},
    {"shape", get_shape, NULL, NULL},
    {"strides", get_strides, NULL, NULL},
    {"suboffsets", get_suboffsets, NULL, NULL},
    {"c_contiguous", get_contiguous, NULL, NULL},
    {"f_contiguous", get_contiguous, NULL, NULL},
    {"contiguous", get_contiguous, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

Type Type_memoryview = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "memoryview",
    .basicsize = sizeof(MemoryViewObj),
    .doc = "Create a new memoryview object which references the given object.",
    .dealloc = mv_dealloc,
    .new = mv_new,
    .repr = mv_repr,
    .hash = mv_hash,
    .richcompare = mv_richcompare,
    .len = mv_len,
    .getitem = mv_getitem,
    .setitem = mv_setitem,
    .iter = mv_iter,
    .methods = mv_methods,
    .getset = mv_getset,
};
