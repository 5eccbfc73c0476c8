/* int.h: helpers shared by the numeric files (int*.c, float*.c, complex.c, format_spec.c,
 * mathmodule.c) beyond the public int/float API declared in types.h. */
#ifndef VITRINE_INT_H
#define VITRINE_INT_H

#include "types.h"

/* sys.get_int_max_str_digits(): 0 means unlimited (CPython's default is 4300). */
extern int64_t int_max_str_digits;

#define INT_Z(v) (((IntObj *)(v))->z)

/* If v (an int or bool) has a machine value without looking at GMP (small ints, True, False),
 * store it and return true; heap IntObjs (big values, subclass instances) return false. */
static inline bool int_small(Obj *v, int64_t *out) {
    if (IS_SMALL(v)) { *out = SMALL_VALUE(v); return true; }
    if (v == V_True) { *out = 1; return true; }
    if (v == V_False) { *out = 0; return true; }
    return false;
}

/* A read-only mpz view of an int: points into a heap IntObj, or at a temporary. */
typedef struct ZArg {
    mpz_t tmp;
    mpz_srcptr p;
} ZArg;
static inline void zarg_init(ZArg *z, Obj *v) {
    int64_t i;
    if (int_small(v, &i)) { mpz_init_set_si(z->tmp, (long)i); z->p = z->tmp; }
    else z->p = INT_Z(v);
}
static inline void zarg_clear(ZArg *z) { if (z->p == z->tmp) mpz_clear(z->tmp); }

/* Make an int from z and clear z (its storage is moved into the result when it is big). */
Obj *int_from_mpz_clear(mpz_t z) VT_MUST_CHECK;
/* An instance of `type` (int or a subclass) with the value of the int v. */
Obj *int_subtype_new(Type *type, Obj *v) VT_MUST_CHECK;
/* Correctly rounded q * 2**shift (q >= 0), `inexact` meaning the true value is a little above
 * q; sets *overflow instead of returning inf. */
double int_mpz_scaled_to_double(mpz_srcptr q, long shift, bool inexact, bool *overflow);
/* a / b correctly rounded (both ints); ZeroDivisionError / OverflowError as CPython. */
Obj *int_true_divide(Obj *a, Obj *b) VT_MUST_CHECK;
/* Compare the int i with the finite double d exactly: <0, 0, >0. */
int int_compare_double(Obj *i, double d);
/* Number of bits of |v|. */
uint64_t int_bit_length(Obj *v);
/* |v| as m * 2**e with 0.5 <= m < 1 (for log of huge ints); v != 0. */
double int_frexp(Obj *v, int64_t *e);
/* int(x, base) constructor body for a str/bytes source (orig used for the error message). */
Obj *int_from_string_obj(const char *s, size_t len, int base, Obj *orig) VT_MUST_CHECK;
/* For a non-ASCII str: a malloc'ed ASCII copy with Unicode spaces made ' ', Unicode decimal
 * digits made '0'..'9' and other non-ASCII characters made '?' (CPython's
 * _PyUnicode_TransformDecimalAndSpaceToASCII). NULL with MemoryError on failure. */
char *int_ascii_digits_copy(Obj *str, size_t *len);
/* For functions with keyword-only parameters: CPython's "f() takes at most 2 positional
 * arguments (3 given)" (or "exactly") when nargs > maxpos; -1 with TypeError set. */
int int_check_maxpos(const char *fname, size_t nargs, size_t maxpos, bool exact);
/* int methods table and getsets (int_methods.c) used by Type_int in int.c. */
extern const MethodDef int_methods[];
extern const GetSetDef int_getset[];
Obj *int_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames);
/* Python's round-half-even of an int to 10**-ndigits (ndigits < 0). */
Obj *int_round_ndigits(Obj *v, Obj *ndigits) VT_MUST_CHECK;

/* float helpers (float.c / float_repr.c) */
/* Python's float ** float, including the complex result for negative ** fractional. */
Obj *float_pow_obj(double a, double b) VT_MUST_CHECK;
/* Like repr() but for complex parts: "1" instead of "1.0". */
void float_repr_short(double d, char *buf, size_t size);
/* Format d as PyOS_double_to_string does: code in e E f F g G r, flags below. Returns a
 * malloc'ed string (NULL with MemoryError). */
enum { DTSF_SIGN = 1, DTSF_ADD_DOT_0 = 2, DTSF_ALT = 4 };
char *float_to_string(double d, char code, int precision, int flags);
/* Parse a float from ASCII text (no surrounding whitespace, underscores already removed
 * or rejected): returns 0 ok, -1 if malformed. Accepts inf/nan/infinity. */
int float_parse_ascii(const char *s, double *out);
/* float(s) with the error message showing orig (str or bytes; NULL: s itself). */
Obj *float_from_string_obj(const char *s, size_t len, Obj *orig) VT_MUST_CHECK;
/* float.hex() and float.fromhex() */
Obj *float_hex_str(double x) VT_MUST_CHECK;
Obj *float_fromhex_str(const char *s, size_t len) VT_MUST_CHECK;
/* Round a finite double to ndigits decimal places, correctly (CPython's double_round). */
Obj *float_round_ndigits(double x, int64_t ndigits) VT_MUST_CHECK;
/* The double value of a float or int operand for mixed arithmetic; false if not a number. */
bool float_operand_as_double(Obj *v, double *out, int *err);

/* complex helpers */
Obj *complex_pow_doubles(double ar, double ai, double br, double bi) VT_MUST_CHECK;
#define COMPLEX_CHECK(v) (!IS_SMALL(v) && ((v)->type == &Type_complex || type_is_subtype((v)->type, &Type_complex)))

#endif
