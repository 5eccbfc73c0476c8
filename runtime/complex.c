/* complex.c: the complex type: CPython's arithmetic algorithms (Smith division, integer
 * powers by squaring), repr, hash, comparison with ints/floats and the constructor. */
/* Bit-exact results (CPython is built in ISO C mode): never fuse a*b+c into an FMA. */
#pragma GCC optimize("fp-contract=off")
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "int.h"
#include "names.h"

typedef struct { double real, imag; } C;

Obj *complex_from_doubles(double real, double imag) {
    ComplexObj *c = (ComplexObj *)obj_alloc(&Type_complex, sizeof(ComplexObj));
    if (!c) return NULL;
    c->real = real;
    c->imag = imag;
    return (Obj *)c;
}

static Obj *complex_subtype(Type *type, double re, double im) {
    if (type == &Type_complex) return complex_from_doubles(re, im);
    Obj *o = type_generic_alloc(type, 0);
    if (!o) return NULL;
    ((ComplexObj *)o)->real = re;
    ((ComplexObj *)o)->imag = im;
    return o;
}

static C c_prod(C a, C b) { return (C){a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real}; }

static C c_quot(C a, C b) {
    C r;
    double abs_br = fabs(b.real), abs_bi = fabs(b.imag);
    if (abs_br >= abs_bi) {
        if (abs_br == 0.0) { errno = EDOM; r.real = r.imag = 0.0; }
        else {
            double ratio = b.imag / b.real, denom = b.real + b.imag * ratio;
            r.real = (a.real + a.imag * ratio) / denom;
            r.imag = (a.imag - a.real * ratio) / denom;
        }
    } else if (abs_bi >= abs_br) {
        double ratio = b.real / b.imag, denom = b.real * ratio + b.imag;
        r.real = (a.real * ratio + a.imag) / denom;
        r.imag = (a.imag * ratio - a.real) / denom;
    } else {
        r.real = r.imag = NAN;
    }
    return r;
}

static C c_pow(C a, C b) {
    C r;
    if (b.real == 0. && b.imag == 0.) { r.real = 1.; r.imag = 0.; }
    else if (a.real == 0. && a.imag == 0.) {
        if (b.imag != 0. || b.real < 0.) errno = EDOM;
        r.real = r.imag = 0.;
    } else {
        double vabs = hypot(a.real, a.imag), len = pow(vabs, b.real);
        double at = atan2(a.imag, a.real), phase = at * b.real;
        if (b.imag != 0.0) {
            len /= exp(at * b.imag);
            phase += b.imag * log(vabs);
        }
        r.real = len * cos(phase);
        r.imag = len * sin(phase);
    }
    return r;
}

static C c_powu(C x, long n) {
    C r = {1., 0.}, p = x;
    long mask = 1;
    while (mask > 0 && n >= mask) {
        if (n & mask) r = c_prod(r, p);
        mask <<= 1;
        p = c_prod(p, p);
    }
    return r;
}

static C c_powi(C x, long n) {
    if (n > 100 || n < -100) return c_pow(x, (C){(double)n, 0.});
    if (n > 0) return c_powu(x, n);
    return c_quot((C){1., 0.}, c_powu(x, -n));
}

Obj *complex_pow_doubles(double ar, double ai, double br, double bi) {
    C a = {ar, ai}, b = {br, bi}, p;
    errno = 0;
    long ie = (long)b.real;
    if (b.imag == 0. && b.real == (double)ie) p = c_powi(a, ie);
    else p = c_pow(a, b);
    if (isinf(p.real) || isinf(p.imag)) { if (errno == 0) errno = ERANGE; }
    else if (errno == ERANGE) errno = 0;
    if (errno == EDOM) return err_set_str(Exc_ZeroDivisionError, "0.0 to a negative or complex power");
    if (errno == ERANGE) return err_set_str(Exc_OverflowError, "complex exponentiation");
    return complex_from_doubles(p.real, p.imag);
}

/* Operand as a complex value: 1 ok, 0 not a number (NotImplemented), -1 error. */
static int as_c(Obj *v, C *out) {
    if (COMPLEX_CHECK(v)) { out->real = ((ComplexObj *)v)->real; out->imag = ((ComplexObj *)v)->imag; return 1; }
    if (FLOAT_CHECK(v)) { out->real = FLOAT_VALUE(v); out->imag = 0.; return 1; }
    if (INT_CHECK(v)) {
        out->real = int_as_double(v);
        out->imag = 0.;
        return out->real == -1.0 && err_occurred() ? -1 : 1;
    }
    return 0;
}

static Obj *complex_binop(Obj *a, Obj *b, int op) {
    if (op != NB_ADD && op != NB_SUBTRACT && op != NB_MULTIPLY && op != NB_TRUE_DIVIDE && op != NB_POWER)
        return NEWREF(V_NotImplemented);
    C x, y;
    int r = as_c(a, &x);
    if (r <= 0) return r < 0 ? NULL : NEWREF(V_NotImplemented);
    r = as_c(b, &y);
    if (r <= 0) return r < 0 ? NULL : NEWREF(V_NotImplemented);
    switch (op) {
    case NB_ADD: return complex_from_doubles(x.real + y.real, x.imag + y.imag);
    case NB_SUBTRACT: return complex_from_doubles(x.real - y.real, x.imag - y.imag);
    case NB_MULTIPLY: { C p = c_prod(x, y); return complex_from_doubles(p.real, p.imag); }
    case NB_TRUE_DIVIDE: {
        errno = 0;
        C q = c_quot(x, y);
        if (errno == EDOM) return err_set_str(Exc_ZeroDivisionError, "complex division by zero");
        return complex_from_doubles(q.real, q.imag);
    }
    default: return complex_pow_doubles(x.real, x.imag, y.real, y.imag);
    }
}

static Obj *complex_unop(Obj *a, int op) {
    ComplexObj *c = (ComplexObj *)a;
    switch (op) {
    case UN_NEGATIVE: return complex_from_doubles(-c->real, -c->imag);
    case UN_POSITIVE: return a->type == &Type_complex ? NEWREF(a) : complex_from_doubles(c->real, c->imag);
    case UN_ABSOLUTE: {
        if (isinf(c->real) || isinf(c->imag)) return float_from_double(HUGE_VAL);
        if (isnan(c->real) || isnan(c->imag)) return float_from_double(NAN);
        double r = hypot(c->real, c->imag);
        if (isinf(r)) return err_set_str(Exc_OverflowError, "absolute value too large");
        return float_from_double(r);
    }
    default: return err_format(Exc_TypeError, "bad operand type for unary ~: '%s'", type_name(TYPE(a)));
    }
}

static Obj *complex_richcompare(Obj *a, Obj *b, int op) {
    if (op != CMP_EQ && op != CMP_NE) return NEWREF(V_NotImplemented);
    Obj *c = COMPLEX_CHECK(a) ? a : b, *o = c == a ? b : a;
    ComplexObj *cv = (ComplexObj *)c;
    bool eq;
    if (INT_CHECK(o)) {
        eq = cv->imag == 0.0 && !isnan(cv->real) && !isinf(cv->real) && int_compare_double(o, cv->real) == 0;
    } else if (FLOAT_CHECK(o)) {
        eq = cv->real == FLOAT_VALUE(o) && cv->imag == 0.0;
    } else if (COMPLEX_CHECK(o)) {
        eq = cv->real == ((ComplexObj *)o)->real && cv->imag == ((ComplexObj *)o)->imag;
    } else {
        return NEWREF(V_NotImplemented);
    }
    RETURN_BOOL(op == CMP_EQ ? eq : !eq);
}

static intptr_t complex_hash(Obj *v) {
    ComplexObj *c = (ComplexObj *)v;
    uint64_t hr = (uint64_t)float_hash(c->real), hi = (uint64_t)float_hash(c->imag);
    int64_t h = (int64_t)(hr + 1000003u * hi);
    return h == -1 ? -2 : h;
}

static Obj *complex_repr(Obj *v) {
    ComplexObj *c = (ComplexObj *)v;
    char re[40], im[40], buf[100];
    if (c->real == 0.0 && !signbit(c->real)) {
        float_repr_short(c->imag, im, sizeof im);
        snprintf(buf, sizeof buf, "%sj", im);
    } else {
        float_repr_short(c->real, re, sizeof re);
        float_repr_short(c->imag, im, sizeof im);
        bool plus = isnan(c->imag) || !signbit(c->imag);
        snprintf(buf, sizeof buf, "(%s%s%sj)", re, plus ? "+" : "", im);
    }
    return str_from_cstr(buf);
}

static int complex_is_true(Obj *v) {
    return ((ComplexObj *)v)->real != 0.0 || ((ComplexObj *)v)->imag != 0.0;
}

/* ---- constructor ---- */

/* Length of the longest float prefix of s (as PyOS_string_to_double with an end pointer). */
static size_t float_prefix(const char *s) {
    const char *p = s;
    if (*p == '+' || *p == '-') p++;
    static const char *const words[] = {"infinity", "inf", "nan"};
    for (int w = 0; w < 3; w++) {
        size_t n = strlen(words[w]);
        if (strncasecmp(p, words[w], n) == 0) return (size_t)(p + n - s);
    }
    const char *q = p;
    int nd = 0;
    while (isdigit((unsigned char)*q)) { q++; nd++; }
    if (*q == '.') {
        q++;
        while (isdigit((unsigned char)*q)) { q++; nd++; }
    }
    if (nd == 0) return 0;
    if (*q == 'e' || *q == 'E') {
        const char *e = q + 1;
        if (*e == '+' || *e == '-') e++;
        if (isdigit((unsigned char)*e)) {
            while (isdigit((unsigned char)*e)) e++;
            q = e;
        }
    }
    return (size_t)(q - s);
}

static double prefix_value(const char *s, size_t n) {
    char buf[400];
    char *b = n < sizeof buf ? buf : malloc(n + 1);
    memcpy(b, s, n);
    b[n] = 0;
    double d = 0;
    if (float_parse_ascii(b, &d) < 0) d = strtod(b, NULL);
    if (b != buf) free(b);
    return d;
}

static bool cspace(char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f); }

static Obj *complex_from_string(Type *type, const char *src, size_t len, Obj *orig) {
    /* remove underscores between digits first */
    char *buf = vt_malloc(len + 1);
    if (!buf) return NULL;
    size_t k = 0;
    bool bad = false;
    for (size_t i = 0; i < len; i++) {
        if (src[i] == '_') {
            if (i == 0 || i + 1 >= len || !isdigit((unsigned char)src[i - 1]) || !isdigit((unsigned char)src[i + 1]))
                bad = true;
            continue;
        }
        if (src[i] == 0) bad = true;
        buf[k++] = src[i];
    }
    buf[k] = 0;
    const char *s = buf;
    double x = 0.0, y = 0.0;
    bool bracket = false;
    while (cspace(*s)) s++;
    if (*s == '(') { bracket = true; s++; while (cspace(*s)) s++; }
    if (bad) {
        vt_free(buf);
        return err_format(Exc_ValueError, "could not convert string to complex: %R", orig);
    }
    size_t n = float_prefix(s);
    if (n) {
        double z = prefix_value(s, n);
        s += n;
        if (*s == '+' || *s == '-') {
            x = z;
            size_t m = float_prefix(s);
            if (m) { y = prefix_value(s, m); s += m; }
            else { y = *s == '+' ? 1.0 : -1.0; s++; }
            if (!(*s == 'j' || *s == 'J')) goto error;
            s++;
        } else if (*s == 'j' || *s == 'J') {
            s++;
            y = z;
        } else {
            x = z;
        }
    } else {
        if (*s == '+' || *s == '-') { y = *s == '+' ? 1.0 : -1.0; s++; }
        else y = 1.0;
        if (!(*s == 'j' || *s == 'J')) goto error;
        s++;
    }
    while (cspace(*s)) s++;
    if (bracket) {
        if (*s != ')') goto error;
        s++;
        while (cspace(*s)) s++;
    }
    if (*s) goto error;
    vt_free(buf);
    return complex_subtype(type, x, y);
error:
    vt_free(buf);
    return err_set_str(Exc_ValueError, "complex() arg is a malformed string");
}

/* __complex__ of v: new complex, NULL+no error when absent, NULL+error on failure. */
static Obj *try_complex_special(Obj *v) {
    Obj *m = obj_lookup_special(v, NAME(__complex__));
    if (!m) return NULL;
    Obj *r = obj_call0(m);
    DECREF(m);
    if (r && !COMPLEX_CHECK(r)) {
        err_format(Exc_TypeError, "__complex__ returned non-complex (type %s)", type_name(TYPE(r)));
        DECREF(r);
        return NULL;
    }
    return r;
}

static bool is_number_like(Obj *v) {
    Type *t = TYPE(v);
    return INT_CHECK(v) || FLOAT_CHECK(v) || COMPLEX_CHECK(v) || t->to_float || t->index;
}

static Obj *complex_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"real", "imag"};
    Obj *a[2] = {NULL, NULL};
    if (args_parse("complex", args, nargs, kwnames, names, 2, 0, 2, a) < 0) return NULL;
    Obj *r = a[0], *i = a[1];
    if (!r) return complex_subtype(type, 0.0, 0.0);
    if (STR_CHECK(r)) {
        if (i) return err_set_str(Exc_TypeError, "complex() can't take second arg if first is a string");
        return complex_from_string(type, STR_DATA(r), STR_SIZE(r), r);
    }
    if (i && STR_CHECK(i)) return err_set_str(Exc_TypeError, "complex() second arg can't be a string");
    if (!i && type == &Type_complex && !IS_SMALL(r) && r->type == &Type_complex) return NEWREF(r);
    C cr = {0, 0}, ci = {0, 0};
    bool cr_complex = false, ci_complex = false;
    Obj *tmp = try_complex_special(r);
    if (tmp) {
        cr.real = ((ComplexObj *)tmp)->real;
        cr.imag = ((ComplexObj *)tmp)->imag;
        cr_complex = true;
        DECREF(tmp);
    } else if (err_occurred()) {
        return NULL;
    } else if (!is_number_like(r)) {
        return err_format(Exc_TypeError, "complex() first argument must be a string or a number, not '%s'",
                          type_name(TYPE(r)));
    } else if (COMPLEX_CHECK(r)) {
        cr.real = ((ComplexObj *)r)->real;
        cr.imag = ((ComplexObj *)r)->imag;
        cr_complex = true;
    } else {
        cr.real = float_as_double(r);
        if (cr.real == -1.0 && err_occurred()) return NULL;
    }
    if (i) {
        if (!is_number_like(i))
            return err_format(Exc_TypeError, "complex() second argument must be a number, not '%s'",
                              type_name(TYPE(i)));
        if (COMPLEX_CHECK(i)) {
            ci.real = ((ComplexObj *)i)->real;
            ci.imag = ((ComplexObj *)i)->imag;
            ci_complex = true;
        } else {
            ci.real = float_as_double(i);
            if (ci.real == -1.0 && err_occurred()) return NULL;
        }
    } else {
        ci.real = cr.imag;
    }
    if (ci_complex) cr.real -= ci.imag;
    if (cr_complex && i) ci.real += cr.imag;
    return complex_subtype(type, cr.real, ci.real);
}

/* ---- methods ---- */

static Obj *complex_conjugate(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return complex_from_doubles(((ComplexObj *)self)->real, -((ComplexObj *)self)->imag);
}

static Obj *complex_getnewargs(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *re = float_from_double(((ComplexObj *)self)->real);
    Obj *im = float_from_double(((ComplexObj *)self)->imag);
    if (!re || !im) { XDECREF(re); XDECREF(im); return NULL; }
    Obj *t = tuple_pack(2, re, im);
    DECREF(re);
    DECREF(im);
    return t;
}

static Obj *complex_complex(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (self->type == &Type_complex) return NEWREF(self);
    return complex_from_doubles(((ComplexObj *)self)->real, ((ComplexObj *)self)->imag);
}

static Obj *complex_format_m(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (!STR_CHECK(args[0]))
        return err_format(Exc_TypeError, "__format__() argument must be str, not %s", type_name(TYPE(args[0])));
    return format_spec_apply(self, args[0]);
}

static const MethodDef complex_methods[] = {
    {"conjugate", complex_conjugate, METH_NOARGS, "Return the complex conjugate of its argument. (3-4j).conjugate() == 3+4j."},
    {"__getnewargs__", complex_getnewargs, METH_NOARGS, NULL},
    {"__format__", complex_format_m, METH_O, "Convert to a string according to format_spec."},
    {"__complex__", complex_complex, METH_NOARGS, "Convert this value to exact type complex."},
    {NULL, NULL, 0, NULL},
};

static const MemberDef complex_members[] = {
    {"real", MEMBER_DOUBLE, offsetof(ComplexObj, real), 1, "the real part of a complex number"},
    {"imag", MEMBER_DOUBLE, offsetof(ComplexObj, imag), 1, "the imaginary part of a complex number"},
    {NULL, 0, 0, 0, NULL},
};

static void complex_dealloc(Obj *o) { obj_free(o); }

Type Type_complex = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "complex",
    .basicsize = sizeof(ComplexObj),
    .flags = TPFLAG_BASETYPE,
    .doc = "Create a complex number from a real part and an optional imaginary part.\n\n"
           "This is equivalent to (real + imag*1j) where imag defaults to 0.",
    .dealloc = complex_dealloc,
    .new = complex_new,
    .repr = complex_repr,
    .hash = complex_hash,
    .richcompare = complex_richcompare,
    .is_true = complex_is_true,
    .binop = complex_binop,
    .unop = complex_unop,
    .methods = complex_methods,
    .members = complex_members,
};
