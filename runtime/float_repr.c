/* float_repr.c: text <-> double conversions with CPython's exact rules: the shortest
 * round-trip repr, PyOS_double_to_string's codes, float() parsing, round(x, n), hex(). */
/* Bit-exact results (CPython is built in ISO C mode): never fuse a*b+c into an FMA. */
#pragma GCC optimize("fp-contract=off")
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "int.h"

/* ---- Grisu3 (Loitsch 2010): shortest digits in 64-bit arithmetic for ~99.5% of doubles;
 * when it cannot prove its answer shortest and closest it fails and the caller falls back to
 * the exact search below. ---- */
typedef struct { uint64_t f; int e; } DiyFp;

static DiyFp diy_minus(DiyFp a, DiyFp b) { return (DiyFp){a.f - b.f, a.e}; }

/* Product rounded to 64 bits (the same rounding as double-conversion's DiyFp::Times). */
static DiyFp diy_times(DiyFp x, DiyFp y) {
    const uint64_t M32 = 0xFFFFFFFFu;
    uint64_t a = x.f >> 32, b = x.f & M32, c = y.f >> 32, d = y.f & M32;
    uint64_t ac = a * c, bc = b * c, ad = a * d, bd = b * d;
    uint64_t tmp = (bd >> 32) + (ad & M32) + (bc & M32);
    tmp += 1u << 31;
    return (DiyFp){ac + (ad >> 32) + (bc >> 32) + (tmp >> 32), x.e + y.e + 64};
}

static DiyFp diy_normalize(DiyFp x) {
    int s = __builtin_clzll(x.f);
    return (DiyFp){x.f << s, x.e - s};
}

typedef struct { uint64_t f; int16_t e, k; } CachedPower;
/* 10**k for k = -348, -340, ..., 340 as rounded 64-bit significands (generated exactly). */
static const CachedPower cached_powers[] = {
    {0xfa8fd5a0081c0288ULL, -1220, -348},
    {0xbaaee17fa23ebf76ULL, -1193, -340},
    {0x8b16fb203055ac76ULL, -1166, -332},
    {0xcf42894a5dce35eaULL, -1140, -324},
    {0x9a6bb0aa55653b2dULL, -1113, -316},
    {0xe61acf033d1a45dfULL, -1087, -308},
    {0xab70fe17c79ac6caULL, -1060, -300},
    {0xff77b1fcbebcdc4fULL, -1034, -292},
    {0xbe5691ef416bd60cULL, -1007, -284},
    {0x8dd01fad907ffc3cULL, -980, -276},
    {0xd3515c2831559a83ULL, -954, -268},
    {0x9d71ac8fada6c9b5ULL, -927, -260},
    {0xea9c227723ee8bcbULL, -901, -252},
    {0xaecc49914078536dULL, -874, -244},
    {0x823c12795db6ce57ULL, -847, -236},
    {0xc21094364dfb5637ULL, -821, -228},
    {0x9096ea6f3848984fULL, -794, -220},
    {0xd77485cb25823ac7ULL, -768, -212},
    {0xa086cfcd97bf97f4ULL, -741, -204},
    {0xef340a98172aace5ULL, -715, -196},
    {0xb23867fb2a35b28eULL, -688, -188},
    {0x84c8d4dfd2c63f3bULL, -661, -180},
    {0xc5dd44271ad3cdbaULL, -635, -172},
    {0x936b9fcebb25c996ULL, -608, -164},
    {0xdbac6c247d62a584ULL, -582, -156},
    {0xa3ab66580d5fdaf6ULL, -555, -148},
    {0xf3e2f893dec3f126ULL, -529, -140},
    {0xb5b5ada8aaff80b8ULL, -502, -132},
    {0x87625f056c7c4a8bULL, -475, -124},
    {0xc9bcff6034c13053ULL, -449, -116},
    {0x964e858c91ba2655ULL, -422, -108},
    {0xdff9772470297ebdULL, -396, -100},
    {0xa6dfbd9fb8e5b88fULL, -369, -92},
    {0xf8a95fcf88747d94ULL, -343, -84},
    {0xb94470938fa89bcfULL, -316, -76},
    {0x8a08f0f8bf0f156bULL, -289, -68},
    {0xcdb02555653131b6ULL, -263, -60},
    {0x993fe2c6d07b7facULL, -236, -52},
    {0xe45c10c42a2b3b06ULL, -210, -44},
    {0xaa242499697392d3ULL, -183, -36},
    {0xfd87b5f28300ca0eULL, -157, -28},
    {0xbce5086492111aebULL, -130, -20},
    {0x8cbccc096f5088ccULL, -103, -12},
    {0xd1b71758e219652cULL, -77, -4},
    {0x9c40000000000000ULL, -50, 4},
    {0xe8d4a51000000000ULL, -24, 12},
    {0xad78ebc5ac620000ULL, 3, 20},
    {0x813f3978f8940984ULL, 30, 28},
    {0xc097ce7bc90715b3ULL, 56, 36},
    {0x8f7e32ce7bea5c70ULL, 83, 44},
    {0xd5d238a4abe98068ULL, 109, 52},
    {0x9f4f2726179a2245ULL, 136, 60},
    {0xed63a231d4c4fb27ULL, 162, 68},
    {0xb0de65388cc8ada8ULL, 189, 76},
    {0x83c7088e1aab65dbULL, 216, 84},
    {0xc45d1df942711d9aULL, 242, 92},
    {0x924d692ca61be758ULL, 269, 100},
    {0xda01ee641a708deaULL, 295, 108},
    {0xa26da3999aef774aULL, 322, 116},
    {0xf209787bb47d6b85ULL, 348, 124},
    {0xb454e4a179dd1877ULL, 375, 132},
    {0x865b86925b9bc5c2ULL, 402, 140},
    {0xc83553c5c8965d3dULL, 428, 148},
    {0x952ab45cfa97a0b3ULL, 455, 156},
    {0xde469fbd99a05fe3ULL, 481, 164},
    {0xa59bc234db398c25ULL, 508, 172},
    {0xf6c69a72a3989f5cULL, 534, 180},
    {0xb7dcbf5354e9beceULL, 561, 188},
    {0x88fcf317f22241e2ULL, 588, 196},
    {0xcc20ce9bd35c78a5ULL, 614, 204},
    {0x98165af37b2153dfULL, 641, 212},
    {0xe2a0b5dc971f303aULL, 667, 220},
    {0xa8d9d1535ce3b396ULL, 694, 228},
    {0xfb9b7cd9a4a7443cULL, 720, 236},
    {0xbb764c4ca7a44410ULL, 747, 244},
    {0x8bab8eefb6409c1aULL, 774, 252},
    {0xd01fef10a657842cULL, 800, 260},
    {0x9b10a4e5e9913129ULL, 827, 268},
    {0xe7109bfba19c0c9dULL, 853, 276},
    {0xac2820d9623bf429ULL, 880, 284},
    {0x80444b5e7aa7cf85ULL, 907, 292},
    {0xbf21e44003acdd2dULL, 933, 300},
    {0x8e679c2f5e44ff8fULL, 960, 308},
    {0xd433179d9c8cb841ULL, 986, 316},
    {0x9e19db92b4e31ba9ULL, 1013, 324},
    {0xeb96bf6ebadf77d9ULL, 1039, 332},
    {0xaf87023b9bf0ee6bULL, 1066, 340},
};

static bool round_weed(char *buf, int len, uint64_t dist_high_w, uint64_t unsafe, uint64_t rest,
                       uint64_t ten_kappa, uint64_t unit) {
    uint64_t small_d = dist_high_w - unit, big_d = dist_high_w + unit;
    while (rest < small_d && unsafe - rest >= ten_kappa &&
           (rest + ten_kappa < small_d || small_d - rest >= rest + ten_kappa - small_d)) {
        buf[len - 1]--;
        rest += ten_kappa;
    }
    if (rest < big_d && unsafe - rest >= ten_kappa &&
        (rest + ten_kappa < big_d || big_d - rest > rest + ten_kappa - big_d))
        return false;
    return 2 * unit <= rest && rest <= unsafe - 4 * unit;
}

static bool digit_gen(DiyFp low, DiyFp w, DiyFp high, char *buf, int *len, int *kappa) {
    uint64_t unit = 1;
    DiyFp too_low = {low.f - unit, low.e}, too_high = {high.f + unit, high.e};
    DiyFp unsafe = diy_minus(too_high, too_low);
    int shift = -w.e;
    uint64_t one = (uint64_t)1 << shift;
    uint32_t integrals = (uint32_t)(too_high.f >> shift);
    uint64_t fractionals = too_high.f & (one - 1);
    /* biggest power of ten <= integrals */
    uint32_t divisor = 1;
    int dexp = 0;
    while (dexp < 10 && (uint64_t)divisor * 10 <= integrals) { divisor *= 10; dexp++; }
    if (integrals == 0) { divisor = 0; dexp = -1; }
    *kappa = dexp + 1;
    *len = 0;
    while (*kappa > 0) {
        int digit = (int)(integrals / divisor);
        buf[(*len)++] = (char)('0' + digit);
        integrals %= divisor;
        (*kappa)--;
        uint64_t rest = ((uint64_t)integrals << shift) + fractionals;
        if (rest < unsafe.f)
            return round_weed(buf, *len, diy_minus(too_high, w).f, unsafe.f, rest,
                              (uint64_t)divisor << shift, unit);
        divisor /= 10;
    }
    for (;;) {
        fractionals *= 10;
        unit *= 10;
        unsafe.f *= 10;
        int digit = (int)(fractionals >> shift);
        buf[(*len)++] = (char)('0' + digit);
        fractionals &= one - 1;
        (*kappa)--;
        if (fractionals < unsafe.f)
            return round_weed(buf, *len, diy_minus(too_high, w).f * unit, unsafe.f, fractionals, one, unit);
        if (*len >= 18) return false;
    }
}

/* Shortest digits of d > 0 (finite) by Grisu3; false when it cannot decide. */
static bool grisu3(double d, char *digits, int *ndigits, int *decpt) {
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    uint64_t mant = bits & 0xFFFFFFFFFFFFFull;
    int bexp = (int)((bits >> 52) & 0x7FF);
    DiyFp v;
    if (bexp) v = (DiyFp){mant | ((uint64_t)1 << 52), bexp - 1075};
    else v = (DiyFp){mant, -1074};
    DiyFp w = diy_normalize(v);
    DiyFp m_plus = diy_normalize((DiyFp){(v.f << 1) + 1, v.e - 1});
    DiyFp m_minus;
    if (mant == 0 && bexp > 1) m_minus = (DiyFp){(v.f << 2) - 1, v.e - 2};
    else m_minus = (DiyFp){(v.f << 1) - 1, v.e - 1};
    m_minus.f <<= (m_minus.e - m_plus.e);
    m_minus.e = m_plus.e;
    /* a cached power bringing w's exponent into [-60, -32] */
    int min_exp = -60 - (w.e + 64);
    double kd = ceil((min_exp + 64 - 1) * 0.30102999566398114);
    int index = (348 + (int)kd - 1) / 8 + 1;
    if (index < 0 || index >= (int)(sizeof cached_powers / sizeof cached_powers[0])) return false;
    DiyFp ten_mk = {cached_powers[index].f, cached_powers[index].e};
    int mk = cached_powers[index].k;
    DiyFp sw = diy_times(w, ten_mk), sminus = diy_times(m_minus, ten_mk), splus = diy_times(m_plus, ten_mk);
    if (sw.e < -60 || sw.e > -32) return false;
    int kappa, len;
    if (!digit_gen(sminus, sw, splus, digits, &len, &kappa)) return false;
    digits[len] = 0;
    *ndigits = len;
    *decpt = len + (kappa - mk);
    return true;
}

/* Shortest decimal digits that round-trip to d (d > 0, finite): digits without a point and
 * decpt (the value is 0.DIGITS * 10**decpt). Tries 1..17 significant digits. */
static int shortest_digits(double d, char *digits, int *decpt) {
    int nd;
    if (VT_LIKELY(grisu3(d, digits, &nd, decpt))) return nd;
    char buf[40];
    /* Round-tripping is monotonic in the precision (p-digit decimals are (p+1)-digit ones
     * too, and %e rounds correctly), so binary-search the smallest p; 17 always works. */
    int lo = 1, hi = 17;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        snprintf(buf, sizeof buf, "%.*e", mid - 1, d);
        if (strtod(buf, NULL) == d) hi = mid;
        else lo = mid + 1;
    }
    snprintf(buf, sizeof buf, "%.*e", hi - 1, d);
    int n = 0;
    char *q = buf;
    for (; *q && *q != 'e'; q++)
        if (*q >= '0' && *q <= '9') digits[n++] = *q;
    while (n > 1 && digits[n - 1] == '0') n--;
    digits[n] = 0;
    *decpt = atoi(q + 1) + 1;
    return n;
}

/* repr body of |d| (finite) into buf: CPython's 'r' code. */
static void repr_core(double d, char *buf, bool add_dot_0) {
    if (d == 0.0) {
        strcpy(buf, add_dot_0 ? "0.0" : "0");
        return;
    }
    char dg[24];
    int decpt;
    int n = shortest_digits(d, dg, &decpt);
    char *p = buf;
    if (decpt > 16 || decpt < -3) {
        /* exponent form: d.ddde+XX */
        *p++ = dg[0];
        if (n > 1) {
            *p++ = '.';
            memcpy(p, dg + 1, (size_t)n - 1);
            p += n - 1;
        }
        /* exponent: sign and at least two digits, as "e%+.02d" */
        int x = decpt - 1;
        *p++ = 'e';
        *p++ = x < 0 ? '-' : '+';
        if (x < 0) x = -x;
        if (x >= 100) *p++ = (char)('0' + x / 100);
        *p++ = (char)('0' + (x / 10) % 10);
        *p++ = (char)('0' + x % 10);
        *p = 0;
        return;
    }
    if (decpt <= 0) {
        *p++ = '0';
        *p++ = '.';
        for (int i = 0; i < -decpt; i++) *p++ = '0';
        memcpy(p, dg, (size_t)n);
        p += n;
    } else if (decpt >= n) {
        memcpy(p, dg, (size_t)n);
        p += n;
        for (int i = n; i < decpt; i++) *p++ = '0';
        if (add_dot_0) { *p++ = '.'; *p++ = '0'; }
    } else {
        memcpy(p, dg, (size_t)decpt);
        p += decpt;
        *p++ = '.';
        memcpy(p, dg + decpt, (size_t)(n - decpt));
        p += n - decpt;
    }
    *p = 0;
}

char *float_to_string(double d, char code, int precision, int flags) {
    bool upper = code == 'E' || code == 'F' || code == 'G';
    bool neg = !isnan(d) && signbit(d);
    size_t cap = (size_t)(precision > 0 ? precision : 0) + 340;
    char *out = vt_malloc(cap + 4);
    if (!out) return NULL;
    char *p = out;
    if (neg) *p++ = '-';
    else if (flags & DTSF_SIGN) *p++ = '+';
    if (isnan(d) || isinf(d)) {
        strcpy(p, isnan(d) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
        return out;
    }
    double a = fabs(d);
    if (code == 'r') {
        repr_core(a, p, (flags & DTSF_ADD_DOT_0) != 0);
        if (flags & DTSF_ALT) {
            /* '#' always shows a decimal point: "1.e+300", "2." */
            char *e = strchr(p, 'e');
            if (e && !memchr(p, '.', (size_t)(e - p))) {
                memmove(e + 1, e, strlen(e) + 1);
                *e = '.';
            } else if (!e && !strchr(p, '.')) {
                strcat(p, ".");
            }
        }
        return out;
    }
    if ((code == 'g' || code == 'G') && (flags & DTSF_ADD_DOT_0)) {
        /* Like %g, except that the exponent form is used as soon as the decimal point
         * would fall after the last significant digit (CPython's format_float_short). */
        int prec = precision == 0 ? 1 : precision;
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, a);
        int x = atoi(strchr(tmp, 'e') + 1);
        if (x < -4 || x >= prec - 1) {
            snprintf(p, cap, (flags & DTSF_ALT) ? "%#.*e" : "%.*e", prec - 1, a);
            if (!(flags & DTSF_ALT)) {
                char *e = strchr(p, 'e'), *q = e;
                if (memchr(p, '.', (size_t)(e - p))) {
                    while (q[-1] == '0') q--;
                    if (q[-1] == '.') q--;
                    memmove(q, e, strlen(e) + 1);
                }
            }
            if (code == 'G') { char *e = strchr(p, 'e'); if (e) *e = 'E'; }
            return out;
        }
    }
    char fmt[8] = "%";
    size_t k = 1;
    if (flags & DTSF_ALT) fmt[k++] = '#';
    fmt[k++] = '.';
    fmt[k++] = '*';
    fmt[k++] = code;
    fmt[k] = 0;
    snprintf(p, cap, fmt, precision, a);
    if ((code == 'g' || code == 'G') && (flags & DTSF_ADD_DOT_0) && !strpbrk(p, ".eE"))
        strcat(p, ".0");
    return out;
}

void float_repr_buf(double d, char *buf, size_t size) {
    char tmp[40];
    char *p = tmp;
    if (isnan(d)) strcpy(tmp, "nan");
    else if (isinf(d)) strcpy(tmp, d > 0 ? "inf" : "-inf");
    else {
        if (signbit(d)) *p++ = '-';
        repr_core(fabs(d), p, true);
    }
    size_t n = strlen(tmp);
    if (n >= size) n = size - 1;
    memcpy(buf, tmp, n);
    buf[n] = 0;
}

void float_repr_short(double d, char *buf, size_t size) {
    char tmp[40];
    char *p = tmp;
    if (isnan(d)) strcpy(tmp, "nan");
    else if (isinf(d)) strcpy(tmp, d > 0 ? "inf" : "-inf");
    else {
        if (signbit(d)) *p++ = '-';
        repr_core(fabs(d), p, false);
    }
    snprintf(buf, size, "%s", tmp);
}

/* ---- parsing ---- */

static bool ci_eq(const char *a, const char *b) {
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != *b) return false;
    return *a == 0 && *b == 0;
}

int float_parse_ascii(const char *s, double *out) {
    const char *p = s;
    bool neg = false;
    if (*p == '+' || *p == '-') { neg = *p == '-'; p++; }
    if (ci_eq(p, "inf") || ci_eq(p, "infinity")) { *out = neg ? -HUGE_VAL : HUGE_VAL; return 0; }
    if (ci_eq(p, "nan")) { *out = neg ? -NAN : NAN; return 0; }
    /* digits [. digits] [e [sign] digits] with at least one mantissa digit */
    const char *q = p;
    int nd = 0;
    while (isdigit((unsigned char)*q)) { q++; nd++; }
    if (*q == '.') {
        q++;
        while (isdigit((unsigned char)*q)) { q++; nd++; }
    }
    if (nd == 0) return -1;
    if (*q == 'e' || *q == 'E') {
        q++;
        if (*q == '+' || *q == '-') q++;
        if (!isdigit((unsigned char)*q)) return -1;
        while (isdigit((unsigned char)*q)) q++;
    }
    if (*q) return -1;
    *out = strtod(s, NULL);
    return 0;
}

static bool is_space(unsigned char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

/* float(s): whitespace stripped, underscores allowed only between digits. */
Obj *float_from_string_obj(const char *s, size_t len, Obj *orig) {
    const char *p = s, *end = s + len;
    while (p < end && is_space((unsigned char)*p)) p++;
    while (end > p && is_space((unsigned char)end[-1])) end--;
    size_t n = (size_t)(end - p);
    char stackbuf[128];
    char *buf = n < sizeof stackbuf ? stackbuf : vt_malloc(n + 1);
    if (!buf) return NULL;
    size_t k = 0;
    bool ok = n > 0;
    for (size_t i = 0; i < n && ok; i++) {
        char c = p[i];
        if (c == '_') {
            if (i == 0 || i + 1 >= n || !isdigit((unsigned char)p[i - 1]) || !isdigit((unsigned char)p[i + 1]))
                ok = false;
            continue;
        }
        if (c == 0 || (unsigned char)c >= 0x80) ok = false;
        buf[k++] = c;
    }
    buf[k] = 0;
    double d = 0;
    if (ok && float_parse_ascii(buf, &d) < 0) ok = false;
    if (buf != stackbuf) vt_free(buf);
    if (!ok) {
        if (orig) return err_format(Exc_ValueError, "could not convert string to float: %R", orig);
        Obj *t = str_from_utf8(s, len);
        if (!t) return NULL;
        err_format(Exc_ValueError, "could not convert string to float: %R", t);
        DECREF(t);
        return NULL;
    }
    return float_from_double(d);
}

Obj *float_from_string(const char *s, size_t len) {
    return float_from_string_obj(s, len, NULL);
}

/* ---- round(x, ndigits) ---- */

Obj *float_round_ndigits(double x, int64_t nd) {
    if (!isfinite(x) || x == 0.0) return float_from_double(x);
    if (nd > 323) return float_from_double(x);
    if (nd < -308) return float_from_double(0.0 * x);
    /* Exact: |x| = n * 2**e; N = round_half_even(|x| * 10**nd); result = N / 10**nd. */
    int k;
    double m = frexp(fabs(x), &k);
    long e = k - DBL_MANT_DIG;
    mpz_t num, den, q, r, p10;
    mpz_inits(num, den, q, r, p10, NULL);
    mpz_set_d(num, ldexp(m, DBL_MANT_DIG));
    mpz_set_ui(den, 1);
    if (e >= 0) mpz_mul_2exp(num, num, (mp_bitcnt_t)e);
    else mpz_mul_2exp(den, den, (mp_bitcnt_t)-e);
    mpz_ui_pow_ui(p10, 10, (unsigned long)(nd >= 0 ? nd : -nd));
    if (nd >= 0) mpz_mul(num, num, p10);
    else mpz_mul(den, den, p10);
    mpz_fdiv_qr(q, r, num, den);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, den);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
    double res;
    bool ovf = false;
    if (nd >= 0) {
        Obj *a = int_from_mpz(q), *b = int_from_mpz(p10);
        Obj *f = a && b ? int_true_divide(a, b) : NULL;
        XDECREF(a);
        XDECREF(b);
        if (!f) { mpz_clears(num, den, q, r, p10, NULL); return NULL; }
        res = FLOAT_VALUE(f);
        DECREF(f);
    } else {
        mpz_mul(q, q, p10);
        res = int_mpz_scaled_to_double(q, 0, false, &ovf);
    }
    mpz_clears(num, den, q, r, p10, NULL);
    if (ovf || isinf(res)) return err_set_str(Exc_OverflowError, "rounded value too large to represent");
    return float_from_double(x < 0 ? -res : res);
}

/* ---- hex ---- */

Obj *float_hex_str(double x) {
    char buf[64];
    if (isnan(x) || isinf(x)) {
        float_repr_buf(x, buf, sizeof buf);
        return str_from_cstr(buf);
    }
    if (x == 0.0) return str_from_cstr(signbit(x) ? "-0x0.0p+0" : "0x0.0p+0");
    int e;
    double m = frexp(fabs(x), &e);
    int shift = 1 - (DBL_MIN_EXP - e > 0 ? DBL_MIN_EXP - e : 0);
    m = ldexp(m, shift);
    e -= shift;
    char *p = buf;
    if (x < 0) *p++ = '-';
    *p++ = '0';
    *p++ = 'x';
    int d = (int)m;
    *p++ = "0123456789abcdef"[d];
    m -= d;
    *p++ = '.';
    for (int i = 0; i < 13; i++) {
        m *= 16.0;
        d = (int)m;
        *p++ = "0123456789abcdef"[d];
        m -= d;
    }
    sprintf(p, "p%+d", e);
    return str_from_cstr(buf);
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = (char)tolower((unsigned char)c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* float.fromhex(s): exact, correctly rounded. */
Obj *float_fromhex_str(const char *s, size_t len) {
    const char *p = s, *end = s + len;
    while (p < end && is_space((unsigned char)*p)) p++;
    while (end > p && is_space((unsigned char)end[-1])) end--;
    char word[16];
    size_t wl = (size_t)(end - p);
    bool neg = false;
    const char *q = p;
    if (q < end && (*q == '+' || *q == '-')) { neg = *q == '-'; q++; }
    if (end - q < (long)sizeof word && end - q >= 3) {
        memcpy(word, q, (size_t)(end - q));
        word[end - q] = 0;
        if (ci_eq(word, "inf") || ci_eq(word, "infinity")) return float_from_double(neg ? -HUGE_VAL : HUGE_VAL);
        if (ci_eq(word, "nan")) return float_from_double(neg ? -NAN : NAN);
    }
    (void)wl;
    if (end - q >= 2 && q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) q += 2;
    mpz_t mant;
    mpz_init(mant);
    long nd = 0, frac = 0;
    while (q < end && hexval(*q) >= 0) { mpz_mul_2exp(mant, mant, 4); mpz_add_ui(mant, mant, (unsigned long)hexval(*q)); q++; nd++; }
    if (q < end && *q == '.') {
        q++;
        while (q < end && hexval(*q) >= 0) {
            mpz_mul_2exp(mant, mant, 4);
            mpz_add_ui(mant, mant, (unsigned long)hexval(*q));
            q++; nd++; frac++;
        }
    }
    long exp = 0;
    bool bad = nd == 0;
    if (!bad && q < end && (*q == 'p' || *q == 'P')) {
        q++;
        bool eneg = false;
        if (q < end && (*q == '+' || *q == '-')) { eneg = *q == '-'; q++; }
        if (q >= end || !isdigit((unsigned char)*q)) bad = true;
        while (q < end && isdigit((unsigned char)*q)) {
            if (exp < 100000000) exp = exp * 10 + (*q - '0');
            q++;
        }
        if (eneg) exp = -exp;
    }
    if (bad || q != end) {
        mpz_clear(mant);
        return err_set_str(Exc_ValueError, "invalid hexadecimal floating-point string");
    }
    bool ovf = false;
    double d = mpz_sgn(mant) ? int_mpz_scaled_to_double(mant, exp - 4 * frac, false, &ovf) : 0.0;
    mpz_clear(mant);
    if (ovf) return err_set_str(Exc_OverflowError, "hexadecimal value too large to represent as a float");
    return float_from_double(neg ? -d : d);
}
