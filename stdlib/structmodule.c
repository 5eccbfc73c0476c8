/* structmodule.c: _struct, conversion between Python values and C structs packed in bytes
 * (pack/unpack/calcsize/iter_unpack/pack_into/unpack_from and the Struct type). The per-format
 * range checks and messages follow CPython's native and standard tables (on a little-endian,
 * 64-bit host: '<' and '=' share the native packers for h H i I q Q e). */
#include <math.h>
#include <string.h>
#include "dict.h"
#include "gc.h"
#include "str.h"
#include "vm.h"
#include "modules.h"

enum { ORD_NATIVE, ORD_LE, ORD_BE };

typedef struct {
    char code;
    size_t offset;      /* of the first item */
    size_t size;        /* of one item (s/p: the whole field) */
    size_t count;       /* repeat count (s/p: 1) */
} Code;

typedef struct {
    Obj ob;
    Obj *format;        /* str */
    int order;
    size_t size;        /* total bytes */
    size_t nvalues;     /* number of Python values packed/unpacked */
    size_t ncodes;
    Code *codes;
} StructObj;

extern Type Type_Struct, Type_unpack_iterator;
static Obj *StructError;   /* struct.error */

#define S(o) ((StructObj *)(o))

static Obj *struct_err(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    Obj *msg = str_from_vformat(fmt, ap);
    va_end(ap);
    if (!msg) return NULL;
    err_set_object((Type *)StructError, msg);
    DECREF(msg);
    return NULL;
}

/* Item size and alignment of a format code in an order; 0 for a bad char. */
static size_t code_size(char c, int order, size_t *align) {
    bool nat = order == ORD_NATIVE;
    size_t s;
    switch (c) {
    case 'x': case 'c': case 'b': case 'B': case '?': case 's': case 'p': s = 1; break;
    case 'h': case 'H': case 'e': s = 2; break;
    case 'i': case 'I': case 'f': s = 4; break;
    case 'l': case 'L': s = nat ? 8 : 4; break;
    case 'q': case 'Q': case 'd': s = 8; break;
    case 'n': case 'N': case 'P': s = nat ? 8 : 0; break;
    default: s = 0;
    }
    *align = nat ? s : 1;
    return s;
}

/* Parse a format into st (order, codes, size, nvalues); -1 with struct.error on a bad format. */
static int parse_format(StructObj *st, const char *f) {
    int order = ORD_NATIVE;
    switch (*f) {
    case '@': f++; break;
    case '=': case '<': order = ORD_LE; f++; break;
    case '>': case '!': order = ORD_BE; f++; break;
    }
    /* First pass: count codes. */
    size_t ncodes = 0;
    for (const char *p = f; *p; p++)
        if (!(*p >= '0' && *p <= '9') && *p != ' ' && !(*p >= '\t' && *p <= '\r')) ncodes++;
    Code *codes = vt_calloc(ncodes ? ncodes : 1, sizeof(Code));
    if (!codes) return -1;
    size_t n = 0, size = 0, nvalues = 0;
    while (*f) {
        char c = *f;
        if (c == ' ' || (c >= '\t' && c <= '\r')) { f++; continue; }
        size_t num = 1;
        if (c >= '0' && c <= '9') {
            num = 0;
            while (*f >= '0' && *f <= '9') {
                if (num > ((size_t)INTPTR_MAX - 9) / 10) { vt_free(codes); struct_err("total struct size too long"); return -1; }
                num = num * 10 + (size_t)(*f++ - '0');
            }
            if (!*f) { vt_free(codes); struct_err("repeat count given without format specifier"); return -1; }
            c = *f;
        }
        f++;
        size_t align, isz = code_size(c, order, &align);
        if (!isz) { vt_free(codes); struct_err("bad char in struct format"); return -1; }
        if (align > 1) size = (size + align - 1) / align * align;
        if (c == 'x') { size += num; continue; }
        Code *cd = &codes[n++];
        cd->code = c;
        cd->offset = size;
        if (c == 's' || c == 'p') {
            cd->size = num;
            cd->count = 1;
            size += num;
            nvalues++;
        } else {
            cd->size = isz;
            cd->count = num;
            if (num && isz > ((size_t)INTPTR_MAX - size) / num) { vt_free(codes); struct_err("total struct size too long"); return -1; }
            size += num * isz;
            nvalues += num;
        }
    }
    st->order = order;
    st->codes = codes;
    st->ncodes = n;
    st->size = size;
    st->nvalues = nvalues;
    return 0;
}

/* ---- packing ---- */

/* The int value of v (int or __index__), else struct.error; new reference. */
static Obj *get_pylong(Obj *v) {
    if (INT_CHECK(v)) return NEWREF(v);
    if (TYPE(v)->index) return obj_index(v);
    return struct_err("required argument is not an integer");
}

/* get_long / get_ulong: the value as int64 / uint64 or "argument out of range". */
static int get_i64(Obj *v, int64_t *out) {
    Obj *n = get_pylong(v);
    if (!n) return -1;
    int r = int_as_i64_checked(n, out);
    DECREF(n);
    if (r < 0) { struct_err("argument out of range"); return -1; }
    return 0;
}

static int get_u64(Obj *v, uint64_t *out) {
    Obj *n = get_pylong(v);
    if (!n) return -1;
    int r = 0;
    if (int_sign(n) < 0) {
        r = -1;
    } else {
        mpz_t z;
        mpz_init(z);
        int_get_mpz(n, z);
        if (mpz_sizeinbase(z, 2) > 64) r = -1;
        else *out = (uint64_t)mpz_get_ui(z);
        mpz_clear(z);
    }
    DECREF(n);
    if (r < 0) { struct_err("argument out of range"); return -1; }
    return 0;
}

static void put_bytes(char *p, uint64_t x, size_t size, bool big) {
    for (size_t i = 0; i < size; i++) {
        unsigned char b = (unsigned char)(x >> (8 * i));
        p[big ? size - 1 - i : i] = (char)b;
    }
}

static uint64_t get_bytes(const char *p, size_t size, bool big) {
    uint64_t x = 0;
    for (size_t i = 0; i < size; i++) {
        unsigned char b = (unsigned char)p[big ? size - 1 - i : i];
        x |= (uint64_t)b << (8 * i);
    }
    return x;
}

/* "'%c' format requires lo <= number <= hi" for a field of `size` bytes. */
static int range_error(char code, size_t size, bool is_unsigned) {
    uint64_t ulargest = size >= 8 ? UINT64_MAX : ((uint64_t)1 << (size * 8)) - 1;
    if (is_unsigned) struct_err("'%c' format requires 0 <= number <= %llu", code, (unsigned long long)ulargest);
    else {
        int64_t largest = (int64_t)(ulargest >> 1);
        struct_err("'%c' format requires %lld <= number <= %lld", code, (long long)~largest, (long long)largest);
    }
    return -1;
}

/* Half-precision packing (round half to even), CPython's PyFloat_Pack2. */
static int pack_half(double x, char *p, bool big) {
    unsigned short bits;
    int sign = signbit(x) ? 1 : 0, e;
    if (x == 0.0) {
        bits = 0; e = 0;
    } else if (isinf(x)) {
        bits = 0; e = 0x1f;
    } else if (isnan(x)) {
        bits = 512; e = 0x1f;
    } else {
        double f = frexp(fabs(x), &e);
        f *= 2.0;
        e--;
        if (e >= 16) goto overflow;
        if (e < -25) { f = 0.0; e = 0; }
        else if (e < -14) { f = ldexp(f, 14 + e); e = 0; }
        else { e += 15; f -= 1.0; }
        f *= 1024.0;
        bits = (unsigned short)f;
        f -= bits;
        if (f > 0.5 || (f == 0.5 && bits % 2 == 1)) {
            if (++bits == 1024) {
                bits = 0;
                if (++e == 31) goto overflow;
            }
        }
    }
    bits = (unsigned short)(bits | (e << 10) | (sign << 15));
    put_bytes(p, bits, 2, big);
    return 0;
overflow:
    err_set_str(Exc_OverflowError, "float too large to pack with e format");
    return -1;
}

static double unpack_half(const char *p, bool big) {
    unsigned v = (unsigned)get_bytes(p, 2, big);
    int sign = (v >> 15) & 1, e = (v >> 10) & 0x1f;
    unsigned f = v & 0x3ff;
    if (e == 0x1f) {
        if (f == 0) return sign ? -INFINITY : INFINITY;
        return sign ? -fabs(NAN) : fabs(NAN);
    }
    double x = (double)f / 1024.0;
    if (e == 0) e = -14;
    else { x += 1.0; e -= 15; }
    x = ldexp(x, e);
    return sign ? -x : x;
}

static int get_double(Obj *v, double *out) {
    double d = float_as_double(v);
    if (d == -1.0 && err_occurred()) { err_clear(); struct_err("required argument is not a float"); return -1; }
    *out = d;
    return 0;
}

/* Pack one value of a numeric/char/bool code at p. */
static int pack_one(char code, size_t size, int order, char *p, Obj *v) {
    bool big = order == ORD_BE, nat = order != ORD_BE;   /* '<' shares native packers */
    int64_t i;
    uint64_t u;
    double d;
    switch (code) {
    case 'c': {
        if (!BYTES_CHECK(v) || BYTES_SIZE(v) != 1) { struct_err("char format requires a bytes object of length 1"); return -1; }
        *p = BYTES_DATA(v)[0];
        return 0;
    }
    case '?': {
        int b = obj_is_true(v);
        if (b < 0) return -1;
        *p = (char)b;
        return 0;
    }
    case 'b':
        if (get_i64(v, &i) < 0) return -1;
        if (i < -128 || i > 127) { struct_err("byte format requires -128 <= number <= 127"); return -1; }
        *p = (char)i;
        return 0;
    case 'B':
        if (get_i64(v, &i) < 0) return -1;
        if (i < 0 || i > 255) { struct_err("ubyte format requires 0 <= number <= 255"); return -1; }
        *p = (char)i;
        return 0;
    case 'h': case 'i': case 'l':
        if (get_i64(v, &i) < 0) return -1;
        if (size < 8) {
            int64_t lim = (int64_t)1 << (size * 8 - 1);
            if (i < -lim || i >= lim) {
                if (code == 'h' && nat) { struct_err("short format requires -32768 <= number <= 32767"); return -1; }
                return range_error(code, size, false);
            }
        }
        put_bytes(p, (uint64_t)i, size, big);
        return 0;
    case 'H':
        if (nat) {
            if (get_i64(v, &i) < 0) return -1;
            if (i < 0 || i > 65535) { struct_err("ushort format requires 0 <= number <= 65535"); return -1; }
            put_bytes(p, (uint64_t)i, 2, big);
            return 0;
        }
        /* big-endian 'H' checks like 'I' */
        __attribute__((fallthrough));
    case 'I': case 'L':
        if (get_u64(v, &u) < 0) return -1;
        if (size < 8 && u >= ((uint64_t)1 << (size * 8))) return range_error(code, size, true);
        put_bytes(p, u, size, big);
        return 0;
    case 'q': case 'n':
        if (big) {
            Obj *n = get_pylong(v);
            if (!n) return -1;
            int r = int_as_i64_checked(n, &i);
            DECREF(n);
            if (r < 0) { err_set_str(Exc_OverflowError, "int too big to convert"); return -1; }
        } else if (get_i64(v, &i) < 0) {
            return -1;
        }
        put_bytes(p, (uint64_t)i, 8, big);
        return 0;
    case 'Q': case 'N':
        if (big) {
            Obj *n = get_pylong(v);
            if (!n) return -1;
            bool ok = int_sign(n) >= 0;
            if (ok) {
                mpz_t z;
                mpz_init(z);
                int_get_mpz(n, z);
                ok = mpz_sizeinbase(z, 2) <= 64;
                if (ok) u = (uint64_t)mpz_get_ui(z);
                mpz_clear(z);
            }
            DECREF(n);
            if (!ok) { err_set_str(Exc_OverflowError, "int too big to convert"); return -1; }
        } else if (get_u64(v, &u) < 0) {
            return -1;
        }
        put_bytes(p, u, 8, big);
        return 0;
    case 'P': {
        Obj *n = get_pylong(v);
        if (!n) return -1;
        bool ok;
        if (int_sign(n) < 0) {
            ok = int_as_i64_checked(n, &i) == 0;
            u = (uint64_t)i;
        } else {
            mpz_t z;
            mpz_init(z);
            int_get_mpz(n, z);
            ok = mpz_sizeinbase(z, 2) <= 64;
            if (ok) u = (uint64_t)mpz_get_ui(z);
            mpz_clear(z);
        }
        DECREF(n);
        if (!ok) { err_set_str(Exc_OverflowError, "int too large to convert"); return -1; }
        put_bytes(p, u, 8, false);
        return 0;
    }
    case 'e':
        if (get_double(v, &d) < 0) return -1;
        return pack_half(d, p, big);
    case 'f': {
        if (get_double(v, &d) < 0) return -1;
        float fl = (float)d;
        if (order != ORD_NATIVE && isinf(fl) && !isinf(d)) {
            err_set_str(Exc_OverflowError, "float too large to pack with f format");
            return -1;
        }
        uint32_t bits;
        memcpy(&bits, &fl, 4);
        put_bytes(p, bits, 4, big);
        return 0;
    }
    case 'd': {
        if (get_double(v, &d) < 0) return -1;
        uint64_t bits;
        memcpy(&bits, &d, 8);
        put_bytes(p, bits, 8, big);
        return 0;
    }
    }
    return 0;
}

/* Pack values[0..nvalues) into buf (st->size bytes, zeroed by the caller). */
static int pack_into_buf(StructObj *st, char *buf, Obj *const *values) {
    size_t vi = 0;
    for (size_t k = 0; k < st->ncodes; k++) {
        Code *cd = &st->codes[k];
        char *p = buf + cd->offset;
        if (cd->code == 's' || cd->code == 'p') {
            Obj *v = values[vi++];
            const char *data;
            size_t n;
            if (BYTES_CHECK(v)) { data = BYTES_DATA(v); n = BYTES_SIZE(v); }
            else if (IS_TYPE(v, &Type_bytearray) || type_is_subtype(TYPE(v), &Type_bytearray)) {
                data = ((ByteArrayObj *)v)->data; n = ((ByteArrayObj *)v)->size;
            } else {
                struct_err("argument for '%c' must be a bytes object", cd->code);
                return -1;
            }
            if (cd->code == 's') {
                if (n > cd->size) n = cd->size;
                if (n) memcpy(p, data, n);
            } else if (cd->size > 0) {
                if (n > cd->size - 1) n = cd->size - 1;
                if (n) memcpy(p + 1, data, n);
                *p = (char)(n > 255 ? 255 : n);
            }
            continue;
        }
        for (size_t j = 0; j < cd->count; j++) {
            Obj *v = values[vi++];
            if (pack_one(cd->code, cd->size, st->order, p + j * cd->size, v) < 0) {
                if (INT_CHECK(v) && err_matches(Exc_OverflowError)) {
                    err_clear();
                    struct_err("int too large to convert");
                }
                return -1;
            }
        }
    }
    return 0;
}

/* ---- unpacking ---- */

static Obj *unpack_one(char code, size_t size, int order, const char *p) {
    bool big = order == ORD_BE;
    switch (code) {
    case 'c': return bytes_from_data(p, 1);
    case '?': return NEWREF(bool_from(*p != 0));
    case 'b': return MAKE_SMALL((signed char)*p);
    case 'B': return MAKE_SMALL((unsigned char)*p);
    case 'h': case 'i': case 'l': case 'q': case 'n': {
        uint64_t u = get_bytes(p, size, big);
        if (size < 8) {
            uint64_t sign = (uint64_t)1 << (size * 8 - 1);
            int64_t v = (int64_t)(u ^ sign) - (int64_t)sign;
            return MAKE_SMALL(v);
        }
        return int_from_i64((int64_t)u);
    }
    case 'H': case 'I': case 'L': case 'Q': case 'N': case 'P':
        return int_from_u64(get_bytes(p, size, big));
    case 'e': return float_from_double(unpack_half(p, big));
    case 'f': {
        uint32_t bits = (uint32_t)get_bytes(p, 4, big);
        float f;
        memcpy(&f, &bits, 4);
        return float_from_double(f);
    }
    case 'd': {
        uint64_t bits = get_bytes(p, 8, big);
        double d;
        memcpy(&d, &bits, 8);
        return float_from_double(d);
    }
    }
    return err_bad_internal_call("struct unpack");
}

static Obj *unpack_buf(StructObj *st, const char *buf) {
    Obj *t = tuple_new(st->nvalues);
    if (!t) return NULL;
    size_t vi = 0;
    for (size_t k = 0; k < st->ncodes; k++) {
        Code *cd = &st->codes[k];
        const char *p = buf + cd->offset;
        if (cd->code == 's') {
            TUPLE_SET_STEAL(t, vi++, bytes_from_data(p, cd->size));
        } else if (cd->code == 'p') {
            size_t n = cd->size ? (unsigned char)*p : 0;
            if (cd->size && n >= cd->size) n = cd->size - 1;
            TUPLE_SET_STEAL(t, vi++, bytes_from_data(cd->size ? p + 1 : p, n));
        } else {
            for (size_t j = 0; j < cd->count; j++)
                TUPLE_SET_STEAL(t, vi++, unpack_one(cd->code, cd->size, st->order, p + j * cd->size));
        }
        if (vi && !TUPLE_GET(t, vi - 1)) {
            for (size_t r = vi - 1; r < st->nvalues; r++) TUPLE_SET_STEAL(t, r, NEWREF(V_None));
            DECREF(t);
            return NULL;
        }
    }
    return t;
}

/* ---- the Struct type ---- */

/* Parse format (str or bytes) into st, replacing its previous format. */
static int struct_set_format(StructObj *st, Obj *format) {
    Obj *fstr;
    if (STR_CHECK(format)) fstr = NEWREF(format);
    else if (BYTES_CHECK(format)) {
        fstr = str_from_utf8(BYTES_DATA(format), BYTES_SIZE(format));
        if (!fstr) return -1;
    } else {
        err_format(Exc_TypeError, "Struct() argument 1 must be a str or bytes object, not %T", format);
        return -1;
    }
    if (strlen(str_cstr(fstr)) != STR_SIZE(fstr)) {
        DECREF(fstr);
        struct_err("embedded null character");
        return -1;
    }
    StructObj tmp = *st;
    if (parse_format(&tmp, str_cstr(fstr)) < 0) { DECREF(fstr); return -1; }
    vt_free(st->codes);
    XDECREF(st->format);
    tmp.format = fstr;
    *st = tmp;
    return 0;
}

/* Struct.__new__ makes an empty struct (format ''); __init__ sets the format, as CPython. */
static Obj *struct_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    StructObj *st = (StructObj *)type_generic_alloc(type, 0);
    if (!st) return NULL;
    st->format = str_from_cstr("");
    if (!st->format) { DECREF((Obj *)st); return NULL; }
    if (((Obj *)st)->flags & OBJ_FLAG_GC) gc_track((Obj *)st);
    return (Obj *)st;
}

static int struct_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"format"};
    Obj *out[1] = {NULL};
    size_t total = nargs + (kwnames ? TUPLE_SIZE(kwnames) : 0);
    if (total > 1) {
        err_format(Exc_TypeError, "Struct() takes at most 1 argument (%zu given)", total);
        return -1;
    }
    if (args_parse("Struct", args, nargs, kwnames, names, 1, 1, 1, out) < 0) return -1;
    return struct_set_format(S(self), out[0]);
}

static Obj *struct_make(Type *type, Obj *format) {
    Obj *st = struct_new(type, NULL, 0, NULL);
    if (st && struct_set_format(S(st), format) < 0) { DECREF(st); return NULL; }
    return st;
}

static void struct_dealloc(Obj *o) {
    XDECREF(S(o)->format);
    vt_free(S(o)->codes);
    obj_free(o);
}

/* Cache of Struct objects for the module-level functions (cleared when it grows past 100). */
static Obj *cache;

static Obj *cached_struct(Obj *format) {
    if (!cache && !(cache = dict_new())) return NULL;
    Obj *s = (STR_CHECK(format) || BYTES_CHECK(format)) ? dict_get(cache, format) : NULL;
    if (s) return NEWREF(s);
    if (err_occurred()) return NULL;
    s = struct_make(&Type_Struct, format);
    if (!s) return NULL;
    if (dict_size(cache) >= 100) dict_clear(cache);
    if (dict_set(cache, format, s) < 0) { DECREF(s); return NULL; }
    return s;
}

static Obj *do_pack(StructObj *st, Obj *const *values, size_t n) {
    if (n != st->nvalues) return struct_err("pack expected %zu items for packing (got %zu)", st->nvalues, n);
    Obj *b = bytes_new_raw(st->size);
    if (!b) return NULL;
    memset(BYTES_DATA(b), 0, st->size);
    if (pack_into_buf(st, BYTES_DATA(b), values) < 0) { DECREF(b); return NULL; }
    return b;
}

static int get_readable(Obj *buffer, const char **data, size_t *size) {
    if (buffer_get(buffer, data, size) < 0) {
        if (!err_occurred()) err_format(Exc_TypeError, "a bytes-like object is required, not '%T'", buffer);
        return -1;
    }
    return 0;
}

static Obj *do_unpack(StructObj *st, Obj *buffer) {
    const char *data;
    size_t size;
    if (get_readable(buffer, &data, &size) < 0) return NULL;
    if (size != st->size) return struct_err("unpack requires a buffer of %zu bytes", st->size);
    return unpack_buf(st, data);
}

static Obj *do_unpack_from(StructObj *st, Obj *buffer, Obj *offobj) {
    const char *data;
    size_t len;
    int64_t offset = 0;
    if (offobj) {
        offset = obj_as_index_i64(offobj, Exc_OverflowError);
        if (offset == -1 && err_occurred()) return NULL;
    }
    if (get_readable(buffer, &data, &len) < 0) return NULL;
    int64_t size = (int64_t)st->size, blen = (int64_t)len;
    if (offset < 0) {
        if (offset + size > 0) return struct_err("not enough data to unpack %zd bytes at offset %zd", (intptr_t)size, (intptr_t)offset);
        if (offset + blen < 0) return struct_err("offset %zd out of range for %zd-byte buffer", (intptr_t)offset, (intptr_t)blen);
        offset += blen;
    }
    if (blen - offset < size)
        return struct_err("unpack_from requires a buffer of at least %zu bytes for unpacking %zd bytes at offset %zd (actual buffer size is %zd)",
                          (size_t)(size + offset), (intptr_t)size, (intptr_t)offset, (intptr_t)blen);
    return unpack_buf(st, data + offset);
}

static Obj *do_pack_into(StructObj *st, Obj *const *args, size_t nargs) {
    if (nargs < 2) {
        if (nargs == 0) return err_set_str(Exc_TypeError, "pack_into expected buffer argument");
        return err_set_str(Exc_TypeError, "pack_into expected offset argument");
    }
    if (nargs - 2 != st->nvalues)
        return struct_err("pack_into expected %zu items for packing (got %zu)", st->nvalues, nargs - 2);
    Obj *buffer = args[0];
    char *data;
    size_t len;
    if (IS_TYPE(buffer, &Type_bytearray) || (!IS_SMALL(buffer) && type_is_subtype(TYPE(buffer), &Type_bytearray))) {
        data = ((ByteArrayObj *)buffer)->data;
        len = ((ByteArrayObj *)buffer)->size;
    } else if (IS_TYPE(buffer, &Type_memoryview)) {
        const char *d;
        bool ro;
        if (memoryview_get(buffer, &d, &len, &ro) < 0) return NULL;
        if (ro) return err_format(Exc_TypeError, "argument must be read-write bytes-like object, not memoryview");
        data = (char *)d;
    } else {
        return err_format(Exc_TypeError, "argument must be read-write bytes-like object, not %T", buffer);
    }
    int64_t offset = obj_as_index_i64(args[1], Exc_OverflowError);
    if (offset == -1 && err_occurred()) return NULL;
    int64_t size = (int64_t)st->size, blen = (int64_t)len;
    if (offset < 0) {
        if (offset + size > 0) return struct_err("no space to pack %zd bytes at offset %zd", (intptr_t)size, (intptr_t)offset);
        if (offset + blen < 0) return struct_err("offset %zd out of range for %zd-byte buffer", (intptr_t)offset, (intptr_t)blen);
        offset += blen;
    }
    if (blen - offset < size)
        return struct_err("pack_into requires a buffer of at least %zu bytes for packing %zd bytes at offset %zd (actual buffer size is %zd)",
                          (size_t)(size + offset), (intptr_t)size, (intptr_t)offset, (intptr_t)blen);
    char *tmp = vt_calloc(st->size ? st->size : 1, 1);
    if (!tmp) return NULL;
    /* Pack into a scratch copy so that a failure leaves the buffer untouched. */
    memcpy(tmp, data + offset, st->size);
    for (size_t k = 0; k < st->ncodes; k++) {
        Code *cd = &st->codes[k];
        if (cd->code == 's' || cd->code == 'p') memset(tmp + cd->offset, 0, cd->size);
    }
    int r = pack_into_buf(st, tmp, args + 2);
    if (r == 0) memcpy(data + offset, tmp, st->size);
    vt_free(tmp);
    if (r < 0) return NULL;
    RETURN_NONE;
}

/* ---- unpack iterator ---- */

typedef struct {
    Obj ob;
    Obj *st;
    Obj *buffer;    /* a bytes copy of the data */
    size_t index;
} UnpackIterObj;

static Obj *do_iter_unpack(StructObj *st, Obj *buffer) {
    const char *data;
    size_t len;
    if (st->size == 0) return struct_err("cannot iteratively unpack with a struct of length 0");
    if (get_readable(buffer, &data, &len) < 0) return NULL;
    if (len % st->size) return struct_err("iterative unpacking requires a buffer of a multiple of %zu bytes", st->size);
    Obj *copy = bytes_from_data(data, len);
    if (!copy) return NULL;
    if (!(Type_unpack_iterator.flags & TPFLAG_READY)) type_ready(&Type_unpack_iterator);
    UnpackIterObj *it = (UnpackIterObj *)gc_alloc(&Type_unpack_iterator, sizeof(UnpackIterObj));
    if (!it) { DECREF(copy); return NULL; }
    it->st = NEWREF((Obj *)st);
    it->buffer = copy;
    gc_track((Obj *)it);
    return (Obj *)it;
}

static Obj *uit_next(Obj *o) {
    UnpackIterObj *it = (UnpackIterObj *)o;
    if (!it->buffer) return NULL;
    StructObj *st = S(it->st);
    if (it->index + st->size > BYTES_SIZE(it->buffer)) { CLEAR(it->buffer); return NULL; }
    Obj *r = unpack_buf(st, BYTES_DATA(it->buffer) + it->index);
    it->index += st->size;
    return r;
}

static Obj *uit_length_hint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    UnpackIterObj *it = (UnpackIterObj *)self;
    if (!it->buffer) return MAKE_SMALL(0);
    return MAKE_SMALL((int64_t)((BYTES_SIZE(it->buffer) - it->index) / S(it->st)->size));
}

static void uit_dealloc(Obj *o) {
    ct_untrack(o);
    XDECREF(((UnpackIterObj *)o)->st);
    XDECREF(((UnpackIterObj *)o)->buffer);
    obj_free(o);
}

static int uit_traverse(Obj *o, visitproc visit, void *arg) {
    UnpackIterObj *it = (UnpackIterObj *)o;
    if (it->st && visit(it->st, arg)) return 1;
    if (it->buffer && visit(it->buffer, arg)) return 1;
    return 0;
}

static Obj *uit_iter(Obj *o) { return NEWREF(o); }

static const MethodDef uit_methods[] = {
    {"__length_hint__", uit_length_hint, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_unpack_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "_struct.unpack_iterator",
    .basicsize = sizeof(UnpackIterObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = uit_dealloc,
    .traverse = uit_traverse,
    .iter = uit_iter,
    .iternext = uit_next,
    .methods = uit_methods,
};

/* ---- Struct methods ---- */

static Obj *sm_pack(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) return err_set_str(Exc_TypeError, "pack() takes no keyword arguments");
    return do_pack(S(self), args, nargs);
}
static Obj *sm_pack_into(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) return err_set_str(Exc_TypeError, "pack_into() takes no keyword arguments");
    return do_pack_into(S(self), args, nargs);
}
static Obj *sm_unpack(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) { return do_unpack(S(self), args[0]); }
static Obj *sm_unpack_from(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"buffer", "offset"};
    Obj *out[2] = {NULL, NULL};
    if (args_parse("unpack_from", args, nargs, kwnames, names, 2, 1, 2, out) < 0) return NULL;
    return do_unpack_from(S(self), out[0], out[1]);
}
static Obj *sm_iter_unpack(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) { return do_iter_unpack(S(self), args[0]); }
static Obj *sm_sizeof(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return MAKE_SMALL((int64_t)(sizeof(StructObj) + S(self)->ncodes * sizeof(Code)));
}
static Obj *sget_format(Obj *self) { return NEWREF(S(self)->format); }
static Obj *sget_size(Obj *self) { return MAKE_SMALL((int64_t)S(self)->size); }

static const MethodDef struct_methods[] = {
    {"pack", sm_pack, METH_VARARGS | METH_KEYWORDS, "S.pack(v1, v2, ...) -> bytes"},
    {"pack_into", sm_pack_into, METH_VARARGS | METH_KEYWORDS, "S.pack_into(buffer, offset, v1, v2, ...)"},
    {"unpack", sm_unpack, METH_O, "Return a tuple containing unpacked values."},
    {"unpack_from", sm_unpack_from, METH_VARARGS | METH_KEYWORDS, "Return a tuple containing unpacked values."},
    {"iter_unpack", sm_iter_unpack, METH_O, "Return an iterator yielding tuples."},
    {"__sizeof__", sm_sizeof, METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {NULL, NULL, 0, NULL},
};

static const GetSetDef struct_getset[] = {
    {"format", sget_format, NULL, "struct format string"},
    {"size", sget_size, NULL, "struct size in bytes"},
    {NULL, NULL, NULL, NULL},
};

Type Type_Struct = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "_struct.Struct",
    .basicsize = sizeof(StructObj),
    .flags = TPFLAG_BASETYPE,
    .doc = "Struct(format)\n--\n\nCreate a compiled struct object.",
    .dealloc = struct_dealloc,
    .new = struct_new,
    .init = struct_init,
    .methods = struct_methods,
    .getset = struct_getset,
};

/* ---- module functions: the first argument is the format ---- */

static Obj *mod_pack(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) return err_set_str(Exc_TypeError, "pack() takes no keyword arguments");
    if (nargs < 1) return err_set_str(Exc_TypeError, "pack expected at least 1 argument, got 0");
    Obj *st = cached_struct(args[0]);
    if (!st) return NULL;
    Obj *r = do_pack(S(st), args + 1, nargs - 1);
    DECREF(st);
    return r;
}

static Obj *mod_pack_into(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) return err_set_str(Exc_TypeError, "pack_into() takes no keyword arguments");
    if (nargs < 1) return err_set_str(Exc_TypeError, "pack_into expected at least 1 argument, got 0");
    Obj *st = cached_struct(args[0]);
    if (!st) return NULL;
    Obj *r = do_pack_into(S(st), args + 1, nargs - 1);
    DECREF(st);
    return r;
}

static Obj *mod_unpack(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("unpack", nargs, kwnames, 2, 2) < 0) return NULL;
    Obj *st = cached_struct(args[0]);
    if (!st) return NULL;
    Obj *r = do_unpack(S(st), args[1]);
    DECREF(st);
    return r;
}

static Obj *mod_unpack_from(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"", "buffer", "offset"};
    Obj *out[3] = {NULL, NULL, NULL};
    if (args_parse("unpack_from", args, nargs, kwnames, names, 3, 2, 3, out) < 0) return NULL;
    Obj *st = cached_struct(out[0]);
    if (!st) return NULL;
    Obj *r = do_unpack_from(S(st), out[1], out[2]);
    DECREF(st);
    return r;
}

static Obj *mod_iter_unpack(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("iter_unpack", nargs, kwnames, 2, 2) < 0) return NULL;
    Obj *st = cached_struct(args[0]);
    if (!st) return NULL;
    Obj *r = do_iter_unpack(S(st), args[1]);
    DECREF(st);
    return r;
}

static Obj *mod_calcsize(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *st = cached_struct(args[0]);
    if (!st) return NULL;
    Obj *r = MAKE_SMALL((int64_t)S(st)->size);
    DECREF(st);
    return r;
}

static Obj *mod_clearcache(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (cache) dict_clear(cache);
    RETURN_NONE;
}

static const MethodDef module_methods[] = {
    {"pack", mod_pack, METH_VARARGS | METH_KEYWORDS, "pack(format, v1, v2, ...) -> bytes"},
    {"pack_into", mod_pack_into, METH_VARARGS | METH_KEYWORDS, "pack_into(format, buffer, offset, v1, v2, ...)"},
    {"unpack", mod_unpack, METH_VARARGS, "Return a tuple containing values unpacked according to the format string."},
    {"unpack_from", mod_unpack_from, METH_VARARGS | METH_KEYWORDS, "Return a tuple containing values unpacked according to the format string."},
    {"iter_unpack", mod_iter_unpack, METH_VARARGS, "Return an iterator yielding tuples unpacked from the given bytes."},
    {"calcsize", mod_calcsize, METH_O, "Return size in bytes of the struct described by the format string."},
    {"_clearcache", mod_clearcache, METH_NOARGS, "Clear the internal cache."},
    {NULL, NULL, 0, NULL},
};

Obj *modinit__struct(void) {
    if (!(Type_Struct.flags & TPFLAG_READY) && type_ready(&Type_Struct) < 0) return NULL;
    if (!(Type_unpack_iterator.flags & TPFLAG_READY) && type_ready(&Type_unpack_iterator) < 0) return NULL;
    if (!StructError) {
        Obj *name = str_from_cstr("error");
        Obj *bases = tuple_pack(1, (Obj *)Exc_Exception);
        Obj *ns = dict_new();
        Obj *mod = str_from_cstr("struct");
        if (name && bases && ns && mod && dict_set_cstr(ns, "__module__", mod) == 0) {
            Obj *targs[3] = {name, bases, ns};
            StructError = obj_call((Obj *)&Type_type, targs, 3, NULL);
        }
        XDECREF(name);
        XDECREF(bases);
        XDECREF(ns);
        XDECREF(mod);
        if (!StructError) return NULL;
    }
    Obj *m = module_new("_struct");
    if (!m) return NULL;
    if (module_add_methods(m, module_methods) < 0 || module_add_object(m, "Struct", (Obj *)&Type_Struct) < 0 ||
        module_add_object(m, "error", StructError) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
