/* compile.c: the front end's glue: source text -> parser -> symbol table -> code generator ->
 * module code object (vm_compile_source), SyntaxError construction from parser errors. */
#include <string.h>
#include "codegen.h"
#include "vm.h"
#include "errors.h"

/* CPython's future.c: future imports must come first and name known features. */
static int check_future(Node *mod, const char *filename, const char *source)
{
    if (mod->kind != N_Module && mod->kind != N_Interactive) return 1;
    static const char *const known[] = {"nested_scopes", "generators", "division",
        "absolute_import", "with_statement", "print_function", "unicode_literals",
        "barry_as_FLUFL", "generator_stop", "annotations", NULL};
    NodeList *body = &mod->v.module.body;
    bool done = false;
    for (size_t i = 0; i < body->n; i++) {
        Node *s = body->items[i];
        if (s->kind == N_ImportFrom && s->v.import.module &&
            strcmp(s->v.import.module, "__future__") == 0 && s->v.import.level == 0) {
            if (done) {
                symtable_syntax_error(filename, source, s,
                                      "from __future__ imports must occur at the beginning of the file");
                return 0;
            }
            for (size_t k = 0; k < s->v.import.names.n; k++) {
                const char *f = s->v.import.names.items[k]->v.alias.name;
                bool ok = false;
                for (int j = 0; known[j]; j++) ok |= strcmp(known[j], f) == 0;
                if (strcmp(f, "braces") == 0) {
                    symtable_syntax_error(filename, source, s, "not a chance");
                    return 0;
                }
                if (!ok) {
                    symtable_syntax_error(filename, source, s, "future feature %s is not defined", f);
                    return 0;
                }
            }
            continue;
        }
        if (i == 0 && s->kind == N_Expr && s->v.ret.value->kind == N_Constant &&
            s->v.ret.value->v.constant.kind == CONST_STR)
            continue;
        done = true;
    }
    return 1;
}

/* Does the module start (after its docstring) with `from __future__ import annotations`? */
static bool has_future_annotations(Node *mod)
{
    if (mod->kind != N_Module && mod->kind != N_Interactive) return false;
    NodeList *body = &mod->v.module.body;
    for (size_t i = 0; i < body->n; i++) {
        Node *s = body->items[i];
        if (i == 0 && s->kind == N_Expr && s->v.ret.value->kind == N_Constant &&
            s->v.ret.value->v.constant.kind == CONST_STR)
            continue;
        if (s->kind != N_ImportFrom || !s->v.import.module ||
            strcmp(s->v.import.module, "__future__") != 0)
            return false;
        for (size_t k = 0; k < s->v.import.names.n; k++)
            if (strcmp(s->v.import.names.items[k]->v.alias.name, "annotations") == 0) return true;
    }
    return false;
}

Obj *compiler_compile_ast(Node *mod, Arena *arena, const char *filename, const char *source)
{
    Compiler cc;
    memset(&cc, 0, sizeof cc);
    Compiler *c = &cc;
    c->arena = arena;
    c->filename = filename;
    c->source = source;
    c->interactive = mod->kind == N_Interactive;
    c->future_annotations = has_future_annotations(mod);
    if (!check_future(mod, filename, source)) return NULL;
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
