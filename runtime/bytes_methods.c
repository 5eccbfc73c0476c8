/* bytes_methods.c: the methods bytes and bytearray share (ASCII-only case rules, searching,
 * splitting, padding, hex conversion, translation). Results have self's kind. */
#include <ctype.h>
#include <string.h>
#include "str.h"

#define SELF_DATA bytes_like_data(self)
#define SELF_SIZE bytes_like_size(self)

static bool b_isspace(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13); }
static bool b_islower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static bool b_isupper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static bool b_isalpha(unsigned char c) { return b_islower(c) || b_isupper(c); }
static bool b_isdigit(unsigned char c) { return c >= '0' && c <= '9'; }

static Obj *same(Obj *self)
{
    if (IS_TYPE(self, &Type_bytes)) return NEWREF(self);
    return bytes_make_like(self, SELF_DATA, SELF_SIZE);
}

/* ---- case ---- */

enum { B_LOWER, B_UPPER, B_SWAP, B_TITLE, B_CAP };

static Obj *bcase(Obj *self, int mode)
{
    size_t n = SELF_SIZE;
    char *buf = vt_malloc(n + 1);
    if (!buf) return NULL;
    const char *s = SELF_DATA;
    bool prev = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool up = b_isupper(c), lo = b_islower(c);
        switch (mode) {
        case B_LOWER: if (up) c += 32; break;
        case B_UPPER: if (lo) c -= 32; break;
        case B_SWAP: if (up) c += 32; else if (lo) c -= 32; break;
        case B_TITLE: if (prev) { if (up) c += 32; } else if (lo) c -= 32; prev = up || lo; break;
        case B_CAP: if (i == 0) { if (lo) c -= 32; } else if (up) c += 32; break;
        }
        buf[i] = (char)c;
    }
    Obj *r = bytes_make_like(self, buf, n);
    vt_free(buf);
    return r;
}

Obj *bytesm_lower(Obj *self, Obj *const *a, size_t n, Obj *k) { return bcase(self, B_LOWER); }
Obj *bytesm_upper(Obj *self, Obj *const *a, size_t n, Obj *k) { return bcase(self, B_UPPER); }
Obj *bytesm_swapcase(Obj *self, Obj *const *a, size_t n, Obj *k) { return bcase(self, B_SWAP); }
Obj *bytesm_title(Obj *self, Obj *const *a, size_t n, Obj *k) { return bcase(self, B_TITLE); }
Obj *bytesm_capitalize(Obj *self, Obj *const *a, size_t n, Obj *k) { return bcase(self, B_CAP); }

static Obj *ball(Obj *self, bool (*pred)(unsigned char))
{
    size_t n = SELF_SIZE;
    const char *s = SELF_DATA;
    if (n == 0) RETURN_BOOL(0);
    for (size_t i = 0; i < n; i++) if (!pred((unsigned char)s[i])) RETURN_BOOL(0);
    RETURN_BOOL(1);
}
static bool b_isalnum(unsigned char c) { return b_isalpha(c) || b_isdigit(c); }

Obj *bytesm_isalnum(Obj *self, Obj *const *a, size_t n, Obj *k) { return ball(self, b_isalnum); }
Obj *bytesm_isalpha(Obj *self, Obj *const *a, size_t n, Obj *k) { return ball(self, b_isalpha); }
Obj *bytesm_isdigit(Obj *self, Obj *const *a, size_t n, Obj *k) { return ball(self, b_isdigit); }
Obj *bytesm_isspace(Obj *self, Obj *const *a, size_t n, Obj *k) { return ball(self, b_isspace); }
Obj *bytesm_isascii(Obj *self, Obj *const *a, size_t n, Obj *k)
{
    const char *s = SELF_DATA;
    for (size_t i = 0; i < SELF_SIZE; i++) if ((unsigned char)s[i] >= 128) RETURN_BOOL(0);
    RETURN_BOOL(1);
}
Obj *bytesm_islower(Obj *self, Obj *const *a, size_t n, Obj *k)
{
    const char *s = SELF_DATA;
    bool cased = false;
    for (size_t i = 0; i < SELF_SIZE; i++) {
        if (b_isupper((unsigned char)s[i])) RETURN_BOOL(0);
        if (b_islower((unsigned char)s[i])) cased = true;
    }
    RETURN_BOOL(cased);
}
Obj *bytesm_isupper(Obj *self, Obj *const *a, size_t n, Obj *k)
{
    const char *s = SELF_DATA;
    bool cased = false;
    for (size_t i = 0; i < SELF_SIZE; i++) {
        if (b_islower((unsigned char)s[i])) RETURN_BOOL(0);
        if (b_isupper((unsigned char)s[i])) cased = true;
    }
    RETURN_BOOL(cased);
}
Obj *bytesm_istitle(Obj *self, Obj *const *a, size_t n, Obj *k)
{
    const char *s = SELF_DATA;
    bool cased = false, prev = false;
    for (size_t i = 0; i < SELF_SIZE; i++) {
        unsigned char c = (unsigned char)s[i];
        if (b_isupper(c)) { if (prev) RETURN_BOOL(0); prev = cased = true; }
        else if (b_islower(c)) { if (!prev) RETURN_BOOL(0); prev = cased = true; }
        else prev = false;
    }
    RETURN_BOOL(cased);
}

/* ---- searching ---- */

static int count_args(const char *name, size_t nargs, Obj *kwnames, size_t min, size_t max)
{
    if (kwnames && TUPLE_SIZE(kwnames)) {
        err_format(Exc_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    if (nargs < min || nargs > max) {
        size_t lim = nargs < min ? min : max;
        err_format(Exc_TypeError, "%s() takes at %s %zu argument%s (%zu given)", name,
                   nargs < min ? "least" : "most", lim, lim == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

/* sub may be an int (a single byte) or bytes-like. */
static int sub_arg(Obj *o, const char **d, size_t *n, char *one)
{
    if (buffer_get(o, d, n) == 0) { if (!*d) *d = ""; return 0; }
    if (INT_CHECK(o) || (TYPE(o)->index && !STR_CHECK(o))) {
        int v = bytes_byte_value(o);
        if (v < 0) return -1;
        *one = (char)v;
        *d = one;
        *n = 1;
        return 0;
    }
    err_format(Exc_TypeError, "argument should be integer or bytes-like object, not '%T'", o);
    return -1;
}

/* Returns the index, -1 not found, -2 error. */
static intptr_t bfind(const char *name, Obj *self, Obj *const *args, size_t nargs, Obj *kwnames, bool rev, intptr_t *count)
{
    if (count_args(name, nargs, kwnames, 1, 3) < 0) return -2;
    const char *sub;
    size_t m;
    char one;
    if (sub_arg(args[0], &sub, &m, &one) < 0) return -2;
    intptr_t len = (intptr_t)SELF_SIZE, s, e;
    if (parse_start_end(nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, len, &s, &e) < 0) return -2;
    if (count) {
        if (s > len || e < s) { *count = 0; return 0; }
        *count = m == 0 ? e - s + 1 : (intptr_t)raw_count(SELF_DATA + s, (size_t)(e - s), sub, m, SIZE_MAX);
        return 0;
    }
    if (s > len || e < s) return -1;
    intptr_t k = rev ? raw_rfind(SELF_DATA + s, (size_t)(e - s), sub, m) : raw_find(SELF_DATA + s, (size_t)(e - s), sub, m);
    return k < 0 ? -1 : k + s;
}

static Obj *find_result(intptr_t k, bool raise)
{
    if (k == -2) return NULL;
    if (k == -1 && raise) return err_set_str(Exc_ValueError, "subsection not found");
    return int_from_i64(k);
}

Obj *bytesm_find(Obj *self, Obj *const *a, size_t n, Obj *k) { return find_result(bfind("find", self, a, n, k, false, NULL), false); }
Obj *bytesm_rfind(Obj *self, Obj *const *a, size_t n, Obj *k) { return find_result(bfind("rfind", self, a, n, k, true, NULL), false); }
Obj *bytesm_index(Obj *self, Obj *const *a, size_t n, Obj *k) { return find_result(bfind("index", self, a, n, k, false, NULL), true); }
Obj *bytesm_rindex(Obj *self, Obj *const *a, size_t n, Obj *k) { return find_result(bfind("rindex", self, a, n, k, true, NULL), true); }
Obj *bytesm_count(Obj *self, Obj *const *a, size_t n, Obj *k)
{
    intptr_t c;
    if (bfind("count", self, a, n, k, false, &c) == -2) return NULL;
    return int_from_i64(c);
}

static Obj *bstarts(const char *name, Obj *self, Obj *const *args, size_t nargs, Obj *kwnames, bool suffix)
{
    if (count_args(name, nargs, kwnames, 1, 3) < 0) return NULL;
    intptr_t len = (intptr_t)SELF_SIZE, s, e;
    if (parse_start_end(nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, len, &s, &e) < 0) return NULL;
    Obj *x = args[0];
    size_t cnt = TUPLE_CHECK(x) ? TUPLE_SIZE(x) : 1;
    for (size_t i = 0; i < cnt; i++) {
        Obj *p = TUPLE_CHECK(x) ? TUPLE_GET(x, i) : x;
        const char *d;
        size_t m;
        if (buffer_get(p, &d, &m) < 0) {
            if (TUPLE_CHECK(x)) return err_format(Exc_TypeError, "a bytes-like object is required, not '%T'", p);
            return err_format(Exc_TypeError, "%s first arg must be bytes or a tuple of bytes, not %T", name, x);
        }
        if (s > len || e - (intptr_t)m < s) continue;
        size_t off = suffix ? (size_t)e - m : (size_t)s;
        if (m == 0 || memcmp(SELF_DATA + off, d, m) == 0) RETURN_BOOL(1);
    }
    RETURN_BOOL(0);
}

Obj *bytesm_startswith(Obj *self, Obj *const *a, size_t n, Obj *k) { return bstarts("startswith", self, a, n, k, false); }
Obj *bytesm_endswith(Obj *self, Obj *const *a, size_t n, Obj *k) { return bstarts("endswith", self, a, n, k, true); }

Obj *bytesm_removeprefix(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    const char *d;
    size_t m;
    if (bytes_arg(args[0], &d, &m) < 0) return NULL;
    if (m <= SELF_SIZE && memcmp(SELF_DATA, d, m) == 0) return bytes_make_like(self, SELF_DATA + m, SELF_SIZE - m);
    return same(self);
}

Obj *bytesm_removesuffix(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    const char *d;
    size_t m, n = SELF_SIZE;
    if (bytes_arg(args[0], &d, &m) < 0) return NULL;
    if (m && m <= n && memcmp(SELF_DATA + n - m, d, m) == 0) return bytes_make_like(self, SELF_DATA, n - m);
    return same(self);
}

/* ---- strip, pad ---- */

static Obj *bstrip(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames, const char *name, bool left, bool right)
{
    if (args_check_count(name, nargs, kwnames, 0, 1) < 0) return NULL;
    const char *chars = NULL;
    size_t nc = 0;
    if (nargs && args[0] != V_None && bytes_arg(args[0], &chars, &nc) < 0) return NULL;
    const char *s = SELF_DATA;
    size_t b = 0, e = SELF_SIZE;
    #define STRIPPABLE(c) (chars ? (nc && memchr(chars, (c), nc) != NULL) : b_isspace((unsigned char)(c)))
    if (left) while (b < e && STRIPPABLE(s[b])) b++;
    if (right) while (e > b && STRIPPABLE(s[e - 1])) e--;
    #undef STRIPPABLE
    if (b == 0 && e == SELF_SIZE) return same(self);
    return bytes_make_like(self, s + b, e - b);
}

Obj *bytesm_strip(Obj *self, Obj *const *a, size_t n, Obj *k) { return bstrip(self, a, n, k, "strip", true, true); }
Obj *bytesm_lstrip(Obj *self, Obj *const *a, size_t n, Obj *k) { return bstrip(self, a, n, k, "lstrip", true, false); }
Obj *bytesm_rstrip(Obj *self, Obj *const *a, size_t n, Obj *k) { return bstrip(self, a, n, k, "rstrip", false, true); }

static int get_int(Obj *o, intptr_t *w)
{
    if (!INT_CHECK(o) && !TYPE(o)->index) {
        err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", o);
        return -1;
    }
    int64_t v = str_arg_ssize(o);
    if (v == -1 && err_occurred()) return -1;
    *w = (intptr_t)v;
    return 0;
}

static Obj *bpad(Obj *self, intptr_t left, intptr_t right, char fill)
{
    if (left < 0) left = 0;
    if (right < 0) right = 0;
    if (!left && !right) return same(self);
    size_t n = SELF_SIZE, total = n + (size_t)left + (size_t)right;
    char *buf = vt_malloc(total + 1);
    if (!buf) return NULL;
    memset(buf, fill, (size_t)left);
    if (n) memcpy(buf + left, SELF_DATA, n);
    memset(buf + left + n, fill, (size_t)right);
    Obj *r = bytes_make_like(self, buf, total);
    vt_free(buf);
    return r;
}

static int pad_args(const char *name, Obj *const *args, size_t nargs, Obj *kwnames, intptr_t *w, char *fill)
{
    if (args_check_count(name, nargs, kwnames, 1, 2) < 0) return -1;
    if (get_int(args[0], w) < 0) return -1;
    *fill = ' ';
    if (nargs > 1) {
        const char *d;
        size_t m;
        if (buffer_get(args[1], &d, &m) < 0 || m != 1 || STR_CHECK(args[1])) {
            err_format(Exc_TypeError, "%s() argument 2 must be a byte string of length 1, not %T", name, args[1]);
            return -1;
        }
        *fill = d[0];
    }
    return 0;
}

Obj *bytesm_ljust(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    intptr_t w; char f;
    if (pad_args("ljust", args, nargs, kw, &w, &f) < 0) return NULL;
    return bpad(self, 0, w - (intptr_t)SELF_SIZE, f);
}

Obj *bytesm_rjust(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    intptr_t w; char f;
    if (pad_args("rjust", args, nargs, kw, &w, &f) < 0) return NULL;
    return bpad(self, w - (intptr_t)SELF_SIZE, 0, f);
}

Obj *bytesm_center(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    intptr_t w; char f;
    if (pad_args("center", args, nargs, kw, &w, &f) < 0) return NULL;
    intptr_t marg = w - (intptr_t)SELF_SIZE;
    if (marg <= 0) return same(self);
    intptr_t left = marg / 2 + (marg & w & 1);
    return bpad(self, left, marg - left, f);
}

Obj *bytesm_zfill(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    intptr_t w;
    if (get_int(args[0], &w) < 0) return NULL;
    size_t n = SELF_SIZE;
    intptr_t fill = w - (intptr_t)n;
    if (fill <= 0) return same(self);
    char *buf = vt_malloc((size_t)w + 1);
    if (!buf) return NULL;
    const char *s = SELF_DATA;
    size_t sign = n && (s[0] == '+' || s[0] == '-');
    memcpy(buf, s, sign);
    memset(buf + sign, '0', (size_t)fill);
    memcpy(buf + sign + fill, s + sign, n - sign);
    Obj *r = bytes_make_like(self, buf, (size_t)w);
    vt_free(buf);
    return r;
}

Obj *bytesm_expandtabs(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"tabsize"};
    Obj *a[1];
    if (args_parse("expandtabs", args, nargs, kwnames, names, 1, 0, 1, a) < 0) return NULL;
    intptr_t tab = 8;
    if (a[0] && get_int(a[0], &tab) < 0) return NULL;
    StrBuilder sb;   /* used as a plain byte buffer */
    sb_init(&sb);
    const char *s = SELF_DATA;
    intptr_t col = 0;
    for (size_t i = 0; i < SELF_SIZE; i++) {
        char c = s[i];
        int r = 0;
        if (c == '\t') {
            if (tab > 0) {
                intptr_t k = tab - col % tab;
                col += k;
                while (k-- > 0 && r == 0) r = sb_append_char(&sb, ' ');
            }
        } else {
            r = sb_append_char(&sb, c);
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
        if (r < 0) { sb_discard(&sb); return NULL; }
    }
    Obj *r = bytes_make_like(self, sb.buf ? sb.buf : "", sb.len);
    sb_discard(&sb);
    return r;
}

/* ---- join, replace ---- */

Obj *bytesm_join(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    Obj *seq = seq_to_list(args[0]);
    if (!seq) {
        if (err_matches(Exc_TypeError)) {
            err_clear();
            return err_set_str(Exc_TypeError, "can only join an iterable");
        }
        return NULL;
    }
    size_t n = LIST_SIZE(seq), total = 0, sepn = SELF_SIZE;
    for (size_t i = 0; i < n; i++) {
        const char *d;
        size_t m;
        if (buffer_get(LIST_GET(seq, i), &d, &m) < 0) {
            err_format(Exc_TypeError, "sequence item %zu: expected a bytes-like object, %T found", i, LIST_GET(seq, i));
            DECREF(seq);
            return NULL;
        }
        total += m + (i ? sepn : 0);
    }
    char *buf = vt_malloc(total + 1), *p = buf;
    if (!buf) { DECREF(seq); return NULL; }
    for (size_t i = 0; i < n; i++) {
        const char *d;
        size_t m;
        buffer_get(LIST_GET(seq, i), &d, &m);
        if (i && sepn) { memcpy(p, SELF_DATA, sepn); p += sepn; }
        if (m) memcpy(p, d, m);
        p += m;
    }
    DECREF(seq);
    Obj *r = bytes_make_like(self, buf, total);
    vt_free(buf);
    return r;
}

Obj *bytesm_replace(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    if (args_check_count("replace", nargs, kwnames, 2, 3) < 0) return NULL;
    const char *old, *new;
    size_t no, nn;
    if (bytes_arg(args[0], &old, &no) < 0 || bytes_arg(args[1], &new, &nn) < 0) return NULL;
    intptr_t count = -1;
    if (nargs > 2 && get_int(args[2], &count) < 0) return NULL;
    size_t max = count < 0 ? SIZE_MAX : (size_t)count, done = 0;
    const char *s = SELF_DATA;
    size_t n = SELF_SIZE;
    StrBuilder sb;
    sb_init(&sb);
    int r = 0;
    if (no == 0) {
        size_t i = 0;
        while (r == 0 && done < max) {
            r = sb_append(&sb, new, nn);
            done++;
            if (i >= n) break;
            if (r == 0) r = sb_append_char(&sb, s[i++]);
        }
        if (r == 0) r = sb_append(&sb, s + i, n - i);
    } else {
        size_t i = 0;
        while (r == 0 && done < max) {
            intptr_t k = raw_find(s + i, n - i, old, no);
            if (k < 0) break;
            r = sb_append(&sb, s + i, (size_t)k);
            if (r == 0) r = sb_append(&sb, new, nn);
            i += (size_t)k + no;
            done++;
        }
        if (r == 0) r = sb_append(&sb, s + i, n - i);
    }
    Obj *res = r < 0 ? NULL : bytes_make_like(self, sb.buf ? sb.buf : "", sb.len);
    sb_discard(&sb);
    return res;
}

/* ---- split family ---- */

static int add_piece(Obj *list, Obj *self, const char *p, size_t n)
{
    Obj *x = bytes_make_like(self, p, n);
    if (!x) return -1;
    return list_append_steal(list, x);
}

static void reverse_list(Obj *list)
{
    Obj **it = LIST_ITEMS(list);
    for (size_t i = 0, j = LIST_SIZE(list); i + 1 < j; i++, j--) { Obj *t = it[i]; it[i] = it[j - 1]; it[j - 1] = t; }
}

static Obj *bsplit(const char *name, Obj *self, Obj *const *args, size_t nargs, Obj *kwnames, bool right)
{
    static const char *const names[] = {"sep", "maxsplit"};
    Obj *a[2];
    if (args_parse(name, args, nargs, kwnames, names, 2, 0, 2, a) < 0) return NULL;
    intptr_t maxsplit = -1;
    if (a[1] && get_int(a[1], &maxsplit) < 0) return NULL;
    size_t max = maxsplit < 0 ? SIZE_MAX : (size_t)maxsplit, done = 0;
    const char *sep = NULL;
    size_t m = 0;
    if (a[0] && a[0] != V_None) {
        if (bytes_arg(a[0], &sep, &m) < 0) return NULL;
        if (m == 0) return err_set_str(Exc_ValueError, "empty separator");
    }
    const char *s = SELF_DATA;
    size_t n = SELF_SIZE;
    Obj *list = list_new(0);
    if (!list) return NULL;
    if (!sep) {
        if (!right) {
            size_t i = 0;
            for (;;) {
                while (i < n && b_isspace((unsigned char)s[i])) i++;
                if (i >= n) break;
                if (done == max) {
                    if (add_piece(list, self, s + i, n - i) < 0) goto fail;
                    break;
                }
                size_t st = i;
                while (i < n && !b_isspace((unsigned char)s[i])) i++;
                if (add_piece(list, self, s + st, i - st) < 0) goto fail;
                done++;
            }
        } else {
            size_t j = n;
            for (;;) {
                while (j > 0 && b_isspace((unsigned char)s[j - 1])) j--;
                if (j == 0) break;
                if (done == max) {
                    if (add_piece(list, self, s, j) < 0) goto fail;
                    break;
                }
                size_t en = j;
                while (j > 0 && !b_isspace((unsigned char)s[j - 1])) j--;
                if (add_piece(list, self, s + j, en - j) < 0) goto fail;
                done++;
            }
            reverse_list(list);
        }
        return list;
    }
    if (!right) {
        size_t i = 0;
        while (done < max) {
            intptr_t k = raw_find(s + i, n - i, sep, m);
            if (k < 0) break;
            if (add_piece(list, self, s + i, (size_t)k) < 0) goto fail;
            i += (size_t)k + m;
            done++;
        }
        if (add_piece(list, self, s + i, n - i) < 0) goto fail;
    } else {
        size_t j = n;
        while (done < max) {
            intptr_t k = raw_rfind(s, j, sep, m);
            if (k < 0) break;
            if (add_piece(list, self, s + k + m, j - (size_t)k - m) < 0) goto fail;
            j = (size_t)k;
            done++;
        }
        if (add_piece(list, self, s, j) < 0) goto fail;
        reverse_list(list);
    }
    return list;
fail:
    DECREF(list);
    return NULL;
}

Obj *bytesm_split(Obj *self, Obj *const *a, size_t n, Obj *k) { return bsplit("split", self, a, n, k, false); }
Obj *bytesm_rsplit(Obj *self, Obj *const *a, size_t n, Obj *k) { return bsplit("rsplit", self, a, n, k, true); }

Obj *bytesm_splitlines(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"keepends"};
    Obj *a[1];
    if (args_parse("splitlines", args, nargs, kwnames, names, 1, 0, 1, a) < 0) return NULL;
    int keep = 0;
    if (a[0] && (keep = obj_is_true(a[0])) < 0) return NULL;
    Obj *list = list_new(0);
    if (!list) return NULL;
    const char *s = SELF_DATA;
    size_t n = SELF_SIZE, i = 0;
    while (i < n) {
        size_t st = i;
        while (i < n && s[i] != '\n' && s[i] != '\r') i++;
        size_t eol = i;
        if (i < n) {
            if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') i += 2;
            else i++;
        }
        if (add_piece(list, self, s + st, (keep ? i : eol) - st) < 0) { DECREF(list); return NULL; }
    }
    return list;
}

static Obj *bpartition(Obj *self, Obj *sepo, bool right)
{
    const char *sep;
    size_t m;
    if (bytes_arg(sepo, &sep, &m) < 0) return NULL;
    if (m == 0) return err_set_str(Exc_ValueError, "empty separator");
    const char *s = SELF_DATA;
    size_t n = SELF_SIZE;
    intptr_t k = right ? raw_rfind(s, n, sep, m) : raw_find(s, n, sep, m);
    Obj *x, *y, *z;
    if (k < 0) {
        x = right ? bytes_make_like(self, "", 0) : same(self);
        y = bytes_make_like(self, "", 0);
        z = right ? same(self) : bytes_make_like(self, "", 0);
    } else {
        x = bytes_make_like(self, s, (size_t)k);
        y = BYTES_CHECK(self) && IS_TYPE(sepo, &Type_bytes) ? NEWREF(sepo) : bytes_make_like(self, sep, m);
        z = bytes_make_like(self, s + k + m, n - (size_t)k - m);
    }
    Obj *t = (x && y && z) ? tuple_pack(3, x, y, z) : NULL;
    XDECREF(x); XDECREF(y); XDECREF(z);
    return t;
}

Obj *bytesm_partition(Obj *self, Obj *const *a, size_t n, Obj *k) { return bpartition(self, a[0], false); }
Obj *bytesm_rpartition(Obj *self, Obj *const *a, size_t n, Obj *k) { return bpartition(self, a[0], true); }

/* ---- hex, fromhex, decode ---- */

Obj *bytesm_hex(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"sep", "bytes_per_sep"};
    static const char hexd[] = "0123456789abcdef";
    Obj *a[2];
    if (args_parse("hex", args, nargs, kwnames, names, 2, 0, 2, a) < 0) return NULL;
    char sep = 0;
    intptr_t per = 1;
    if (a[0]) {
        const char *d;
        size_t m;
        if (STR_CHECK(a[0])) {
            if (STR_LEN(a[0]) != 1) return err_set_str(Exc_ValueError, "sep must be length 1.");
            if (!((StrObj *)a[0])->ascii) return err_set_str(Exc_ValueError, "sep must be ASCII.");
            sep = STR_DATA(a[0])[0];
        } else if (buffer_get(a[0], &d, &m) == 0) {
            if (m != 1) return err_set_str(Exc_ValueError, "sep must be length 1.");
            sep = d[0];
        } else {
            return err_set_str(Exc_TypeError, "sep must be str or bytes.");
        }
    }
    if (a[1] && get_int(a[1], &per) < 0) return NULL;
    const unsigned char *s = (const unsigned char *)SELF_DATA;
    size_t n = SELF_SIZE;
    StrBuilder sb;
    sb_init(&sb);
    size_t group = per < 0 ? (size_t)-per : (size_t)per;
    for (size_t i = 0; i < n; i++) {
        if (sep && group && i) {
            /* positive: groups counted from the right; negative: from the left */
            bool boundary = per > 0 ? (n - i) % group == 0 : i % group == 0;
            if (boundary && sb_append_char(&sb, sep) < 0) goto fail;
        }
        char h[2] = {hexd[s[i] >> 4], hexd[s[i] & 15]};
        if (sb_append(&sb, h, 2) < 0) goto fail;
    }
    return sb_finish(&sb);
fail:
    sb_discard(&sb);
    return NULL;
}

/* Code-point position of byte offset off in str s (for fromhex's message). */
static size_t cp_index_of(Obj *s, size_t off)
{
    size_t n = 0;
    for (size_t i = 0; i < off; i++) n += ((unsigned char)STR_DATA(s)[i] & 0xC0) != 0x80;
    return n;
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

Obj *bytesm_fromhex(Obj *cls, Obj *const *args, size_t nargs, Obj *kw)
{
    Obj *s = args[0];
    if (!STR_CHECK(s)) return err_format(Exc_TypeError, "fromhex() argument must be str, not %T", s);
    const unsigned char *p = (const unsigned char *)STR_DATA(s);
    size_t n = STR_SIZE(s), len = 0;
    char *buf = vt_malloc(n / 2 + 1);
    if (!buf) return NULL;
    size_t i = 0;
    while (i < n) {
        if (p[i] == ' ' || (p[i] >= 9 && p[i] <= 13)) { i++; continue; }
        int hi = hexval(p[i]), lo = i + 1 < n ? hexval(p[i + 1]) : -1;
        if (hi < 0 || lo < 0) {
            size_t pos = cp_index_of(s, hi < 0 ? i : i + 1);
            vt_free(buf);
            return err_format(Exc_ValueError, "non-hexadecimal number found in fromhex() arg at position %zu", pos);
        }
        buf[len++] = (char)(hi * 16 + lo);
        i += 2;
    }
    Obj *r;
    if ((Type *)cls == &Type_bytearray) r = bytearray_from_data(buf, len);
    else {
        r = bytes_from_data(buf, len);
        if (r && (Type *)cls != &Type_bytes) {
            Obj *x = obj_call1(cls, r);
            DECREF(r);
            r = x;
        }
    }
    vt_free(buf);
    return r;
}

Obj *bytesm_decode(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"encoding", "errors"};
    Obj *a[2];
    if (args_parse("decode", args, nargs, kwnames, names, 2, 0, 2, a) < 0) return NULL;
    if (a[0] && !STR_CHECK(a[0])) return err_format(Exc_TypeError, "decode() argument 'encoding' must be str, not %T", a[0]);
    if (a[1] && !STR_CHECK(a[1])) return err_format(Exc_TypeError, "decode() argument 'errors' must be str, not %T", a[1]);
    return codec_decode(SELF_DATA, SELF_SIZE, a[0] ? STR_DATA(a[0]) : NULL, a[1] ? STR_DATA(a[1]) : NULL);
}

/* ---- translate, maketrans ---- */

Obj *bytesm_translate(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"", "delete"};
    Obj *a[2];
    if (args_parse("translate", args, nargs, kwnames, names, 2, 1, 2, a) < 0) return NULL;
    const char *table = NULL, *del = "";
    size_t tn = 0, dn = 0;
    if (a[0] != V_None) {
        if (bytes_arg(a[0], &table, &tn) < 0) return NULL;
        if (tn != 256) return err_set_str(Exc_ValueError, "translation table must be 256 characters long");
    }
    if (a[1] && bytes_arg(a[1], &del, &dn) < 0) return NULL;
    const char *s = SELF_DATA;
    size_t n = SELF_SIZE, len = 0;
    char *buf = vt_malloc(n + 1);
    if (!buf) return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (dn && memchr(del, c, dn)) continue;
        buf[len++] = table ? table[c] : (char)c;
    }
    Obj *r = bytes_make_like(self, buf, len);
    vt_free(buf);
    return r;
}

Obj *bytesm_maketrans(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    if (args_check_count("maketrans", nargs, kwnames, 2, 2) < 0) return NULL;
    const char *f, *t;
    size_t nf, nt;
    if (bytes_arg(args[0], &f, &nf) < 0 || bytes_arg(args[1], &t, &nt) < 0) return NULL;
    if (nf != nt) return err_set_str(Exc_ValueError, "maketrans arguments must have same length");
    char table[256];
    for (int i = 0; i < 256; i++) table[i] = (char)i;
    for (size_t i = 0; i < nf; i++) table[(unsigned char)f[i]] = t[i];
    return bytes_from_data(table, 256);
}
