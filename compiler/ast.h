/* ast.h: the abstract syntax tree, modelled on CPython's ast module (3.11, minus `match`).
 *
 * The parser (compiler/parser.c) builds it, the symbol table pass and the code generator
 * read it. All nodes and their arrays live in one Arena freed as a whole after compilation,
 * so nodes never own or free anything. Identifiers and string contents are NUL-terminated
 * UTF-8 copies in the arena. The AST does not depend on the object runtime: literals are kept
 * as text/doubles and turned into objects by the code generator.
 */
#ifndef VITRINE_AST_H
#define VITRINE_AST_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>

/* ---- arena ---- */
typedef struct Arena Arena;
Arena *arena_new(void);
void *arena_alloc(Arena *a, size_t size);      /* zeroed; aborts on out-of-memory */
char *arena_strndup(Arena *a, const char *s, size_t n);
void arena_free(Arena *a);

typedef struct Node Node;
typedef struct NodeList {
    Node **items;
    size_t n;
} NodeList;

typedef enum {
    /* ---- module kinds ---- */
    N_Module,        /* body */
    N_Interactive,   /* body (REPL: expression statements print their value) */
    N_Expression,    /* value (eval mode) */
    /* ---- statements ---- */
    N_FunctionDef,   /* name, args, body, decorators, returns; is_async */
    N_ClassDef,      /* name, bases, keywords, body, decorators */
    N_Return,        /* value (may be NULL) */
    N_Delete,        /* targets */
    N_Assign,        /* targets (a = b = value: two targets), value */
    N_AugAssign,     /* target, op (NB_*), value */
    N_AnnAssign,     /* target, annotation, value (may be NULL), simple */
    N_For,           /* target, iter, body, orelse; is_async */
    N_While,         /* test, body, orelse */
    N_If,            /* test, body, orelse (elif: orelse holds one N_If) */
    N_With,          /* items (N_WithItem), body; is_async */
    N_Raise,         /* exc (may be NULL), cause (may be NULL) */
    N_Try,           /* body, handlers (N_ExceptHandler), orelse, finalbody */
    N_TryStar,       /* same fields as N_Try, for except* */
    N_Assert,        /* test, msg (may be NULL) */
    N_Import,        /* names (N_Alias) */
    N_ImportFrom,    /* module (may be NULL for `from . import x`), names (N_Alias; "*" for star), level */
    N_Global,        /* identifiers */
    N_Nonlocal,      /* identifiers */
    N_Expr,          /* value */
    N_Pass, N_Break, N_Continue,
    /* ---- expressions ---- */
    N_BoolOp,        /* op (BOOL_AND/BOOL_OR), values */
    N_NamedExpr,     /* target (N_Name), value */
    N_BinOp,         /* left, op (NB_*), right */
    N_UnaryOp,       /* op (UOP_*), operand */
    N_Lambda,        /* args, body (an expression in `value`) */
    N_IfExp,         /* test, body (in `value`), orelse (in `other`) */
    N_Dict,          /* keys, values (a NULL key means **value) */
    N_Set,           /* elts */
    N_ListComp, N_SetComp, N_GeneratorExp, /* elt, generators (N_Comprehension) */
    N_DictComp,      /* key, value, generators */
    N_Await,         /* value */
    N_Yield,         /* value (may be NULL) */
    N_YieldFrom,     /* value */
    N_Compare,       /* left, ops (CMPOP_*), comparators */
    N_Call,          /* func, args (N_Starred allowed), keywords (N_Keyword; arg NULL for **) */
    N_FormattedValue,/* value, conversion (-1, 's', 'r', 'a'), format_spec (N_JoinedStr or NULL) */
    N_JoinedStr,     /* values (N_Constant str and N_FormattedValue) */
    N_Constant,      /* constant (see ConstKind) */
    N_Attribute,     /* value, attr, ctx */
    N_Subscript,     /* value, slice, ctx */
    N_Starred,       /* value, ctx */
    N_Name,          /* id, ctx */
    N_List, N_Tuple, /* elts, ctx */
    N_Slice,         /* lower, upper, step (each may be NULL) */
    /* ---- helpers ---- */
    N_Comprehension, /* target, iter, ifs, is_async */
    N_ExceptHandler, /* type (may be NULL), name (may be NULL), body */
    N_Arguments,     /* see struct Arguments */
    N_Arg,           /* arg (name), annotation */
    N_Keyword,       /* arg (NULL for **value), value */
    N_Alias,         /* name ("a.b.c" or "*"), asname (may be NULL) */
    N_WithItem,      /* context_expr, optional_vars (may be NULL) */
    N__COUNT
} NodeKind;

typedef enum { CTX_LOAD, CTX_STORE, CTX_DEL } ExprContext;
typedef enum { BOOL_AND, BOOL_OR } BoolOpKind;
typedef enum { UOP_INVERT, UOP_NOT, UOP_UADD, UOP_USUB } UnaryOpKind;
/* Comparison operators: CMP_* from object.h for <, <=, ==, !=, >, >=, then these. */
typedef enum { CMPOP_LT, CMPOP_LE, CMPOP_EQ, CMPOP_NE, CMPOP_GT, CMPOP_GE,
               CMPOP_IS, CMPOP_IS_NOT, CMPOP_IN, CMPOP_NOT_IN } CmpOpKind;

typedef enum {
    CONST_NONE, CONST_TRUE, CONST_FALSE, CONST_ELLIPSIS,
    CONST_INT,      /* text: the literal as written minus '_' ("0x1F", "123"); the codegen converts */
    CONST_FLOAT,    /* f */
    CONST_IMAG,     /* f: the imaginary part (3j) */
    CONST_STR,      /* str, len: decoded UTF-8 (may contain NUL) */
    CONST_BYTES,    /* str, len: raw bytes */
} ConstKind;

typedef struct Constant {
    ConstKind kind;
    const char *str;   /* CONST_INT text, CONST_STR/CONST_BYTES data */
    size_t len;
    double f;
} Constant;

/* Function parameters, as CPython's ast.arguments. */
typedef struct Arguments {
    NodeList posonlyargs;  /* N_Arg */
    NodeList args;         /* N_Arg */
    Node *vararg;          /* N_Arg or NULL */
    NodeList kwonlyargs;   /* N_Arg */
    NodeList kw_defaults;  /* parallel to kwonlyargs; NULL entries when no default */
    Node *kwarg;           /* N_Arg or NULL */
    NodeList defaults;     /* defaults of the last len(defaults) of posonlyargs+args */
} Arguments;

struct Node {
    NodeKind kind;
    /* Source range: 1-based lines, 0-based UTF-8 byte columns (CPython's convention). */
    int lineno, col_offset, end_lineno, end_col_offset;
    union {
        struct { NodeList body; } module;              /* Module, Interactive */
        struct { Node *body; } expression;             /* Expression */
        struct {
            const char *name;
            Arguments *args;
            NodeList body, decorators;
            Node *returns;
            bool is_async;
        } funcdef;
        struct {
            const char *name;
            NodeList bases, keywords, body, decorators;
        } classdef;
        struct { Node *value; } ret;                   /* Return, Expr, Await, Yield, YieldFrom */
        struct { NodeList targets; } del;              /* Delete */
        struct { NodeList targets; Node *value; } assign;
        struct { Node *target; int op; Node *value; } augassign;
        struct { Node *target, *annotation, *value; bool simple; } annassign;
        struct { Node *target, *iter; NodeList body, orelse; bool is_async; } forloop;
        struct { Node *test; NodeList body, orelse; } whileloop;  /* While, If */
        struct { NodeList items, body; bool is_async; } with;
        struct { Node *exc, *cause; } raise;
        struct { NodeList body, handlers, orelse, finalbody; } tryst;   /* Try, TryStar */
        struct { Node *test, *msg; } assertst;
        struct { NodeList names; const char *module; int level; } import;  /* Import, ImportFrom */
        struct { const char **names; size_t n; } global;  /* Global, Nonlocal */
        /* expressions */
        struct { BoolOpKind op; NodeList values; } boolop;
        struct { Node *target, *value; } namedexpr;
        struct { Node *left; int op; Node *right; } binop;   /* op: NB_* */
        struct { UnaryOpKind op; Node *operand; } unaryop;
        struct { Arguments *args; Node *body; } lambda;
        struct { Node *test, *body, *orelse; } ifexp;
        struct { NodeList keys, values; } dict;
        struct { NodeList elts; ExprContext ctx; } seq;      /* Set, List, Tuple */
        struct { Node *elt, *value; NodeList generators; } comp; /* ListComp/SetComp/GeneratorExp: elt; DictComp: elt=key, value */
        struct { Node *left; CmpOpKind *ops; NodeList comparators; } compare;
        struct { Node *func; NodeList args, keywords; } call;
        struct { Node *value; int conversion; Node *format_spec; } formatted;
        struct { NodeList values; } joined;
        Constant constant;
        struct { Node *value; const char *attr; ExprContext ctx; } attribute;
        struct { Node *value, *slice; ExprContext ctx; } subscript;
        struct { Node *value; ExprContext ctx; } starred;
        struct { const char *id; ExprContext ctx; } name;
        struct { Node *lower, *upper, *step; } slice;
        struct { Node *target, *iter; NodeList ifs; bool is_async; } comprehension;
        struct { Node *type; const char *name; NodeList body; } handler;
        Arguments arguments;
        struct { const char *arg; Node *annotation; } arg;
        struct { const char *arg; Node *value; } keyword;
        struct { const char *name, *asname; } alias;
        struct { Node *context_expr, *optional_vars; } withitem;
    } v;
};

/* ---- parsing (compiler/parser.c) ---- */
typedef enum { PARSE_FILE, PARSE_EVAL, PARSE_SINGLE /* REPL / compile(..., 'single') */ } ParseMode;

/* A syntax error as plain data, so the parser stays independent of the object runtime.
 * Columns are 1-based like SyntaxError.offset; end_offset may be 0 when unknown. */
typedef struct SyntaxErrorInfo {
    char msg[256];
    int kind;            /* 0 SyntaxError, 1 IndentationError, 2 TabError */
    int lineno, offset, end_lineno, end_offset;
    char *text;          /* the offending source line (malloc'ed, with its '\n'), or NULL */
    bool incomplete;     /* input ended inside a block/bracket/string: the REPL asks for more */
} SyntaxErrorInfo;

/* Parse `source` (UTF-8, NUL-terminated). Returns the module node, or NULL with *err filled. */
Node *parse_source(Arena *arena, const char *source, const char *filename, ParseMode mode,
                   SyntaxErrorInfo *err);
void syntax_error_info_free(SyntaxErrorInfo *err);

/* Debug dump in the style of ast.dump() (compiler/ast.c). */
void ast_dump(const Node *n, FILE *out);

#endif
