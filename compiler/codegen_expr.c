/* codegen_expr.c: expressions: operators, comparisons (chained), boolean short-circuits and
 * conditional jumps, displays with star-unpacking, calls (method calls, keywords, *args and
 * **kwargs), f-strings, subscripts/slices, assignment targets and unpacking, await/yield. */
#include <string.h>
#include "codegen.h"
#include "errors.h"

#define STACK_USE_GUIDELINE 30

bool cg_is_const_expr(Node *e) { return e->kind == N_Constant; }

static Obj *try_fold(Node *e);

/* The compile-time value of e when CPython's AST optimizer would make it a constant: literals,
 * foldable arithmetic, tuple displays of those. NULL (no error set) otherwise. */
Obj *cg_const_value(Node *e)
{
    switch (e->kind) {
    case N_Constant: {
        Obj *v = cg_const_object(&e->v.constant);
        if (!v) err_clear();
        return v;
    }
    case N_UnaryOp: case N_BinOp:
        return try_fold(e);
    case N_Tuple: {
        if (e->v.seq.ctx != CTX_LOAD) return NULL;
        Obj *t = tuple_new(e->v.seq.elts.n);
        if (!t) { err_clear(); return NULL; }
        for (size_t i = 0; i < e->v.seq.elts.n; i++) {
            Obj *x = cg_const_value(e->v.seq.elts.items[i]);
            if (!x) { DECREF(t); return NULL; }
            TUPLE_SET_STEAL(t, i, x);
        }
        return t;
    }
    default:
        return NULL;
    }
}

/* Tuple of the constant values of all of elts, or NULL (no error) if one is not constant. */
static Obj *const_items(NodeList *elts)
{
    Obj *t = tuple_new(elts->n);
    if (!t) { err_clear(); return NULL; }
    for (size_t i = 0; i < elts->n; i++) {
        Obj *v = elts->items[i]->kind == N_Starred ? NULL : cg_const_value(elts->items[i]);
        if (!v) { DECREF(t); return NULL; }
        TUPLE_SET_STEAL(t, i, v);
    }
    return t;
}

/* frozenset(items) as CPython's compiler leaves it: built from the items, then rebuilt from
 * its own iteration order by the constant merging pass (this fixes its table layout). */
static Obj *folded_frozenset(Obj *tuple)
{
    Obj *fs = frozenset_new(tuple);
    if (!fs || set_size(fs) == 0) return fs;
    Obj *t2 = seq_to_tuple(fs);
    DECREF(fs);
    if (!t2) return NULL;
    fs = frozenset_new(t2);
    DECREF(t2);
    return fs;
}

/* A list/set display of constants used only for iteration or `in` (CPython's fold_iter /
 * fold_compare): the tuple or frozenset constant, or NULL without error when not foldable. */
static Obj *fold_iterable(Node *e)
{
    if ((e->kind != N_List && e->kind != N_Set) || e->v.seq.elts.n == 0) return NULL;
    Obj *t = const_items(&e->v.seq.elts);
    if (!t) return NULL;
    if (e->kind == N_List) return t;
    Obj *fs = folded_frozenset(t);
    DECREF(t);
    return fs;
}

int cg_iterable(Compiler *c, Node *e)
{
    Obj *k = fold_iterable(e);
    if (k) {
        Position saved = c->u->loc;
        cg_set_loc(c, e);
        int r = cg_load_const_steal(c, k);
        c->u->loc = saved;
        return r;
    }
    if (err_occurred()) return 0;
    return cg_expr(c, e);
}

static bool has_starred(NodeList *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i]->kind == N_Starred) return true;
    return false;
}

/* Build a list/set/tuple display (or call arguments) from elts, with `pushed` items already on
 * the stack that belong at the front. */
static int starunpack_helper(Compiler *c, NodeList *elts, int pushed, int build, int add,
                             int extend, bool tuple)
{
    size_t n = elts->n;
    if (!pushed && !tuple && n > 2 && (build == OP_BUILD_LIST || build == OP_BUILD_SET)) {
        Obj *t = const_items(elts);
        if (t) {
            /* [1, 2, 3] -> BUILD_LIST 0; LOAD_CONST (1, 2, 3); LIST_EXTEND 1, as CPython */
            if (build == OP_BUILD_SET) {
                Obj *fs = folded_frozenset(t);
                DECREF(t);
                if (!fs) return 0;
                t = fs;
            }
            TRY(cg_emit(c, build, 0));
            TRY(cg_load_const_steal(c, t));
            return cg_emit(c, extend, 1);
        }
    }
    if (!has_starred(elts) && n + pushed <= STACK_USE_GUIDELINE) {
        for (size_t i = 0; i < n; i++) TRY(cg_expr(c, elts->items[i]));
        if (tuple) return cg_emit(c, OP_BUILD_TUPLE, (int)n + pushed);
        return cg_emit(c, build, (int)n + pushed);
    }
    bool built = false;
    if (pushed) {
        TRY(cg_emit(c, build, pushed));
        built = true;
    }
    for (size_t i = 0; i < n; i++) {
        Node *elt = elts->items[i];
        if (elt->kind == N_Starred) {
            if (!built) {
                TRY(cg_emit(c, build, 0));
                built = true;
            }
            TRY(cg_expr(c, elt->v.starred.value));
            TRY(cg_emit(c, extend, 1));
        } else {
            if (!built) {
                TRY(cg_emit(c, build, 0));
                built = true;
            }
            TRY(cg_expr(c, elt));
            TRY(cg_emit(c, add, 1));
        }
    }
    if (!built) TRY(cg_emit(c, build, 0));
    if (tuple) TRY(cg_emit(c, OP_LIST_TO_TUPLE, 0));
    return 1;
}

static int cg_dict(Compiler *c, Node *e)
{
    size_t n = e->v.dict.values.n;
    bool have_dict = false;
    int elements = 0;
    for (size_t i = 0; i < n; i++) {
        Node *k = e->v.dict.keys.items[i], *v = e->v.dict.values.items[i];
        if (!k) {
            if (elements) {
                TRY(cg_emit(c, OP_BUILD_MAP, elements));
                if (have_dict) TRY(cg_emit(c, OP_DICT_UPDATE, 1));
                have_dict = true;
                elements = 0;
            }
            if (!have_dict) {
                TRY(cg_emit(c, OP_BUILD_MAP, 0));
                have_dict = true;
            }
            TRY(cg_expr(c, v));
            TRY(cg_emit(c, OP_DICT_UPDATE, 1));
        } else {
            if (elements == STACK_USE_GUIDELINE / 2) {
                TRY(cg_emit(c, OP_BUILD_MAP, elements));
                if (have_dict) TRY(cg_emit(c, OP_DICT_UPDATE, 1));
                have_dict = true;
                elements = 0;
            }
            TRY(cg_expr(c, k));
            TRY(cg_expr(c, v));
            elements++;
        }
    }
    if (elements) {
        TRY(cg_emit(c, OP_BUILD_MAP, elements));
        if (have_dict) TRY(cg_emit(c, OP_DICT_UPDATE, 1));
        have_dict = true;
    }
    if (!have_dict) TRY(cg_emit(c, OP_BUILD_MAP, 0));
    return 1;
}

static int cmpop(Compiler *c, CmpOpKind op)
{
    switch (op) {
    case CMPOP_IS: return cg_emit(c, OP_IS_OP, 0);
    case CMPOP_IS_NOT: return cg_emit(c, OP_IS_OP, 1);
    case CMPOP_IN: return cg_emit(c, OP_CONTAINS_OP, 0);
    case CMPOP_NOT_IN: return cg_emit(c, OP_CONTAINS_OP, 1);
    default: return cg_emit(c, OP_COMPARE_OP, (int)op);
    }
}

static int cg_compare(Compiler *c, Node *e)
{
    size_t n = e->v.compare.comparators.n;
    TRY(cg_expr(c, e->v.compare.left));
    if (n == 1) {
        Node *r = e->v.compare.comparators.items[0];
        CmpOpKind op = e->v.compare.ops[0];
        if (op == CMPOP_IN || op == CMPOP_NOT_IN) {
            /* `x in [1, 2]` / `x in {1, 2}`: a constant tuple / frozenset, as CPython */
            TRY(cg_iterable(c, r));
            cg_set_loc(c, e);
            return cmpop(c, op);
        }
        TRY(cg_expr(c, r));
        cg_set_loc(c, e);
        return cmpop(c, e->v.compare.ops[0]);
    }
    int cleanup = cg_new_label(c), end = cg_new_label(c);
    for (size_t i = 0; i + 1 < n; i++) {
        TRY(cg_expr(c, e->v.compare.comparators.items[i]));
        cg_set_loc(c, e);
        TRY(cg_emit(c, OP_SWAP, 2));
        TRY(cg_emit(c, OP_COPY, 2));
        TRY(cmpop(c, e->v.compare.ops[i]));
        TRY(cg_jump(c, OP_JUMP_IF_FALSE_OR_POP, cleanup));
    }
    TRY(cg_expr(c, e->v.compare.comparators.items[n - 1]));
    cg_set_loc(c, e);
    TRY(cmpop(c, e->v.compare.ops[n - 1]));
    TRY(cg_jump(c, OP_JUMP, end));
    cg_place(c, cleanup);
    TRY(cg_emit(c, OP_SWAP, 2));
    TRY(cg_emit(c, OP_POP_TOP, 0));
    cg_place(c, end);
    return 1;
}

int cg_jump_if(Compiler *c, Node *e, int label, bool cond)
{
    switch (e->kind) {
    case N_UnaryOp:
        if (e->v.unaryop.op == UOP_NOT) return cg_jump_if(c, e->v.unaryop.operand, label, !cond);
        break;
    case N_BoolOp: {
        bool cond2 = e->v.boolop.op == BOOL_OR;
        int next2 = label;
        if (cond2 != cond) next2 = cg_new_label(c);
        size_t n = e->v.boolop.values.n;
        for (size_t i = 0; i + 1 < n; i++)
            TRY(cg_jump_if(c, e->v.boolop.values.items[i], next2, cond2));
        TRY(cg_jump_if(c, e->v.boolop.values.items[n - 1], label, cond));
        if (next2 != label) cg_place(c, next2);
        return 1;
    }
    case N_IfExp: {
        int end = cg_new_label(c), next2 = cg_new_label(c);
        TRY(cg_jump_if(c, e->v.ifexp.test, next2, false));
        TRY(cg_jump_if(c, e->v.ifexp.body, label, cond));
        TRY(cg_jump(c, OP_JUMP, end));
        cg_place(c, next2);
        TRY(cg_jump_if(c, e->v.ifexp.orelse, label, cond));
        cg_place(c, end);
        return 1;
    }
    case N_Compare: {
        size_t n = e->v.compare.comparators.n;
        if (n == 1 && (e->v.compare.ops[0] == CMPOP_IS || e->v.compare.ops[0] == CMPOP_IS_NOT)) {
            Node *r = e->v.compare.comparators.items[0];
            if (r->kind == N_Constant && r->v.constant.kind == CONST_NONE) {
                /* `x is None` in a condition: POP_JUMP_IF_(NOT_)NONE, as CPython 3.11 */
                TRY(cg_expr(c, e->v.compare.left));
                cg_set_loc(c, e);
                bool jump_if_none = (e->v.compare.ops[0] == CMPOP_IS) == cond;
                return cg_jump(c, jump_if_none ? OP_POP_JUMP_IF_NONE : OP_POP_JUMP_IF_NOT_NONE, label);
            }
        }
        if (n < 2) break;
        int cleanup = cg_new_label(c), end = cg_new_label(c);
        TRY(cg_expr(c, e->v.compare.left));
        for (size_t i = 0; i + 1 < n; i++) {
            TRY(cg_expr(c, e->v.compare.comparators.items[i]));
            cg_set_loc(c, e);
            TRY(cg_emit(c, OP_SWAP, 2));
            TRY(cg_emit(c, OP_COPY, 2));
            TRY(cmpop(c, e->v.compare.ops[i]));
            TRY(cg_jump(c, OP_POP_JUMP_IF_FALSE, cleanup));
        }
        TRY(cg_expr(c, e->v.compare.comparators.items[n - 1]));
        cg_set_loc(c, e);
        TRY(cmpop(c, e->v.compare.ops[n - 1]));
        TRY(cg_jump(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, label));
        TRY(cg_jump(c, OP_JUMP, end));
        cg_place(c, cleanup);
        TRY(cg_emit(c, OP_POP_TOP, 0));
        if (!cond) TRY(cg_jump(c, OP_JUMP, label));
        cg_place(c, end);
        return 1;
    }
    default:
        break;
    }
    TRY(cg_expr(c, e));
    /* CPython 3.11 leaves a comparison's location on the jump and what follows it (an
     * assert's raise points at the failed comparison). */
    if (e->kind == N_Compare) cg_set_loc(c, e);
    return cg_jump(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, label);
}

/* ---------------------------------------------------------------- calls */

static int validate_keywords(Compiler *c, NodeList *kws)
{
    for (size_t i = 0; i < kws->n; i++) {
        const char *a = kws->items[i]->v.keyword.arg;
        if (!a) continue;
        if (strcmp(a, "__debug__") == 0) return cg_error(c, kws->items[i], "cannot assign to __debug__");
        for (size_t j = i + 1; j < kws->n; j++) {
            const char *b = kws->items[j]->v.keyword.arg;
            if (b && strcmp(a, b) == 0)
                return cg_error(c, kws->items[j], "keyword argument repeated: %s", a);
        }
    }
    return 1;
}

static int kw_names(Compiler *c, NodeList *kws)
{
    Obj *t = tuple_new(kws->n);
    if (!t) return 0;
    for (size_t i = 0; i < kws->n; i++) {
        Obj *s = str_intern_cstr(kws->items[i]->v.keyword.arg);
        if (!s) { DECREF(t); return 0; }
        TUPLE_SET_STEAL(t, i, s);
    }
    int idx = cg_add_const(c, t);
    DECREF(t);
    if (idx < 0) return 0;
    return cg_emit(c, OP_KW_NAMES, idx);
}

/* Arguments after `nprefix` already-pushed positional args, then CALL / CALL_FUNCTION_EX. */
int cg_call_helper(Compiler *c, int nprefix, NodeList *args, NodeList *kws, const Node *loc)
{
    TRY(validate_keywords(c, kws));
    bool ex = has_starred(args);
    for (size_t i = 0; i < kws->n; i++)
        if (!kws->items[i]->v.keyword.arg) ex = true;
    if (args->n + kws->n + nprefix > STACK_USE_GUIDELINE) ex = true;
    if (!ex) {
        for (size_t i = 0; i < args->n; i++) TRY(cg_expr(c, args->items[i]));
        for (size_t i = 0; i < kws->n; i++) TRY(cg_expr(c, kws->items[i]->v.keyword.value));
        cg_set_loc(c, loc);
        if (kws->n) TRY(kw_names(c, kws));
        return cg_emit(c, OP_CALL, nprefix + (int)(args->n + kws->n));
    }
    /* positional args as one tuple; a lone f(*x) passes x itself, which CALL_FUNCTION_EX
     * converts (CPython 3.11; its error names the callee: "f() argument after * ...") */
    if (nprefix == 0 && args->n == 1 && args->items[0]->kind == N_Starred)
        TRY(cg_expr(c, args->items[0]->v.starred.value));
    else
        TRY(starunpack_helper(c, args, nprefix, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, true));
    /* keywords as one dict */
    bool have_dict = false;
    int nseen = 0;
    for (size_t i = 0; i <= kws->n; i++) {
        Node *kw = i < kws->n ? kws->items[i] : NULL;
        if (kw && kw->v.keyword.arg) {
            TRY(cg_load_const_steal(c, str_from_cstr(kw->v.keyword.arg)));
            TRY(cg_expr(c, kw->v.keyword.value));
            nseen++;
            continue;
        }
        if (nseen) {
            TRY(cg_emit(c, OP_BUILD_MAP, nseen));
            if (have_dict) TRY(cg_emit(c, OP_DICT_MERGE, 1));
            have_dict = true;
            nseen = 0;
        }
        if (kw) {
            if (!have_dict) {
                TRY(cg_emit(c, OP_BUILD_MAP, 0));
                have_dict = true;
            }
            TRY(cg_expr(c, kw->v.keyword.value));
            TRY(cg_emit(c, OP_DICT_MERGE, 1));
        }
    }
    cg_set_loc(c, loc);
    return cg_emit(c, OP_CALL_FUNCTION_EX, have_dict ? 1 : 0);
}

/* CPython's update_start_location_to_match_attr: a multi-line `obj\n.meth(...)` call is
 * located at the attribute name. */
static void loc_match_attr(Compiler *c, Node *attr)
{
    Position *p = &c->u->loc;
    if (p->line != attr->end_lineno) {
        p->line = attr->end_lineno;
        int len = (int)strlen(attr->v.attribute.attr);
        if (len <= attr->end_col_offset) {
            p->col = attr->end_col_offset - len;
        } else {
            p->col = p->end_col = -1;
        }
        if (p->end_line < p->line) p->end_line = p->line;
        if (p->line == p->end_line && p->end_col < p->col) p->end_col = p->col;
    }
}

static int cg_call(Compiler *c, Node *e)
{
    Node *f = e->v.call.func;
    NodeList *args = &e->v.call.args, *kws = &e->v.call.keywords;
    bool simple = f->kind == N_Attribute && f->v.attribute.ctx == CTX_LOAD && !has_starred(args) &&
                  args->n + kws->n < STACK_USE_GUIDELINE;
    for (size_t i = 0; simple && i < kws->n; i++)
        if (!kws->items[i]->v.keyword.arg) simple = false;
    if (simple) {
        TRY(validate_keywords(c, kws));
        TRY(cg_expr(c, f->v.attribute.value));
        cg_set_loc(c, f);
        loc_match_attr(c, f);
        TRY(cg_emit_name(c, OP_LOAD_METHOD, f->v.attribute.attr));
        for (size_t i = 0; i < args->n; i++) TRY(cg_expr(c, args->items[i]));
        for (size_t i = 0; i < kws->n; i++) TRY(cg_expr(c, kws->items[i]->v.keyword.value));
        cg_set_loc(c, e);
        loc_match_attr(c, f);
        if (kws->n) TRY(kw_names(c, kws));
        return cg_emit(c, OP_CALL, (int)(args->n + kws->n));
    }
    TRY(cg_expr(c, f));
    cg_set_loc(c, e);
    TRY(cg_emit(c, OP_PUSH_NULL, 0));
    return cg_call_helper(c, 0, args, kws, e);
}

/* ---------------------------------------------------------------- targets */

int cg_unpack_helper(Compiler *c, NodeList *elts, const Node *loc)
{
    size_t n = elts->n;
    bool seen_star = false;
    for (size_t i = 0; i < n; i++) {
        if (elts->items[i]->kind != N_Starred) continue;
        if (seen_star) return cg_error(c, NULL, "multiple starred expressions in assignment");
        seen_star = true;
        size_t after = n - i - 1;
        if (i >= (1 << 8) || after >= (1 << 16))
            return cg_error(c, NULL, "too many expressions in star-unpacking assignment");
        TRY(cg_emit(c, OP_UNPACK_EX, (int)(i | (after << 8))));
    }
    if (!seen_star) TRY(cg_emit(c, OP_UNPACK_SEQUENCE, (int)n));
    return 1;
}

int cg_store_target(Compiler *c, Node *t)
{
    Position saved = c->u->loc;
    cg_set_loc(c, t);
    switch (t->kind) {
    case N_Name:
        TRY(cg_nameop(c, t->v.name.id, CTX_STORE));
        break;
    case N_Attribute:
        if (strcmp(t->v.attribute.attr, "__debug__") == 0)
            return cg_error(c, t, "cannot assign to __debug__");
        TRY(cg_expr(c, t->v.attribute.value));
        cg_set_loc(c, t);
        TRY(cg_emit_name(c, OP_STORE_ATTR, t->v.attribute.attr));
        break;
    case N_Subscript:
        TRY(cg_expr(c, t->v.subscript.value));
        TRY(cg_expr(c, t->v.subscript.slice));
        cg_set_loc(c, t);
        TRY(cg_emit(c, OP_STORE_SUBSCR, 0));
        break;
    case N_Tuple: case N_List:
        TRY(cg_unpack_helper(c, &t->v.seq.elts, t));
        for (size_t i = 0; i < t->v.seq.elts.n; i++) {
            Node *elt = t->v.seq.elts.items[i];
            TRY(cg_store_target(c, elt->kind == N_Starred ? elt->v.starred.value : elt));
        }
        break;
    case N_Starred:
        return cg_error(c, t, "starred assignment target must be in a list or tuple");
    default:
        return cg_error(c, t, "cannot assign to expression");
    }
    c->u->loc = saved;
    return 1;
}

/* ---------------------------------------------------------------- misc expressions */

static int cg_slice(Compiler *c, Node *s)
{
    int n = 2;
    if (s->v.slice.lower) TRY(cg_expr(c, s->v.slice.lower));
    else TRY(cg_load_none(c));
    if (s->v.slice.upper) TRY(cg_expr(c, s->v.slice.upper));
    else TRY(cg_load_none(c));
    if (s->v.slice.step) {
        TRY(cg_expr(c, s->v.slice.step));
        n = 3;
    }
    cg_set_loc(c, s);
    return cg_emit(c, OP_BUILD_SLICE, n);
}

static int cg_joined(Compiler *c, Node *e)
{
    NodeList *v = &e->v.joined.values;
    if (v->n == 0) return cg_load_const_steal(c, str_from_cstr(""));
    if (v->n == 1 && v->items[0]->kind == N_Constant) return cg_expr(c, v->items[0]);
    for (size_t i = 0; i < v->n; i++) TRY(cg_expr(c, v->items[i]));
    if (v->n == 1) return 1;
    cg_set_loc(c, e);
    return cg_emit(c, OP_BUILD_STRING, (int)v->n);
}

static int cg_formatted(Compiler *c, Node *e)
{
    TRY(cg_expr(c, e->v.formatted.value));
    int oparg = 0;
    switch (e->v.formatted.conversion) {
    case 's': oparg = 1; break;
    case 'r': oparg = 2; break;
    case 'a': oparg = 3; break;
    default: break;
    }
    if (e->v.formatted.format_spec) {
        TRY(cg_expr(c, e->v.formatted.format_spec));
        oparg |= 4;
    }
    cg_set_loc(c, e);
    return cg_emit(c, OP_FORMAT_VALUE, oparg);
}

/* ---------------------------------------------------------------- constant folding */

static bool is_number(Obj *v)
{
    Type *t = TYPE(v);
    return t == &Type_int || t == &Type_float || t == &Type_complex;
}

static size_t int_bits(Obj *v)
{
    if (IS_SMALL(v)) {
        int64_t x = SMALL_VALUE(v);
        uint64_t u = x < 0 ? (uint64_t)-x : (uint64_t)x;
        size_t n = 0;
        while (u) { n++; u >>= 1; }
        return n;
    }
    mpz_t z;
    mpz_init(z);
    int_get_mpz(v, z);
    size_t n = mpz_sizeinbase(z, 2);
    mpz_clear(z);
    return n;
}

/* The value of a constant arithmetic expression made of numbers (CPython's AST optimizer
 * folds these), or NULL (no error set) when it cannot or should not be folded. */
static Obj *try_fold(Node *e)
{
    if (e->kind == N_Constant) {
        ConstKind k = e->v.constant.kind;
        if (k != CONST_INT && k != CONST_FLOAT && k != CONST_IMAG) return NULL;
        Obj *v = cg_const_object(&e->v.constant);
        if (!v) err_clear();
        return v;
    }
    if (e->kind == N_UnaryOp && e->v.unaryop.op != UOP_NOT) {
        Obj *a = try_fold(e->v.unaryop.operand);
        if (!a) return NULL;
        int op = e->v.unaryop.op == UOP_USUB ? UN_NEGATIVE : e->v.unaryop.op == UOP_UADD ? UN_POSITIVE
                                                                                       : UN_INVERT;
        Obj *r = (op == UN_INVERT && TYPE(a) != &Type_int) ? NULL : obj_unop(a, op);
        DECREF(a);
        if (!r) err_clear();
        return r;
    }
    if (e->kind != N_BinOp) return NULL;
    int op = e->v.binop.op;
    if (op == NB_MATRIX_MULTIPLY || op == NB_DIVMOD) return NULL;
    Obj *a = try_fold(e->v.binop.left);
    if (!a) return NULL;
    Obj *b = try_fold(e->v.binop.right);
    if (!b) { DECREF(a); return NULL; }
    Obj *r = NULL;
    bool ints = TYPE(a) == &Type_int && TYPE(b) == &Type_int;
    bool ok = is_number(a) && is_number(b);
    /* size limits as CPython's safe_power / safe_lshift / safe_multiply */
    if (ok && ints && op == NB_POWER) {
        ok = int_sign(b) >= 0 && int_bits(b) <= 8 && int_bits(a) * (size_t)int_as_i64(b) <= 128;
        if (int_sign(b) < 0) ok = true;   /* gives a float */
    } else if (ok && ints && op == NB_LSHIFT) {
        ok = int_sign(b) >= 0 && int_bits(b) <= 8 && int_bits(a) + (size_t)int_as_i64(b) <= 128;
    } else if (ok && ints && op == NB_MULTIPLY) {
        ok = int_bits(a) + int_bits(b) <= 128;
    }
    if (ok) {
        r = obj_binop(a, b, op);
        if (!r) err_clear();
    }
    DECREF(a);
    DECREF(b);
    return r;
}

static int cg_unary(Compiler *c, Node *e)
{
    Node *o = e->v.unaryop.operand;
    Obj *folded = try_fold(e);
    if (folded) return cg_load_const_steal(c, folded);
    TRY(cg_expr(c, o));
    cg_set_loc(c, e);
    switch (e->v.unaryop.op) {
    case UOP_INVERT: return cg_emit(c, OP_UNARY_INVERT, 0);
    case UOP_NOT: return cg_emit(c, OP_UNARY_NOT, 0);
    case UOP_UADD: return cg_emit(c, OP_UNARY_POSITIVE, 0);
    default: return cg_emit(c, OP_UNARY_NEGATIVE, 0);
    }
}

static int cg_boolop(Compiler *c, Node *e)
{
    int end = cg_new_label(c);
    int op = e->v.boolop.op == BOOL_AND ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP;
    size_t n = e->v.boolop.values.n;
    for (size_t i = 0; i + 1 < n; i++) {
        TRY(cg_expr(c, e->v.boolop.values.items[i]));
        TRY(cg_jump(c, op, end));
    }
    TRY(cg_expr(c, e->v.boolop.values.items[n - 1]));
    cg_place(c, end);
    return 1;
}

static int cg_await_like(Compiler *c, Node *e)
{
    Unit *u = c->u;
    switch (e->kind) {
    case N_Await:
        if (u->ste->type != BLOCK_FUNCTION) return cg_error(c, e, "'await' outside function");
        if (u->type != U_ASYNC_FUNCTION && u->type != U_COMPREHENSION)
            return cg_error(c, e, "'await' outside async function");
        TRY(cg_expr(c, e->v.ret.value));
        cg_set_loc(c, e);
        TRY(cg_emit(c, OP_GET_AWAITABLE, 0));
        TRY(cg_load_none(c));
        return cg_add_yield_from(c, true);
    case N_Yield:
        if (u->ste->type != BLOCK_FUNCTION) return cg_error(c, e, "'yield' outside function");
        if (e->v.ret.value) TRY(cg_expr(c, e->v.ret.value));
        else TRY(cg_load_none(c));
        cg_set_loc(c, e);
        if (u->ste->is_coroutine && u->ste->is_generator) TRY(cg_emit(c, OP_ASYNC_GEN_WRAP, 0));
        return cg_emit(c, OP_YIELD_VALUE, 0);
    default: /* YieldFrom */
        if (u->ste->type != BLOCK_FUNCTION) return cg_error(c, e, "'yield' outside function");
        if (u->type == U_ASYNC_FUNCTION) return cg_error(c, e, "'yield from' inside async function");
        TRY(cg_expr(c, e->v.ret.value));
        cg_set_loc(c, e);
        TRY(cg_emit(c, OP_GET_YIELD_FROM_ITER, 0));
        TRY(cg_load_none(c));
        return cg_add_yield_from(c, false);
    }
}

static int cg_expr_inner(Compiler *c, Node *e)
{
    switch (e->kind) {
    case N_BoolOp: return cg_boolop(c, e);
    case N_NamedExpr:
        TRY(cg_expr(c, e->v.namedexpr.value));
        TRY(cg_emit(c, OP_COPY, 1));
        return cg_store_target(c, e->v.namedexpr.target);
    case N_BinOp: {
        Obj *folded = try_fold(e);
        if (folded) return cg_load_const_steal(c, folded);
        TRY(cg_expr(c, e->v.binop.left));
        TRY(cg_expr(c, e->v.binop.right));
        return cg_emit(c, OP_BINARY_OP, e->v.binop.op);
    }
    case N_UnaryOp: return cg_unary(c, e);
    case N_Lambda: return cg_lambda(c, e);
    case N_IfExp: {
        int end = cg_new_label(c), next = cg_new_label(c);
        TRY(cg_jump_if(c, e->v.ifexp.test, next, false));
        TRY(cg_expr(c, e->v.ifexp.body));
        TRY(cg_jump(c, OP_JUMP, end));
        cg_place(c, next);
        TRY(cg_expr(c, e->v.ifexp.orelse));
        cg_place(c, end);
        return 1;
    }
    case N_Dict: return cg_dict(c, e);
    case N_Set:
        return starunpack_helper(c, &e->v.seq.elts, 0, OP_BUILD_SET, OP_SET_ADD, OP_SET_UPDATE, false);
    case N_ListComp: case N_SetComp: case N_GeneratorExp: case N_DictComp:
        return cg_comprehension(c, e);
    case N_Await: case N_Yield: case N_YieldFrom: return cg_await_like(c, e);
    case N_Compare: return cg_compare(c, e);
    case N_Call: return cg_call(c, e);
    case N_FormattedValue: return cg_formatted(c, e);
    case N_JoinedStr: return cg_joined(c, e);
    case N_Constant: return cg_load_const_steal(c, cg_const_object(&e->v.constant));
    case N_Attribute:
        TRY(cg_expr(c, e->v.attribute.value));
        cg_set_loc(c, e);
        if (e->v.attribute.ctx != CTX_LOAD) return cg_error(c, e, "attribute in store context");
        return cg_emit_name(c, OP_LOAD_ATTR, e->v.attribute.attr);
    case N_Subscript:
        TRY(cg_expr(c, e->v.subscript.value));
        TRY(cg_expr(c, e->v.subscript.slice));
        cg_set_loc(c, e);
        return cg_emit(c, OP_BINARY_SUBSCR, 0);
    case N_Starred:
        return cg_error(c, e, e->v.starred.ctx == CTX_STORE
                                  ? "starred assignment target must be in a list or tuple"
                                  : "can't use starred expression here");
    case N_Name: return cg_nameop(c, e->v.name.id, CTX_LOAD);
    case N_List:
        return starunpack_helper(c, &e->v.seq.elts, 0, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, false);
    case N_Tuple: {
        Obj *k = cg_const_value(e);
        if (k) return cg_load_const_steal(c, k);
        return starunpack_helper(c, &e->v.seq.elts, 0, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, true);
    }
    case N_Slice: return cg_slice(c, e);
    default:
        return cg_error(c, e, "unexpected expression");
    }
}

int cg_expr(Compiler *c, Node *e)
{
    Position saved = c->u->loc;
    cg_set_loc(c, e);
    int r = cg_expr_inner(c, e);
    c->u->loc = saved;
    return r;
}
