/* str_methods.c: str methods: case mapping, predicates, searching, stripping, padding, join,
 * replace (splitting, partitioning and translation are in str_split.c). */
#define _GNU_SOURCE
#include <string.h>
#include "str.h"
#include "names.h"

/* ---- shared helpers ---- */

intptr_t raw_find(const char *h, size_t hn, const char *n, size_t nn)
{
    if (nn == 0) return 0;
    if (nn > hn) return -1;
    if (nn == 1) {
        const char *p = memchr(h, n[0], hn);
        return p ? p - h : -1;
    }
    const char *p = memmem(h, hn, n, nn);
    return p ? p - h : -1;
}

intptr_t raw_rfind(const char *h, size_t hn, const char *n, size_t nn)
{
    if (nn > hn) return -1;
    if (nn == 0) return (intptr_t)hn;
    if (nn == 1) {
        const char *p = memrchr(h, n[0], hn);
        return p ? p - h : -1;
    }
    for (size_t i = hn - nn + 1; i-- > 0;)
        if (h[i] == n[0] && memcmp(h + i, n, nn) == 0) return (intptr_t)i;
    return -1;
}

/* Non-overlapping occurrences (at most max); nn == 0 is handled by callers. */
size_t raw_count(const char *h, size_t hn, const char *n, size_t nn, size_t max)
{
    size_t c = 0, i = 0;
    if (nn == 1) {
        /* single byte: a tight loop the compiler vectorises */
        for (; i < hn; i++) c += h[i] == n[0];
        return c < max ? c : max;
    }
    while (c < max && i + nn <= hn) {
        intptr_t k = raw_find(h + i, hn - i, n, nn);
        if (k < 0) break;
        c++;
        i += (size_t)k + nn;
    }
    return c;
}

/* One slice-index argument (None or __index__), clamped like CPython's _PyEval_SliceIndex. */
static int slice_index(Obj *o, intptr_t *out)
{
    if (!o || o == V_None) return 0;
    if (IS_SMALL(o)) { *out = (intptr_t)SMALL_VALUE(o); return 0; }
    if (!TYPE(o)->index) {
        err_set_str(Exc_TypeError, "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    Obj *i = obj_index(o);
    if (!i) return -1;
    *out = int_sign(i) < 0 ? INTPTR_MIN : INTPTR_MAX;
    int64_t v;
    if (int_as_i64_checked(i, &v) == 0) *out = (intptr_t)v;
    DECREF(i);
    return 0;
}

/* start/end arguments adjusted as CPython's ADJUST_INDICES (end may end up < start). */
int parse_start_end(Obj *start, Obj *end, intptr_t len, intptr_t *s, intptr_t *e)
{
    *s = 0;
    *e = INTPTR_MAX;
    if (slice_index(start, s) < 0 || slice_index(end, e) < 0) return -1;
    if (*e > len) *e = len;
    else if (*e < 0) { *e += len; if (*e < 0) *e = 0; }
    if (*s < 0) { *s += len; if (*s < 0) *s = 0; }
    return 0;
}

/* "name() takes at least 1 argument (0 given)"-style count check for find-like methods. */
static int count_args(const char *name, size_t nargs, Obj *kwnames, size_t min, size_t max)
{
    if (kwnames && TUPLE_SIZE(kwnames)) {
        err_format(Exc_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    if (nargs < min) {
        err_format(Exc_TypeError, "%s() takes at least %zu argument%s (%zu given)", name, min, min == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > max) {
        err_format(Exc_TypeError, "%s() takes at most %zu argument%s (%zu given)", name, max, max == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

static Obj *need_str(Obj *o)
{
    if (STR_CHECK(o)) return o;
    err_format(Exc_TypeError, "must be str, not %T", o);
    return NULL;
}

/* Decode a str into a malloc'ed code-point array. */
static uint32_t *decode_cps(Obj *s)
{
    size_t n = STR_LEN(s);
    uint32_t *cps = vt_malloc((n ? n : 1) * sizeof(uint32_t));
    if (!cps) return NULL;
    const char *p = STR_DATA(s);
    for (size_t i = 0; i < n; i++) cps[i] = utf8_next(&p);
    return cps;
}

static Obj *self_or_copy(Obj *self)
{
    if (STR_CHECK_EXACT(self)) return NEWREF(self);
    return str_from_valid(STR_DATA(self), STR_SIZE(self), STR_LEN(self));
}

/* Code-point index of byte offset `off` in s. */
static size_t cp_index(Obj *s, size_t off)
{
    if (((StrObj *)s)->ascii) return off;
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)STR_DATA(s);
    for (size_t i = 0; i < off; i++) n += (p[i] & 0xC0) != 0x80;
    return n;
}

/* ---- case mapping ---- */

/* Final-sigma rule of CPython's lower(): U+03A3 preceded by a cased letter and not followed
 * by one (case-ignorable code points skipped) becomes U+03C2. */
static uint32_t capital_sigma(const uint32_t *cps, size_t n, size_t i)
{
    size_t j = i;
    uint32_t c = 0;
    bool found = false;
    while (j-- > 0) {
        c = cps[j];
        if (!uni_has(c, UNI_CASE_IGNORABLE)) { found = true; break; }
    }
    bool final = found && uni_has(c, UNI_CASED);
    if (final && i + 1 < n) {
        size_t k;
        for (k = i + 1; k < n; k++) {
            c = cps[k];
            if (!uni_has(c, UNI_CASE_IGNORABLE)) break;
        }
        final = k == n || !uni_has(c, UNI_CASED);
    }
    return final ? 0x3C2 : 0x3C3;
}

static int append_lower(StrBuilder *sb, const uint32_t *cps, size_t n, size_t i)
{
    if (cps[i] < 128) return sb_append_char(sb, (char)(cps[i] >= 'A' && cps[i] <= 'Z' ? cps[i] + 32 : cps[i]));
    if (cps[i] == 0x3A3) return sb_append_codepoint(sb, capital_sigma(cps, n, i));
    uint32_t m[3];
    int k = uni_map(cps[i], UNI_MAP_LOWER, m);
    for (int j = 0; j < k; j++) if (sb_append_codepoint(sb, m[j]) < 0) return -1;
    return 0;
}

static int append_map(StrBuilder *sb, uint32_t c, int which)
{
    if (c < 128) {
        if (which == UNI_MAP_UPPER || which == UNI_MAP_TITLE) { if (c >= 'a' && c <= 'z') c -= 32; }
        else if (c >= 'A' && c <= 'Z') c += 32;
        return sb_append_char(sb, (char)c);
    }
    uint32_t m[3];
    int k = uni_map(c, which, m);
    for (int j = 0; j < k; j++) if (sb_append_codepoint(sb, m[j]) < 0) return -1;
    return 0;
}

enum { CASE_LOWER, CASE_UPPER, CASE_SWAP, CASE_TITLE, CASE_CAPITALIZE, CASE_FOLD };

static Obj *ascii_case(Obj *self, int mode)
{
    size_t n = STR_SIZE(self);
    Obj *r = str_new_raw(n);
    if (!r) return NULL;
    const char *s = STR_DATA(self);
    char *d = STR_DATA(r);
    bool prev_cased = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
        switch (mode) {
        case CASE_LOWER: case CASE_FOLD: if (up) c += 32; break;
        case CASE_UPPER: if (lo) c -= 32; break;
        case CASE_SWAP: if (up) c += 32; else if (lo) c -= 32; break;
        case CASE_TITLE:
            if (prev_cased) { if (up) c += 32; } else if (lo) c -= 32;
            prev_cased = up || lo;
            break;
        case CASE_CAPITALIZE:
            if (i == 0) { if (lo) c -= 32; } else if (up) c += 32;
            break;
        }
        d[i] = c;
    }
    StrObj *rs = (StrObj *)r;
    rs->length = n;
    rs->ascii = 1;
    return r;
}

static Obj *change_case(Obj *self, int mode)
{
    if (((StrObj *)self)->ascii) return ascii_case(self, mode);
    size_t n = STR_LEN(self);
    uint32_t *cps = decode_cps(self);
    if (!cps) return NULL;
    StrBuilder sb;
    sb_init(&sb);
    bool prev_cased = false;
    int r = 0;
    for (size_t i = 0; i < n && r == 0; i++) {
        uint32_t c = cps[i];
        switch (mode) {
        case CASE_LOWER: r = append_lower(&sb, cps, n, i); break;
        case CASE_UPPER: r = append_map(&sb, c, UNI_MAP_UPPER); break;
        case CASE_FOLD: r = append_map(&sb, c, UNI_MAP_FOLD); break;
        case CASE_SWAP:
            if (uni_has(c, UNI_UPPER)) r = append_lower(&sb, cps, n, i);
            else if (uni_has(c, UNI_LOWER)) r = append_map(&sb, c, UNI_MAP_UPPER);
            else r = sb_append_codepoint(&sb, c);
            break;
        case CASE_TITLE:
            if (prev_cased) r = append_lower(&sb, cps, n, i);
            else r = append_map(&sb, c, UNI_MAP_TITLE);
            prev_cased = uni_has(c, UNI_CASED);
            break;
        case CASE_CAPITALIZE:
            if (i == 0) r = append_map(&sb, c, UNI_MAP_TITLE);
            else r = append_lower(&sb, cps, n, i);
            break;
        }
    }
    vt_free(cps);
    if (r < 0) { sb_discard(&sb); return NULL; }
    return sb_finish(&sb);
}

#define CASE_METHOD(name, mode) \
    static Obj *strm_##name(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) \
    { return change_case(self, mode); }
CASE_METHOD(lower, CASE_LOWER)
CASE_METHOD(upper, CASE_UPPER)
CASE_METHOD(swapcase, CASE_SWAP)
CASE_METHOD(title, CASE_TITLE)
CASE_METHOD(capitalize, CASE_CAPITALIZE)
CASE_METHOD(casefold, CASE_FOLD)

/* ---- predicates ---- */

/* All code points have one of `flags`; empty -> empty_result. */
static Obj *all_have(Obj *self, int flags, bool empty_result)
{
    if (STR_SIZE(self) == 0) RETURN_BOOL(empty_result);
    const char *p = STR_DATA(self), *end = p + STR_SIZE(self);
    while (p < end) {
        uint32_t c = utf8_next(&p);
        if (!uni_has(c, flags)) RETURN_BOOL(0);
    }
    RETURN_BOOL(1);
}

static Obj *strm_isalpha(Obj *self, Obj *const *a, size_t n, Obj *k) { return all_have(self, UNI_ALPHA, false); }
static Obj *strm_isdecimal(Obj *self, Obj *const *a, size_t n, Obj *k) { return all_have(self, UNI_DECIMAL, false); }
static Obj *strm_isdigit(Obj *self, Obj *const *a, size_t n, Obj *k) { return all_have(self, UNI_DIGIT, false); }
static Obj *strm_isnumeric(Obj *self, Obj *const *a, size_t n, Obj *k) { return all_have(self, UNI_NUMERIC, false); }
static Obj *strm_isspace(Obj *self, Obj *const *a, size_t n, Obj *k) { return all_have(self, UNI_SPACE, false); }
static Obj *strm_isprintable(Obj *self, Obj *const *a, size_t n, Obj *k) { return all_have(self, UNI_PRINTABLE, true); }
static Obj *strm_isalnum(Obj *self, Obj *const *a, size_t n, Obj *k)
{
    return all_have(self, UNI_ALPHA | UNI_DECIMAL | UNI_DIGIT | UNI_NUMERIC, false);
}
static Obj *strm_isascii(Obj *self, Obj *const *a, size_t n, Obj *k) { RETURN_BOOL(((StrObj *)self)->ascii); }

static Obj *strm_islower(Obj *self, Obj *const *a, size_t n, Obj *k)
{
    const char *p = STR_DATA(self), *end = p + STR_SIZE(self);
    bool cased = false;
    while (p < end) {
        uint32_t c = utf8_next(&p);
        if (uni_has(c, UNI_UPPER | UNI_TITLE)) RETURN_BOOL(0);
        if (uni_has(c, UNI_LOWER)) cased = true;
    }
    RETURN_BOOL(cased);
}

static Obj *strm_isupper(Obj *self, Obj *const *a, size_t n, Obj *k)
{
    const char *p = STR_DATA(self), *end = p + STR_SIZE(self);
    bool cased = false;
    while (p < end) {
        uint32_t c = utf8_next(&p);
        if (uni_has(c, UNI_LOWER | UNI_TITLE)) RETURN_BOOL(0);
        if (uni_has(c, UNI_UPPER)) cased = true;
    }
    RETURN_BOOL(cased);
}

static Obj *strm_istitle(Obj *self, Obj *const *a, size_t n, Obj *k)
{
    const char *p = STR_DATA(self), *end = p + STR_SIZE(self);
    bool cased = false, prev = false;
    while (p < end) {
        uint32_t c = utf8_next(&p);
        if (uni_has(c, UNI_UPPER | UNI_TITLE)) {
            if (prev) RETURN_BOOL(0);
            prev = cased = true;
        } else if (uni_has(c, UNI_LOWER)) {
            if (!prev) RETURN_BOOL(0);
            prev = cased = true;
        } else {
            prev = false;
        }
    }
    RETURN_BOOL(cased);
}

static Obj *strm_isidentifier(Obj *self, Obj *const *a, size_t n, Obj *k)
{
    const char *p = STR_DATA(self), *end = p + STR_SIZE(self);
    if (p == end) RETURN_BOOL(0);
    uint32_t c = utf8_next(&p);
    if (!uni_has(c, UNI_XID_START) && c != '_') RETURN_BOOL(0);
    while (p < end)
        if (!uni_has(utf8_next(&p), UNI_XID_CONTINUE)) RETURN_BOOL(0);
    RETURN_BOOL(1);
}

/* ---- searching ---- */

/* Parse (sub[, start[, end]]) and resolve to a byte range of self; returns 1 if the range is
 * empty-invalid (start > len or end < start), 0 ok, -1 error. */
typedef struct {
    Obj *sub;
    intptr_t start, end;   /* code points */
    size_t bstart, bend;   /* bytes */
} SearchArgs;

static int search_args(const char *name, Obj *self, Obj *const *args, size_t nargs, Obj *kwnames, SearchArgs *sa)
{
    if (count_args(name, nargs, kwnames, 1, 3) < 0) return -1;
    if (!need_str(args[0])) return -1;
    sa->sub = args[0];
    intptr_t len = (intptr_t)STR_LEN(self);
    if (parse_start_end(nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, len, &sa->start, &sa->end) < 0)
        return -1;
    if (sa->start > len || sa->end < sa->start) return 1;
    sa->bstart = str_offset(self, (size_t)sa->start);
    sa->bend = str_offset(self, (size_t)sa->end);
    return 0;
}

static intptr_t find_impl(const char *name, Obj *self, Obj *const *args, size_t nargs, Obj *kwnames, bool rev)
{
    SearchArgs sa;
    int r = search_args(name, self, args, nargs, kwnames, &sa);
    if (r < 0) return -2;
    if (r > 0) return -1;
    const char *h = STR_DATA(self) + sa.bstart;
    size_t hn = sa.bend - sa.bstart;
    intptr_t k = rev ? raw_rfind(h, hn, STR_DATA(sa.sub), STR_SIZE(sa.sub))
                     : raw_find(h, hn, STR_DATA(sa.sub), STR_SIZE(sa.sub));
    if (k < 0) return -1;
    return (intptr_t)cp_index(self, sa.bstart + (size_t)k);
}

static Obj *find_result(intptr_t k, bool raise)
{
    if (k == -2) return NULL;
    if (k == -1 && raise) return err_set_str(Exc_ValueError, "substring not found");
    return int_from_i64(k);
}

static Obj *strm_find(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    return find_result(find_impl("find", self, args, nargs, kw, false), false);
}
static Obj *strm_rfind(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    return find_result(find_impl("rfind", self, args, nargs, kw, true), false);
}
static Obj *strm_index(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    return find_result(find_impl("index", self, args, nargs, kw, false), true);
}
static Obj *strm_rindex(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    return find_result(find_impl("rindex", self, args, nargs, kw, true), true);
}

static Obj *strm_count(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    SearchArgs sa;
    int r = search_args("count", self, args, nargs, kwnames, &sa);
    if (r < 0) return NULL;
    if (r > 0) return int_from_i64(0);
    if (STR_SIZE(sa.sub) == 0) return int_from_i64(sa.end - sa.start + 1);
    return int_from_i64((int64_t)raw_count(STR_DATA(self) + sa.bstart, sa.bend - sa.bstart,
                                           STR_DATA(sa.sub), STR_SIZE(sa.sub), SIZE_MAX));
}

/* startswith/endswith on one candidate. */
static int tail_match(Obj *self, Obj *sub, intptr_t start, intptr_t end, bool suffix)
{
    intptr_t slen = (intptr_t)STR_LEN(sub);
    if (start > (intptr_t)STR_LEN(self)) return 0;
    if (end - slen < start) return 0;
    if (slen == 0) return 1;
    size_t off;
    if (suffix) off = str_offset(self, (size_t)(end - slen));
    else off = str_offset(self, (size_t)start);
    return memcmp(STR_DATA(self) + off, STR_DATA(sub), STR_SIZE(sub)) == 0;
}

static Obj *starts_ends(const char *name, Obj *self, Obj *const *args, size_t nargs, Obj *kwnames, bool suffix)
{
    if (count_args(name, nargs, kwnames, 1, 3) < 0) return NULL;
    intptr_t start, end;
    if (parse_start_end(nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, (intptr_t)STR_LEN(self), &start, &end) < 0)
        return NULL;
    Obj *x = args[0];
    if (TUPLE_CHECK(x)) {
        for (size_t i = 0; i < TUPLE_SIZE(x); i++) {
            Obj *sub = TUPLE_GET(x, i);
            if (!STR_CHECK(sub))
                return err_format(Exc_TypeError, "tuple for %s must only contain str, not %T", name, sub);
            if (tail_match(self, sub, start, end, suffix)) RETURN_BOOL(1);
        }
        RETURN_BOOL(0);
    }
    if (!STR_CHECK(x))
        return err_format(Exc_TypeError, "%s first arg must be str or a tuple of str, not %T", name, x);
    RETURN_BOOL(tail_match(self, x, start, end, suffix));
}

static Obj *strm_startswith(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    return starts_ends("startswith", self, args, nargs, kw, false);
}
static Obj *strm_endswith(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    return starts_ends("endswith", self, args, nargs, kw, true);
}

static Obj *strm_removeprefix(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    Obj *p = args[0];
    if (!STR_CHECK(p)) return err_format(Exc_TypeError, "removeprefix() argument must be str, not %T", p);
    if (STR_SIZE(p) <= STR_SIZE(self) && memcmp(STR_DATA(self), STR_DATA(p), STR_SIZE(p)) == 0)
        return str_from_valid(STR_DATA(self) + STR_SIZE(p), STR_SIZE(self) - STR_SIZE(p), STR_LEN(self) - STR_LEN(p));
    return self_or_copy(self);
}

static Obj *strm_removesuffix(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    Obj *p = args[0];
    if (!STR_CHECK(p)) return err_format(Exc_TypeError, "removesuffix() argument must be str, not %T", p);
    size_t n = STR_SIZE(self), m = STR_SIZE(p);
    if (m && m <= n && memcmp(STR_DATA(self) + n - m, STR_DATA(p), m) == 0)
        return str_from_valid(STR_DATA(self), n - m, STR_LEN(self) - STR_LEN(p));
    return self_or_copy(self);
}

/* ---- stripping ---- */

static bool in_chars(uint32_t c, Obj *chars)
{
    if (!chars) return uni_isspace(c);
    char buf[4];
    int n = utf8_encode(c, buf);
    return raw_find(STR_DATA(chars), STR_SIZE(chars), buf, (size_t)n) >= 0;
}

static Obj *do_strip(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames, const char *name, bool left, bool right)
{
    if (args_check_count(name, nargs, kwnames, 0, 1) < 0) return NULL;
    Obj *chars = nargs ? args[0] : NULL;
    if (chars == V_None) chars = NULL;
    if (chars && !STR_CHECK(chars)) return err_format(Exc_TypeError, "%s arg must be None or str", name);
    const char *b = STR_DATA(self), *e = b + STR_SIZE(self);
    size_t cut = 0;
    if (left) {
        while (b < e) {
            const char *q = b;
            uint32_t c = utf8_next(&q);
            if (!in_chars(c, chars)) break;
            b = q;
            cut++;
        }
    }
    if (right) {
        while (e > b) {
            const char *q = e;
            uint32_t c = utf8_prev(&q);
            if (!in_chars(c, chars)) break;
            e = q;
            cut++;
        }
    }
    if (cut == 0) return self_or_copy(self);
    return str_from_valid(b, (size_t)(e - b), STR_LEN(self) - cut);
}

static Obj *strm_strip(Obj *self, Obj *const *a, size_t n, Obj *k) { return do_strip(self, a, n, k, "strip", true, true); }
static Obj *strm_lstrip(Obj *self, Obj *const *a, size_t n, Obj *k) { return do_strip(self, a, n, k, "lstrip", true, false); }
static Obj *strm_rstrip(Obj *self, Obj *const *a, size_t n, Obj *k) { return do_strip(self, a, n, k, "rstrip", false, true); }

/* ---- padding ---- */

int64_t str_arg_ssize(Obj *o)
{
    int64_t v = obj_as_index_i64(o, Exc_OverflowError);
    if (v == -1 && err_occurred() && err_matches(Exc_OverflowError)) {
        err_clear();
        err_set_str(Exc_OverflowError, "Python int too large to convert to C ssize_t");
    }
    return v;
}

static int get_width(Obj *o, intptr_t *w)
{
    if (IS_SMALL(o)) { *w = (intptr_t)SMALL_VALUE(o); return 0; }
    if (!TYPE(o)->index) {
        err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", o);
        return -1;
    }
    int64_t v = str_arg_ssize(o);
    if (v == -1 && err_occurred()) return -1;
    *w = (intptr_t)v;
    return 0;
}

static Obj *pad(Obj *self, intptr_t left, intptr_t right, uint32_t fill)
{
    if (left < 0) left = 0;
    if (right < 0) right = 0;
    if (left == 0 && right == 0) return self_or_copy(self);
    StrBuilder sb;
    sb_init(&sb);
    int r = 0;
    for (intptr_t i = 0; i < left && r == 0; i++) r = sb_append_codepoint(&sb, fill);
    if (r == 0) r = sb_append_str(&sb, self);
    for (intptr_t i = 0; i < right && r == 0; i++) r = sb_append_codepoint(&sb, fill);
    if (r < 0) { sb_discard(&sb); return NULL; }
    return sb_finish(&sb);
}

static int pad_args(const char *name, Obj *const *args, size_t nargs, Obj *kwnames, intptr_t *w, uint32_t *fill)
{
    if (args_check_count(name, nargs, kwnames, 1, 2) < 0) return -1;
    if (get_width(args[0], w) < 0) return -1;
    *fill = ' ';
    if (nargs > 1) {
        Obj *f = args[1];
        if (!STR_CHECK(f)) {
            err_format(Exc_TypeError, "The fill character must be a unicode character, not %T", f);
            return -1;
        }
        if (STR_LEN(f) != 1) {
            err_set_str(Exc_TypeError, "The fill character must be exactly one character long");
            return -1;
        }
        *fill = str_char_at(f, 0);
    }
    return 0;
}

static Obj *strm_ljust(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    intptr_t w; uint32_t f;
    if (pad_args("ljust", args, nargs, kw, &w, &f) < 0) return NULL;
    return pad(self, 0, w - (intptr_t)STR_LEN(self), f);
}

static Obj *strm_rjust(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    intptr_t w; uint32_t f;
    if (pad_args("rjust", args, nargs, kw, &w, &f) < 0) return NULL;
    return pad(self, w - (intptr_t)STR_LEN(self), 0, f);
}

static Obj *strm_center(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    intptr_t w; uint32_t f;
    if (pad_args("center", args, nargs, kw, &w, &f) < 0) return NULL;
    intptr_t marg = w - (intptr_t)STR_LEN(self);
    if (marg <= 0) return self_or_copy(self);
    /* CPython's rounding: the odd extra space goes left only when width is odd too */
    intptr_t left = marg / 2 + (marg & w & 1);
    return pad(self, left, marg - left, f);
}

static Obj *strm_zfill(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    intptr_t w;
    if (get_width(args[0], &w) < 0) return NULL;
    intptr_t fill = w - (intptr_t)STR_LEN(self);
    if (fill <= 0) return self_or_copy(self);
    StrBuilder sb;
    sb_init(&sb);
    const char *d = STR_DATA(self);
    size_t skip = STR_SIZE(self) && (d[0] == '+' || d[0] == '-');
    int r = sb_append(&sb, d, skip);
    for (intptr_t i = 0; i < fill && r == 0; i++) r = sb_append_char(&sb, '0');
    if (r == 0) r = sb_append(&sb, d + skip, STR_SIZE(self) - skip);
    if (r < 0) { sb_discard(&sb); return NULL; }
    return sb_finish(&sb);
}

/* ---- join and replace ---- */

Obj *str_join(Obj *sep, Obj *iterable)
{
    Obj *seq;
    if (LIST_CHECK(iterable) || TUPLE_CHECK(iterable)) seq = NEWREF(iterable);
    else {
        seq = seq_to_list(iterable);
        if (!seq) {
            if (err_matches(Exc_TypeError)) {
                err_clear();
                return err_set_str(Exc_TypeError, "can only join an iterable");
            }
            return NULL;
        }
    }
    bool is_list = LIST_CHECK(seq);
    size_t n = is_list ? LIST_SIZE(seq) : TUPLE_SIZE(seq);
    Obj **items = is_list ? LIST_ITEMS(seq) : TUPLE_ITEMS(seq);
    if (n == 1 && STR_CHECK_EXACT(items[0])) {
        Obj *r = NEWREF(items[0]);
        DECREF(seq);
        return r;
    }
    size_t total = 0, length = 0;
    bool ascii = ((StrObj *)sep)->ascii;
    for (size_t i = 0; i < n; i++) {
        Obj *it = items[i];
        if (!STR_CHECK(it)) {
            err_format(Exc_TypeError, "sequence item %zu: expected str instance, %T found", i, it);
            DECREF(seq);
            return NULL;
        }
        total += STR_SIZE(it);
        length += STR_LEN(it);
        ascii = ascii && ((StrObj *)it)->ascii;
    }
    if (n > 1) {
        total += STR_SIZE(sep) * (n - 1);
        length += STR_LEN(sep) * (n - 1);
    }
    Obj *r = str_new_raw(total);
    if (!r) { DECREF(seq); return NULL; }
    char *d = STR_DATA(r);
    for (size_t i = 0; i < n; i++) {
        if (i && STR_SIZE(sep)) { memcpy(d, STR_DATA(sep), STR_SIZE(sep)); d += STR_SIZE(sep); }
        memcpy(d, STR_DATA(items[i]), STR_SIZE(items[i]));
        d += STR_SIZE(items[i]);
    }
    ((StrObj *)r)->length = length;
    ((StrObj *)r)->ascii = ascii;
    DECREF(seq);
    return r;
}

static Obj *strm_join(Obj *self, Obj *const *args, size_t nargs, Obj *kw)
{
    return str_join(self, args[0]);
}

static Obj *strm_replace(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    if (args_check_count("replace", nargs, kwnames, 2, 3) < 0) return NULL;
    Obj *old = args[0], *new = args[1];
    if (!STR_CHECK(old)) return err_format(Exc_TypeError, "replace() argument 1 must be str, not %T", old);
    if (!STR_CHECK(new)) return err_format(Exc_TypeError, "replace() argument 2 must be str, not %T", new);
    intptr_t count = -1;
    if (nargs > 2 && get_width(args[2], &count) < 0) return NULL;
    size_t max = count < 0 ? SIZE_MAX : (size_t)count;
    const char *s = STR_DATA(self);
    size_t n = STR_SIZE(self);
    StrBuilder sb;
    sb_init(&sb);
    int r = 0;
    if (STR_SIZE(old) == 0) {
        /* insert `new` before every code point and at the end */
        size_t done = 0;
        const char *p = s, *end = s + n;
        while (r == 0 && done < max) {
            r = sb_append_str(&sb, new);
            done++;
            if (p >= end) break;
            const char *q = p;
            utf8_next(&q);
            if (r == 0) r = sb_append(&sb, p, (size_t)(q - p));
            p = q;
        }
        if (r == 0) r = sb_append(&sb, p, (size_t)(end - p));
    } else {
        size_t i = 0, done = 0;
        if (max == 0 || raw_find(s, n, STR_DATA(old), STR_SIZE(old)) < 0) return self_or_copy(self);
        while (r == 0 && done < max) {
            intptr_t k = raw_find(s + i, n - i, STR_DATA(old), STR_SIZE(old));
            if (k < 0) break;
            r = sb_append(&sb, s + i, (size_t)k);
            if (r == 0) r = sb_append_str(&sb, new);
            i += (size_t)k + STR_SIZE(old);
            done++;
        }
        if (r == 0) r = sb_append(&sb, s + i, n - i);
    }
    if (r < 0) { sb_discard(&sb); return NULL; }
    return sb_finish(&sb);
}

/* ---- encode and the rest ---- */

static Obj *strm_encode(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"encoding", "errors"};
    Obj *a[2];
    if (args_parse("encode", args, nargs, kwnames, names, 2, 0, 2, a) < 0) return NULL;
    if (a[0] && !STR_CHECK(a[0])) return err_format(Exc_TypeError, "encode() argument 'encoding' must be str, not %T", a[0]);
    if (a[1] && !STR_CHECK(a[1])) return err_format(Exc_TypeError, "encode() argument 'errors' must be str, not %T", a[1]);
    return codec_encode(self, a[0] ? STR_DATA(a[0]) : NULL, a[1] ? STR_DATA(a[1]) : NULL);
}

static Obj *strm_getnewargs(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    Obj *s = str_from_valid(STR_DATA(self), STR_SIZE(self), STR_LEN(self));
    if (!s) return NULL;
    Obj *t = tuple_pack(1, s);
    DECREF(s);
    return t;
}

static Obj *strm_sizeof(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    /* CPython's compact layouts: ASCII 49 + n; latin-1 73 + n; UCS-2 74 + 2n; UCS-4 76 + 4n */
    StrObj *s = (StrObj *)self;
    int64_t n = (int64_t)s->length;
    if (s->ascii) return int_from_i64(49 + n);
    uint32_t maxc = 0;
    const char *p = s->data, *end = p + s->size;
    while (p < end) { uint32_t c = utf8_next(&p); if (c > maxc) maxc = c; }
    if (maxc < 256) return int_from_i64(73 + n);
    if (maxc < 65536) return int_from_i64(74 + 2 * n);
    return int_from_i64(76 + 4 * n);
}

const MethodDef str_methods[] = {
    {"capitalize", strm_capitalize, METH_NOARGS,
        "Return a capitalized version of the string.\n"
        "\n"
        "More specifically, make the first character have upper case and the rest lower\n"
        "case."},
    {"casefold", strm_casefold, METH_NOARGS,
        "Return a version of the string suitable for caseless comparisons."},
    {"center", strm_center, METH_VARARGS,
        "Return a centered string of length width.\n"
        "\n"
        "Padding is done using the specified fill character (default is a space)."},
    {"count", strm_count, METH_VARARGS,
        "S.count(sub[, start[, end]]) -> int\n"
        "\n"
        "Return the number of non-overlapping occurrences of substring sub in\n"
        "string S[start:end].  Optional arguments start and end are\n"
        "interpreted as in slice notation."},
    {"encode", strm_encode, METH_KEYWORDS,
        "Encode the string using the codec registered for encoding.\n"
        "\n"
        "  encoding\n"
        "    The encoding in which to encode the string.\n"
        "  errors\n"
        "    The error handling scheme to use for encoding errors.\n"
        "    The default is 'strict' meaning that encoding errors raise a\n"
        "    UnicodeEncodeError.  Other possible values are 'ignore', 'replace' and\n"
        "    'xmlcharrefreplace' as well as any other name registered with\n"
        "    codecs.register_error that can handle UnicodeEncodeErrors."},
    {"endswith", strm_endswith, METH_VARARGS,
        "S.endswith(suffix[, start[, end]]) -> bool\n"
        "\n"
        "Return True if S ends with the specified suffix, False otherwise.\n"
        "With optional start, test S beginning at that position.\n"
        "With optional end, stop comparing S at that position.\n"
        "suffix can also be a tuple of strings to try."},
    {"expandtabs", strm_expandtabs, METH_KEYWORDS,
        "Return a copy where all tab characters are expanded using spaces.\n"
        "\n"
        "If tabsize is not given, a tab size of 8 characters is assumed."},
    {"find", strm_find, METH_VARARGS,
        "S.find(sub[, start[, end]]) -> int\n"
        "\n"
        "Return the lowest index in S where substring sub is found,\n"
        "such that sub is contained within S[start:end].  Optional\n"
        "arguments start and end are interpreted as in slice notation.\n"
        "\n"
        "Return -1 on failure."},
    {"format", strm_format, METH_KEYWORDS,
        "S.format(*args, **kwargs) -> str\n"
        "\n"
        "Return a formatted version of S, using substitutions from args and kwargs.\n"
        "The substitutions are identified by braces ('{' and '}')."},
    {"format_map", strm_format_map, METH_O,
        "S.format_map(mapping) -> str\n"
        "\n"
        "Return a formatted version of S, using substitutions from mapping.\n"
        "The substitutions are identified by braces ('{' and '}')."},
    {"__format__", strm___format__, METH_O,
        "Return a formatted version of the string as described by format_spec."},
    {"index", strm_index, METH_VARARGS,
        "S.index(sub[, start[, end]]) -> int\n"
        "\n"
        "Return the lowest index in S where substring sub is found,\n"
        "such that sub is contained within S[start:end].  Optional\n"
        "arguments start and end are interpreted as in slice notation.\n"
        "\n"
        "Raises ValueError when the substring is not found."},
    {"isalnum", strm_isalnum, METH_NOARGS,
        "Return True if the string is an alpha-numeric string, False otherwise.\n"
        "\n"
        "A string is alpha-numeric if all characters in the string are alpha-numeric and\n"
        "there is at least one character in the string."},
    {"isalpha", strm_isalpha, METH_NOARGS,
        "Return True if the string is an alphabetic string, False otherwise.\n"
        "\n"
        "A string is alphabetic if all characters in the string are alphabetic and there\n"
        "is at least one character in the string."},
    {"isascii", strm_isascii, METH_NOARGS,
        "Return True if all characters in the string are ASCII, False otherwise.\n"
        "\n"
        "ASCII characters have code points in the range U+0000-U+007F.\n"
        "Empty string is ASCII too."},
    {"isdecimal", strm_isdecimal, METH_NOARGS,
        "Return True if the string is a decimal string, False otherwise.\n"
        "\n"
        "A string is a decimal string if all characters in the string are decimal and\n"
        "there is at least one character in the string."},
    {"isdigit", strm_isdigit, METH_NOARGS,
        "Return True if the string is a digit string, False otherwise.\n"
        "\n"
        "A string is a digit string if all characters in the string are digits and there\n"
        "is at least one character in the string."},
    {"isidentifier", strm_isidentifier, METH_NOARGS,
        "Return True if the string is a valid Python identifier, False otherwise.\n"
        "\n"
        "Call keyword.iskeyword(s) to test whether string s is a reserved identifier,\n"
        "such as \"def\" or \"class\"."},
    {"islower", strm_islower, METH_NOARGS,
        "Return True if the string is a lowercase string, False otherwise.\n"
        "\n"
        "A string is lowercase if all cased characters in the string are lowercase and\n"
        "there is at least one cased character in the string."},
    {"isnumeric", strm_isnumeric, METH_NOARGS,
        "Return True if the string is a numeric string, False otherwise.\n"
        "\n"
        "A string is numeric if all characters in the string are numeric and there is at\n"
        "least one character in the string."},
    {"isprintable", strm_isprintable, METH_NOARGS,
        "Return True if the string is printable, False otherwise.\n"
        "\n"
        "A string is printable if all of its characters are considered printable in\n"
        "repr() or if it is empty."},
    {"isspace", strm_isspace, METH_NOARGS,
        "Return True if the string is a whitespace string, False otherwise.\n"
        "\n"
        "A string is whitespace if all characters in the string are whitespace and there\n"
        "is at least one character in the string."},
    {"istitle", strm_istitle, METH_NOARGS,
        "Return True if the string is a title-cased string, False otherwise.\n"
        "\n"
        "In a title-cased string, upper- and title-case characters may only\n"
        "follow uncased characters and lowercase characters only cased ones."},
    {"isupper", strm_isupper, METH_NOARGS,
        "Return True if the string is an uppercase string, False otherwise.\n"
        "\n"
        "A string is uppercase if all cased characters in the string are uppercase and\n"
        "there is at least one cased character in the string."},
    {"join", strm_join, METH_O,
        "Concatenate any number of strings.\n"
        "\n"
        "The string whose method is called is inserted in between each given string.\n"
        "The result is returned as a new string.\n"
        "\n"
        "Example: '.'.join(['ab', 'pq', 'rs']) -> 'ab.pq.rs'"},
    {"ljust", strm_ljust, METH_VARARGS,
        "Return a left-justified string of length width.\n"
        "\n"
        "Padding is done using the specified fill character (default is a space)."},
    {"lower", strm_lower, METH_NOARGS, "Return a copy of the string converted to lowercase."},
    {"lstrip", strm_lstrip, METH_VARARGS,
        "Return a copy of the string with leading whitespace removed.\n"
        "\n"
        "If chars is given and not None, remove characters in chars instead."},
    {"maketrans", strm_maketrans, METH_VARARGS | METH_STATIC,
        "Return a translation table usable for str.translate().\n"
        "\n"
        "If there is only one argument, it must be a dictionary mapping Unicode\n"
        "ordinals (integers) or characters to Unicode ordinals, strings or None.\n"
        "Character keys will be then converted to ordinals.\n"
        "If there are two arguments, they must be strings of equal length, and\n"
        "in the resulting dictionary, each character in x will be mapped to the\n"
        "character at the same position in y. If there is a third argument, it\n"
        "must be a string, whose characters will be mapped to None in the result."},
    {"partition", strm_partition, METH_O,
        "Partition the string into three parts using the given separator.\n"
        "\n"
        "This will search for the separator in the string.  If the separator is found,\n"
        "returns a 3-tuple containing the part before the separator, the separator\n"
        "itself, and the part after it.\n"
        "\n"
        "If the separator is not found, returns a 3-tuple containing the original string\n"
        "and two empty strings."},
    {"removeprefix", strm_removeprefix, METH_O,
        "Return a str with the given prefix string removed if present.\n"
        "\n"
        "If the string starts with the prefix string, return string[len(prefix):].\n"
        "Otherwise, return a copy of the original string."},
    {"removesuffix", strm_removesuffix, METH_O,
        "Return a str with the given suffix string removed if present.\n"
        "\n"
        "If the string ends with the suffix string and that suffix is not empty,\n"
        "return string[:-len(suffix)]. Otherwise, return a copy of the original\n"
        "string."},
    {"replace", strm_replace, METH_VARARGS,
        "Return a copy with all occurrences of substring old replaced by new.\n"
        "\n"
        "  count\n"
        "    Maximum number of occurrences to replace.\n"
        "    -1 (the default value) means replace all occurrences.\n"
        "\n"
        "If the optional argument count is given, only the first count occurrences are\n"
        "replaced."},
    {"rfind", strm_rfind, METH_VARARGS,
        "S.rfind(sub[, start[, end]]) -> int\n"
        "\n"
        "Return the highest index in S where substring sub is found,\n"
        "such that sub is contained within S[start:end].  Optional\n"
        "arguments start and end are interpreted as in slice notation.\n"
        "\n"
        "Return -1 on failure."},
    {"rindex", strm_rindex, METH_VARARGS,
        "S.rindex(sub[, start[, end]]) -> int\n"
        "\n"
        "Return the highest index in S where substring sub is found,\n"
        "such that sub is contained within S[start:end].  Optional\n"
        "arguments start and end are interpreted as in slice notation.\n"
        "\n"
        "Raises ValueError when the substring is not found."},
    {"rjust", strm_rjust, METH_VARARGS,
        "Return a right-justified string of length width.\n"
        "\n"
        "Padding is done using the specified fill character (default is a space)."},
    {"rpartition", strm_rpartition, METH_O,
        "Partition the string into three parts using the given separator.\n"
        "\n"
        "This will search for the separator in the string, starting at the end. If\n"
        "the separator is found, returns a 3-tuple containing the part before the\n"
        "separator, the separator itself, and the part after it.\n"
        "\n"
        "If the separator is not found, returns a 3-tuple containing two empty strings\n"
        "and the original string."},
    {"rsplit", strm_rsplit, METH_KEYWORDS,
        "Return a list of the substrings in the string, using sep as the separator string.\n"
        "\n"
        "  sep\n"
        "    The separator used to split the string.\n"
        "\n"
        "    When set to None (the default value), will split on any whitespace\n"
        "    character (including \\n"
        " \\r \\t \\f and spaces) and will discard\n"
        "    empty strings from the result.\n"
        "  maxsplit\n"
        "    Maximum number of splits (starting from the left).\n"
        "    -1 (the default value) means no limit.\n"
        "\n"
        "Splitting starts at the end of the string and works to the front."},
    {"rstrip", strm_rstrip, METH_VARARGS,
        "Return a copy of the string with trailing whitespace removed.\n"
        "\n"
        "If chars is given and not None, remove characters in chars instead."},
    {"split", strm_split, METH_KEYWORDS,
        "Return a list of the substrings in the string, using sep as the separator string.\n"
        "\n"
        "  sep\n"
        "    The separator used to split the string.\n"
        "\n"
        "    When set to None (the default value), will split on any whitespace\n"
        "    character (including \\n"
        " \\r \\t \\f and spaces) and will discard\n"
        "    empty strings from the result.\n"
        "  maxsplit\n"
        "    Maximum number of splits (starting from the left).\n"
        "    -1 (the default value) means no limit.\n"
        "\n"
        "Note, str.split() is mainly useful for data that has been intentionally\n"
        "delimited.  With natural text that includes punctuation, consider using\n"
        "the regular expression module."},
    {"splitlines", strm_splitlines, METH_KEYWORDS,
        "Return a list of the lines in the string, breaking at line boundaries.\n"
        "\n"
        "Line breaks are not included in the resulting list unless keepends is given and\n"
        "true."},
    {"startswith", strm_startswith, METH_VARARGS,
        "S.startswith(prefix[, start[, end]]) -> bool\n"
        "\n"
        "Return True if S starts with the specified prefix, False otherwise.\n"
        "With optional start, test S beginning at that position.\n"
        "With optional end, stop comparing S at that position.\n"
        "prefix can also be a tuple of strings to try."},
    {"strip", strm_strip, METH_VARARGS,
        "Return a copy of the string with leading and trailing whitespace removed.\n"
        "\n"
        "If chars is given and not None, remove characters in chars instead."},
    {"swapcase", strm_swapcase, METH_NOARGS,
        "Convert uppercase characters to lowercase and lowercase characters to uppercase."},
    {"title", strm_title, METH_NOARGS,
        "Return a version of the string where each word is titlecased.\n"
        "\n"
        "More specifically, words start with uppercased characters and all remaining\n"
        "cased characters have lower case."},
    {"translate", strm_translate, METH_O,
        "Replace each character in the string using the given translation table.\n"
        "\n"
        "  table\n"
        "    Translation table, which must be a mapping of Unicode ordinals to\n"
        "    Unicode ordinals, strings, or None.\n"
        "\n"
        "The table must implement lookup/indexing via __getitem__, for instance a\n"
        "dictionary or list.  If this operation raises LookupError, the character is\n"
        "left untouched.  Characters mapped to None are deleted."},
    {"upper", strm_upper, METH_NOARGS, "Return a copy of the string converted to uppercase."},
    {"zfill", strm_zfill, METH_O,
        "Pad a numeric string with zeros on the left, to fill a field of the given width.\n"
        "\n"
        "The string is never truncated."},
    {"__getnewargs__", strm_getnewargs, METH_NOARGS, NULL},
    {"__sizeof__", strm_sizeof, METH_NOARGS, "Return the size of the string in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};
