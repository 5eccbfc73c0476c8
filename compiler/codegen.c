/* codegen.c: code generator core: compilation units, instruction emission, labels, constant
 * and name tables, frame blocks, and assembly into a CodeObj (label resolution plus an exact
 * stack-depth / block-depth analysis over the control-flow graph). */
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include "codegen.h"
#include "errors.h"

/* ---------------------------------------------------------------- errors, positions */

int cg_error(Compiler *c, const Node *n, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    Node tmp;
    if (!n && c->u) {
        memset(&tmp, 0, sizeof tmp);
        tmp.lineno = c->u->loc.line;
        tmp.end_lineno = c->u->loc.end_line;
        tmp.col_offset = c->u->loc.col;
        tmp.end_col_offset = c->u->loc.end_col;
        n = &tmp;
    }
    symtable_syntax_error(c->filename, c->source, n, "%s", msg);
    return 0;
}

void cg_set_loc(Compiler *c, const Node *n)
{
    c->u->loc.line = n->lineno;
    c->u->loc.end_line = n->end_lineno;
    c->u->loc.col = n->col_offset;
    c->u->loc.end_col = n->end_col_offset;
}

static bool is_jump(int op);

void cg_set_artificial(Compiler *c)
{
    c->u->loc.line = c->u->loc.end_line = -1;
    c->u->loc.col = c->u->loc.end_col = -1;
}

/* Give artificial instructions reached only by fall-through their predecessor's position. */
static int propagate_positions(IInstr *ins, size_t n)
{
    bool *target = calloc(n + 1, sizeof(bool));
    if (!target) { err_no_memory(); return 0; }
    for (size_t i = 0; i < n; i++)
        if (is_jump(ins[i].op) && (size_t)ins[i].arg < n) target[ins[i].arg] = true;
    for (size_t i = 1; i < n; i++)
        if (ins[i].pos.line < 0 && !target[i]) ins[i].pos = ins[i - 1].pos;
    free(target);
    return 1;
}

const char *cg_mangle(Compiler *c, const char *name)
{
    return symtable_mangle(c->arena, c->u->private_name, name);
}

/* ---------------------------------------------------------------- emission */

int cg_emit(Compiler *c, int op, int arg)
{
    Unit *u = c->u;
    if (arg < 0 || (unsigned)arg > INSTR_ARG_MAX) {
        err_set_str(Exc_SystemError, "bytecode argument out of range");
        return 0;
    }
    if (u->nins == u->capins) {
        size_t nc = u->capins ? u->capins * 2 : 64;
        IInstr *ni = realloc(u->ins, nc * sizeof(IInstr));
        if (!ni) { err_no_memory(); return 0; }
        u->ins = ni;
        u->capins = nc;
    }
    IInstr *in = &u->ins[u->nins++];
    in->op = (uint8_t)op;
    in->arg = arg;
    in->pos = u->loc;
    return 1;
}

int cg_new_label(Compiler *c)
{
    Unit *u = c->u;
    if (u->nlabels == u->caplabels) {
        size_t nc = u->caplabels ? u->caplabels * 2 : 32;
        int32_t *nl = realloc(u->labels, nc * sizeof(int32_t));
        if (!nl) abort();
        u->labels = nl;
        u->caplabels = nc;
    }
    u->labels[u->nlabels] = -1;
    return (int)u->nlabels++;
}

void cg_place(Compiler *c, int label) { c->u->labels[label] = (int32_t)c->u->nins; }

bool cg_label_placed(Compiler *c, int label) { return c->u->labels[label] >= 0; }

int cg_jump(Compiler *c, int op, int label)
{
    if (op == OP_JUMP && cg_label_placed(c, label)) op = OP_JUMP_BACKWARD;
    return cg_emit(c, op, label);
}

static bool is_jump(int op)
{
    switch (op) {
    case OP_JUMP: case OP_JUMP_BACKWARD: case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE:
    case OP_POP_JUMP_IF_NONE: case OP_POP_JUMP_IF_NOT_NONE: case OP_JUMP_IF_FALSE_OR_POP:
    case OP_JUMP_IF_TRUE_OR_POP: case OP_FOR_ITER: case OP_SETUP_FINALLY: case OP_SEND:
        return true;
    default:
        return false;
    }
}

static bool is_terminal(int op)
{
    return op == OP_RETURN_VALUE || op == OP_RETURN_CONST || op == OP_RERAISE ||
           op == OP_RAISE_VARARGS || op == OP_JUMP || op == OP_JUMP_BACKWARD;
}

/* ---------------------------------------------------------------- constants */

static bool const_equal(Obj *a, Obj *b)
{
    if (a == b) return true;
    if (IS_SMALL(a) || IS_SMALL(b)) return false;
    if (a->type != b->type) return false;
    Type *t = a->type;
    if (t == &Type_int) return obj_eq(a, b) == 1;
    if (t == &Type_float) return memcmp(&FLOAT_VALUE(a), &FLOAT_VALUE(b), sizeof(double)) == 0;
    if (t == &Type_complex) {
        ComplexObj *x = (ComplexObj *)a, *y = (ComplexObj *)b;
        return memcmp(&x->real, &y->real, sizeof(double)) == 0 &&
               memcmp(&x->imag, &y->imag, sizeof(double)) == 0;
    }
    if (t == &Type_str) return str_eq(a, b);
    if (t == &Type_bytes)
        return BYTES_SIZE(a) == BYTES_SIZE(b) && memcmp(BYTES_DATA(a), BYTES_DATA(b), BYTES_SIZE(a)) == 0;
    if (t == &Type_tuple || t == &Type_frozenset) {
        if (t == &Type_frozenset) return false;
        if (TUPLE_SIZE(a) != TUPLE_SIZE(b)) return false;
        for (size_t i = 0; i < TUPLE_SIZE(a); i++)
            if (!const_equal(TUPLE_GET(a, i), TUPLE_GET(b, i))) return false;
        return true;
    }
    return false;
}

static bool identifier_like(Obj *s)
{
    const char *p = STR_DATA(s);
    for (size_t i = 0; i < STR_SIZE(s); i++) {
        char ch = p[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_'))
            return false;
    }
    return true;
}

static uint64_t const_hash_raw(Obj *o);

/* Hash consistent with const_equal (type-sensitive, -0.0 distinct from 0.0), with a final
 * avalanche so that the table's low bits depend on every input bit (float patterns). */
static uint64_t const_hash(Obj *o)
{
    uint64_t x = const_hash_raw(o);
    x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27; x *= 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static uint64_t const_hash_raw(Obj *o)
{
    if (IS_SMALL(o)) return (uint64_t)SMALL_VALUE(o) * 0x9E3779B97F4A7C15ull;
    Type *t = o->type;
    uint64_t h = (uint64_t)(uintptr_t)t;
    if (t == &Type_int) return h ^ (uint64_t)int_hash(o);
    if (t == &Type_float) {
        uint64_t bits;
        memcpy(&bits, &FLOAT_VALUE(o), sizeof bits);
        return h ^ (bits * 0x9E3779B97F4A7C15ull);
    }
    if (t == &Type_complex) {
        uint64_t a, b;
        memcpy(&a, &((ComplexObj *)o)->real, sizeof a);
        memcpy(&b, &((ComplexObj *)o)->imag, sizeof b);
        return h ^ (a * 31 + b) * 0x9E3779B97F4A7C15ull;
    }
    if (t == &Type_str) return h ^ (uint64_t)str_hash(o);
    if (t == &Type_bytes) {
        uint64_t x = 1469598103934665603ull;
        for (size_t i = 0; i < BYTES_SIZE(o); i++) x = (x ^ (unsigned char)BYTES_DATA(o)[i]) * 1099511628211ull;
        return h ^ x;
    }
    if (t == &Type_tuple) {
        uint64_t x = 0x345678;
        for (size_t i = 0; i < TUPLE_SIZE(o); i++) x = (x ^ const_hash(TUPLE_GET(o, i))) * 1000003;
        return h ^ x;
    }
    return (uint64_t)(uintptr_t)o;
}

static int ctab_grow(Unit *u)
{
    size_t ns = u->ctabsize ? u->ctabsize * 2 : 64;
    int32_t *nt = malloc(ns * sizeof(int32_t));
    if (!nt) { err_no_memory(); return -1; }
    for (size_t i = 0; i < ns; i++) nt[i] = -1;
    for (size_t k = 0; k < LIST_SIZE(u->consts); k++) {
        size_t j = const_hash(LIST_GET(u->consts, k)) & (ns - 1);
        while (nt[j] >= 0) j = (j + 1) & (ns - 1);
        nt[j] = (int32_t)k;
    }
    free(u->ctab);
    u->ctab = nt;
    u->ctabsize = ns;
    return 0;
}

int cg_add_const(Compiler *c, Obj *o)
{
    Unit *u = c->u;
    if ((LIST_SIZE(u->consts) + 1) * 2 > u->ctabsize && ctab_grow(u) < 0) return -1;
    size_t mask = u->ctabsize - 1, j = const_hash(o) & mask;
    for (; u->ctab[j] >= 0; j = (j + 1) & mask)
        if (const_equal(LIST_GET(u->consts, u->ctab[j]), o)) return u->ctab[j];
    int n = (int)LIST_SIZE(u->consts);
    INCREF(o);
    Obj *key = o;
    if (STR_CHECK_EXACT(o) && identifier_like(o)) key = str_intern(o);  /* steals o */
    int r = list_append(u->consts, key);
    DECREF(key);
    if (r < 0) return -1;
    u->ctab[j] = n;
    return n;
}

int cg_load_const_steal(Compiler *c, Obj *o)
{
    if (!o) return 0;
    int i = cg_add_const(c, o);
    DECREF(o);
    if (i < 0) return 0;
    return cg_emit(c, OP_LOAD_CONST, i);
}

int cg_load_none(Compiler *c) { return cg_load_const_steal(c, NEWREF(V_None)); }

Obj *cg_const_object(const Constant *k)
{
    switch (k->kind) {
    case CONST_NONE: return NEWREF(V_None);
    case CONST_TRUE: return NEWREF(V_True);
    case CONST_FALSE: return NEWREF(V_False);
    case CONST_ELLIPSIS: return NEWREF(V_Ellipsis);
    case CONST_INT: return int_from_string(k->str, strlen(k->str), 0);
    case CONST_FLOAT: return float_from_double(k->f);
    case CONST_IMAG: return complex_from_doubles(0.0, k->f);
    case CONST_STR: return str_from_utf8(k->str, k->len);
    case CONST_BYTES: return bytes_from_data(k->str, k->len);
    }
    err_set_str(Exc_SystemError, "bad constant kind");
    return NULL;
}

/* ---------------------------------------------------------------- names */

/* Index of name in (list, map), appending it when missing; -1 on error. */
static int dict_index(Obj *list, Obj *map, const char *name)
{
    Obj *s = str_intern_cstr(name);
    if (!s) return -1;
    Obj *idx = dict_get(map, s);
    if (idx) {
        DECREF(s);
        return (int)SMALL_VALUE(idx);
    }
    int n = (int)LIST_SIZE(list);
    if (list_append(list, s) < 0 || dict_set(map, s, MAKE_SMALL(n)) < 0) {
        DECREF(s);
        return -1;
    }
    DECREF(s);
    return n;
}

static int dict_lookup_index(Obj *map, const char *name)
{
    Obj *idx = dict_get_cstr(map, name);
    return idx ? (int)SMALL_VALUE(idx) : -1;
}

int cg_add_name(Compiler *c, const char *name)
{
    return dict_index(c->u->names, c->u->names_map, name);
}

int cg_emit_name(Compiler *c, int op, const char *name)
{
    int i = cg_add_name(c, cg_mangle(c, name));
    if (i < 0) return 0;
    return cg_emit(c, op, i);
}

int cg_deref_index(Compiler *c, const char *name)
{
    int i = dict_lookup_index(c->u->cellvars_map, name);
    if (i >= 0) return i;
    i = dict_lookup_index(c->u->freevars_map, name);
    if (i >= 0) return (int)LIST_SIZE(c->u->cellvars) + i;
    err_format(Exc_SystemError, "no cell/free variable '%s' in '%s'", name, c->u->name);
    return -1;
}

int cg_nameop(Compiler *c, const char *name, ExprContext ctx)
{
    Unit *u = c->u;
    if (strcmp(name, "__debug__") == 0) {
        if (ctx == CTX_LOAD)
            return cg_load_const_steal(c, NEWREF(V_True));   /* a compile-time constant, as CPython */
        return cg_error(c, NULL, ctx == CTX_STORE ? "cannot assign to __debug__"
                                                  : "cannot delete __debug__");
    }
    const char *mangled = cg_mangle(c, name);
    Symbol *sym = scope_symbol(u->ste, mangled);
    int scope = sym ? sym->scope : SC_NONE;
    bool func = u->ste->type == BLOCK_FUNCTION;
    int i;
    switch (scope) {
    case SC_FREE: case SC_CELL:
        i = cg_deref_index(c, mangled);
        if (i < 0) return 0;
        if (ctx == CTX_LOAD)
            return cg_emit(c, u->ste->type == BLOCK_CLASS ? OP_LOAD_CLASSDEREF : OP_LOAD_DEREF, i);
        return cg_emit(c, ctx == CTX_STORE ? OP_STORE_DEREF : OP_DELETE_DEREF, i);
    case SC_LOCAL:
        if (func) {
            i = dict_index(u->varnames, u->varnames_map, mangled);
            if (i < 0) return 0;
            return cg_emit(c, ctx == CTX_LOAD ? OP_LOAD_FAST : ctx == CTX_STORE ? OP_STORE_FAST
                                                                               : OP_DELETE_FAST, i);
        }
        break;
    case SC_GLOBAL_IMPLICIT:
        if (!func) break;
        /* fall through */
    case SC_GLOBAL_EXPLICIT:
        i = cg_add_name(c, mangled);
        if (i < 0) return 0;
        return cg_emit(c, ctx == CTX_LOAD ? OP_LOAD_GLOBAL : ctx == CTX_STORE ? OP_STORE_GLOBAL
                                                                             : OP_DELETE_GLOBAL, i);
    default:
        break;
    }
    i = cg_add_name(c, mangled);
    if (i < 0) return 0;
    return cg_emit(c, ctx == CTX_LOAD ? OP_LOAD_NAME : ctx == CTX_STORE ? OP_STORE_NAME
                                                                       : OP_DELETE_NAME, i);
}

/* ---------------------------------------------------------------- frame blocks */

int cg_push_fblock(Compiler *c, const Node *loc, FBlockType t, int block, int exit, Node *datum,
                   const char *name)
{
    Unit *u = c->u;
    if (u->nfb >= MAX_FBLOCKS) return cg_error(c, loc, "too many statically nested blocks");
    FBlock *f = &u->fb[u->nfb++];
    f->type = t;
    f->block = block;
    f->exit = exit;
    f->datum = datum;
    f->name = name;
    return 1;
}

void cg_pop_fblock(Compiler *c) { c->u->nfb--; }

/* ---------------------------------------------------------------- units */

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Fill list/map with the names of ste's symbols matching scope (or flag), sorted like CPython. */
static int names_by_scope(Compiler *c, Scope *ste, int scope, int flag, Obj *list, Obj *map)
{
    const char **v = malloc((ste->nsyms + 1) * sizeof(char *));
    if (!v) { err_no_memory(); return 0; }
    size_t n = 0;
    for (size_t i = 0; i < ste->nsyms; i++) {
        Symbol *s = ste->syms[i];
        if (s->scope == scope || (flag && (s->flags & flag))) v[n++] = s->name;
    }
    qsort(v, n, sizeof(char *), cmp_cstr);
    for (size_t i = 0; i < n; i++)
        if (dict_index(list, map, v[i]) < 0) { free(v); return 0; }
    free(v);
    return 1;
}

static Obj *make_qualname(Compiler *c, Unit *u)
{
    Unit *p = u->parent;
    if (p && p->type != U_MODULE) {
        bool force_global = false;
        if (u->type == U_FUNCTION || u->type == U_ASYNC_FUNCTION || u->type == U_CLASS) {
            const char *m = symtable_mangle(c->arena, p->private_name, u->name);
            Symbol *sym = scope_symbol(p->ste, m);
            if (sym && sym->scope == SC_GLOBAL_EXPLICIT) force_global = true;
        }
        if (!force_global) {
            if (p->type == U_FUNCTION || p->type == U_ASYNC_FUNCTION || p->type == U_LAMBDA)
                return str_from_format("%U.<locals>.%s", p->qualname, u->name);
            return str_from_format("%U.%s", p->qualname, u->name);
        }
    }
    return str_from_cstr(u->name);
}

static void free_unit(Unit *u);

/* Fill a freshly pushed unit's tables; 0 with an error set. */
static int init_unit(Compiler *c, Unit *u, int firstlineno)
{
    if (!u->ste) {
        err_set_str(Exc_SystemError, "no symbol table for scope");
        return 0;
    }
    u->private_name = u->type == U_CLASS ? u->name : (u->parent ? u->parent->private_name : NULL);
    u->loc.line = u->loc.end_line = firstlineno;
    u->loc.col = u->loc.end_col = -1;
    if (!(u->consts = list_new(0)) || !(u->names = list_new(0)) ||
        !(u->names_map = dict_new()) || !(u->varnames = list_new(0)) ||
        !(u->varnames_map = dict_new()) || !(u->cellvars = list_new(0)) ||
        !(u->cellvars_map = dict_new()) || !(u->freevars = list_new(0)) ||
        !(u->freevars_map = dict_new()))
        return 0;
    for (size_t i = 0; i < u->ste->nparams; i++)
        if (dict_index(u->varnames, u->varnames_map, u->ste->params[i]) < 0) return 0;
    if (u->ste->needs_class_closure) {
        if (dict_index(u->cellvars, u->cellvars_map, "__class__") < 0) return 0;
    }
    if (!names_by_scope(c, u->ste, SC_CELL, 0, u->cellvars, u->cellvars_map)) return 0;
    if (!names_by_scope(c, u->ste, SC_FREE, DEF_FREE_CLASS, u->freevars, u->freevars_map)) return 0;
    if (!(u->qualname = make_qualname(c, u))) return 0;
    return 1;
}

int cg_enter_scope(Compiler *c, const char *name, UnitType type, Node *key, int firstlineno)
{
    Unit *u = calloc(1, sizeof(Unit));
    if (!u) { err_no_memory(); return 0; }
    u->parent = c->u;
    u->type = type;
    u->name = name;
    u->firstlineno = firstlineno;
    u->ste = type == U_MODULE ? c->st->top : symtable_lookup(c->st, key);
    c->u = u;
    if (!init_unit(c, u, firstlineno)) {
        cg_exit_scope(c);
        return 0;
    }
    return 1;
}

static void free_unit(Unit *u)
{
    free(u->ins);
    free(u->labels);
    XDECREF(u->consts);
    free(u->ctab);
    XDECREF(u->names); XDECREF(u->names_map);
    XDECREF(u->varnames); XDECREF(u->varnames_map);
    XDECREF(u->cellvars); XDECREF(u->cellvars_map);
    XDECREF(u->freevars); XDECREF(u->freevars_map);
    XDECREF(u->qualname);
    free(u);
}

void cg_exit_scope(Compiler *c)
{
    Unit *u = c->u;
    c->u = u->parent;
    free_unit(u);
}

/* ---------------------------------------------------------------- stack effects */

/* Stack effect of one instruction; `jump` selects the effect when the branch is taken. */
static int stack_effect(int op, int arg, bool jump)
{
    switch (op) {
    case OP_NOP: case OP_SWAP: case OP_DELETE_FAST: case OP_DELETE_DEREF: case OP_DELETE_GLOBAL:
    case OP_DELETE_NAME: case OP_LOAD_ATTR: case OP_KW_NAMES: case OP_UNARY_NEGATIVE:
    case OP_UNARY_POSITIVE: case OP_UNARY_INVERT: case OP_UNARY_NOT: case OP_LIST_TO_TUPLE:
    case OP_JUMP: case OP_JUMP_BACKWARD: case OP_GET_ITER: case OP_POP_BLOCK:
    case OP_CHECK_EXC_MATCH: case OP_CHECK_EG_MATCH: case OP_GET_AWAITABLE: case OP_GET_AITER:
    case OP_GET_YIELD_FROM_ITER: case OP_YIELD_VALUE: case OP_ASYNC_GEN_WRAP:
    case OP_SETUP_ANNOTATIONS: case OP_RETURN_CONST: case OP_LOAD_SUPER_ATTR_UNUSED:
    case OP_RETURN_GENERATOR_UNUSED: case OP_SETUP_FINALLY:
        return 0;
    case OP_PUSH_NULL: case OP_COPY: case OP_LOAD_CONST: case OP_LOAD_FAST: case OP_LOAD_DEREF:
    case OP_LOAD_CLASSDEREF: case OP_LOAD_CLOSURE: case OP_LOAD_GLOBAL: case OP_LOAD_NAME:
    case OP_LOAD_METHOD: case OP_LOAD_BUILD_CLASS: case OP_PUSH_EXC_INFO:
    case OP_LOAD_ASSERTION_ERROR: case OP_BEFORE_WITH: case OP_WITH_EXCEPT_START:
    case OP_BEFORE_ASYNC_WITH: case OP_GET_ANEXT: case OP_IMPORT_FROM: case OP_LOAD_LOCALS:
    case OP_GET_LEN:
        return 1;
    case OP_POP_TOP: case OP_STORE_FAST: case OP_STORE_DEREF: case OP_STORE_GLOBAL:
    case OP_STORE_NAME: case OP_DELETE_ATTR: case OP_RETURN_VALUE: case OP_BINARY_OP:
    case OP_COMPARE_OP: case OP_IS_OP: case OP_CONTAINS_OP: case OP_BINARY_SUBSCR:
    case OP_LIST_APPEND: case OP_SET_ADD: case OP_LIST_EXTEND: case OP_SET_UPDATE:
    case OP_DICT_UPDATE: case OP_DICT_MERGE: case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE:
    case OP_POP_JUMP_IF_NONE: case OP_POP_JUMP_IF_NOT_NONE: case OP_POP_EXCEPT:
    case OP_PREP_RERAISE_STAR: case OP_RERAISE: case OP_WITH_EXIT: case OP_IMPORT_NAME:
    case OP_IMPORT_STAR: case OP_PRINT_EXPR:
        return -1;
    case OP_STORE_ATTR: case OP_DELETE_SUBSCR: case OP_MAP_ADD: case OP_END_ASYNC_FOR:
        return -2;
    case OP_STORE_SUBSCR:
        return -3;
    case OP_CALL: return -(arg + 1);
    case OP_CALL_FUNCTION_EX: return -2 - (arg & 1);
    case OP_MAKE_FUNCTION: return -(((arg & 1) != 0) + ((arg & 2) != 0) + ((arg & 4) != 0) + ((arg & 8) != 0));
    case OP_BUILD_SLICE: return 1 - arg;
    case OP_BUILD_TUPLE: case OP_BUILD_LIST: case OP_BUILD_SET: case OP_BUILD_STRING:
        return 1 - arg;
    case OP_BUILD_MAP: return 1 - 2 * arg;
    case OP_FORMAT_VALUE: return (arg & 4) ? -1 : 0;
    case OP_UNPACK_SEQUENCE: return arg - 1;
    case OP_UNPACK_EX: return (arg & 0xff) + (arg >> 8);
    case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
    case OP_FOR_ITER: return jump ? -1 : 1;
    case OP_SEND: return jump ? -1 : 0;
    case OP_RAISE_VARARGS: return -arg;
    default:
        return 0;
    }
}

typedef struct { int depth, blocks; } DepthState;

/* Walk the control-flow graph computing the stack depth and handler-block depth at each
 * instruction; fails (SystemError) on inconsistent depths, which would be a compiler bug. */
static int analyze_depth(CodeObj *co, IInstr *ins, size_t n, const char *name)
{
    DepthState *st = malloc((n + 1) * sizeof(DepthState));
    size_t *work = malloc((n + 1) * sizeof(size_t));
    if (!st || !work) { free(st); free(work); err_no_memory(); return 0; }
    for (size_t i = 0; i < n; i++) st[i].depth = -1;
    size_t nw = 0;
    int maxd = 0, maxb = 0;
    const char *problem = NULL;
#define REACH(target, d, b) do { \
        size_t t_ = (size_t)(target); \
        if (t_ >= n) { problem = "jump out of range"; goto done; } \
        if (st[t_].depth < 0) { st[t_].depth = (d); st[t_].blocks = (b); work[nw++] = t_; } \
        else if (st[t_].depth != (d) || st[t_].blocks != (b)) { problem = "inconsistent stack depth"; goto done; } \
    } while (0)
    if (n) REACH(0, 0, 0);
    while (nw) {
        size_t i = work[--nw];
        int d = st[i].depth, b = st[i].blocks;
        for (;;) {
            int op = ins[i].op, arg = ins[i].arg;
            if (d > maxd) maxd = d;
            if (op == OP_SETUP_FINALLY) {
                REACH(arg, d + 1, b);
                if (d + 1 > maxd) maxd = d + 1;
                b++;
                if (b > maxb) maxb = b;
            } else if (is_jump(op)) {
                int dj = d + stack_effect(op, arg, true);
                if (dj < 0) { problem = "negative stack depth"; goto done; }
                REACH(arg, dj, b);
            }
            if (op == OP_POP_BLOCK) {
                if (--b < 0) { problem = "block stack underflow"; goto done; }
            }
            if (op != OP_SETUP_FINALLY) d += stack_effect(op, arg, false);
            if (d < 0) { problem = "negative stack depth"; goto done; }
            if (d > maxd) maxd = d;
            if (is_terminal(op)) break;
            if (++i >= n) { problem = "falls off the end"; goto done; }
            if (st[i].depth >= 0) {
                if (st[i].depth != d || st[i].blocks != b) { problem = "inconsistent stack depth"; goto done; }
                break;
            }
            st[i].depth = d;
            st[i].blocks = b;
        }
    }
#undef REACH
done:
    free(st);
    free(work);
    if (problem) {
        err_format(Exc_SystemError, "compiler bug in '%s': %s", name, problem);
        return 0;
    }
    co->stacksize = maxd;
    co->blockdepth = maxb;
    return 1;
}

/* ---------------------------------------------------------------- assembly */

static int compute_flags(Unit *u)
{
    Scope *s = u->ste;
    int flags = 0;
    if (s->type == BLOCK_FUNCTION) {
        flags |= CO_OPTIMIZED | CO_NEWLOCALS;
        if (s->is_nested) flags |= CO_NESTED;
        if (s->has_varargs) flags |= CO_VARARGS;
        if (s->has_varkw) flags |= CO_VARKEYWORDS;
        if (s->is_generator && s->is_coroutine) flags |= CO_ASYNC_GENERATOR;
        else if (s->is_generator) flags |= CO_GENERATOR;
        else if (s->is_coroutine) flags |= CO_COROUTINE;
    }
    return flags;
}

CodeObj *cg_assemble(Compiler *c, bool add_none_return)
{
    Unit *u = c->u;
    bool need_ret = u->nins == 0 || !is_terminal(u->ins[u->nins - 1].op);
    for (size_t i = 0; i < u->nlabels && !need_ret; i++)
        if (u->labels[i] == (int32_t)u->nins) need_ret = true;
    if (need_ret) {
        if (!add_none_return) {
            err_set_str(Exc_SystemError, "code block falls off its end");
            return NULL;
        }
        if (!cg_load_none(c) || !cg_emit(c, OP_RETURN_VALUE, 0)) return NULL;
    }
    for (size_t i = 0; i < u->nins; i++) {
        if (!is_jump(u->ins[i].op)) continue;
        int32_t t = u->labels[u->ins[i].arg];
        if (t < 0) {
            err_set_str(Exc_SystemError, "jump to an unplaced label");
            return NULL;
        }
        u->ins[i].arg = t;
    }
    if (!propagate_positions(u->ins, u->nins)) return NULL;
    CodeObj *co = code_new();
    if (!co) return NULL;
    co->ncode = u->nins;
    co->code = malloc(u->nins * sizeof(Instr) + 1);
    co->positions = malloc(u->nins * sizeof(Position) + 1);
    co->caches = calloc(u->nins + 1, sizeof(InlineCache));
    if (!co->code || !co->positions || !co->caches) goto nomem;
    for (size_t i = 0; i < u->nins; i++) {
        co->code[i] = MAKE_INSTR(u->ins[i].op, (uint32_t)u->ins[i].arg);
        co->positions[i] = u->ins[i].pos;
    }
    if (!(co->consts = list_as_tuple(u->consts)) || !(co->names = list_as_tuple(u->names)) ||
        !(co->varnames = list_as_tuple(u->varnames)) ||
        !(co->cellvars = list_as_tuple(u->cellvars)) ||
        !(co->freevars = list_as_tuple(u->freevars)))
        goto fail;
    size_t ncells = LIST_SIZE(u->cellvars);
    int nargs = u->argcount + u->kwonlyargcount + (u->ste->has_varargs ? 1 : 0) +
                (u->ste->has_varkw ? 1 : 0);
    if (ncells) {
        co->cell2arg = malloc(ncells * sizeof(int32_t));
        if (!co->cell2arg) goto nomem;
        for (size_t i = 0; i < ncells; i++) {
            co->cell2arg[i] = -1;
            Obj *idx = dict_get(u->varnames_map, LIST_GET(u->cellvars, i));
            if (idx && SMALL_VALUE(idx) < nargs) co->cell2arg[i] = (int32_t)SMALL_VALUE(idx);
        }
    }
    co->filename = NEWREF(c->filename_obj);
    if (!(co->name = str_from_cstr(u->name))) goto fail;
    co->qualname = NEWREF(u->qualname);
    co->firstlineno = u->firstlineno;
    co->argcount = u->argcount;
    co->posonlyargcount = u->posonlyargcount;
    co->kwonlyargcount = u->kwonlyargcount;
    co->nlocals = (int)LIST_SIZE(u->varnames);
    co->flags = compute_flags(u);
    if (!analyze_depth(co, u->ins, u->nins, u->name)) goto fail;
    return co;
nomem:
    err_no_memory();
fail:
    DECREF((Obj *)co);
    return NULL;
}
