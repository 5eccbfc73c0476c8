/* abstract.c: the abstract protocols: number operator dispatch (with reflected operands),
 * sequence/mapping access, iteration, index conversion, isinstance/issubclass. */
#include <string.h>
#include "types.h"
#include "objcore.h"
#include "vm.h"
#include "gc.h"
#include "names.h"
#include "dict.h"

const char *const nb_op_symbols[NB_COUNT] = {
#define X(name, sym, d, r, i) sym,
    NB_OPS(X)
#undef X
};
const int cmp_swapped[6] = {CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE};

/* ---- numbers ---- */

/* CPython's binary_op1: try a's slot, b's slot first when b's type is a subclass of a's. */
static Obj *binary_op1(Obj *a, Obj *b, int op) {
    Type *ta = TYPE(a), *tb = TYPE(b);
    binopfunc slota = ta->binop;
    binopfunc slotb = (tb != ta && tb->binop != slota) ? tb->binop : NULL;
    Obj *x;
    if (slota) {
        if (slotb && type_is_subtype(tb, ta)) {
            x = slotb(a, b, op);
            if (x != V_NotImplemented) return x;
            DECREF(x);
            slotb = NULL;
        }
        x = slota(a, b, op);
        if (x != V_NotImplemented) return x;
        DECREF(x);
    }
    if (slotb) {
        x = slotb(a, b, op);
        if (x != V_NotImplemented) return x;
        DECREF(x);
    }
    return NEWREF(V_NotImplemented);
}

static Obj *binop_type_error(Obj *a, Obj *b, const char *sym) {
    return err_format(Exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", sym,
                      TP_NAME(TYPE(a)), TP_NAME(TYPE(b)));
}

Obj *obj_binop(Obj *a, Obj *b, int op) {
    if (IS_SMALL(a) && IS_SMALL(b) && op != NB_MATRIX_MULTIPLY) return int_binop(a, b, op);
    Obj *r = binary_op1(a, b, op);
    if (r != V_NotImplemented) return r;
    DECREF(r);
    if (op == NB_POWER) return binop_type_error(a, b, "** or pow()");
    if (op == NB_RSHIFT && a && !IS_SMALL(a) && a->type == &Type_builtin_function_or_method &&
        strcmp(((CFunctionObj *)a)->def->name, "print") == 0)
        return err_format(Exc_TypeError,
                          "unsupported operand type(s) for >>: '%s' and '%s'. Did you mean \"print(<message>, file=<output_stream>)\"?",
                          TP_NAME(TYPE(a)), TP_NAME(TYPE(b)));
    return binop_type_error(a, b, nb_op_symbols[op]);
}

Obj *obj_inplace_op(Obj *a, Obj *b, int op) {
    if (IS_SMALL(a) && IS_SMALL(b) && op != NB_MATRIX_MULTIPLY) return int_binop(a, b, op);
    Type *ta = TYPE(a);
    if (ta->inplace) {
        Obj *x = ta->inplace(a, b, op);
        if (x != V_NotImplemented) return x;
        DECREF(x);
    }
    Obj *r = binary_op1(a, b, op);
    if (r != V_NotImplemented) return r;
    DECREF(r);
    char sym[16];
    snprintf(sym, sizeof sym, "%s=", op == NB_POWER ? "**" : nb_op_symbols[op]);
    return binop_type_error(a, b, sym);
}

Obj *obj_unop(Obj *a, int op) {
    Type *t = TYPE(a);
    if (t->unop) {
        Obj *r = t->unop(a, op);
        if (r != V_NotImplemented) return r;
        DECREF(r);
    }
    static const char *const what[] = {"unary -", "unary +", "unary ~", "abs()"};
    return err_format(Exc_TypeError, "bad operand type for %s: '%s'", what[op], TP_NAME(t));
}

Obj *obj_index(Obj *o) {
    if (INT_CHECK_EXACT(o)) return NEWREF(o);
    if (o == V_True) return MAKE_SMALL(1);
    if (o == V_False) return MAKE_SMALL(0);
    if (INT_CHECK(o)) {   /* int subclass: an exact int copy */
        mpz_t z;
        mpz_init(z);
        int_get_mpz(o, z);
        Obj *r = int_from_mpz(z);
        mpz_clear(z);
        return r;
    }
    Type *t = TYPE(o);
    if (!t->index)
        return err_format(Exc_TypeError, "'%s' object cannot be interpreted as an integer", TP_NAME(t));
    Obj *r = t->index(o);
    if (!r) return NULL;
    if (!INT_CHECK(r)) {
        err_format(Exc_TypeError, "__index__ returned non-int (type %s)", TP_NAME(TYPE(r)));
        DECREF(r);
        return NULL;
    }
    if (!INT_CHECK_EXACT(r)) {
        Obj *e = obj_index(r);
        DECREF(r);
        return e;
    }
    return r;
}

int64_t obj_as_index_i64(Obj *o, Type *overflow_exc) {
    if (IS_SMALL(o)) return SMALL_VALUE(o);
    Obj *i = obj_index(o);
    if (!i) return -1;
    int64_t v;
    if (int_as_i64_checked(i, &v) < 0) {
        if (!overflow_exc) {
            v = int_sign(i) < 0 ? INT64_MIN : INT64_MAX;
        } else {
            err_format(overflow_exc, "cannot fit '%s' into an index-sized integer", TP_NAME(TYPE(o)));
            v = -1;
        }
    }
    DECREF(i);
    return v;
}

/* ---- containers ---- */

intptr_t obj_len(Obj *o) {
    Type *t = TYPE(o);
    if (t->len) return t->len(o);
    err_format(Exc_TypeError, "object of type '%s' has no len()", TP_NAME(t));
    return -1;
}

Obj *obj_getitem(Obj *o, Obj *key) {
    Type *t = TYPE(o);
    if (t->getitem) return t->getitem(o, key);
    if (TYPE_CHECK(o)) {
        Obj *meth = obj_getattr_opt(o, NAME(__class_getitem__));
        if (meth) {
            Obj *r = obj_call1(meth, key);
            DECREF(meth);
            return r;
        }
        if (err_occurred()) return NULL;
        return err_format(Exc_TypeError, "type '%s' is not subscriptable", TP_NAME((Type *)o));
    }
    return err_format(Exc_TypeError, "'%s' object is not subscriptable", TP_NAME(t));
}

int obj_setitem(Obj *o, Obj *key, Obj *value) {
    Type *t = TYPE(o);
    if (t->setitem) return t->setitem(o, key, value);
    err_format(Exc_TypeError, "'%s' object does not support item assignment", TP_NAME(t));
    return -1;
}

int obj_delitem(Obj *o, Obj *key) {
    Type *t = TYPE(o);
    if (t->setitem) return t->setitem(o, key, NULL);
    err_format(Exc_TypeError, "'%s' object doesn't support item deletion", TP_NAME(t));
    return -1;
}

int obj_contains(Obj *container, Obj *item) {
    Type *t = TYPE(container);
    if (t->contains) return t->contains(container, item);
    if (!t->iter && !(t->getitem && !DICT_CHECK(container))) {
        err_format(Exc_TypeError, "argument of type '%s' is not iterable", TP_NAME(t));
        return -1;
    }
    Obj *it = obj_get_iter(container);
    if (!it) return -1;
    int found = 0;
    Obj *x;
    while ((x = iter_next(it))) {
        int eq = obj_richcompare_bool(x, item, CMP_EQ);
        DECREF(x);
        if (eq != 0) { found = eq; break; }
    }
    DECREF(it);
    if (found == 0 && err_occurred()) return -1;
    return found;
}

/* ---- iteration ---- */

Obj *obj_get_iter(Obj *o) {
    Type *t = TYPE(o);
    if (t->iter) {
        Obj *r = t->iter(o);
        if (r && !TYPE(r)->iternext) {
            err_format(Exc_TypeError, "iter() returned non-iterator of type '%s'", TP_NAME(TYPE(r)));
            DECREF(r);
            return NULL;
        }
        return r;
    }
    if (t->getitem && !DICT_CHECK(o)) {
        return seqiter_new(o);   /* the __getitem__ protocol */
    }
    return err_format(Exc_TypeError, "'%s' object is not iterable", TP_NAME(t));
}

Obj *iter_next(Obj *it) {
    Type *t = TYPE(it);
    if (VT_UNLIKELY(!t->iternext))
        return err_format(Exc_TypeError, "'%s' object is not an iterator", TP_NAME(t));
    Obj *r = t->iternext(it);
    if (!r && err_occurred() && err_matches(Exc_StopIteration)) err_clear();
    return r;
}

Obj *seq_to_list(Obj *iterable) {
    Obj *l = list_new(0);
    if (!l) return NULL;
    if (list_extend(l, iterable) < 0) { DECREF(l); return NULL; }
    return l;
}

Obj *seq_to_tuple(Obj *iterable) {
    if (!IS_SMALL(iterable) && iterable->type == &Type_tuple) return NEWREF(iterable);
    if (!IS_SMALL(iterable) && iterable->type == &Type_list) return list_as_tuple(iterable);
    Obj *l = seq_to_list(iterable);
    if (!l) return NULL;
    Obj *t = list_as_tuple(l);
    DECREF(l);
    return t;
}

/* ---- isinstance / issubclass ---- */

int type_is_subtype(Type *a, Type *b) {
    if (a == b) return 1;
    Obj *mro = a->mro;
    if (mro) {
        size_t n = TUPLE_SIZE(mro);
        for (size_t i = 0; i < n; i++)
            if (TUPLE_GET(mro, i) == (Obj *)b) return 1;
        return 0;
    }
    for (Type *t = a->base; t; t = t->base)
        if (t == b) return 1;
    return b == &Type_object;
}

/* An object's __bases__ (for classes that aren't types, as CPython's abstract_get_bases). */
static Obj *get_bases(Obj *cls) {
    Obj *b = obj_getattr_opt(cls, NAME(__bases__));
    if (b && !TUPLE_CHECK(b)) CLEAR(b);
    return b;
}

static int abstract_issubclass(Obj *derived, Obj *cls) {
    for (int depth = 0; depth < 10000; depth++) {
        if (derived == cls) return 1;
        Obj *bases = get_bases(derived);
        if (!bases) return err_occurred() ? -1 : 0;
        size_t n = TUPLE_SIZE(bases);
        if (n == 0) { DECREF(bases); return 0; }
        if (n == 1) {
            derived = TUPLE_GET(bases, 0);
            DECREF(bases);
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            int r = abstract_issubclass(TUPLE_GET(bases, i), cls);
            if (r != 0) { DECREF(bases); return r; }
        }
        DECREF(bases);
        return 0;
    }
    return 0;
}

static int recursive_isinstance(Obj *inst, Obj *cls) {
    if (TYPE_CHECK(cls)) {
        int r = type_is_subtype(TYPE(inst), (Type *)cls);
        if (r || !IS_HEAP_TYPE(TYPE(inst))) return r;
        /* a class may lie about __class__ (proxies, mocks) */
        Obj *c = obj_getattr_opt(inst, NAME(__class__));
        if (!c) return err_occurred() ? -1 : 0;
        if (c != (Obj *)TYPE(inst) && TYPE_CHECK(c)) r = type_is_subtype((Type *)c, (Type *)cls);
        DECREF(c);
        return r;
    }
    Obj *b = get_bases(cls);
    if (!b) {
        if (!err_occurred())
            err_set_str(Exc_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
        return -1;
    }
    DECREF(b);
    Obj *c = obj_getattr_opt(inst, NAME(__class__));
    if (!c) return err_occurred() ? -1 : 0;
    int r = abstract_issubclass(c, cls);
    DECREF(c);
    return r;
}

/* types.UnionType (int | str): treated as the tuple of its __args__. */
static Obj *union_args(Obj *cls) {
    Type *t = TYPE(cls);
    if (strcmp(t->name, "types.UnionType") != 0 && strcmp(t->name, "UnionType") != 0) return NULL;
    Obj *a = obj_getattr_cstr(cls, "__args__");
    if (!a) err_clear();
    return a;
}

int obj_isinstance(Obj *o, Obj *cls) {
    if ((Obj *)TYPE(o) == cls) return 1;
    if (TYPE_CHECK(cls) && TYPE(cls) == &Type_type) return recursive_isinstance(o, cls);
    if (TUPLE_CHECK(cls)) {
        if (vm_enter_recursive_call(" in __instancecheck__") < 0) return -1;
        int r = 0;
        for (size_t i = 0; i < TUPLE_SIZE(cls) && r == 0; i++) r = obj_isinstance(o, TUPLE_GET(cls, i));
        vm_leave_recursive_call();
        return r;
    }
    Obj *ua = union_args(cls);
    if (ua) {
        int r = obj_isinstance(o, ua);
        DECREF(ua);
        return r;
    }
    Obj *checker = obj_lookup_special(cls, NAME(__instancecheck__));
    if (checker) {
        if (vm_enter_recursive_call(" in __instancecheck__") < 0) { DECREF(checker); return -1; }
        Obj *r = obj_call1(checker, o);
        vm_leave_recursive_call();
        DECREF(checker);
        if (!r) return -1;
        int t = obj_is_true(r);
        DECREF(r);
        return t;
    }
    if (err_occurred()) return -1;
    return recursive_isinstance(o, cls);
}

static int recursive_issubclass(Obj *derived, Obj *cls) {
    if (TYPE_CHECK(cls) && TYPE_CHECK(derived)) return type_is_subtype((Type *)derived, (Type *)cls);
    Obj *b = get_bases(derived);
    if (!b) {
        if (!err_occurred()) err_set_str(Exc_TypeError, "issubclass() arg 1 must be a class");
        return -1;
    }
    DECREF(b);
    b = get_bases(cls);
    if (!b) {
        if (!err_occurred())
            err_set_str(Exc_TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
        return -1;
    }
    DECREF(b);
    return abstract_issubclass(derived, cls);
}

int obj_issubclass(Obj *derived, Obj *cls) {
    if (TYPE_CHECK(cls) && TYPE(cls) == &Type_type) {
        if (derived == cls) return 1;
        return recursive_issubclass(derived, cls);
    }
    if (TUPLE_CHECK(cls)) {
        if (vm_enter_recursive_call(" in __subclasscheck__") < 0) return -1;
        int r = 0;
        for (size_t i = 0; i < TUPLE_SIZE(cls) && r == 0; i++) r = obj_issubclass(derived, TUPLE_GET(cls, i));
        vm_leave_recursive_call();
        return r;
    }
    Obj *ua = union_args(cls);
    if (ua) {
        int r = obj_issubclass(derived, ua);
        DECREF(ua);
        return r;
    }
    Obj *checker = obj_lookup_special(cls, NAME(__subclasscheck__));
    if (checker) {
        if (vm_enter_recursive_call(" in __subclasscheck__") < 0) { DECREF(checker); return -1; }
        Obj *r = obj_call1(checker, derived);
        vm_leave_recursive_call();
        DECREF(checker);
        if (!r) return -1;
        int t = obj_is_true(r);
        DECREF(r);
        return t;
    }
    if (err_occurred()) return -1;
    return recursive_issubclass(derived, cls);
}
