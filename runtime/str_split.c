/* str_split.c: str.split/rsplit/splitlines/partition/rpartition/expandtabs and
 * str.maketrans/translate. */
#include <string.h>
#include "str.h"

/* rsplit collects pieces right to left; put them back in order. */
static int list_reverse_inplace(Obj *list)
{
    Obj **it = LIST_ITEMS(list);
    for (size_t i = 0, j = LIST_SIZE(list); i + 1 < j; i++, j--) {
        Obj *t = it[i];
        it[i] = it[j - 1];
        it[j - 1] = t;
    }
    return 0;
}

static int append_piece(Obj *list, const char *p, size_t n)
{
    Obj *s = str_from_valid_utf8(p, n);
    if (!s) return -1;
    return list_append_steal(list, s);
}

static int append_piece_any(Obj *list, const char *p, size_t n)
{
    return append_piece(list, p, n);
}

/* A piece of an ASCII str: its length is its size. */
static int append_ascii_piece(Obj *list, const char *p, size_t n)
{
    Obj *s = str_from_valid(p, n, n);
    if (!s) return -1;
    return list_append_steal(list, s);
}

static inline bool ascii_space(unsigned char c)
{
    return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
}

/* split() of an ASCII str, left to right: byte loops only. */
static Obj *split_whitespace_ascii(Obj *self, size_t max)
{
    Obj *list = list_new(0);
    if (!list) return NULL;
    const unsigned char *s = (const unsigned char *)STR_DATA(self);
    size_t n = STR_SIZE(self), i = 0, done = 0;
    for (;;) {
        while (i < n && ascii_space(s[i])) i++;
        if (i >= n) break;
        size_t st = i;
        if (done == max) i = n;
        else while (i < n && !ascii_space(s[i])) i++;
        if (append_ascii_piece(list, (const char *)s + st, i - st) < 0) { DECREF(list); return NULL; }
        done++;
    }
    return list;
}

/* Whitespace split (sep None): runs of whitespace separate, none at the ends. */
static Obj *split_whitespace(Obj *self, intptr_t maxsplit, bool right)
{
    if (!right && ((StrObj *)self)->ascii) return split_whitespace_ascii(self, maxsplit < 0 ? SIZE_MAX : (size_t)maxsplit);
    Obj *list = list_new(0);
    if (!list) return NULL;
    const char *b = STR_DATA(self), *e = b + STR_SIZE(self);
    size_t max = maxsplit < 0 ? SIZE_MAX : (size_t)maxsplit;
    size_t done = 0;
    if (!right) {
        const char *p = b;
        for (;;) {
            const char *q;
            while (p < e) { q = p; if (!uni_isspace(utf8_next(&q))) break; p = q; }
            if (p >= e) break;
            if (done == max) {
                /* the rest as is (CPython keeps its trailing whitespace) */
                if (append_piece(list, p, (size_t)(e - p)) < 0) goto fail;
                break;
            }
            const char *start = p;
            while (p < e) { q = p; if (uni_isspace(utf8_next(&q))) break; p = q; }
            if (append_piece(list, start, (size_t)(p - start)) < 0) goto fail;
            done++;
        }
    } else {
        const char *p = e;
        for (;;) {
            const char *q;
            while (p > b) { q = p; if (!uni_isspace(utf8_prev(&q))) break; p = q; }
            if (p <= b) break;
            if (done == max) {
                if (append_piece(list, b, (size_t)(p - b)) < 0) goto fail;
                break;
            }
            const char *end = p;
            while (p > b) { q = p; if (uni_isspace(utf8_prev(&q))) break; p = q; }
            if (append_piece(list, p, (size_t)(end - p)) < 0) goto fail;
            done++;
        }
        if (list_reverse_inplace(list) < 0) goto fail;
    }
    return list;
fail:
    DECREF(list);
    return NULL;
}

/* Split on a (non-empty) separator. */
static Obj *split_sep(Obj *self, Obj *sep, intptr_t maxsplit, bool right)
{
    int (*append_piece)(Obj *, const char *, size_t) =
        ((StrObj *)self)->ascii ? append_ascii_piece : append_piece_any;
    Obj *list = list_new(0);
    if (!list) return NULL;
    const char *s = STR_DATA(self), *d = STR_DATA(sep);
    size_t n = STR_SIZE(self), m = STR_SIZE(sep);
    size_t max = maxsplit < 0 ? SIZE_MAX : (size_t)maxsplit, done = 0;
    if (!right) {
        size_t i = 0;
        while (done < max) {
            intptr_t k = raw_find(s + i, n - i, d, m);
            if (k < 0) break;
            if (append_piece(list, s + i, (size_t)k) < 0) goto fail;
            i += (size_t)k + m;
            done++;
        }
        if (append_piece(list, s + i, n - i) < 0) goto fail;
    } else {
        size_t j = n;
        while (done < max) {
            intptr_t k = raw_rfind(s, j, d, m);
            if (k < 0) break;
            if (append_piece(list, s + k + m, j - (size_t)k - m) < 0) goto fail;
            j = (size_t)k;
            done++;
        }
        if (append_piece(list, s, j) < 0) goto fail;
        if (list_reverse_inplace(list) < 0) goto fail;
    }
    return list;
fail:
    DECREF(list);
    return NULL;
}

Obj *str_split_impl(Obj *self, Obj *sep, intptr_t maxsplit, bool right)
{
    if (!sep || sep == V_None) return split_whitespace(self, maxsplit, right);
    if (!STR_CHECK(sep)) return err_format(Exc_TypeError, "must be str or None, not %T", sep);
    if (STR_SIZE(sep) == 0) return err_set_str(Exc_ValueError, "empty separator");
    return split_sep(self, sep, maxsplit, right);
}

static Obj *split_method(const char *name, Obj *self, Obj *const *args, size_t nargs, Obj *kwnames, bool right)
{
    static const char *const names[] = {"sep", "maxsplit"};
    Obj *a[2];
    if (args_parse(name, args, nargs, kwnames, names, 2, 0, 2, a) < 0) return NULL;
    intptr_t maxsplit = -1;
    if (a[1]) {
        if (!INT_CHECK(a[1]) && !TYPE(a[1])->index)
            return err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", a[1]);
        int64_t v = str_arg_ssize(a[1]);
        if (v == -1 && err_occurred()) return NULL;
        maxsplit = (intptr_t)v;
    }
    return str_split_impl(self, a[0], maxsplit, right);
}

Obj *strm_split(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    return split_method("split", self, args, nargs, kwnames, false);
}

Obj *strm_rsplit(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    return split_method("rsplit", self, args, nargs, kwnames, true);
}

Obj *str_splitlines_impl(Obj *self, bool keepends)
{
    Obj *list = list_new(0);
    if (!list) return NULL;
    const char *s = STR_DATA(self), *e = s + STR_SIZE(self), *p = s;
    while (p < e) {
        const char *start = p, *q = p;
        uint32_t c = 0;
        bool brk = false;
        while (q < e) {
            p = q;
            c = utf8_next(&q);
            if (uni_islinebreak(c)) { brk = true; break; }
        }
        if (!brk) p = q;
        const char *lend = p;
        if (brk) {
            if (c == '\r' && q < e && *q == '\n') q++;
            p = q;
        }
        if (append_piece(list, start, (size_t)((keepends ? p : lend) - start)) < 0) {
            DECREF(list);
            return NULL;
        }
    }
    return list;
}

Obj *strm_splitlines(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"keepends"};
    Obj *a[1];
    if (args_parse("splitlines", args, nargs, kwnames, names, 1, 0, 1, a) < 0) return NULL;
    int keep = 0;
    if (a[0] && (keep = obj_is_true(a[0])) < 0) return NULL;
    return str_splitlines_impl(self, keep);
}

static Obj *partition(Obj *self, Obj *sep, bool right)
{
    if (!STR_CHECK(sep)) return err_format(Exc_TypeError, "must be str, not %T", sep);
    if (STR_SIZE(sep) == 0) return err_set_str(Exc_ValueError, "empty separator");
    const char *s = STR_DATA(self);
    size_t n = STR_SIZE(self), m = STR_SIZE(sep);
    intptr_t k = right ? raw_rfind(s, n, STR_DATA(sep), m) : raw_find(s, n, STR_DATA(sep), m);
    Obj *a, *b, *c;
    if (k < 0) {
        Obj *e = str_empty();
        Obj *whole = STR_CHECK_EXACT(self) ? NEWREF(self) : str_from_valid(s, n, STR_LEN(self));
        if (!whole) return NULL;
        Obj *t = right ? tuple_pack(3, e, e, whole) : tuple_pack(3, whole, e, e);
        DECREF(whole);
        return t;
    }
    a = str_from_valid_utf8(s, (size_t)k);
    b = STR_CHECK_EXACT(sep) ? NEWREF(sep) : str_from_valid(STR_DATA(sep), m, STR_LEN(sep));
    c = str_from_valid_utf8(s + k + m, n - (size_t)k - m);
    Obj *t = (a && b && c) ? tuple_pack(3, a, b, c) : NULL;
    XDECREF(a); XDECREF(b); XDECREF(c);
    return t;
}

Obj *strm_partition(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    return partition(self, args[0], false);
}

Obj *strm_rpartition(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    return partition(self, args[0], true);
}

Obj *strm_expandtabs(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"tabsize"};
    Obj *a[1];
    if (args_parse("expandtabs", args, nargs, kwnames, names, 1, 0, 1, a) < 0) return NULL;
    int64_t tab = 8;
    if (a[0]) {
        if (!TYPE(a[0])->index)
            return err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", a[0]);
        tab = obj_as_index_i64(a[0], Exc_OverflowError);
        if (tab == -1 && err_occurred()) return NULL;
    }
    StrBuilder sb;
    sb_init(&sb);
    const char *p = STR_DATA(self), *e = p + STR_SIZE(self);
    int64_t col = 0;
    int r = 0;
    while (p < e && r == 0) {
        const char *q = p;
        uint32_t c = utf8_next(&q);
        if (c == '\t') {
            if (tab > 0) {
                int64_t k = tab - col % tab;
                col += k;
                while (k-- > 0 && r == 0) r = sb_append_char(&sb, ' ');
            }
        } else {
            r = sb_append(&sb, p, (size_t)(q - p));
            col++;
            if (c == '\n' || c == '\r') col = 0;
        }
        p = q;
    }
    if (r < 0) { sb_discard(&sb); return NULL; }
    return sb_finish(&sb);
}

/* str.maketrans(x[, y[, z]]) */
Obj *strm_maketrans(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    if (args_check_count("maketrans", nargs, kwnames, 1, 3) < 0) return NULL;
    Obj *d = dict_new();
    if (!d) return NULL;
    if (nargs == 1) {
        Obj *x = args[0];
        if (!DICT_CHECK(x)) {
            DECREF(d);
            return err_set_str(Exc_TypeError, "if you give only one argument to maketrans it must be a dict");
        }
        size_t pos = 0;
        Obj *k, *v;
        while (dict_next(x, &pos, &k, &v)) {
            if (STR_CHECK(k)) {
                if (STR_LEN(k) != 1) {
                    DECREF(d);
                    return err_set_str(Exc_ValueError, "string keys in translate table must be of length 1");
                }
                Obj *key = int_from_i64(str_char_at(k, 0));
                int r = dict_set(d, key, v);
                DECREF(key);
                if (r < 0) { DECREF(d); return NULL; }
            } else if (INT_CHECK(k)) {
                if (dict_set(d, k, v) < 0) { DECREF(d); return NULL; }
            } else {
                DECREF(d);
                return err_set_str(Exc_TypeError, "keys in translate table must be strings or integers");
            }
        }
        return d;
    }
    for (size_t i = 1; i < nargs; i++)
        if (!STR_CHECK(args[i])) {
            DECREF(d);
            return err_format(Exc_TypeError, "maketrans() argument %zu must be str, not %T", i + 1, args[i]);
        }
    if (!STR_CHECK(args[0])) {
        DECREF(d);
        return err_set_str(Exc_TypeError, "first maketrans argument must be a string if there is a second argument");
    }
    Obj *x = args[0], *y = args[1];
    if (STR_LEN(x) != STR_LEN(y)) {
        DECREF(d);
        return err_set_str(Exc_ValueError, "the first two maketrans arguments must have equal length");
    }
    const char *p = STR_DATA(x), *q = STR_DATA(y);
    for (size_t i = 0; i < STR_LEN(x); i++) {
        Obj *k = int_from_i64(utf8_next(&p)), *v = int_from_i64(utf8_next(&q));
        int r = dict_set(d, k, v);
        DECREF(k); DECREF(v);
        if (r < 0) { DECREF(d); return NULL; }
    }
    if (nargs == 3) {
        const char *z = STR_DATA(args[2]);
        for (size_t i = 0; i < STR_LEN(args[2]); i++) {
            Obj *k = int_from_i64(utf8_next(&z));
            int r = dict_set(d, k, V_None);
            DECREF(k);
            if (r < 0) { DECREF(d); return NULL; }
        }
    }
    return d;
}

Obj *strm_translate(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    Obj *table = args[0];
    StrBuilder sb;
    sb_init(&sb);
    const char *p = STR_DATA(self), *e = p + STR_SIZE(self);
    while (p < e) {
        const char *start = p;
        uint32_t c = utf8_next(&p);
        Obj *key = int_from_i64(c);
        if (!key) goto fail;
        Obj *v = obj_getitem(table, key);
        DECREF(key);
        if (!v) {
            if (!err_matches(Exc_LookupError)) goto fail;
            err_clear();
            if (sb_append(&sb, start, (size_t)(p - start)) < 0) goto fail;
            continue;
        }
        int r = 0;
        if (v == V_None) {
        } else if (INT_CHECK(v)) {
            int64_t cp;
            if (int_as_i64_checked(v, &cp) < 0 || cp < 0 || cp > 0x10FFFF) {
                DECREF(v);
                err_set_str(Exc_ValueError, "character mapping must be in range(0x110000)");
                goto fail;
            }
            r = sb_append_codepoint(&sb, (uint32_t)cp);
        } else if (STR_CHECK(v)) {
            r = sb_append_str(&sb, v);
        } else {
            DECREF(v);
            err_set_str(Exc_TypeError, "character mapping must return integer, None or str");
            goto fail;
        }
        DECREF(v);
        if (r < 0) goto fail;
    }
    return sb_finish(&sb);
fail:
    sb_discard(&sb);
    return NULL;
}
