/* str.c: the str type: creation, hashing, interning, comparison, indexing, iteration, repr. */
#include <stdlib.h>
#include <string.h>
#include "str.h"
#include "names.h"

/* ---- creation ---- */

static StrObj *str_alloc(size_t size)
{
    StrObj *s = (StrObj *)obj_alloc(&Type_str, sizeof(StrObj) + size + 1);
    if (!s) return NULL;
    s->hash = -1;
    s->size = size;
    s->data[size] = '\0';
    return s;
}

static Obj *empty_str;
static Obj *ascii_chars[128];

static Obj *make_immortal(Obj *o)
{
    o->refcnt = IMMORTAL_REFCNT;
    o->flags |= OBJ_FLAG_IMMORTAL;
    return o;
}

/* The empty str singleton (borrowed, immortal). */
Obj *str_empty(void)
{
    if (!empty_str) {
        StrObj *s = str_alloc(0);
        if (!s) return NULL;
        s->ascii = 1;
        empty_str = str_intern(make_immortal((Obj *)s));
    }
    return empty_str;
}

/* One-character ASCII str (borrowed, immortal). */
Obj *str_ascii_char(unsigned char c)
{
    Obj *r = ascii_chars[c & 0x7f];
    if (VT_LIKELY(r != NULL)) return r;
    StrObj *s = str_alloc(1);
    if (!s) return NULL;
    s->data[0] = (char)c;
    s->length = 1;
    s->ascii = 1;
    r = str_intern(make_immortal((Obj *)s));
    ascii_chars[c & 0x7f] = r;
    return r;
}

/* Allocate a str of size bytes for the caller to fill, then call str_finish. */
Obj *str_new_raw(size_t size)
{
    return (Obj *)str_alloc(size);
}

/* Count code points (continuation bytes are skipped); sets ascii. */
static size_t utf8_count(const char *p, size_t n, uint8_t *ascii)
{
    size_t cont = 0, i = 0;
    unsigned high = 0;
    const unsigned char *u = (const unsigned char *)p;
    /* 8 bytes at a time while the text is ASCII: the common case. */
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, u + i, 8);
        if (w & 0x8080808080808080ull) break;
    }
    for (; i < n; i++) {
        high |= u[i];
        cont += (u[i] & 0xC0) == 0x80;
    }
    *ascii = !(high & 0x80);
    return n - cont;
}

/* Compute length and the ascii flag of a filled str. */
Obj *str_finish(Obj *o)
{
    StrObj *s = (StrObj *)o;
    s->length = utf8_count(s->data, s->size, &s->ascii);
    s->hash = -1;
    return o;
}

/* One-character strs for U+0080..U+00FF, cached like CPython's latin-1 singletons. */
static Obj *latin1_chars[128];

static Obj *latin1_char(const char *p)
{
    unsigned idx = ((((unsigned char)p[0] & 0x1F) << 6) | ((unsigned char)p[1] & 0x3F)) - 0x80;
    Obj *r = latin1_chars[idx];
    if (VT_LIKELY(r != NULL)) return r;
    StrObj *s = str_alloc(2);
    if (!s) return NULL;
    memcpy(s->data, p, 2);
    s->length = 1;
    r = str_intern(make_immortal((Obj *)s));
    latin1_chars[idx] = r;
    return r;
}

Obj *str_from_valid(const char *p, size_t size, size_t length)
{
    if (size <= 2) {
        if (size == 0) return NEWREF(str_empty());
        if (size == 1 && (unsigned char)p[0] < 128) return NEWREF(str_ascii_char((unsigned char)p[0]));
        if (size == 2 && length == 1 && (unsigned char)p[0] <= 0xC3) {
            Obj *c = latin1_char(p);
            return c ? NEWREF(c) : NULL;
        }
    }
    StrObj *s = str_alloc(size);
    if (!s) return NULL;
    memcpy(s->data, p, size);
    s->length = length;
    s->ascii = size == length;
    return (Obj *)s;
}

Obj *str_from_valid_utf8(const char *p, size_t size)
{
    uint8_t ascii;
    size_t len = utf8_count(p, size, &ascii);
    return str_from_valid(p, size, len);
}

/* UTF-8 validation; surrogates (ED A0..BF xx) pass only when allow_surrogates, since the
 * compiler builds literals such as "\ud800" through str_from_utf8. */
static bool utf8_valid(const char *p, size_t n, bool allow_surrogates)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t i = 0;
    while (i < n) {
        unsigned char c = u[i];
        if (c < 0x80) {
            i++;
            /* skip ASCII 8 bytes at a time */
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, u + i, 8);
                if (w & 0x8080808080808080ull) break;
                i += 8;
            }
            continue;
        }
        size_t need;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07; }
        else return false;
        if (i + need >= n) return false;
        for (size_t k = 1; k <= need; k++) {
            if ((u[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (u[i + k] & 0x3F);
        }
        if ((need == 2 && (cp < 0x800 || (!allow_surrogates && cp >= 0xD800 && cp < 0xE000))) ||
            (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return false;
        i += need + 1;
    }
    return true;
}

bool str_utf8_check(const char *p, size_t n, bool allow_surrogates)
{
    return utf8_valid(p, n, allow_surrogates);
}

/* New str from UTF-8 bytes; invalid input raises UnicodeDecodeError as bytes.decode(). */
Obj *str_from_utf8(const char *p, size_t size)
{
    if (VT_UNLIKELY(!utf8_valid(p, size, true))) return codec_decode(p, size, "utf-8", "strict");
    return str_from_valid_utf8(p, size);
}

Obj *str_from_cstr(const char *s)
{
    return str_from_utf8(s, strlen(s));
}

/* OS data: undecodable bytes become lone surrogates U+DC80..U+DCFF (surrogateescape). */
Obj *str_from_fs(const char *s)
{
    size_t n = strlen(s);
    if (utf8_valid(s, n, false)) return str_from_valid_utf8(s, n);
    return codec_decode(s, n, "utf-8", "surrogateescape");
}

Obj *str_from_codepoint(uint32_t cp)
{
    if (cp < 128) return NEWREF(str_ascii_char((unsigned char)cp));
    if (cp > 0x10FFFF) return err_set_str(Exc_ValueError, "chr() arg not in range(0x110000)");
    char buf[4];
    int n = utf8_encode(cp, buf);
    return str_from_valid(buf, (size_t)n, 1);
}

const char *str_cstr(Obj *s)
{
    return STR_DATA(s);
}

/* ---- hashing and interning ---- */

/* A fast multiplicative hash over 8-byte words (not CPython's randomized SipHash: str hashes
 * are not observable across runs there either). Never -1. */
intptr_t str_hash_bytes(const char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xff51afd7ed558ccdull);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x100000001B3ull;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    memcpy(&tail, p + i, n - i);
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 32;
    intptr_t r = (intptr_t)h;
    return r == -1 ? -2 : r;
}

intptr_t str_hash(Obj *o)
{
    StrObj *s = (StrObj *)o;
    if (VT_LIKELY(s->hash != -1)) return s->hash;
    return s->hash = str_hash_bytes(s->data, s->size);
}

/* The interned strs: an open-addressing set (power-of-two capacity, linear probing). */
static Obj **intern_tab;
static size_t intern_cap, intern_count;

static int intern_grow(void)
{
    size_t ncap = intern_cap ? intern_cap * 2 : 4096;
    Obj **nt = vt_calloc(ncap, sizeof(Obj *));
    if (!nt) return -1;
    for (size_t i = 0; i < intern_cap; i++) {
        Obj *s = intern_tab[i];
        if (!s) continue;
        size_t j = (size_t)str_hash(s) & (ncap - 1);
        while (nt[j]) j = (j + 1) & (ncap - 1);
        nt[j] = s;
    }
    vt_free(intern_tab);
    intern_tab = nt;
    intern_cap = ncap;
    return 0;
}

/* Steals s; returns the interned str equal to s (a new reference). Interned strs are
 * immortal so that NAME() pointers and compiler constants stay valid forever. */
Obj *str_intern(Obj *s)
{
    if (!s) return NULL;
    if (((StrObj *)s)->interned) return s;
    if (!STR_CHECK_EXACT(s)) return s;   /* subclasses are never interned */
    if ((intern_count + 1) * 2 > intern_cap && intern_grow() < 0) {
        DECREF(s);
        return NULL;
    }
    size_t mask = intern_cap - 1, j = (size_t)str_hash(s) & mask;
    for (Obj *t; (t = intern_tab[j]) != NULL; j = (j + 1) & mask) {
        if (STR_SIZE(t) == STR_SIZE(s) && memcmp(STR_DATA(t), STR_DATA(s), STR_SIZE(s)) == 0) {
            DECREF(s);
            return t;   /* immortal: no incref needed */
        }
    }
    intern_tab[j] = s;
    intern_count++;
    ((StrObj *)s)->interned = 1;
    make_immortal(s);
    return s;
}

Obj *str_intern_cstr(const char *s)
{
    return str_intern(str_from_cstr(s));
}

/* ---- comparison ---- */

int str_eq(Obj *a, Obj *b)
{
    if (a == b) return 1;
    StrObj *x = (StrObj *)a, *y = (StrObj *)b;
    if (x->size != y->size) return 0;
    if (x->interned && y->interned) return 0;
    if (x->hash != -1 && y->hash != -1 && x->hash != y->hash) return 0;
    return memcmp(x->data, y->data, x->size) == 0;
}

int str_eq_cstr(Obj *a, const char *s)
{
    size_t n = strlen(s);
    return STR_SIZE(a) == n && memcmp(STR_DATA(a), s, n) == 0;
}

/* UTF-8 byte order is code-point order, so memcmp suffices. */
int str_compare(Obj *a, Obj *b)
{
    size_t na = STR_SIZE(a), nb = STR_SIZE(b);
    int c = memcmp(STR_DATA(a), STR_DATA(b), na < nb ? na : nb);
    if (c) return c;
    return na < nb ? -1 : na > nb;
}

static Obj *str_richcompare(Obj *a, Obj *b, int op)
{
    if (!STR_CHECK(a) || !STR_CHECK(b)) return NEWREF(V_NotImplemented);
    int r;
    if (op == CMP_EQ || op == CMP_NE) {
        r = str_eq(a, b);
        RETURN_BOOL(op == CMP_EQ ? r : !r);
    }
    int c = str_compare(a, b);
    switch (op) {
    case CMP_LT: r = c < 0; break;
    case CMP_LE: r = c <= 0; break;
    case CMP_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    RETURN_BOOL(r);
}

/* ---- indexing ---- */

/* One-entry cache of the last index->offset conversion: makes `for i in range(len(s)): s[i]`
 * linear on non-ASCII strs. Invalidated when its str dies. */
static struct { Obj *s; size_t index, offset; } offset_cache;

size_t str_offset(Obj *o, size_t i)
{
    StrObj *s = (StrObj *)o;
    if (s->ascii) return i;
    if (i >= s->length) return s->size;
    size_t from = 0, off = 0;
    if (offset_cache.s == o && offset_cache.index <= i) {
        from = offset_cache.index;
        off = offset_cache.offset;
    } else if (i > s->length / 2) {
        /* walk back from the end */
        const char *p = s->data + s->size;
        for (size_t k = s->length; k > i; k--) {
            p--;
            while (((unsigned char)*p & 0xC0) == 0x80) p--;
        }
        offset_cache.s = o; offset_cache.index = i; offset_cache.offset = (size_t)(p - s->data);
        return offset_cache.offset;
    }
    const unsigned char *p = (const unsigned char *)s->data + off;
    for (size_t k = from; k < i; k++) {
        unsigned char c = *p;
        p += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    offset_cache.s = o; offset_cache.index = i;
    offset_cache.offset = (size_t)((const char *)p - s->data);
    return offset_cache.offset;
}

uint32_t str_char_at(Obj *s, size_t i)
{
    if (((StrObj *)s)->ascii) return (unsigned char)STR_DATA(s)[i];
    const char *p = STR_DATA(s) + str_offset(s, i);
    return utf8_next(&p);
}

Obj *str_substring(Obj *s, size_t start, size_t stop)
{
    if (stop <= start) return NEWREF(str_empty());
    if (start == 0 && stop >= STR_LEN(s) && STR_CHECK_EXACT(s)) return NEWREF(s);
    size_t a = str_offset(s, start), b = str_offset(s, stop);
    return str_from_valid(STR_DATA(s) + a, b - a, stop - start);
}

static Obj *str_item(Obj *s, intptr_t i)
{
    intptr_t n = (intptr_t)STR_LEN(s);
    if (i < 0) i += n;
    if (i < 0 || i >= n) return err_set_str(Exc_IndexError, "string index out of range");
    if (((StrObj *)s)->ascii) return NEWREF(str_ascii_char((unsigned char)STR_DATA(s)[i]));
    size_t off = str_offset(s, (size_t)i);
    const char *p = STR_DATA(s) + off, *q = p;
    utf8_next(&q);
    return str_from_valid(p, (size_t)(q - p), 1);
}

static Obj *str_getitem(Obj *s, Obj *key)
{
    if (IS_SMALL(key)) return str_item(s, SMALL_VALUE(key));
    if (IS_TYPE(key, &Type_slice)) {
        intptr_t start, stop, step;
        intptr_t n = slice_indices(key, (intptr_t)STR_LEN(s), &start, &stop, &step);
        if (n < 0) return NULL;
        if (step == 1) return str_substring(s, (size_t)start, (size_t)stop);
        if (n == 0) return NEWREF(str_empty());
        StrBuilder sb;
        sb_init(&sb);
        if (((StrObj *)s)->ascii) {
            for (intptr_t k = 0, i = start; k < n; k++, i += step)
                if (sb_append_char(&sb, STR_DATA(s)[i]) < 0) { sb_discard(&sb); return NULL; }
        } else {
            /* Decode once into code points: O(n) for any step. */
            uint32_t *cps = vt_malloc(STR_LEN(s) * sizeof(uint32_t));
            if (!cps) { sb_discard(&sb); return NULL; }
            const char *p = STR_DATA(s);
            for (size_t k = 0; k < STR_LEN(s); k++) cps[k] = utf8_next(&p);
            for (intptr_t k = 0, i = start; k < n; k++, i += step)
                if (sb_append_codepoint(&sb, cps[i]) < 0) { vt_free(cps); sb_discard(&sb); return NULL; }
            vt_free(cps);
        }
        return sb_finish(&sb);
    }
    if (TYPE(key)->index) {
        int64_t i = obj_as_index_i64(key, Exc_IndexError);
        if (i == -1 && err_occurred()) return NULL;
        return str_item(s, (intptr_t)i);
    }
    return err_format(Exc_TypeError, "string indices must be integers, not '%T'", key);
}

static intptr_t str_len(Obj *s)
{
    return (intptr_t)STR_LEN(s);
}

/* ---- concatenation, repetition, containment ---- */

Obj *str_concat(Obj *a, Obj *b)
{
    size_t na = STR_SIZE(a), nb = STR_SIZE(b);
    if (nb == 0 && STR_CHECK_EXACT(a)) return NEWREF(a);
    if (na == 0 && STR_CHECK_EXACT(b)) return NEWREF(b);
    StrObj *s = str_alloc(na + nb);
    if (!s) return NULL;
    memcpy(s->data, STR_DATA(a), na);
    memcpy(s->data + na, STR_DATA(b), nb);
    s->length = STR_LEN(a) + STR_LEN(b);
    s->ascii = ((StrObj *)a)->ascii && ((StrObj *)b)->ascii;
    return (Obj *)s;
}

/* *ps += b for the VM's `s += x` (see str.h): grows *ps in place when the caller owns its only
 * reference, so that appending in a loop is amortised linear as in CPython. */
int str_append_inplace(Obj **ps, Obj *b)
{
    Obj *a = *ps;
    StrObj *s = (StrObj *)a;
    size_t na = STR_SIZE(a), nb = STR_SIZE(b);
    if (a->refcnt != 1 || !STR_CHECK_EXACT(a) || s->interned || a->flags != 0 || nb == 0 || na == 0) {
        Obj *r = str_concat(a, b);
        if (!r) return -1;
        *ps = r;
        DECREF(a);
        return 0;
    }
    if (offset_cache.s == a) offset_cache.s = NULL;
    /* Objects from obj_alloc are plain calloc blocks (alloc.c), so realloc may move this one. */
    StrObj *g = realloc(s, sizeof(StrObj) + na + nb + 1);
    if (!g) {
        err_no_memory();
        return -1;
    }
    memcpy(g->data + na, STR_DATA(b), nb);
    g->data[na + nb] = '\0';
    g->size = na + nb;
    g->length += STR_LEN(b);
    g->ascii = g->ascii && ((StrObj *)b)->ascii;
    g->hash = -1;
    *ps = (Obj *)g;
    return 0;
}

Obj *str_repeat(Obj *a, intptr_t n)
{
    if (n <= 0 || STR_SIZE(a) == 0) return NEWREF(str_empty());
    if (n == 1 && STR_CHECK_EXACT(a)) return NEWREF(a);
    size_t sz = STR_SIZE(a);
    if ((size_t)n > (size_t)INTPTR_MAX / sz) return err_set_str(Exc_OverflowError, "repeated string is too long");
    StrObj *s = str_alloc(sz * (size_t)n);
    if (!s) return NULL;
    /* doubling copies: O(log n) memcpy calls */
    memcpy(s->data, STR_DATA(a), sz);
    size_t done = sz, total = sz * (size_t)n;
    while (done < total) {
        size_t k = done < total - done ? done : total - done;
        memcpy(s->data + done, s->data, k);
        done += k;
    }
    s->length = STR_LEN(a) * (size_t)n;
    s->ascii = ((StrObj *)a)->ascii;
    return (Obj *)s;
}

int str_contains_str(Obj *s, Obj *sub)
{
    return raw_find(STR_DATA(s), STR_SIZE(s), STR_DATA(sub), STR_SIZE(sub)) >= 0;
}

static int str_contains(Obj *s, Obj *sub)
{
    if (!STR_CHECK(sub)) {
        err_format(Exc_TypeError, "'in <string>' requires string as left operand, not %T", sub);
        return -1;
    }
    return str_contains_str(s, sub);
}

/* Ask the right operand's reflected slot first, as CPython does before falling back to
 * str's sequence behaviour (whose error message then applies). */
static Obj *try_reflected(Obj *a, Obj *b, int op)
{
    Type *tb = TYPE(b);
    if (tb->binop && tb != &Type_str) return tb->binop(a, b, op);
    return NEWREF(V_NotImplemented);
}

static Obj *str_binop(Obj *a, Obj *b, int op)
{
    switch (op) {
    case NB_ADD:
        if (!STR_CHECK(a)) return NEWREF(V_NotImplemented);
        if (STR_CHECK(b)) return str_concat(a, b);
        {
            Obj *r = try_reflected(a, b, op);
            if (r != V_NotImplemented) return r;
            DECREF(r);
            return err_format(Exc_TypeError, "can only concatenate str (not \"%T\") to str", b);
        }
    case NB_MULTIPLY: {
        Obj *s = STR_CHECK(a) ? a : b, *n = s == a ? b : a;
        if (!STR_CHECK(s)) return NEWREF(V_NotImplemented);
        if (!TYPE(n)->index) {
            if (s == a) {
                Obj *r = try_reflected(a, b, op);
                if (r != V_NotImplemented) return r;
                DECREF(r);
            }
            return err_format(Exc_TypeError, "can't multiply sequence by non-int of type '%T'", n);
        }
        int64_t k;
        if (IS_SMALL(n)) k = SMALL_VALUE(n);
        else {
            k = obj_as_index_i64(n, Exc_OverflowError);
            if (k == -1 && err_occurred()) {
                if (err_matches(Exc_OverflowError)) {
                    err_clear();
                    return err_format(Exc_OverflowError, "cannot fit '%T' into an index-sized integer", n);
                }
                return NULL;
            }
        }
        return str_repeat(s, (intptr_t)k);
    }
    case NB_REMAINDER:
        if (!STR_CHECK(a)) return NEWREF(V_NotImplemented);
        return str_percent_format(a, b);
    default:
        return NEWREF(V_NotImplemented);
    }
}

/* ---- repr ---- */

static const char hexdig[] = "0123456789abcdef";

int sb_append_repr(StrBuilder *sb, Obj *s, bool ascii_only)
{
    const char *p = STR_DATA(s), *end = p + STR_SIZE(s);
    char quote = '\'';
    if (memchr(p, '\'', STR_SIZE(s)) && !memchr(p, '"', STR_SIZE(s))) quote = '"';
    if (sb_append_char(sb, quote) < 0) return -1;
    while (p < end) {
        /* copy runs of plain printable ASCII at once */
        const char *run = p;
        while (p < end && (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f && *p != quote && *p != '\\') p++;
        if (p > run && sb_append(sb, run, (size_t)(p - run)) < 0) return -1;
        if (p >= end) break;
        uint32_t c = utf8_next(&p);
        char buf[12];
        int n = 0;
        if (c == (uint32_t)quote || c == '\\') { buf[0] = '\\'; buf[1] = (char)c; n = 2; }
        else if (c == '\t') { memcpy(buf, "\\t", 2); n = 2; }
        else if (c == '\n') { memcpy(buf, "\\n", 2); n = 2; }
        else if (c == '\r') { memcpy(buf, "\\r", 2); n = 2; }
        else if (c < 0x20 || c == 0x7f) {
            buf[0] = '\\'; buf[1] = 'x'; buf[2] = hexdig[c >> 4]; buf[3] = hexdig[c & 15]; n = 4;
        } else if (c < 0x7f) { buf[0] = (char)c; n = 1; }
        else if (!ascii_only && uni_has(c, UNI_PRINTABLE)) n = utf8_encode(c, buf);
        else if (c <= 0xff) {
            buf[0] = '\\'; buf[1] = 'x'; buf[2] = hexdig[c >> 4]; buf[3] = hexdig[c & 15]; n = 4;
        } else if (c <= 0xffff) {
            buf[0] = '\\'; buf[1] = 'u';
            for (int k = 0; k < 4; k++) buf[2 + k] = hexdig[(c >> (12 - 4 * k)) & 15];
            n = 6;
        } else {
            buf[0] = '\\'; buf[1] = 'U';
            for (int k = 0; k < 8; k++) buf[2 + k] = hexdig[(c >> (28 - 4 * k)) & 15];
            n = 10;
        }
        if (sb_append(sb, buf, (size_t)n) < 0) return -1;
    }
    return sb_append_char(sb, quote);
}

Obj *str_repr(Obj *s)
{
    StrBuilder sb;
    sb_init(&sb);
    if (sb_append_repr(&sb, s, false) < 0) { sb_discard(&sb); return NULL; }
    return sb_finish(&sb);
}

/* ascii(): the repr's body is already quoted by the caller; here escape non-ASCII only. */
Obj *str_ascii_escape(Obj *s)
{
    if (((StrObj *)s)->ascii) return NEWREF(s);
    StrBuilder sb;
    sb_init(&sb);
    const char *p = STR_DATA(s), *end = p + STR_SIZE(s);
    while (p < end) {
        uint32_t c = utf8_next(&p);
        int r;
        if (c < 0x80) r = sb_append_char(&sb, (char)c);
        else if (c <= 0xff) r = sb_printf(&sb, "\\x%02x", c);
        else if (c <= 0xffff) r = sb_printf(&sb, "\\u%04x", c);
        else r = sb_printf(&sb, "\\U%08x", c);
        if (r < 0) { sb_discard(&sb); return NULL; }
    }
    return sb_finish(&sb);
}

static Obj *str_str(Obj *s)
{
    if (STR_CHECK_EXACT(s)) return NEWREF(s);
    return str_from_valid(STR_DATA(s), STR_SIZE(s), STR_LEN(s));
}

/* ---- construction: str(object='') / str(object=b'', encoding='utf-8', errors='strict') ---- */

Obj *str_subtype_copy(Type *type, Obj *s)
{
    StrObj *r = (StrObj *)type_generic_alloc(type, STR_SIZE(s) + 1);
    if (!r) return NULL;
    r->hash = -1;
    r->size = STR_SIZE(s);
    r->length = STR_LEN(s);
    r->ascii = ((StrObj *)s)->ascii;
    memcpy(r->data, STR_DATA(s), STR_SIZE(s) + 1);
    return (Obj *)r;
}

static Obj *str_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"object", "encoding", "errors"};
    Obj *a[3];
    if (args_parse("str", args, nargs, kwnames, names, 3, 0, 3, a) < 0) return NULL;
    Obj *r;
    if (!a[0]) {
        r = NEWREF(str_empty());
    } else if (!a[1] && !a[2]) {
        r = obj_str(a[0]);
    } else {
        const char *enc = NULL, *errs = NULL;
        if (a[1]) {
            if (!STR_CHECK(a[1]))
                return err_format(Exc_TypeError, "str() argument 'encoding' must be str, not %T", a[1]);
            enc = STR_DATA(a[1]);
        }
        if (a[2]) {
            if (!STR_CHECK(a[2]))
                return err_format(Exc_TypeError, "str() argument 'errors' must be str, not %T", a[2]);
            errs = STR_DATA(a[2]);
        }
        if (STR_CHECK(a[0])) return err_set_str(Exc_TypeError, "decoding str is not supported");
        const char *data;
        size_t size;
        if (buffer_get(a[0], &data, &size) < 0)
            return err_format(Exc_TypeError, "decoding to str: need a bytes-like object, %T found", a[0]);
        r = codec_decode(data, size, enc, errs);
    }
    if (!r || type == &Type_str) return r;
    Obj *sub = str_subtype_copy(type, r);
    DECREF(r);
    return sub;
}

static void str_dealloc(Obj *o)
{
    if (offset_cache.s == o) offset_cache.s = NULL;
    obj_free(o);
}

/* ---- iteration ---- */

typedef struct StrIterObj {
    Obj ob;
    Obj *str;       /* NULL once exhausted */
    size_t offset;  /* byte offset of the next code point */
    size_t index;   /* code-point index (for __length_hint__) */
} StrIterObj;

static Obj *str_iter(Obj *s)
{
    Type *t = ((StrObj *)s)->ascii ? &Type_str_ascii_iterator : &Type_str_iterator;
    if (type_ensure_ready(t) < 0) return NULL;
    StrIterObj *it = (StrIterObj *)obj_alloc(t, sizeof(StrIterObj));
    if (!it) return NULL;
    it->str = NEWREF(s);
    return (Obj *)it;
}

static Obj *striter_next(Obj *o)
{
    StrIterObj *it = (StrIterObj *)o;
    Obj *s = it->str;
    if (!s) return NULL;
    if (it->offset >= STR_SIZE(s)) {
        CLEAR(it->str);
        return NULL;
    }
    const char *p = STR_DATA(s) + it->offset;
    unsigned char c = (unsigned char)*p;
    it->index++;
    if (c < 0x80) {
        it->offset++;
        return NEWREF(str_ascii_char(c));
    }
    const char *q = p;
    utf8_next(&q);
    it->offset += (size_t)(q - p);
    return str_from_valid(p, (size_t)(q - p), 1);
}

static void striter_dealloc(Obj *o)
{
    XDECREF(((StrIterObj *)o)->str);
    obj_free(o);
}

static Obj *striter_self(Obj *o)
{
    return NEWREF(o);
}

static Obj *striter_length_hint(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    StrIterObj *it = (StrIterObj *)self;
    return int_from_i64(it->str ? (int64_t)(STR_LEN(it->str) - it->index) : 0);
}

static const MethodDef striter_methods[] = {
    {"__length_hint__", striter_length_hint, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Type Type_str_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "str_iterator",
    .basicsize = sizeof(StrIterObj),
    .dealloc = striter_dealloc,
    .iter = striter_self,
    .iternext = striter_next,
    .methods = striter_methods,
};

Type Type_str_ascii_iterator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "str_ascii_iterator",
    .basicsize = sizeof(StrIterObj),
    .dealloc = striter_dealloc,
    .iter = striter_self,
    .iternext = striter_next,
    .methods = striter_methods,
};

Type Type_str = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "str",
    .basicsize = sizeof(StrObj),
    .itemsize = 1,
    .flags = TPFLAG_BASETYPE | TPFLAG_STR_SUBCLASS,
    .doc = "str(object='') -> str\n"
           "str(bytes_or_buffer[, encoding[, errors]]) -> str\n"
           "\n"
           "Create a new string object from the given object. If encoding or\n"
           "errors is specified, then the object must expose a data buffer\n"
           "that will be decoded using the given encoding and error handler.\n"
           "Otherwise, returns the result of object.__str__() (if defined)\n"
           "or repr(object).\n"
           "encoding defaults to sys.getdefaultencoding().\n"
           "errors defaults to 'strict'.",
    .dealloc = str_dealloc,
    .new = str_new,
    .repr = str_repr,
    .str = str_str,
    .hash = str_hash,
    .richcompare = str_richcompare,
    .binop = str_binop,
    .len = str_len,
    .getitem = str_getitem,
    .contains = str_contains,
    .iter = str_iter,
    .methods = str_methods,
};
