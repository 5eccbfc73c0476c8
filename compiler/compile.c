/* compile.c: the front end's glue: source text -> parser -> symbol table -> code generator ->
 * module code object (vm_compile_source), SyntaxError construction from parser errors. */
#include <string.h>
#include "codegen.h"
#include "vm.h"
#include "errors.h"

Obj *compiler_compile_ast(Node *mod, Arena *arena, const char *filename, const char *source)
{
    Compiler cc;
    memset(&cc, 0, sizeof cc);
    Compiler *c = &cc;
    c->arena = arena;
    c->filename = filename;
    c->source = source;
    c->interactive = mod->kind == N_Interactive;
    c->st = symtable_build(arena, mod, filename, source);
    if (!c->st) return NULL;
    c->filename_obj = str_from_cstr(filename);
    if (!c->filename_obj) return NULL;
    CodeObj *co = NULL;
    if (cg_enter_scope(c, "<module>", U_MODULE, mod, 1)) {
        int ok;
        switch (mod->kind) {
        case N_Module:
            ok = cg_body(c, &mod->v.module.body, true);
            break;
        case N_Interactive:
            ok = 1;
            if (cg_find_annotations(&mod->v.module.body)) ok = cg_emit(c, OP_SETUP_ANNOTATIONS, 0);
            if (ok) ok = cg_stmts(c, &mod->v.module.body);
            break;
        case N_Expression:
            ok = cg_expr(c, mod->v.expression.body) && cg_emit(c, OP_RETURN_VALUE, 0);
            break;
        default:
            ok = 0;
            err_set_str(Exc_SystemError, "compile: bad module node");
        }
        if (ok) co = cg_assemble(c, true);
        cg_exit_scope(c);
    }
    DECREF(c->filename_obj);
    return (Obj *)co;
}

Obj *vm_compile_source(const char *source, const char *filename, CompileMode mode)
{
    Arena *arena = arena_new();
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    ParseMode pm = mode == COMPILE_EVAL ? PARSE_EVAL : mode == COMPILE_SINGLE ? PARSE_SINGLE : PARSE_FILE;
    Node *mod = parse_source(arena, source, filename, pm, &err);
    if (!mod) {
        if (!err_occurred()) {
            Type *t = err.kind == 1 ? Exc_IndentationError : err.kind == 2 ? Exc_TabError
                                                                           : Exc_SyntaxError;
            err_syntax(t, err.msg, filename, err.lineno, err.offset, err.text, err.end_lineno,
                       err.end_offset);
        }
        syntax_error_info_free(&err);
        arena_free(arena);
        return NULL;
    }
    Obj *co = compiler_compile_ast(mod, arena, filename, source);
    arena_free(arena);
    return co;
}
