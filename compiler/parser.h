/* parser.h: internal state and helpers shared by the parser's files (parser.c statements,
 * parser_expr.c expressions, parser_string.c literals and f-strings, parser_errors.c). */
/* Exported helpers carry the px_ ("parser-internal") prefix so they cannot collide with the
 * runtime's names inside the static library. */
#ifndef VITRINE_PARSER_H
#define VITRINE_PARSER_H

#include "ast.h"
#include "tokenizer.h"

typedef struct Parser {
    Arena *arena;
    TokenArray ta;
    Token *toks;
    int ntok;
    int pos;          /* current token */
    int maxpos;       /* furthest token looked at: generic errors are reported there */
    int probe_max;    /* furthest token looked at by error probes (CPython's second pass) */
    TokError tokerr;
    SyntaxErrorInfo *err;
    bool error;       /* an error is recorded: everything unwinds returning NULL */
    bool special;     /* the recorded error is a specific message (not "invalid syntax") */
    bool final;       /* the recorded error wins over tokenizer errors later in the file */
    ParseMode mode;
    const char *src;
    struct Parser *outer;   /* enclosing parser when parsing an f-string expression */
    int fdepth;             /* f-string nesting depth */
    int fcol0;              /* source column where the f-string expression starts */
    int depth;              /* expression nesting, to bound recursion */
    bool in_probe;          /* inside an error probe: no nested invalid_* checks */
} Parser;

/* A growable list of nodes, copied into the arena when done. */
typedef struct Vec {
    Node **items;
    size_t n, cap;
    Node *small[8];
} Vec;

void px_vec_init(Vec *v);
void px_vec_push(Vec *v, Node *n);
NodeList px_vec_finish(Parser *p, Vec *v);   /* also frees v's heap storage */
void px_vec_drop(Vec *v);

/* Tokens. */
static inline Token *tok_cur(Parser *p)
{
    if (p->pos > p->maxpos) p->maxpos = p->pos;
    return &p->toks[p->pos];
}
static inline int tok_type(Parser *p) { return tok_cur(p)->type; }
static inline bool tok_at(Parser *p, int type) { return tok_cur(p)->type == type; }
static inline int tok_peek(Parser *p, int k)
{
    int i = p->pos + k;
    if (i >= p->ntok) i = p->ntok - 1;
    if (i > p->maxpos) p->maxpos = i;
    return p->toks[i].type;
}
static inline Token *tok_prev(Parser *p) { return &p->toks[p->pos - 1]; }
Token *px_tok_next(Parser *p);                /* consume the current token */
bool px_tok_accept(Parser *p, int type);     /* consume it if it has this type */
Token *px_tok_expect(Parser *p, int type);   /* consume or raise "invalid syntax" */

/* Nodes. */
Node *px_node_new(Parser *p, NodeKind kind, int lineno, int col, int end_lineno, int end_col);
Node *px_node_at(Parser *p, NodeKind kind, const Token *start);   /* ends at the previous token */
Node *px_node_from(Parser *p, NodeKind kind, const Node *start);  /* ends at the previous token */
void px_node_end(Parser *p, Node *n);        /* set n's end to the previous token's end */
char *px_tok_str(Parser *p, const Token *t); /* arena copy of the token text */

/* Errors (parser_errors.c). All return NULL so callers can `return px_err_...(...)`. */
void *px_err_generic(Parser *p);             /* "invalid syntax" at the furthest token */
void *px_err_at_tok(Parser *p, const Token *t, const char *fmt, ...);
void *px_err_at_node(Parser *p, const Node *n, const char *fmt, ...);
void *px_err_range(Parser *p, int lineno, int col, int end_lineno, int end_col, const char *fmt, ...);
void *px_err_indent(Parser *p, const char *fmt, ...);   /* IndentationError at the current token */
void *px_err_tokenizer(Parser *p);           /* report the tokenizer's error */
const char *px_expr_name(const Node *n);     /* "function call", "literal"... as CPython */
/* Set ctx to Store/Del on a target; on an invalid target raise CPython's error and return false. */
bool px_set_target_ctx(Parser *p, Node *n, ExprContext ctx);
const Node *px_invalid_target(const Node *n, ExprContext ctx);
bool px_can_start_expr(int type);
/* Is `n` something CPython's bitwise_or rule would have produced (so that its
 * invalid_named_expression rule, with "here. Maybe you meant '=='", applies)? (parser.c) */
bool px_is_bitwise_or_level(Parser *p, const Node *n);

/* Expressions (parser_expr.c). */
Node *px_parse_expression(Parser *p);        /* expression (incl. lambda, if-else) */
Node *px_parse_named_expression(Parser *p);  /* NAME := expr | expression */
Node *px_parse_star_expressions(Parser *p);  /* a, *b, c -> Tuple */
Node *px_parse_bitwise_or(Parser *p);
Node *px_parse_disjunction(Parser *p);
Node *px_parse_yield_expr(Parser *p);
Node *px_parse_star_targets(Parser *p);      /* for/comprehension targets: stops before 'in' */
Node *px_parse_primary(Parser *p);
Node *px_parse_star_target(Parser *p);       /* one target: '*'? bitwise_or */
/* After a complete expression `a` starting at token index `start`, another expression
 * follows: "Missing parentheses in call to 'print'" or "Perhaps you forgot a comma?". */
void px_check_juxtaposed(Parser *p, Node *a, int start);
void px_check_target_juxtaposed(Parser *p, Node *target);   /* for-target without 'in' */
Arguments *px_parse_params(Parser *p, bool lambda);   /* up to ')' or ':' */
void px_parse_call_args(Parser *p, Node *call, const Token *lpar, bool is_class);

/* ast.dump(tree, include_attributes=attributes) (ast.c). */
void px_ast_dump_ex(const Node *n, FILE *out, bool attributes);

/* Strings (parser_string.c): STRING tokens from p->pos, concatenated. */
Node *px_parse_strings(Parser *p);

/* Statements (parser.c). */
NodeList px_parse_block(Parser *p, const char *what, const Token *kw);

#endif
