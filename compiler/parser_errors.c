/* parser_errors.c: syntax error reporting with CPython 3.11's messages and locations, target
 * validation (Store/Del contexts), and the small token/node/list helpers of the parser. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parser.h"

/* ---- lists ---- */

void px_vec_init(Vec *v)
{
    v->items = v->small;
    v->n = 0;
    v->cap = 8;
}

void px_vec_push(Vec *v, Node *n)
{
    if (v->n == v->cap) {
        size_t cap = v->cap * 2;
        Node **items = malloc(cap * sizeof(Node *));
        if (!items) { fputs("vitrine: out of memory\n", stderr); abort(); }
        memcpy(items, v->items, v->n * sizeof(Node *));
        if (v->items != v->small) free(v->items);
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = n;
}

NodeList px_vec_finish(Parser *p, Vec *v)
{
    NodeList l = {NULL, v->n};
    if (v->n) {
        l.items = arena_alloc(p->arena, v->n * sizeof(Node *));
        memcpy(l.items, v->items, v->n * sizeof(Node *));
    }
    px_vec_drop(v);
    return l;
}

void px_vec_drop(Vec *v)
{
    if (v->items != v->small) free(v->items);
    v->items = v->small;
    v->n = 0;
    v->cap = 8;
}

/* ---- tokens and nodes ---- */

Token *px_tok_next(Parser *p)
{
    Token *t = tok_cur(p);
    if (t->type != TK_ENDMARKER && t->type != TK_ERRORTOKEN) p->pos++;
    return t;
}

bool px_tok_accept(Parser *p, int type)
{
    if (tok_type(p) != type) return false;
    p->pos++;
    return true;
}

Token *px_tok_expect(Parser *p, int type)
{
    Token *t = tok_cur(p);
    if (t->type != type) return px_err_generic(p);
    p->pos++;
    return t;
}

Node *px_node_new(Parser *p, NodeKind kind, int lineno, int col, int end_lineno, int end_col)
{
    Node *n = arena_alloc(p->arena, sizeof(Node));
    n->kind = kind;
    n->lineno = lineno;
    n->col_offset = col;
    n->end_lineno = end_lineno;
    n->end_col_offset = end_col;
    return n;
}

Node *px_node_at(Parser *p, NodeKind kind, const Token *start)
{
    const Token *e = tok_prev(p);
    return px_node_new(p, kind, start->lineno, start->col, e->end_lineno, e->end_col);
}

Node *px_node_from(Parser *p, NodeKind kind, const Node *start)
{
    const Token *e = tok_prev(p);
    return px_node_new(p, kind, start->lineno, start->col_offset, e->end_lineno, e->end_col);
}

void px_node_end(Parser *p, Node *n)
{
    const Token *e = tok_prev(p);
    n->end_lineno = e->end_lineno;
    n->end_col_offset = e->end_col;
}

char *px_tok_str(Parser *p, const Token *t)
{
    return arena_strndup(p->arena, t->start, (size_t)t->len);
}

bool px_can_start_expr(int type)
{
    switch (type) {
    case TK_NAME: case TK_NUMBER: case TK_STRING: case TK_LPAR: case TK_LSQB: case TK_LBRACE:
    case TK_MINUS: case TK_PLUS: case TK_TILDE: case TK_KW_not: case TK_KW_lambda:
    case TK_KW_await: case TK_KW_None: case TK_KW_True: case TK_KW_False: case TK_ELLIPSIS:
    case TK_STAR:
        return true;
    }
    return false;
}

/* ---- errors ---- */

/* Count characters in the first `off` bytes of `line` (a partial character counts as one),
 * as CPython's byte_offset_to_character_offset does. */
static int char_offset(const char *line, int linelen, int off)
{
    if (!line || off <= 0) return off;
    if (off > linelen + 1) off = linelen + 1;
    int chars = 0;
    for (int i = 0; i < off && i < linelen; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80) chars++;
    if (off > linelen) chars += off - linelen;
    return chars;
}

/* Record an error; `off`/`end_off` are 1-based byte offsets (<= 0 passed through). */
static void set_error(Parser *p, int exc, int lineno, int off, int end_lineno, int end_off,
                      const char *fmt, va_list ap)
{
    if (p->error) return;
    p->error = true;
    SyntaxErrorInfo *e = p->err;
    const char *prefix = p->fdepth > 0 ? "f-string: " : "";
    size_t pl = strlen(prefix);
    memcpy(e->msg, prefix, pl);
    vsnprintf(e->msg + pl, sizeof e->msg - pl, fmt, ap);
    e->kind = exc;
    e->lineno = lineno;
    e->end_lineno = end_lineno;
    free(e->text);
    e->text = NULL;
    if (p->fdepth > 0) {
        /* Like CPython 3.11, offsets inside an f-string expression are relative to "(expr)",
         * which is also the text shown. */
        e->offset = off > 0 ? off - p->fcol0 + 1 : off;
        e->end_offset = end_off > 0 ? end_off - p->fcol0 + 1 : end_off;
        size_t n = strlen(p->src);
        e->text = malloc(n + 4);
        if (e->text) snprintf(e->text, n + 4, "(%s)\n", p->src);
        return;
    }
    int len;
    const char *line = px_token_line(&p->ta, lineno, &len);
    e->offset = char_offset(line, len, off);
    int elen;
    const char *eline = end_lineno == lineno ? line : px_token_line(&p->ta, end_lineno, &elen);
    if (end_lineno != lineno) len = eline ? elen : 0;
    e->end_offset = char_offset(eline, len, end_off);
    if (line) {
        e->text = malloc((size_t)len + 2);
        if (e->text) {
            memcpy(e->text, line, (size_t)len);
            if (len == 0 || line[len - 1] != '\n') e->text[len++] = '\n';
            e->text[len] = '\0';
        }
    }
}

static void *raise_err(Parser *p, int exc, int lineno, int off, int end_lineno, int end_off,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_error(p, exc, lineno, off, end_lineno, end_off, fmt, ap);
    va_end(ap);
    return NULL;
}

void *px_err_tokenizer(Parser *p)
{
    TokError *e = &p->tokerr;
    raise_err(p, e->exc, e->lineno, e->off, e->end_lineno, e->end_off, "%s", e->msg);
    p->special = true;
    if (e->incomplete) p->err->incomplete = true;
    return NULL;
}

void *px_err_generic(Parser *p)
{
    if (p->error) return NULL;
    Token *t = &p->toks[p->maxpos];
    if (t->type == TK_ERRORTOKEN) return px_err_tokenizer(p);
    if (t->type == TK_INDENT || t->type == TK_DEDENT) {
        raise_err(p, 1, t->lineno, t->col, t->lineno, -1,
              t->type == TK_INDENT ? "unexpected indent" : "unexpected unindent");
        p->special = true;
        p->final = true;   /* CPython reports these before looking further for tokenizer errors */
        return NULL;
    }
    if (t->type == TK_ENDMARKER && !t->start && p->maxpos == 0 && p->src && !p->src[0]) {
        raise_err(p, 0, 0, 0, 0, 0, "invalid syntax");   /* no input at all */
        return NULL;
    }
    if (t->type == TK_ENDMARKER && !t->start) {
        /* CPython: the end marker has no column, so offset and end_offset are 0 */
        raise_err(p, 0, t->lineno, 0, t->lineno, 0, "invalid syntax");
        p->err->incomplete = true;
        return NULL;
    }
    return raise_err(p, 0, t->lineno, t->col + 1, t->end_lineno, t->end_col + 1, "invalid syntax");
}

void *px_err_at_tok(Parser *p, const Token *t, const char *fmt, ...)
{
    if (p->error) return NULL;
    va_list ap;
    va_start(ap, fmt);
    if (!t->start)
        set_error(p, 0, t->lineno, t->col, t->lineno, -1, fmt, ap);
    else
        set_error(p, 0, t->lineno, t->col + 1, t->end_lineno, t->end_col + 1, fmt, ap);
    va_end(ap);
    p->special = true;
    return NULL;
}

void *px_err_at_node(Parser *p, const Node *n, const char *fmt, ...)
{
    if (p->error) return NULL;
    va_list ap;
    va_start(ap, fmt);
    set_error(p, 0, n->lineno, n->col_offset + 1, n->end_lineno, n->end_col_offset + 1, fmt, ap);
    va_end(ap);
    p->special = true;
    return NULL;
}

void *px_err_range(Parser *p, int lineno, int col, int end_lineno, int end_col, const char *fmt, ...)
{
    if (p->error) return NULL;
    va_list ap;
    va_start(ap, fmt);
    set_error(p, 0, lineno, col + 1, end_lineno, end_col + 1, fmt, ap);
    va_end(ap);
    p->special = true;
    return NULL;
}

void *px_err_indent(Parser *p, const char *fmt, ...)
{
    if (p->error) return NULL;
    Token *t = tok_cur(p);
    va_list ap;
    va_start(ap, fmt);
    if (!t->start)
        set_error(p, 1, t->lineno, t->col, t->lineno, -1, fmt, ap);
    else
        set_error(p, 1, t->lineno, t->col + 1, t->end_lineno, t->end_col + 1, fmt, ap);
    va_end(ap);
    p->special = true;
    if (t->type == TK_ENDMARKER) p->err->incomplete = true;
    return NULL;
}

const char *px_expr_name(const Node *n)
{
    switch (n->kind) {
    case N_Attribute: return "attribute";
    case N_Subscript: return "subscript";
    case N_Starred: return "starred";
    case N_Name: return "name";
    case N_List: return "list";
    case N_Tuple: return "tuple";
    case N_Lambda: return "lambda";
    case N_Call: return "function call";
    case N_BoolOp: case N_BinOp: case N_UnaryOp: return "expression";
    case N_GeneratorExp: return "generator expression";
    case N_Yield: case N_YieldFrom: return "yield expression";
    case N_Await: return "await expression";
    case N_ListComp: return "list comprehension";
    case N_SetComp: return "set comprehension";
    case N_DictComp: return "dict comprehension";
    case N_Dict: return "dict literal";
    case N_Set: return "set display";
    case N_JoinedStr: case N_FormattedValue: return "f-string expression";
    case N_Constant:
        switch (n->v.constant.kind) {
        case CONST_NONE: return "None";
        case CONST_TRUE: return "True";
        case CONST_FALSE: return "False";
        case CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    case N_Compare: return "comparison";
    case N_IfExp: return "conditional expression";
    case N_NamedExpr: return "named expression";
    default: return "expression";
    }
}

/* The first sub-node that cannot be a target, or NULL (CPython's _PyPegen_get_invalid_target). */
const Node *px_invalid_target(const Node *n, ExprContext ctx)
{
    switch (n->kind) {
    case N_Name: case N_Attribute: case N_Subscript:
        return NULL;
    case N_Starred:
        if (ctx == CTX_DEL) return n;
        return px_invalid_target(n->v.starred.value, ctx);
    case N_List: case N_Tuple:
        for (size_t i = 0; i < n->v.seq.elts.n; i++) {
            const Node *r = px_invalid_target(n->v.seq.elts.items[i], ctx);
            if (r) return r;
        }
        return NULL;
    default:
        return n;
    }
}

static void apply_ctx(Node *n, ExprContext ctx)
{
    switch (n->kind) {
    case N_Name: n->v.name.ctx = ctx; break;
    case N_Attribute: n->v.attribute.ctx = ctx; break;
    case N_Subscript: n->v.subscript.ctx = ctx; break;
    case N_Starred: n->v.starred.ctx = ctx; apply_ctx(n->v.starred.value, ctx); break;
    case N_List: case N_Tuple:
        n->v.seq.ctx = ctx;
        for (size_t i = 0; i < n->v.seq.elts.n; i++) apply_ctx(n->v.seq.elts.items[i], ctx);
        break;
    default: break;
    }
}

bool px_set_target_ctx(Parser *p, Node *n, ExprContext ctx)
{
    const Node *bad = px_invalid_target(n, ctx);
    if (bad) {
        if (ctx == CTX_DEL)
            px_err_at_node(p, bad, "cannot delete %s", px_expr_name(bad));
        else
            px_err_at_node(p, bad, "cannot assign to %s", px_expr_name(bad));
        return false;
    }
    apply_ctx(n, ctx);
    return true;
}
