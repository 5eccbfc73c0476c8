/* parser_expr.c: recursive descent over Python 3.11's expression grammar (precedence climbing
 * from lambda/if-else down to atoms), calls, subscripts, displays, comprehensions, parameters. */
#include <stdlib.h>
#include <string.h>

#include "object.h"   /* NB_* operator numbering only */
#include "parser.h"

static Node *parse_atom(Parser *p);
static Node *named_expression(Parser *p, bool hint);
static Node *parse_factor_inner(Parser *p);
static Node *parse_inversion_inner(Parser *p);
static Node *parse_expression_inner(Parser *p);

/* Recursion guard: absurdly nested input must not overflow the C stack (CPython fails with
 * MemoryError there; we report a SyntaxError). */
#define MAX_DEPTH 1500
/* Left-recursive chains (a.b.c..., 1+1+...) build trees as deep as they are long; CPython's
 * compiler gives up near 3000 levels, so do we (the code generator recurses over the tree). */
#define MAX_CHAIN 2900
static Node *guarded(Parser *p, Node *(*fn)(Parser *))
{
    if (++p->depth > MAX_DEPTH) {
        p->depth--;
        return px_err_at_tok(p, tok_cur(p), "too many nested expressions (source too complex to parse)");
    }
    Node *r = fn(p);
    p->depth--;
    return r;
}

static Node *parse_factor(Parser *p) { return guarded(p, parse_factor_inner); }
static Node *parse_inversion(Parser *p) { return guarded(p, parse_inversion_inner); }
Node *px_parse_expression(Parser *p) { return guarded(p, parse_expression_inner); }
static Node *parse_factor(Parser *p);

#define CHECK(x) do { if (!(x)) return NULL; } while (0)

static Node *mk_name(Parser *p, const Token *t, ExprContext ctx)
{
    Node *n = px_node_new(p, N_Name, t->lineno, t->col, t->end_lineno, t->end_col);
    n->v.name.id = px_tok_str(p, t);
    n->v.name.ctx = ctx;
    return n;
}

/* ---- error probes: CPython's second-pass "invalid_*" rules ---- */

/* Try to parse with `fn` from the current token without consuming anything or keeping an
 * error. Returns the parsed node (positions are what we need) or NULL. */
static Node *probe_full(Parser *p, Node *(*fn)(Parser *), int *next, bool nested_checks)
{
    int pos = p->pos, maxpos = p->maxpos;
    bool in_probe = p->in_probe;
    p->in_probe = !nested_checks;   /* false: like CPython's expression_without_invalid */
    Node *r = fn(p);
    p->in_probe = in_probe;
    if (next) *next = p->toks[p->pos].type;   /* the token after the parsed text */
    /* CPython's second pass reads this far too: remembered for prefer_tokenizer_error() */
    if (p->maxpos > p->probe_max) p->probe_max = p->maxpos;
    if (p->error) {
        p->error = false;
        p->special = false;
        free(p->err->text);
        p->err->text = NULL;
        p->err->incomplete = false;
        r = NULL;
    }
    p->pos = pos;
    p->maxpos = maxpos;
    return r;
}

static Node *probe_next(Parser *p, Node *(*fn)(Parser *), int *next)
{
    return probe_full(p, fn, next, false);
}

static Node *probe(Parser *p, Node *(*fn)(Parser *))
{
    return probe_full(p, fn, NULL, false);
}

/* CPython 3.11 compares soft keywords by prefix (strncmp with the token's length), so any
 * prefix of "match", "case" or "_" counts: "m", "ca"... Mimicked for identical messages. */
static bool is_soft_keyword(const Token *t)
{
    return t->type == TK_NAME && ((t->len <= 5 && memcmp(t->start, "match", (size_t)t->len) == 0) ||
                                  (t->len <= 4 && memcmp(t->start, "case", (size_t)t->len) == 0) ||
                                  (t->len == 1 && t->start[0] == '_'));
}

void px_check_juxtaposed(Parser *p, Node *a, int start)
{
    if (p->in_probe) return;
    int t = tok_type(p);
    if (!(px_can_start_expr(t) && t != TK_STAR && t != TK_MINUS && t != TK_PLUS && t != TK_LPAR &&
          t != TK_LSQB))
        return;
    if (a->kind == N_Name && p->toks[start + 1].type != TK_LPAR) {
        /* CPython's invalid_legacy_expression parses what follows any such NAME (which
         * matters for how far it reads), then only complains about print and exec */
        Node *b = probe_full(p, px_parse_star_expressions, NULL, true);
        if (b && (strcmp(a->v.name.id, "print") == 0 || strcmp(a->v.name.id, "exec") == 0)) {
            px_err_range(p, a->lineno, a->col_offset, b->end_lineno, b->end_col_offset,
                      "Missing parentheses in call to '%s'. Did you mean %s(...)?", a->v.name.id,
                      a->v.name.id);
            return;
        }
    }
    if (is_soft_keyword(&p->toks[start])) return;
    if (p->toks[start].type == TK_NAME && p->toks[start + 1].type == TK_STRING) return;
    Node *b = probe(p, px_parse_expression);
    if (p->toks[p->pos - 1].level == 0) return;   /* CPython reads b anyway, then gives up */
    if (b)
        px_err_range(p, a->lineno, a->col_offset, b->end_lineno, b->end_col_offset,
                  "invalid syntax. Perhaps you forgot a comma?");
}

/* ---- atoms ---- */

static Node *parse_number(Parser *p)
{
    Token *t = px_tok_next(p);
    Node *n = px_node_new(p, N_Constant, t->lineno, t->col, t->end_lineno, t->end_col);
    char *s = arena_alloc(p->arena, (size_t)t->len + 1);
    int k = 0;
    bool flt = false, hex = t->len > 1 && t->start[0] == '0' && (t->start[1] | 0x20) == 'x';
    for (int i = 0; i < t->len; i++) {
        char c = t->start[i];
        if (c == '_') continue;
        if (!hex && (c == '.' || c == 'e' || c == 'E')) flt = true;
        s[k++] = c;
    }
    s[k] = '\0';
    if (k > 0 && (s[k - 1] | 0x20) == 'j') {
        s[k - 1] = '\0';
        n->v.constant.kind = CONST_IMAG;
        n->v.constant.f = strtod(s, NULL);
    } else if (flt) {
        n->v.constant.kind = CONST_FLOAT;
        n->v.constant.f = strtod(s, NULL);
    } else {
        n->v.constant.kind = CONST_INT;
        n->v.constant.str = s;
        n->v.constant.len = (size_t)k;
    }
    return n;
}

static NodeList parse_comp_fors(Parser *p);

/* Parenthesized forms: (), (yield), (expr), (a, b), (x for x in y). */
static Node *parse_paren(Parser *p)
{
    Token *lpar = px_tok_next(p);
    if (px_tok_accept(p, TK_RPAR)) {
        Node *n = px_node_at(p, N_Tuple, lpar);
        return n;
    }
    if (tok_at(p, TK_KW_yield)) {
        Node *y = px_parse_yield_expr(p);
        CHECK(y);
        CHECK(px_tok_expect(p, TK_RPAR));
        return y;
    }
    Node *first;
    int start = p->pos;
    if (tok_at(p, TK_STAR)) {
        Token *st = px_tok_next(p);
        Node *v = px_parse_bitwise_or(p);
        CHECK(v);
        first = px_node_from(p, N_Starred, v);
        first->lineno = st->lineno;
        first->col_offset = st->col;
        first->v.starred.value = v;
    } else {
        first = px_parse_named_expression(p);
        CHECK(first);
    }
    if (tok_at(p, TK_KW_for) || (tok_at(p, TK_KW_async) && tok_peek(p, 1) == TK_KW_for)) {
        if (first->kind == N_Starred) return px_err_at_node(p, first, "iterable unpacking cannot be used in comprehension");
        NodeList gens = parse_comp_fors(p);
        if (p->error) return NULL;
        CHECK(px_tok_expect(p, TK_RPAR));
        Node *n = px_node_at(p, N_GeneratorExp, lpar);
        n->v.comp.elt = first;
        n->v.comp.generators = gens;
        return n;
    }
    if (tok_at(p, TK_RPAR)) {
        px_tok_next(p);
        if (first->kind == N_Starred) return px_err_at_node(p, first, "cannot use starred expression here");
        return first;
    }
    if (!tok_at(p, TK_COMMA)) {
        px_check_juxtaposed(p, first, start);
        return px_err_generic(p);
    }
    Vec v;
    px_vec_init(&v);
    px_vec_push(&v, first);
    while (px_tok_accept(p, TK_COMMA)) {
        if (tok_at(p, TK_RPAR)) break;
        Node *e;
        int s2 = p->pos;
        if (tok_at(p, TK_STAR)) {
            Token *st = px_tok_next(p);
            Node *val = px_parse_bitwise_or(p);
            if (!val) { px_vec_drop(&v); return NULL; }
            e = px_node_at(p, N_Starred, st);
            e->v.starred.value = val;
        } else {
            e = px_parse_named_expression(p);
            if (!e) { px_vec_drop(&v); return NULL; }
        }
        px_vec_push(&v, e);
        if (!tok_at(p, TK_COMMA) && !tok_at(p, TK_RPAR)) px_check_juxtaposed(p, e, s2);
    }
    if (!px_tok_expect(p, TK_RPAR)) { px_vec_drop(&v); return NULL; }
    Node *n = px_node_at(p, N_Tuple, lpar);
    n->v.seq.elts = px_vec_finish(p, &v);
    return n;
}

/* Elements of a list/set display after the first, up to `close`. */
static bool parse_display_items(Parser *p, Vec *v, int close)
{
    while (px_tok_accept(p, TK_COMMA)) {
        if (tok_at(p, close)) break;
        Node *e;
        int s2 = p->pos;
        if (tok_at(p, TK_STAR)) {
            Token *st = px_tok_next(p);
            Node *val = px_parse_bitwise_or(p);
            if (!val) return false;
            e = px_node_at(p, N_Starred, st);
            e->v.starred.value = val;
        } else {
            e = px_parse_named_expression(p);
            if (!e) return false;
        }
        px_vec_push(v, e);
        if (!tok_at(p, TK_COMMA) && !tok_at(p, close)) px_check_juxtaposed(p, e, s2);
    }
    return px_tok_expect(p, close) != NULL;
}

static Node *parse_star_named(Parser *p)
{
    if (tok_at(p, TK_STAR)) {
        Token *st = px_tok_next(p);
        Node *val = px_parse_bitwise_or(p);
        CHECK(val);
        Node *e = px_node_at(p, N_Starred, st);
        e->v.starred.value = val;
        return e;
    }
    return px_parse_named_expression(p);
}

static Node *parse_list(Parser *p)
{
    Token *lsqb = px_tok_next(p);
    if (px_tok_accept(p, TK_RSQB)) return px_node_at(p, N_List, lsqb);
    int start = p->pos;
    Node *first = parse_star_named(p);
    CHECK(first);
    if (tok_at(p, TK_KW_for) || (tok_at(p, TK_KW_async) && tok_peek(p, 1) == TK_KW_for)) {
        if (first->kind == N_Starred) return px_err_at_node(p, first, "iterable unpacking cannot be used in comprehension");
        NodeList gens = parse_comp_fors(p);
        if (p->error) return NULL;
        CHECK(px_tok_expect(p, TK_RSQB));
        Node *n = px_node_at(p, N_ListComp, lsqb);
        n->v.comp.elt = first;
        n->v.comp.generators = gens;
        return n;
    }
    if (!tok_at(p, TK_COMMA) && !tok_at(p, TK_RSQB)) px_check_juxtaposed(p, first, start);
    Vec v;
    px_vec_init(&v);
    px_vec_push(&v, first);
    if (!parse_display_items(p, &v, TK_RSQB)) { px_vec_drop(&v); return NULL; }
    Node *n = px_node_at(p, N_List, lsqb);
    n->v.seq.elts = px_vec_finish(p, &v);
    return n;
}

static Node *parse_dict_or_set(Parser *p)
{
    Token *lb = px_tok_next(p);
    if (px_tok_accept(p, TK_RBRACE)) return px_node_at(p, N_Dict, lb);
    int start = p->pos;
    if (tok_at(p, TK_DOUBLESTAR) || tok_peek(p, 0) != TK_STAR) {
        Node *key = NULL, *val;
        if (px_tok_accept(p, TK_DOUBLESTAR)) {
            val = px_parse_bitwise_or(p);
            CHECK(val);
        } else {
            key = px_parse_named_expression(p);
            CHECK(key);
            if (!tok_at(p, TK_COLON)) goto set;
            if (key->kind == N_NamedExpr) return px_err_generic(p);
            px_tok_next(p);
            val = px_parse_expression(p);
            CHECK(val);
            if (tok_at(p, TK_KW_for) || (tok_at(p, TK_KW_async) && tok_peek(p, 1) == TK_KW_for)) {
                NodeList gens = parse_comp_fors(p);
                if (p->error) return NULL;
                CHECK(px_tok_expect(p, TK_RBRACE));
                Node *n = px_node_at(p, N_DictComp, lb);
                n->v.comp.elt = key;
                n->v.comp.value = val;
                n->v.comp.generators = gens;
                return n;
            }
        }
        Vec keys, vals;
        px_vec_init(&keys);
        px_vec_init(&vals);
        px_vec_push(&keys, key);
        px_vec_push(&vals, val);
        while (px_tok_accept(p, TK_COMMA)) {
            if (tok_at(p, TK_RBRACE)) break;
            if (px_tok_accept(p, TK_DOUBLESTAR)) {
                key = NULL;
                val = px_parse_bitwise_or(p);
            } else {
                key = px_parse_expression(p);
                if (key && !tok_at(p, TK_COLON)) {
                    if (tok_at(p, TK_COMMA) || tok_at(p, TK_RBRACE))
                        px_err_range(p, key->lineno, key->end_col_offset - 1, key->end_lineno, -1,
                                  "':' expected after dictionary key");
                    else
                        px_err_generic(p);
                    key = NULL;
                }
                val = key && px_tok_next(p) ? px_parse_expression(p) : NULL;
            }
            if (!val) { px_vec_drop(&keys); px_vec_drop(&vals); return NULL; }
            px_vec_push(&keys, key);
            px_vec_push(&vals, val);
        }
        if (!px_tok_expect(p, TK_RBRACE)) { px_vec_drop(&keys); px_vec_drop(&vals); return NULL; }
        Node *n = px_node_at(p, N_Dict, lb);
        n->v.dict.keys = px_vec_finish(p, &keys);
        n->v.dict.values = px_vec_finish(p, &vals);
        return n;
    set:;
        Node *first = key;
        if (tok_at(p, TK_KW_for) || (tok_at(p, TK_KW_async) && tok_peek(p, 1) == TK_KW_for)) {
            NodeList gens = parse_comp_fors(p);
            if (p->error) return NULL;
            CHECK(px_tok_expect(p, TK_RBRACE));
            Node *n = px_node_at(p, N_SetComp, lb);
            n->v.comp.elt = first;
            n->v.comp.generators = gens;
            return n;
        }
        if (!tok_at(p, TK_COMMA) && !tok_at(p, TK_RBRACE)) px_check_juxtaposed(p, first, start);
        Vec v;
        px_vec_init(&v);
        px_vec_push(&v, first);
        if (!parse_display_items(p, &v, TK_RBRACE)) { px_vec_drop(&v); return NULL; }
        Node *sn = px_node_at(p, N_Set, lb);
        sn->v.seq.elts = px_vec_finish(p, &v);
        return sn;
    }
    /* starts with '*': a set */
    Node *first = parse_star_named(p);
    CHECK(first);
    if (tok_at(p, TK_KW_for)) return px_err_at_node(p, first, "iterable unpacking cannot be used in comprehension");
    Vec v;
    px_vec_init(&v);
    px_vec_push(&v, first);
    if (!parse_display_items(p, &v, TK_RBRACE)) { px_vec_drop(&v); return NULL; }
    Node *n = px_node_at(p, N_Set, lb);
    n->v.seq.elts = px_vec_finish(p, &v);
    return n;
}

static Node *parse_atom(Parser *p)
{
    Token *t = tok_cur(p);
    Node *n;
    switch (t->type) {
    case TK_NAME:
        px_tok_next(p);
        return mk_name(p, t, CTX_LOAD);
    case TK_NUMBER:
        return parse_number(p);
    case TK_STRING:
        return px_parse_strings(p);
    case TK_KW_None: case TK_KW_True: case TK_KW_False: case TK_ELLIPSIS:
        px_tok_next(p);
        n = px_node_at(p, N_Constant, t);
        n->v.constant.kind = t->type == TK_KW_None ? CONST_NONE : t->type == TK_KW_True ? CONST_TRUE
                           : t->type == TK_KW_False ? CONST_FALSE : CONST_ELLIPSIS;
        return n;
    case TK_LPAR:
        return parse_paren(p);
    case TK_LSQB:
        return parse_list(p);
    case TK_LBRACE:
        return parse_dict_or_set(p);
    case TK_ERRORTOKEN:
        return px_err_tokenizer(p);
    default:
        return px_err_generic(p);
    }
}

/* ---- primaries: atom trailers ---- */

static Node *parse_slice_item(Parser *p)
{
    Token *st = tok_cur(p);
    if (tok_at(p, TK_STAR)) {
        px_tok_next(p);
        Node *v = px_parse_bitwise_or(p);
        CHECK(v);
        Node *n = px_node_at(p, N_Starred, st);
        n->v.starred.value = v;
        return n;
    }
    Node *lower = NULL;
    if (!tok_at(p, TK_COLON)) {
        lower = px_parse_named_expression(p);
        CHECK(lower);
        if (!tok_at(p, TK_COLON)) return lower;
        if (lower->kind == N_NamedExpr) return px_err_generic(p);
    }
    px_tok_next(p);   /* ':' */
    Node *upper = NULL, *step = NULL;
    if (!tok_at(p, TK_COLON) && !tok_at(p, TK_COMMA) && !tok_at(p, TK_RSQB)) {
        upper = px_parse_expression(p);
        CHECK(upper);
    }
    if (px_tok_accept(p, TK_COLON)) {
        if (!tok_at(p, TK_COMMA) && !tok_at(p, TK_RSQB)) {
            step = px_parse_expression(p);
            CHECK(step);
        }
    }
    Node *n = px_node_at(p, N_Slice, st);
    n->v.slice.lower = lower;
    n->v.slice.upper = upper;
    n->v.slice.step = step;
    return n;
}

static Node *parse_slices(Parser *p)
{
    Token *st0 = tok_cur(p);
    int start = p->pos;
    Node *first = parse_slice_item(p);
    CHECK(first);
    if (!tok_at(p, TK_COMMA) && first->kind != N_Starred) {
        if (!tok_at(p, TK_RSQB)) px_check_juxtaposed(p, first, start);
        return first;
    }
    Vec v;
    px_vec_init(&v);
    px_vec_push(&v, first);
    while (px_tok_accept(p, TK_COMMA)) {
        if (tok_at(p, TK_RSQB)) break;
        Node *e = parse_slice_item(p);
        if (!e) { px_vec_drop(&v); return NULL; }
        px_vec_push(&v, e);
    }
    Node *n = px_node_at(p, N_Tuple, st0);
    n->v.seq.elts = px_vec_finish(p, &v);
    return n;
}

void px_parse_call_args(Parser *p, Node *call, const Token *lpar, bool is_class)
{
    Vec args, kws;
    px_vec_init(&args);
    px_vec_init(&kws);
    bool seen_kw = false, seen_dstar = false;
    while (!tok_at(p, TK_RPAR)) {
        Token *st = tok_cur(p);
        if (px_tok_accept(p, TK_STAR)) {
            Node *v = px_parse_expression(p);
            if (!v) goto fail;
            Node *s = px_node_at(p, N_Starred, st);
            s->v.starred.value = v;
            if (seen_dstar) {
                px_err_at_tok(p, st, "iterable argument unpacking follows keyword argument unpacking");
                goto fail;
            }
            if (tok_at(p, TK_EQUAL)) { px_err_generic(p); goto fail; }
            px_vec_push(&args, s);
        } else if (px_tok_accept(p, TK_DOUBLESTAR)) {
            Node *v = px_parse_expression(p);
            if (!v) goto fail;
            Node *k = px_node_at(p, N_Keyword, st);
            k->v.keyword.value = v;
            seen_dstar = true;
            px_vec_push(&kws, k);
        } else if (st->type == TK_NAME && tok_peek(p, 1) == TK_EQUAL) {
            px_tok_next(p);
            Token *eq = px_tok_next(p);
            Node *v = px_parse_expression(p);
            if (!v) goto fail;
            if (tok_at(p, TK_KW_for)) {
                px_err_range(p, st->lineno, st->col, eq->end_lineno, eq->end_col,
                          "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
                goto fail;
            }
            Node *k = px_node_at(p, N_Keyword, st);
            k->v.keyword.arg = px_tok_str(p, st);
            k->v.keyword.value = v;
            seen_kw = true;
            px_vec_push(&kws, k);
        } else {
            int start = p->pos;
            Node *e = named_expression(p, false);
            if (!e) goto fail;
            if (tok_at(p, TK_KW_for) || (tok_at(p, TK_KW_async) && tok_peek(p, 1) == TK_KW_for)) {
                if (is_class) { px_err_generic(p); goto fail; }
                NodeList gens = parse_comp_fors(p);
                if (p->error) goto fail;
                Node *g = px_node_from(p, N_GeneratorExp, e);
                g->v.comp.elt = e;
                g->v.comp.generators = gens;
                if (args.n == 0 && kws.n == 0 && tok_at(p, TK_RPAR)) {
                    g->lineno = lpar->lineno;
                    g->col_offset = lpar->col;
                    Token *r = tok_cur(p);
                    g->end_lineno = r->end_lineno;
                    g->end_col_offset = r->end_col;
                } else if (tok_at(p, TK_RPAR) || tok_at(p, TK_COMMA)) {
                    px_err_at_node(p, g, "Generator expression must be parenthesized");
                    goto fail;
                }
                e = g;
            } else if (tok_at(p, TK_EQUAL) && e->kind == N_Constant && e->v.constant.kind <= CONST_FALSE &&
                       e->v.constant.kind != CONST_ELLIPSIS) {
                px_tok_next(p);
                Node *v = px_parse_expression(p);
                if (v) px_err_range(p, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset + 1,
                                 "cannot assign to %s", px_expr_name(e));
                goto fail;
            } else if (tok_at(p, TK_EQUAL)) {
                Token *eq = tok_cur(p);
                px_err_range(p, e->lineno, e->col_offset, eq->end_lineno, eq->end_col,
                          "expression cannot contain assignment, perhaps you meant \"==\"?");
                goto fail;
            }
            /* CPython reports these at the token after the argument. */
            if (seen_dstar) {
                px_err_at_tok(p, tok_cur(p), "positional argument follows keyword argument unpacking");
                goto fail;
            }
            if (seen_kw) {
                px_err_at_tok(p, tok_cur(p), "positional argument follows keyword argument");
                goto fail;
            }
            if (!tok_at(p, TK_COMMA) && !tok_at(p, TK_RPAR)) px_check_juxtaposed(p, e, start);
            px_vec_push(&args, e);
        }
        if (!px_tok_accept(p, TK_COMMA)) break;
    }
    if (!px_tok_expect(p, TK_RPAR)) goto fail;
    call->v.call.args = px_vec_finish(p, &args);
    call->v.call.keywords = px_vec_finish(p, &kws);
    return;
fail:
    px_vec_drop(&args);
    px_vec_drop(&kws);
}

Node *px_parse_primary(Parser *p)
{
    Token *st0 = tok_cur(p);
    Node *n = parse_atom(p);
    CHECK(n);
    for (int chain = 0;; chain++) {
        int t = tok_type(p);
        if (chain > MAX_CHAIN) return px_err_at_tok(p, tok_cur(p), "too many nested expressions (source too complex to parse)");
        if (t == TK_DOT) {
            px_tok_next(p);
            Token *name = tok_cur(p);
            if (name->type != TK_NAME) return px_err_generic(p);
            px_tok_next(p);
            Node *a = px_node_at(p, N_Attribute, st0);
            a->v.attribute.value = n;
            a->v.attribute.attr = px_tok_str(p, name);
            n = a;
        } else if (t == TK_LPAR) {
            Token *lpar = px_tok_next(p);
            Node *c = px_node_at(p, N_Call, st0);
            c->v.call.func = n;
            px_parse_call_args(p, c, lpar, false);
            if (p->error) return NULL;
            px_node_end(p, c);
            n = c;
        } else if (t == TK_LSQB) {
            px_tok_next(p);
            Node *s = parse_slices(p);
            CHECK(s);
            CHECK(px_tok_expect(p, TK_RSQB));
            Node *sub = px_node_at(p, N_Subscript, st0);
            sub->v.subscript.value = n;
            sub->v.subscript.slice = s;
            n = sub;
        } else {
            return n;
        }
    }
}

/* ---- operators ---- */

static Node *parse_power(Parser *p)
{
    Token *st0 = tok_cur(p);
    Node *base;
    if (tok_at(p, TK_KW_await)) {
        Token *t = px_tok_next(p);
        Node *v = px_parse_primary(p);
        CHECK(v);
        base = px_node_at(p, N_Await, t);
        base->v.ret.value = v;
    } else {
        base = px_parse_primary(p);
        CHECK(base);
    }
    if (px_tok_accept(p, TK_DOUBLESTAR)) {
        Node *r = parse_factor(p);
        CHECK(r);
        Node *n = px_node_at(p, N_BinOp, st0);
        n->v.binop.left = base;
        n->v.binop.op = NB_POWER;
        n->v.binop.right = r;
        return n;
    }
    return base;
}

static Node *parse_factor_inner(Parser *p)
{
    int t = tok_type(p);
    if (t == TK_PLUS || t == TK_MINUS || t == TK_TILDE) {
        Token *st = px_tok_next(p);
        Node *v = parse_factor(p);
        CHECK(v);
        Node *n = px_node_at(p, N_UnaryOp, st);
        n->v.unaryop.op = t == TK_PLUS ? UOP_UADD : t == TK_MINUS ? UOP_USUB : UOP_INVERT;
        n->v.unaryop.operand = v;
        return n;
    }
    return parse_power(p);
}

/* Binary operator levels, loosest first; each entry maps tokens to NB_* ops. */
typedef struct { int tok, op; } OpMap;
static const OpMap ops_or[] = {{TK_VBAR, NB_OR}, {0, 0}};
static const OpMap ops_xor[] = {{TK_CIRCUMFLEX, NB_XOR}, {0, 0}};
static const OpMap ops_and[] = {{TK_AMPER, NB_AND}, {0, 0}};
static const OpMap ops_shift[] = {{TK_LEFTSHIFT, NB_LSHIFT}, {TK_RIGHTSHIFT, NB_RSHIFT}, {0, 0}};
static const OpMap ops_sum[] = {{TK_PLUS, NB_ADD}, {TK_MINUS, NB_SUBTRACT}, {0, 0}};
static const OpMap ops_term[] = {{TK_STAR, NB_MULTIPLY}, {TK_SLASH, NB_TRUE_DIVIDE},
                                 {TK_DOUBLESLASH, NB_FLOOR_DIVIDE}, {TK_PERCENT, NB_REMAINDER},
                                 {TK_AT, NB_MATRIX_MULTIPLY}, {0, 0}};
static const OpMap *const levels[] = {ops_or, ops_xor, ops_and, ops_shift, ops_sum, ops_term};

static Node *parse_binary(Parser *p, int level)
{
    Token *st0 = tok_cur(p);
    if (level == 6) return parse_factor(p);
    Node *left = parse_binary(p, level + 1);
    CHECK(left);
    for (int chain = 0;; chain++) {
        if (chain > MAX_CHAIN) return px_err_at_tok(p, tok_cur(p), "too many nested expressions (source too complex to parse)");
        int t = tok_type(p), op = -1;
        for (const OpMap *m = levels[level]; m->tok; m++)
            if (m->tok == t) { op = m->op; break; }
        if (op < 0) return left;
        px_tok_next(p);
        Node *right = parse_binary(p, level + 1);
        CHECK(right);
        Node *n = px_node_at(p, N_BinOp, st0);
        n->v.binop.left = left;
        n->v.binop.op = op;
        n->v.binop.right = right;
        left = n;
    }
}

Node *px_parse_bitwise_or(Parser *p) { return parse_binary(p, 0); }

static int comp_op(Parser *p)
{
    switch (tok_type(p)) {
    case TK_LESS: return CMPOP_LT;
    case TK_LESSEQUAL: return CMPOP_LE;
    case TK_EQEQUAL: return CMPOP_EQ;
    case TK_NOTEQUAL: return CMPOP_NE;
    case TK_GREATER: return CMPOP_GT;
    case TK_GREATEREQUAL: return CMPOP_GE;
    case TK_KW_in: return CMPOP_IN;
    case TK_KW_is: return tok_peek(p, 1) == TK_KW_not ? CMPOP_IS_NOT : CMPOP_IS;
    case TK_KW_not: return tok_peek(p, 1) == TK_KW_in ? CMPOP_NOT_IN : -1;
    }
    return -1;
}

static Node *parse_comparison(Parser *p)
{
    Token *st0 = tok_cur(p);
    Node *left = px_parse_bitwise_or(p);
    CHECK(left);
    int op = comp_op(p);
    if (op < 0) return left;
    Vec comps;
    px_vec_init(&comps);
    int ops[64], nops = 0;
    int *opsp = ops, cap = 64;
    while (op >= 0) {
        px_tok_next(p);
        if (op == CMPOP_IS_NOT || op == CMPOP_NOT_IN) px_tok_next(p);
        Node *r = px_parse_bitwise_or(p);
        if (!r) { px_vec_drop(&comps); if (opsp != ops) free(opsp); return NULL; }
        if (nops == cap) {
            int *nb = malloc(sizeof(int) * (size_t)cap * 2);
            memcpy(nb, opsp, sizeof(int) * (size_t)nops);
            if (opsp != ops) free(opsp);
            opsp = nb;
            cap *= 2;
        }
        opsp[nops++] = op;
        px_vec_push(&comps, r);
        op = comp_op(p);
    }
    Node *n = px_node_at(p, N_Compare, st0);
    n->v.compare.left = left;
    n->v.compare.ops = arena_alloc(p->arena, sizeof(CmpOpKind) * (size_t)nops);
    for (int i = 0; i < nops; i++) n->v.compare.ops[i] = (CmpOpKind)opsp[i];
    if (opsp != ops) free(opsp);
    n->v.compare.comparators = px_vec_finish(p, &comps);
    return n;
}

static Node *parse_inversion_inner(Parser *p)
{
    if (tok_at(p, TK_KW_not)) {
        Token *t = px_tok_next(p);
        Node *v = parse_inversion(p);
        CHECK(v);
        Node *n = px_node_at(p, N_UnaryOp, t);
        n->v.unaryop.op = UOP_NOT;
        n->v.unaryop.operand = v;
        return n;
    }
    return parse_comparison(p);
}

static Node *parse_boolop(Parser *p, int kw)
{
    Token *st0 = tok_cur(p);
    Node *first = kw == TK_KW_or ? parse_boolop(p, TK_KW_and) : parse_inversion(p);
    CHECK(first);
    if (!tok_at(p, kw)) return first;
    Vec v;
    px_vec_init(&v);
    px_vec_push(&v, first);
    while (px_tok_accept(p, kw)) {
        Node *e = kw == TK_KW_or ? parse_boolop(p, TK_KW_and) : parse_inversion(p);
        if (!e) { px_vec_drop(&v); return NULL; }
        px_vec_push(&v, e);
    }
    Node *n = px_node_at(p, N_BoolOp, st0);
    n->v.boolop.op = kw == TK_KW_or ? BOOL_OR : BOOL_AND;
    n->v.boolop.values = px_vec_finish(p, &v);
    return n;
}

Node *px_parse_disjunction(Parser *p) { return parse_boolop(p, TK_KW_or); }

static Node *parse_lambda(Parser *p)
{
    Token *t = px_tok_next(p);
    Arguments *args = px_parse_params(p, true);
    CHECK(args);
    CHECK(px_tok_expect(p, TK_COLON));
    Node *body = px_parse_expression(p);
    CHECK(body);
    Node *n = px_node_at(p, N_Lambda, t);
    n->v.lambda.args = args;
    n->v.lambda.body = body;
    return n;
}

static Node *parse_expression_inner(Parser *p)
{
    Token *st0 = tok_cur(p);
    if (tok_at(p, TK_KW_lambda)) return parse_lambda(p);
    int start = p->pos;
    Node *body = px_parse_disjunction(p);
    CHECK(body);
    if (tok_at(p, TK_KW_if)) {
        px_tok_next(p);
        Node *test = px_parse_disjunction(p);
        CHECK(test);
        if (!tok_at(p, TK_KW_else)) {
            if (tok_at(p, TK_COLON)) return px_err_generic(p);
            return px_err_range(p, body->lineno, body->col_offset, test->end_lineno, test->end_col_offset,
                             "expected 'else' after 'if' expression");
        }
        px_tok_next(p);
        Node *orelse = px_parse_expression(p);
        CHECK(orelse);
        Node *n = px_node_at(p, N_IfExp, st0);
        n->v.ifexp.test = test;
        n->v.ifexp.body = body;
        n->v.ifexp.orelse = orelse;
        return n;
    }
    px_check_juxtaposed(p, body, start);
    if (p->error) return NULL;
    return body;
}

/* CPython's invalid_named_expression: `NAME = value` or `target = value` where a
 * named expression is expected (conditions, groups, displays, subscripts). */
static void named_expression_hint(Parser *p, Node *e)
{
    /* (peek without moving maxpos: CPython's first pass stopped at the '=') */
    if (p->in_probe || p->toks[p->pos + 1].type == TK_EQUAL) return;
    int pos = p->pos, after;
    p->pos++;
    Node *b = probe_next(p, px_parse_bitwise_or, &after);
    p->pos = pos;
    if (!b || after == TK_EQUAL || after == TK_COLONEQUAL) return;
    if (e->kind == N_Name && tok_prev(p)->type == TK_NAME)
        px_err_range(p, e->lineno, e->col_offset, b->end_lineno, b->end_col_offset,
                     "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    else if (px_is_bitwise_or_level(p, e))
        px_err_at_node(p, e, "cannot assign to %s here. Maybe you meant '==' instead of '='?", px_expr_name(e));
}

/* At ':=': CPython's rule needs "expression ':=' expression". */
static bool walrus_value_follows(Parser *p)
{
    int pos = p->pos;
    p->pos++;
    Node *v = probe(p, px_parse_expression);
    p->pos = pos;
    return v != NULL;
}

Node *px_parse_named_expression(Parser *p)
{
    return named_expression(p, true);
}

static Node *named_expression(Parser *p, bool hint)
{
    Token *t = tok_cur(p);
    if (t->type == TK_NAME && tok_peek(p, 1) == TK_COLONEQUAL) {
        px_tok_next(p);
        px_tok_next(p);
        Node *v = px_parse_expression(p);
        CHECK(v);
        Node *n = px_node_at(p, N_NamedExpr, t);
        n->v.namedexpr.target = mk_name(p, t, CTX_STORE);
        n->v.namedexpr.value = v;
        return n;
    }
    Node *e = px_parse_expression(p);
    CHECK(e);
    if (tok_at(p, TK_COLONEQUAL) && walrus_value_follows(p))
        return px_err_at_node(p, e, "cannot use assignment expressions with %s", px_expr_name(e));
    if (hint && tok_at(p, TK_EQUAL)) {
        named_expression_hint(p, e);
        if (p->error) return NULL;
    }
    return e;
}

static Node *parse_star_expression(Parser *p)
{
    if (tok_at(p, TK_STAR)) {
        Token *st = px_tok_next(p);
        Node *v = px_parse_bitwise_or(p);
        CHECK(v);
        Node *n = px_node_at(p, N_Starred, st);
        n->v.starred.value = v;
        return n;
    }
    return px_parse_expression(p);
}

/* One `item`, or a tuple of them when commas appear (a trailing comma is allowed): the shape
 * shared by star_expressions and star_targets. */
static Node *parse_comma_tuple(Parser *p, Node *(*item)(Parser *))
{
    Token *st0 = tok_cur(p);
    Node *first = item(p);
    CHECK(first);
    if (!tok_at(p, TK_COMMA)) return first;
    Vec v;
    px_vec_init(&v);
    px_vec_push(&v, first);
    while (px_tok_accept(p, TK_COMMA)) {
        if (!px_can_start_expr(tok_type(p))) break;
        Node *e = item(p);
        if (!e) { px_vec_drop(&v); return NULL; }
        px_vec_push(&v, e);
    }
    Node *n = px_node_at(p, N_Tuple, st0);
    n->v.seq.elts = px_vec_finish(p, &v);
    return n;
}

/* star_expressions: one expression, or a tuple when commas appear. */
Node *px_parse_star_expressions(Parser *p)
{
    return parse_comma_tuple(p, parse_star_expression);
}


Node *px_parse_yield_expr(Parser *p)
{
    Token *t = px_tok_next(p);
    if (px_tok_accept(p, TK_KW_from)) {
        Node *v = px_parse_expression(p);
        CHECK(v);
        Node *n = px_node_at(p, N_YieldFrom, t);
        n->v.ret.value = v;
        return n;
    }
    Node *v = NULL;
    if (px_can_start_expr(tok_type(p))) {
        v = px_parse_star_expressions(p);
        CHECK(v);
    }
    Node *n = px_node_at(p, N_Yield, t);
    n->v.ret.value = v;
    return n;
}

/* ---- targets and comprehensions ---- */

/* A for-target not followed by 'in': CPython parses it as star_expressions in its second
 * pass, so "for x y in z" gets the juxtaposition messages. */
void px_check_target_juxtaposed(Parser *p, Node *target)
{
    Node *last = target;
    if (target->kind == N_Tuple && target->v.seq.elts.n) last = target->v.seq.elts.items[target->v.seq.elts.n - 1];
    int i = p->pos;
    while (i > 0 && (p->toks[i].lineno > last->lineno ||
                     (p->toks[i].lineno == last->lineno && p->toks[i].col > last->col_offset)))
        i--;
    px_check_juxtaposed(p, last, i);
}

static Node *star_target_inner(Parser *p)
{
    if (tok_at(p, TK_STAR)) {
        Token *st = px_tok_next(p);
        Node *v = px_parse_star_target(p);
        CHECK(v);
        Node *n = px_node_at(p, N_Starred, st);
        n->v.starred.value = v;
        return n;
    }
    return px_parse_bitwise_or(p);
}

Node *px_parse_star_target(Parser *p)
{
    return guarded(p, star_target_inner);
}

Node *px_parse_star_targets(Parser *p)
{
    return parse_comma_tuple(p, px_parse_star_target);
}

static NodeList parse_comp_fors(Parser *p)
{
    Vec gens;
    px_vec_init(&gens);
    NodeList empty = {NULL, 0};
    while (tok_at(p, TK_KW_for) || (tok_at(p, TK_KW_async) && tok_peek(p, 1) == TK_KW_for)) {
        Token *st = tok_cur(p);
        bool is_async = px_tok_accept(p, TK_KW_async);
        px_tok_next(p);
        Node *target = px_parse_star_targets(p);
        if (target && !tok_at(p, TK_KW_in)) px_check_target_juxtaposed(p, target);
        if (!target || !px_set_target_ctx(p, target, CTX_STORE)) { px_vec_drop(&gens); return empty; }
        if (!px_tok_expect(p, TK_KW_in)) { px_vec_drop(&gens); return empty; }
        Node *iter = px_parse_disjunction(p);
        if (!iter) { px_vec_drop(&gens); return empty; }
        Vec ifs;
        px_vec_init(&ifs);
        while (px_tok_accept(p, TK_KW_if)) {
            Node *c = px_parse_disjunction(p);
            if (!c) { px_vec_drop(&ifs); px_vec_drop(&gens); return empty; }
            px_vec_push(&ifs, c);
        }
        Node *g = px_node_at(p, N_Comprehension, st);
        g->v.comprehension.target = target;
        g->v.comprehension.iter = iter;
        g->v.comprehension.ifs = px_vec_finish(p, &ifs);
        g->v.comprehension.is_async = is_async;
        px_vec_push(&gens, g);
    }
    return px_vec_finish(p, &gens);
}

/* ---- parameters ---- */

static Node *parse_param(Parser *p, bool lambda, bool star)
{
    Token *t = tok_cur(p);
    if (t->type != TK_NAME) return px_err_generic(p);
    px_tok_next(p);
    Node *a = px_node_at(p, N_Arg, t);
    a->v.arg.arg = px_tok_str(p, t);
    if (!lambda && px_tok_accept(p, TK_COLON)) {
        Node *ann;
        if (star && tok_at(p, TK_STAR)) {
            Token *st = px_tok_next(p);
            Node *v = px_parse_expression(p);
            CHECK(v);
            ann = px_node_at(p, N_Starred, st);
            ann->v.starred.value = v;
        } else {
            ann = px_parse_expression(p);
        }
        CHECK(ann);
        a->v.arg.annotation = ann;
        px_node_end(p, a);
    }
    return a;
}

Arguments *px_parse_params(Parser *p, bool lambda)
{
    int closer = lambda ? TK_COLON : TK_RPAR;
    Arguments *A = arena_alloc(p->arena, sizeof(Arguments));
    Vec pos, defs, kwo, kwd;
    px_vec_init(&pos); px_vec_init(&defs); px_vec_init(&kwo); px_vec_init(&kwd);
    int nposonly = 0;
    bool slash = false, star = false, seen_default = false;
    while (!tok_at(p, closer)) {
        Token *t = tok_cur(p);
        if (t->type == TK_LPAR) {
            /* '(' NAME (',' NAME)* [','] ')' gets its own message in CPython */
            int i = p->pos + 1;
            while (p->toks[i].type == TK_NAME && (p->toks[i + 1].type == TK_COMMA || p->toks[i + 1].type == TK_RPAR)) {
                i++;
                if (p->toks[i].type == TK_RPAR) break;
                i++;
                if (p->toks[i].type == TK_RPAR) break;
            }
            if (i > p->pos + 1 && p->toks[i].type == TK_RPAR) {
                Token *r = &p->toks[i];
                px_err_range(p, t->lineno, t->col, r->end_lineno, r->end_col,
                             lambda ? "Lambda expression parameters cannot be parenthesized"
                                    : "Function parameters cannot be parenthesized");
                goto fail;
            }
            px_err_generic(p);
            goto fail;
        }
        if (t->type == TK_SLASH) {
            if (star) { px_err_at_tok(p, t, "/ must be ahead of *"); goto fail; }
            if (slash) { px_err_at_tok(p, t, "/ may appear only once"); goto fail; }
            if (pos.n == 0) { px_err_generic(p); goto fail; }
            px_tok_next(p);
            slash = true;
            nposonly = (int)pos.n;
        } else if (t->type == TK_STAR) {
            if (star) { px_err_at_tok(p, t, "* argument may appear only once"); goto fail; }
            if (A->kwarg) { px_err_at_tok(p, t, "arguments cannot follow var-keyword argument"); goto fail; }
            px_tok_next(p);
            star = true;
            if (tok_at(p, TK_NAME)) {
                A->vararg = parse_param(p, lambda, true);
                if (!A->vararg) goto fail;
                if (tok_at(p, TK_EQUAL)) {
                    px_err_at_tok(p, tok_cur(p), "var-positional argument cannot have default value");
                    goto fail;
                }
            } else if (tok_at(p, closer) ||
                       (tok_at(p, TK_COMMA) && (tok_peek(p, 1) == closer || tok_peek(p, 1) == TK_DOUBLESTAR))) {
                /* def reports it at the '*', lambda at the furthest token read */
                px_err_at_tok(p, lambda ? &p->toks[p->maxpos] : t, "named arguments must follow bare *");
                goto fail;
            } else if (!tok_at(p, TK_COMMA)) {
                px_err_generic(p);
                goto fail;
            }
        } else if (t->type == TK_DOUBLESTAR) {
            px_tok_next(p);
            A->kwarg = parse_param(p, lambda, false);
            if (!A->kwarg) goto fail;
            if (tok_at(p, TK_EQUAL)) {
                px_err_at_tok(p, tok_cur(p), "var-keyword argument cannot have default value");
                goto fail;
            }
            if (px_tok_accept(p, TK_COMMA) && !tok_at(p, closer)) {
                px_err_at_tok(p, tok_cur(p), "arguments cannot follow var-keyword argument");
                goto fail;
            }
            break;
        } else if (t->type == TK_NAME) {
            Node *a = parse_param(p, lambda, false);
            if (!a) goto fail;
            Node *def = NULL;
            if (px_tok_accept(p, TK_EQUAL)) {
                def = px_parse_expression(p);
                if (!def) goto fail;
            }
            if (star) {
                px_vec_push(&kwo, a);
                px_vec_push(&kwd, def);
            } else {
                if (def) { px_vec_push(&defs, def); seen_default = true; }
                else if (seen_default) {
                    /* CPython's rule only matches a complete parameter (followed by ',' or the end) */
                    if (tok_at(p, TK_COMMA) || tok_at(p, closer))
                        px_err_at_node(p, a, "non-default argument follows default argument");
                    else
                        px_err_generic(p);
                    goto fail;
                }
                px_vec_push(&pos, a);
            }
        } else {
            px_err_generic(p);
            goto fail;
        }
        if (!px_tok_accept(p, TK_COMMA)) break;
    }
    if (!tok_at(p, closer)) { px_err_generic(p); goto fail; }
    {
        NodeList all = px_vec_finish(p, &pos);
        A->posonlyargs.items = all.items;
        A->posonlyargs.n = (size_t)nposonly;
        A->args.items = all.items ? all.items + nposonly : NULL;
        A->args.n = all.n - (size_t)nposonly;
        if (A->posonlyargs.n == 0) A->posonlyargs.items = NULL;
        A->defaults = px_vec_finish(p, &defs);
        A->kwonlyargs = px_vec_finish(p, &kwo);
        A->kw_defaults = px_vec_finish(p, &kwd);
    }
    return A;
fail:
    px_vec_drop(&pos); px_vec_drop(&defs); px_vec_drop(&kwo); px_vec_drop(&kwd);
    return NULL;
}
