/* tokenizer.c: turns UTF-8 Python source into an array of tokens in one linear pass,
 * with CPython 3.11's INDENT/DEDENT rules and its lexical error messages and positions. */
#include "tokenizer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const px_token_text[TK__COUNT] = {
#define X(name, text) text,
    TOKEN_TYPES(X)
#undef X
};

#define MAXINDENT 100
#define MAXLEVEL 200

typedef struct Lex {
    const char *src, *p, *end;
    const char *line_start;
    int lineno;
    TokenArray *ta;
    TokError *err;
    bool inner;
    int line0, col0;
    int indstack[MAXINDENT], altstack[MAXINDENT], indent;
    int level;
    char parens[MAXLEVEL];
    int paren_line[MAXLEVEL], paren_col[MAXLEVEL];
} Lex;

static void *xrealloc(void *p, size_t n)
{
    void *r = realloc(p, n);
    if (!r) { fputs("vitrine: out of memory\n", stderr); abort(); }
    return r;
}

static int colof(Lex *L, const char *q)
{
    return (int)(q - L->line_start) + (L->lineno == L->line0 ? L->col0 : 0);
}

static void new_line(Lex *L, const char *start)
{
    TokenArray *ta = L->ta;
    if (ta->nlines == ta->lines_cap) {
        ta->lines_cap = ta->lines_cap ? ta->lines_cap * 2 : 64;
        ta->lines = xrealloc(ta->lines, sizeof(char *) * (size_t)ta->lines_cap);
    }
    ta->lines[ta->nlines++] = start;
    L->line_start = start;
    L->lineno++;
}

static Token *push(Lex *L, int type, const char *start, const char *end, int lineno, int col)
{
    TokenArray *ta = L->ta;
    if (ta->n == ta->cap) {
        ta->cap = ta->cap ? ta->cap * 2 : 256;
        ta->toks = xrealloc(ta->toks, sizeof(Token) * (size_t)ta->cap);
    }
    Token *t = &ta->toks[ta->n++];
    t->type = type;
    t->start = start;
    t->len = start ? (int)(end - start) : 0;
    t->lineno = lineno;
    t->col = col;
    t->end_lineno = L->lineno;
    t->end_col = start ? colof(L, end) : -1;
    t->level = L->level + (L->inner ? 1 : 0);   /* an f-string expression is parenthesized */
    return t;
}

/* A "virtual" token (INDENT, DEDENT, ENDMARKER, EOF errors): CPython gives these no column,
 * and error messages use the tokenizer's current position instead; we store that in col. */
static Token *push_virtual(Lex *L, int type, const char *cur)
{
    Token *t = push(L, type, NULL, NULL, L->lineno, colof(L, cur));
    return t;
}

/* Position of the end of input as CPython's tokenizer sees it: the last line, with a
 * newline added when the source lacks one. */
static void eof_position(Lex *L, int *lineno, int *col)
{
    const char *ls = L->line_start;
    int ln = L->lineno;
    if (L->end > L->src && L->line_start == L->end && L->ta->nlines > 1) {
        ls = L->ta->lines[L->ta->nlines - 2];
        ln--;
    }
    *lineno = ln;
    *col = (int)(L->end - ls) + (L->end > ls && L->end[-1] != '\n' ? 1 : 0);
}

static void set_err(Lex *L, TokErrKind kind, int exc, int lineno, int col, int end_col,
                    const char *fmt, ...)
{
    TokError *e = L->err;
    e->kind = kind;
    e->exc = exc;
    e->lineno = e->end_lineno = lineno;
    e->off = col;
    e->end_off = end_col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
}

/* An error CPython raises from inside the tokenizer: offset = characters before `cur`. */
static void raise_at(Lex *L, const char *cur, const char *fmt, const char *arg)
{
    int col = colof(L, cur);
    set_err(L, TE_RAISED, 0, L->lineno, col, col, fmt, arg);
    push(L, TK_ERRORTOKEN, cur, cur, L->lineno, col);
}

static int decode_utf8(const char *s, int *nbytes)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) { *nbytes = 1; return u[0]; }
    if ((u[0] & 0xE0) == 0xC0 && (u[1] & 0xC0) == 0x80) {
        *nbytes = 2; return ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    }
    if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        *nbytes = 3; return ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    }
    if ((u[0] & 0xF8) == 0xF0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
        (u[3] & 0xC0) == 0x80) {
        *nbytes = 4;
        return ((u[0] & 0x07) << 18) | ((u[1] & 0x3F) << 12) | ((u[2] & 0x3F) << 6) | (u[3] & 0x3F);
    }
    *nbytes = 1;
    return -1;
}

/* Non-printable code points (reported as "invalid non-printable character"). */
static bool cp_nonprintable(int cp)
{
    return (cp >= 0x80 && cp <= 0xA0) || cp == 0xAD || (cp >= 0x2000 && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) ||
           cp == 0x3000 || cp == 0xFEFF || (cp >= 0xE000 && cp <= 0xF8FF);
}

/* An approximation of XID_Continue for non-ASCII code points: letters of every script are
 * accepted, common punctuation/symbol blocks are not. */
static bool cp_is_id(int cp)
{
    if (cp < 0) return false;
    if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA || cp == 0xB7;
    if (cp == 0xD7 || cp == 0xF7) return false;
    if (cp >= 0x2000 && cp <= 0x206F) return cp == 0x203F || cp == 0x2040 || cp == 0x2054;
    if (cp >= 0x2070 && cp <= 0x209F) return cp == 0x2071 || cp == 0x207F || (cp >= 0x2090 && cp <= 0x209C);
    if (cp >= 0x20A0 && cp <= 0x20FF) return cp >= 0x20D0 && cp <= 0x20F0;
    if (cp >= 0x2190 && cp <= 0x2BFF) return false;
    if (cp >= 0x2E00 && cp <= 0x2E7F) return false;
    if (cp >= 0x3000 && cp <= 0x3004) return false;
    if (cp >= 0x3008 && cp <= 0x3020) return false;
    if (cp >= 0xFE10 && cp <= 0xFE1F) return false;
    if (cp >= 0xFE30 && cp <= 0xFE4F) return cp == 0xFE33 || cp == 0xFE34 || cp >= 0xFE4D;
    if (cp >= 0xFF01 && cp <= 0xFF0F) return false;
    if (cp >= 0xFF1A && cp <= 0xFF20) return false;
    if (cp >= 0xFF3B && cp <= 0xFF40) return cp == 0xFF3F;
    if (cp >= 0xFF5B && cp <= 0xFF65) return false;
    if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;
    if (cp_nonprintable(cp)) return false;
    return true;
}

static inline bool is_id_start(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128; }
static inline bool is_id_char(int c) { return is_id_start(c) || (c >= '0' && c <= '9'); }
static inline bool is_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool is_xdigit(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

static const struct { const char *s; int type; } keywords[] = {
#define X(name, text) { text, TK_##name },
    TOKEN_TYPES(X)
#undef X
};

static int keyword_type(const char *s, int n)
{
    /* Keywords are 2..8 lowercase letters (or False/None/True). */
    if (n < 2 || n > 8) return TK_NAME;
    for (int i = TK_FIRST_KEYWORD; i < TK__COUNT; i++) {
        const char *k = keywords[i].s;
        if (k[0] == s[0] && (int)strlen(k) == n && memcmp(k, s, (size_t)n) == 0)
            return keywords[i].type;
    }
    return TK_NAME;
}

/* ---- numbers (mirrors CPython's tok_get number branch for its error messages) ---- */

/* After a literal: a letter right behind a number is an error, except the keywords that
 * may legally follow one ("1if x else y" only warns in CPython). */
static bool verify_end(Lex *L, const char **pp, int c, const char *kind)
{
    const char *p = *pp;   /* p is just after c */
    bool r = false;
    if (c == 'a') r = strncmp(p, "nd", 2) == 0;
    else if (c == 'e') r = strncmp(p, "lse", 3) == 0;
    else if (c == 'f') r = strncmp(p, "or", 2) == 0;
    else if (c == 'i') r = *p == 'f' || *p == 'n' || *p == 's';
    else if (c == 'o') r = *p == 'r';
    else if (c == 'n') r = strncmp(p, "ot", 2) == 0;
    if (r) return true;
    if (c && is_id_char(c)) {
        char buf[64];
        snprintf(buf, sizeof buf, "invalid %s literal", kind);
        raise_at(L, p - 1, "%s", buf);
        return false;
    }
    return true;
}

/* Digits with single underscores; returns the char after them (p just past it), 0 on error. */
static int decimal_tail(Lex *L, const char **pp)
{
    const char *p = *pp;
    int c;
    for (;;) {
        do c = (unsigned char)*p++; while (is_digit(c));
        if (c != '_') break;
        c = (unsigned char)*p++;
        if (!is_digit(c)) {
            p--;
            raise_at(L, p, "%s", "invalid decimal literal");
            *pp = p;
            return -1;
        }
    }
    *pp = p;
    return c;
}

/* Scan a number starting at L->p (a digit, or '.' followed by a digit). Returns false on error. */
static bool scan_number(Lex *L, const char *start)
{
    const char *p = start;
    int c = (unsigned char)*p++;
    if (c == '0' && (*p == 'x' || *p == 'X' || *p == 'o' || *p == 'O' || *p == 'b' || *p == 'B')) {
        int kind = *p | 0x20;
        const char *kname = kind == 'x' ? "hexadecimal" : kind == 'o' ? "octal" : "binary";
        p++;
        c = (unsigned char)*p++;
        do {
            if (c == '_') c = (unsigned char)*p++;
            bool ok = kind == 'x' ? is_xdigit(c) : kind == 'o' ? (c >= '0' && c <= '7') : (c == '0' || c == '1');
            if (!ok) {
                if (kind != 'x' && is_digit(c)) {
                    char msg[64];
                    snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", c, kname);
                    raise_at(L, p, "%s", msg);
                    return false;
                }
                p--;
                char msg[64];
                snprintf(msg, sizeof msg, "invalid %s literal", kname);
                raise_at(L, p, "%s", msg);
                return false;
            }
            do {
                c = (unsigned char)*p++;
            } while (kind == 'x' ? is_xdigit(c) : kind == 'o' ? (c >= '0' && c <= '7') : (c == '0' || c == '1'));
        } while (c == '_');
        if (kind != 'x' && is_digit(c)) {
            char msg[64];
            snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", c, kname);
            raise_at(L, p, "%s", msg);
            return false;
        }
        if (!verify_end(L, &p, c, kname)) return false;
        goto done;
    }
    if (c == '0') {
        bool nonzero = false;
        for (;;) {
            if (c == '_') {
                c = (unsigned char)*p++;
                if (!is_digit(c)) { p--; raise_at(L, p, "%s", "invalid decimal literal"); return false; }
            }
            if (c != '0') break;
            c = (unsigned char)*p++;
        }
        const char *zeros_end = p;
        if (is_digit(c)) {
            nonzero = true;
            p--;
            c = decimal_tail(L, &p);
            if (c < 0) return false;
        }
        if (c == '.') { c = (unsigned char)*p++; goto fraction; }
        if (c == 'e' || c == 'E') goto exponent;
        if (c == 'j' || c == 'J') goto imaginary;
        if (nonzero) {
            int col0 = colof(L, start), col1 = colof(L, zeros_end);
            set_err(L, TE_RAISED, 0, L->lineno, col0 + 1, col1,
                    "leading zeros in decimal integer literals are not permitted; "
                    "use an 0o prefix for octal integers");
            push(L, TK_ERRORTOKEN, p, p, L->lineno, col0);
            return false;
        }
        if (!verify_end(L, &p, c, "decimal")) return false;
        goto done;
    }
    if (c == '.') {
        c = (unsigned char)*p++;
        goto fraction;
    }
    p--;
    c = decimal_tail(L, &p);
    if (c < 0) return false;
    if (c == '.') {
        c = (unsigned char)*p++;
    fraction:
        if (is_digit(c)) {
            p--;
            c = decimal_tail(L, &p);
            if (c < 0) return false;
        }
    }
    if (c == 'e' || c == 'E') {
        int e;
    exponent:
        e = c;
        c = (unsigned char)*p++;
        if (c == '+' || c == '-') {
            c = (unsigned char)*p++;
            if (!is_digit(c)) { p--; raise_at(L, p, "%s", "invalid decimal literal"); return false; }
        } else if (!is_digit(c)) {
            p--;   /* back before c: p is just after e */
            if (!verify_end(L, &p, e, "decimal")) return false;
            p--;   /* the number ends before the 'e' */
            c = (unsigned char)*p++;
            goto done;
        }
        p--;
        c = decimal_tail(L, &p);
        if (c < 0) return false;
    }
    if (c == 'j' || c == 'J') {
    imaginary:
        c = (unsigned char)*p++;
        if (!verify_end(L, &p, c, "imaginary")) return false;
    } else if (!verify_end(L, &p, c, "decimal")) {
        return false;
    }
done:
    p--;   /* back up over the lookahead char */
    push(L, TK_NUMBER, start, p, L->lineno, colof(L, start));
    L->p = p;
    return true;
}

/* ---- strings ---- */

static bool is_string_prefix(const char *s, int n)
{
    if (n > 2) return false;
    int r = 0, b = 0, f = 0, u = 0;
    for (int i = 0; i < n; i++) {
        switch (s[i] | 0x20) {
        case 'r': r++; break;
        case 'b': b++; break;
        case 'f': f++; break;
        case 'u': u++; break;
        default: return false;
        }
    }
    if (r > 1 || b > 1 || f > 1 || u > 1) return false;
    if (u && n > 1) return false;
    if (b && f) return false;
    return true;
}

/* Scan a string literal whose prefix starts at `start` and quote at `q`. */
static bool scan_string(Lex *L, const char *start, const char *q)
{
    int lineno = L->lineno, col = colof(L, start);
    const char *first_line_start = L->line_start;
    char quote = *q;
    const char *p = q + 1;
    int qsize = 1;
    if (p[0] == quote && p[1] == quote) { qsize = 3; p += 2; }
    else if (p[0] == quote) {   /* empty string */
        p++;
        push(L, TK_STRING, start, p, lineno, col);
        L->p = p;
        return true;
    }
    for (;;) {
        char c = *p;
        if (c == '\0' || (qsize == 1 && c == '\n')) {
            int detected = L->lineno;
            if (c == '\0' && p > L->src && p[-1] == '\n') detected--;
            L->lineno = lineno;
            L->line_start = first_line_start;
            set_err(L, TE_RAISED, 0, lineno, col + 1, col + 1,
                    qsize == 3 ? "unterminated triple-quoted string literal (detected at line %d)"
                               : "unterminated string literal (detected at line %d)", detected);
            L->err->incomplete = qsize == 3 && c == '\0';
            push(L, TK_ERRORTOKEN, start, start, lineno, col);
            return false;
        }
        p++;
        if (c == quote) {
            if (qsize == 1) break;
            if (p[0] == quote && p[1] == quote) { p += 2; break; }
        } else if (c == '\\') {
            if (*p == '\0') continue;
            if (*p == '\n') { p++; new_line(L, p); continue; }
            p++;
        } else if (c == '\n') {
            new_line(L, p);
        }
    }
    Token *t = push(L, TK_STRING, start, p, lineno, col);
    (void)t;
    L->p = p;
    return true;
}

/* ---- main loop ---- */

static int op3(const char *p, int *len)
{
    char a = p[0], b = p[1], c = b ? p[2] : 0;
    *len = 3;
    if (c == '=') {
        if (a == '*' && b == '*') return TK_DOUBLESTAREQUAL;
        if (a == '/' && b == '/') return TK_DOUBLESLASHEQUAL;
        if (a == '<' && b == '<') return TK_LEFTSHIFTEQUAL;
        if (a == '>' && b == '>') return TK_RIGHTSHIFTEQUAL;
    }
    if (a == '.' && b == '.' && c == '.') return TK_ELLIPSIS;
    *len = 2;
    switch (a) {
    case '=': if (b == '=') return TK_EQEQUAL; break;
    case '!': if (b == '=') return TK_NOTEQUAL; break;
    case '<': if (b == '=') return TK_LESSEQUAL; if (b == '<') return TK_LEFTSHIFT; break;
    case '>': if (b == '=') return TK_GREATEREQUAL; if (b == '>') return TK_RIGHTSHIFT; break;
    case '*': if (b == '*') return TK_DOUBLESTAR; if (b == '=') return TK_STAREQUAL; break;
    case '/': if (b == '/') return TK_DOUBLESLASH; if (b == '=') return TK_SLASHEQUAL; break;
    case '+': if (b == '=') return TK_PLUSEQUAL; break;
    case '-': if (b == '=') return TK_MINEQUAL; if (b == '>') return TK_RARROW; break;
    case '%': if (b == '=') return TK_PERCENTEQUAL; break;
    case '&': if (b == '=') return TK_AMPEREQUAL; break;
    case '|': if (b == '=') return TK_VBAREQUAL; break;
    case '^': if (b == '=') return TK_CIRCUMFLEXEQUAL; break;
    case '@': if (b == '=') return TK_ATEQUAL; break;
    case ':': if (b == '=') return TK_COLONEQUAL; break;
    }
    *len = 1;
    switch (a) {
    case '(': return TK_LPAR; case ')': return TK_RPAR; case '[': return TK_LSQB;
    case ']': return TK_RSQB; case '{': return TK_LBRACE; case '}': return TK_RBRACE;
    case ':': return TK_COLON; case ',': return TK_COMMA; case ';': return TK_SEMI;
    case '+': return TK_PLUS; case '-': return TK_MINUS; case '*': return TK_STAR;
    case '/': return TK_SLASH; case '|': return TK_VBAR; case '&': return TK_AMPER;
    case '<': return TK_LESS; case '>': return TK_GREATER; case '=': return TK_EQUAL;
    case '.': return TK_DOT; case '%': return TK_PERCENT; case '~': return TK_TILDE;
    case '^': return TK_CIRCUMFLEX; case '@': return TK_AT;
    }
    return TK_EXCLAMATION;   /* '!', '$', '?', '`': an operator the grammar never accepts */
}

/* Handle the indentation at the beginning of a logical line. Returns false on error;
 * sets *blank when the line holds nothing but whitespace/comment. */
static bool do_indent(Lex *L, bool *blank)
{
    const char *p = L->p;
    int col = 0, altcol = 0, cont_col = 0;
    for (;; p++) {
        if (*p == ' ') { col++; altcol++; }
        else if (*p == '\t') { col = (col / 8 + 1) * 8; altcol++; }
        else if (*p == '\014') { col = altcol = 0; }
        else if (*p == '\\') {
            /* 3.11: a backslash in the indentation continues it on the next line; the
             * column of the first one sets the level. */
            if (!cont_col) cont_col = col;
            if (p[1] != '\n') {
                L->p = p;
                set_err(L, TE_LINECONT, 0, L->lineno, colof(L, p) + 2, 0,
                        "unexpected character after line continuation character");
                push(L, TK_ERRORTOKEN, p, p, L->lineno, colof(L, p) + 1);
                return false;
            }
            p += 2;
            new_line(L, p);
            if (*p == '\0') {
                L->p = p;
                int ln, ecol;
                eof_position(L, &ln, &ecol);
                set_err(L, TE_EOF, 0, ln, ecol, -1, "unexpected EOF while parsing");
                L->err->incomplete = true;
                Token *t = push(L, TK_ERRORTOKEN, NULL, NULL, ln, ecol);
                t->end_lineno = ln;
                return false;
            }
            p--;
        }
        else break;
    }
    L->p = p;
    if (*p == '#' || *p == '\n') {
        *blank = true;
        return true;
    }
    *blank = false;
    if (*p == '\0') return true;   /* EOF: eof_tokens() closes the blocks */
    if (cont_col) col = altcol = cont_col;
    int top = L->indstack[L->indent];
    if (col == top) {
        if (altcol != L->altstack[L->indent]) goto tabspace;
    } else if (col > top) {
        if (L->indent + 1 >= MAXINDENT) {
            set_err(L, TE_TOODEEP, 1, L->lineno, 1, 0, "too many levels of indentation");
            push_virtual(L, TK_ERRORTOKEN, p);
            return false;
        }
        if (altcol <= L->altstack[L->indent]) goto tabspace;
        L->indent++;
        L->indstack[L->indent] = col;
        L->altstack[L->indent] = altcol;
        push_virtual(L, TK_INDENT, p);
    } else {
        /* Check the target level first: CPython reports a mismatch before any DEDENT. */
        int target = L->indent;
        while (target > 0 && col < L->indstack[target]) target--;
        if (col != L->indstack[target]) {
            /* CPython reports this at the end of the offending line. */
            const char *eol = p;
            while (*eol && *eol != '\n') eol++;
            int c = colof(L, eol) + 1;
            set_err(L, TE_DEDENT, 1, L->lineno, c, -1,
                    "unindent does not match any outer indentation level");
            push_virtual(L, TK_ERRORTOKEN, eol);
            return false;
        }
        if (altcol != L->altstack[target]) goto tabspace;
        while (L->indent > target) {
            L->indent--;
            push_virtual(L, TK_DEDENT, p);
        }
    }
    return true;
tabspace:
    set_err(L, TE_TABSPACE, 2, L->lineno, 1, 0, "inconsistent use of tabs and spaces in indentation");
    push_virtual(L, TK_ERRORTOKEN, p);
    return false;
}

static void eof_tokens(Lex *L)
{
    int ln, col;
    eof_position(L, &ln, &col);
    TokenArray *ta = L->ta;
    if (!L->inner && ta->n > 0) {
        int last = ta->toks[ta->n - 1].type;
        if (last != TK_NEWLINE && last != TK_DEDENT && last != TK_INDENT) {
            /* The source lacks a final newline: CPython adds one. */
            Token *t = push(L, TK_NEWLINE, L->end, L->end, ln, col - 1);
            t->end_lineno = ln;
            t->end_col = col - 1;
        }
    }
    while (L->indent > 0) {
        L->indent--;
        Token *t = push(L, TK_DEDENT, NULL, NULL, ln, col);
        t->end_lineno = ln;
    }
    if (L->inner) {
        /* An f-string expression ends where CPython's wrapping ')' would be. */
        Token *t = push(L, TK_ENDMARKER, L->end, L->end, L->lineno, colof(L, L->end));
        t->end_col = t->col + 1;
        return;
    }
    Token *t = push(L, TK_ENDMARKER, NULL, NULL, ln, col);
    t->end_lineno = ln;
}

void px_tokenize(const char *src, size_t len, TokenArray *ta, TokError *err, bool inner,
              int line0, int col0)
{
    memset(ta, 0, sizeof *ta);
    memset(err, 0, sizeof *err);
    Lex L0, *L = &L0;
    memset(L, 0, sizeof *L);
    L->src = L->p = src;
    L->end = src + len;
    L->ta = ta;
    L->err = err;
    L->inner = inner;
    L->line0 = line0;
    L->col0 = inner ? col0 : 0;
    L->lineno = line0 - 1;
    ta->src = src;
    ta->extra_line = line0 - 1;
    ta->extra_col = L->col0;
    new_line(L, src);
    bool atbol = !inner;
    if (!inner && (unsigned char)src[0] == 0xEF && (unsigned char)src[1] == 0xBB &&
        (unsigned char)src[2] == 0xBF)
        L->p += 3;   /* UTF-8 BOM */

    for (;;) {
        if (atbol) {
            atbol = false;
            if (L->level == 0) {
                bool blank;
                if (!do_indent(L, &blank)) return;
                if (blank) {
                    /* Skip a blank/comment-only line entirely. */
                    const char *p = L->p;
                    while (*p && *p != '\n') p++;
                    if (*p == '\n') { p++; L->p = p; new_line(L, p); atbol = true; continue; }
                    L->p = p;
                }
            }
        }
        const char *p = L->p;
        while (*p == ' ' || *p == '\t' || *p == '\014') p++;
        const char *comment = NULL;
        if (*p == '#') {
            comment = p;
            while (*p && *p != '\n') p++;
        }
        int c = (unsigned char)*p;
        if (c == '\0') {
            L->p = p;
            if (p < L->end) {   /* an embedded NUL */
                raise_at(L, p + 1, "%s", "source code cannot contain null bytes");
                return;
            }
            if (L->level > 0 && !inner) {
                int ln, col;
                eof_position(L, &ln, &col);
                int i = L->level - 1;
                set_err(L, TE_EOF, 0, L->paren_line[i], L->paren_col[i] + 1, 0,
                        "'%c' was never closed", L->parens[i]);
                err->paren = L->parens[i];
                err->paren_lineno = L->paren_line[i];
                err->paren_col = L->paren_col[i];
                err->incomplete = true;
                Token *t = push(L, TK_ERRORTOKEN, NULL, NULL, ln, col);
                t->end_lineno = ln;
                return;
            }
            eof_tokens(L);
            return;
        }
        if (c == '\n') {
            p++;
            if (L->level == 0 && !inner) {
                /* CPython's NEWLINE starts at a preceding comment and leaves the '\n' out */
                Token *t = push(L, TK_NEWLINE, p - 1, p, L->lineno, colof(L, comment ? comment : p - 1));
                t->end_col = colof(L, p - 1);
                atbol = true;
            }
            L->p = p;
            new_line(L, p);
            continue;
        }
        if (c == '\\') {
            if (p[1] == '\n') {
                p += 2;
                L->p = p;
                new_line(L, p);
                if (*p == '\0') {
                    int ln, col;
                    eof_position(L, &ln, &col);
                    set_err(L, TE_EOF, 0, ln, col, -1, "unexpected EOF while parsing");
                    err->incomplete = true;
                    Token *t = push(L, TK_ERRORTOKEN, NULL, NULL, ln, col);
                    t->end_lineno = ln;
                    return;
                }
                continue;
            }
            int col = colof(L, p) + 1;
            set_err(L, TE_LINECONT, 0, L->lineno, col + 1, 0,
                    "unexpected character after line continuation character");
            push(L, TK_ERRORTOKEN, p, p, L->lineno, col);
            return;
        }
        const char *start = p;
        if (is_id_start(c)) {
            /* Identifier, keyword, or string prefix. */
            bool ascii = true;
            while (is_id_char((unsigned char)*p)) {
                if ((unsigned char)*p >= 128) ascii = false;
                p++;
            }
            if ((*p == '"' || *p == '\'') && is_string_prefix(start, (int)(p - start))) {
                if (!scan_string(L, start, p)) return;
                continue;
            }
            if (!ascii) {
                for (const char *q = start; q < p;) {
                    int n, cp = decode_utf8(q, &n);
                    if (cp >= 128 && !cp_is_id(cp)) {
                        char buf[80];
                        if (cp < 0) {
                            raise_at(L, q + 1, "%s", "invalid character in identifier");
                        } else if (cp_nonprintable(cp)) {
                            snprintf(buf, sizeof buf, "invalid non-printable character U+%04X", cp);
                            raise_at(L, q + n, "%s", buf);
                        } else {
                            snprintf(buf, sizeof buf, "invalid character '%.*s' (U+%04X)", n, q, cp);
                            raise_at(L, q + n, "%s", buf);
                        }
                        return;
                    }
                    q += n;
                }
            }
            push(L, keyword_type(start, (int)(p - start)), start, p, L->lineno, colof(L, start));
            L->p = p;
            continue;
        }
        if (is_digit(c) || (c == '.' && is_digit((unsigned char)p[1]))) {
            if (!scan_number(L, p)) return;
            continue;
        }
        if (c == '"' || c == '\'') {
            if (!scan_string(L, p, p)) return;
            continue;
        }
        int len;
        int type = op3(p, &len);
        p += len;
        if (type == TK_LPAR || type == TK_LSQB || type == TK_LBRACE) {
            if (L->level >= MAXLEVEL) {
                raise_at(L, p, "%s", "too many nested parentheses");
                return;
            }
            L->parens[L->level] = (char)c;
            L->paren_line[L->level] = L->lineno;
            L->paren_col[L->level] = colof(L, start);
            L->level++;
        } else if (type == TK_RPAR || type == TK_RSQB || type == TK_RBRACE) {
            if (L->level == 0 && !inner) {
                raise_at(L, p, "unmatched '%s'", px_token_text[type]);
                return;
            }
            if (L->level > 0) {
                char open = L->parens[L->level - 1];
                if (!((open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}'))) {
                    char buf[120];
                    if (L->paren_line[L->level - 1] != L->lineno)
                        snprintf(buf, sizeof buf, "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                                 c, open, L->paren_line[L->level - 1]);
                    else
                        snprintf(buf, sizeof buf, "closing parenthesis '%c' does not match opening parenthesis '%c'", c, open);
                    raise_at(L, p, "%s", buf);
                    return;
                }
                L->level--;
            }
        } else if (type == TK_EXCLAMATION && c >= 128) {
            /* unreachable: bytes >= 128 start identifiers */
        }
        push(L, type, start, p, L->lineno, colof(L, start));
        L->p = p;
    }
}

void px_token_array_free(TokenArray *ta)
{
    free(ta->toks);
    free(ta->lines);
    memset(ta, 0, sizeof *ta);
}

const char *px_token_line(const TokenArray *ta, int lineno, int *len)
{
    int i = lineno - 1 - ta->extra_line;
    if (i < 0 || i >= ta->nlines) { *len = 0; return NULL; }
    const char *s = ta->lines[i];
    const char *e = s;
    while (*e && *e != '\n') e++;
    if (*e == '\n') e++;
    *len = (int)(e - s);
    return s;
}
