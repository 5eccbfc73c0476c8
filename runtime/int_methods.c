/* int_methods.c: int's constructor and string parsing, its Python-level methods and
 * attributes, and the three-argument pow() shared with the builtins. */
#include <string.h>
#include "int.h"
#include "names.h"
#include "unicode.h"

/* ---- parsing ---- */

static bool is_space(unsigned char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

static int digit_value(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

static Obj *invalid_literal(const char *s, size_t len, int base, Obj *orig) {
    if (orig && !STR_CHECK(orig)) {
        /* bytes: CPython shows the repr of the whole object */
        return err_format(Exc_ValueError, "invalid literal for int() with base %d: %R", base, orig);
    }
    size_t n = len;
    if (n > 200) {
        n = 200;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    Obj *t = str_from_utf8(s, n);
    if (!t) return NULL;
    err_format(Exc_ValueError, "invalid literal for int() with base %d: %R", base, t);
    DECREF(t);
    return NULL;
}

Obj *int_from_string_obj(const char *s, size_t len, int base, Obj *orig) {
    if (base != 0 && (base < 2 || base > 36))
        return err_set_str(Exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
    const char *p = s, *end = s + len;
    while (p < end && is_space((unsigned char)*p)) p++;
    while (end > p && is_space((unsigned char)end[-1])) end--;
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-')) { neg = *p == '-'; p++; }
    int b = base;
    bool prefixed = false, zero_lead = false;
    if (end - p >= 2 && p[0] == '0') {
        char c = (char)(p[1] | 0x20);
        int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) { b = pb; p += 2; prefixed = true; }
    }
    if (b == 0) {
        b = 10;
        zero_lead = p < end && *p == '0';
    }
    /* Collect digits, checking underscore placement: one '_' only between digits (or right
     * after a base prefix). */
    size_t cap = (size_t)(end - p) + 2;
    char stackbuf[64];
    char *buf = cap <= sizeof stackbuf ? stackbuf : vt_malloc(cap);
    if (!buf) return NULL;
    size_t nd = 0;
    bool prev_digit = prefixed, ok = p < end, nonzero = false;
    for (const char *q = p; q < end; q++) {
        unsigned char c = (unsigned char)*q;
        if (c == '_') {
            if (!prev_digit) { ok = false; break; }
            prev_digit = false;
            continue;
        }
        int d = digit_value(c);
        if (d >= b) { ok = false; break; }
        if (d) nonzero = true;
        buf[nd++] = (char)c;
        prev_digit = true;
    }
    if (!prev_digit || nd == 0 || (zero_lead && nonzero)) ok = false;
    Obj *res = NULL;
    if (!ok) {
        invalid_literal(s, len, base, orig);
    } else if ((b & (b - 1)) != 0 && int_max_str_digits > 0 && nd > (size_t)int_max_str_digits) {
        err_format(Exc_ValueError,
                   "Exceeds the limit (%lld digits) for integer string conversion: value has "
                   "%zu digits; use sys.set_int_max_str_digits() to increase the limit",
                   (long long)int_max_str_digits, nd);
    } else if (nd <= 18 && b == 10) {
        int64_t v = 0;
        for (size_t i = 0; i < nd; i++) v = v * 10 + (buf[i] - '0');
        res = MAKE_SMALL(neg ? -v : v);
    } else {
        buf[nd] = 0;
        mpz_t z;
        mpz_init(z);
        mpz_set_str(z, buf, b);
        if (neg) mpz_neg(z, z);
        res = int_from_mpz_clear(z);
    }
    if (buf != stackbuf) vt_free(buf);
    return res;
}

Obj *int_from_string(const char *s, size_t len, int base) {
    return int_from_string_obj(s, len, base, NULL);
}

char *int_ascii_digits_copy(Obj *str, size_t *len) {
    const char *p = STR_DATA(str), *end = p + STR_SIZE(str);
    char *out = vt_malloc(STR_SIZE(str) + 1), *q = out;
    if (!out) return NULL;
    while (p < end) {
        uint32_t cp = utf8_next(&p);
        if (cp < 128) *q++ = (char)cp;
        else if (uni_isspace(cp)) *q++ = ' ';
        else if (uni_decimal(cp) >= 0) *q++ = (char)('0' + uni_decimal(cp));
        else *q++ = '?';
    }
    *q = 0;
    *len = (size_t)(q - out);
    return out;
}

/* int(str, base) accepting Unicode digits and spaces. */
static Obj *int_from_str_obj(Obj *x, int base) {
    if (((StrObj *)x)->ascii) return int_from_string_obj(STR_DATA(x), STR_SIZE(x), base, x);
    size_t n;
    char *a = int_ascii_digits_copy(x, &n);
    if (!a) return NULL;
    Obj *r = int_from_string_obj(a, n, base, NULL);
    vt_free(a);
    if (!r && err_matches(Exc_ValueError)) {
        Obj *exc = err_fetch();
        Obj *t = str_from_format("%S", exc);
        DECREF(exc);
        if (!t) return NULL;
        /* re-raise with the original text in the message */
        if (strncmp(STR_DATA(t), "invalid literal", 15) == 0)
            err_format(Exc_ValueError, "invalid literal for int() with base %d: %R", base, x);
        else
            err_set_object(Exc_ValueError, t);
        DECREF(t);
    }
    return r;
}

/* ---- the constructor ---- */

static Obj *check_int_result(Obj *r, const char *what) {
    if (!r) return NULL;
    if (!INT_CHECK(r)) {
        err_format(Exc_TypeError, "%s returned non-int (type %s)", what, type_name(TYPE(r)));
        DECREF(r);
        return NULL;
    }
    if (!INT_CHECK_EXACT(r)) {
        if (warn_format(Exc_DeprecationWarning, 1,
                        "%s returned non-int (type %s).  The ability to return an instance of a "
                        "strict subclass of int is deprecated, and may be removed in a future "
                        "version of Python.", what, type_name(TYPE(r))) < 0) {
            DECREF(r);
            return NULL;
        }
        Obj *i = int_subtype_new(&Type_int, r);
        DECREF(r);
        return i;
    }
    return r;
}

static Obj *string_source(Obj *x, const char **s, size_t *len) {
    if (STR_CHECK(x)) { *s = STR_DATA(x); *len = STR_SIZE(x); return x; }
    if (BYTES_CHECK(x)) { *s = BYTES_DATA(x); *len = BYTES_SIZE(x); return x; }
    if (!IS_SMALL(x) && (x->type == &Type_bytearray || type_is_subtype(x->type, &Type_bytearray))) {
        *s = ((ByteArrayObj *)x)->data ? ((ByteArrayObj *)x)->data : "";
        *len = ((ByteArrayObj *)x)->size;
        return x;
    }
    return NULL;
}

/* int(x) for one argument: CPython's PyNumber_Long. */
static Obj *int_convert(Obj *x) {
    if (INT_CHECK_EXACT(x)) return NEWREF(x);
    Type *t = TYPE(x);
    if (t->to_int) return check_int_result(t->to_int(x), "__int__");
    if (t->index) return check_int_result(t->index(x), "__index__");
    Obj *trunc = obj_lookup_special(x, NAME(__trunc__));
    if (trunc) {
        if (warn_format(Exc_DeprecationWarning, 1,
                        "The delegation of int() to __trunc__ is deprecated.") < 0) {
            DECREF(trunc);
            return NULL;
        }
        Obj *r = obj_call0(trunc);
        DECREF(trunc);
        if (!r || INT_CHECK(r)) return r;
        Type *rt = TYPE(r);
        if (!rt->index) {
            err_format(Exc_TypeError, "__trunc__ returned non-Integral (type %s)", type_name(rt));
            DECREF(r);
            return NULL;
        }
        Obj *i = check_int_result(rt->index(r), "__index__");
        DECREF(r);
        return i;
    }
    if (err_occurred()) return NULL;
    const char *s;
    size_t len;
    if (STR_CHECK(x)) return int_from_str_obj(x, 10);
    if (string_source(x, &s, &len)) return int_from_string_obj(s, len, 10, x);
    return err_format(Exc_TypeError,
                      "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                      type_name(t));
}

Obj *int_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"", "base"};
    Obj *a[2] = {NULL, NULL};
    if (args_parse("int", args, nargs, kwnames, names, 2, 0, 2, a) < 0) return NULL;
    Obj *v;
    if (!a[0]) {
        if (a[1]) return err_set_str(Exc_TypeError, "int() missing string argument");
        v = MAKE_SMALL(0);
    } else if (!a[1]) {
        v = int_convert(a[0]);
    } else {
        int64_t base = obj_as_index_i64(a[1], Exc_OverflowError);
        if (base == -1 && err_occurred()) return NULL;
        const char *s;
        size_t len;
        if (!string_source(a[0], &s, &len))
            return err_set_str(Exc_TypeError, "int() can't convert non-string with explicit base");
        if (base != 0 && (base < 2 || base > 36))
            return err_set_str(Exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        v = STR_CHECK(a[0]) ? int_from_str_obj(a[0], (int)base) : int_from_string_obj(s, len, (int)base, a[0]);
    }
    if (!v || type == &Type_int) return v;
    Obj *r = int_subtype_new(type, v);
    DECREF(v);
    return r;
}

int int_check_maxpos(const char *fname, size_t nargs, size_t maxpos, bool exact) {
    if (nargs <= maxpos) return 0;
    err_format(Exc_TypeError, "%s() takes %s %zu positional argument%s (%zu given)", fname,
               exact ? "exactly" : "at most", maxpos, maxpos == 1 ? "" : "s", nargs);
    return -1;
}

/* ---- methods ---- */

static Obj *plain(Obj *self) { return int_subtype_new(&Type_int, self); }

static Obj *int_conjugate(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { return plain(self); }

static Obj *int_bit_length_m(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return int_from_u64(int_bit_length(self));
}

static Obj *int_bit_count(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    int64_t x;
    if (int_small(self, &x)) return MAKE_SMALL(__builtin_popcountll(x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x));
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, INT_Z(self));
    Obj *r = int_from_u64(mpz_popcount(a));
    mpz_clear(a);
    return r;
}

static int parse_byteorder(const char *fname, Obj *o, bool *little) {
    if (!o) { *little = false; return 0; }
    if (!STR_CHECK(o)) {
        err_format(Exc_TypeError, "%s() argument 'byteorder' must be str, not %s", fname, type_name(TYPE(o)));
        return -1;
    }
    if (str_eq_cstr(o, "little")) *little = true;
    else if (str_eq_cstr(o, "big")) *little = false;
    else {
        err_set_str(Exc_ValueError, "byteorder must be either 'little' or 'big'");
        return -1;
    }
    return 0;
}

static Obj *int_to_bytes(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"length", "byteorder", "signed"};
    Obj *a[3] = {NULL, NULL, NULL};
    if (int_check_maxpos("to_bytes", nargs, 2, false) < 0 ||
        args_parse("to_bytes", args, nargs, kwnames, names, 3, 0, 2, a) < 0)
        return NULL;
    int64_t length = 1;
    if (a[0]) {
        length = obj_as_index_i64(a[0], Exc_OverflowError);
        if (length == -1 && err_occurred()) return NULL;
        if (length < 0) return err_set_str(Exc_ValueError, "length argument must be non-negative");
    }
    bool little;
    if (parse_byteorder("to_bytes", a[1], &little) < 0) return NULL;
    int is_signed = 0;
    if (a[2] && (is_signed = obj_is_true(a[2])) < 0) return NULL;
    mpz_t z, lim;
    mpz_init(z);
    mpz_init(lim);
    int_get_mpz(self, z);
    Obj *res = NULL;
    if (mpz_sgn(z) < 0 && !is_signed) {
        err_set_str(Exc_OverflowError, "can't convert negative int to unsigned");
        goto done;
    }
    /* range check: unsigned [0, 2**(8n)), signed [-2**(8n-1), 2**(8n-1)) */
    if (length == 0) {
        /* CPython lets -1 through as an empty two's complement byte string */
        bool minus_one = is_signed && mpz_cmp_si(z, -1) == 0;
        if (mpz_sgn(z) != 0 && !minus_one) { err_set_str(Exc_OverflowError, "int too big to convert"); goto done; }
        mpz_set_ui(z, 0);
    } else {
        mpz_setbit(lim, (mp_bitcnt_t)(8 * length - (is_signed ? 1 : 0)));
        bool bad = mpz_cmp(z, lim) >= 0;
        if (mpz_sgn(z) < 0) { mpz_neg(lim, lim); bad = mpz_cmp(z, lim) < 0; }
        if (bad) { err_set_str(Exc_OverflowError, "int too big to convert"); goto done; }
        if (mpz_sgn(z) < 0) {   /* two's complement */
            mpz_set_ui(lim, 0);
            mpz_setbit(lim, (mp_bitcnt_t)(8 * length));
            mpz_add(z, z, lim);
        }
    }
    {
        unsigned char *buf = vt_calloc((size_t)length + 1, 1);
        if (!buf) goto done;
        size_t count = 0;
        size_t need = mpz_sgn(z) ? (mpz_sizeinbase(z, 2) + 7) / 8 : 0;
        if (need) mpz_export(buf + (size_t)length - need, &count, 1, 1, 1, 0, z);
        if (little) {
            for (size_t i = 0, j = (size_t)length; i + 1 < j; i++, j--) {
                unsigned char t = buf[i]; buf[i] = buf[j - 1]; buf[j - 1] = t;
            }
        }
        res = bytes_from_data(buf, (size_t)length);
        vt_free(buf);
    }
done:
    mpz_clear(z);
    mpz_clear(lim);
    return res;
}

static Obj *int_from_bytes(Obj *cls, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"bytes", "byteorder", "signed"};
    Obj *a[3] = {NULL, NULL, NULL};
    if (int_check_maxpos("from_bytes", nargs, 2, false) < 0 ||
        args_parse("from_bytes", args, nargs, kwnames, names, 3, 1, 2, a) < 0)
        return NULL;
    bool little;
    if (parse_byteorder("from_bytes", a[1], &little) < 0) return NULL;
    int is_signed = 0;
    if (a[2] && (is_signed = obj_is_true(a[2])) < 0) return NULL;
    Obj *b;
    if (BYTES_CHECK(a[0])) b = NEWREF(a[0]);
    else if (INT_CHECK(a[0]) || STR_CHECK(a[0]))   /* PyObject_Bytes refuses these */
        return err_format(Exc_TypeError, "cannot convert '%s' object to bytes", type_name(TYPE(a[0])));
    else if (!(b = obj_call1((Obj *)&Type_bytes, a[0]))) return NULL;
    size_t n = BYTES_SIZE(b);
    mpz_t z;
    mpz_init(z);
    if (n) mpz_import(z, n, little ? -1 : 1, 1, 1, 0, BYTES_DATA(b));
    if (is_signed && n && (((unsigned char)BYTES_DATA(b)[little ? n - 1 : 0]) & 0x80)) {
        mpz_t t;
        mpz_init(t);
        mpz_setbit(t, (mp_bitcnt_t)(8 * n));
        mpz_sub(z, z, t);
        mpz_clear(t);
    }
    DECREF(b);
    Obj *r = int_from_mpz_clear(z);
    if (!r || (Type *)cls == &Type_int) return r;
    Obj *res = obj_call1(cls, r);
    DECREF(r);
    return res;
}

static Obj *int_as_integer_ratio(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *n = plain(self);
    if (!n) return NULL;
    Obj *t = tuple_pack(2, n, MAKE_SMALL(1));
    DECREF(n);
    return t;
}

Obj *int_round_ndigits(Obj *v, Obj *ndigits) {
    Obj *nd = obj_index(ndigits);
    if (!nd) return NULL;
    int sgn = int_sign(nd);
    int64_t n;
    int big = int_as_i64_checked(nd, &n);
    DECREF(nd);
    if (sgn >= 0) return plain(v);
    if (big < 0 || n < -(int64_t)1e7) return MAKE_SMALL(0);   /* 10**huge: everything rounds to 0 */
    mpz_t p, q, r, x;
    mpz_inits(p, q, r, x, NULL);
    int_get_mpz(v, x);
    mpz_ui_pow_ui(p, 10, (unsigned long)-n);
    mpz_fdiv_qr(q, r, x, p);
    /* half to even: compare 2r with p */
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
    mpz_mul(q, q, p);
    mpz_clears(p, r, x, NULL);
    return int_from_mpz_clear(q);
}

static Obj *int_round(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("__round__", nargs, kw, 0, 1) < 0) return NULL;
    if (nargs == 0 || args[0] == V_None) return plain(self);
    return int_round_ndigits(self, args[0]);
}

static Obj *int_trunc(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { return plain(self); }

static Obj *int_getnewargs(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *n = plain(self);
    if (!n) return NULL;
    Obj *t = tuple_pack(1, n);
    DECREF(n);
    return t;
}

static Obj *int_format_m(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (!STR_CHECK(args[0]))
        return err_format(Exc_TypeError, "__format__() argument must be str, not %s", type_name(TYPE(args[0])));
    return format_spec_apply(self, args[0]);
}

static Obj *int_sizeof(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    uint64_t bits = int_bit_length(self);
    return int_from_u64(24 + 4 * ((bits + 29) / 30));
}

const MethodDef int_methods[] = {
    {"conjugate", int_conjugate, METH_NOARGS, "Returns self, the complex conjugate of any int."},
    {"bit_length", int_bit_length_m, METH_NOARGS, "Number of bits necessary to represent self in binary.\n\n>>> bin(37)\n'0b100101'\n>>> (37).bit_length()\n6"},
    {"bit_count", int_bit_count, METH_NOARGS, "Number of ones in the binary representation of the absolute value of self."},
    {"to_bytes", int_to_bytes, METH_KEYWORDS, "Return an array of bytes representing an integer."},
    {"from_bytes", int_from_bytes, METH_KEYWORDS | METH_CLASS, "Return the integer represented by the given array of bytes."},
    {"as_integer_ratio", int_as_integer_ratio, METH_NOARGS, "Return integer ratio."},
    {"__trunc__", int_trunc, METH_NOARGS, "Truncating an Integral returns itself."},
    {"__floor__", int_trunc, METH_NOARGS, "Flooring an Integral returns itself."},
    {"__ceil__", int_trunc, METH_NOARGS, "Ceiling of an Integral returns itself."},
    {"__round__", int_round, METH_VARARGS, "Rounding an Integral returns itself."},
    {"__getnewargs__", int_getnewargs, METH_NOARGS, NULL},
    {"__format__", int_format_m, METH_O, "Convert to a string according to format_spec."},
    {"__sizeof__", int_sizeof, METH_NOARGS, "Returns size in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};

static Obj *get_self(Obj *self) { return plain(self); }
static Obj *get_zero(Obj *self) { return MAKE_SMALL(0); }
static Obj *get_one(Obj *self) { return MAKE_SMALL(1); }

const GetSetDef int_getset[] = {
    {"real", get_self, NULL, "the real part of a complex number"},
    {"imag", get_zero, NULL, "the imaginary part of a complex number"},
    {"numerator", get_self, NULL, "the numerator of a rational number in lowest terms"},
    {"denominator", get_one, NULL, "the denominator of a rational number in lowest terms"},
    {NULL, NULL, NULL, NULL},
};

/* ---- pow(a, b, mod) ---- */

static bool is_float_or_int(Obj *v) { return INT_CHECK(v) || FLOAT_CHECK(v); }

Obj *number_power(Obj *a, Obj *b, Obj *mod) {
    if (!mod || mod == V_None) return obj_binop(a, b, NB_POWER);
    if (INT_CHECK(a) && INT_CHECK(b) && INT_CHECK(mod)) {
        if (TYPE(a)->binop != Type_int.binop && TYPE(a)->binop != Type_bool.binop) {
            /* an int subclass overriding __pow__ gets the first word */
            Obj *meth = obj_lookup_special(a, NAME(__pow__));
            if (meth) {
                Obj *r = obj_call2(meth, b, mod);
                DECREF(meth);
                if (r != V_NotImplemented) return r;
                DECREF(r);
            } else if (err_occurred()) {
                return NULL;
            }
        }
        if (int_sign(mod) == 0) return err_set_str(Exc_ValueError, "pow() 3rd argument cannot be 0");
        mpz_t x, e, m, r;
        mpz_inits(x, e, m, r, NULL);
        int_get_mpz(a, x);
        int_get_mpz(b, e);
        int_get_mpz(mod, m);
        bool mneg = mpz_sgn(m) < 0;
        mpz_abs(m, m);
        Obj *res = NULL;
        if (mpz_sgn(e) < 0) {
            if (!mpz_invert(x, x, m) && mpz_cmp_ui(m, 1) != 0) {
                err_set_str(Exc_ValueError, "base is not invertible for the given modulus");
                goto out;
            }
            mpz_neg(e, e);
        }
        if (mpz_cmp_ui(m, 1) == 0) mpz_set_ui(r, 0);
        else mpz_powm(r, x, e, m);
        if (mneg && mpz_sgn(r) != 0) mpz_sub(r, r, m);
        res = int_from_mpz(r);
    out:
        mpz_clears(x, e, m, r, NULL);
        return res;
    }
    if (COMPLEX_CHECK(a) || COMPLEX_CHECK(b) || COMPLEX_CHECK(mod)) {
        if ((COMPLEX_CHECK(a) || is_float_or_int(a)) && (COMPLEX_CHECK(b) || is_float_or_int(b)))
            return err_set_str(Exc_ValueError, "complex modulo");
    }
    if (is_float_or_int(a) && is_float_or_int(b))
        return err_set_str(Exc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    /* Three-argument __pow__ of the left operand (no reflection, as CPython). */
    Obj *meth = is_float_or_int(a) || COMPLEX_CHECK(a) ? NULL : obj_lookup_special(a, NAME(__pow__));
    if (meth) {
        Obj *r = obj_call2(meth, b, mod);
        DECREF(meth);
        if (r != V_NotImplemented) return r;
        DECREF(r);
    } else if (err_occurred()) {
        return NULL;
    }
    return err_format(Exc_TypeError, "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                      type_name(TYPE(a)), type_name(TYPE(b)), type_name(TYPE(mod)));
}
