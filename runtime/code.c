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

/* replace(**changes): a copy with some attributes changed (the common subset of CPython's). */
static Obj *code_replace(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    CodeObj *co = CO;
    if (nargs) return err_set_str(Exc_TypeError, "replace() takes no positional arguments");
    CodeObj *n = code_new();
    if (!n) return NULL;
    size_t nc = co->ncode, ncells = TUPLE_SIZE(co->cellvars);
    n->code = malloc(nc * sizeof(Instr) + 1);
    n->positions = malloc(nc * sizeof(Position) + 1);
    n->caches = calloc(nc + 1, sizeof(InlineCache));
    n->cell2arg = ncells ? malloc(ncells * sizeof(int32_t)) : NULL;
    if (!n->code || !n->positions || !n->caches || (ncells && !n->cell2arg)) {
        DECREF((Obj *)n);
        return err_no_memory();
    }
    memcpy(n->code, co->code, nc * sizeof(Instr));
    memcpy(n->positions, co->positions, nc * sizeof(Position));
    if (ncells) memcpy(n->cell2arg, co->cell2arg, ncells * sizeof(int32_t));
    n->ncode = nc;
    n->consts = NEWREF(co->consts);
    n->names = NEWREF(co->names);
    n->varnames = NEWREF(co->varnames);
    n->cellvars = NEWREF(co->cellvars);
    n->freevars = NEWREF(co->freevars);
    n->filename = NEWREF(co->filename);
    n->name = NEWREF(co->name);
    n->qualname = NEWREF(co->qualname);
    n->firstlineno = co->firstlineno;
    n->argcount = co->argcount;
    n->posonlyargcount = co->posonlyargcount;
    n->kwonlyargcount = co->kwonlyargcount;
    n->nlocals = co->nlocals;
    n->stacksize = co->stacksize;
    n->blockdepth = co->blockdepth;
    n->flags = co->flags;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        const char *k = str_cstr(TUPLE_GET(kwnames, i));
        Obj *v = args[i];
        Obj **slot = NULL;
        bool want_str = false;
        if (strcmp(k, "co_name") == 0) { slot = &n->name; want_str = true; }
        else if (strcmp(k, "co_qualname") == 0) { slot = &n->qualname; want_str = true; }
        else if (strcmp(k, "co_filename") == 0) { slot = &n->filename; want_str = true; }
        else if (strcmp(k, "co_consts") == 0) slot = &n->consts;
        else if (strcmp(k, "co_names") == 0) slot = &n->names;
        if (slot) {
            if (want_str ? !STR_CHECK(v) : !TUPLE_CHECK(v)) {
                DECREF((Obj *)n);
                return err_format(Exc_TypeError, "replace() argument '%s' must be %s, not %T", k,
                                  want_str ? "str" : "tuple", v);
            }
            SETREF(*slot, NEWREF(v));
            continue;
        }
        if (strcmp(k, "co_firstlineno") == 0 || strcmp(k, "co_flags") == 0) {
            int64_t x = INT_CHECK(v) ? int_as_i64(v) : -1;
            if (!INT_CHECK(v) || (x == -1 && err_occurred())) {
                if (!err_occurred())
                    err_format(Exc_TypeError, "replace() argument '%s' must be int, not %T", k, v);
                DECREF((Obj *)n);
                return NULL;
            }
            if (k[3] == 'f' && k[4] == 'i') n->firstlineno = (int)x;
            else n->flags = (int)x;
            continue;
        }
        DECREF((Obj *)n);
        return err_format(Exc_TypeError, "replace() got an unexpected keyword argument '%s'", k);
    }
    return (Obj *)n;
}

static const MethodDef code_methods[] = {
    {"replace", code_replace, METH_KEYWORDS, NULL},
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
