/* traceback_print.c: CPython 3.11's exception display: tracebacks with source lines and caret
 * lines, chained causes/contexts, notes, exception-group boxes and SyntaxError's layout.
 * Also the small source-line cache shared with warnings. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "types.h"
#include "vm.h"
#include "names.h"
#include "ast.h"
#include "objcore.h"
#include "exceptions.h"

/* ---- line cache ---- */

typedef struct {
    char *path;
    char *data;       /* whole file, NUL-terminated */
    size_t *starts;   /* byte offset of each line */
    size_t nlines;
} CachedFile;

#define LINECACHE_SIZE 8
static CachedFile cache[LINECACHE_SIZE];
static int cache_next;

/* Does one of the first two lines declare a Latin-1 source encoding (PEP 263 cookie)? */
static bool latin1_declared(const char *data) {
    const char *p = data;
    for (int line = 0; line < 2 && *p; line++) {
        const char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        const char *hash = memchr(p, '#', (size_t)(e - p));
        const char *cook = hash ? strstr(hash, "coding") : NULL;
        if (cook && cook < e && (cook[6] == ':' || cook[6] == '=')) {
            const char *n = cook + 7;
            while (*n == ' ' || *n == '\t') n++;
            char name[32];
            size_t k = 0;
            while (k < sizeof name - 1 && n < e && (isalnum((unsigned char)*n) || *n == '-' ||
                                                    *n == '_' || *n == '.'))
                name[k++] = (char)tolower((unsigned char)*n++);
            name[k] = '\0';
            return !strcmp(name, "latin-1") || !strcmp(name, "latin1") ||
                   !strcmp(name, "iso-8859-1") || !strcmp(name, "iso8859-1") ||
                   !strcmp(name, "iso-latin-1") || !strncmp(name, "latin-1-", 8) ||
                   !strncmp(name, "iso-8859-1-", 11);
        }
        p = *e ? e + 1 : e;
    }
    return false;
}

/* Latin-1 bytes -> UTF-8 (malloc'ed), so source lines print as CPython decodes them. */
static char *latin1_to_utf8(char *data, size_t *size) {
    size_t extra = 0;
    for (size_t i = 0; i < *size; i++) extra += (unsigned char)data[i] >= 0x80;
    if (!extra) return data;
    char *out = malloc(*size + extra + 1);
    if (!out) return data;
    size_t k = 0;
    for (size_t i = 0; i < *size; i++) {
        unsigned char ch = (unsigned char)data[i];
        if (ch < 0x80) out[k++] = (char)ch;
        else { out[k++] = (char)(0xC0 | (ch >> 6)); out[k++] = (char)(0x80 | (ch & 0x3F)); }
    }
    out[k] = '\0';
    free(data);
    *size = k;
    return out;
}

static CachedFile *cache_load(const char *path) {
    for (int i = 0; i < LINECACHE_SIZE; i++)
        if (cache[i].path && strcmp(cache[i].path, path) == 0) return &cache[i];
    if (path[0] == '<') return NULL;   /* "<string>", "<stdin>": no file behind it */
    size_t size;
    char *data = vm_read_file(path, &size);
    if (!data) return NULL;
    if (latin1_declared(data)) data = latin1_to_utf8(data, &size);
    size_t n = 1;
    for (size_t i = 0; i < size; i++)
        if (data[i] == '\n') n++;
    size_t *starts = malloc(n * sizeof *starts);
    if (!starts) { free(data); return NULL; }
    size_t k = 0;
    starts[k++] = 0;
    for (size_t i = 0; i < size; i++)
        if (data[i] == '\n' && k < n) starts[k++] = i + 1;
    CachedFile *c = &cache[cache_next];
    cache_next = (cache_next + 1) % LINECACHE_SIZE;
    free(c->path); free(c->data); free(c->starts);
    c->path = strdup(path);
    c->data = data;
    c->starts = starts;
    c->nlines = (size > 0 && data[size - 1] == '\n') ? k - 1 : k;
    return c;
}

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n' || c == '\v'; }

char *linecache_getline(const char *filename, int lineno, int strip) {
    /* At shutdown CPython shows tracebacks without source lines (linecache is gone). */
    if (!filename || lineno < 1 || vm_interp()->finalizing) return NULL;
    CachedFile *c = cache_load(filename);
    if (!c || (size_t)lineno > c->nlines) return NULL;
    const char *s = c->data + c->starts[lineno - 1];
    const char *e = strchr(s, '\n');
    if (!e) e = s + strlen(s);
    if (strip) {
        while (s < e && is_ws(*s)) s++;
        while (e > s && is_ws(e[-1])) e--;
    } else if (e > s && e[-1] == '\r') {
        e--;
    }
    size_t n = (size_t)(e - s);
    char *r = malloc(n + 1);
    if (!r) return NULL;
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

/* ---- printing context (as CPython's struct exception_print_context) ---- */

typedef struct {
    StrBuilder *sb;
    int depth;              /* exception group nesting */
    bool need_close;
    Obj **seen;             /* exceptions already printed in this chain */
    size_t nseen, capseen;
} Ctx;

#define MAX_GROUP_WIDTH 15
#define MAX_GROUP_DEPTH 10

static void indent(Ctx *c, int n) { for (int i = 0; i < n; i++) sb_append_char(c->sb, ' '); }
static void margin(Ctx *c) {
    indent(c, 2 * c->depth);
    if (c->depth) sb_append_cstr(c->sb, "| ");
}

static bool seen_has(Ctx *c, Obj *e) {
    for (size_t i = 0; i < c->nseen; i++)
        if (c->seen[i] == e) return true;
    return false;
}
static void seen_add(Ctx *c, Obj *e) {
    if (c->nseen == c->capseen) {
        size_t n = c->capseen ? c->capseen * 2 : 16;
        Obj **s = realloc(c->seen, n * sizeof *s);
        if (!s) return;
        c->seen = s;
        c->capseen = n;
    }
    c->seen[c->nseen++] = e;
}

/* UTF-8 byte offset -> code point offset within s. */
static int char_offset(const char *s, int byte) {
    int n = 0;
    for (int i = 0; i < byte && s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

/* 3.11's anchors: for `a + b` the operator, for `a[b]` the subscript (offsets in segment bytes). */
static bool find_anchors(const char *seg, int *la, int *ra) {
    Arena *arena = arena_new();
    if (!arena) return false;
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    bool ok = false;
    Node *mod = parse_source(arena, seg, "<string>", PARSE_FILE, &err);
    if (!mod) {
        syntax_error_info_free(&err);
    } else if (mod->v.module.body.n == 1 && mod->v.module.body.items[0]->kind == N_Expr) {
        Node *e = mod->v.module.body.items[0]->v.ret.value;
        if (e && e->lineno == 1) {
            int len = (int)strlen(seg);
            if (e->kind == N_BinOp) {
                /* the operator: the first non-blank after the left operand, past any ')' */
                Node *l = e->v.binop.left, *r = e->v.binop.right;
                if (l->end_lineno == 1 && r->lineno == 1) {
                    for (int i = l->end_col_offset; i < r->col_offset; i++) {
                        if (is_ws(seg[i])) continue;
                        *la = i;
                        *ra = i + 1;
                        if (i + 1 < r->col_offset && !is_ws(seg[i + 1])) ++*ra;
                        if (i + 1 < r->col_offset && seg[i] == ')') continue;
                        ok = true;
                        break;
                    }
                }
            } else if (e->kind == N_Subscript) {
                /* from the '[' after the value to the ']' after the slice */
                Node *v = e->v.subscript.value, *sl = e->v.subscript.slice;
                if (v->end_lineno == 1 && sl->end_lineno == 1) {
                    int left = v->end_col_offset, right = sl->end_col_offset;
                    while (left < len && seg[left] != '[') left++;
                    while (right < len && seg[right] != ']') right++;
                    if (right < len) right++;
                    *la = left;
                    *ra = right;
                    ok = true;
                }
            }
        }
    }
    arena_free(arena);
    return ok;
}

static void print_carets(Ctx *c, const char *line, Position pos) {
    if (pos.line < 0 || pos.end_line < 0 || pos.col < 0 || pos.end_col < 0) return;
    int len = (int)strlen(line);
    int sb_ = pos.col, eb = pos.end_col;
    if (pos.end_line != pos.line) {
        eb = len;
        while (eb > 0 && is_ws(line[eb - 1])) eb--;
    }
    if (sb_ > len) return;
    if (eb > len) eb = len;
    if (eb < sb_) return;
    int start = char_offset(line, sb_), end = char_offset(line, eb);
    int left = -1, right = -1;
    char *seg = pos.end_line == pos.line ? strndup(line + sb_, (size_t)(eb - sb_)) : NULL;
    if (seg) {
        int la, ra;
        if (find_anchors(seg, &la, &ra)) {
            left = start + char_offset(seg, la);
            right = start + char_offset(seg, ra);
            if (ra > (int)strlen(seg)) right = start + char_offset(seg, (int)strlen(seg)) + (ra - (int)strlen(seg));
        }
        free(seg);
    }
    int trunc = 0;
    while (line[trunc] && (line[trunc] == ' ' || line[trunc] == '\t' || line[trunc] == '\f')) trunc++;
    int stripped_end = len;   /* CPython strips only the indentation: trailing blanks count */
    int stripped_len = char_offset(line, stripped_end) - char_offset(line, trunc);
    int tr = char_offset(line, trunc);
    bool special = left != -1;
    if (end - start == stripped_len && !special) return;
    margin(c);
    sb_append_cstr(c->sb, "    ");
    for (int i = tr; i < end; i++) {
        if (i < start) sb_append_char(c->sb, ' ');
        else if (special && left <= i && i < right) sb_append_char(c->sb, '^');
        else sb_append_char(c->sb, special ? '~' : '^');
    }
    sb_append_char(c->sb, '\n');
}

static void print_tb_entry(Ctx *c, TracebackObj *tb) {
    Frame *f = tb->frame;
    CodeObj *co = f ? f->code : NULL;
    if (!co) return;
    const char *filename = STR_CHECK(co->filename) ? str_cstr(co->filename) : "???";
    const char *name = STR_CHECK(co->name) ? str_cstr(co->name) : "???";
    margin(c);
    sb_printf(c->sb, "  File \"%s\", line %d, in %s\n", filename, tb->lineno, name);
    char *raw = linecache_getline(filename, tb->lineno, 0);
    if (!raw) return;
    /* As CPython: only the indentation (spaces, tabs, form feeds) is removed; trailing blanks
     * are shown (linecache already dropped the line end). */
    const char *s = raw;
    while (*s == ' ' || *s == '\t' || *s == '\f') s++;
    size_t n = strlen(s);
    if (n) {
        margin(c);
        sb_append_cstr(c->sb, "    ");
        sb_append(c->sb, s, n);
        sb_append_char(c->sb, '\n');
        if (tb->lasti >= 0 && (size_t)tb->lasti < co->ncode && co->positions) {
            Position pos = co->positions[tb->lasti];
            if (pos.line == tb->lineno) print_carets(c, raw, pos);
        }
    }
    free(raw);
}

static int traceback_limit(void) {
    Obj *l = sys_get_borrowed("tracebacklimit");
    if (l && INT_CHECK(l)) {
        int64_t v;
        if (int_as_i64_checked(l, &v) == 0) return v < 0 ? 0 : v > 1000000 ? 1000000 : (int)v;
    }
    return 1000;
}

/* Written without the group margin, exactly as CPython 3.11 does. */
static void print_repeated(Ctx *c, long cnt) {
    cnt -= 3;
    sb_printf(c->sb, cnt > 1 ? "  [Previous line repeated %ld more times]\n"
                             : "  [Previous line repeated %ld more time]\n", cnt);
}

static void print_tb(Ctx *c, Obj *tbo, bool group) {
    int limit = traceback_limit();
    if (limit <= 0) return;
    /* the header's margin is "+ " for the outermost group */
    indent(c, 2 * c->depth);
    if (group && c->depth == 1) sb_append_cstr(c->sb, "+ ");
    else if (c->depth) sb_append_cstr(c->sb, "| ");
    sb_append_cstr(c->sb, group ? "Exception Group Traceback (most recent call last):\n"
                                : "Traceback (most recent call last):\n");
    int depth = 0;
    for (Obj *t = tbo; t; t = ((TracebackObj *)t)->next) depth++;
    TracebackObj *tb = (TracebackObj *)tbo;
    while (tb && depth > limit) {
        depth--;
        tb = (TracebackObj *)tb->next;
    }
    Obj *last_file = NULL, *last_name = NULL;
    int last_line = -1;
    long cnt = 0;
    for (; tb; tb = (TracebackObj *)tb->next) {
        CodeObj *co = tb->frame ? tb->frame->code : NULL;
        Obj *file = co ? co->filename : NULL, *name = co ? co->name : NULL;
        if (!last_file || !file || !str_eq(file, last_file) || tb->lineno != last_line ||
            !name || !last_name || !str_eq(name, last_name)) {
            if (cnt > 3) print_repeated(c, cnt);
            last_file = file;
            last_line = tb->lineno;
            last_name = name;
            cnt = 0;
        }
        cnt++;
        if (cnt <= 3) print_tb_entry(c, tb);
    }
    if (cnt > 3) print_repeated(c, cnt);
}

/* "ValueError", "mymod.AppError" (builtins and __main__ are not shown). */
static void print_type_name(Ctx *c, Type *t) {
    Obj *mod = NULL;
    if (IS_HEAP_TYPE(t) && t->dict) mod = dict_get(t->dict, NAME(__module__));
    else if (t->module_name) mod = t->module_name;
    if (mod && !STR_CHECK(mod)) {
        sb_append_cstr(c->sb, "<unknown>");
    } else if (mod && !str_eq_cstr(mod, "builtins") && !str_eq_cstr(mod, "__main__")) {
        sb_append_str(c->sb, mod);
        sb_append_char(c->sb, '.');
    } else if (!mod && !IS_HEAP_TYPE(t) && strchr(t->name, '.')) {
        sb_append_cstr(c->sb, t->name);   /* "_io.UnsupportedOperation"-style static names */
        return;
    }
    if (IS_HEAP_TYPE(t) && t->qualname && STR_CHECK(t->qualname)) sb_append_str(c->sb, t->qualname);
    else sb_append_cstr(c->sb, type_name(t));
}

/* ---- "Did you mean" (CPython 3.11's suggestions.c) ---- */

#define MAX_CANDIDATE_ITEMS 750
#define MAX_STRING_SIZE 40
#define MOVE_COST 2
#define CASE_COST 1

static size_t substitution_cost(char a, char b) {
    if ((a & 31) != (b & 31)) return MOVE_COST;
    if (a == b) return 0;
    if ('A' <= a && a <= 'Z') a += 'a' - 'A';
    if ('A' <= b && b <= 'Z') b += 'a' - 'A';
    return a == b ? CASE_COST : MOVE_COST;
}

static size_t levenshtein(const char *a, size_t an, const char *b, size_t bn, size_t max_cost) {
    size_t buffer[MAX_STRING_SIZE];
    if (a == b) return 0;
    while (an && bn && a[0] == b[0]) { a++; an--; b++; bn--; }
    while (an && bn && a[an - 1] == b[bn - 1]) { an--; bn--; }
    if (an == 0 || bn == 0) return (an + bn) * MOVE_COST;
    if (an > MAX_STRING_SIZE || bn > MAX_STRING_SIZE) return max_cost + 1;
    if (bn < an) {
        const char *t = a; a = b; b = t;
        size_t tn = an; an = bn; bn = tn;
    }
    if ((bn - an) * MOVE_COST > max_cost) return max_cost + 1;
    size_t tmp = MOVE_COST;
    for (size_t i = 0; i < an; i++) { buffer[i] = tmp; tmp += MOVE_COST; }
    size_t result = 0;
    for (size_t bi = 0; bi < bn; bi++) {
        char code = b[bi];
        size_t distance = result = bi * MOVE_COST;
        size_t minimum = SIZE_MAX;
        for (size_t i = 0; i < an; i++) {
            size_t substitute = distance + substitution_cost(code, a[i]);
            distance = buffer[i];
            size_t insert_delete = (result < distance ? result : distance) + MOVE_COST;
            result = insert_delete < substitute ? insert_delete : substitute;
            buffer[i] = result;
            if (result < minimum) minimum = result;
        }
        if (minimum > max_cost) return max_cost + 1;
    }
    return result;
}

/* The closest candidate (borrowed) among the str items of list `dir`, or NULL. */
static Obj *closest(Obj *dir, Obj *name) {
    size_t n = LIST_SIZE(dir);
    if (n >= MAX_CANDIDATE_ITEMS) return NULL;
    size_t best_dist = SIZE_MAX;
    Obj *best = NULL;
    const char *ns = STR_DATA(name);
    size_t nn = STR_SIZE(name);
    for (size_t i = 0; i < n; i++) {
        Obj *item = LIST_GET(dir, i);
        if (!STR_CHECK(item)) continue;
        if (str_eq(item, name)) continue;
        size_t in = STR_SIZE(item);
        size_t max_dist = (nn + in + 3) * MOVE_COST / 6;
        if (best_dist - 1 < max_dist) max_dist = best_dist - 1;
        size_t d = levenshtein(ns, nn, STR_DATA(item), in, max_dist);
        if (d > max_dist) continue;
        if (!best || d < best_dist) { best = item; best_dist = d; }
    }
    return best;
}

static Obj *suggest_in(Obj *names, Obj *name) {
    Obj *list = DICT_CHECK(names) ? dict_keys_list(names) : seq_to_list(names);
    if (!list) return NULL;
    Obj *r = closest(list, name);
    XINCREF(r);
    DECREF(list);
    return r;
}

/* Suggestion (new ref) for an AttributeError/NameError (exact types, as CPython), or NULL. */
static Obj *offer_suggestion(Obj *exc) {
    Type *t = TYPE(exc);
    if (t == Exc_AttributeError) {
        AttributeErrorObj *e = (AttributeErrorObj *)exc;
        if (!e->name || !e->obj || !STR_CHECK_EXACT(e->name)) return NULL;
        Obj *dir = obj_dir(e->obj);
        if (!dir) return NULL;
        Obj *r = closest(dir, e->name);
        XINCREF(r);
        DECREF(dir);
        return r;
    }
    if (t == Exc_NameError) {
        NameErrorObj *e = (NameErrorObj *)exc;
        Obj *tbo = e->base.traceback;
        if (!e->name || !STR_CHECK_EXACT(e->name) || !tbo || !IS_TYPE(tbo, &Type_traceback)) return NULL;
        TracebackObj *tb = (TracebackObj *)tbo;
        while (tb->next && IS_TYPE(tb->next, &Type_traceback)) tb = (TracebackObj *)tb->next;
        Frame *f = tb->frame;
        if (!f || !f->code) return NULL;
        Obj *r = suggest_in(f->code->varnames, e->name);
        if (!r && !err_occurred() && f->globals) r = suggest_in(f->globals, e->name);
        if (!r && !err_occurred() && f->builtins) r = suggest_in(f->builtins, e->name);
        return r;
    }
    return NULL;
}

static void print_message(Ctx *c, Type *t, Obj *value) {
    margin(c);
    print_type_name(c, t);
    Obj *s = obj_str(value);
    if (!s) {
        err_clear();
        sb_append_cstr(c->sb, ": <exception str() failed>");
    } else {
        if (STR_SIZE(s)) {
            sb_append_cstr(c->sb, ": ");
            sb_append_str(c->sb, s);
        }
        DECREF(s);
    }
    if (EXC_CHECK(value)) {
        Obj *sug = offer_suggestion(value);
        if (sug) {
            sb_append_cstr(c->sb, ". Did you mean: '");
            sb_append_str(c->sb, sug);
            sb_append_cstr(c->sb, "'?");
            DECREF(sug);
        } else if (err_occurred()) {
            err_clear();
        }
    }
    sb_append_char(c->sb, '\n');
}

static void print_notes(Ctx *c, Obj *exc) {
    Obj *notes = obj_getattr_opt(exc, NAME(__notes__));
    if (!notes) { err_clear(); return; }
    /* CPython 3.11 uses PySequence_Check: a str is a sequence too (one char per line). */
    bool is_seq = !IS_SMALL(notes) && TYPE(notes)->getitem && !DICT_CHECK(notes);
    if (!is_seq) {
        margin(c);
        Obj *r = obj_repr(notes);
        if (!r) { err_clear(); sb_append_cstr(c->sb, "<__notes__ repr() failed>"); }
        else { sb_append_str(c->sb, r); DECREF(r); }
        sb_append_char(c->sb, '\n');
        DECREF(notes);
        return;
    }
    Obj *seq = seq_to_tuple(notes);
    DECREF(notes);
    if (!seq) { err_clear(); return; }
    for (size_t i = 0; i < TUPLE_SIZE(seq); i++) {
        Obj *note = TUPLE_GET(seq, i);
        if (STR_CHECK(note)) {
            const char *p = str_cstr(note), *end = p + STR_SIZE(note);
            do {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                const char *e = nl ? nl : end;
                margin(c);
                sb_append(c->sb, p, (size_t)(e - p));
                sb_append_char(c->sb, '\n');
                p = nl ? nl + 1 : end;
            } while (p < end);
        } else {
            margin(c);
            Obj *s = obj_str(note);
            if (!s) { err_clear(); sb_append_cstr(c->sb, "<note str() failed>"); }
            else { sb_append_str(c->sb, s); DECREF(s); }
            sb_append_char(c->sb, '\n');
        }
    }
    DECREF(seq);
}

/* SyntaxError's text with its caret line (CPython's print_error_text, byte-based). */
static void print_error_text(Ctx *c, long offset, long end_offset, const char *text) {
    long caret_rep = (end_offset > 0 && end_offset > offset) ? end_offset - offset : 1;
    offset--;
    while (*text == ' ' || *text == '\t' || *text == '\f') { text++; offset--; }
    long len = (long)strlen(text);
    if (len > 0 && text[len - 1] == '\n') len--;
    if (offset > len) offset = len;
    for (;;) {
        const char *nl = strchr(text, '\n');
        if (!nl) break;
        long inl = nl - text;
        if (inl >= offset) break;
        inl += 1;
        text += inl;
        len -= inl;
        offset -= inl;
    }
    margin(c);
    sb_append_cstr(c->sb, "    ");
    sb_append_cstr(c->sb, text);
    if (text[len] != '\n') sb_append_char(c->sb, '\n');
    if (offset < 0) return;
    margin(c);
    sb_append_cstr(c->sb, "    ");
    while (--offset >= 0) sb_append_char(c->sb, ' ');
    while (caret_rep-- > 0) sb_append_char(c->sb, '^');
    sb_append_char(c->sb, '\n');
}

static long long_attr(Obj *v, long dflt) {
    if (!v || !INT_CHECK(v)) return dflt;
    int64_t r;
    return int_as_i64_checked(v, &r) == 0 ? (long)r : dflt;
}

/* 1-based code point offset in text -> 1-based UTF-8 byte offset (others unchanged). */
static long char_to_byte_offset(Obj *text, long off) {
    if (off <= 1 || ((StrObj *)text)->ascii) return off;
    const unsigned char *p = (const unsigned char *)STR_DATA(text);
    size_t size = STR_SIZE(text), i = 0;
    long chars = 0;
    while (i < size && chars < off - 1) {
        i++;
        while (i < size && (p[i] & 0xC0) == 0x80) i++;
        chars++;
    }
    return (long)i + 1 + (off - 1 - chars);
}

static void print_exception(Ctx *c, Obj *value) {
    ExcObj *e = (ExcObj *)value;
    Type *t = TYPE(value);
    bool group = type_is_subtype(t, Exc_BaseExceptionGroup);
    if (e->traceback && IS_TYPE(e->traceback, &Type_traceback)) print_tb(c, e->traceback, group);
    if (type_is_subtype(t, Exc_SyntaxError)) {
        SyntaxErrorObj *se = (SyntaxErrorObj *)value;
        Obj *fn = se->filename && se->filename != V_None ? se->filename : NULL;
        /* As CPython's parse_syntax_error: without an int lineno, only the message shows. */
        if (!se->lineno || !INT_CHECK(se->lineno)) {
            print_message(c, t, value);
            print_notes(c, value);
            return;
        }
        margin(c);
        sb_append_cstr(c->sb, "  File \"");
        if (fn) {
            Obj *s = obj_str(fn);
            if (s) { sb_append_str(c->sb, s); DECREF(s); } else err_clear();
        } else {
            sb_append_cstr(c->sb, "<string>");
        }
        long lineno = long_attr(se->lineno, 0);
        sb_printf(c->sb, "\", line %ld\n", lineno);
        if (se->text && STR_CHECK(se->text)) {
            long offset = long_attr(se->offset, -1), end_offset = -1, end_lineno = lineno;
            if (t == Exc_SyntaxError) {   /* subclasses (IndentationError...) get one caret */
                end_offset = long_attr(se->end_offset, -1);
                end_lineno = long_attr(se->end_lineno, lineno);
            }
            /* offsets count code points; the caret line is laid out in UTF-8 bytes */
            offset = char_to_byte_offset(se->text, offset);
            end_offset = char_to_byte_offset(se->text, end_offset);
            long size = (long)STR_SIZE(se->text);
            if (end_lineno > lineno) end_offset = size;
            if (end_offset > size + 1) end_offset = size + 1;
            print_error_text(c, offset, end_offset, str_cstr(se->text));
        }
        print_message(c, t, se->msg ? se->msg : V_None);
    } else {
        print_message(c, t, value);
    }
    print_notes(c, value);
}

static void print_recursive(Ctx *c, Obj *value);

static void print_chained(Ctx *c, Obj *value, const char *message) {
    if (vm_enter_recursive_call(" in print_chained") < 0) { err_clear(); return; }
    bool need_close = c->need_close;
    print_recursive(c, value);
    c->need_close = need_close;
    vm_leave_recursive_call();
    margin(c);
    sb_append_char(c->sb, '\n');
    margin(c);
    sb_append_cstr(c->sb, message);
    margin(c);
    sb_append_char(c->sb, '\n');
}

static void print_cause_and_context(Ctx *c, Obj *value) {
    seen_add(c, value);
    if (!EXC_CHECK(value)) return;
    ExcObj *e = (ExcObj *)value;
    if (e->cause) {
        if (!seen_has(c, e->cause))
            print_chained(c, e->cause, "The above exception was the direct cause of the following exception:\n");
        return;
    }
    if (e->suppress_context) return;
    if (e->context && !seen_has(c, e->context))
        print_chained(c, e->context, "During handling of the above exception, another exception occurred:\n");
}

static void print_group(Ctx *c, Obj *value) {
    if (c->depth > MAX_GROUP_DEPTH) {
        margin(c);
        sb_printf(c->sb, "... (max_group_depth is %d)\n", MAX_GROUP_DEPTH);
        return;
    }
    if (c->depth == 0) c->depth += 1;
    print_exception(c, value);
    Obj *excs = ((ExcGroupObj *)value)->excs;
    size_t num = excs ? TUPLE_SIZE(excs) : 0;
    size_t n = num <= MAX_GROUP_WIDTH ? num : MAX_GROUP_WIDTH + 1;
    c->need_close = false;
    for (size_t i = 0; i < n; i++) {
        bool last = i == n - 1;
        if (last) c->need_close = true;
        indent(c, 2 * c->depth);
        bool truncated = i >= MAX_GROUP_WIDTH;
        if (!truncated) sb_printf(c->sb, "%s+---------------- %zu ----------------\n", i == 0 ? "+-" : "  ", i + 1);
        else sb_printf(c->sb, "%s+---------------- ... ----------------\n", i == 0 ? "+-" : "  ");
        c->depth += 1;
        Obj **pseen = c->seen;
        size_t pn = c->nseen, pcap = c->capseen;
        c->seen = NULL;
        c->nseen = c->capseen = 0;
        if (!truncated) {
            if (vm_enter_recursive_call(" in print_exception_group") == 0) {
                print_recursive(c, TUPLE_GET(excs, i));
                vm_leave_recursive_call();
            } else {
                err_clear();
            }
        } else {
            size_t rem = num - MAX_GROUP_WIDTH;
            margin(c);
            sb_printf(c->sb, "and %zu more exception%s\n", rem, rem > 1 ? "s" : "");
        }
        free(c->seen);
        c->seen = pseen;
        c->nseen = pn;
        c->capseen = pcap;
        if (last && c->need_close) {
            indent(c, 2 * c->depth);
            sb_append_cstr(c->sb, "+------------------------------------\n");
            c->need_close = false;
        }
        c->depth -= 1;
    }
    if (c->depth == 1) c->depth -= 1;
}

static void print_recursive(Ctx *c, Obj *value) {
    print_cause_and_context(c, value);
    if (EXC_CHECK(value) && type_is_subtype(TYPE(value), Exc_BaseExceptionGroup)) print_group(c, value);
    else if (EXC_CHECK(value)) print_exception(c, value);
    else {
        /* not an exception instance: CPython prints the type and a warning line */
        margin(c);
        sb_printf(c->sb, "TypeError: print_exception(): Exception expected for value, %s found\n",
                  type_name(TYPE(value)));
    }
}

int exc_format_into(Obj *exc, StrBuilder *sb) {
    Ctx c = {.sb = sb};
    print_recursive(&c, exc);
    free(c.seen);
    return 0;
}

/* CPython's default sys.unraisablehook layout (write_unraisable_exc_file): the traceback and
 * "Type: str(value)" only, with no chained exceptions, notes or suggestions, and ": " even
 * when str(value) is empty. */
int exc_format_unraisable_into(Obj *exc, StrBuilder *sb) {
    Ctx c = {.sb = sb};
    if (EXC_CHECK(exc)) {
        ExcObj *e = (ExcObj *)exc;
        if (e->traceback && IS_TYPE(e->traceback, &Type_traceback)) print_tb(&c, e->traceback, false);
    }
    print_type_name(&c, TYPE(exc));
    sb_append_cstr(sb, ": ");
    Obj *s = obj_str(exc);
    if (!s) { err_clear(); sb_append_cstr(sb, "<exception str() failed>"); }
    else { sb_append_str(sb, s); DECREF(s); }
    sb_append_char(sb, '\n');
    free(c.seen);
    return 0;
}
