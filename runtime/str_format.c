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

static bool all_digits(const char *s, size_t n)
{
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++) if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

static int parse_index(const char *s, size_t n, intptr_t *out)
{
    intptr_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (v > (INTPTR_MAX - 9) / 10) {
            err_set_str(Exc_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
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

/* Resolve a field name ("0", "", "name", followed by .attr / [key] parts). */
static Obj *get_field(FmtCtx *c, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] != '.' && s[i] != '[') i++;
    Obj *obj;
    if (i == 0) {
        if (c->auto_state == AUTO_MANUAL)
            return err_set_str(Exc_ValueError, "cannot switch from manual field specification to automatic field numbering");
        c->auto_state = AUTO_ON;
        obj = positional(c, (intptr_t)c->auto_idx++);
    } else if (all_digits(s, i)) {
        if (c->auto_state == AUTO_ON)
            return err_set_str(Exc_ValueError, "cannot switch from automatic field numbering to manual field specification");
        c->auto_state = AUTO_MANUAL;
        intptr_t idx;
        if (parse_index(s, i, &idx) < 0) return NULL;
        obj = positional(c, idx);
    } else {
        obj = keyword(c, s, i);
    }
    while (obj && i < n) {
        Obj *next;
        if (s[i] == '.') {
            size_t st = ++i;
            while (i < n && s[i] != '.' && s[i] != '[') i++;
            if (i == st) {
                DECREF(obj);
                return err_set_str(Exc_ValueError, "Empty attribute in format string");
            }
            Obj *name = str_from_valid_utf8(s + st, i - st);
            next = name ? obj_getattr(obj, name) : NULL;
            XDECREF(name);
        } else if (s[i] == '[') {
            size_t st = ++i;
            while (i < n && s[i] != ']') i++;
            if (i >= n) {
                DECREF(obj);
                return err_set_str(Exc_ValueError, "Missing ']' in format string");
            }
            if (i == st) {
                DECREF(obj);
                return err_set_str(Exc_ValueError, "Empty attribute in format string");
            }
            Obj *key;
            if (all_digits(s + st, i - st)) {
                intptr_t idx;
                if (parse_index(s + st, i - st, &idx) < 0) { DECREF(obj); return NULL; }
                key = int_from_i64(idx);
            } else {
                key = str_from_valid_utf8(s + st, i - st);
            }
            i++;
            next = key ? obj_getitem(obj, key) : NULL;
            XDECREF(key);
            if (next && i < n && s[i] != '.' && s[i] != '[') {
                DECREF(next);
                DECREF(obj);
                return err_set_str(Exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
            }
        } else {
            DECREF(obj);
            return err_set_str(Exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
        }
        DECREF(obj);
        obj = next;
    }
    return obj;
}

/* One replacement field's contents (between the braces). */
static int do_field(FmtCtx *c, const char *s, size_t n, int depth, StrBuilder *out)
{
    size_t i = 0;
    while (i < n) {
        char ch = s[i];
        if (ch == '[') {
            while (i < n && s[i] != ']') i++;
            if (i < n) i++;
            continue;
        }
        if (ch == '{') {
            err_set_str(Exc_ValueError, "unexpected '{' in field name");
            return -1;
        }
        if (ch == ':' || ch == '!') break;
        i++;
    }
    size_t name_end = i;
    uint32_t conv = 0;
    const char *spec = "";
    size_t spec_n = 0;
    if (i < n && s[i] == '!') {
        i++;
        if (i >= n) {
            err_set_str(Exc_ValueError, "unmatched '{' in format spec");
            return -1;
        }
        const char *p = s + i;
        conv = utf8_next(&p);
        i = (size_t)(p - s);
        if (i < n) {
            if (s[i] != ':') {
                err_set_str(Exc_ValueError, "expected ':' after conversion specifier");
                return -1;
            }
        }
    }
    if (i < n && s[i] == ':') {
        spec = s + i + 1;
        spec_n = n - i - 1;
    }
    Obj *obj = get_field(c, s, name_end);
    if (!obj) return -1;
    if (conv) {
        Obj *t;
        switch (conv) {
        case 'r': t = obj_repr(obj); break;
        case 's': t = obj_str(obj); break;
        case 'a': t = obj_ascii(obj); break;
        default:
            DECREF(obj);
            if (conv < 128) err_format(Exc_ValueError, "Unknown conversion specifier %c", (int)conv);
            else err_format(Exc_ValueError, "Unknown conversion specifier \\x%x", (unsigned)conv);
            return -1;
        }
        DECREF(obj);
        if (!t) return -1;
        obj = t;
    }
    Obj *specobj;
    if (memchr(spec, '{', spec_n)) {
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

static int build(FmtCtx *c, const char *s, size_t n, int depth, StrBuilder *out)
{
    if (depth <= 0) {
        err_set_str(Exc_ValueError, "Max string recursion exceeded");
        return -1;
    }
    size_t i = 0;
    while (i < n) {
        size_t st = i;
        while (i < n && s[i] != '{' && s[i] != '}') i++;
        if (i > st && sb_append(out, s + st, i - st) < 0) return -1;
        if (i >= n) break;
        char ch = s[i++];
        if (ch == '}') {
            if (i < n && s[i] == '}') { i++; if (sb_append_char(out, '}') < 0) return -1; continue; }
            err_set_str(Exc_ValueError, "Single '}' encountered in format string");
            return -1;
        }
        if (i < n && s[i] == '{') { i++; if (sb_append_char(out, '{') < 0) return -1; continue; }
        if (i >= n) {
            err_set_str(Exc_ValueError, "Single '{' encountered in format string");
            return -1;
        }
        /* find the matching '}' */
        size_t fs = i;
        int count = 1;
        while (i < n) {
            if (s[i] == '{') count++;
            else if (s[i] == '}' && --count == 0) break;
            i++;
        }
        if (count) {
            err_set_str(Exc_ValueError, "expected '}' before end of string");
            return -1;
        }
        if (do_field(c, s + fs, i - fs, depth, out) < 0) return -1;
        i++;
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
