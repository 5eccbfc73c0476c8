/* code.c: the Python-level `code` type: allocation, deallocation, repr and the co_* attributes
 * of the code objects that compiler/codegen.c builds. */
#include <stdlib.h>
#include <string.h>
#include "types.h"
#include "code.h"

CodeObj *code_new(void)
{
    return (CodeObj *)obj_alloc(&Type_code, sizeof(CodeObj));
}

int code_line_of(CodeObj *co, size_t i)
{
    if (!co->positions || i >= co->ncode) return -1;
    return co->positions[i].line;
}

static void code_dealloc(Obj *o)
{
    CodeObj *co = (CodeObj *)o;
    free(co->code);
    free(co->positions);
    free(co->caches);
    free(co->cell2arg);
    XDECREF(co->consts);
    XDECREF(co->names);
    XDECREF(co->varnames);
    XDECREF(co->cellvars);
    XDECREF(co->freevars);
    XDECREF(co->filename);
    XDECREF(co->name);
    XDECREF(co->qualname);
    obj_free(o);
}

static Obj *code_repr(Obj *o)
{
    CodeObj *co = (CodeObj *)o;
    return str_from_format("<code object %U at %p, file \"%U\", line %d>", co->name, (void *)o,
                           co->filename, co->firstlineno);
}

#define CO ((CodeObj *)self)
#define OBJ_GETTER(field) \
    static Obj *get_##field(Obj *self) { return NEWREF(CO->field ? CO->field : V_None); }
#define INT_GETTER(attr, expr) \
    static Obj *get_##attr(Obj *self) { return int_from_i64((int64_t)(expr)); }

OBJ_GETTER(name)
OBJ_GETTER(qualname)
OBJ_GETTER(filename)
OBJ_GETTER(varnames)
OBJ_GETTER(cellvars)
OBJ_GETTER(freevars)
OBJ_GETTER(consts)
OBJ_GETTER(names)
INT_GETTER(firstlineno, CO->firstlineno)
INT_GETTER(argcount, CO->argcount)
INT_GETTER(posonlyargcount, CO->posonlyargcount)
INT_GETTER(kwonlyargcount, CO->kwonlyargcount)
INT_GETTER(nlocals, CO->nlocals)
INT_GETTER(flags, CO->flags)
INT_GETTER(stacksize, CO->stacksize)

static Obj *get_code(Obj *self)
{
    return bytes_from_data(CO->code, CO->ncode * sizeof(Instr));
}

static const GetSetDef code_getset[] = {
    {"co_name", get_name, NULL, NULL},
    {"co_qualname", get_qualname, NULL, NULL},
    {"co_filename", get_filename, NULL, NULL},
    {"co_firstlineno", get_firstlineno, NULL, NULL},
    {"co_argcount", get_argcount, NULL, NULL},
    {"co_posonlyargcount", get_posonlyargcount, NULL, NULL},
    {"co_kwonlyargcount", get_kwonlyargcount, NULL, NULL},
    {"co_nlocals", get_nlocals, NULL, NULL},
    {"co_varnames", get_varnames, NULL, NULL},
    {"co_cellvars", get_cellvars, NULL, NULL},
    {"co_freevars", get_freevars, NULL, NULL},
    {"co_consts", get_consts, NULL, NULL},
    {"co_names", get_names, NULL, NULL},
    {"co_flags", get_flags, NULL, NULL},
    {"co_stacksize", get_stacksize, NULL, NULL},
    {"co_code", get_code, NULL, NULL},
    {NULL},
};

/* co_lines(): (start, end, line) triples over byte offsets (2 per instruction, as CPython). */
static Obj *code_co_lines(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    CodeObj *co = CO;
    Obj *list = list_new(0);
    if (!list) return NULL;
    size_t start = 0;
    for (size_t i = 1; i <= co->ncode; i++) {
        if (i < co->ncode && co->positions[i].line == co->positions[start].line) continue;
        int line = co->positions[start].line;
        Obj *ln = line < 0 ? NEWREF(V_None) : int_from_i64(line);
        Obj *a = int_from_i64((int64_t)start * 2), *b = int_from_i64((int64_t)i * 2);
        Obj *t = (ln && a && b) ? tuple_pack(3, a, b, ln) : NULL;
        XDECREF(ln); XDECREF(a); XDECREF(b);
        if (!t || list_append_steal(list, t) < 0) { DECREF(list); return NULL; }
        start = i;
    }
    Obj *it = obj_get_iter(list);
    DECREF(list);
    return it;
}

/* co_positions(): (line, end_line, col, end_col) per instruction. */
static Obj *code_co_positions(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    CodeObj *co = CO;
    Obj *list = list_new(0);
    if (!list) return NULL;
    for (size_t i = 0; i < co->ncode; i++) {
        Position *p = &co->positions[i];
        int32_t v[4] = {p->line, p->end_line, p->col, p->end_col};
        Obj *items[4];
        for (int k = 0; k < 4; k++) items[k] = v[k] < 0 ? NEWREF(V_None) : int_from_i64(v[k]);
        Obj *t = tuple_from_array(items, 4);
        for (int k = 0; k < 4; k++) DECREF(items[k]);
        if (!t || list_append_steal(list, t) < 0) { DECREF(list); return NULL; }
    }
    Obj *it = obj_get_iter(list);
    DECREF(list);
    return it;
}

static const MethodDef code_methods[] = {
    {"co_lines", code_co_lines, METH_NOARGS, NULL},
    {"co_positions", code_co_positions, METH_NOARGS, NULL},
    {NULL},
};

Type Type_code = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "code",
    .basicsize = sizeof(CodeObj),
    .doc = "Create a code object.  Not for the faint of heart.",
    .dealloc = code_dealloc,
    .repr = code_repr,
    .getset = code_getset,
    .methods = code_methods,
};
