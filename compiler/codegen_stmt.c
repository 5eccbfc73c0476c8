/* codegen_stmt.c: statements: assignment forms, control flow (if/while/for, break/continue/
 * return through frame blocks), try/except/finally and except* on the block-stack scheme of
 * opcodes.h, with statements, imports, asserts, raise, del. */
#include <string.h>
#include "codegen.h"
#include "errors.h"

int cg_stmts(Compiler *c, NodeList *l)
{
    for (size_t i = 0; i < l->n; i++) TRY(cg_stmt(c, l->items[i]));
    return 1;
}

/* ---------------------------------------------------------------- yield from / await */

int cg_add_yield_from(Compiler *c, bool await)
{
    (void)await;
    int start = cg_new_label(c), exit = cg_new_label(c);
    cg_place(c, start);
    TRY(cg_jump(c, OP_SEND, exit));
    TRY(cg_emit(c, OP_YIELD_VALUE, 0));
    TRY(cg_jump(c, OP_JUMP, start));
    cg_place(c, exit);
    return 1;
}

/* [exit] -> [awaited exit(None, None, None)] for async with. */
static int call_aexit_with_nones(Compiler *c)
{
    TRY(cg_emit(c, OP_PUSH_NULL, 0));
    TRY(cg_load_none(c));
    TRY(cg_load_none(c));
    TRY(cg_load_none(c));
    TRY(cg_emit(c, OP_CALL, 3));
    TRY(cg_emit(c, OP_GET_AWAITABLE, 2));
    TRY(cg_load_none(c));
    return cg_add_yield_from(c, true);
}

/* ---------------------------------------------------------------- frame-block unwinding */

static int unwind_fblock(Compiler *c, FBlock *fb, bool preserve_tos)
{
    switch (fb->type) {
    case FB_WHILE_LOOP: case FB_EXCEPTION_HANDLER: case FB_EXCEPTION_GROUP_HANDLER:
    case FB_ASYNC_COMPREHENSION_GENERATOR:
        return 1;
    case FB_FOR_LOOP: case FB_ASYNC_FOR_LOOP:
        if (preserve_tos) TRY(cg_emit(c, OP_SWAP, 2));
        return cg_emit(c, OP_POP_TOP, 0);
    case FB_TRY_EXCEPT:
        return cg_emit(c, OP_POP_BLOCK, 0);
    case FB_FINALLY_TRY: {
        Position saved = c->u->loc;
        TRY(cg_emit(c, OP_POP_BLOCK, 0));
        if (preserve_tos) TRY(cg_push_fblock(c, fb->datum, FB_POP_VALUE, -1, -1, NULL, NULL));
        TRY(cg_stmts(c, &fb->datum->v.tryst.finalbody));
        if (preserve_tos) cg_pop_fblock(c);
        (void)saved;
        cg_set_artificial(c);   /* what follows appears to run after the unwinding statement */
        return 1;
    }
    case FB_FINALLY_END:
        if (preserve_tos) TRY(cg_emit(c, OP_SWAP, 2));
        TRY(cg_emit(c, OP_POP_TOP, 0));
        if (preserve_tos) TRY(cg_emit(c, OP_SWAP, 2));
        TRY(cg_emit(c, OP_POP_BLOCK, 0));
        return cg_emit(c, OP_POP_EXCEPT, 0);
    case FB_WITH: case FB_ASYNC_WITH: {
        Position saved = c->u->loc;
        cg_set_loc(c, fb->datum);
        TRY(cg_emit(c, OP_POP_BLOCK, 0));
        if (preserve_tos) TRY(cg_emit(c, OP_SWAP, 2));
        if (fb->type == FB_WITH) {
            TRY(cg_emit(c, OP_WITH_EXIT, 0));
        } else {
            TRY(call_aexit_with_nones(c));
            TRY(cg_emit(c, OP_POP_TOP, 0));
        }
        c->u->loc = saved;
        return 1;
    }
    case FB_HANDLER_CLEANUP:
        if (fb->name) TRY(cg_emit(c, OP_POP_BLOCK, 0));
        if (preserve_tos) TRY(cg_emit(c, OP_SWAP, 2));
        TRY(cg_emit(c, OP_POP_BLOCK, 0));
        TRY(cg_emit(c, OP_POP_EXCEPT, 0));
        if (fb->name) {
            TRY(cg_load_none(c));
            TRY(cg_nameop(c, fb->name, CTX_STORE));
            TRY(cg_nameop(c, fb->name, CTX_DEL));
        }
        return 1;
    case FB_POP_VALUE:
        if (preserve_tos) TRY(cg_emit(c, OP_SWAP, 2));
        return cg_emit(c, OP_POP_TOP, 0);
    }
    return 1;
}

int cg_unwind_fblock_stack(Compiler *c, bool preserve_tos, FBlock **loop)
{
    Unit *u = c->u;
    if (u->nfb == 0) return 1;
    FBlock *top = &u->fb[u->nfb - 1];
    if (top->type == FB_EXCEPTION_GROUP_HANDLER)
        return cg_error(c, NULL, "'break', 'continue' and 'return' cannot appear in an except* block");
    if (loop && (top->type == FB_WHILE_LOOP || top->type == FB_FOR_LOOP ||
                 top->type == FB_ASYNC_FOR_LOOP)) {
        *loop = top;
        return 1;
    }
    FBlock copy = *top;
    u->nfb--;
    TRY(unwind_fblock(c, &copy, preserve_tos));
    TRY(cg_unwind_fblock_stack(c, preserve_tos, loop));
    u->fb[u->nfb++] = copy;
    return 1;
}

static int cg_return(Compiler *c, Node *s)
{
    Node *v = s->v.ret.value;
    Scope *ste = c->u->ste;
    if (ste->type != BLOCK_FUNCTION) return cg_error(c, s, "'return' outside function");
    if (v && ste->is_coroutine && ste->is_generator)
        return cg_error(c, s, "'return' with value in async generator");
    bool preserve = v && !cg_is_const_expr(v);
    if (preserve) TRY(cg_expr(c, v));
    size_t before = c->u->nins;
    TRY(cg_unwind_fblock_stack(c, preserve, NULL));
    /* after a finally body ran, the return itself is artificial (no second line event) */
    if (c->u->nins != before) cg_set_artificial(c);
    else cg_set_loc(c, s);
    if (!v) TRY(cg_load_none(c));
    else if (!preserve) TRY(cg_load_const_steal(c, cg_const_object(&v->v.constant)));
    return cg_emit(c, OP_RETURN_VALUE, 0);
}

static int cg_break_continue(Compiler *c, Node *s, bool is_break)
{
    FBlock *loop = NULL;
    size_t before = c->u->nins;
    TRY(cg_unwind_fblock_stack(c, false, &loop));
    if (!loop)
        return cg_error(c, s, is_break ? "'break' outside loop" : "'continue' not properly in loop");
    if (c->u->nins != before) cg_set_artificial(c);
    else cg_set_loc(c, s);
    if (is_break) {
        TRY(unwind_fblock(c, loop, false));
        return cg_jump(c, OP_JUMP, loop->exit);
    }
    return cg_jump(c, OP_JUMP, loop->block);
}

/* ---------------------------------------------------------------- simple statements */

static int cg_delete(Compiler *c, Node *t)
{
    switch (t->kind) {
    case N_Name: cg_set_loc(c, t); return cg_nameop(c, t->v.name.id, CTX_DEL);
    case N_Attribute:
        TRY(cg_expr(c, t->v.attribute.value));
        cg_set_loc(c, t);
        return cg_emit_name(c, OP_DELETE_ATTR, t->v.attribute.attr);
    case N_Subscript:
        TRY(cg_expr(c, t->v.subscript.value));
        TRY(cg_expr(c, t->v.subscript.slice));
        cg_set_loc(c, t);
        return cg_emit(c, OP_DELETE_SUBSCR, 0);
    case N_Tuple: case N_List:
        for (size_t i = 0; i < t->v.seq.elts.n; i++) TRY(cg_delete(c, t->v.seq.elts.items[i]));
        return 1;
    default:
        return cg_error(c, t, "cannot delete expression");
    }
}

static int cg_augassign(Compiler *c, Node *s)
{
    Node *t = s->v.augassign.target;
    int op = NB_INPLACE + s->v.augassign.op;
    switch (t->kind) {
    case N_Name:
        cg_set_loc(c, t);
        TRY(cg_nameop(c, t->v.name.id, CTX_LOAD));
        TRY(cg_expr(c, s->v.augassign.value));
        cg_set_loc(c, s);
        TRY(cg_emit(c, OP_BINARY_OP, op));
        cg_set_loc(c, t);
        return cg_nameop(c, t->v.name.id, CTX_STORE);
    case N_Attribute:
        TRY(cg_expr(c, t->v.attribute.value));
        TRY(cg_emit(c, OP_COPY, 1));
        cg_set_loc(c, t);
        TRY(cg_emit_name(c, OP_LOAD_ATTR, t->v.attribute.attr));
        TRY(cg_expr(c, s->v.augassign.value));
        cg_set_loc(c, s);
        TRY(cg_emit(c, OP_BINARY_OP, op));
        TRY(cg_emit(c, OP_SWAP, 2));
        cg_set_loc(c, t);
        return cg_emit_name(c, OP_STORE_ATTR, t->v.attribute.attr);
    case N_Subscript:
        TRY(cg_expr(c, t->v.subscript.value));
        TRY(cg_expr(c, t->v.subscript.slice));
        TRY(cg_emit(c, OP_COPY, 2));
        TRY(cg_emit(c, OP_COPY, 2));
        cg_set_loc(c, t);
        TRY(cg_emit(c, OP_BINARY_SUBSCR, 0));
        TRY(cg_expr(c, s->v.augassign.value));
        cg_set_loc(c, s);
        TRY(cg_emit(c, OP_BINARY_OP, op));
        TRY(cg_emit(c, OP_SWAP, 3));
        TRY(cg_emit(c, OP_SWAP, 2));
        cg_set_loc(c, t);
        return cg_emit(c, OP_STORE_SUBSCR, 0);
    default:
        return cg_error(c, t, "illegal expression for augmented assignment");
    }
}

static int cg_annassign(Compiler *c, Node *s)
{
    Node *t = s->v.annassign.target;
    bool modlike = c->u->type == U_MODULE || c->u->type == U_CLASS;
    if (s->v.annassign.value) {
        TRY(cg_expr(c, s->v.annassign.value));
        TRY(cg_store_target(c, t));
    }
    cg_set_loc(c, s);
    if (t->kind == N_Name) {
        if (s->v.annassign.simple && modlike) {
            TRY(cg_annotation(c, s->v.annassign.annotation));
            TRY(cg_emit_name(c, OP_LOAD_NAME, "__annotations__"));
            TRY(cg_load_const_steal(c, str_from_cstr(cg_mangle(c, t->v.name.id))));
            return cg_emit(c, OP_STORE_SUBSCR, 0);
        }
        return 1;
    }
    if (!s->v.annassign.value) {
        /* `a.b: int` evaluates the target's sub-expressions (CPython's check_ann_expr). */
        if (t->kind == N_Attribute) {
            TRY(cg_expr(c, t->v.attribute.value));
            TRY(cg_emit(c, OP_POP_TOP, 0));
        } else if (t->kind == N_Subscript) {
            TRY(cg_expr(c, t->v.subscript.value));
            TRY(cg_emit(c, OP_POP_TOP, 0));
            TRY(cg_expr(c, t->v.subscript.slice));
            TRY(cg_emit(c, OP_POP_TOP, 0));
        }
    }
    if (!s->v.annassign.simple && modlike && !c->future_annotations) {
        TRY(cg_expr(c, s->v.annassign.annotation));
        TRY(cg_emit(c, OP_POP_TOP, 0));
    }
    return 1;
}

static int cg_assert(Compiler *c, Node *s)
{
    int end = cg_new_label(c);
    TRY(cg_jump_if(c, s->v.assertst.test, end, true));
    /* keep the location jump_if left (the comparison's, as CPython) */
    TRY(cg_emit(c, OP_LOAD_ASSERTION_ERROR, 0));
    if (s->v.assertst.msg) {
        TRY(cg_emit(c, OP_PUSH_NULL, 0));
        TRY(cg_expr(c, s->v.assertst.msg));
        TRY(cg_emit(c, OP_CALL, 1));
    }
    TRY(cg_emit(c, OP_RAISE_VARARGS, 1));
    cg_place(c, end);
    return 1;
}

static int cg_import(Compiler *c, Node *s)
{
    for (size_t i = 0; i < s->v.import.names.n; i++) {
        Node *a = s->v.import.names.items[i];
        const char *name = a->v.alias.name;
        cg_set_loc(c, s);
        TRY(cg_load_const_steal(c, NEWREF(MAKE_SMALL(0))));
        TRY(cg_load_none(c));
        int ni = cg_add_name(c, name);
        if (ni < 0) return 0;
        TRY(cg_emit(c, OP_IMPORT_NAME, ni));
        const char *dot = strchr(name, '.');
        if (a->v.alias.asname) {
            if (dot) {
                /* import a.b.c as d: walk the attributes with IMPORT_FROM like CPython */
                const char *p = dot + 1;
                for (;;) {
                    const char *q = strchr(p, '.');
                    size_t len = q ? (size_t)(q - p) : strlen(p);
                    int idx = cg_add_name(c, arena_strndup(c->arena, p, len));
                    if (idx < 0) return 0;
                    TRY(cg_emit(c, OP_IMPORT_FROM, idx));
                    if (!q) break;
                    TRY(cg_emit(c, OP_SWAP, 2));
                    TRY(cg_emit(c, OP_POP_TOP, 0));
                    p = q + 1;
                }
                TRY(cg_nameop(c, a->v.alias.asname, CTX_STORE));
                TRY(cg_emit(c, OP_POP_TOP, 0));
            } else {
                TRY(cg_nameop(c, a->v.alias.asname, CTX_STORE));
            }
        } else {
            const char *store = dot ? arena_strndup(c->arena, name, (size_t)(dot - name)) : name;
            TRY(cg_nameop(c, store, CTX_STORE));
        }
    }
    return 1;
}

static int cg_import_from(Compiler *c, Node *s)
{
    size_t n = s->v.import.names.n;
    TRY(cg_load_const_steal(c, NEWREF(MAKE_SMALL(s->v.import.level))));
    Obj *names = tuple_new(n);
    if (!names) return 0;
    for (size_t i = 0; i < n; i++) {
        Obj *nm = str_from_cstr(s->v.import.names.items[i]->v.alias.name);
        if (!nm) { DECREF(names); return 0; }
        TUPLE_SET_STEAL(names, i, nm);
    }
    TRY(cg_load_const_steal(c, names));
    int mi = cg_add_name(c, s->v.import.module ? s->v.import.module : "");
    if (mi < 0) return 0;
    TRY(cg_emit(c, OP_IMPORT_NAME, mi));
    for (size_t i = 0; i < n; i++) {
        Node *a = s->v.import.names.items[i];
        if (strcmp(a->v.alias.name, "*") == 0) return cg_emit(c, OP_IMPORT_STAR, 0);
        int idx = cg_add_name(c, a->v.alias.name);
        if (idx < 0) return 0;
        TRY(cg_emit(c, OP_IMPORT_FROM, idx));
        TRY(cg_nameop(c, a->v.alias.asname ? a->v.alias.asname : a->v.alias.name, CTX_STORE));
    }
    return cg_emit(c, OP_POP_TOP, 0);
}

/* ---------------------------------------------------------------- loops, if */

static bool const_true(Node *e)
{
    if (e->kind != N_Constant) return false;
    const Constant *k = &e->v.constant;
    switch (k->kind) {
    case CONST_TRUE: case CONST_ELLIPSIS: return true;
    case CONST_INT: return strspn(k->str, "0xXoObB") != strlen(k->str);
    case CONST_STR: case CONST_BYTES: return k->len > 0;
    default: return false;
    }
}

static int cg_if(Compiler *c, Node *s)
{
    int end = cg_new_label(c);
    int next = s->v.whileloop.orelse.n ? cg_new_label(c) : end;
    TRY(cg_jump_if(c, s->v.whileloop.test, next, false));
    TRY(cg_stmts(c, &s->v.whileloop.body));
    if (s->v.whileloop.orelse.n) {
        cg_set_artificial(c);
        TRY(cg_jump(c, OP_JUMP, end));
        cg_place(c, next);
        TRY(cg_stmts(c, &s->v.whileloop.orelse));
    }
    cg_place(c, end);
    return 1;
}

static int cg_while(Compiler *c, Node *s)
{
    int loop = cg_new_label(c), anchor = cg_new_label(c), end = cg_new_label(c);
    cg_place(c, loop);
    TRY(cg_push_fblock(c, s, FB_WHILE_LOOP, loop, end, NULL, NULL));
    if (!const_true(s->v.whileloop.test)) TRY(cg_jump_if(c, s->v.whileloop.test, anchor, false));
    TRY(cg_stmts(c, &s->v.whileloop.body));
    cg_set_loc(c, s);
    TRY(cg_jump(c, OP_JUMP, loop));
    cg_pop_fblock(c);
    cg_place(c, anchor);
    TRY(cg_stmts(c, &s->v.whileloop.orelse));
    cg_place(c, end);
    return 1;
}

static int cg_for(Compiler *c, Node *s)
{
    int start = cg_new_label(c), cleanup = cg_new_label(c), end = cg_new_label(c);
    TRY(cg_iterable(c, s->v.forloop.iter));
    cg_set_loc(c, s);
    if (s->v.forloop.is_async) {
        if (!c->u->ste->is_coroutine || c->u->type != U_ASYNC_FUNCTION)
            return cg_error(c, s, "'async for' outside async function");
        int except = cg_new_label(c);
        TRY(cg_emit(c, OP_GET_AITER, 0));
        cg_place(c, start);
        TRY(cg_push_fblock(c, s, FB_FOR_LOOP, start, end, NULL, NULL));
        TRY(cg_jump(c, OP_SETUP_FINALLY, except));
        TRY(cg_emit(c, OP_GET_ANEXT, 0));
        TRY(cg_load_none(c));
        TRY(cg_add_yield_from(c, true));
        TRY(cg_emit(c, OP_POP_BLOCK, 0));
        TRY(cg_store_target(c, s->v.forloop.target));
        TRY(cg_stmts(c, &s->v.forloop.body));
        cg_set_loc(c, s);
        TRY(cg_jump(c, OP_JUMP, start));
        cg_pop_fblock(c);
        cg_place(c, except);
        TRY(cg_emit(c, OP_END_ASYNC_FOR, 0));
        TRY(cg_stmts(c, &s->v.forloop.orelse));
        cg_place(c, end);
        return 1;
    }
    TRY(cg_emit(c, OP_GET_ITER, 0));
    cg_place(c, start);
    TRY(cg_push_fblock(c, s, FB_FOR_LOOP, start, end, NULL, NULL));
    TRY(cg_jump(c, OP_FOR_ITER, cleanup));
    TRY(cg_store_target(c, s->v.forloop.target));
    TRY(cg_stmts(c, &s->v.forloop.body));
    cg_set_loc(c, s);
    TRY(cg_jump(c, OP_JUMP, start));
    cg_pop_fblock(c);
    cg_place(c, cleanup);
    TRY(cg_stmts(c, &s->v.forloop.orelse));
    cg_place(c, end);
    return 1;
}

/* ---------------------------------------------------------------- with */

static int cg_with(Compiler *c, Node *s, size_t pos)
{
    Node *item = s->v.with.items.items[pos];
    bool is_async = s->v.with.is_async;
    int final = cg_new_label(c), exit = cg_new_label(c), cleanup = cg_new_label(c);
    int suppress = cg_new_label(c);
    if (is_async && (!c->u->ste->is_coroutine || c->u->type != U_ASYNC_FUNCTION))
        return cg_error(c, s, "'async with' outside async function");
    TRY(cg_expr(c, item->v.withitem.context_expr));
    cg_set_loc(c, s);
    if (is_async) {
        TRY(cg_emit(c, OP_BEFORE_ASYNC_WITH, 0));
        TRY(cg_emit(c, OP_GET_AWAITABLE, 1));
        TRY(cg_load_none(c));
        TRY(cg_add_yield_from(c, true));
    } else {
        TRY(cg_emit(c, OP_BEFORE_WITH, 0));
    }
    /* The enter result is bound before the block is set up: the handler's stack level must
     * hold only the exit callable. */
    if (item->v.withitem.optional_vars) TRY(cg_store_target(c, item->v.withitem.optional_vars));
    else TRY(cg_emit(c, OP_POP_TOP, 0));
    cg_set_loc(c, s);
    TRY(cg_jump(c, OP_SETUP_FINALLY, final));
    TRY(cg_push_fblock(c, s, is_async ? FB_ASYNC_WITH : FB_WITH, -1, -1, s, NULL));
    if (pos + 1 < s->v.with.items.n) TRY(cg_with(c, s, pos + 1));
    else TRY(cg_stmts(c, &s->v.with.body));
    cg_pop_fblock(c);
    cg_set_loc(c, s);
    TRY(cg_emit(c, OP_POP_BLOCK, 0));
    if (is_async) {
        TRY(call_aexit_with_nones(c));
        TRY(cg_emit(c, OP_POP_TOP, 0));
    } else {
        TRY(cg_emit(c, OP_WITH_EXIT, 0));
    }
    TRY(cg_jump(c, OP_JUMP, exit));
    /* exceptional exit: [exit, exc] */
    cg_place(c, final);
    TRY(cg_jump(c, OP_SETUP_FINALLY, cleanup));
    TRY(cg_emit(c, OP_PUSH_EXC_INFO, 0));
    TRY(cg_emit(c, OP_WITH_EXCEPT_START, 0));
    if (is_async) {
        TRY(cg_emit(c, OP_GET_AWAITABLE, 2));
        TRY(cg_load_none(c));
        TRY(cg_add_yield_from(c, true));
    }
    TRY(cg_jump(c, OP_POP_JUMP_IF_TRUE, suppress));
    TRY(cg_emit(c, OP_RERAISE, 0));
    cg_place(c, cleanup);
    TRY(cg_emit(c, OP_SWAP, 2));
    TRY(cg_emit(c, OP_POP_EXCEPT, 0));
    TRY(cg_emit(c, OP_RERAISE, 0));
    cg_place(c, suppress);
    TRY(cg_emit(c, OP_POP_TOP, 0));
    TRY(cg_emit(c, OP_POP_BLOCK, 0));
    TRY(cg_emit(c, OP_POP_EXCEPT, 0));
    TRY(cg_emit(c, OP_POP_TOP, 0));
    cg_place(c, exit);
    return 1;
}

/* ---------------------------------------------------------------- try */

/* [prev, exc] at a cleanup handler: restore prev and re-raise exc. */
static int pop_except_and_reraise(Compiler *c)
{
    TRY(cg_emit(c, OP_SWAP, 2));
    TRY(cg_emit(c, OP_POP_EXCEPT, 0));
    return cg_emit(c, OP_RERAISE, 0);
}

static int clear_name(Compiler *c, const char *name)
{
    TRY(cg_load_none(c));
    TRY(cg_nameop(c, name, CTX_STORE));
    return cg_nameop(c, name, CTX_DEL);
}

static int cg_try_except(Compiler *c, Node *s)
{
    int except = cg_new_label(c), end = cg_new_label(c), cleanup = cg_new_label(c);
    NodeList *handlers = &s->v.tryst.handlers;
    TRY(cg_jump(c, OP_SETUP_FINALLY, except));
    TRY(cg_push_fblock(c, s, FB_TRY_EXCEPT, -1, -1, NULL, NULL));
    TRY(cg_stmts(c, &s->v.tryst.body));
    cg_pop_fblock(c);
    cg_set_artificial(c);
    TRY(cg_emit(c, OP_POP_BLOCK, 0));
    TRY(cg_stmts(c, &s->v.tryst.orelse));
    cg_set_artificial(c);
    TRY(cg_jump(c, OP_JUMP, end));
    cg_place(c, except);
    if (handlers->n) cg_set_loc(c, handlers->items[0]);
    TRY(cg_jump(c, OP_SETUP_FINALLY, cleanup));
    TRY(cg_emit(c, OP_PUSH_EXC_INFO, 0));
    TRY(cg_push_fblock(c, s, FB_EXCEPTION_HANDLER, -1, -1, NULL, NULL));
    for (size_t i = 0; i < handlers->n; i++) {
        Node *h = handlers->items[i];
        cg_set_loc(c, h);
        if (!h->v.handler.type && i + 1 < handlers->n)
            return cg_error(c, h, "default 'except:' must be last");
        int next = cg_new_label(c);
        if (h->v.handler.type) {
            TRY(cg_expr(c, h->v.handler.type));
            cg_set_loc(c, h);
            TRY(cg_emit(c, OP_CHECK_EXC_MATCH, 0));
            TRY(cg_jump(c, OP_POP_JUMP_IF_FALSE, next));
        }
        if (h->v.handler.name) {
            int cleanup_end = cg_new_label(c);
            TRY(cg_nameop(c, h->v.handler.name, CTX_STORE));
            TRY(cg_jump(c, OP_SETUP_FINALLY, cleanup_end));
            TRY(cg_push_fblock(c, h, FB_HANDLER_CLEANUP, -1, -1, NULL, h->v.handler.name));
            TRY(cg_stmts(c, &h->v.handler.body));
            cg_pop_fblock(c);
            cg_set_artificial(c);
            TRY(cg_emit(c, OP_POP_BLOCK, 0));
            TRY(cg_emit(c, OP_POP_BLOCK, 0));
            TRY(cg_emit(c, OP_POP_EXCEPT, 0));
            TRY(clear_name(c, h->v.handler.name));
            TRY(cg_jump(c, OP_JUMP, end));
            cg_place(c, cleanup_end);
            TRY(clear_name(c, h->v.handler.name));
            TRY(cg_emit(c, OP_RERAISE, 0));
        } else {
            TRY(cg_emit(c, OP_POP_TOP, 0));
            TRY(cg_push_fblock(c, h, FB_HANDLER_CLEANUP, -1, -1, NULL, NULL));
            TRY(cg_stmts(c, &h->v.handler.body));
            cg_pop_fblock(c);
            cg_set_artificial(c);
            TRY(cg_emit(c, OP_POP_BLOCK, 0));
            TRY(cg_emit(c, OP_POP_EXCEPT, 0));
            TRY(cg_jump(c, OP_JUMP, end));
        }
        cg_place(c, next);
    }
    cg_pop_fblock(c);
    cg_set_artificial(c);
    TRY(cg_emit(c, OP_RERAISE, 0));
    cg_place(c, cleanup);
    TRY(pop_except_and_reraise(c));
    cg_place(c, end);
    return 1;
}

static int cg_try_star_except(Compiler *c, Node *s)
{
    int except = cg_new_label(c), orelse = cg_new_label(c), end = cg_new_label(c);
    int cleanup = cg_new_label(c), reraise_star = cg_new_label(c), reraise = cg_new_label(c);
    NodeList *handlers = &s->v.tryst.handlers;
    TRY(cg_jump(c, OP_SETUP_FINALLY, except));
    TRY(cg_push_fblock(c, s, FB_TRY_EXCEPT, -1, -1, NULL, NULL));
    TRY(cg_stmts(c, &s->v.tryst.body));
    cg_pop_fblock(c);
    cg_set_artificial(c);
    TRY(cg_emit(c, OP_POP_BLOCK, 0));
    TRY(cg_jump(c, OP_JUMP, orelse));
    cg_place(c, except);
    if (handlers->n) cg_set_loc(c, handlers->items[0]);
    TRY(cg_jump(c, OP_SETUP_FINALLY, cleanup));
    TRY(cg_emit(c, OP_PUSH_EXC_INFO, 0));
    TRY(cg_push_fblock(c, s, FB_EXCEPTION_GROUP_HANDLER, -1, -1, NULL, NULL));
    for (size_t i = 0; i < handlers->n; i++) {
        Node *h = handlers->items[i];
        cg_set_loc(c, h);
        int next_exc = cg_new_label(c), except_with_error = cg_new_label(c);
        int no_match = cg_new_label(c), cleanup_end = cg_new_label(c);
        if (i == 0) {
            /* [prev, exc] -> [prev, orig, [], exc] */
            TRY(cg_emit(c, OP_COPY, 1));
            TRY(cg_emit(c, OP_BUILD_LIST, 0));
            TRY(cg_emit(c, OP_SWAP, 2));
        }
        if (h->v.handler.type) {
            TRY(cg_expr(c, h->v.handler.type));
            cg_set_loc(c, h);
            TRY(cg_emit(c, OP_CHECK_EG_MATCH, 0));
            TRY(cg_emit(c, OP_COPY, 1));
            TRY(cg_jump(c, OP_POP_JUMP_IF_NONE, no_match));
        }
        if (h->v.handler.name) TRY(cg_nameop(c, h->v.handler.name, CTX_STORE));
        else TRY(cg_emit(c, OP_POP_TOP, 0));
        TRY(cg_jump(c, OP_SETUP_FINALLY, cleanup_end));
        TRY(cg_push_fblock(c, h, FB_HANDLER_CLEANUP, -1, -1, NULL, h->v.handler.name));
        TRY(cg_stmts(c, &h->v.handler.body));
        cg_pop_fblock(c);
        cg_set_artificial(c);
        TRY(cg_emit(c, OP_POP_BLOCK, 0));
        if (h->v.handler.name) TRY(clear_name(c, h->v.handler.name));
        TRY(cg_jump(c, OP_JUMP, next_exc));
        /* the handler body raised: [prev, orig, list, rest, exc2] */
        cg_place(c, cleanup_end);
        if (h->v.handler.name) TRY(clear_name(c, h->v.handler.name));
        TRY(cg_emit(c, OP_LIST_APPEND, 2));
        TRY(cg_jump(c, OP_JUMP, except_with_error));
        cg_place(c, next_exc);
        TRY(cg_emit(c, OP_NOP, 0));
        TRY(cg_jump(c, OP_JUMP, except_with_error));
        cg_place(c, no_match);
        TRY(cg_emit(c, OP_POP_TOP, 0));
        cg_place(c, except_with_error);
        if (i + 1 == handlers->n) {
            /* add the unhandled rest to the list */
            TRY(cg_emit(c, OP_LIST_APPEND, 1));
            TRY(cg_jump(c, OP_JUMP, reraise_star));
        }
    }
    cg_pop_fblock(c);
    cg_set_artificial(c);
    cg_place(c, reraise_star);
    TRY(cg_emit(c, OP_PREP_RERAISE_STAR, 0));
    TRY(cg_emit(c, OP_COPY, 1));
    TRY(cg_jump(c, OP_POP_JUMP_IF_NOT_NONE, reraise));
    TRY(cg_emit(c, OP_POP_TOP, 0));
    TRY(cg_emit(c, OP_POP_BLOCK, 0));
    TRY(cg_emit(c, OP_POP_EXCEPT, 0));
    TRY(cg_jump(c, OP_JUMP, end));
    cg_place(c, reraise);
    TRY(cg_emit(c, OP_POP_BLOCK, 0));
    TRY(cg_emit(c, OP_SWAP, 2));
    TRY(cg_emit(c, OP_POP_EXCEPT, 0));
    TRY(cg_emit(c, OP_RERAISE, 0));
    cg_place(c, cleanup);
    TRY(pop_except_and_reraise(c));
    cg_place(c, orelse);
    TRY(cg_stmts(c, &s->v.tryst.orelse));
    cg_place(c, end);
    return 1;
}

static int cg_try_finally(Compiler *c, Node *s, bool star)
{
    int end = cg_new_label(c), exit = cg_new_label(c), cleanup = cg_new_label(c);
    TRY(cg_jump(c, OP_SETUP_FINALLY, end));
    TRY(cg_push_fblock(c, s, FB_FINALLY_TRY, -1, -1, s, NULL));
    if (s->v.tryst.handlers.n) TRY(star ? cg_try_star_except(c, s) : cg_try_except(c, s));
    else TRY(cg_stmts(c, &s->v.tryst.body));
    cg_set_artificial(c);
    TRY(cg_emit(c, OP_POP_BLOCK, 0));
    cg_pop_fblock(c);
    TRY(cg_stmts(c, &s->v.tryst.finalbody));
    cg_set_artificial(c);
    TRY(cg_jump(c, OP_JUMP, exit));
    /* exceptional path: [exc] */
    cg_place(c, end);
    TRY(cg_jump(c, OP_SETUP_FINALLY, cleanup));
    TRY(cg_emit(c, OP_PUSH_EXC_INFO, 0));
    TRY(cg_push_fblock(c, s, FB_FINALLY_END, -1, -1, NULL, NULL));
    TRY(cg_stmts(c, &s->v.tryst.finalbody));
    cg_pop_fblock(c);
    cg_set_artificial(c);
    TRY(cg_emit(c, OP_RERAISE, 0));
    cg_place(c, cleanup);
    TRY(pop_except_and_reraise(c));
    cg_place(c, exit);
    return 1;
}

/* ---------------------------------------------------------------- dispatch */

int cg_stmt(Compiler *c, Node *s)
{
    cg_set_loc(c, s);
    switch (s->kind) {
    case N_FunctionDef: return cg_function(c, s);
    case N_ClassDef: return cg_class(c, s);
    case N_Return: return cg_return(c, s);
    case N_Delete:
        for (size_t i = 0; i < s->v.del.targets.n; i++) TRY(cg_delete(c, s->v.del.targets.items[i]));
        return 1;
    case N_Assign: {
        size_t n = s->v.assign.targets.n;
        TRY(cg_expr(c, s->v.assign.value));
        for (size_t i = 0; i < n; i++) {
            if (i + 1 < n) TRY(cg_emit(c, OP_COPY, 1));
            TRY(cg_store_target(c, s->v.assign.targets.items[i]));
        }
        return 1;
    }
    case N_AugAssign: return cg_augassign(c, s);
    case N_AnnAssign: return cg_annassign(c, s);
    case N_For: return cg_for(c, s);
    case N_While: return cg_while(c, s);
    case N_If: return cg_if(c, s);
    case N_With: return cg_with(c, s, 0);
    case N_Raise: {
        int n = 0;
        if (s->v.raise.exc) {
            TRY(cg_expr(c, s->v.raise.exc));
            n++;
            if (s->v.raise.cause) {
                TRY(cg_expr(c, s->v.raise.cause));
                n++;
            }
        }
        cg_set_loc(c, s);
        return cg_emit(c, OP_RAISE_VARARGS, n);
    }
    case N_Try:
        if (s->v.tryst.finalbody.n) return cg_try_finally(c, s, false);
        return cg_try_except(c, s);
    case N_TryStar:
        if (s->v.tryst.finalbody.n) return cg_try_finally(c, s, true);
        return cg_try_star_except(c, s);
    case N_Assert: return cg_assert(c, s);
    case N_Import: return cg_import(c, s);
    case N_ImportFrom:
        return cg_import_from(c, s);
    case N_Global: case N_Nonlocal:
        return 1;
    case N_Expr: {
        Node *v = s->v.ret.value;
        if (c->interactive && c->u->type == U_MODULE) {
            TRY(cg_expr(c, v));
            cg_set_loc(c, s);
            return cg_emit(c, OP_PRINT_EXPR, 0);
        }
        if (v->kind == N_Constant) return cg_emit(c, OP_NOP, 0);
        TRY(cg_expr(c, v));
        cg_set_loc(c, s);
        return cg_emit(c, OP_POP_TOP, 0);
    }
    case N_Pass: return cg_emit(c, OP_NOP, 0);
    case N_Break: return cg_break_continue(c, s, true);
    case N_Continue: return cg_break_continue(c, s, false);
    default:
        return cg_error(c, s, "unexpected statement");
    }
}

/* Does a module/class body contain annotated assignments (outside nested scopes)? */
bool cg_find_annotations(NodeList *body)
{
    for (size_t i = 0; i < body->n; i++) {
        Node *s = body->items[i];
        switch (s->kind) {
        case N_AnnAssign: return true;
        case N_For: case N_While: case N_If:
            if (s->kind == N_For ? cg_find_annotations(&s->v.forloop.body) ||
                                   cg_find_annotations(&s->v.forloop.orelse)
                                 : cg_find_annotations(&s->v.whileloop.body) ||
                                   cg_find_annotations(&s->v.whileloop.orelse))
                return true;
            break;
        case N_With:
            if (cg_find_annotations(&s->v.with.body)) return true;
            break;
        case N_Try: case N_TryStar:
            if (cg_find_annotations(&s->v.tryst.body) || cg_find_annotations(&s->v.tryst.orelse) ||
                cg_find_annotations(&s->v.tryst.finalbody))
                return true;
            for (size_t k = 0; k < s->v.tryst.handlers.n; k++)
                if (cg_find_annotations(&s->v.tryst.handlers.items[k]->v.handler.body)) return true;
            break;
        default:
            break;
        }
    }
    return false;
}

static bool is_docstring(Node *s)
{
    return s->kind == N_Expr && s->v.ret.value->kind == N_Constant &&
           s->v.ret.value->v.constant.kind == CONST_STR;
}

int cg_body(Compiler *c, NodeList *body, bool docstring_as_doc)
{
    size_t i = 0;
    if (cg_find_annotations(body)) {
        if (body->n) cg_set_loc(c, body->items[0]);
        TRY(cg_emit(c, OP_SETUP_ANNOTATIONS, 0));
    }
    if (docstring_as_doc && body->n && is_docstring(body->items[0])) {
        cg_set_loc(c, body->items[0]);
        TRY(cg_expr(c, body->items[0]->v.ret.value));
        TRY(cg_nameop(c, "__doc__", CTX_STORE));
        i = 1;
    }
    for (; i < body->n; i++) TRY(cg_stmt(c, body->items[i]));
    return 1;
}
