/* jsonmodule.c: _json, the C scanner behind json.decoder (make_scanner) and the string escapers
 * behind json.encoder. The scanner works on the str's UTF-8 bytes while counting code points, so
 * error positions and end indexes are CPython's (code point offsets). */
#include <math.h>
#include <string.h>
#include "dict.h"
#include "gc.h"
#include "vm.h"
#include "modules.h"

typedef struct {
    Obj ob;
    Obj *object_hook, *object_pairs_hook, *parse_float, *parse_int, *parse_constant;
    bool strict;
} ScannerObj;

/* State of one scan: the document and its bytes. */
typedef struct {
    ScannerObj *sc;
    Obj *doc;
    const unsigned char *base;
    size_t size;
    int depth;
} Scan;

/* Position: byte offset and code point index, advanced together. */
typedef struct {
    size_t b;
    intptr_t c;
} Pos;

#define MAX_DEPTH 900

/* Raise json.decoder.JSONDecodeError(msg, doc, pos). */
static void decode_error(Scan *s, const char *msg, intptr_t pos) {
    Obj *mod = import_module("json.decoder");
    if (!mod) return;
    Obj *cls = obj_getattr_cstr(mod, "JSONDecodeError");
    DECREF(mod);
    if (!cls) return;
    Obj *m = str_from_cstr(msg);
    Obj *p = int_from_i64(pos);
    if (m && p) {
        Obj *args[3] = {m, s->doc, p};
        Obj *exc = obj_call(cls, args, 3, NULL);
        if (exc) {
            err_set_instance(exc);
            DECREF(exc);
        }
    }
    XDECREF(m);
    XDECREF(p);
    DECREF(cls);
}

/* "Expecting value" is reported by the caller (raw_decode) from StopIteration(pos). */
static void no_value(intptr_t pos) {
    Obj *p = int_from_i64(pos);
    if (p) {
        err_stop_iteration(p);
        DECREF(p);
    }
}

static inline void skip_ws(Scan *s, Pos *p) {
    while (p->b < s->size) {
        unsigned char ch = s->base[p->b];
        if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') break;
        p->b++;
        p->c++;
    }
}

static int hexval(unsigned char ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* Four hex digits at byte b; -1 if any is not a hex digit. */
static int hex4(Scan *s, size_t b) {
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(s->base[b + i]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Scan a string whose opening quote precedes *p; leaves *p after the closing quote. */
static Obj *scan_string(Scan *s, Pos *p, bool strict) {
    intptr_t begin = p->c - 1;
    const unsigned char *d = s->base;
    size_t n = s->size;
    StrBuilder sb;
    bool have_sb = false;
    for (;;) {
        size_t start = p->b;
        while (p->b < n) {
            unsigned char ch = d[p->b];
            if (ch == '"' || ch == '\\') break;
            if (ch < 0x20 && strict) {
                if (have_sb) sb_discard(&sb);
                decode_error(s, "Invalid control character at", p->c);
                return NULL;
            }
            p->b++;
            if ((ch & 0xC0) != 0x80) p->c++;
        }
        if (p->b >= n) {
            if (have_sb) sb_discard(&sb);
            decode_error(s, "Unterminated string starting at", begin);
            return NULL;
        }
        if (d[p->b] == '"' && !have_sb) {
            Obj *r = str_from_utf8((const char *)d + start, p->b - start);
            p->b++;
            p->c++;
            return r;
        }
        if (!have_sb) { sb_init(&sb); have_sb = true; }
        if (p->b > start && sb_append(&sb, (const char *)d + start, p->b - start) < 0) goto fail;
        if (d[p->b] == '"') {
            p->b++;
            p->c++;
            return sb_finish(&sb);
        }
        /* backslash */
        p->b++;
        p->c++;
        if (p->b >= n) {
            sb_discard(&sb);
            decode_error(s, "Unterminated string starting at", begin);
            return NULL;
        }
        unsigned char esc = d[p->b];
        if (esc != 'u') {
            char out;
            switch (esc) {
            case '"': out = '"'; break;
            case '\\': out = '\\'; break;
            case '/': out = '/'; break;
            case 'b': out = '\b'; break;
            case 'f': out = '\f'; break;
            case 'n': out = '\n'; break;
            case 'r': out = '\r'; break;
            case 't': out = '\t'; break;
            default:
                sb_discard(&sb);
                decode_error(s, "Invalid \\escape", p->c - 1);
                return NULL;
            }
            if (sb_append_char(&sb, out) < 0) goto fail;
            p->b++;
            p->c++;
            continue;
        }
        /* \uXXXX: 'u' at p; all of it is ASCII, so bytes and code points advance together. */
        intptr_t upos = p->c;
        p->b++;
        p->c++;
        if (p->b + 4 >= n) {
            sb_discard(&sb);
            decode_error(s, "Invalid \\uXXXX escape", upos);
            return NULL;
        }
        int cp = hex4(s, p->b);
        if (cp < 0) {
            sb_discard(&sb);
            decode_error(s, "Invalid \\uXXXX escape", upos);
            return NULL;
        }
        p->b += 4;
        p->c += 4;
        if (cp >= 0xd800 && cp <= 0xdbff && p->b + 6 < n && d[p->b] == '\\' && d[p->b + 1] == 'u') {
            int cp2 = hex4(s, p->b + 2);
            if (cp2 < 0) {
                sb_discard(&sb);
                decode_error(s, "Invalid \\uXXXX escape", p->c + 1);
                return NULL;
            }
            if (cp2 >= 0xdc00 && cp2 <= 0xdfff) {
                cp = 0x10000 + (((cp - 0xd800) << 10) | (cp2 - 0xdc00));
                p->b += 6;
                p->c += 6;
            }
        }
        if (sb_append_codepoint(&sb, (uint32_t)cp) < 0) goto fail;
    }
fail:
    sb_discard(&sb);
    return NULL;
}

static Obj *scan_value(Scan *s, Pos *p);

static Obj *call_hook_str(Obj *hook, const unsigned char *text, size_t len) {
    Obj *t = str_from_utf8((const char *)text, len);
    if (!t) return NULL;
    Obj *r = obj_call1(hook, t);
    DECREF(t);
    return r;
}

static Obj *scan_number(Scan *s, Pos *p) {
    const unsigned char *d = s->base;
    size_t n = s->size, start = p->b, i = p->b;
    if (d[i] == '-') {
        i++;
        if (i >= n) { no_value(p->c); return NULL; }
    }
    if (d[i] >= '1' && d[i] <= '9') {
        i++;
        while (i < n && d[i] >= '0' && d[i] <= '9') i++;
    } else if (d[i] == '0') {
        i++;
    } else {
        no_value(p->c);
        return NULL;
    }
    bool is_float = false;
    if (i + 1 < n && d[i] == '.' && d[i + 1] >= '0' && d[i + 1] <= '9') {
        is_float = true;
        i += 2;
        while (i < n && d[i] >= '0' && d[i] <= '9') i++;
    }
    if (i + 1 < n && (d[i] == 'e' || d[i] == 'E')) {
        size_t e_start = i++;
        if (i + 1 < n && (d[i] == '-' || d[i] == '+')) i++;
        while (i < n && d[i] >= '0' && d[i] <= '9') i++;
        if (d[i - 1] >= '0' && d[i - 1] <= '9') is_float = true;
        else i = e_start;
    }
    size_t len = i - start;
    p->b = i;
    p->c += (intptr_t)len;
    ScannerObj *sc = s->sc;
    if (is_float) {
        if (sc->parse_float != (Obj *)&Type_float) return call_hook_str(sc->parse_float, d + start, len);
        return float_from_string((const char *)d + start, len);
    }
    if (sc->parse_int != (Obj *)&Type_int) return call_hook_str(sc->parse_int, d + start, len);
    if (len <= 18) {
        int64_t v = 0;
        size_t k = start;
        bool neg = d[k] == '-';
        if (neg) k++;
        for (; k < i; k++) v = v * 10 + (d[k] - '0');
        return MAKE_SMALL(neg ? -v : v);
    }
    return int_from_string((const char *)d + start, len, 10);
}

static Obj *scan_object(Scan *s, Pos *p) {
    ScannerObj *sc = s->sc;
    bool pairs_mode = sc->object_pairs_hook != NULL;
    Obj *acc = pairs_mode ? list_new(0) : dict_new();
    if (!acc) return NULL;
    skip_ws(s, p);
    if (p->b >= s->size || s->base[p->b] != '}') {
        for (;;) {
            if (p->b >= s->size || s->base[p->b] != '"') {
                decode_error(s, "Expecting property name enclosed in double quotes", p->c);
                goto fail;
            }
            p->b++;
            p->c++;
            Obj *key = scan_string(s, p, sc->strict);
            if (!key) goto fail;
            skip_ws(s, p);
            if (p->b >= s->size || s->base[p->b] != ':') {
                DECREF(key);
                decode_error(s, "Expecting ':' delimiter", p->c);
                goto fail;
            }
            p->b++;
            p->c++;
            skip_ws(s, p);
            Obj *val = scan_value(s, p);
            if (!val) { DECREF(key); goto fail; }
            int r;
            if (pairs_mode) {
                Obj *pair = tuple_pack(2, key, val);
                r = pair ? list_append_steal(acc, pair) : -1;
            } else {
                r = dict_set(acc, key, val);
            }
            DECREF(key);
            DECREF(val);
            if (r < 0) goto fail;
            skip_ws(s, p);
            if (p->b < s->size && s->base[p->b] == '}') break;
            if (p->b >= s->size || s->base[p->b] != ',') {
                decode_error(s, "Expecting ',' delimiter", p->c);
                goto fail;
            }
            p->b++;
            p->c++;
            skip_ws(s, p);
        }
    }
    p->b++;
    p->c++;
    if (pairs_mode) {
        Obj *r = obj_call1(sc->object_pairs_hook, acc);
        DECREF(acc);
        return r;
    }
    if (sc->object_hook) {
        Obj *r = obj_call1(sc->object_hook, acc);
        DECREF(acc);
        return r;
    }
    return acc;
fail:
    DECREF(acc);
    return NULL;
}

static Obj *scan_array(Scan *s, Pos *p) {
    Obj *list = list_new(0);
    if (!list) return NULL;
    skip_ws(s, p);
    if (p->b >= s->size || s->base[p->b] != ']') {
        for (;;) {
            Obj *val = scan_value(s, p);
            if (!val || list_append_steal(list, val) < 0) goto fail;
            skip_ws(s, p);
            if (p->b < s->size && s->base[p->b] == ']') break;
            if (p->b >= s->size || s->base[p->b] != ',') {
                decode_error(s, "Expecting ',' delimiter", p->c);
                goto fail;
            }
            p->b++;
            p->c++;
            skip_ws(s, p);
        }
    }
    p->b++;
    p->c++;
    return list;
fail:
    DECREF(list);
    return NULL;
}

static bool match_word(Scan *s, Pos *p, const char *w) {
    size_t len = strlen(w);
    return p->b + len <= s->size && memcmp(s->base + p->b, w, len) == 0;
}

static Obj *constant(Scan *s, Pos *p, const char *name) {
    size_t len = strlen(name);
    p->b += len;
    p->c += (intptr_t)len;
    Obj *t = str_from_cstr(name);
    if (!t) return NULL;
    Obj *r = obj_call1(s->sc->parse_constant, t);
    DECREF(t);
    return r;
}

static Obj *scan_value(Scan *s, Pos *p) {
    if (p->b >= s->size) { no_value(p->c); return NULL; }
    unsigned char ch = s->base[p->b];
    switch (ch) {
    case '"':
        p->b++;
        p->c++;
        return scan_string(s, p, s->sc->strict);
    case '{':
    case '[': {
        if (++s->depth > MAX_DEPTH) {
            err_format(Exc_RecursionError, "maximum recursion depth exceeded while decoding a JSON %s from a unicode string",
                       ch == '{' ? "object" : "array");
            return NULL;
        }
        p->b++;
        p->c++;
        Obj *r = ch == '{' ? scan_object(s, p) : scan_array(s, p);
        s->depth--;
        return r;
    }
    case 'n':
        if (match_word(s, p, "null")) { p->b += 4; p->c += 4; return V_None; }
        break;
    case 't':
        if (match_word(s, p, "true")) { p->b += 4; p->c += 4; return V_True; }
        break;
    case 'f':
        if (match_word(s, p, "false")) { p->b += 5; p->c += 5; return V_False; }
        break;
    case 'N':
        if (match_word(s, p, "NaN")) return constant(s, p, "NaN");
        break;
    case 'I':
        if (match_word(s, p, "Infinity")) return constant(s, p, "Infinity");
        break;
    case '-':
        if (match_word(s, p, "-Infinity")) return constant(s, p, "-Infinity");
        break;
    }
    return scan_number(s, p);
}

/* scanner(string, idx) -> (value, end) */
static Obj *scanner_call(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("scan_once", nargs, kwnames, 2, 2) < 0) return NULL;
    Obj *doc = args[0];
    if (!STR_CHECK(doc)) return err_format(Exc_TypeError, "first argument must be a string, not %.80s", type_name(TYPE(doc)));
    int64_t idx = obj_as_index_i64(args[1], Exc_OverflowError);
    if (idx == -1 && err_occurred()) return NULL;
    Scan s = {(ScannerObj *)self, doc, (const unsigned char *)STR_DATA(doc), STR_SIZE(doc), 0};
    if (idx < 0) return err_set_str(Exc_ValueError, "idx cannot be negative");
    Pos p = {0, 0};
    if ((size_t)idx >= STR_LEN(doc)) {
        no_value(idx);
        return NULL;
    }
    if (((StrObj *)doc)->ascii) {
        p.b = (size_t)idx;
    } else {
        while (p.c < idx) {
            p.b++;
            while (p.b < s.size && (s.base[p.b] & 0xC0) == 0x80) p.b++;
            p.c++;
        }
    }
    p.c = idx;
    Obj *v = scan_value(&s, &p);
    if (!v) return NULL;
    Obj *end = int_from_i64(p.c);
    Obj *r = end ? tuple_pack(2, v, end) : NULL;
    DECREF(v);
    XDECREF(end);
    return r;
}

static Obj *scanner_vcall(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return scanner_call(self, args, nargs, kwnames);
}

static void scanner_dealloc(Obj *o) {
    ct_untrack(o);
    ScannerObj *sc = (ScannerObj *)o;
    XDECREF(sc->object_hook);
    XDECREF(sc->object_pairs_hook);
    XDECREF(sc->parse_float);
    XDECREF(sc->parse_int);
    XDECREF(sc->parse_constant);
    obj_free(o);
}

static int scanner_traverse(Obj *o, visitproc visit, void *arg) {
    ScannerObj *sc = (ScannerObj *)o;
    Obj *fields[] = {sc->object_hook, sc->object_pairs_hook, sc->parse_float, sc->parse_int, sc->parse_constant};
    for (size_t i = 0; i < 5; i++)
        if (fields[i] && visit(fields[i], arg)) return 1;
    return 0;
}

Type Type_json_Scanner = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "_json.Scanner",
    .basicsize = sizeof(ScannerObj),
    .flags = TPFLAG_HAVE_GC,
    .doc = "JSON scanner object",
    .dealloc = scanner_dealloc,
    .traverse = scanner_traverse,
    .call = scanner_vcall,
};

/* make_scanner(context): a scanner using context's strict/object_hook/... settings. */
static Obj *make_scanner(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *ctx = args[0];
    if (!(Type_json_Scanner.flags & TPFLAG_READY) && type_ready(&Type_json_Scanner) < 0) return NULL;
    ScannerObj *sc = (ScannerObj *)gc_alloc(&Type_json_Scanner, sizeof(ScannerObj));
    if (!sc) return NULL;
    Obj *strict = obj_getattr_cstr(ctx, "strict");
    int st = strict ? obj_is_true(strict) : -1;
    XDECREF(strict);
    if (st < 0) goto fail;
    sc->strict = st;
    static const char *const names[] = {"object_hook", "object_pairs_hook", "parse_float", "parse_int", "parse_constant"};
    Obj **slots[] = {&sc->object_hook, &sc->object_pairs_hook, &sc->parse_float, &sc->parse_int, &sc->parse_constant};
    for (size_t i = 0; i < 5; i++) {
        Obj *v = obj_getattr_cstr(ctx, names[i]);
        if (!v) goto fail;
        if (v == V_None) DECREF(v);
        else *slots[i] = v;
    }
    if (!sc->parse_float) sc->parse_float = NEWREF((Obj *)&Type_float);
    if (!sc->parse_int) sc->parse_int = NEWREF((Obj *)&Type_int);
    if (!sc->parse_constant) { err_set_str(Exc_TypeError, "parse_constant must be set"); goto fail; }
    gc_track((Obj *)sc);
    return (Obj *)sc;
fail:
    DECREF((Obj *)sc);
    return NULL;
}

/* ---- encoding of strings ---- */

static const char hexdigits[] = "0123456789abcdef";

static int append_u(StrBuilder *sb, uint32_t v) {
    char buf[6] = {'\\', 'u', hexdigits[(v >> 12) & 15], hexdigits[(v >> 8) & 15], hexdigits[(v >> 4) & 15], hexdigits[v & 15]};
    return sb_append(sb, buf, 6);
}

/* '"' + escaped s + '"'; ascii: also escape DEL and non-ASCII as \uXXXX (surrogate pairs). */
static Obj *encode_string(Obj *s, bool ascii) {
    if (!STR_CHECK(s)) return err_format(Exc_TypeError, "first argument must be a string, not %.80s", type_name(TYPE(s)));
    const unsigned char *d = (const unsigned char *)STR_DATA(s);
    size_t n = STR_SIZE(s);
    StrBuilder sb;
    sb_init(&sb);
    if (sb_append_char(&sb, '"') < 0) return NULL;
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        unsigned char ch = d[i];
        const char *esc = NULL;
        switch (ch) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        }
        bool plain = !esc && ch >= 0x20 && (!ascii || ch < 0x7f);
        if (plain) { i++; continue; }
        if (i > run && sb_append(&sb, (const char *)d + run, i - run) < 0) goto fail;
        if (esc) {
            if (sb_append_cstr(&sb, esc) < 0) goto fail;
            i++;
        } else if (ch < 0x80) {
            if (append_u(&sb, ch) < 0) goto fail;
            i++;
        } else {
            /* decode one UTF-8 sequence */
            uint32_t cp;
            size_t len;
            if (ch >= 0xF0) { cp = ch & 0x07; len = 4; }
            else if (ch >= 0xE0) { cp = ch & 0x0F; len = 3; }
            else { cp = ch & 0x1F; len = 2; }
            for (size_t k = 1; k < len && i + k < n; k++) cp = (cp << 6) | (d[i + k] & 0x3F);
            i += len;
            if (cp >= 0x10000) {
                cp -= 0x10000;
                if (append_u(&sb, 0xd800 | ((cp >> 10) & 0x3ff)) < 0 || append_u(&sb, 0xdc00 | (cp & 0x3ff)) < 0) goto fail;
            } else if (append_u(&sb, cp) < 0) {
                goto fail;
            }
        }
        run = i;
    }
    if (n > run && sb_append(&sb, (const char *)d + run, n - run) < 0) goto fail;
    if (sb_append_char(&sb, '"') < 0) goto fail;
    return sb_finish(&sb);
fail:
    sb_discard(&sb);
    return NULL;
}

static Obj *json_encode_ascii(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) { return encode_string(args[0], true); }
static Obj *json_encode(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) { return encode_string(args[0], false); }


/* ---- the one-shot encoder (json.encoder uses it when indent is None) ---- */

typedef struct {
    Obj ob;
    Obj *markers;       /* dict id -> obj, or NULL when check_circular is off */
    Obj *defaultfn, *encoder, *key_sep, *item_sep;
    bool sort_keys, skipkeys, allow_nan, fast_ascii, fast_plain;
} EncoderObj;

static int enc_value(EncoderObj *e, StrBuilder *sb, Obj *o, int depth);

static int enc_float(EncoderObj *e, StrBuilder *sb, Obj *o) {
    double d = FLOAT_VALUE(o);
    if (!isfinite(d)) {
        if (!e->allow_nan) {
            err_set_str(Exc_ValueError, "Out of range float values are not JSON compliant");
            return -1;
        }
        return sb_append_cstr(sb, d > 0 ? "Infinity" : d < 0 ? "-Infinity" : "NaN");
    }
    char buf[40];
    float_repr_buf(d, buf, sizeof buf);
    return sb_append_cstr(sb, buf);
}

static int enc_int(StrBuilder *sb, Obj *o) {
    if (IS_SMALL(o)) return sb_printf(sb, "%lld", (long long)SMALL_VALUE(o));
    Obj *r = int_to_base_string(o, 10, false);
    if (!r) return -1;
    int rc = sb_append_str(sb, r);
    DECREF(r);
    return rc;
}

static int enc_str(EncoderObj *e, StrBuilder *sb, Obj *o) {
    Obj *r;
    if (e->fast_ascii) r = encode_string(o, true);
    else if (e->fast_plain) r = encode_string(o, false);
    else {
        r = obj_call1(e->encoder, o);
        if (r && !STR_CHECK(r)) {
            err_format(Exc_TypeError, "encoder() must return a string, not %.80s", type_name(TYPE(r)));
            DECREF(r);
            return -1;
        }
    }
    if (!r) return -1;
    int rc = sb_append_str(sb, r);
    DECREF(r);
    return rc;
}

/* Enter o in the markers (circular reference check); returns the id key (new ref) or NULL. */
static int mark(EncoderObj *e, Obj *o, Obj **ident) {
    *ident = NULL;
    if (!e->markers) return 0;
    Obj *id = obj_id(o);
    if (!id) return -1;
    int has = dict_contains(e->markers, id);
    if (has != 0) {
        DECREF(id);
        if (has > 0) err_set_str(Exc_ValueError, "Circular reference detected");
        return -1;
    }
    if (dict_set(e->markers, id, o) < 0) { DECREF(id); return -1; }
    *ident = id;
    return 0;
}

static int unmark(EncoderObj *e, Obj *ident) {
    if (!ident) return 0;
    int r = dict_del(e->markers, ident);
    DECREF(ident);
    return r;
}

static int enc_list(EncoderObj *e, StrBuilder *sb, Obj *seq, int depth) {
    size_t n = LIST_CHECK(seq) ? LIST_SIZE(seq) : TUPLE_SIZE(seq);
    if (n == 0) return sb_append_cstr(sb, "[]");
    Obj *ident;
    if (mark(e, seq, &ident) < 0) return -1;
    if (sb_append_char(sb, '[') < 0) goto fail;
    for (size_t i = 0;; i++) {
        n = LIST_CHECK(seq) ? LIST_SIZE(seq) : TUPLE_SIZE(seq);
        if (i >= n) break;
        if (i && sb_append_str(sb, e->item_sep) < 0) goto fail;
        Obj *item = NEWREF(LIST_CHECK(seq) ? LIST_GET(seq, i) : TUPLE_GET(seq, i));
        int r = enc_value(e, sb, item, depth + 1);
        DECREF(item);
        if (r < 0) goto fail;
    }
    if (sb_append_char(sb, ']') < 0) goto fail;
    return unmark(e, ident);
fail:
    XDECREF(ident);
    return -1;
}

static int enc_dict(EncoderObj *e, StrBuilder *sb, Obj *dct, int depth) {
    if (dict_size(dct) == 0) return sb_append_cstr(sb, "{}");
    Obj *ident;
    if (mark(e, dct, &ident) < 0) return -1;
    Obj *items = IS_TYPE(dct, &Type_dict) ? dict_items_list(dct) : NULL;
    if (!items && !err_occurred()) {
        Obj *view = obj_call_method(dct, str_intern_cstr("items"), NULL, 0);
        items = view ? seq_to_list(view) : NULL;
        XDECREF(view);
    }
    if (!items) goto fail;
    if (e->sort_keys && list_sort(items, NULL, false) < 0) goto fail_items;
    if (sb_append_char(sb, '{') < 0) goto fail_items;
    bool first = true;
    for (size_t i = 0; i < LIST_SIZE(items); i++) {
        Obj *pair = LIST_GET(items, i);
        if (!TUPLE_CHECK(pair) || TUPLE_SIZE(pair) != 2) {
            err_set_str(Exc_ValueError, "items must return 2-tuples");
            goto fail_items;
        }
        Obj *key = TUPLE_GET(pair, 0), *value = TUPLE_GET(pair, 1);
        Obj *kstr;
        if (STR_CHECK(key)) kstr = NEWREF(key);
        else if (key == V_True || key == V_False || key == V_None)
            kstr = str_from_cstr(key == V_True ? "true" : key == V_False ? "false" : "null");
        else if (FLOAT_CHECK(key) || INT_CHECK(key)) {
            StrBuilder kb;
            sb_init(&kb);
            if ((FLOAT_CHECK(key) ? enc_float(e, &kb, key) : enc_int(&kb, key)) < 0) { sb_discard(&kb); goto fail_items; }
            kstr = sb_finish(&kb);
        } else if (e->skipkeys) {
            continue;
        } else {
            err_format(Exc_TypeError, "keys must be str, int, float, bool or None, not %.100s", type_name(TYPE(key)));
            goto fail_items;
        }
        if (!kstr) goto fail_items;
        if (!first && sb_append_str(sb, e->item_sep) < 0) { DECREF(kstr); goto fail_items; }
        first = false;
        int r = enc_str(e, sb, kstr);
        DECREF(kstr);
        if (r < 0 || sb_append_str(sb, e->key_sep) < 0) goto fail_items;
        if (enc_value(e, sb, value, depth + 1) < 0) goto fail_items;
    }
    DECREF(items);
    if (sb_append_char(sb, '}') < 0) goto fail;
    return unmark(e, ident);
fail_items:
    DECREF(items);
fail:
    XDECREF(ident);
    return -1;
}

static int enc_value(EncoderObj *e, StrBuilder *sb, Obj *o, int depth) {
    if (depth > MAX_DEPTH) {
        err_set_str(Exc_RecursionError, "maximum recursion depth exceeded while encoding a JSON object");
        return -1;
    }
    if (o == V_None) return sb_append_cstr(sb, "null");
    if (o == V_True) return sb_append_cstr(sb, "true");
    if (o == V_False) return sb_append_cstr(sb, "false");
    if (STR_CHECK(o)) return enc_str(e, sb, o);
    if (INT_CHECK(o)) return enc_int(sb, o);
    if (FLOAT_CHECK(o)) return enc_float(e, sb, o);
    if (LIST_CHECK(o) || TUPLE_CHECK(o)) return enc_list(e, sb, o, depth);
    if (DICT_CHECK(o)) return enc_dict(e, sb, o, depth);
    Obj *ident;
    if (mark(e, o, &ident) < 0) return -1;
    Obj *nv = obj_call1(e->defaultfn, o);
    if (!nv) { XDECREF(ident); return -1; }
    int r = enc_value(e, sb, nv, depth + 1);
    DECREF(nv);
    if (r < 0) { XDECREF(ident); return -1; }
    return unmark(e, ident);
}

/* encoder(obj, level) -> (text,) */
static Obj *encoder_call(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("_iterencode", nargs, kwnames, 2, 2) < 0) return NULL;
    StrBuilder sb;
    sb_init(&sb);
    if (enc_value((EncoderObj *)self, &sb, args[0], 0) < 0) {
        sb_discard(&sb);
        return NULL;
    }
    Obj *text = sb_finish(&sb);
    if (!text) return NULL;
    Obj *r = tuple_pack(1, text);
    DECREF(text);
    return r;
}

static void encoder_dealloc(Obj *o) {
    ct_untrack(o);
    EncoderObj *e = (EncoderObj *)o;
    XDECREF(e->markers);
    XDECREF(e->defaultfn);
    XDECREF(e->encoder);
    XDECREF(e->key_sep);
    XDECREF(e->item_sep);
    obj_free(o);
}

static int encoder_traverse(Obj *o, visitproc visit, void *arg) {
    EncoderObj *e = (EncoderObj *)o;
    Obj *fields[] = {e->markers, e->defaultfn, e->encoder, e->key_sep, e->item_sep};
    for (size_t i = 0; i < 5; i++)
        if (fields[i] && visit(fields[i], arg)) return 1;
    return 0;
}

Type Type_json_Encoder = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "_json.Encoder",
    .basicsize = sizeof(EncoderObj),
    .flags = TPFLAG_HAVE_GC,
    .doc = "Encoder(markers, default, encoder, indent, key_separator, item_separator, sort_keys, skipkeys, allow_nan)",
    .dealloc = encoder_dealloc,
    .traverse = encoder_traverse,
    .call = encoder_call,
};

/* make_encoder(markers, default, encoder, indent, key_separator, item_separator, sort_keys,
 * skipkeys, allow_nan): the one-shot encoder; indent must be None. */
static Obj *make_encoder(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("make_encoder", nargs, kwnames, 9, 9) < 0) return NULL;
    if (args[3] != V_None) return err_set_str(Exc_ValueError, "make_encoder() supports indent=None only");
    if (!STR_CHECK(args[4]) || !STR_CHECK(args[5]))
        return err_set_str(Exc_TypeError, "make_encoder() argument 5 and 6 must be str");
    if (!(Type_json_Encoder.flags & TPFLAG_READY) && type_ready(&Type_json_Encoder) < 0) return NULL;
    int flags[3];
    for (int i = 0; i < 3; i++) {
        flags[i] = obj_is_true(args[6 + i]);
        if (flags[i] < 0) return NULL;
    }
    EncoderObj *e = (EncoderObj *)gc_alloc(&Type_json_Encoder, sizeof(EncoderObj));
    if (!e) return NULL;
    e->markers = args[0] == V_None ? NULL : NEWREF(args[0]);
    if (e->markers && !IS_TYPE(e->markers, &Type_dict)) {
        DECREF((Obj *)e);
        return err_format(Exc_TypeError, "make_encoder() argument 1 must be dict or None, not %.200s", type_name(TYPE(args[0])));
    }
    e->defaultfn = NEWREF(args[1]);
    e->encoder = NEWREF(args[2]);
    e->key_sep = NEWREF(args[4]);
    e->item_sep = NEWREF(args[5]);
    e->sort_keys = flags[0];
    e->skipkeys = flags[1];
    e->allow_nan = flags[2];
    /* The module's own escapers are called directly. */
    CFunctionObj *cf = IS_TYPE(args[2], &Type_builtin_function_or_method) ? (CFunctionObj *)args[2] : NULL;
    e->fast_ascii = cf && cf->def->fn == json_encode_ascii;
    e->fast_plain = cf && cf->def->fn == json_encode;
    gc_track((Obj *)e);
    return (Obj *)e;
}

static const MethodDef json_methods[] = {
    {"make_scanner", make_scanner, METH_O, "JSON scanner object"},
    {"encode_basestring_ascii", json_encode_ascii, METH_O, "Return an ASCII-only JSON representation of a Python string"},
    {"encode_basestring", json_encode, METH_O, "Return a JSON representation of a Python string"},
    {"make_encoder", make_encoder, METH_VARARGS, "The one-shot JSON encoder (indent=None)."},
    {NULL, NULL, 0, NULL},
};

Obj *modinit__json(void) {
    Obj *m = module_new("_json");
    if (!m) return NULL;
    if (module_add_methods(m, json_methods) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
