/* code.h: code objects, the compiler's output and the VM's input.
 * Built by compiler/codegen.c, run by vm/eval.c, described by runtime/code.c (the Python-level
 * type with co_* attributes) and compiler/disasm.c. */
#ifndef VITRINE_CODE_H
#define VITRINE_CODE_H

#include "object.h"
#include "opcodes.h"

/* co_flags, CPython's values */
enum {
    CO_OPTIMIZED = 0x1,      /* locals are fast slots (function bodies) */
    CO_NEWLOCALS = 0x2,
    CO_VARARGS = 0x4,
    CO_VARKEYWORDS = 0x8,
    CO_NESTED = 0x10,
    CO_GENERATOR = 0x20,
    CO_NOFREE = 0x40,
    CO_COROUTINE = 0x80,
    CO_ITERABLE_COROUTINE = 0x100,
    CO_ASYNC_GENERATOR = 0x200,
};

/* Source position of one instruction (1-based lines, 0-based UTF-8 byte columns as CPython;
 * -1 when unknown). */
typedef struct Position {
    int32_t line, end_line;
    int32_t col, end_col;
} Position;

/* Per-instruction inline cache used by the VM (LOAD_ATTR, LOAD_GLOBAL, LOAD_METHOD, ...). The
 * compiler allocates one zeroed entry per instruction; only the VM reads or writes them. */
typedef struct InlineCache {
    uint64_t version;   /* type version tag or dict version the entry was filled for */
    void *ptr;          /* cached object/descriptor/slot (borrowed, validated by version) */
    uintptr_t aux;      /* entry-specific data (an index, an offset) */
} InlineCache;

typedef struct CodeObj {
    Obj ob;
    Instr *code;            /* ncode instructions */
    size_t ncode;
    Position *positions;    /* ncode entries */
    InlineCache *caches;    /* ncode entries */
    Obj *consts;            /* tuple */
    Obj *names;             /* tuple of str: global/attribute/import names */
    Obj *varnames;          /* tuple of str: locals, arguments first */
    Obj *cellvars;          /* tuple of str: locals captured by inner functions */
    Obj *freevars;          /* tuple of str: variables taken from the enclosing scope */
    /* For each cellvar, the index of the argument it is initialised from, or -1. */
    int32_t *cell2arg;
    Obj *filename;          /* str */
    Obj *name;              /* str */
    Obj *qualname;          /* str */
    int firstlineno;
    int argcount;           /* positional args, including positional-only */
    int posonlyargcount;
    int kwonlyargcount;
    int nlocals;            /* len(varnames) */
    int stacksize;          /* maximum value-stack depth */
    int blockdepth;         /* maximum handler-block depth */
    int flags;              /* CO_* */
    Obj *weaklist;
} CodeObj;

#define CODE_NCELLS(c) (TUPLE_SIZE((c)->cellvars))
#define CODE_NFREES(c) (TUPLE_SIZE((c)->freevars))

/* runtime/code.c: allocate an empty code object; the compiler fills the fields. */
CodeObj *code_new(void);
/* Line number of instruction index `i` (-1 if unknown). */
int code_line_of(CodeObj *co, size_t i);

#endif
