/* symtable.c: scope analysis (CPython 3.11's symtable.c algorithm, written from its documented
 * behaviour): collects how each block uses each name, then resolves local/global/free/cell. */
#include <string.h>
#include <stdarg.h>
#include <stdlib.h>
#include "symtable.h"
#include "types.h"
#include "errors.h"

/* ---------------------------------------------------------------- errors */

/* Extract line `lineno` (1-based) of source as a malloc'ed string with its newline. */
static char *source_line(const char *source, int lineno)
{
    if (!source || lineno < 1) return NULL;
    const char *p = source;
    for (int l = 1; l < lineno; l++) {
        p = strchr(p, '\n');
        if (!p) return NULL;
        p++;
    }
    const char *e = strchr(p, '\n');
    size_t n = e ? (size_t)(e - p) + 1 : strlen(p);
    char *s = malloc(n + 2);
    if (!s) return NULL;
    memcpy(s, p, n);
    if (n == 0 || s[n - 1] != '\n') s[n++] = '\n';
    s[n] = 0;
    return s;
}

void *symtable_syntax_error(const char *filename, const char *source, const Node *n,
                            const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line = n ? n->lineno : 0;
    /* CPython fetches the text from the file on disk: none for "<string>"-like names. */
    char *text = filename && filename[0] != '<' ? source_line(source, line) : NULL;
    err_syntax(Exc_SyntaxError, msg, filename, line, n ? n->col_offset + 1 : 0, text,
               n ? n->end_lineno : 0, n ? n->end_col_offset + 1 : 0);
    free(text);
    return NULL;
}

/* ---------------------------------------------------------------- small containers */

static unsigned long hash_str(const char *s)
{
    unsigned long h = 5381;
    while (*s) h = h * 33 + (unsigned char)*s++;
    return h;
}

#define GROW(arena, arr, n, cap, type) do { \
    if ((n) == (cap)) { \
        size_t nc_ = (cap) ? (cap) * 2 : 8; \
        type *na_ = arena_alloc((arena), nc_ * sizeof(type)); \
        if (n) memcpy(na_, (arr), (n) * sizeof(type)); \
        (arr) = na_; (cap) = nc_; \
    } } while (0)

Symbol *scope_symbol(Scope *s, const char *name)
{
    if (!s->tabsize) return NULL;
    size_t mask = s->tabsize - 1, i = hash_str(name) & mask;
    while (s->table[i]) {
        if (strcmp(s->table[i]->name, name) == 0) return s->table[i];
        i = (i + 1) & mask;
    }
    return NULL;
}

static void table_insert(Scope *s, Symbol *sym)
{
    size_t mask = s->tabsize - 1, i = hash_str(sym->name) & mask;
    while (s->table[i]) i = (i + 1) & mask;
    s->table[i] = sym;
}

static Symbol *add_symbol(Arena *a, Scope *s, const char *name)
{
    Symbol *sym = scope_symbol(s, name);
    if (sym) return sym;
    sym = arena_alloc(a, sizeof(Symbol));
    sym->name = name;
    GROW(a, s->syms, s->nsyms, s->capsyms, Symbol *);
    s->syms[s->nsyms++] = sym;
    if (s->nsyms * 2 > s->tabsize) {
        size_t ns = s->tabsize ? s->tabsize * 2 : 16;
        while (s->nsyms * 2 > ns) ns *= 2;
        s->table = arena_alloc(a, ns * sizeof(Symbol *));
        s->tabsize = ns;
        for (size_t k = 0; k < s->nsyms; k++) table_insert(s, s->syms[k]);
    } else {
        table_insert(s, sym);
    }
    return sym;
}

int scope_get(Scope *s, const char *name)
{
    Symbol *sym = scope_symbol(s, name);
    if (!sym || !sym->scope) return SC_GLOBAL_IMPLICIT;
    return sym->scope;
}

/* A set of names: an arena array (iteration order) plus an open-addressing index. */
typedef struct NameSet {
    const char **v;
    size_t n, cap;
    int32_t *idx;        /* positions in v, -1 empty, -2 deleted */
    size_t idxsize;
} NameSet;

static int32_t *ns_slot(const NameSet *s, const char *name, bool for_insert)
{
    size_t mask = s->idxsize - 1, i = hash_str(name) & mask;
    int32_t *tomb = NULL;
    for (;;) {
        int32_t k = s->idx[i];
        if (k == -1) return for_insert && tomb ? tomb : &s->idx[i];
        if (k == -2) {
            if (!tomb) tomb = &s->idx[i];
        } else if (strcmp(s->v[k], name) == 0) {
            return &s->idx[i];
        }
        i = (i + 1) & mask;
    }
}

static bool ns_has(const NameSet *s, const char *name)
{
    if (!s || !s->n) return false;
    return *ns_slot(s, name, false) >= 0;
}

static void ns_rehash(Arena *a, NameSet *s, size_t size)
{
    s->idx = arena_alloc(a, size * sizeof(int32_t));
    s->idxsize = size;
    for (size_t i = 0; i < size; i++) s->idx[i] = -1;
    for (size_t k = 0; k < s->n; k++) *ns_slot(s, s->v[k], true) = (int32_t)k;
}

static void ns_add(Arena *a, NameSet *s, const char *name)
{
    if (ns_has(s, name)) return;
    GROW(a, s->v, s->n, s->cap, const char *);
    s->v[s->n++] = name;
    if (s->n * 2 > s->idxsize) ns_rehash(a, s, s->idxsize ? s->idxsize * 4 : 16);
    else *ns_slot(s, name, true) = (int32_t)(s->n - 1);
}

static void ns_discard(NameSet *s, const char *name)
{
    if (!s || !s->n) return;
    int32_t *slot = ns_slot(s, name, false);
    int32_t k = *slot;
    if (k < 0) return;
    *slot = -2;
    size_t last = --s->n;
    if ((size_t)k != last) {
        /* move the last name into the hole and repoint its index entry */
        *ns_slot(s, s->v[last], false) = k;
        s->v[k] = s->v[last];
    }
}

static void ns_update(Arena *a, NameSet *dst, const NameSet *src)
{
    if (!src) return;
    for (size_t i = 0; i < src->n; i++) ns_add(a, dst, src->v[i]);
}

/* ---------------------------------------------------------------- mangling */

const char *symtable_mangle(Arena *a, const char *priv, const char *name)
{
    if (!priv || name[0] != '_' || name[1] != '_') return name;
    size_t n = strlen(name);
    if ((n >= 2 && name[n - 1] == '_' && name[n - 2] == '_') || strchr(name, '.')) return name;
    while (*priv == '_') priv++;
    if (!*priv) return name;
    size_t pn = strlen(priv);
    char *r = arena_alloc(a, pn + n + 2);
    r[0] = '_';
    memcpy(r + 1, priv, pn);
    memcpy(r + 1 + pn, name, n + 1);
    return r;
}

/* ---------------------------------------------------------------- node -> scope map */

static size_t ptr_hash(const void *p) { return ((uintptr_t)p >> 3) * 2654435761u; }

static void map_put(SymTable *st, Node *k, Scope *v)
{
    if ((st->map_count + 1) * 2 > st->map_size) {
        size_t ns = st->map_size ? st->map_size * 2 : 64;
        Node **nk = arena_alloc(st->arena, ns * sizeof(Node *));
        Scope **nv = arena_alloc(st->arena, ns * sizeof(Scope *));
        for (size_t i = 0; i < st->map_size; i++) {
            if (!st->map_keys[i]) continue;
            size_t j = ptr_hash(st->map_keys[i]) & (ns - 1);
            while (nk[j]) j = (j + 1) & (ns - 1);
            nk[j] = st->map_keys[i];
            nv[j] = st->map_vals[i];
        }
        st->map_keys = nk;
        st->map_vals = nv;
        st->map_size = ns;
    }
    size_t j = ptr_hash(k) & (st->map_size - 1);
    while (st->map_keys[j]) j = (j + 1) & (st->map_size - 1);
    st->map_keys[j] = k;
    st->map_vals[j] = v;
    st->map_count++;
}

Scope *symtable_lookup(SymTable *st, Node *k)
{
    if (!st->map_size) return NULL;
    size_t j = ptr_hash(k) & (st->map_size - 1);
    while (st->map_keys[j]) {
        if (st->map_keys[j] == k) return st->map_vals[j];
        j = (j + 1) & (st->map_size - 1);
    }
    return NULL;
}

/* ---------------------------------------------------------------- building */

#define ERR(n, ...) (symtable_syntax_error(st->filename, st->source, (n), __VA_ARGS__), 0)

static Scope *enter_block(SymTable *st, const char *name, BlockType type, Node *n)
{
    Scope *s = arena_alloc(st->arena, sizeof(Scope));
    s->type = type;
    s->name = name;
    s->node = n;
    s->parent = st->cur;
    s->private_name = st->private_name;
    if (st->cur) {
        if (st->cur->is_nested || st->cur->type == BLOCK_FUNCTION) s->is_nested = true;
        GROW(st->arena, st->cur->children, st->cur->nchildren, st->cur->capchildren, Scope *);
        st->cur->children[st->cur->nchildren++] = s;
    }
    GROW(st->arena, st->stack, st->depth, st->capstack, Scope *);
    st->stack[st->depth++] = s;
    st->cur = s;
    if (n) map_put(st, n, s);
    return s;
}

static void exit_block(SymTable *st)
{
    st->depth--;
    st->cur = st->depth ? st->stack[st->depth - 1] : NULL;
}

static int add_def_in(SymTable *st, Scope *s, const char *name, int flag, const Node *loc)
{
    const char *mangled = symtable_mangle(st->arena, st->private_name, name);
    Symbol *sym = add_symbol(st->arena, s, mangled);
    if ((flag & DEF_PARAM) && (sym->flags & DEF_PARAM))
        return ERR(loc, "duplicate argument '%s' in function definition", name);
    sym->flags |= flag;
    if ((flag & (DEF_GLOBAL | DEF_NONLOCAL)) && !sym->decl) sym->decl = loc;
    if (flag & DEF_PARAM) {
        GROW(st->arena, s->params, s->nparams, s->capparams, const char *);
        s->params[s->nparams++] = mangled;
    }
    return 1;
}

static int add_def(SymTable *st, const char *name, int flag, const Node *loc)
{
    if ((flag & DEF_LOCAL) && st->cur->comp_iter_target) {
        /* an iteration variable may not rebind an earlier walrus target of the comprehension */
        Symbol *sym = scope_symbol(st->cur, symtable_mangle(st->arena, st->private_name, name));
        if (sym && (sym->flags & (DEF_GLOBAL | DEF_NONLOCAL)))
            return ERR(loc, "comprehension inner loop cannot rebind assignment expression target '%s'",
                       name);
        flag |= DEF_COMP_ITER;
    }
    return add_def_in(st, st->cur, name, flag, loc);
}

static int visit_expr(SymTable *st, Node *e);
static int visit_stmt(SymTable *st, Node *s);

static int visit_exprs(SymTable *st, NodeList *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i] && !visit_expr(st, l->items[i])) return 0;
    return 1;
}
static int visit_stmts(SymTable *st, NodeList *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (!visit_stmt(st, l->items[i])) return 0;
    return 1;
}

static int visit_params(SymTable *st, NodeList *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (!add_def(st, l->items[i]->v.arg.arg, DEF_PARAM, l->items[i])) return 0;
    return 1;
}

static int visit_annotations_of(SymTable *st, NodeList *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i]->v.arg.annotation && !visit_expr(st, l->items[i]->v.arg.annotation))
            return 0;
    return 1;
}

/* Defaults and annotations are evaluated in the enclosing block. */
static int visit_arg_outer(SymTable *st, Arguments *a, Node *returns)
{
    if (!visit_exprs(st, &a->defaults) || !visit_exprs(st, &a->kw_defaults)) return 0;
    if (!visit_annotations_of(st, &a->posonlyargs) || !visit_annotations_of(st, &a->args) ||
        !visit_annotations_of(st, &a->kwonlyargs))
        return 0;
    if (a->vararg && a->vararg->v.arg.annotation && !visit_expr(st, a->vararg->v.arg.annotation))
        return 0;
    if (a->kwarg && a->kwarg->v.arg.annotation && !visit_expr(st, a->kwarg->v.arg.annotation))
        return 0;
    if (returns && !visit_expr(st, returns)) return 0;
    return 1;
}

static int visit_arg_inner(SymTable *st, Arguments *a)
{
    if (!visit_params(st, &a->posonlyargs) || !visit_params(st, &a->args)) return 0;
    if (!visit_params(st, &a->kwonlyargs)) return 0;
    if (a->vararg) {
        if (!add_def(st, a->vararg->v.arg.arg, DEF_PARAM, a->vararg)) return 0;
        st->cur->has_varargs = true;
    }
    if (a->kwarg) {
        if (!add_def(st, a->kwarg->v.arg.arg, DEF_PARAM, a->kwarg)) return 0;
        st->cur->has_varkw = true;
    }
    return 1;
}

static int check_decl(SymTable *st, Node *s, const char *name, const char *what)
{
    const char *mangled = symtable_mangle(st->arena, st->private_name, name);
    Symbol *sym = scope_symbol(st->cur, mangled);
    int cur = sym ? sym->flags : 0;
    if (cur & (DEF_PARAM | DEF_LOCAL | DEF_USE | DEF_ANNOT)) {
        if (cur & DEF_PARAM) return ERR(s, "name '%s' is parameter and %s", name, what);
        if (cur & DEF_USE) return ERR(s, "name '%s' is used prior to %s declaration", name, what);
        if (cur & DEF_ANNOT) return ERR(s, "annotated name '%s' can't be %s", name, what);
        return ERR(s, "name '%s' is assigned to before %s declaration", name, what);
    }
    return 1;
}

/* CPython: recursion limit (1000) times COMPILER_STACK_FRAME_SCALE (3). The symbol table
 * walks the whole tree first, so this guard also protects the code generator's recursion. */
#define COMPILE_RECURSION_LIMIT 3000

static int enter_recursion(SymTable *st)
{
    if (++st->recursion_depth > COMPILE_RECURSION_LIMIT) {
        err_set_str(Exc_RecursionError, "maximum recursion depth exceeded during compilation");
        return 0;
    }
    return 1;
}

static int visit_stmt_inner(SymTable *st, Node *s);
static int visit_expr_inner(SymTable *st, Node *e);

static int visit_stmt(SymTable *st, Node *s)
{
    if (!enter_recursion(st)) return 0;
    int r = visit_stmt_inner(st, s);
    st->recursion_depth--;
    return r;
}

static int visit_expr(SymTable *st, Node *e)
{
    if (!enter_recursion(st)) return 0;
    int r = visit_expr_inner(st, e);
    st->recursion_depth--;
    return r;
}

static int visit_stmt_inner(SymTable *st, Node *s)
{
    switch (s->kind) {
    case N_FunctionDef: {
        if (!add_def(st, s->v.funcdef.name, DEF_LOCAL, s)) return 0;
        if (!visit_arg_outer(st, s->v.funcdef.args, s->v.funcdef.returns)) return 0;
        if (!visit_exprs(st, &s->v.funcdef.decorators)) return 0;
        Scope *f = enter_block(st, s->v.funcdef.name, BLOCK_FUNCTION, s);
        if (s->v.funcdef.is_async) f->is_coroutine = true;
        if (!visit_arg_inner(st, s->v.funcdef.args) || !visit_stmts(st, &s->v.funcdef.body))
            return 0;
        exit_block(st);
        return 1;
    }
    case N_ClassDef: {
        if (!add_def(st, s->v.classdef.name, DEF_LOCAL, s)) return 0;
        if (!visit_exprs(st, &s->v.classdef.bases)) return 0;
        for (size_t i = 0; i < s->v.classdef.keywords.n; i++)
            if (!visit_expr(st, s->v.classdef.keywords.items[i]->v.keyword.value)) return 0;
        if (!visit_exprs(st, &s->v.classdef.decorators)) return 0;
        const char *saved = st->private_name;
        enter_block(st, s->v.classdef.name, BLOCK_CLASS, s);
        st->private_name = s->v.classdef.name;
        st->cur->private_name = s->v.classdef.name;
        int ok = visit_stmts(st, &s->v.classdef.body);
        st->private_name = saved;
        if (!ok) return 0;
        exit_block(st);
        return 1;
    }
    case N_Return: case N_Expr:
        return s->v.ret.value ? visit_expr(st, s->v.ret.value) : 1;
    case N_Delete: return visit_exprs(st, &s->v.del.targets);
    case N_Assign:
        return visit_exprs(st, &s->v.assign.targets) && visit_expr(st, s->v.assign.value);
    case N_AugAssign:
        return visit_expr(st, s->v.augassign.target) && visit_expr(st, s->v.augassign.value);
    case N_AnnAssign: {
        Node *t = s->v.annassign.target;
        if (t->kind == N_Name) {
            const char *m = symtable_mangle(st->arena, st->private_name, t->v.name.id);
            Symbol *sym = scope_symbol(st->cur, m);
            int cur = sym ? sym->flags : 0;
            if ((cur & (DEF_GLOBAL | DEF_NONLOCAL)) && st->cur != st->top &&
                s->v.annassign.simple)
                return ERR(s, (cur & DEF_GLOBAL) ? "annotated name '%s' can't be global"
                                                 : "annotated name '%s' can't be nonlocal",
                           t->v.name.id);
            if (s->v.annassign.simple) {
                if (!add_def(st, t->v.name.id, DEF_ANNOT | DEF_LOCAL, t)) return 0;
            } else if (s->v.annassign.value) {
                if (!add_def(st, t->v.name.id, DEF_LOCAL, t)) return 0;
            }
        } else if (!visit_expr(st, t)) {
            return 0;
        }
        if (!visit_expr(st, s->v.annassign.annotation)) return 0;
        return s->v.annassign.value ? visit_expr(st, s->v.annassign.value) : 1;
    }
    case N_For:
        return visit_expr(st, s->v.forloop.target) && visit_expr(st, s->v.forloop.iter) &&
               visit_stmts(st, &s->v.forloop.body) && visit_stmts(st, &s->v.forloop.orelse);
    case N_While: case N_If:
        return visit_expr(st, s->v.whileloop.test) && visit_stmts(st, &s->v.whileloop.body) &&
               visit_stmts(st, &s->v.whileloop.orelse);
    case N_With:
        for (size_t i = 0; i < s->v.with.items.n; i++) {
            Node *it = s->v.with.items.items[i];
            if (!visit_expr(st, it->v.withitem.context_expr)) return 0;
            if (it->v.withitem.optional_vars && !visit_expr(st, it->v.withitem.optional_vars))
                return 0;
        }
        return visit_stmts(st, &s->v.with.body);
    case N_Raise:
        if (s->v.raise.exc && !visit_expr(st, s->v.raise.exc)) return 0;
        return s->v.raise.cause ? visit_expr(st, s->v.raise.cause) : 1;
    case N_Try: case N_TryStar:
        if (!visit_stmts(st, &s->v.tryst.body)) return 0;
        for (size_t i = 0; i < s->v.tryst.handlers.n; i++) {
            Node *h = s->v.tryst.handlers.items[i];
            if (h->v.handler.type && !visit_expr(st, h->v.handler.type)) return 0;
            if (h->v.handler.name && !add_def(st, h->v.handler.name, DEF_LOCAL, h)) return 0;
            if (!visit_stmts(st, &h->v.handler.body)) return 0;
        }
        return visit_stmts(st, &s->v.tryst.orelse) && visit_stmts(st, &s->v.tryst.finalbody);
    case N_Assert:
        if (!visit_expr(st, s->v.assertst.test)) return 0;
        return s->v.assertst.msg ? visit_expr(st, s->v.assertst.msg) : 1;
    case N_Import: case N_ImportFrom:
        for (size_t i = 0; i < s->v.import.names.n; i++) {
            Node *a = s->v.import.names.items[i];
            const char *name = a->v.alias.asname ? a->v.alias.asname : a->v.alias.name;
            if (strcmp(name, "*") == 0) {
                if (st->cur->type != BLOCK_MODULE)
                    return ERR(a, "import * only allowed at module level");
                continue;
            }
            const char *dot = strchr(name, '.');
            if (dot) name = arena_strndup(st->arena, name, (size_t)(dot - name));
            if (!add_def(st, name, DEF_IMPORT, a)) return 0;
        }
        return 1;
    case N_Global: case N_Nonlocal: {
        bool glob = s->kind == N_Global;
        for (size_t i = 0; i < s->v.global.n; i++) {
            const char *name = s->v.global.names[i];
            if (!check_decl(st, s, name, glob ? "global" : "nonlocal")) return 0;
            if (!add_def(st, name, glob ? DEF_GLOBAL : DEF_NONLOCAL, s)) return 0;
        }
        return 1;
    }
    case N_Pass: case N_Break: case N_Continue:
        return 1;
    default:
        return ERR(s, "unexpected statement node %d", (int)s->kind);
    }
}

/* Walrus inside a comprehension binds in the nearest enclosing function/module scope. */
static int extend_namedexpr_scope(SymTable *st, Node *target)
{
    const char *name = target->v.name.id;
    for (size_t i = st->depth; i-- > 0;) {
        Scope *ste = st->stack[i];
        if (ste->comp != COMP_NONE) {
            Symbol *sym = scope_symbol(ste, symtable_mangle(st->arena, st->private_name, name));
            if (sym && (sym->flags & DEF_COMP_ITER))
                return ERR(target, "assignment expression cannot rebind comprehension "
                                   "iteration variable '%s'", name);
            continue;
        }
        if (ste->type == BLOCK_FUNCTION) {
            Symbol *sym = scope_symbol(ste, symtable_mangle(st->arena, st->private_name, name));
            if (sym && (sym->flags & DEF_GLOBAL)) {
                if (!add_def(st, name, DEF_GLOBAL, target)) return 0;
            } else if (!add_def(st, name, DEF_NONLOCAL, target)) {
                return 0;
            }
            return add_def_in(st, ste, name, DEF_LOCAL, target);
        }
        if (ste->type == BLOCK_MODULE) {
            if (!add_def(st, name, DEF_GLOBAL, target)) return 0;
            return add_def_in(st, ste, name, DEF_GLOBAL, target);
        }
        return ERR(target, "assignment expression within a comprehension cannot be used in a "
                           "class body");
    }
    return 1;
}

static const char *comp_scope_name(NodeKind k)
{
    switch (k) {
    case N_ListComp: return "listcomp";
    case N_SetComp: return "setcomp";
    case N_DictComp: return "dictcomp";
    default: return "genexpr";
    }
}

static int visit_comprehension(SymTable *st, Node *e)
{
    NodeList *gens = &e->v.comp.generators;
    Node *outer = gens->items[0];
    st->cur->comp_iter_expr++;
    int ok = visit_expr(st, outer->v.comprehension.iter);
    st->cur->comp_iter_expr--;
    if (!ok) return 0;
    bool is_gen = e->kind == N_GeneratorExp;
    Scope *c = enter_block(st, comp_scope_name(e->kind), BLOCK_FUNCTION, e);
    c->comp = e->kind == N_ListComp ? COMP_LIST : e->kind == N_SetComp ? COMP_SET
            : e->kind == N_DictComp ? COMP_DICT : COMP_GEN;
    if (outer->v.comprehension.is_async) c->is_coroutine = true;
    if (!add_def(st, ".0", DEF_PARAM, e)) return 0;
    for (size_t i = 0; i < gens->n; i++) {
        Node *g = gens->items[i];
        c->comp_iter_target = true;
        ok = visit_expr(st, g->v.comprehension.target);
        c->comp_iter_target = false;
        if (!ok) return 0;
        if (i > 0) {
            c->comp_iter_expr++;
            ok = visit_expr(st, g->v.comprehension.iter);
            c->comp_iter_expr--;
            if (!ok) return 0;
        }
        if (!visit_exprs(st, &g->v.comprehension.ifs)) return 0;
        if (g->v.comprehension.is_async) c->is_coroutine = true;
    }
    if (e->v.comp.value && !visit_expr(st, e->v.comp.value)) return 0;
    if (!visit_expr(st, e->v.comp.elt)) return 0;
    if (is_gen) c->is_generator = true;
    bool is_async = c->is_coroutine && !is_gen;
    exit_block(st);
    if (is_async) {
        Scope *p = st->cur;
        bool in_async_def = p->type == BLOCK_FUNCTION && p->is_coroutine && p->comp == COMP_NONE &&
                            p->node && p->node->kind == N_FunctionDef;
        if (!in_async_def && p->comp == COMP_NONE)
            return ERR(e, "asynchronous comprehension outside of an asynchronous function");
        p->is_coroutine = true;
    }
    return 1;
}

static const char *comp_yield_msg(CompKind k)
{
    switch (k) {
    case COMP_LIST: return "'yield' inside list comprehension";
    case COMP_SET: return "'yield' inside set comprehension";
    case COMP_DICT: return "'yield' inside dict comprehension";
    default: return "'yield' inside generator expression";
    }
}

static int visit_expr_inner(SymTable *st, Node *e)
{
    switch (e->kind) {
    case N_BoolOp: return visit_exprs(st, &e->v.boolop.values);
    case N_NamedExpr: {
        if (st->cur->comp_iter_expr > 0)
            return ERR(e, "assignment expression cannot be used in a comprehension iterable "
                          "expression");
        if (!visit_expr(st, e->v.namedexpr.value)) return 0;
        if (st->cur->comp != COMP_NONE) return extend_namedexpr_scope(st, e->v.namedexpr.target);
        return visit_expr(st, e->v.namedexpr.target);
    }
    case N_BinOp: return visit_expr(st, e->v.binop.left) && visit_expr(st, e->v.binop.right);
    case N_UnaryOp: return visit_expr(st, e->v.unaryop.operand);
    case N_Lambda: {
        Arguments *a = e->v.lambda.args;
        if (!visit_exprs(st, &a->defaults) || !visit_exprs(st, &a->kw_defaults)) return 0;
        Scope *l = enter_block(st, "lambda", BLOCK_FUNCTION, e);
        l->is_lambda = true;
        if (!visit_arg_inner(st, a) || !visit_expr(st, e->v.lambda.body)) return 0;
        exit_block(st);
        return 1;
    }
    case N_IfExp:
        return visit_expr(st, e->v.ifexp.test) && visit_expr(st, e->v.ifexp.body) &&
               visit_expr(st, e->v.ifexp.orelse);
    case N_Dict: return visit_exprs(st, &e->v.dict.keys) && visit_exprs(st, &e->v.dict.values);
    case N_Set: case N_List: case N_Tuple: return visit_exprs(st, &e->v.seq.elts);
    case N_ListComp: case N_SetComp: case N_GeneratorExp: case N_DictComp:
        return visit_comprehension(st, e);
    case N_Yield: case N_YieldFrom:
        if (e->v.ret.value && !visit_expr(st, e->v.ret.value)) return 0;
        st->cur->is_generator = true;
        if (st->cur->comp != COMP_NONE) return ERR(e, "%s", comp_yield_msg(st->cur->comp));
        return 1;
    case N_Await:
        if (!visit_expr(st, e->v.ret.value)) return 0;
        st->cur->is_coroutine = true;
        return 1;
    case N_Compare:
        return visit_expr(st, e->v.compare.left) && visit_exprs(st, &e->v.compare.comparators);
    case N_Call:
        if (!visit_expr(st, e->v.call.func) || !visit_exprs(st, &e->v.call.args)) return 0;
        for (size_t i = 0; i < e->v.call.keywords.n; i++)
            if (!visit_expr(st, e->v.call.keywords.items[i]->v.keyword.value)) return 0;
        return 1;
    case N_FormattedValue:
        if (!visit_expr(st, e->v.formatted.value)) return 0;
        return e->v.formatted.format_spec ? visit_expr(st, e->v.formatted.format_spec) : 1;
    case N_JoinedStr: return visit_exprs(st, &e->v.joined.values);
    case N_Constant: return 1;
    case N_Attribute: return visit_expr(st, e->v.attribute.value);
    case N_Subscript:
        return visit_expr(st, e->v.subscript.value) && visit_expr(st, e->v.subscript.slice);
    case N_Starred: return visit_expr(st, e->v.starred.value);
    case N_Slice:
        if (e->v.slice.lower && !visit_expr(st, e->v.slice.lower)) return 0;
        if (e->v.slice.upper && !visit_expr(st, e->v.slice.upper)) return 0;
        return e->v.slice.step ? visit_expr(st, e->v.slice.step) : 1;
    case N_Name:
        if (!add_def(st, e->v.name.id, e->v.name.ctx == CTX_LOAD ? DEF_USE : DEF_LOCAL, e))
            return 0;
        if (e->v.name.ctx == CTX_LOAD && st->cur->type == BLOCK_FUNCTION &&
            strcmp(e->v.name.id, "super") == 0)
            return add_def(st, "__class__", DEF_USE, e);
        return 1;
    default:
        return ERR(e, "unexpected expression node %d", (int)e->kind);
    }
}

/* ---------------------------------------------------------------- analysis */

static int analyze_name(SymTable *st, Scope *s, Symbol *sym, NameSet *bound, NameSet *local,
                        NameSet *free, NameSet *global)
{
    const char *name = sym->name;
    int flags = sym->flags;
    if (flags & DEF_GLOBAL) {
        if (flags & DEF_NONLOCAL)
            return ERR(sym->decl, "name '%s' is nonlocal and global", name);
        sym->scope = SC_GLOBAL_EXPLICIT;
        ns_add(st->arena, global, name);
        ns_discard(bound, name);
        return 1;
    }
    if (flags & DEF_NONLOCAL) {
        if (!bound) return ERR(sym->decl, "nonlocal declaration not allowed at module level");
        if (!ns_has(bound, name)) return ERR(sym->decl, "no binding for nonlocal '%s' found", name);
        sym->scope = SC_FREE;
        s->has_free = true;
        ns_add(st->arena, free, name);
        return 1;
    }
    if (flags & DEF_BOUND) {
        sym->scope = SC_LOCAL;
        ns_add(st->arena, local, name);
        ns_discard(global, name);
        return 1;
    }
    if (bound && ns_has(bound, name)) {
        sym->scope = SC_FREE;
        s->has_free = true;
        ns_add(st->arena, free, name);
        return 1;
    }
    if (global && ns_has(global, name)) {
        sym->scope = SC_GLOBAL_IMPLICIT;
        return 1;
    }
    if (s->is_nested) s->has_free = true;
    sym->scope = SC_GLOBAL_IMPLICIT;
    return 1;
}

static int analyze_block(SymTable *st, Scope *s, NameSet *bound, NameSet *free, NameSet *global);

static int analyze_child(SymTable *st, Scope *c, NameSet *bound, NameSet *free,
                         NameSet *global, NameSet *child_free)
{
    NameSet b = {0}, f = {0}, g = {0};
    ns_update(st->arena, &b, bound);
    ns_update(st->arena, &g, global);
    if (!analyze_block(st, c, &b, &f, &g)) return 0;
    ns_update(st->arena, child_free, &f);
    return 1;
}

static int analyze_block(SymTable *st, Scope *s, NameSet *bound, NameSet *free, NameSet *global)
{
    Arena *a = st->arena;
    NameSet local = {0}, newbound = {0}, newglobal = {0}, newfree = {0}, allfree = {0};
    if (s->type == BLOCK_CLASS) {
        ns_update(a, &newglobal, global);
        if (bound) ns_update(a, &newbound, bound);
    }
    for (size_t i = 0; i < s->nsyms; i++)
        if (!analyze_name(st, s, s->syms[i], bound, &local, free, global)) return 0;
    if (s->type != BLOCK_CLASS) {
        if (s->type == BLOCK_FUNCTION) ns_update(a, &newbound, &local);
        if (bound) ns_update(a, &newbound, bound);
        ns_update(a, &newglobal, global);
    } else {
        ns_add(a, &newbound, "__class__");
    }
    for (size_t i = 0; i < s->nchildren; i++) {
        Scope *c = s->children[i];
        if (!analyze_child(st, c, &newbound, &newfree, &newglobal, &allfree)) return 0;
        if (c->has_free || c->child_free) s->child_free = true;
    }
    ns_update(a, &newfree, &allfree);
    if (s->type == BLOCK_FUNCTION) {
        /* Locals that children use freely become cells. */
        for (size_t i = 0; i < s->nsyms; i++) {
            Symbol *sym = s->syms[i];
            if (sym->scope == SC_LOCAL && ns_has(&newfree, sym->name)) {
                sym->scope = SC_CELL;
                ns_discard(&newfree, sym->name);
            }
        }
    } else if (s->type == BLOCK_CLASS && ns_has(&newfree, "__class__")) {
        s->needs_class_closure = true;
        ns_discard(&newfree, "__class__");
    }
    /* Names free in children but not used here pass through as free (if bound above). */
    for (size_t i = 0; i < newfree.n; i++) {
        const char *name = newfree.v[i];
        Symbol *sym = scope_symbol(s, name);
        if (sym) {
            if (s->type == BLOCK_CLASS && (sym->flags & (DEF_BOUND | DEF_GLOBAL)))
                sym->flags |= DEF_FREE_CLASS;
            continue;
        }
        if (!bound || !ns_has(bound, name)) continue;
        sym = add_symbol(a, s, name);
        sym->scope = SC_FREE;
    }
    if (s->type == BLOCK_CLASS) {
        /* A class-local name that is also free below is free in the class too (the method's
         * closure comes through the class body); CPython marks it DEF_FREE_CLASS. */
    }
    ns_update(a, free, &newfree);
    return 1;
}

SymTable *symtable_build(Arena *arena, Node *mod, const char *filename, const char *source)
{
    SymTable *st = arena_alloc(arena, sizeof(SymTable));
    st->arena = arena;
    st->filename = filename;
    st->source = source;
    st->top = enter_block(st, "top", BLOCK_MODULE, mod);
    int ok = 1;
    switch (mod->kind) {
    case N_Module: case N_Interactive: ok = visit_stmts(st, &mod->v.module.body); break;
    case N_Expression: ok = visit_expr(st, mod->v.expression.body); break;
    default: ok = ERR(mod, "bad module node");
    }
    if (!ok) return NULL;
    NameSet global = {0}, free = {0};
    if (!analyze_block(st, st->top, NULL, &free, &global)) return NULL;
    return st;
}
