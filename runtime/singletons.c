/* singletons.c: None, NotImplemented and Ellipsis with their types. */
#include "types.h"
#include "errors.h"

static Obj *none_repr(Obj *o) { return str_from_cstr("None"); }
static Obj *notimpl_repr(Obj *o) { return str_from_cstr("NotImplemented"); }
static Obj *ellipsis_repr(Obj *o) { return str_from_cstr("Ellipsis"); }
static int none_bool(Obj *o) { return 0; }
static int notimpl_bool(Obj *o) {
    /* 3.9+: truth-testing NotImplemented is deprecated */
    if (warn_format(Exc_DeprecationWarning, 1,
                    "NotImplemented should not be used in a boolean context") < 0)
        return -1;
    return 1;
}

/* The types' constructors return the singleton and take no arguments. */
static Obj *singleton_new(Type *t, Obj *const *args, size_t nargs, Obj *kwnames, Obj *v) {
    if (nargs || (kwnames && TUPLE_SIZE(kwnames)))
        return err_format(Exc_TypeError, "%s takes no arguments", t->name);
    return NEWREF(v);
}
static Obj *none_new(Type *t, Obj *const *a, size_t n, Obj *k) { return singleton_new(t, a, n, k, V_None); }
static Obj *notimpl_new(Type *t, Obj *const *a, size_t n, Obj *k) { return singleton_new(t, a, n, k, V_NotImplemented); }
static Obj *ellipsis_new(Type *t, Obj *const *a, size_t n, Obj *k) { return singleton_new(t, a, n, k, V_Ellipsis); }

static Obj *notimpl_reduce(Obj *self, Obj *const *a, size_t n, Obj *k) { return str_from_cstr("NotImplemented"); }
static Obj *ellipsis_reduce(Obj *self, Obj *const *a, size_t n, Obj *k) { return str_from_cstr("Ellipsis"); }
static const MethodDef notimpl_methods[] = {{"__reduce__", notimpl_reduce, METH_NOARGS, NULL}, {NULL}};
static const MethodDef ellipsis_methods[] = {{"__reduce__", ellipsis_reduce, METH_NOARGS, NULL}, {NULL}};

Type Type_NoneType = {
    .ob = OBJ_HEAD_INIT(&Type_type), .name = "NoneType", .basicsize = sizeof(Obj),
    .repr = none_repr, .is_true = none_bool, .new = none_new,
};
Type Type_NotImplementedType = {
    .ob = OBJ_HEAD_INIT(&Type_type), .name = "NotImplementedType", .basicsize = sizeof(Obj),
    .repr = notimpl_repr, .is_true = notimpl_bool, .new = notimpl_new, .methods = notimpl_methods,
};
Type Type_ellipsis = {
    .ob = OBJ_HEAD_INIT(&Type_type), .name = "ellipsis", .basicsize = sizeof(Obj),
    .repr = ellipsis_repr, .new = ellipsis_new, .methods = ellipsis_methods,
};

Obj V_None_obj = OBJ_HEAD_INIT(&Type_NoneType);
Obj V_NotImplemented_obj = OBJ_HEAD_INIT(&Type_NotImplementedType);
Obj V_Ellipsis_obj = OBJ_HEAD_INIT(&Type_ellipsis);
