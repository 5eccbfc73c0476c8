/* symtable.h: the symbol-table pass between the parser and the code generator.
 *
 * It builds one Scope per module, class, function, lambda and comprehension (each comprehension
 * or generator expression is its own function scope, CPython 3.11 style), then resolves every
 * name to LOCAL / GLOBAL_EXPLICIT / GLOBAL_IMPLICIT / FREE / CELL with CPython's algorithm
 * (analyze_block). Everything lives in the AST arena. Names are stored mangled (`__x` inside
 * class C is `_C__x`).
 */
#ifndef VITRINE_SYMTABLE_H
#define VITRINE_SYMTABLE_H

#include "ast.h"

typedef enum { BLOCK_MODULE, BLOCK_CLASS, BLOCK_FUNCTION } BlockType;
typedef enum { COMP_NONE, COMP_LIST, COMP_SET, COMP_DICT, COMP_GEN } CompKind;

/* Symbol flags (how a name is used in its own block). */
enum {
    DEF_GLOBAL = 1 << 0,      /* global statement */
    DEF_LOCAL = 1 << 1,       /* assignment */
    DEF_PARAM = 1 << 2,       /* parameter */
    DEF_NONLOCAL = 1 << 3,    /* nonlocal statement */
    DEF_USE = 1 << 4,         /* read */
    DEF_FREE_CLASS = 1 << 5,  /* bound in a class and free in a nested method */
    DEF_IMPORT = 1 << 6,
    DEF_ANNOT = 1 << 7,
    DEF_COMP_ITER = 1 << 8,   /* comprehension iteration variable */
};
#define DEF_BOUND (DEF_LOCAL | DEF_PARAM | DEF_IMPORT)

/* Resolved scopes. */
enum { SC_NONE = 0, SC_LOCAL, SC_GLOBAL_EXPLICIT, SC_GLOBAL_IMPLICIT, SC_FREE, SC_CELL };

typedef struct Symbol {
    const char *name;
    int flags;
    int scope;   /* SC_* after analysis */
    const Node *decl;  /* the global/nonlocal statement, for error locations */
} Symbol;

typedef struct Scope Scope;
struct Scope {
    BlockType type;
    const char *name;        /* "top", class/function name, "lambda", "listcomp", ... */
    Node *node;
    Scope *parent;
    Symbol **syms;           /* insertion order */
    size_t nsyms, capsyms;
    Symbol **table;          /* open-addressing index over syms */
    size_t tabsize;
    Scope **children;
    size_t nchildren, capchildren;
    const char **params;     /* parameter names in order (mangled) */
    size_t nparams, capparams;
    const char *private_name;/* class name used for mangling inside this block, or NULL */
    CompKind comp;
    bool is_generator, is_coroutine, is_nested, is_lambda;
    bool has_free, child_free, needs_class_closure;
    bool has_varargs, has_varkw;
    bool comp_iter_target;   /* visiting a comprehension target */
    int comp_iter_expr;      /* > 0 while visiting a comprehension's iterable */
};

typedef struct SymTable {
    Arena *arena;
    Scope *top;
    const char *filename;
    const char *source;      /* for SyntaxError text; may be NULL */
    Scope *cur;
    Scope **stack;
    size_t depth, capstack;
    const char *private_name;
    int recursion_depth;     /* nesting of the node being visited (C stack guard) */
    /* Node -> Scope map (open addressing). */
    Node **map_keys;
    Scope **map_vals;
    size_t map_size, map_count;
} SymTable;

/* Build and analyse the symbol table of module node `mod`. Returns NULL with SyntaxError set. */
SymTable *symtable_build(Arena *arena, Node *mod, const char *filename, const char *source);
/* The scope created for a FunctionDef/ClassDef/Lambda/comprehension node (NULL if none). */
Scope *symtable_lookup(SymTable *st, Node *n);
/* The symbol for `name` (already mangled) in scope s, or NULL. */
Symbol *scope_symbol(Scope *s, const char *name);
/* SC_* of a (mangled) name in s; SC_GLOBAL_IMPLICIT when unknown, like CPython's default. */
int scope_get(Scope *s, const char *name);
/* CPython's _Py_Mangle: "__x" inside class "C" -> "_C__x". Returns name itself when unchanged. */
const char *symtable_mangle(Arena *a, const char *private_name, const char *name);
/* Raise a SyntaxError located at node n (1-based offset = col + 1). Returns NULL. */
void *symtable_syntax_error(const char *filename, const char *source, const Node *n,
                            const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
