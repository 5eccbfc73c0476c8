/* float.c: the float type: arithmetic with Python's semantics (floor division and modulo
 * signs, pow special cases), exact comparison with ints, CPython's hash, and its methods. */
/* Bit-exact results (CPython is built in ISO C mode): never fuse a*b+c into an FMA. */
#pragma GCC optimize("fp-contract=off")
#include <errno.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include "int.h"

/* A small free list of exact floats: float arithmetic allocates a result per operation.
 * Free blocks are chained through their `value` storage. Thread-local like the thread state. */
#ifdef __SANITIZE_ADDRESS__
#define FLOAT_FREELIST_MAX 0   /* let ASan see every use-after-free */
#else
#define FLOAT_FREELIST_MAX 256
#endif
static _Thread_local FloatObj *float_freelist;
static _Thread_local int float_freelist_len;

Obj *float_from_double(double d) {
    FloatObj *f = float_freelist;
    if (VT_LIKELY(f != NULL)) {
        memcpy(&float_freelist, &f->value, sizeof(FloatObj *));
        float_freelist_len--;
        f->ob.refcnt = 1;
        f->ob.flags = 0;
        f->ob.type = &Type_float;
        f->value = d;
        return (Obj *)f;
    }
    f = (FloatObj *)obj_alloc(&Type_float, sizeof(FloatObj));
    if (!f) return NULL;
    f->value = d;
    return (Obj *)f;
}

double float_as_double(Obj *v) {
    if (FLOAT_CHECK(v)) return FLOAT_VALUE(v);
    if (INT_CHECK(v)) return int_as_double(v);
    Type *t = TYPE(v);
    if (t->to_float) {
        Obj *r = t->to_float(v);
        if (!r) return -1.0;
        if (!FLOAT_CHECK(r)) {
            err_format(Exc_TypeError, "%s.__float__ returned non-float (type %s)", type_name(t),
                       type_name(TYPE(r)));
            DECREF(r);
            return -1.0;
        }
        double d = FLOAT_VALUE(r);
        DECREF(r);
        return d;
    }
    if (t->index) {
        Obj *i = obj_index(v);
        if (!i) return -1.0;
        double d = int_as_double(i);
        DECREF(i);
        return d;
    }
    err_format(Exc_TypeError, "must be real number, not %s", type_name(t));
    return -1.0;
}

bool float_operand_as_double(Obj *v, double *out, int *err) {
    *err = 0;
    if (FLOAT_CHECK(v)) { *out = FLOAT_VALUE(v); return true; }
    if (INT_CHECK(v)) {
        *out = int_as_double(v);
        if (*out == -1.0 && err_occurred()) *err = 1;
        return true;
    }
    return false;
}

/* ---- hash (CPython's _Py_HashDouble) ---- */
#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)

intptr_t float_hash(double v) {
    if (!isfinite(v)) {
        if (isinf(v)) return v > 0 ? 314159 : -314159;
        return 0;
    }
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) { sign = -1; m = -m; }
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= HASH_MODULUS) x -= HASH_MODULUS;
    }
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
    int64_t h = (int64_t)x * sign;
    return h == -1 ? -2 : h;
}

static intptr_t float_hash_slot(Obj *v) {
    double d = FLOAT_VALUE(v);
    if (isnan(d)) {   /* 3.10+: NaNs hash by identity */
        uintptr_t y = (uintptr_t)v;
        intptr_t h = (intptr_t)((y >> 4) | (y << (8 * sizeof(y) - 4)));
        return h == -1 ? -2 : h;
    }
    return float_hash(d);
}

/* ---- repr ---- */
static Obj *float_repr(Obj *v) {
    char buf[40];
    float_repr_buf(FLOAT_VALUE(v), buf, sizeof buf);
    size_t n = strlen(buf);
    Obj *r = str_new_raw(n);   /* ASCII: no UTF-8 validation needed */
    if (!r) return NULL;
    memcpy(STR_DATA(r), buf, n + 1);
    return str_finish(r);
}

/* ---- arithmetic ---- */

static bool is_odd_integer(double w) { return fmod(fabs(w), 2.0) == 1.0; }

Obj *float_pow_obj(double iv, double iw) {
    if (iw == 0) return float_from_double(1.0);
    if (isnan(iv)) return float_from_double(iv);
    if (isnan(iw)) return float_from_double(iv == 1.0 ? 1.0 : iw);
    if (isinf(iw)) {
        iv = fabs(iv);
        if (iv == 1.0) return float_from_double(1.0);
        if ((iw > 0.0) == (iv > 1.0)) return float_from_double(fabs(iw));
        return float_from_double(0.0);
    }
    if (isinf(iv)) {
        bool odd = is_odd_integer(iw);
        if (iw > 0.0) return float_from_double(odd ? iv : fabs(iv));
        return float_from_double(odd ? copysign(0.0, iv) : 0.0);
    }
    if (iv == 0.0) {
        bool odd = is_odd_integer(iw);
        if (iw < 0.0) return err_set_str(Exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return float_from_double(odd ? iv : 0.0);
    }
    bool negate = false;
    if (iv < 0.0) {
        if (iw != floor(iw)) return complex_pow_doubles(iv, 0.0, iw, 0.0);
        iv = -iv;
        negate = is_odd_integer(iw);
    }
    if (iv == 1.0) return float_from_double(negate ? -1.0 : 1.0);
    errno = 0;
    double ix = pow(iv, iw);
    if (negate) ix = -ix;
    if (isinf(ix)) {
        Obj *args = tuple_new(2);
        if (!args) return NULL;
        TUPLE_SET_STEAL(args, 0, MAKE_SMALL(34));
        Obj *msg = str_from_cstr("Numerical result out of range");
        if (!msg) { TUPLE_SET_STEAL(args, 1, V_None); INCREF(V_None); DECREF(args); return NULL; }
        TUPLE_SET_STEAL(args, 1, msg);
        err_set_object(Exc_OverflowError, args);
        DECREF(args);
        return NULL;
    }
    return float_from_double(ix);
}

/* Python's divmod for floats (CPython's float_divmod); sets *div and *mod. */
static void float_divmod_d(double vx, double wx, double *pdiv, double *pmod) {
    double mod = fmod(vx, wx);
    double div = (vx - mod) / wx;
    if (mod) {
        if ((wx < 0) != (mod < 0)) { mod += wx; div -= 1.0; }
    } else {
        mod = copysign(0.0, wx);
    }
    double floordiv;
    if (div) {
        floordiv = floor(div);
        if (div - floordiv > 0.5) floordiv += 1.0;
    } else {
        floordiv = copysign(0.0, vx / wx);
    }
    *pdiv = floordiv;
    *pmod = mod;
}

static Obj *float_binop(Obj *a, Obj *b, int op) {
    double x, y;
    int err;
    if (op == NB_MATRIX_MULTIPLY || op == NB_LSHIFT || op == NB_RSHIFT || op == NB_AND ||
        op == NB_OR || op == NB_XOR)
        return NEWREF(V_NotImplemented);
    if (!float_operand_as_double(a, &x, &err)) return NEWREF(V_NotImplemented);
    if (err) return NULL;
    if (!float_operand_as_double(b, &y, &err)) return NEWREF(V_NotImplemented);
    if (err) return NULL;
    switch (op) {
    case NB_ADD: return float_from_double(x + y);
    case NB_SUBTRACT: return float_from_double(x - y);
    case NB_MULTIPLY: return float_from_double(x * y);
    case NB_TRUE_DIVIDE:
        if (y == 0.0) return err_set_str(Exc_ZeroDivisionError, "float division by zero");
        return float_from_double(x / y);
    case NB_FLOOR_DIVIDE: {
        if (y == 0.0) return err_set_str(Exc_ZeroDivisionError, "float floor division by zero");
        double d, m;
        float_divmod_d(x, y, &d, &m);
        return float_from_double(d);
    }
    case NB_REMAINDER: {
        if (y == 0.0) return err_set_str(Exc_ZeroDivisionError, "float modulo");
        double m = fmod(x, y);
        if (m) {
            if ((y < 0) != (m < 0)) m += y;
        } else {
            m = copysign(0.0, y);
        }
        return float_from_double(m);
    }
    case NB_DIVMOD: {
        if (y == 0.0) return err_set_str(Exc_ZeroDivisionError, "float divmod()");
        double d, m;
        float_divmod_d(x, y, &d, &m);
        Obj *fd = float_from_double(d), *fm = float_from_double(m);
        if (!fd || !fm) { XDECREF(fd); XDECREF(fm); return NULL; }
        Obj *t = tuple_pack(2, fd, fm);
        DECREF(fd);
        DECREF(fm);
        return t;
    }
    case NB_POWER: return float_pow_obj(x, y);
    }
    return NEWREF(V_NotImplemented);
}

static Obj *float_unop(Obj *a, int op) {
    double x = FLOAT_VALUE(a);
    switch (op) {
    case UN_NEGATIVE: return float_from_double(-x);
    case UN_POSITIVE: return a->type == &Type_float ? NEWREF(a) : float_from_double(x);
    case UN_ABSOLUTE: return float_from_double(fabs(x));
    default: return err_format(Exc_TypeError, "bad operand type for unary ~: '%s'", type_name(TYPE(a)));
    }
}

static bool cmp_result(int c, int op) {
    switch (op) {
    case CMP_LT: return c < 0;
    case CMP_LE: return c <= 0;
    case CMP_EQ: return c == 0;
    case CMP_NE: return c != 0;
    case CMP_GT: return c > 0;
    default: return c >= 0;
    }
}

static Obj *float_richcompare(Obj *a, Obj *b, int op) {
    if (FLOAT_CHECK(a) && FLOAT_CHECK(b)) {
        double x = FLOAT_VALUE(a), y = FLOAT_VALUE(b);
        switch (op) {
        case CMP_LT: RETURN_BOOL(x < y);
        case CMP_LE: RETURN_BOOL(x <= y);
        case CMP_EQ: RETURN_BOOL(x == y);
        case CMP_NE: RETURN_BOOL(x != y);
        case CMP_GT: RETURN_BOOL(x > y);
        default: RETURN_BOOL(x >= y);
        }
    }
    /* float vs int, exactly */
    Obj *f = FLOAT_CHECK(a) ? a : b, *i = f == a ? b : a;
    if (!INT_CHECK(i)) return NEWREF(V_NotImplemented);
    double d = FLOAT_VALUE(f);
    if (isnan(d)) RETURN_BOOL(op == CMP_NE);
    int c;   /* sign of (float - int) */
    if (isinf(d)) c = d > 0 ? 1 : -1;
    else c = -int_compare_double(i, d);
    if (f == b) c = -c;
    RETURN_BOOL(cmp_result(c, op));
}

static int float_is_true(Obj *v) { return FLOAT_VALUE(v) != 0.0; }

static Obj *float_to_int_slot(Obj *v) { return int_from_double(FLOAT_VALUE(v)); }

static Obj *float_to_float_slot(Obj *v) {
    if (v->type == &Type_float) return NEWREF(v);
    return float_from_double(FLOAT_VALUE(v));
}

/* ---- constructor ---- */

static Obj *float_convert(Obj *x) {
    if (!IS_SMALL(x) && x->type == &Type_float) return NEWREF(x);
    if (STR_CHECK(x)) {
        if (((StrObj *)x)->ascii) return float_from_string_obj(STR_DATA(x), STR_SIZE(x), x);
        size_t n;
        char *a = int_ascii_digits_copy(x, &n);
        if (!a) return NULL;
        Obj *r = float_from_string_obj(a, n, x);
        vt_free(a);
        return r;
    }
    if (BYTES_CHECK(x)) return float_from_string_obj(BYTES_DATA(x), BYTES_SIZE(x), x);
    if (!IS_SMALL(x) && (x->type == &Type_bytearray || type_is_subtype(x->type, &Type_bytearray))) {
        ByteArrayObj *ba = (ByteArrayObj *)x;
        return float_from_string_obj(ba->data ? ba->data : "", ba->size, x);
    }
    Type *t = TYPE(x);
    if (t->to_float && !INT_CHECK(x)) {
        /* __float__ (possibly overridden by a float subclass); exact float result */
        Obj *r = t->to_float(x);
        if (!r) return NULL;
        if (!FLOAT_CHECK(r)) {
            err_format(Exc_TypeError, "%s.__float__ returned non-float (type %s)", type_name(t), type_name(TYPE(r)));
            DECREF(r);
            return NULL;
        }
        if (r->type != &Type_float) {
            if (warn_format(Exc_DeprecationWarning, 1,
                            "%s.__float__ returned non-float (type %s).  The ability to return an "
                            "instance of a strict subclass of float is deprecated, and may be "
                            "removed in a future version of Python.", type_name(t), type_name(TYPE(r))) < 0) {
                DECREF(r);
                return NULL;
            }
            SETREF(r, float_from_double(FLOAT_VALUE(r)));
        }
        return r;
    }
    if (!t->to_float && !t->index && !INT_CHECK(x))
        return err_format(Exc_TypeError, "float() argument must be a string or a real number, not '%s'",
                          type_name(t));
    double d = float_as_double(x);
    if (d == -1.0 && err_occurred()) return NULL;
    return float_from_double(d);
}

static Obj *float_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames) > 0)
        return err_set_str(Exc_TypeError, "float() takes no keyword arguments");
    if (nargs > 1) return err_format(Exc_TypeError, "float expected at most 1 argument, got %zu", nargs);
    Obj *v = nargs ? float_convert(args[0]) : float_from_double(0.0);
    if (!v || type == &Type_float) return v;
    Obj *o = type_generic_alloc(type, 0);
    if (o) ((FloatObj *)o)->value = FLOAT_VALUE(v);
    DECREF(v);
    return o;
}

/* ---- methods ---- */

static Obj *float_conjugate(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return float_to_float_slot(self);
}
static Obj *float_trunc(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return int_from_double(FLOAT_VALUE(self));
}
static Obj *float_floor(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return int_from_double(floor(FLOAT_VALUE(self)));
}
static Obj *float_ceil(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return int_from_double(ceil(FLOAT_VALUE(self)));
}

static Obj *float_round(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("__round__", nargs, kw, 0, 1) < 0) return NULL;
    double x = FLOAT_VALUE(self);
    if (nargs == 0 || args[0] == V_None) {
        double r = round(x);
        if (fabs(x - r) == 0.5) r = 2.0 * round(x / 2.0);
        return int_from_double(r);
    }
    Obj *nd = obj_index(args[0]);
    if (!nd) return NULL;
    int64_t n;
    if (int_as_i64_checked(nd, &n) < 0) n = int_sign(nd) < 0 ? INT64_MIN : INT64_MAX;
    DECREF(nd);
    return float_round_ndigits(x, n);
}

static Obj *float_as_integer_ratio(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    double x = FLOAT_VALUE(self);
    if (isinf(x)) return err_set_str(Exc_OverflowError, "cannot convert Infinity to integer ratio");
    if (isnan(x)) return err_set_str(Exc_ValueError, "cannot convert NaN to integer ratio");
    int e;
    double m = frexp(x, &e);
    int i;
    for (i = 0; i < 300 && m != floor(m); i++) { m *= 2.0; e--; }
    mpz_t n, d;
    mpz_init_set_d(n, m);
    mpz_init_set_ui(d, 1);
    if (e > 0) mpz_mul_2exp(n, n, (mp_bitcnt_t)e);
    else mpz_mul_2exp(d, d, (mp_bitcnt_t)-e);
    Obj *on = int_from_mpz_clear(n), *od = int_from_mpz_clear(d);
    if (!on || !od) { XDECREF(on); XDECREF(od); return NULL; }
    Obj *t = tuple_pack(2, on, od);
    DECREF(on);
    DECREF(od);
    return t;
}

static Obj *float_is_integer(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    double x = FLOAT_VALUE(self);
    RETURN_BOOL(isfinite(x) && floor(x) == x);
}

static Obj *float_hex(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return float_hex_str(FLOAT_VALUE(self));
}

static Obj *float_fromhex(Obj *cls, Obj *const *args, size_t nargs, Obj *kw) {
    if (!STR_CHECK(args[0]))
        return err_format(Exc_TypeError, "fromhex() argument must be str, not %s", type_name(TYPE(args[0])));
    Obj *r = float_fromhex_str(STR_DATA(args[0]), STR_SIZE(args[0]));
    if (!r || (Type *)cls == &Type_float) return r;
    Obj *res = obj_call1(cls, r);
    DECREF(r);
    return res;
}

static Obj *float_getnewargs(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *f = float_from_double(FLOAT_VALUE(self));
    if (!f) return NULL;
    Obj *t = tuple_pack(1, f);
    DECREF(f);
    return t;
}

static Obj *float_getformat(Obj *cls, Obj *const *args, size_t nargs, Obj *kw) {
    if (!STR_CHECK(args[0]))
        return err_format(Exc_TypeError, "__getformat__() argument must be str, not %s", type_name(TYPE(args[0])));
    if (!str_eq_cstr(args[0], "double") && !str_eq_cstr(args[0], "float"))
        return err_set_str(Exc_ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
    return str_from_cstr("IEEE, little-endian");
}

static Obj *float_format_m(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (!STR_CHECK(args[0]))
        return err_format(Exc_TypeError, "__format__() argument must be str, not %s", type_name(TYPE(args[0])));
    return format_spec_apply(self, args[0]);
}

static const MethodDef float_methods[] = {
    {"conjugate", float_conjugate, METH_NOARGS, "Return self, the complex conjugate of any float."},
    {"__trunc__", float_trunc, METH_NOARGS, "Return the Integral closest to x between 0 and x."},
    {"__floor__", float_floor, METH_NOARGS, "Return the floor as an Integral."},
    {"__ceil__", float_ceil, METH_NOARGS, "Return the ceiling as an Integral."},
    {"__round__", float_round, METH_VARARGS, "Return the Integral closest to x, rounding half toward even."},
    {"as_integer_ratio", float_as_integer_ratio, METH_NOARGS, "Return integer ratio."},
    {"fromhex", float_fromhex, METH_O | METH_CLASS, "Create a floating-point number from a hexadecimal string."},
    {"hex", float_hex, METH_NOARGS, "Return a hexadecimal representation of a floating-point number."},
    {"is_integer", float_is_integer, METH_NOARGS, "Return True if the float is an integer."},
    {"__getnewargs__", float_getnewargs, METH_NOARGS, NULL},
    {"__getformat__", float_getformat, METH_O | METH_CLASS, "You probably don't want to use this function."},
    {"__format__", float_format_m, METH_O, "Formats the float according to format_spec."},
    {NULL, NULL, 0, NULL},
};

static Obj *float_get_real(Obj *self) { return float_to_float_slot(self); }
static Obj *float_get_imag(Obj *self) { return float_from_double(0.0); }

static const GetSetDef float_getset[] = {
    {"real", float_get_real, NULL, "the real part of a complex number"},
    {"imag", float_get_imag, NULL, "the imaginary part of a complex number"},
    {NULL, NULL, NULL, NULL},
};

static void float_dealloc(Obj *o) {
    if (o->type == &Type_float && float_freelist_len < FLOAT_FREELIST_MAX && !(o->flags & OBJ_FLAG_GC)) {
        FloatObj *f = (FloatObj *)o;
        memcpy(&f->value, &float_freelist, sizeof(FloatObj *));
        float_freelist = f;
        float_freelist_len++;
        return;
    }
    obj_free(o);
}

Type Type_float = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "float",
    .basicsize = sizeof(FloatObj),
    .flags = TPFLAG_BASETYPE,
    .doc = "Convert a string or number to a floating point number, if possible.",
    .dealloc = float_dealloc,
    .new = float_new,
    .repr = float_repr,
    .hash = float_hash_slot,
    .richcompare = float_richcompare,
    .is_true = float_is_true,
    .binop = float_binop,
    .unop = float_unop,
    .to_int = float_to_int_slot,
    .to_float = float_to_float_slot,
    .methods = float_methods,
    .getset = float_getset,
};
