/* bool.c: the bool type and its two instances. True and False are bare, immortal Obj
 * headers; int.c's accessors treat them as 1 and 0, so every int operation accepts them. */
#include "int.h"

Obj V_True_obj = OBJ_HEAD_INIT(&Type_bool);
Obj V_False_obj = OBJ_HEAD_INIT(&Type_bool);

static Obj *bool_repr(Obj *v) {
    static Obj *names[2];
    int i = v == V_True;
    if (!names[i]) {
        names[i] = str_intern_cstr(i ? "True" : "False");
        if (!names[i]) return NULL;
    }
    return NEWREF(names[i]);
}

static Obj *bool_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames) > 0)
        return err_set_str(Exc_TypeError, "bool() takes no keyword arguments");
    if (nargs > 1) return err_format(Exc_TypeError, "bool expected at most 1 argument, got %zu", nargs);
    if (nargs == 0) return V_False;
    int t = obj_is_true(args[0]);
    if (t < 0) return NULL;
    return bool_from(t);
}

/* & | ^ of two bools stay bools; everything else is int arithmetic. */
static Obj *bool_binop(Obj *a, Obj *b, int op) {
    if (!INT_CHECK(a) || !INT_CHECK(b) || op == NB_MATRIX_MULTIPLY) return NEWREF(V_NotImplemented);
    bool ba = !IS_SMALL(a) && a->type == &Type_bool, bb = !IS_SMALL(b) && b->type == &Type_bool;
    if (ba && bb) {
        int x = a == V_True, y = b == V_True;
        if (op == NB_AND) return bool_from(x & y);
        if (op == NB_OR) return bool_from(x | y);
        if (op == NB_XOR) return bool_from(x ^ y);
    }
    return int_binop(a, b, op);
}

static int bool_is_true(Obj *v) { return v == V_True; }

Type Type_bool = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "bool",
    .basicsize = sizeof(Obj),
    .flags = TPFLAG_INT_SUBCLASS,    /* not TPFLAG_BASETYPE: "type 'bool' is not an acceptable base type" */
    .base = &Type_int,
    .doc = "bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.\n"
           "The builtins True and False are the only two instances of the class bool.\n"
           "The class bool is a subclass of the class int, and cannot be subclassed.",
    .new = bool_new,
    .repr = bool_repr,
    .is_true = bool_is_true,
    .binop = bool_binop,
};
