/* parser_string.c: string literals: prefixes, escape decoding, implicit concatenation, and
 * f-strings (N_JoinedStr / N_FormattedValue) with CPython 3.11's rules and messages. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parser.h"

/* A small \N{...} table (names are matched case-insensitively, as unicodedata.lookup does). */
static const struct { const char *name; int cp; } unicode_names[] = {
    {"BULLET", 0x2022},
    {"EM DASH", 0x2014},
    {"EN DASH", 0x2013},
    {"NO-BREAK SPACE", 0xA0},
    {"DEGREE SIGN", 0xB0},
    {"EURO SIGN", 0x20AC},
    {"POUND SIGN", 0xA3},
    {"YEN SIGN", 0xA5},
    {"CENT SIGN", 0xA2},
    {"COPYRIGHT SIGN", 0xA9},
    {"REGISTERED SIGN", 0xAE},
    {"TRADE MARK SIGN", 0x2122},
    {"HORIZONTAL ELLIPSIS", 0x2026},
    {"RIGHTWARDS ARROW", 0x2192},
    {"LEFTWARDS ARROW", 0x2190},
    {"UPWARDS ARROW", 0x2191},
    {"DOWNWARDS ARROW", 0x2193},
    {"SPACE", 0x20},
    {"NULL", 0x0},
    {"LINE FEED", 0xA},
    {"CARRIAGE RETURN", 0xD},
    {"CHARACTER TABULATION", 0x9},
    {"INFINITY", 0x221E},
    {"MULTIPLICATION SIGN", 0xD7},
    {"DIVISION SIGN", 0xF7},
    {"PLUS-MINUS SIGN", 0xB1},
    {"MICRO SIGN", 0xB5},
    {"SECTION SIGN", 0xA7},
    {"PILCROW SIGN", 0xB6},
    {"LEFT-POINTING DOUBLE ANGLE QUOTATION MARK", 0xAB},
    {"RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK", 0xBB},
    {"LEFT DOUBLE QUOTATION MARK", 0x201C},
    {"RIGHT DOUBLE QUOTATION MARK", 0x201D},
    {"LEFT SINGLE QUOTATION MARK", 0x2018},
    {"RIGHT SINGLE QUOTATION MARK", 0x2019},
    {"GREEK SMALL LETTER ALPHA", 0x3B1},
    {"GREEK SMALL LETTER BETA", 0x3B2},
    {"GREEK SMALL LETTER GAMMA", 0x3B3},
    {"GREEK SMALL LETTER DELTA", 0x3B4},
    {"GREEK SMALL LETTER EPSILON", 0x3B5},
    {"GREEK SMALL LETTER LAMDA", 0x3BB},
    {"GREEK SMALL LETTER MU", 0x3BC},
    {"GREEK SMALL LETTER PI", 0x3C0},
    {"GREEK SMALL LETTER SIGMA", 0x3C3},
    {"GREEK SMALL LETTER THETA", 0x3B8},
    {"GREEK SMALL LETTER OMEGA", 0x3C9},
    {"GREEK CAPITAL LETTER DELTA", 0x394},
    {"GREEK CAPITAL LETTER SIGMA", 0x3A3},
    {"GREEK CAPITAL LETTER OMEGA", 0x3A9},
    {"GREEK CAPITAL LETTER PI", 0x3A0},
    {"LATIN SMALL LETTER E WITH ACUTE", 0xE9},
    {"LATIN SMALL LETTER E WITH GRAVE", 0xE8},
    {"LATIN SMALL LETTER A WITH GRAVE", 0xE0},
    {"LATIN SMALL LETTER C WITH CEDILLA", 0xE7},
    {"LATIN SMALL LETTER U WITH DIAERESIS", 0xFC},
    {"LATIN SMALL LETTER O WITH DIAERESIS", 0xF6},
    {"LATIN SMALL LETTER A WITH DIAERESIS", 0xE4},
    {"LATIN SMALL LETTER SHARP S", 0xDF},
    {"LATIN SMALL LETTER N WITH TILDE", 0xF1},
    {"LATIN CAPITAL LETTER E WITH ACUTE", 0xC9},
    {"SNOWMAN", 0x2603},
    {"BLACK STAR", 0x2605},
    {"WHITE STAR", 0x2606},
    {"CHECK MARK", 0x2713},
    {"HEAVY CHECK MARK", 0x2714},
    {"BALLOT X", 0x2717},
    {"CROSS MARK", 0x274C},
    {"BLACK HEART SUIT", 0x2665},
    {"HEAVY BLACK HEART", 0x2764},
    {"WHITE SMILING FACE", 0x263A},
    {"GRINNING FACE", 0x1F600},
    {"SMILING FACE WITH SMILING EYES", 0x1F60A},
    {"THUMBS UP SIGN", 0x1F44D},
    {"SNAKE", 0x1F40D},
    {"ROCKET", 0x1F680},
    {"FIRE", 0x1F525},
    {"PARTY POPPER", 0x1F389},
    {"SPARKLES", 0x2728},
    {"WARNING SIGN", 0x26A0},
    {"HIGH VOLTAGE SIGN", 0x26A1},
    {"BOX DRAWINGS LIGHT HORIZONTAL", 0x2500},
    {"BOX DRAWINGS LIGHT VERTICAL", 0x2502},
    {"FULL BLOCK", 0x2588},
    {"LIGHT SHADE", 0x2591},
    {"MEDIUM SHADE", 0x2592},
    {"DARK SHADE", 0x2593},
    {"BLACK SQUARE", 0x25A0},
    {"WHITE SQUARE", 0x25A1},
    {"BLACK CIRCLE", 0x25CF},
    {"WHITE CIRCLE", 0x25CB},
    {"ZERO WIDTH SPACE", 0x200B},
    {"ZERO WIDTH JOINER", 0x200D},
    {"BYTE ORDER MARK", 0xFEFF},
    {"REPLACEMENT CHARACTER", 0xFFFD},
    {"SOFT HYPHEN", 0xAD},
    {"ESCAPE", 0x1B},
    {"DELETE", 0x7F},
    {"BELL", 0x1F514},
    {"BACKSPACE", 0x8},
    {"FORM FEED", 0xC},
    {"LATIN SMALL LETTER A", 0x61},
    {"LATIN CAPITAL LETTER A", 0x41},
    {"DIGIT ZERO", 0x30},
    {"EXCLAMATION MARK", 0x21},
    {"QUOTATION MARK", 0x22},
    {"APOSTROPHE", 0x27},
    {"EULER CONSTANT", 0x2107},
    {"PLANCK CONSTANT", 0x210E},
    {"N-ARY SUMMATION", 0x2211},
    {"SQUARE ROOT", 0x221A},
    {"ALMOST EQUAL TO", 0x2248},
    {"NOT EQUAL TO", 0x2260},
    {"LESS-THAN OR EQUAL TO", 0x2264},
    {"GREATER-THAN OR EQUAL TO", 0x2265},
    {"INCREMENT", 0x2206},
    {"NABLA", 0x2207},
    {"PARTIAL DIFFERENTIAL", 0x2202},
    {"INTEGRAL", 0x222B},
    {"HIRAGANA LETTER A", 0x3042},
    {"CJK UNIFIED IDEOGRAPH-4E2D", 0x4E2D},
    {"MIDDLE DOT", 0xB7},
    {"DAGGER", 0x2020},
    {"EM SPACE", 0x2003},
    {"EN SPACE", 0x2002},
    {"THIN SPACE", 0x2009},
    {"NARROW NO-BREAK SPACE", 0x202F},
    {"LINE SEPARATOR", 0x2028},
    {"PARAGRAPH SEPARATOR", 0x2029},
    {"OBJECT REPLACEMENT CHARACTER", 0xFFFC},
    {"VULGAR FRACTION ONE HALF", 0xBD},
    {"SUPERSCRIPT TWO", 0xB2},
    {"SUPERSCRIPT ONE", 0xB9},
    {"SUPERSCRIPT THREE", 0xB3},
    {"INVERTED QUESTION MARK", 0xBF},
    {"INVERTED EXCLAMATION MARK", 0xA1},
    {"BLACK RIGHT-POINTING TRIANGLE", 0x25B6},
    {"HOURGLASS", 0x231B},
    {"WATCH", 0x231A},
    {"UMBRELLA", 0x2602},
    {"HOT BEVERAGE", 0x2615},
    {"PILE OF POO", 0x1F4A9},
    {"SKULL", 0x1F480},
    {"GHOST", 0x1F47B},
    {"ROBOT FACE", 0x1F916},
    {"SEE-NO-EVIL MONKEY", 0x1F648},
    {"HEAVY PLUS SIGN", 0x2795},
    {"HEAVY MINUS SIGN", 0x2796},
    {"SUN WITH FACE", 0x1F31E},
    {"CRESCENT MOON", 0x1F319},
    {"CLOUD", 0x2601},
    {"SNOWFLAKE", 0x2744},
    {"EARTH GLOBE EUROPE-AFRICA", 0x1F30D},
    {"WAVING HAND SIGN", 0x1F44B},
    {"CLAPPING HANDS SIGN", 0x1F44F},
    {"OK HAND SIGN", 0x1F44C},
};

/* A growable byte buffer. */
typedef struct Buf {
    char *s;
    size_t n, cap;
} Buf;

static void buf_put(Buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->n + n + 1) cap *= 2;
        char *ns = realloc(b->s, cap);
        if (!ns) { fputs("vitrine: out of memory\n", stderr); abort(); }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void buf_utf8(Buf *b, unsigned cp)
{
    char t[4];
    size_t n;
    if (cp < 0x80) { t[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { t[0] = (char)(0xC0 | (cp >> 6)); t[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12)); t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        t[0] = (char)(0xF0 | (cp >> 18)); t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); t[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    buf_put(b, t, n);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int lookup_name(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof unicode_names / sizeof unicode_names[0]; i++) {
        const char *k = unicode_names[i].name;
        if (strlen(k) != n) continue;
        size_t j = 0;
        while (j < n && (s[j] >= 'a' && s[j] <= 'z' ? s[j] - 32 : s[j]) == k[j]) j++;
        if (j == n) return unicode_names[i].cp;
    }
    return -1;
}

/* Decode escapes in s[0..n) into b. Returns NULL, or an error message (static/formatted into
 * errbuf) in CPython's "(unicode error) ..." form. */
static const char *decode_escapes(const char *s, size_t n, bool bytes, Buf *b, char *errbuf, size_t errsize)
{
    const char *end = s + n, *base = s;
    const char *codec = bytes ? "" : "(unicode error) 'unicodeescape' codec can't decode bytes in position %d-%d: %s";
    while (s < end) {
        const char *q = s;
        while (q < end && *q != '\\') q++;
        if (q > s) buf_put(b, s, (size_t)(q - s));
        s = q;
        if (s >= end) break;
        const char *esc = s;
        s++;
        if (s >= end) { buf_put(b, "\\", 1); break; }
        char c = *s++;
        switch (c) {
        case '\n': break;
        case '\\': buf_put(b, "\\", 1); break;
        case '\'': buf_put(b, "'", 1); break;
        case '"': buf_put(b, "\"", 1); break;
        case 'a': buf_put(b, "\a", 1); break;
        case 'b': buf_put(b, "\b", 1); break;
        case 'f': buf_put(b, "\f", 1); break;
        case 'n': buf_put(b, "\n", 1); break;
        case 'r': buf_put(b, "\r", 1); break;
        case 't': buf_put(b, "\t", 1); break;
        case 'v': buf_put(b, "\v", 1); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = (unsigned)(c - '0');
            for (int k = 0; k < 2 && s < end && *s >= '0' && *s <= '7'; k++) v = v * 8 + (unsigned)(*s++ - '0');
            if (bytes) { char ch = (char)(v & 0xFF); buf_put(b, &ch, 1); }
            else buf_utf8(b, v);
            break;
        }
        case 'x': case 'u': case 'U': {
            if (bytes && c != 'x') { buf_put(b, esc, 2); break; }
            int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            unsigned v = 0;
            int k;
            for (k = 0; k < digits && s < end && hexval(*s) >= 0; k++) v = v * 16 + (unsigned)hexval(*s++);
            if (k < digits) {
                if (bytes) {
                    snprintf(errbuf, errsize, "(value error) invalid \\x escape at position %d", (int)(esc - base));
                    return errbuf;
                }
                snprintf(errbuf, errsize, codec, (int)(esc - base), (int)(s - base) - 1,
                         c == 'x' ? "truncated \\xXX escape" : c == 'u' ? "truncated \\uXXXX escape"
                                                             : "truncated \\UXXXXXXXX escape");
                return errbuf;
            }
            if (bytes) { char ch = (char)v; buf_put(b, &ch, 1); }
            else if (v > 0x10FFFF) {
                snprintf(errbuf, errsize, codec, (int)(esc - base), (int)(s - base) - 1, "illegal Unicode character");
                return errbuf;
            } else buf_utf8(b, v);
            break;
        }
        case 'N': {
            if (bytes) { buf_put(b, esc, 2); break; }
            int cp = -1;
            if (s < end && *s == '{') {
                const char *nm = s + 1, *ne = nm;
                while (ne < end && *ne != '}') ne++;
                if (ne < end) {
                    cp = lookup_name(nm, (size_t)(ne - nm));
                    if (cp < 0) {
                        snprintf(errbuf, errsize, codec, (int)(esc - base), (int)(ne - base), "unknown Unicode character name");
                        return errbuf;
                    }
                    s = ne + 1;
                }
            }
            if (cp < 0) {
                snprintf(errbuf, errsize, codec, (int)(esc - base), (int)(s - base) - 1, "malformed \\N character escape");
                return errbuf;
            }
            buf_utf8(b, (unsigned)cp);
            break;
        }
        default:
            /* Unknown escapes are kept (CPython only warns). */
            buf_put(b, esc, 2);
            break;
        }
    }
    return NULL;
}

/* One STRING token split into its parts. */
typedef struct StrTok {
    Token *t;
    bool raw, bytes, fstr;
    const char *body;
    size_t len;
} StrTok;

static void split_token(Token *t, StrTok *st)
{
    const char *s = t->start;
    st->t = t;
    st->raw = st->bytes = st->fstr = false;
    while (*s != '\'' && *s != '"') {
        char c = (char)(*s | 0x20);
        if (c == 'r') st->raw = true;
        else if (c == 'b') st->bytes = true;
        else if (c == 'f') st->fstr = true;
        s++;
    }
    int q = (s[1] == s[0] && s[2] == s[0] && t->len - (int)(s - t->start) >= 6) ? 3 : 1;
    st->body = s + q;
    st->len = (size_t)(t->start + t->len - q - st->body);
}

/* The state of a concatenation: pending literal text and the parts list (CPython's
 * FstringParser). */
typedef struct FState {
    Buf last;        /* pending literal text */
    bool has_last;
    Vec parts;
    bool fmode;
} FState;

typedef struct FCtx {
    Parser *p;
    Token *first, *last;    /* extent of the whole concatenation */
    Token *after;           /* the token after it: where CPython reports most errors */
    StrTok *st;             /* the token being parsed */
} FCtx;

static Node *make_str_at(FCtx *c, const char *s, size_t n, const Token *a, const Token *b)
{
    Node *k = px_node_new(c->p, N_Constant, a->lineno, a->col, b->end_lineno, b->end_col);
    k->v.constant.kind = CONST_STR;
    k->v.constant.str = arena_strndup(c->p->arena, s, n);
    k->v.constant.len = n;
    return k;
}

static Node *make_str(FCtx *c, const char *s, size_t n)
{
    return make_str_at(c, s, n, c->first, c->last);
}

/* Turn pending literal text into a Constant part. CPython 3.11 gives it the extent of the
 * whole concatenation, except a format spec's trailing text (the current token's extent). */
static void fstate_flush_at(FCtx *c, FState *fs, const Token *a, const Token *b)
{
    if (fs->has_last && fs->last.n) px_vec_push(&fs->parts, make_str_at(c, fs->last.s, fs->last.n, a, b));
    fs->last.n = 0;
    fs->has_last = false;
}

static void fstate_flush(FCtx *c, FState *fs)
{
    if (fs->has_last && fs->last.n) px_vec_push(&fs->parts, make_str(c, fs->last.s, fs->last.n));
    fs->last.n = 0;
    fs->has_last = false;
}

static void fstate_add(FState *fs, const char *s, size_t n)
{
    if (!n) return;
    buf_put(&fs->last, s, n);
    fs->has_last = true;
}

static bool add_literal(FCtx *c, FState *fs, const char *s, size_t n)
{
    if (c->st->raw) { fstate_add(fs, s, n); return true; }
    Buf b = {0};
    char errbuf[200];
    const char *err = decode_escapes(s, n, false, &b, errbuf, sizeof errbuf);
    if (err) { free(b.s); px_err_at_tok(c->p, c->after, "%s", err); return false; }
    fstate_add(fs, b.s ? b.s : "", b.n);
    free(b.s);
    return true;
}

static void *f_error(FCtx *c, const char *msg)
{
    Parser *p = c->p;
    int saved = p->fdepth;
    p->fdepth = 0;
    px_err_at_tok(p, c->after, "f-string: %s", msg);
    p->fdepth = saved;
    return NULL;
}

/* Compile the expression text [s, e) of an f-string into a node. */
static Node *compile_fexpr(FCtx *c, const char *s, const char *e)
{
    Parser *p = c->p;
    bool blank = true;
    for (const char *q = s; q < e; q++)
        if (*q != ' ' && *q != '\t' && *q != '\n' && *q != '\f' && *q != '\r') { blank = false; break; }
    if (blank) return f_error(c, "empty expression not allowed");
    /* Position of the expression in the source (CPython's fstring_find_expr_location). */
    Token *t = c->st->t;
    int lines = 0;
    const char *ls = t->start;
    for (const char *q = t->start; q < s; q++)
        if (*q == '\n') { lines++; ls = q + 1; }
    int col0 = lines ? (int)(s - ls) : t->col + (int)(s - t->start);
    char *copy = malloc((size_t)(e - s) + 1);
    memcpy(copy, s, (size_t)(e - s));
    copy[e - s] = '\0';
    Parser sub;
    memset(&sub, 0, sizeof sub);
    sub.arena = p->arena;
    sub.err = p->err;
    sub.mode = PARSE_EVAL;
    sub.src = copy;
    sub.outer = p;
    sub.fdepth = p->fdepth + 1;
    sub.fcol0 = col0;
    px_tokenize(copy, (size_t)(e - s), &sub.ta, &sub.tokerr, true, t->lineno + lines, col0);
    sub.toks = sub.ta.toks;
    sub.ntok = sub.ta.n;
    Node *r = px_parse_star_expressions(&sub);
    if (r && !sub.error && !tok_at(&sub, TK_ENDMARKER)) px_err_generic(&sub);
    if (r && r->kind == N_Tuple && r->lineno == r->end_lineno) {
        /* CPython parses "(expr)": a bare tuple's extent includes those parentheses */
        r->col_offset--;
        r->end_col_offset++;
    }
    if (sub.error) r = NULL;
    if (!r && !sub.error) px_err_generic(&sub);
    if (sub.error) {
        p->error = true;
        p->special = true;
    }
    px_token_array_free(&sub.ta);
    free(copy);
    return r;
}

static Node *fstring_parse(FCtx *c, FState *fs, const char **str, const char *end, int level);

/* An expression at **str == '{'. Appends to fs. */
static bool fstring_expr(FCtx *c, FState *fs, const char **str, const char *end, int level)
{
    if (level >= 2) { f_error(c, "expressions nested too deeply"); return false; }
    const char *s = *str + 1, *expr_start = s;
    char quote = 0;
    int qsize = 0, depth = 0;
    char parens[200];
    for (; s < end; s++) {
        char ch = *s;
        if (ch == '\\') { px_err_at_tok(c->p, c->after, "f-string expression part cannot include a backslash"); return false; }
        if (quote) {
            if (ch == quote) {
                if (qsize == 3) {
                    if (s + 2 < end && s[1] == ch && s[2] == ch) { s += 2; quote = 0; }
                } else quote = 0;
            }
            continue;
        }
        if (ch == '\'' || ch == '"') {
            if (s + 2 < end && s[1] == ch && s[2] == ch) { qsize = 3; s += 2; }
            else qsize = 1;
            quote = ch;
            continue;
        }
        if (ch == '[' || ch == '{' || ch == '(') {
            if (depth >= 200) { f_error(c, "too many nested parenthesis"); return false; }
            parens[depth++] = ch;
            continue;
        }
        if (ch == '#') { px_err_at_tok(c->p, c->after, "f-string expression part cannot include '#'"); return false; }
        if (depth == 0 && (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
            if (s + 1 < end) {
                char nx = s[1];
                if ((ch == '!' || ch == '=' || ch == '<' || ch == '>') && nx == '=') { s++; continue; }
            }
            if (ch == '>' || ch == '<') continue;
            break;
        }
        if (ch == ']' || ch == '}' || ch == ')') {
            char buf[120];
            if (!depth) { snprintf(buf, sizeof buf, "unmatched '%c'", ch); f_error(c, buf); return false; }
            char open = parens[--depth];
            if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') || (open == '{' && ch == '}'))) {
                snprintf(buf, sizeof buf, "closing parenthesis '%c' does not match opening parenthesis '%c'", ch, open);
                f_error(c, buf);
                return false;
            }
        }
    }
    const char *expr_end = s;
    if (quote) { f_error(c, "unterminated string"); return false; }
    if (depth) {
        char buf[64];
        snprintf(buf, sizeof buf, "unmatched '%c'", parens[depth - 1]);
        f_error(c, buf);
        return false;
    }
    if (s >= end) { f_error(c, "expecting '}'"); return false; }
    Node *value = compile_fexpr(c, expr_start, expr_end);
    if (!value) return false;
    bool debug = false;
    if (*s == '=') {
        s++;
        while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\f' || *s == '\r' || *s == '\v')) s++;
        if (s >= end) { f_error(c, "expecting '}'"); return false; }
        fstate_add(fs, expr_start, (size_t)(s - expr_start));
        debug = true;
    }
    int conversion = -1;
    if (*s == '!') {
        s++;
        if (s >= end) { f_error(c, "expecting '}'"); return false; }
        conversion = (unsigned char)*s++;
        if (!(conversion == 's' || conversion == 'r' || conversion == 'a')) {
            f_error(c, "invalid conversion character: expected 's', 'r', or 'a'");
            return false;
        }
    }
    Node *spec = NULL;
    if (s < end && *s == ':') {
        s++;
        if (s >= end) { f_error(c, "expecting '}'"); return false; }
        FState sfs;
        memset(&sfs, 0, sizeof sfs);
        px_vec_init(&sfs.parts);
        sfs.fmode = true;
        spec = fstring_parse(c, &sfs, &s, end, level + 1);
        if (!spec) return false;
    }
    if (s >= end || *s != '}') { f_error(c, "expecting '}'"); return false; }
    s++;
    if (debug && !spec && conversion == -1) conversion = 'r';
    Node *fv = px_node_new(c->p, N_FormattedValue, c->first->lineno, c->first->col, c->last->end_lineno, c->last->end_col);
    fv->v.formatted.value = value;
    fv->v.formatted.conversion = conversion;
    fv->v.formatted.format_spec = spec;
    fstate_flush(c, fs);
    px_vec_push(&fs->parts, fv);
    *str = s;
    return true;
}

/* Parse literal text and expressions until the end (level 0) or a '}' (format spec).
 * At level > 0 returns the spec's JoinedStr; at level 0 returns a non-NULL marker. */
static Node *fstring_parse(FCtx *c, FState *fs, const char **str, const char *end, int level)
{
    const char *s = *str;
    bool raw = c->st->raw;
    for (;;) {
        const char *lit = s;
        bool doubled = false;
        while (s < end) {
            char ch = *s++;
            if (!raw && ch == '\\' && s < end) {
                ch = *s++;
                if (ch == 'N') {
                    if (s < end && *s++ == '{') {
                        while (s < end && *s++ != '}') {}
                    }
                    continue;
                }
            }
            if (ch == '{' || ch == '}') {
                if (level == 0) {
                    if (s < end && *s == ch) { doubled = true; break; }
                    if (ch == '}') { f_error(c, "single '}' is not allowed"); return NULL; }
                }
                s--;
                break;
            }
        }
        if (s > lit && !add_literal(c, fs, lit, (size_t)(s - lit))) return NULL;
        if (doubled) { s++; continue; }
        if (s >= end || *s == '}') break;
        if (!fstring_expr(c, fs, &s, end, level)) return NULL;
    }
    if (level > 0 && (s >= end || *s != '}')) { f_error(c, "expecting '}'"); return NULL; }
    *str = s;
    if (level == 0) return (Node *)1;
    Token *t = c->st->t;
    fstate_flush_at(c, fs, t, t);
    Node *j = px_node_new(c->p, N_JoinedStr, t->lineno, t->col, t->end_lineno, t->end_col);
    j->v.joined.values = px_vec_finish(c->p, &fs->parts);
    free(fs->last.s);
    return j;
}

Node *px_parse_strings(Parser *p)
{
    int start = p->pos;
    while (tok_at(p, TK_STRING)) p->pos++;
    int end = p->pos;
    Token *first = &p->toks[start], *last = &p->toks[end - 1];
    FCtx c = {p, first, last, tok_cur(p), NULL};
    StrTok sts[8], *stp = sts;
    int n = end - start;
    if (n > 8) stp = malloc(sizeof(StrTok) * (size_t)n);
    bool any_bytes = false, any_str = false, any_f = false;
    for (int i = 0; i < n; i++) {
        split_token(&p->toks[start + i], &stp[i]);
        if (stp[i].bytes) any_bytes = true; else any_str = true;
        if (stp[i].fstr) any_f = true;
    }
    Node *result = NULL;
    if (any_bytes && any_str) {
        px_err_at_tok(p, c.after, "cannot mix bytes and nonbytes literals");
        goto done;
    }
    if (any_bytes) {
        Buf b = {0};
        for (int i = 0; i < n; i++) {
            for (size_t k = 0; k < stp[i].len; k++)
                if ((unsigned char)stp[i].body[k] >= 0x80) {
                    px_err_at_tok(p, stp[i].t, "bytes can only contain ASCII literal characters");
                    free(b.s);
                    goto done;
                }
            if (stp[i].raw) buf_put(&b, stp[i].body, stp[i].len);
            else {
                char errbuf[200];
                const char *err = decode_escapes(stp[i].body, stp[i].len, true, &b, errbuf, sizeof errbuf);
                if (err) { px_err_at_tok(p, c.after, "%s", err); free(b.s); goto done; }
            }
        }
        result = px_node_new(p, N_Constant, first->lineno, first->col, last->end_lineno, last->end_col);
        result->v.constant.kind = CONST_BYTES;
        result->v.constant.str = arena_strndup(p->arena, b.s ? b.s : "", b.n);
        result->v.constant.len = b.n;
        free(b.s);
        goto done;
    }
    FState fs;
    memset(&fs, 0, sizeof fs);
    px_vec_init(&fs.parts);
    fs.fmode = any_f;
    for (int i = 0; i < n; i++) {
        c.st = &stp[i];
        if (!stp[i].fstr) {
            if (!add_literal(&c, &fs, stp[i].body, stp[i].len)) goto fail;
            continue;
        }
        const char *s = stp[i].body;
        if (!fstring_parse(&c, &fs, &s, stp[i].body + stp[i].len, 0)) goto fail;
    }
    if (!any_f) {
        result = make_str(&c, fs.last.s ? fs.last.s : "", fs.last.n);
        free(fs.last.s);
        px_vec_drop(&fs.parts);
        goto done;
    }
    fstate_flush(&c, &fs);
    result = px_node_new(p, N_JoinedStr, first->lineno, first->col, last->end_lineno, last->end_col);
    result->v.joined.values = px_vec_finish(p, &fs.parts);
    free(fs.last.s);
    goto done;
fail:
    free(fs.last.s);
    px_vec_drop(&fs.parts);
    result = NULL;
done:
    if (stp != sts) free(stp);
    return result;
}
