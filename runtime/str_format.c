/* str_format.c: str.format / str.format_map (the replacement-field syntax: {0.attr[key]!r:spec}
 * with nested specs and automatic numbering) and str.__format__. */
#include <string.h>
#include "str.h"

enum { AUTO_INIT, AUTO_ON, AUTO_MANUAL };

typedef struct {
    Obj *const *pos;
    size_t npos;
    Obj *kwnames;           /* tuple of str, or NULL */
    Obj *const *kwvals;
    Obj *mapping;           /* format_map's argument, or NULL */
    int auto_state;
    size_t auto_idx;
} FmtCtx;

static int build(FmtCtx *c, const char *s, size_t n, int depth, StrBuilder *out);

/* Decimal value of a field-name part (Unicode decimal digits count, as in CPython): -1 if it
 * is not a number (no error), -2 with ValueError on overflow. */
static intptr_t get_integer(const char *s, size_t n)
{
    if (n == 0) return -1;
    intptr_t acc = 0;
    const char *p = s, *end = s + n;
    while (p < end) {
        int d = uni_decimal(utf8_next(&p));
        if (d < 0) return -1;
        if (acc > (INTPTR_MAX - d) / 10) {
            err_set_str(Exc_ValueError, "Too many decimal digits in format string");
            return -2;
        }
        acc = acc * 10 + d;
    }
    return acc;
}

static Obj *positional(FmtCtx *c, intptr_t idx)
{
    if (c->mapping) return err_set_str(Exc_ValueError, "Format string contains positional fields");
    if (idx >= (intptr_t)c->npos)
        return err_format(Exc_IndexError, "Replacement index %zd out of range for positional args tuple", idx);
    return NEWREF(c->pos[idx]);
}

static Obj *keyword(FmtCtx *c, const char *s, size_t n)
{
    Obj *key = str_from_valid_utf8(s, n);
    if (!key) return NULL;
    Obj *r = NULL;
    if (c->mapping) {
        r = obj_getitem(c->mapping, key);
    } else {
        if (c->kwnames)
            for (size_t i = 0; i < TUPLE_SIZE(c->kwnames); i++)
                if (str_eq(TUPLE_GET(c->kwnames, i), key)) { r = NEWREF(c->kwvals[i]); break; }
        if (!r) err_set_object(Exc_KeyError, key);
    }
    DECREF(key);
    return r;
}

/* Resolve a field name: the first part ("", an index or a keyword), then .attr / [key] parts,
 * each looked up before the next is parsed (CPython's FieldNameIterator order). */
static Obj *get_field(FmtCtx *c, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] != '.' && s[i] != '[') i++;
    intptr_t idx = get_integer(s, i);
    if (idx == -2) return NULL;
    bool empty = i == 0, numeric = empty || idx >= 0;
    if (numeric) {
        if (c->auto_state == AUTO_INIT) c->auto_state = empty ? AUTO_ON : AUTO_MANUAL;
        if (c->auto_state == AUTO_MANUAL && empty)
            return err_set_str(Exc_ValueError, "cannot switch from manual field specification to automatic field numbering");
        if (c->auto_state == AUTO_ON && !empty)
            return err_set_str(Exc_ValueError, "cannot switch from automatic field numbering to manual field specification");
        if (empty) idx = (intptr_t)c->auto_idx++;
    }
    Obj *obj = numeric ? positional(c, idx) : keyword(c, s, i);
    while (obj && i < n) {
        char kind = s[i++];
        size_t st = i;
        if (kind == '.') {
            while (i < n && s[i] != '.' && s[i] != '[') i++;
        } else if (kind == '[') {
            while (i < n && s[i] != ']') i++;
            if (i >= n) {
                DECREF(obj);
                return err_set_str(Exc_ValueError, "Missing ']' in format string");
            }
        } else {
            DECREF(obj);
            return err_set_str(Exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
        }
        size_t en = i;
        if (kind == '[') i++;   /* past ']' */
        intptr_t k = kind == '[' ? get_integer(s + st, en - st) : -1;
        if (k == -2) { DECREF(obj); return NULL; }
        if (en == st) {
            DECREF(obj);
            return err_set_str(Exc_ValueError, "Empty attribute in format string");
        }
        Obj *key = k >= 0 ? int_from_i64(k) : str_from_valid_utf8(s + st, en - st);
        Obj *next = NULL;
        if (key) next = kind == '.' ? obj_getattr(obj, key) : obj_getitem(obj, key);
        XDECREF(key);
        DECREF(obj);
        obj = next;
    }
    return obj;
}

/* Render one field: look the object up, convert, expand a nested spec, format. */
static int render_field(FmtCtx *c, const char *name, size_t name_n, uint32_t conv, const char *spec,
                        size_t spec_n, bool expand, int depth, StrBuilder *out)
{
    Obj *obj = get_field(c, name, name_n);
    if (!obj) return -1;
    if (conv) {
        Obj *t;
        switch (conv) {
        case 'r': t = obj_repr(obj); break;
        case 's': t = obj_str(obj); break;
        case 'a': t = obj_ascii(obj); break;
        default:
            DECREF(obj);
            if (conv > 32 && conv < 127) err_format(Exc_ValueError, "Unknown conversion specifier %c", (int)conv);
            else err_format(Exc_ValueError, "Unknown conversion specifier \\x%x", (unsigned)conv);
            return -1;
        }
        DECREF(obj);
        if (!t) return -1;
        obj = t;
    }
    Obj *specobj;
    if (expand) {
        StrBuilder sb;
        sb_init(&sb);
        if (build(c, spec, spec_n, depth - 1, &sb) < 0) {
            sb_discard(&sb);
            DECREF(obj);
            return -1;
        }
        specobj = sb_finish(&sb);
    } else {
        specobj = str_from_valid_utf8(spec, spec_n);
    }
    if (!specobj) { DECREF(obj); return -1; }
    Obj *r = obj_format(obj, specobj);
    DECREF(obj);
    DECREF(specobj);
    if (!r) return -1;
    int rc = sb_append_str(out, r);
    DECREF(r);
    return rc;
}

/* Parse the field after '{' (CPython's parse_field) starting at *ip, then render it. */
static int do_field(FmtCtx *c, const char *s, size_t n, size_t *ip, int depth, StrBuilder *out)
{
    size_t i = *ip, name_start = i;
    char ch = 0;
    while (i < n) {
        ch = s[i++];
        if (ch == '{') {
            err_set_str(Exc_ValueError, "unexpected '{' in field name");
            return -1;
        }
        if (ch == '[') {
            while (i < n && s[i] != ']') i++;
            continue;
        }
        if (ch == '}' || ch == ':' || ch == '!') break;
    }
    size_t name_end = i - 1;
    uint32_t conv = 0;
    const char *spec = "";
    size_t spec_n = 0;
    bool expand = false;
    if (ch == '!' || ch == ':') {
        if (ch == '!') {
            if (i >= n) {
                err_set_str(Exc_ValueError, "end of string while looking for conversion specifier");
                return -1;
            }
            const char *p = s + i;
            conv = utf8_next(&p);
            i = (size_t)(p - s);
            if (i < n) {
                char c2 = s[i++];
                if (c2 == '}') goto parsed;
                if (c2 != ':') {
                    err_set_str(Exc_ValueError, "expected ':' after conversion specifier");
                    return -1;
                }
            }
        }
        size_t spec_start = i;
        int count = 1;
        while (i < n) {
            char x = s[i++];
            if (x == '{') { expand = true; count++; }
            else if (x == '}' && --count == 0) break;
        }
        if (count) {
            err_set_str(Exc_ValueError, "unmatched '{' in format spec");
            return -1;
        }
        spec = s + spec_start;
        spec_n = i - 1 - spec_start;
    } else if (ch != '}') {
        err_set_str(Exc_ValueError, "expected '}' before end of string");
        return -1;
    }
parsed:
    *ip = i;
    return render_field(c, s + name_start, name_end - name_start, conv, spec, spec_n, expand, depth, out);
}

/* The format loop (CPython's MarkupIterator): literal text with {{ }} escapes, then fields. */
static int build(FmtCtx *c, const char *s, size_t n, int depth, StrBuilder *out)
{
    if (depth <= 0) {
        err_set_str(Exc_ValueError, "Max string recursion exceeded");
        return -1;
    }
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        char ch = 0;
        bool markup = false;
        while (i < n) {
            ch = s[i++];
            if (ch == '{' || ch == '}') { markup = true; break; }
        }
        bool at_end = i >= n;
        size_t len = i - start;
        if (markup && ch == '}' && (at_end || s[i] != '}')) {
            err_set_str(Exc_ValueError, "Single '}' encountered in format string");
            return -1;
        }
        if (markup && at_end && ch == '{') {
            err_set_str(Exc_ValueError, "Single '{' encountered in format string");
            return -1;
        }
        if (markup) {
            if (s[i] == ch) { i++; markup = false; }   /* escaped brace: keep one in the literal */
            else len--;
        }
        if (len && sb_append(out, s + start, len) < 0) return -1;
        if (markup && do_field(c, s, n, &i, depth, out) < 0) return -1;
    }
    return 0;
}

Obj *str_format_impl(Obj *fmt, Obj *const *args, size_t nargs, Obj *kwnames)
{
    FmtCtx c = {args, nargs, kwnames, args + nargs, NULL, AUTO_INIT, 0};
    if (kwnames && TUPLE_SIZE(kwnames) == 0) c.kwnames = NULL;
    StrBuilder sb;
    sb_init(&sb);
    if (build(&c, STR_DATA(fmt), STR_SIZE(fmt), 2, &sb) < 0) {
        sb_discard(&sb);
        return NULL;
    }
    return sb_finish(&sb);
}

Obj *strm_format(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    return str_format_impl(self, args, nargs, kwnames);
}

Obj *strm_format_map(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    FmtCtx c = {NULL, 0, NULL, NULL, args[0], AUTO_INIT, 0};
    StrBuilder sb;
    sb_init(&sb);
    if (build(&c, STR_DATA(self), STR_SIZE(self), 2, &sb) < 0) {
        sb_discard(&sb);
        return NULL;
    }
    return sb_finish(&sb);
}

Obj *strm___format__(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    Obj *spec = args[0];
    if (!STR_CHECK(spec))
        return err_format(Exc_TypeError, "__format__() argument must be str, not %T", spec);
    if (STR_SIZE(spec) == 0) {
        if (STR_CHECK_EXACT(self)) return NEWREF(self);
        return str_from_valid(STR_DATA(self), STR_SIZE(self), STR_LEN(self));
    }
    return format_spec_apply(self, spec);
}
