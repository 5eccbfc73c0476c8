/* codegen.h: internal interface of the code generator (compiler/codegen*.c).
 *
 * One Unit per code object being built (module, class body, function, lambda, comprehension),
 * chained to its enclosing unit. Instructions are emitted linearly; jumps refer to labels that
 * assembly resolves to instruction indexes. Assembly then runs a depth analysis over the
 * control-flow graph to compute co_stacksize and co_blockdepth exactly.
 */
#ifndef VITRINE_CODEGEN_H
#define VITRINE_CODEGEN_H

#include "ast.h"
#include "symtable.h"
#include "code.h"
#include "types.h"

typedef struct IInstr {
    uint8_t op;
    int32_t arg;        /* for jumps: a label id until assembly */
    Position pos;
} IInstr;

/* Frame blocks: what a break/continue/return must undo on its way out. */
typedef enum {
    FB_WHILE_LOOP, FB_FOR_LOOP, FB_ASYNC_FOR_LOOP, FB_TRY_EXCEPT, FB_FINALLY_TRY,
    FB_FINALLY_END, FB_WITH, FB_ASYNC_WITH, FB_HANDLER_CLEANUP, FB_POP_VALUE,
    FB_EXCEPTION_HANDLER, FB_EXCEPTION_GROUP_HANDLER, FB_ASYNC_COMPREHENSION_GENERATOR,
} FBlockType;

typedef struct FBlock {
    FBlockType type;
    int block;          /* loop: label of the loop head (continue) */
    int exit;           /* loop: label after the loop (break) */
    Node *datum;        /* FINALLY_TRY: the Try node (its finalbody); WITH: the With node */
    const char *name;   /* HANDLER_CLEANUP: the `as` name or NULL */
} FBlock;

#define MAX_FBLOCKS 20   /* CPython's CO_MAXBLOCKS */

typedef enum { U_MODULE, U_CLASS, U_FUNCTION, U_ASYNC_FUNCTION, U_LAMBDA, U_COMPREHENSION } UnitType;

typedef struct Unit Unit;
struct Unit {
    Unit *parent;
    Scope *ste;
    UnitType type;
    IInstr *ins;
    size_t nins, capins;
    int32_t *labels;            /* instruction index of each label, -1 until placed */
    size_t nlabels, caplabels;
    Obj *consts;                /* list */
    Obj *str_consts;            /* unused (kept NULL) */
    int32_t *ctab;              /* open-addressing index into consts, for deduplication */
    size_t ctabsize;
    Obj *names, *names_map;     /* list of str, dict str -> index */
    Obj *varnames, *varnames_map;
    Obj *cellvars, *cellvars_map;
    Obj *freevars, *freevars_map;
    FBlock fb[MAX_FBLOCKS];
    int nfb;
    const char *name;
    Obj *qualname;
    int firstlineno;
    int argcount, posonlyargcount, kwonlyargcount;
    const char *private_name;
    Position loc;               /* position given to emitted instructions */
};

typedef struct Compiler {
    SymTable *st;
    Arena *arena;
    const char *filename;
    const char *source;
    Obj *filename_obj;
    Unit *u;
    bool interactive;
    bool future_annotations;   /* from __future__ import annotations: annotations are strings */
} Compiler;

/* Every codegen function returns 1 on success, 0 with an exception set. */
#define TRY(x) do { if (!(x)) return 0; } while (0)

/* ---- codegen.c: units, emission, constants, names, assembly ---- */
int cg_enter_scope(Compiler *c, const char *name, UnitType type, Node *key, int firstlineno);
CodeObj *cg_assemble(Compiler *c, bool add_none_return);
void cg_exit_scope(Compiler *c);
int cg_emit(Compiler *c, int op, int arg);
int cg_new_label(Compiler *c);
void cg_place(Compiler *c, int label);
/* Emit a jump to label; JUMP becomes JUMP_BACKWARD when the label is already placed. */
int cg_jump(Compiler *c, int op, int label);
bool cg_label_placed(Compiler *c, int label);
int cg_add_const(Compiler *c, Obj *o);             /* borrows o; index or -1 */
int cg_load_const_steal(Compiler *c, Obj *o);      /* LOAD_CONST o; steals o (NULL: error) */
int cg_load_none(Compiler *c);
int cg_add_name(Compiler *c, const char *name);    /* index in co_names (no mangling) */
int cg_emit_name(Compiler *c, int op, const char *name); /* op with a co_names index, mangled */
int cg_nameop(Compiler *c, const char *name, ExprContext ctx);
int cg_error(Compiler *c, const Node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void cg_set_loc(Compiler *c, const Node *n);
/* Following instructions are "artificial" (CPython's UNSET_LOC): at assembly they take the
 * previous instruction's position unless they are jump targets (then no line at all), so
 * they never cause a line event of their own. */
void cg_set_artificial(Compiler *c);
const char *cg_mangle(Compiler *c, const char *name);
Obj *cg_const_object(const Constant *k);           /* new reference */
int cg_push_fblock(Compiler *c, const Node *loc, FBlockType t, int block, int exit, Node *datum,
                   const char *name);
void cg_pop_fblock(Compiler *c);
/* Cell/free index for LOAD_CLOSURE / LOAD_DEREF of `name` (mangled) in the current unit. */
int cg_deref_index(Compiler *c, const char *name);

/* ---- codegen_stmt.c ---- */
int cg_stmt(Compiler *c, Node *s);
int cg_stmts(Compiler *c, NodeList *l);
int cg_body(Compiler *c, NodeList *body, bool docstring_as_doc);   /* module/class body */
bool cg_find_annotations(NodeList *body);
int cg_unwind_fblock_stack(Compiler *c, bool preserve_tos, FBlock **loop);
int cg_add_yield_from(Compiler *c, bool await);

/* ---- codegen_expr.c ---- */
int cg_expr(Compiler *c, Node *e);
int cg_jump_if(Compiler *c, Node *e, int label, bool cond);
/* An iterated expression: constant list/set displays become a tuple/frozenset constant. */
int cg_iterable(Compiler *c, Node *e);
int cg_call_helper(Compiler *c, int nprefix, NodeList *args, NodeList *keywords, const Node *loc);
int cg_store_target(Compiler *c, Node *t);
int cg_unpack_helper(Compiler *c, NodeList *elts, const Node *loc);
bool cg_is_const_expr(Node *e);
Obj *cg_const_value(Node *e);   /* folded constant value or NULL (no error) */

/* Compile an annotation: its value, or its source text under `from __future__ import annotations`. */
int cg_annotation(Compiler *c, Node *ann);

/* ---- codegen_func.c: functions, lambdas, classes, comprehensions ---- */
int cg_function(Compiler *c, Node *s);
int cg_class(Compiler *c, Node *s);
int cg_lambda(Compiler *c, Node *e);
int cg_comprehension(Compiler *c, Node *e);
int cg_make_closure(Compiler *c, CodeObj *co, int flags);

/* ---- compile.c ---- */
/* Compile a parsed module node (Module/Interactive/Expression) to a module code object.
 * `source` (may be NULL) only serves SyntaxError texts. Returns a new CodeObj or NULL. */
Obj *compiler_compile_ast(Node *mod, Arena *arena, const char *filename, const char *source) VT_MUST_CHECK;

#endif
