/* disasm.c: opcode name tables, a dis-style disassembler for code objects, and the `dis`
 * module (dis.dis(function | method | code | source string)). */
#include <stdlib.h>
#include <string.h>
#include "disasm.h"
#include "types.h"
#include "vm.h"
#include "errors.h"
#include "modules.h"
#include "names.h"

const char *const opcode_names[OP__COUNT] = {
#define OP(name, has_arg, doc) #name,
    OPCODE_LIST(OP)
#undef OP
};

const unsigned char opcode_has_arg[OP__COUNT] = {
#define OP(name, has_arg, doc) has_arg,
    OPCODE_LIST(OP)
#undef OP
};

static bool op_is_jump(int op)
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

/* Print repr(o) (or "?" on error, clearing it). */
static void print_repr(FILE *out, Obj *o)
{
    Obj *r = obj_repr(o);
    if (!r) {
        err_clear();
        fputs("?", out);
        return;
    }
    fputs(str_cstr(r), out);
    DECREF(r);
}

static void print_tuple_item(FILE *out, Obj *t, size_t i)
{
    if (t && i < TUPLE_SIZE(t)) fputs(str_cstr(TUPLE_GET(t, i)), out);
    else fputs("?", out);
}

static const char *const cmp_names[] = {"<", "<=", "==", "!=", ">", ">="};

static void print_argrepr(CodeObj *co, int op, uint32_t arg, FILE *out)
{
    size_t ncells = TUPLE_SIZE(co->cellvars);
    if (op_is_jump(op)) {
        fprintf(out, "(to %u)", arg);
        return;
    }
    switch (op) {
    case OP_LOAD_CONST: case OP_KW_NAMES: case OP_RETURN_CONST:
        fputs("(", out);
        if (arg < TUPLE_SIZE(co->consts)) print_repr(out, TUPLE_GET(co->consts, arg));
        fputs(")", out);
        return;
    case OP_LOAD_FAST: case OP_STORE_FAST: case OP_DELETE_FAST:
        fputs("(", out);
        print_tuple_item(out, co->varnames, arg);
        fputs(")", out);
        return;
    case OP_LOAD_DEREF: case OP_STORE_DEREF: case OP_DELETE_DEREF: case OP_LOAD_CLASSDEREF:
    case OP_LOAD_CLOSURE:
        fputs("(", out);
        if (arg < ncells) print_tuple_item(out, co->cellvars, arg);
        else print_tuple_item(out, co->freevars, arg - ncells);
        fputs(")", out);
        return;
    case OP_LOAD_GLOBAL: case OP_STORE_GLOBAL: case OP_DELETE_GLOBAL: case OP_LOAD_NAME:
    case OP_STORE_NAME: case OP_DELETE_NAME: case OP_LOAD_ATTR: case OP_STORE_ATTR:
    case OP_DELETE_ATTR: case OP_LOAD_METHOD: case OP_IMPORT_NAME: case OP_IMPORT_FROM:
        fputs("(", out);
        print_tuple_item(out, co->names, arg);
        fputs(")", out);
        return;
    case OP_COMPARE_OP:
        if (arg < 6) fprintf(out, "(%s)", cmp_names[arg]);
        return;
    case OP_IS_OP:
        fputs(arg ? "(is not)" : "(is)", out);
        return;
    case OP_CONTAINS_OP:
        fputs(arg ? "(not in)" : "(in)", out);
        return;
    case OP_BINARY_OP: {
        uint32_t base = arg >= NB_INPLACE ? arg - NB_INPLACE : arg;
        if (base < NB_COUNT) fprintf(out, "(%s%s)", nb_op_symbols[base], arg >= NB_INPLACE ? "=" : "");
        return;
    }
    case OP_FORMAT_VALUE: {
        static const char *const conv[] = {"", "str", "repr", "ascii"};
        if (arg & 3) fprintf(out, "(%s%s)", conv[arg & 3], (arg & 4) ? ", with format" : "");
        else if (arg & 4) fputs("(with format)", out);
        return;
    }
    default:
        return;
    }
}

void code_disassemble(CodeObj *co, FILE *out)
{
    size_t n = co->ncode;
    bool *target = calloc(n + 1, sizeof(bool));
    if (!target) return;
    for (size_t i = 0; i < n; i++) {
        int op = (int)INSTR_OP(co->code[i]);
        uint32_t arg = INSTR_ARG(co->code[i]);
        if (op_is_jump(op) && arg < n) target[arg] = true;
    }
    int last_line = -2;
    for (size_t i = 0; i < n; i++) {
        int op = (int)INSTR_OP(co->code[i]);
        uint32_t arg = INSTR_ARG(co->code[i]);
        int line = co->positions ? co->positions[i].line : -1;
        char linebuf[16] = "   ";
        if (line != last_line) {
            if (i > 0) fputc('\n', out);
            if (line >= 0) snprintf(linebuf, sizeof linebuf, "%3d", line);
            else snprintf(linebuf, sizeof linebuf, "  ?");
            last_line = line;
        }
        const char *name = op < OP__COUNT ? opcode_names[op] : "<invalid>";
        if (op < OP__COUNT && opcode_has_arg[op]) {
            fprintf(out, "%s     %s %4zu %-20s %5u", linebuf, target[i] ? ">>" : "  ", i, name, arg);
            char *rep = NULL;
            size_t replen = 0;
            FILE *mem = open_memstream(&rep, &replen);
            if (mem) {
                print_argrepr(co, op, arg, mem);
                fclose(mem);
                if (replen) fprintf(out, " %s", rep);
                free(rep);
            }
        } else {
            fprintf(out, "%s     %s %4zu %s", linebuf, target[i] ? ">>" : "  ", i, name);
        }
        fputc('\n', out);
    }
    free(target);
    for (size_t i = 0; i < TUPLE_SIZE(co->consts); i++) {
        Obj *k = TUPLE_GET(co->consts, i);
        if (IS_SMALL(k) || k->type != &Type_code) continue;
        fputs("\nDisassembly of ", out);
        print_repr(out, k);
        fputs(":\n", out);
        code_disassemble((CodeObj *)k, out);
    }
}

/* ---------------------------------------------------------------- the dis module */

static Obj *code_of(Obj *x)
{
    if (TYPE(x) == &Type_method) x = ((MethodObj *)x)->func;
    if (TYPE(x) == &Type_function) return NEWREF(((FunctionObj *)x)->code);
    if (TYPE(x) == &Type_code) return NEWREF(x);
    if (STR_CHECK(x)) {
        Obj *co = vm_compile_source(str_cstr(x), "<dis>", COMPILE_EVAL);
        if (co) return co;
        if (!err_matches(Exc_SyntaxError)) return NULL;
        err_clear();
        return vm_compile_source(str_cstr(x), "<dis>", COMPILE_EXEC);
    }
    return err_format(Exc_TypeError, "don't know how to disassemble %s objects", type_name(TYPE(x)));
}

static Obj *dis_dis(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)
{
    static const char *const names[] = {"x", "file"};
    Obj *vals[2] = {NULL, NULL};
    if (args_parse("dis", args, nargs, kwnames, names, 2, 1, 1, vals) < 0) return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem) return err_no_memory();
    if (TYPE_CHECK(vals[0])) {
        /* a class: each function in its namespace, sorted by name, as CPython */
        Obj *items = dict_items_list(((Type *)vals[0])->dict);
        if (!items || list_sort(items, NULL, false) < 0) {
            XDECREF(items);
            fclose(mem);
            free(buf);
            return NULL;
        }
        for (size_t i = 0; i < LIST_SIZE(items); i++) {
            Obj *name = TUPLE_GET(LIST_GET(items, i), 0), *v = TUPLE_GET(LIST_GET(items, i), 1);
            Obj *inner = NULL;
            if (TYPE(v) == &Type_classmethod || TYPE(v) == &Type_staticmethod)
                inner = obj_getattr(v, NAME(__func__));
            else
                inner = NEWREF(v);
            if (!inner) { err_clear(); continue; }
            if (TYPE(inner) == &Type_function) {
                fprintf(mem, "Disassembly of %s:\n", str_cstr(name));
                code_disassemble((CodeObj *)((FunctionObj *)inner)->code, mem);
                fputc('\n', mem);
            }
            DECREF(inner);
        }
        DECREF(items);
    } else {
        Obj *co = code_of(vals[0]);
        if (!co) {
            fclose(mem);
            free(buf);
            return NULL;
        }
        code_disassemble((CodeObj *)co, mem);
        DECREF(co);
    }
    fclose(mem);
    Obj *text = str_from_utf8(buf, len);
    free(buf);
    if (!text) return NULL;
    Obj *file = vals[1];
    if (!file || file == V_None) file = dict_get_cstr(vm_interp()->sysdict, "stdout");
    if (!file) {
        DECREF(text);
        return err_set_str(Exc_RuntimeError, "lost sys.stdout");
    }
    Obj *r = obj_call_method(file, NAME(write), &text, 1);
    DECREF(text);
    if (!r) return NULL;
    DECREF(r);
    RETURN_NONE;
}

static const MethodDef dis_methods[] = {
    {"dis", dis_dis, METH_KEYWORDS, "Disassemble a function, method, code object or source string."},
    {NULL},
};

Obj *modinit_dis(void)
{
    Obj *m = module_new("dis");
    if (!m) return NULL;
    if (module_add_methods(m, dis_methods) < 0) goto fail;
    Obj *names = list_new(0);
    if (!names) goto fail;
    for (int i = 0; i < OP__COUNT; i++) {
        Obj *s = str_from_cstr(opcode_names[i]);
        if (!s || list_append_steal(names, s) < 0) {
            DECREF(names);
            goto fail;
        }
    }
    int r = module_add_object(m, "opname", names);
    DECREF(names);
    if (r < 0) goto fail;
    return m;
fail:
    DECREF(m);
    return NULL;
}
