/* parser.c: the parser's entry point (parse_source) and Python 3.11's statements: simple
 * statements, assignments with target checks, and compound statements with their blocks. */
#include <stdlib.h>
#include <string.h>

#include "object.h"   /* NB_* operator numbering only */
#include "parser.h"

#define CHECK(x) do { if (!(x)) return NULL; } while (0)

static bool parse_statement(Parser *p, Vec *out);

static void end_at_last(Node *n, NodeList *l)
{
    if (l->n) {
        Node *last = l->items[l->n - 1];
        n->end_lineno = last->end_lineno;
        n->end_col_offset = last->end_col_offset;
    }
}

/* ---- blocks ---- */

/* After a compound statement's ':': an indented block or simple statements on the line. */
NodeList px_parse_block(Parser *p, const char *what, const Token *kw)
{
    NodeList empty = {NULL, 0};
    Vec body;
    px_vec_init(&body);
    if (px_tok_accept(p, TK_NEWLINE)) {
        if (!tok_at(p, TK_INDENT)) {
            if (tok_at(p, TK_ERRORTOKEN)) { px_err_tokenizer(p); return empty; }
            px_err_indent(p, "expected an indented block after %s on line %d", what, kw->lineno);
            return empty;
        }
        px_tok_next(p);
        while (!tok_at(p, TK_DEDENT) && !tok_at(p, TK_ENDMARKER)) {
            if (!parse_statement(p, &body)) { px_vec_drop(&body); return empty; }
        }
        if (!px_tok_expect(p, TK_DEDENT)) { px_vec_drop(&body); return empty; }
    } else {
        if (!parse_statement(p, &body)) { px_vec_drop(&body); return empty; }
    }
    return px_vec_finish(p, &body);
}

/* The ':' of a compound statement header. `forced` statements (def, for, try, finally,
 * else) report "expected ':'" at any token; the others only before a NEWLINE. */
static bool expect_colon(Parser *p, bool forced)
{
    if (px_tok_accept(p, TK_COLON)) return true;
    if (forced || tok_at(p, TK_NEWLINE)) px_err_at_tok(p, tok_cur(p), "expected ':'");
    else px_err_generic(p);
    return false;
}

/* ---- simple statements ---- */

static Node *rhs(Parser *p)
{
    if (tok_at(p, TK_KW_yield)) return px_parse_yield_expr(p);
    return px_parse_star_expressions(p);
}

static int augassign_op(int type)
{
    switch (type) {
    case TK_PLUSEQUAL: return NB_ADD;
    case TK_MINEQUAL: return NB_SUBTRACT;
    case TK_STAREQUAL: return NB_MULTIPLY;
    case TK_ATEQUAL: return NB_MATRIX_MULTIPLY;
    case TK_SLASHEQUAL: return NB_TRUE_DIVIDE;
    case TK_PERCENTEQUAL: return NB_REMAINDER;
    case TK_AMPEREQUAL: return NB_AND;
    case TK_VBAREQUAL: return NB_OR;
    case TK_CIRCUMFLEXEQUAL: return NB_XOR;
    case TK_LEFTSHIFTEQUAL: return NB_LSHIFT;
    case TK_RIGHTSHIFTEQUAL: return NB_RSHIFT;
    case TK_DOUBLESTAREQUAL: return NB_POWER;
    case TK_DOUBLESLASHEQUAL: return NB_FLOOR_DIVIDE;
    }
    return -1;
}

bool px_is_bitwise_or_level(Parser *p, const Node *n)
{
    switch (n->kind) {
    case N_BoolOp: case N_Compare: case N_IfExp: case N_Lambda: case N_NamedExpr: case N_Starred:
    case N_Yield: case N_YieldFrom:
        /* only when parenthesized */
        break;
    case N_UnaryOp:
        if (n->v.unaryop.op != UOP_NOT) return true;
        break;
    case N_List: case N_Tuple: case N_GeneratorExp:
        return false;
    case N_Constant:
        return n->v.constant.kind != CONST_TRUE && n->v.constant.kind != CONST_FALSE &&
               n->v.constant.kind != CONST_NONE;
    default:
        return true;
    }
    /* Parenthesized: the token before the node is '('. */
    for (int i = p->pos - 1; i > 0; i--) {
        Token *t = &p->toks[i];
        if (t->lineno == n->lineno && t->col == n->col_offset) {
            return p->toks[i - 1].type == TK_LPAR;
        }
        if (t->lineno < n->lineno) break;
    }
    return false;
}

/* The index of node n's first token (searching back from the current token). */
static int token_index_of(Parser *p, const Node *n)
{
    int i = p->pos;
    while (i > 0 && (p->toks[i].lineno > n->lineno ||
                     (p->toks[i].lineno == n->lineno && p->toks[i].col > n->col_offset)))
        i--;
    return i;
}

/* The index of the first token after node n (searching back from the current token). */
static int token_after(Parser *p, const Node *n)
{
    int i = p->pos;
    while (i > 0) {
        Token *t = &p->toks[i - 1];
        if (t->end_lineno < n->end_lineno ||
            (t->end_lineno == n->end_lineno && t->end_col <= n->end_col_offset))
            break;
        i--;
    }
    return i;
}

/* The prefix of `v` that CPython's bitwise_or rule would match, or NULL if none. */
static const Node *bitwise_or_prefix(Parser *p, const Node *v)
{
    for (;;) {
        if (px_is_bitwise_or_level(p, v) || v->kind == N_Constant || v->kind == N_List ||
            v->kind == N_GeneratorExp || (v->kind == N_Tuple && p->toks[token_index_of(p, v)].type == TK_LPAR))
            return v;
        switch (v->kind) {
        case N_IfExp: v = v->v.ifexp.body; break;
        case N_BoolOp: v = v->v.boolop.values.items[0]; break;
        case N_Compare: v = v->v.compare.left; break;
        case N_Tuple: if (!v->v.seq.elts.n) return NULL; v = v->v.seq.elts.items[0]; break;
        default: return NULL;
        }
    }
}

/* CPython's invalid_named_expression, tried on the element right before the first '='. */
static bool named_expression_hint(Parser *p, Node *first, Node *value)
{
    Node *e = first;
    if (first->kind == N_Tuple && first->v.seq.elts.n && token_after(p, first) == token_after(p, first->v.seq.elts.items[first->v.seq.elts.n - 1]))
        e = first->v.seq.elts.items[first->v.seq.elts.n - 1];
    const Node *b = bitwise_or_prefix(p, value);
    if (!b) return false;
    int nt = p->toks[token_after(p, b)].type;
    if (nt == TK_EQUAL || nt == TK_COLONEQUAL) return false;
    if (e->kind == N_Name && p->toks[token_after(p, e) - 1].type == TK_NAME) {
        px_err_range(p, e->lineno, e->col_offset, b->end_lineno, b->end_col_offset,
                  "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        return true;
    }
    if (px_is_bitwise_or_level(p, e)) {
        px_err_at_node(p, e, "cannot assign to %s here. Maybe you meant '==' instead of '='?", px_expr_name(e));
        return true;
    }
    return false;
}

static bool check_assign_targets(Parser *p, Vec *targets, Node *value)
{
    for (size_t i = 0; i < targets->n; i++) {
        Node *t = targets->items[i];
        if (t->kind == N_Starred) {
            px_err_at_node(p, t, "starred assignment target must be in a list or tuple");
            return false;
        }
        const Node *bad = px_invalid_target(t, CTX_STORE);
        if (!bad) continue;
        Node *v1 = targets->n > 1 ? targets->items[1] : value;
        if (named_expression_hint(p, targets->items[0], v1)) return false;
        if ((bad->kind == N_Yield || bad->kind == N_YieldFrom) && bad == t) {
            px_err_at_node(p, bad, "assignment to yield expression not possible");
            return false;
        }
        px_err_at_node(p, bad, "cannot assign to %s", px_expr_name(bad));
        return false;
    }
    if (value->kind == N_Starred) {
        px_err_at_node(p, value, "can't use starred expression here");
        return false;
    }
    for (size_t i = 0; i < targets->n; i++) px_set_target_ctx(p, targets->items[i], CTX_STORE);
    return true;
}

/* At ':=': does an expression follow? (CPython's rule is "expression ':=' expression") */
static bool walrus_follows(Parser *p)
{
    int pos = p->pos, maxpos = p->maxpos;
    bool in_probe = p->in_probe;
    p->in_probe = true;
    p->pos++;
    Node *v = px_parse_expression(p);
    if (p->error) {
        v = NULL;
        p->error = p->special = false;
        free(p->err->text);
        p->err->text = NULL;
    }
    if (p->maxpos > p->probe_max) p->probe_max = p->maxpos;
    p->in_probe = in_probe;
    p->pos = pos;
    p->maxpos = maxpos;
    return v != NULL;
}

/* At ':': does an expression follow (without consuming anything)? */
static bool annotation_follows(Parser *p)
{
    int pos = p->pos, maxpos = p->maxpos;
    p->pos++;
    bool ok = false, in_probe = p->in_probe;
    p->in_probe = true;
    if (px_can_start_expr(tok_type(p)) && tok_type(p) != TK_STAR) {
        Node *e = px_parse_expression(p);
        ok = e != NULL;
        if (p->error) {
            p->error = p->special = false;
            free(p->err->text);
            p->err->text = NULL;
        }
    }
    if (p->maxpos > p->probe_max) p->probe_max = p->maxpos;
    p->in_probe = in_probe;
    p->pos = pos;
    p->maxpos = maxpos;
    return ok;
}

static Node *parse_expr_or_assign(Parser *p)
{
    Token *st = tok_cur(p);
    Node *first = rhs(p);
    CHECK(first);
    int t = tok_type(p);
    if (t == TK_COLONEQUAL && first->kind != N_Name && walrus_follows(p))   /* NAME := here: plain error */
        return px_err_at_node(p, first, "cannot use assignment expressions with %s", px_expr_name(first));
    if (t == TK_COLON && first->kind != N_Name && first->kind != N_Attribute && first->kind != N_Subscript &&
        !annotation_follows(p))
        return px_err_generic(p);   /* CPython's invalid-target rules need "':' expression" */
    if (t == TK_COLON) {
        if (first->kind == N_Tuple || first->kind == N_List) {
            bool paren = first->col_offset == st->col && (st->type == TK_LPAR || st->type == TK_LSQB) &&
                         token_after(p, first) == p->pos;
            if (first->kind == N_List || paren)
                return px_err_at_node(p, first, "only single target (not %s) can be annotated",
                                   first->kind == N_List ? "list" : "tuple");
            /* an unparenthesized tuple: CPython points at its first element */
            return px_err_at_node(p, first->v.seq.elts.items[0], "only single target (not tuple) can be annotated");
        }
        if (first->kind != N_Name && first->kind != N_Attribute && first->kind != N_Subscript)
            return px_err_at_node(p, first, "illegal target for annotation");
        px_tok_next(p);
        Node *ann = px_parse_expression(p);
        CHECK(ann);
        Node *value = NULL;
        if (px_tok_accept(p, TK_EQUAL)) {
            value = rhs(p);
            CHECK(value);
        }
        px_set_target_ctx(p, first, CTX_STORE);
        Node *n = px_node_at(p, N_AnnAssign, st);
        n->v.annassign.target = first;
        n->v.annassign.annotation = ann;
        n->v.annassign.value = value;
        n->v.annassign.simple = first->kind == N_Name && st->type != TK_LPAR;
        return n;
    }
    int op = augassign_op(t);
    if (op >= 0) {
        if (first->kind != N_Name && first->kind != N_Attribute && first->kind != N_Subscript)
            return px_err_at_node(p, first, "'%s' is an illegal expression for augmented assignment", px_expr_name(first));
        px_tok_next(p);
        Node *value = rhs(p);
        CHECK(value);
        px_set_target_ctx(p, first, CTX_STORE);
        Node *n = px_node_at(p, N_AugAssign, st);
        n->v.augassign.target = first;
        n->v.augassign.op = op;
        n->v.augassign.value = value;
        return n;
    }
    if (t == TK_EQUAL) {
        Vec targets;
        px_vec_init(&targets);
        px_vec_push(&targets, first);
        Node *value = NULL;
        while (px_tok_accept(p, TK_EQUAL)) {
            value = rhs(p);
            if (!value) {
                /* CPython's invalid_assignment matches "targets '='" whatever follows */
                if (!p->special) {
                    for (size_t i = 0; i < targets.n; i++) {
                        Node *t = targets.items[i];
                        const Node *bad = t->kind == N_Starred ? NULL : px_invalid_target(t, CTX_STORE);
                        if (!bad) continue;
                        p->error = false;
                        if ((bad->kind == N_Yield || bad->kind == N_YieldFrom) && bad == t)
                            px_err_at_node(p, bad, "assignment to yield expression not possible");
                        else
                            px_err_at_node(p, bad, "cannot assign to %s", px_expr_name(bad));
                        break;
                    }
                }
                px_vec_drop(&targets);
                return NULL;
            }
            if (tok_at(p, TK_EQUAL)) px_vec_push(&targets, value);
        }
        if (!check_assign_targets(p, &targets, value)) { px_vec_drop(&targets); return NULL; }
        Node *n = px_node_at(p, N_Assign, st);
        n->v.assign.targets = px_vec_finish(p, &targets);
        n->v.assign.value = value;
        return n;
    }
    if (first->kind == N_Starred && (tok_at(p, TK_NEWLINE) || tok_at(p, TK_SEMI)))
        return px_err_at_node(p, first, "can't use starred expression here");
    Node *n = px_node_at(p, N_Expr, st);
    n->v.ret.value = first;
    return n;
}

static Node *parse_dotted_name(Parser *p, const Token **start)
{
    Token *t = tok_cur(p);
    if (t->type != TK_NAME) return px_err_generic(p);
    *start = t;
    px_tok_next(p);
    size_t len = (size_t)t->len;
    const char *s = t->start;
    /* Build "a.b.c" by copying the names (tokens may be separated by spaces). */
    char buf[1024];
    if (len >= sizeof buf) len = sizeof buf - 1;
    memcpy(buf, s, len);
    while (tok_at(p, TK_DOT) && tok_peek(p, 1) == TK_NAME) {
        px_tok_next(p);
        Token *n = px_tok_next(p);
        if (len + 1 + (size_t)n->len < sizeof buf) {
            buf[len++] = '.';
            memcpy(buf + len, n->start, (size_t)n->len);
            len += (size_t)n->len;
        }
    }
    if (tok_at(p, TK_DOT)) return px_err_generic(p);
    Node *a = px_node_at(p, N_Alias, t);
    a->v.alias.name = arena_strndup(p->arena, buf, len);
    return a;
}

static Node *parse_import(Parser *p)
{
    Token *kw = px_tok_next(p);
    Vec names;
    px_vec_init(&names);
    do {
        const Token *st;
        Node *a = parse_dotted_name(p, &st);
        if (!a) { px_vec_drop(&names); return NULL; }
        if (px_tok_accept(p, TK_KW_as)) {
            Token *n = tok_cur(p);
            if (n->type != TK_NAME) { px_vec_drop(&names); return px_err_generic(p); }
            px_tok_next(p);
            a->v.alias.asname = px_tok_str(p, n);
            px_node_end(p, a);
        }
        px_vec_push(&names, a);
    } while (px_tok_accept(p, TK_COMMA));
    Node *n = px_node_at(p, N_Import, kw);
    n->v.import.names = px_vec_finish(p, &names);
    return n;
}

static Node *parse_from_import(Parser *p)
{
    Token *kw = px_tok_next(p);
    int level = 0;
    for (;;) {
        if (px_tok_accept(p, TK_DOT)) level++;
        else if (px_tok_accept(p, TK_ELLIPSIS)) level += 3;
        else break;
    }
    const char *module = NULL;
    if (!tok_at(p, TK_KW_import)) {
        const Token *st;
        Node *m = parse_dotted_name(p, &st);
        CHECK(m);
        module = m->v.alias.name;
    } else if (level == 0) {
        return px_err_generic(p);
    }
    CHECK(px_tok_expect(p, TK_KW_import));
    Vec names;
    px_vec_init(&names);
    if (tok_at(p, TK_STAR)) {
        Token *s = px_tok_next(p);
        Node *a = px_node_at(p, N_Alias, s);
        a->v.alias.name = "*";
        px_vec_push(&names, a);
    } else {
        bool paren = px_tok_accept(p, TK_LPAR);
        for (;;) {
            Token *t = tok_cur(p);
            if (t->type != TK_NAME) { px_vec_drop(&names); return px_err_generic(p); }
            px_tok_next(p);
            Node *a = px_node_at(p, N_Alias, t);
            a->v.alias.name = px_tok_str(p, t);
            if (px_tok_accept(p, TK_KW_as)) {
                Token *n = tok_cur(p);
                if (n->type != TK_NAME) { px_vec_drop(&names); return px_err_generic(p); }
                px_tok_next(p);
                a->v.alias.asname = px_tok_str(p, n);
                px_node_end(p, a);
            }
            px_vec_push(&names, a);
            if (!px_tok_accept(p, TK_COMMA)) break;
            if (paren && tok_at(p, TK_RPAR)) break;
            if (!paren && (tok_at(p, TK_NEWLINE) || tok_at(p, TK_SEMI))) {
                px_vec_drop(&names);
                return px_err_at_tok(p, tok_cur(p), "trailing comma not allowed without surrounding parentheses");
            }
        }
        if (paren && !px_tok_expect(p, TK_RPAR)) { px_vec_drop(&names); return NULL; }
    }
    Node *n = px_node_at(p, N_ImportFrom, kw);
    n->v.import.module = module;
    n->v.import.names = px_vec_finish(p, &names);
    n->v.import.level = level;
    return n;
}

static Node *parse_global(Parser *p)
{
    Token *kw = px_tok_next(p);
    const char *buf[256];
    const char **names = buf;
    size_t n = 0, cap = 256;
    do {
        Token *t = tok_cur(p);
        if (t->type != TK_NAME) { if (names != buf) free(names); return px_err_generic(p); }
        px_tok_next(p);
        if (n == cap) {
            const char **nb = malloc(sizeof(char *) * cap * 2);
            memcpy(nb, names, sizeof(char *) * n);
            if (names != buf) free(names);
            names = nb;
            cap *= 2;
        }
        names[n++] = px_tok_str(p, t);
    } while (px_tok_accept(p, TK_COMMA));
    Node *g = px_node_at(p, kw->type == TK_KW_global ? N_Global : N_Nonlocal, kw);
    g->v.global.names = arena_alloc(p->arena, sizeof(char *) * n);
    memcpy(g->v.global.names, names, sizeof(char *) * n);
    g->v.global.n = n;
    if (names != buf) free(names);
    return g;
}

static Node *parse_del(Parser *p)
{
    Token *kw = px_tok_next(p);
    Vec targets;
    px_vec_init(&targets);
    do {
        if (!px_can_start_expr(tok_type(p)) && targets.n) break;
        Node *t = px_parse_star_target(p);
        if (!t) { px_vec_drop(&targets); return NULL; }
        px_vec_push(&targets, t);
    } while (px_tok_accept(p, TK_COMMA));
    if (!tok_at(p, TK_NEWLINE) && !tok_at(p, TK_SEMI)) { px_vec_drop(&targets); return px_err_generic(p); }
    for (size_t i = 0; i < targets.n; i++)
        if (!px_set_target_ctx(p, targets.items[i], CTX_DEL)) { px_vec_drop(&targets); return NULL; }
    Node *n = px_node_at(p, N_Delete, kw);
    n->v.del.targets = px_vec_finish(p, &targets);
    return n;
}

static Node *parse_simple(Parser *p)
{
    Token *t = tok_cur(p);
    Node *n;
    switch (t->type) {
    case TK_KW_pass: px_tok_next(p); return px_node_at(p, N_Pass, t);
    case TK_KW_break: px_tok_next(p); return px_node_at(p, N_Break, t);
    case TK_KW_continue: px_tok_next(p); return px_node_at(p, N_Continue, t);
    case TK_KW_return:
        px_tok_next(p);
        n = px_node_at(p, N_Return, t);
        if (px_can_start_expr(tok_type(p))) {
            n->v.ret.value = px_parse_star_expressions(p);
            CHECK(n->v.ret.value);
            px_node_end(p, n);
        }
        return n;
    case TK_KW_raise:
        px_tok_next(p);
        n = px_node_at(p, N_Raise, t);
        if (px_can_start_expr(tok_type(p))) {
            n->v.raise.exc = px_parse_expression(p);
            CHECK(n->v.raise.exc);
            if (px_tok_accept(p, TK_KW_from)) {
                n->v.raise.cause = px_parse_expression(p);
                CHECK(n->v.raise.cause);
            }
            px_node_end(p, n);
        }
        return n;
    case TK_KW_global: case TK_KW_nonlocal:
        return parse_global(p);
    case TK_KW_del:
        return parse_del(p);
    case TK_KW_assert: {
        px_tok_next(p);
        Node *test = px_parse_expression(p);
        CHECK(test);
        Node *msg = NULL;
        if (px_tok_accept(p, TK_COMMA)) {
            msg = px_parse_expression(p);
            CHECK(msg);
        }
        n = px_node_at(p, N_Assert, t);
        n->v.assertst.test = test;
        n->v.assertst.msg = msg;
        return n;
    }
    case TK_KW_import:
        return parse_import(p);
    case TK_KW_from:
        return parse_from_import(p);
    case TK_INDENT: case TK_DEDENT:
        return px_err_generic(p);
    case TK_ERRORTOKEN:
        return px_err_tokenizer(p);
    default:
        return parse_expr_or_assign(p);
    }
}

static bool parse_simple_stmts(Parser *p, Vec *out)
{
    for (;;) {
        Node *s = parse_simple(p);
        if (!s) return false;
        px_vec_push(out, s);
        if (!px_tok_accept(p, TK_SEMI)) break;
        if (tok_at(p, TK_NEWLINE)) break;
    }
    if (!px_tok_expect(p, TK_NEWLINE)) return false;
    return true;
}

/* ---- compound statements ---- */

/* The condition of if/elif/while (named_expression carries CPython's hint for a mistaken '='). */
static Node *parse_condition(Parser *p)
{
    return px_parse_named_expression(p);
}

static Node *parse_if(Parser *p)
{
    Token *kw = px_tok_next(p);   /* 'if' or 'elif' */
    Node *test = parse_condition(p);
    CHECK(test);
    CHECK(expect_colon(p, false));
    NodeList body = px_parse_block(p, kw->type == TK_KW_if ? "'if' statement" : "'elif' statement", kw);
    if (p->error) return NULL;
    Node *n = px_node_new(p, N_If, kw->lineno, kw->col, kw->lineno, kw->col);
    n->v.whileloop.test = test;
    n->v.whileloop.body = body;
    end_at_last(n, &body);
    if (tok_at(p, TK_KW_elif)) {
        Node *e = parse_if(p);
        CHECK(e);
        n->v.whileloop.orelse.items = arena_alloc(p->arena, sizeof(Node *));
        n->v.whileloop.orelse.items[0] = e;
        n->v.whileloop.orelse.n = 1;
        n->end_lineno = e->end_lineno;
        n->end_col_offset = e->end_col_offset;
    } else if (tok_at(p, TK_KW_else)) {
        Token *ek = px_tok_next(p);
        CHECK(expect_colon(p, true));
        n->v.whileloop.orelse = px_parse_block(p, "'else' statement", ek);
        if (p->error) return NULL;
        end_at_last(n, &n->v.whileloop.orelse);
    }
    return n;
}

static bool parse_else(Parser *p, Node *n, NodeList *orelse)
{
    if (!tok_at(p, TK_KW_else)) return true;
    Token *ek = px_tok_next(p);
    if (!expect_colon(p, true)) return false;
    *orelse = px_parse_block(p, "'else' statement", ek);
    if (p->error) return false;
    end_at_last(n, orelse);
    return true;
}

static Node *parse_while(Parser *p)
{
    Token *kw = px_tok_next(p);
    Node *test = parse_condition(p);
    CHECK(test);
    CHECK(expect_colon(p, false));
    NodeList body = px_parse_block(p, "'while' statement", kw);
    if (p->error) return NULL;
    Node *n = px_node_new(p, N_While, kw->lineno, kw->col, kw->lineno, kw->col);
    n->v.whileloop.test = test;
    n->v.whileloop.body = body;
    end_at_last(n, &body);
    CHECK(parse_else(p, n, &n->v.whileloop.orelse));
    return n;
}

static Node *parse_for(Parser *p, Token *start, bool is_async)
{
    Token *kw = px_tok_next(p);
    Node *target = px_parse_star_targets(p);
    CHECK(target);
    if (!tok_at(p, TK_KW_in)) px_check_target_juxtaposed(p, target);
    if (p->error || !px_set_target_ctx(p, target, CTX_STORE)) return NULL;
    CHECK(px_tok_expect(p, TK_KW_in));
    Node *iter = px_parse_star_expressions(p);
    CHECK(iter);
    CHECK(expect_colon(p, false));
    NodeList body = px_parse_block(p, "'for' statement", kw);
    if (p->error) return NULL;
    Node *n = px_node_new(p, N_For, start->lineno, start->col, start->lineno, start->col);
    n->v.forloop.target = target;
    n->v.forloop.iter = iter;
    n->v.forloop.body = body;
    n->v.forloop.is_async = is_async;
    end_at_last(n, &body);
    CHECK(parse_else(p, n, &n->v.forloop.orelse));
    return n;
}

static Node *parse_with_item(Parser *p)
{
    Node *e = px_parse_expression(p);
    CHECK(e);
    Node *it = px_node_from(p, N_WithItem, e);
    it->v.withitem.context_expr = e;
    if (px_tok_accept(p, TK_KW_as)) {
        Node *t = px_parse_star_target(p);
        CHECK(t);
        if (!px_set_target_ctx(p, t, CTX_STORE)) return NULL;
        it->v.withitem.optional_vars = t;
        px_node_end(p, it);
    }
    return it;
}

static Node *parse_with(Parser *p, Token *start, bool is_async)
{
    Token *kw = px_tok_next(p);
    Vec items;
    px_vec_init(&items);
    bool paren = false;
    if (tok_at(p, TK_LPAR)) {
        /* `with (a as b, c):` when the matching ')' is followed by ':'. */
        int depth = 0, i = p->pos;
        for (; i < p->ntok; i++) {
            int t = p->toks[i].type;
            if (t == TK_LPAR || t == TK_LSQB || t == TK_LBRACE) depth++;
            else if (t == TK_RPAR || t == TK_RSQB || t == TK_RBRACE) { if (--depth == 0) break; }
            else if (t == TK_NEWLINE || t == TK_ENDMARKER || t == TK_ERRORTOKEN) break;
        }
        paren = i + 1 < p->ntok && p->toks[i].type == TK_RPAR && p->toks[i + 1].type == TK_COLON &&
                tok_peek(p, 1) != TK_KW_yield;
    }
    if (paren) {
        px_tok_next(p);
        do {
            if (tok_at(p, TK_RPAR) && items.n) break;
            Node *it = parse_with_item(p);
            if (!it) { px_vec_drop(&items); return NULL; }
            px_vec_push(&items, it);
        } while (px_tok_accept(p, TK_COMMA));
        if (!px_tok_expect(p, TK_RPAR)) { px_vec_drop(&items); return NULL; }
    } else {
        do {
            Node *it = parse_with_item(p);
            if (!it) { px_vec_drop(&items); return NULL; }
            px_vec_push(&items, it);
        } while (px_tok_accept(p, TK_COMMA));
    }
    if (!expect_colon(p, false)) { px_vec_drop(&items); return NULL; }
    NodeList body = px_parse_block(p, "'with' statement", kw);
    if (p->error) { px_vec_drop(&items); return NULL; }
    Node *n = px_node_new(p, N_With, start->lineno, start->col, start->lineno, start->col);
    n->v.with.items = px_vec_finish(p, &items);
    n->v.with.body = body;
    n->v.with.is_async = is_async;
    end_at_last(n, &body);
    return n;
}

static Node *parse_try(Parser *p)
{
    Token *kw = px_tok_next(p);
    CHECK(expect_colon(p, true));
    NodeList body = px_parse_block(p, "'try' statement", kw);
    if (p->error) return NULL;
    Node *n = px_node_new(p, N_Try, kw->lineno, kw->col, kw->lineno, kw->col);
    n->v.tryst.body = body;
    end_at_last(n, &body);
    Vec handlers;
    px_vec_init(&handlers);
    int star = -1;
    while (tok_at(p, TK_KW_except)) {
        Token *ek = px_tok_next(p);
        bool is_star = px_tok_accept(p, TK_STAR);
        if (star >= 0 && star != is_star) {
            px_vec_drop(&handlers);
            return px_err_at_tok(p, ek, "cannot have both 'except' and 'except*' on the same 'try'");
        }
        star = is_star;
        Node *type = NULL;
        const char *name = NULL;
        if (!tok_at(p, TK_COLON)) {
            type = px_parse_expression(p);
            if (!type) { px_vec_drop(&handlers); return NULL; }
            if (tok_at(p, TK_COMMA)) {
                Node *first = type;
                px_tok_next(p);
                Node *rest = px_parse_star_expressions(p);
                if (!rest) { px_vec_drop(&handlers); return NULL; }
                px_vec_drop(&handlers);
                /* CPython's range runs to the last token it read: an `as NAME` included */
                if (px_tok_accept(p, TK_KW_as)) px_tok_accept(p, TK_NAME);
                Token *last = tok_prev(p);
                return px_err_range(p, first->lineno, first->col_offset, last->end_lineno, last->end_col,
                                 "multiple exception types must be parenthesized");
            }
            if (px_tok_accept(p, TK_KW_as)) {
                Token *nt = tok_cur(p);
                if (nt->type != TK_NAME) { px_vec_drop(&handlers); return px_err_generic(p); }
                px_tok_next(p);
                name = px_tok_str(p, nt);
            }
        } else if (is_star) {
            px_vec_drop(&handlers);
            return px_err_at_tok(p, tok_cur(p), "expected one or more exception types");
        }
        if (!expect_colon(p, false)) { px_vec_drop(&handlers); return NULL; }
        NodeList hbody = px_parse_block(p, is_star ? "'except*' statement" : "'except' statement", ek);
        if (p->error) { px_vec_drop(&handlers); return NULL; }
        Node *h = px_node_new(p, N_ExceptHandler, ek->lineno, ek->col, ek->lineno, ek->col);
        h->v.handler.type = type;
        h->v.handler.name = name;
        h->v.handler.body = hbody;
        end_at_last(h, &hbody);
        px_vec_push(&handlers, h);
        n->end_lineno = h->end_lineno;
        n->end_col_offset = h->end_col_offset;
    }
    if (star == 1) n->kind = N_TryStar;
    n->v.tryst.handlers = px_vec_finish(p, &handlers);
    if (n->v.tryst.handlers.n && !parse_else(p, n, &n->v.tryst.orelse)) return NULL;
    if (tok_at(p, TK_KW_finally)) {
        Token *fk = px_tok_next(p);
        CHECK(expect_colon(p, true));
        n->v.tryst.finalbody = px_parse_block(p, "'finally' statement", fk);
        if (p->error) return NULL;
        end_at_last(n, &n->v.tryst.finalbody);
    }
    if (!n->v.tryst.handlers.n && !n->v.tryst.finalbody.n)
        return px_err_at_tok(p, tok_cur(p), "expected 'except' or 'finally' block");
    return n;
}

static Node *parse_funcdef(Parser *p, Token *start, bool is_async, NodeList decorators)
{
    Token *kw = px_tok_next(p);
    Token *name = tok_cur(p);
    if (name->type != TK_NAME) return px_err_generic(p);
    px_tok_next(p);
    if (!tok_at(p, TK_LPAR)) return px_err_at_tok(p, tok_cur(p), "expected '('");
    px_tok_next(p);
    Arguments *args = px_parse_params(p, false);
    CHECK(args);
    CHECK(px_tok_expect(p, TK_RPAR));
    Node *returns = NULL;
    if (px_tok_accept(p, TK_RARROW)) {
        returns = px_parse_expression(p);
        CHECK(returns);
    }
    CHECK(expect_colon(p, true));
    NodeList body = px_parse_block(p, "function definition", kw);
    if (p->error) return NULL;
    Node *n = px_node_new(p, N_FunctionDef, start->lineno, start->col, start->lineno, start->col);
    n->v.funcdef.name = px_tok_str(p, name);
    n->v.funcdef.args = args;
    n->v.funcdef.body = body;
    n->v.funcdef.decorators = decorators;
    n->v.funcdef.returns = returns;
    n->v.funcdef.is_async = is_async;
    end_at_last(n, &body);
    return n;
}

static Node *parse_classdef(Parser *p, NodeList decorators)
{
    Token *kw = px_tok_next(p);
    Token *name = tok_cur(p);
    if (name->type != TK_NAME) return px_err_generic(p);
    px_tok_next(p);
    Node tmp;
    memset(&tmp, 0, sizeof tmp);
    if (tok_at(p, TK_LPAR)) {
        Token *lpar = px_tok_next(p);
        px_parse_call_args(p, &tmp, lpar, true);
        if (p->error) return NULL;
    }
    CHECK(expect_colon(p, false));
    NodeList body = px_parse_block(p, "class definition", kw);
    if (p->error) return NULL;
    Node *n = px_node_new(p, N_ClassDef, kw->lineno, kw->col, kw->lineno, kw->col);
    n->v.classdef.name = px_tok_str(p, name);
    n->v.classdef.bases = tmp.v.call.args;
    n->v.classdef.keywords = tmp.v.call.keywords;
    n->v.classdef.body = body;
    n->v.classdef.decorators = decorators;
    end_at_last(n, &body);
    return n;
}

static Node *parse_decorated(Parser *p)
{
    Vec decs;
    px_vec_init(&decs);
    while (px_tok_accept(p, TK_AT)) {
        Node *d = px_parse_named_expression(p);
        if (!d || !px_tok_expect(p, TK_NEWLINE)) { px_vec_drop(&decs); return NULL; }
        px_vec_push(&decs, d);
    }
    NodeList dl = px_vec_finish(p, &decs);
    Token *t = tok_cur(p);
    if (t->type == TK_KW_def) return parse_funcdef(p, t, false, dl);
    if (t->type == TK_KW_async && tok_peek(p, 1) == TK_KW_def) {
        px_tok_next(p);
        return parse_funcdef(p, t, true, dl);
    }
    if (t->type == TK_KW_class) return parse_classdef(p, dl);
    return px_err_generic(p);
}

/* One statement (a compound statement, or a line of simple statements) appended to out. */
static bool parse_statement(Parser *p, Vec *out)
{
    Token *t = tok_cur(p);
    Node *n = NULL;
    NodeList none = {NULL, 0};
    switch (t->type) {
    case TK_KW_if: n = parse_if(p); break;
    case TK_KW_while: n = parse_while(p); break;
    case TK_KW_for: n = parse_for(p, t, false); break;
    case TK_KW_try: n = parse_try(p); break;
    case TK_KW_with: n = parse_with(p, t, false); break;
    case TK_KW_def: n = parse_funcdef(p, t, false, none); break;
    case TK_KW_class: n = parse_classdef(p, none); break;
    case TK_AT: n = parse_decorated(p); break;
    case TK_KW_async: {
        int nx = tok_peek(p, 1);
        if (nx == TK_KW_def || nx == TK_KW_for || nx == TK_KW_with) {
            px_tok_next(p);
            n = nx == TK_KW_def ? parse_funcdef(p, t, true, none)
              : nx == TK_KW_for ? parse_for(p, t, true) : parse_with(p, t, true);
            break;
        }
        px_err_generic(p);
        return false;
    }
    default:
        return parse_simple_stmts(p, out);
    }
    if (!n) return false;
    px_vec_push(out, n);
    return true;
}

/* ---- entry point ---- */

/* Tokenizer errors found further in the file win over parser errors, as in CPython's
 * _PyPegen_tokenize_full_source_to_check_for_errors. */
static void prefer_tokenizer_error(Parser *p, bool from_tokenizer)
{
    TokError *e = &p->tokerr;
    if (!p->error || from_tokenizer || e->kind == TE_NONE) return;
    int furthest = p->probe_max > p->maxpos ? p->probe_max : p->maxpos;
    if (p->toks[furthest].type == TK_ERRORTOKEN) {
        /* CPython stops as soon as it fetches the bad token (in either pass) */
        p->error = false;
        px_err_tokenizer(p);
        return;
    }
    if (p->final) return;
    int err_line = p->toks[furthest].lineno;
    if (e->kind == TE_RAISED || (e->kind == TE_EOF && e->paren && e->paren_lineno < err_line)) {
        p->error = false;
        px_err_tokenizer(p);
    }
}

static bool source_ends_with_blank_line(const char *src)
{
    size_t n = strlen(src);
    if (n && src[n - 1] == '\n') n--;
    size_t i = n;
    while (i > 0 && src[i - 1] != '\n') i--;
    for (size_t k = i; k < n; k++)
        if (src[k] != ' ' && src[k] != '\t' && src[k] != '\f' && src[k] != '\r') return false;
    return true;
}

/* The encoding named by a PEP 263 cookie on line 1 or 2 is Latin-1? */
static bool latin1_cookie(const char *src)
{
    const char *line = src;
    for (int i = 0; i < 2 && *line; i++) {
        const char *e = strchr(line, '\n');
        size_t n = e ? (size_t)(e - line) : strlen(line);
        const char *q = line;
        while (q < line + n && (*q == ' ' || *q == '\t' || *q == '\f')) q++;
        if (q < line + n && *q == '#') {
            for (const char *c = q; c + 7 < line + n; c++) {
                if (memcmp(c, "coding", 6) == 0 && (c[6] == ':' || c[6] == '=')) {
                    c += 7;
                    while (*c == ' ' || *c == '\t') c++;
                    char name[32];
                    size_t k = 0;
                    while (k < sizeof name - 1 && (c[k] == '-' || c[k] == '_' || c[k] == '.' ||
                                                   (c[k] >= '0' && c[k] <= '9') ||
                                                   ((c[k] | 0x20) >= 'a' && (c[k] | 0x20) <= 'z'))) {
                        name[k] = (char)(c[k] == '_' ? '-' : (c[k] | 0x20));
                        if (c[k] >= '0' && c[k] <= '9') name[k] = c[k];
                        k++;
                    }
                    name[k] = '\0';
                    return strcmp(name, "latin-1") == 0 || strcmp(name, "iso-8859-1") == 0 ||
                           strcmp(name, "latin1") == 0 || strcmp(name, "iso8859-1") == 0 ||
                           strncmp(name, "latin-1-", 8) == 0 || strncmp(name, "iso-8859-1-", 11) == 0;
                }
            }
        } else if (q < line + n) {
            break;   /* the cookie must be on a comment-only line */
        }
        if (!e) break;
        line = e + 1;
    }
    return false;
}

/* Offset of the first byte that is not valid UTF-8, or -1. */
static long invalid_utf8(const char *src)
{
    const unsigned char *s = (const unsigned char *)src;
    for (long i = 0; s[i];) {
        unsigned char c = s[i];
        if (c < 0x80) { i++; continue; }
        int n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (!n || (n == 2 && c < 0xC2) || (n == 4 && c > 0xF4)) return i;
        for (int k = 1; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80) return i;
        if (n == 3 && ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0))) return i;
        if (n == 4 && ((c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90))) return i;
        i += n;
    }
    return -1;
}

Node *parse_source(Arena *arena, const char *source, const char *filename, ParseMode mode,
                   SyntaxErrorInfo *err)
{
    memset(err, 0, sizeof *err);
    /* Source encoding: UTF-8, or Latin-1 when a coding cookie says so (re-encoded here). */
    long bad = invalid_utf8(source);
    if (bad >= 0 && latin1_cookie(source)) {
        size_t n = strlen(source);
        char *copy = arena_alloc(arena, 2 * n + 1);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)source[i];
            if (c < 0x80) copy[k++] = (char)c;
            else { copy[k++] = (char)(0xC0 | (c >> 6)); copy[k++] = (char)(0x80 | (c & 0x3F)); }
        }
        copy[k] = '\0';
        source = copy;
    } else if (bad >= 0) {
        int line = 1;
        for (long i = 0; i < bad; i++) if (source[i] == '\n') line++;
        snprintf(err->msg, sizeof err->msg,
                 "Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no encoding "
                 "declared; see https://peps.python.org/pep-0263/ for details",
                 (unsigned char)source[bad], filename ? filename : "<string>", line);
        return NULL;
    }
    /* Universal newlines: "\r\n" and "\r" become "\n" (positions and string contents). */
    if (strchr(source, '\r')) {
        size_t n = strlen(source);
        char *copy = arena_alloc(arena, n + 2);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (source[i] == '\r') {
                copy[k++] = '\n';
                if (source[i + 1] == '\n') i++;
            } else copy[k++] = source[i];
        }
        copy[k] = '\0';
        source = copy;
    }
    Parser P, *p = &P;
    memset(p, 0, sizeof *p);
    p->arena = arena;
    p->err = err;
    p->mode = mode;
    p->src = source;
    px_tokenize(source, strlen(source), &p->ta, &p->tokerr, false, 1, 0);
    p->toks = p->ta.toks;
    p->ntok = p->ta.n;

    Node *result = NULL;
    Vec body;
    px_vec_init(&body);
    if (mode == PARSE_EVAL) {
        /* CPython adds the missing final newline only for exec input: drop ours */
        size_t srclen = strlen(source);
        for (int i = p->ntok - 1; i >= 0 && (p->toks[i].type == TK_DEDENT || p->toks[i].type == TK_ENDMARKER ||
                                            p->toks[i].type == TK_NEWLINE); i--) {
            if (p->toks[i].type == TK_NEWLINE && p->toks[i].start == source + srclen) {
                memmove(&p->toks[i], &p->toks[i + 1], sizeof(Token) * (size_t)(p->ntok - i - 1));
                p->ntok--;
                break;
            }
        }
        while (tok_at(p, TK_NEWLINE) || tok_at(p, TK_INDENT)) p->pos++;
        Node *e = px_parse_star_expressions(p);
        /* eval input is `expressions`: no top-level starred items */
        if (e && e->kind == N_Starred) e = px_err_range(p, e->lineno, e->col_offset, e->lineno, e->col_offset + 1, "invalid syntax");
        if (e && e->kind == N_Tuple)
            for (size_t i = 0; i < e->v.seq.elts.n; i++) {
                Node *s = e->v.seq.elts.items[i];
                if (s->kind == N_Starred) { e = px_err_range(p, s->lineno, s->col_offset, s->lineno, s->col_offset + 1, "invalid syntax"); break; }
            }
        if (e) {
            while (tok_at(p, TK_NEWLINE) || tok_at(p, TK_DEDENT)) p->pos++;
            if (!tok_at(p, TK_ENDMARKER)) px_err_generic(p);
            else {
                result = px_node_new(p, N_Expression, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset);
                result->v.expression.body = e;
            }
        }
    } else if (mode == PARSE_SINGLE) {
        bool compound = false;
        if (tok_at(p, TK_ENDMARKER) || tok_at(p, TK_NEWLINE)) {
            if (source[strspn(source, " \t\f\n")] == '\0') {
                px_err_generic(p);   /* CPython compiles no empty 'single' input */
            } else if (!source_ends_with_blank_line(source)) {
                compound = true;     /* only comments: CPython's REPL asks for more */
            }
        } else {
            int t = tok_type(p);
            compound = t == TK_KW_if || t == TK_KW_while || t == TK_KW_for || t == TK_KW_try ||
                       t == TK_KW_with || t == TK_KW_def || t == TK_KW_class || t == TK_AT ||
                       t == TK_KW_async;
            if (parse_statement(p, &body)) {
                while (tok_at(p, TK_NEWLINE) || tok_at(p, TK_DEDENT)) p->pos++;
                if (!tok_at(p, TK_ENDMARKER))
                    px_err_at_tok(p, &p->toks[p->pos - 1], "multiple statements found while compiling a single statement");
            }
        }
        if (!p->error) {
            if (compound && !source_ends_with_blank_line(source)) {
                err->incomplete = true;
                snprintf(err->msg, sizeof err->msg, "incomplete input");
                p->error = true;
            } else {
                result = px_node_new(p, N_Interactive, 1, 0, 1, 0);
                result->v.module.body = px_vec_finish(p, &body);
            }
        }
    } else {
        while (!tok_at(p, TK_ENDMARKER)) {
            if (tok_at(p, TK_ERRORTOKEN)) { px_err_tokenizer(p); break; }
            if (!parse_statement(p, &body)) break;
        }
        if (!p->error) {
            result = px_node_new(p, N_Module, 1, 0, 1, 0);
            result->v.module.body = px_vec_finish(p, &body);
        }
    }
    px_vec_drop(&body);
    if (p->error) {
        bool from_tok = p->toks[p->maxpos].type == TK_ERRORTOKEN && !p->special;
        if (strcmp(err->msg, p->tokerr.msg) == 0 && p->tokerr.kind != TE_NONE) from_tok = true;
        prefer_tokenizer_error(p, from_tok);
        if (p->tokerr.incomplete && (p->toks[p->maxpos].type == TK_ERRORTOKEN)) err->incomplete = true;
        else if (mode == PARSE_SINGLE) {
            /* An error only because the input stopped: the REPL asks for more lines, until
             * an empty line ends the statement. */
            int i = p->maxpos;
            while (i < p->ntok && p->toks[i].type == TK_DEDENT) i++;
            err->incomplete = i < p->ntok && p->toks[i].type == TK_ENDMARKER && !p->toks[i].start &&
                              !source_ends_with_blank_line(source);
        } else if (!p->tokerr.incomplete) {
            err->incomplete = false;
        }
        result = NULL;
    }
    px_token_array_free(&p->ta);
    return result;
}

void syntax_error_info_free(SyntaxErrorInfo *err)
{
    if (!err) return;
    free(err->text);
    err->text = NULL;
}
