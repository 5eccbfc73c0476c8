/* codegen_func.c: code objects nested in others: def / async def, lambda, class bodies (the
 * __build_class__ protocol) and comprehensions (inlined-free CPython 3.11 style: a function
 * called at once with the first iterator as its ".0" argument), plus closures. */
#include <string.h>
#include "codegen.h"
#include "errors.h"

int cg_make_closure(Compiler *c, CodeObj *co, int flags)
{
    size_t nfree = TUPLE_SIZE(co->freevars);
    if (nfree) {
        for (size_t i = 0; i < nfree; i++) {
            int idx = cg_deref_index(c, str_cstr(TUPLE_GET(co->freevars, i)));
            if (idx < 0) return 0;
            TRY(cg_emit(c, OP_LOAD_CLOSURE, idx));
        }
        TRY(cg_emit(c, OP_BUILD_TUPLE, (int)nfree));
        flags |= 8;
    }
    int ci = cg_add_const(c, (Obj *)co);
    if (ci < 0) return 0;
    TRY(cg_emit(c, OP_LOAD_CONST, ci));
    return cg_emit(c, OP_MAKE_FUNCTION, flags);
}

/* Push defaults (tuple) and keyword-only defaults (dict); returns MAKE_FUNCTION flags or -1. */
static int default_arguments(Compiler *c, Arguments *a)
{
    int flags = 0;
    if (a->defaults.n) {
        /* all-constant defaults become one tuple constant (CPython's tuple folding) */
        Obj *t = tuple_new(a->defaults.n);
        if (!t) return -1;
        for (size_t i = 0; t && i < a->defaults.n; i++) {
            Obj *v = cg_const_value(a->defaults.items[i]);
            if (!v) { DECREF(t); t = NULL; break; }
            TUPLE_SET_STEAL(t, i, v);
        }
        if (t) {
            if (!cg_load_const_steal(c, t)) return -1;
        } else {
            for (size_t i = 0; i < a->defaults.n; i++)
                if (!cg_expr(c, a->defaults.items[i])) return -1;
            if (!cg_emit(c, OP_BUILD_TUPLE, (int)a->defaults.n)) return -1;
        }
        flags |= 1;
    }
    int nkw = 0;
    for (size_t i = 0; i < a->kwonlyargs.n; i++) {
        Node *d = i < a->kw_defaults.n ? a->kw_defaults.items[i] : NULL;
        if (!d) continue;
        const char *name = cg_mangle(c, a->kwonlyargs.items[i]->v.arg.arg);
        if (!cg_load_const_steal(c, str_from_cstr(name)) || !cg_expr(c, d)) return -1;
        nkw++;
    }
    if (nkw) {
        if (!cg_emit(c, OP_BUILD_MAP, nkw)) return -1;
        flags |= 2;
    }
    return flags;
}

/* The source text of node n (CPython unparses the AST; the source slice is the same text for
 * annotations written in the usual style). Lines after the first are joined with a space. */
static Obj *node_source_text(Compiler *c, const Node *n)
{
    const char *p = c->source;
    if (!p) return NULL;
    for (int l = 1; l < n->lineno && p; l++) {
        p = strchr(p, '\n');
        if (p) p++;
    }
    if (!p) return NULL;
    StrBuilder sb;
    sb_init(&sb);
    int line = n->lineno;
    const char *q = p + n->col_offset;
    for (;;) {
        const char *eol = strchr(q, '\n');
        if (line == n->end_lineno) {
            const char *e = p + n->end_col_offset;
            if (e < q) e = q;
            sb_append(&sb, q, (size_t)(e - q));
            break;
        }
        if (!eol) {
            sb_append_cstr(&sb, q);
            break;
        }
        sb_append(&sb, q, (size_t)(eol - q));
        sb_append_char(&sb, ' ');
        p = eol + 1;
        q = p;
        while (*q == ' ' || *q == '\t') q++;
        line++;
    }
    return sb_finish(&sb);
}

int cg_annotation(Compiler *c, Node *ann)
{
    if (c->future_annotations) {
        Obj *text = node_source_text(c, ann);
        if (text) return cg_load_const_steal(c, text);
        if (err_occurred()) return 0;
    }
    return cg_expr(c, ann);
}

static int annotation_pair(Compiler *c, const char *name, Node *ann, int *count)
{
    if (!ann) return 1;
    TRY(cg_load_const_steal(c, str_from_cstr(cg_mangle(c, name))));
    if (ann->kind == N_Starred && !c->future_annotations) {
        /* `*args: *Ts` (PEP 646): the annotation is the unpacked value */
        TRY(cg_expr(c, ann->v.starred.value));
        TRY(cg_emit(c, OP_UNPACK_SEQUENCE, 1));
    } else {
        TRY(cg_annotation(c, ann));
    }
    *count += 2;
    return 1;
}

/* Annotations as a flat (name, value, ...) tuple, CPython 3.11's MAKE_FUNCTION 0x04 form. */
static int annotations(Compiler *c, Arguments *a, Node *returns)
{
    int n = 0;
    for (size_t i = 0; i < a->args.n; i++)
        if (!annotation_pair(c, a->args.items[i]->v.arg.arg, a->args.items[i]->v.arg.annotation, &n)) return -1;
    for (size_t i = 0; i < a->posonlyargs.n; i++)
        if (!annotation_pair(c, a->posonlyargs.items[i]->v.arg.arg, a->posonlyargs.items[i]->v.arg.annotation, &n)) return -1;
    if (a->vararg && !annotation_pair(c, a->vararg->v.arg.arg, a->vararg->v.arg.annotation, &n)) return -1;
    for (size_t i = 0; i < a->kwonlyargs.n; i++)
        if (!annotation_pair(c, a->kwonlyargs.items[i]->v.arg.arg, a->kwonlyargs.items[i]->v.arg.annotation, &n)) return -1;
    if (a->kwarg && !annotation_pair(c, a->kwarg->v.arg.arg, a->kwarg->v.arg.annotation, &n)) return -1;
    if (returns) {
        if (!cg_load_const_steal(c, str_from_cstr("return")) || !cg_annotation(c, returns)) return -1;
        n += 2;
    }
    if (!n) return 0;
    if (!cg_emit(c, OP_BUILD_TUPLE, n)) return -1;
    return 4;
}

/* CPython's compiler_check_debug_args: no parameter may be called __debug__. */
static int check_debug_args(Compiler *c, Arguments *a)
{
    NodeList *lists[3] = {&a->posonlyargs, &a->args, &a->kwonlyargs};
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < lists[k]->n; i++)
            if (strcmp(lists[k]->items[i]->v.arg.arg, "__debug__") == 0)
                return cg_error(c, NULL, "cannot assign to __debug__");
    if (a->vararg && strcmp(a->vararg->v.arg.arg, "__debug__") == 0)
        return cg_error(c, NULL, "cannot assign to __debug__");
    if (a->kwarg && strcmp(a->kwarg->v.arg.arg, "__debug__") == 0)
        return cg_error(c, NULL, "cannot assign to __debug__");
    return 1;
}

static void set_arg_counts(Unit *u, Arguments *a)
{
    u->argcount = (int)(a->posonlyargs.n + a->args.n);
    u->posonlyargcount = (int)a->posonlyargs.n;
    u->kwonlyargcount = (int)a->kwonlyargs.n;
}

static int decorators(Compiler *c, NodeList *d)
{
    for (size_t i = 0; i < d->n; i++) {
        TRY(cg_expr(c, d->items[i]));
        TRY(cg_emit(c, OP_PUSH_NULL, 0));
    }
    return 1;
}

static int apply_decorators(Compiler *c, NodeList *d)
{
    for (size_t i = d->n; i-- > 0;) {
        cg_set_loc(c, d->items[i]);
        TRY(cg_emit(c, OP_CALL, 1));
    }
    return 1;
}

int cg_function(Compiler *c, Node *s)
{
    Arguments *a = s->v.funcdef.args;
    NodeList *body = &s->v.funcdef.body;
    TRY(check_debug_args(c, a));
    TRY(decorators(c, &s->v.funcdef.decorators));
    int firstlineno = s->v.funcdef.decorators.n ? s->v.funcdef.decorators.items[0]->lineno : s->lineno;
    cg_set_loc(c, s);
    int flags = default_arguments(c, a);
    if (flags < 0) return 0;
    int ann = annotations(c, a, s->v.funcdef.returns);
    if (ann < 0) return 0;
    flags |= ann;
    if (!cg_enter_scope(c, s->v.funcdef.name, s->v.funcdef.is_async ? U_ASYNC_FUNCTION : U_FUNCTION,
                        s, firstlineno))
        return 0;
    size_t first = 0;
    Obj *doc = NULL;
    if (body->n && body->items[0]->kind == N_Expr && body->items[0]->v.ret.value->kind == N_Constant &&
        body->items[0]->v.ret.value->v.constant.kind == CONST_STR) {
        doc = cg_const_object(&body->items[0]->v.ret.value->v.constant);
        first = 1;
    } else {
        doc = NEWREF(V_None);
    }
    int ok = doc && cg_add_const(c, doc) >= 0;
    XDECREF(doc);
    set_arg_counts(c->u, a);
    for (size_t i = first; ok && i < body->n; i++) ok = cg_stmt(c, body->items[i]);
    CodeObj *co = ok ? cg_assemble(c, true) : NULL;
    cg_exit_scope(c);
    if (!co) return 0;
    cg_set_loc(c, s);
    ok = cg_make_closure(c, co, flags);
    DECREF((Obj *)co);
    TRY(ok);
    TRY(apply_decorators(c, &s->v.funcdef.decorators));
    cg_set_loc(c, s);
    return cg_nameop(c, s->v.funcdef.name, CTX_STORE);
}

int cg_lambda(Compiler *c, Node *e)
{
    Arguments *a = e->v.lambda.args;
    TRY(check_debug_args(c, a));
    int flags = default_arguments(c, a);
    if (flags < 0) return 0;
    if (!cg_enter_scope(c, "<lambda>", U_LAMBDA, e, e->lineno)) return 0;
    int ok = cg_add_const(c, V_None) >= 0;   /* so a lambda never has a docstring */
    set_arg_counts(c->u, a);
    if (ok) ok = cg_expr(c, e->v.lambda.body);
    cg_set_loc(c, e);
    if (ok) ok = cg_emit(c, OP_RETURN_VALUE, 0);
    CodeObj *co = ok ? cg_assemble(c, true) : NULL;
    cg_exit_scope(c);
    if (!co) return 0;
    ok = cg_make_closure(c, co, flags);
    DECREF((Obj *)co);
    return ok;
}

int cg_class(Compiler *c, Node *s)
{
    TRY(decorators(c, &s->v.classdef.decorators));
    int firstlineno = s->v.classdef.decorators.n ? s->v.classdef.decorators.items[0]->lineno : s->lineno;
    if (!cg_enter_scope(c, s->v.classdef.name, U_CLASS, s, firstlineno)) return 0;
    Unit *u = c->u;
    cg_set_loc(c, s);
    int ok = cg_emit_name(c, OP_LOAD_NAME, "__name__") && cg_emit_name(c, OP_STORE_NAME, "__module__") &&
             cg_load_const_steal(c, NEWREF(u->qualname)) &&
             cg_emit_name(c, OP_STORE_NAME, "__qualname__") &&
             cg_body(c, &s->v.classdef.body, true);
    if (ok) {
        if (u->ste->needs_class_closure) {
            int idx = cg_deref_index(c, "__class__");
            ok = idx >= 0 && cg_emit(c, OP_LOAD_CLOSURE, idx) && cg_emit(c, OP_COPY, 1) &&
                 cg_emit_name(c, OP_STORE_NAME, "__classcell__") && cg_emit(c, OP_RETURN_VALUE, 0);
        } else {
            ok = cg_load_none(c) && cg_emit(c, OP_RETURN_VALUE, 0);
        }
    }
    CodeObj *co = ok ? cg_assemble(c, true) : NULL;
    cg_exit_scope(c);
    if (!co) return 0;
    cg_set_loc(c, s);
    TRY(cg_emit(c, OP_LOAD_BUILD_CLASS, 0));
    TRY(cg_emit(c, OP_PUSH_NULL, 0));
    ok = cg_make_closure(c, co, 0);
    DECREF((Obj *)co);
    TRY(ok);
    TRY(cg_load_const_steal(c, str_from_cstr(s->v.classdef.name)));
    TRY(cg_call_helper(c, 2, &s->v.classdef.bases, &s->v.classdef.keywords, s));
    TRY(apply_decorators(c, &s->v.classdef.decorators));
    cg_set_loc(c, s);
    return cg_nameop(c, s->v.classdef.name, CTX_STORE);
}

/* ---------------------------------------------------------------- comprehensions */

static int comp_generator(Compiler *c, Node *e, size_t gi, int depth);

static int comp_element(Compiler *c, Node *e, int depth)
{
    switch (e->kind) {
    case N_GeneratorExp:
        TRY(cg_expr(c, e->v.comp.elt));
        cg_set_loc(c, e->v.comp.elt);
        if (c->u->ste->is_coroutine && c->u->ste->is_generator) TRY(cg_emit(c, OP_ASYNC_GEN_WRAP, 0));
        TRY(cg_emit(c, OP_YIELD_VALUE, 0));
        return cg_emit(c, OP_POP_TOP, 0);
    case N_ListComp:
        TRY(cg_expr(c, e->v.comp.elt));
        return cg_emit(c, OP_LIST_APPEND, depth + 1);
    case N_SetComp:
        TRY(cg_expr(c, e->v.comp.elt));
        return cg_emit(c, OP_SET_ADD, depth + 1);
    default:
        TRY(cg_expr(c, e->v.comp.elt));
        TRY(cg_expr(c, e->v.comp.value));
        return cg_emit(c, OP_MAP_ADD, depth + 1);
    }
}

static int comp_body(Compiler *c, Node *e, Node *g, size_t gi, int depth, int if_cleanup)
{
    for (size_t i = 0; i < g->v.comprehension.ifs.n; i++)
        TRY(cg_jump_if(c, g->v.comprehension.ifs.items[i], if_cleanup, false));
    if (gi + 1 < e->v.comp.generators.n) return comp_generator(c, e, gi + 1, depth);
    return comp_element(c, e, depth);
}

static int comp_generator(Compiler *c, Node *e, size_t gi, int depth)
{
    Node *g = e->v.comp.generators.items[gi];
    int start = cg_new_label(c), if_cleanup = cg_new_label(c), anchor = cg_new_label(c);
    if (gi == 0) {
        TRY(cg_emit(c, OP_LOAD_FAST, 0));   /* ".0" */
    } else {
        TRY(cg_iterable(c, g->v.comprehension.iter));
        cg_set_loc(c, g->v.comprehension.iter);
        TRY(cg_emit(c, g->v.comprehension.is_async ? OP_GET_AITER : OP_GET_ITER, 0));
    }
    depth++;
    if (g->v.comprehension.is_async) {
        int except = cg_new_label(c);
        cg_place(c, start);
        TRY(cg_jump(c, OP_SETUP_FINALLY, except));
        TRY(cg_emit(c, OP_GET_ANEXT, 0));
        TRY(cg_load_none(c));
        TRY(cg_add_yield_from(c, true));
        TRY(cg_emit(c, OP_POP_BLOCK, 0));
        TRY(cg_store_target(c, g->v.comprehension.target));
        TRY(cg_push_fblock(c, e, FB_ASYNC_COMPREHENSION_GENERATOR, start, -1, NULL, NULL));
        TRY(comp_body(c, e, g, gi, depth, if_cleanup));
        cg_pop_fblock(c);
        cg_place(c, if_cleanup);
        TRY(cg_jump(c, OP_JUMP, start));
        cg_place(c, except);
        cg_set_loc(c, e);
        return cg_emit(c, OP_END_ASYNC_FOR, 0);
    }
    cg_place(c, start);
    TRY(cg_jump(c, OP_FOR_ITER, anchor));
    TRY(cg_store_target(c, g->v.comprehension.target));
    TRY(comp_body(c, e, g, gi, depth, if_cleanup));
    cg_place(c, if_cleanup);
    TRY(cg_jump(c, OP_JUMP, start));
    cg_place(c, anchor);
    return 1;
}

int cg_comprehension(Compiler *c, Node *e)
{
    const char *name;
    int build = -1;
    switch (e->kind) {
    case N_ListComp: name = "<listcomp>"; build = OP_BUILD_LIST; break;
    case N_SetComp: name = "<setcomp>"; build = OP_BUILD_SET; break;
    case N_DictComp: name = "<dictcomp>"; build = OP_BUILD_MAP; break;
    default: name = "<genexpr>"; break;
    }
    Node *outer = e->v.comp.generators.items[0];
    UnitType outer_type = c->u->type;
    if (!cg_enter_scope(c, name, U_COMPREHENSION, e, e->lineno)) return 0;
    Scope *ste = c->u->ste;
    bool is_async_gen = ste->is_coroutine;
    int ok = 1;
    if (is_async_gen && e->kind != N_GeneratorExp && outer_type != U_ASYNC_FUNCTION &&
        outer_type != U_COMPREHENSION)
        ok = cg_error(c, e, "asynchronous comprehension outside of an asynchronous function");
    c->u->argcount = 1;
    if (ok && build >= 0) ok = cg_emit(c, build, 0);
    if (ok) ok = comp_generator(c, e, 0, 0);
    if (ok && build >= 0) ok = cg_emit(c, OP_RETURN_VALUE, 0);
    CodeObj *co = ok ? cg_assemble(c, true) : NULL;
    cg_exit_scope(c);
    if (!co) return 0;
    ok = cg_make_closure(c, co, 0);
    DECREF((Obj *)co);
    TRY(ok);
    TRY(cg_emit(c, OP_PUSH_NULL, 0));
    TRY(cg_iterable(c, outer->v.comprehension.iter));
    cg_set_loc(c, outer->v.comprehension.iter);
    TRY(cg_emit(c, outer->v.comprehension.is_async ? OP_GET_AITER : OP_GET_ITER, 0));
    cg_set_loc(c, e);
    TRY(cg_emit(c, OP_CALL, 1));
    if (is_async_gen && e->kind != N_GeneratorExp) {
        TRY(cg_emit(c, OP_GET_AWAITABLE, 0));
        TRY(cg_load_none(c));
        TRY(cg_add_yield_from(c, true));
    }
    return 1;
}
