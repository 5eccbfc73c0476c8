/* function.c: Python functions (Type_function), bound methods (Type_method) and closure
 * cells (Type_cell). Calling a function goes through vm_call_function (vm/call.c, vm/eval.c). */
#include <string.h>
#include "eval_internal.h"
#include "gc.h"

/* ==== cells ==== */

/* Contract: types.h. value may be NULL (empty cell). */
Obj *cell_new(Obj *value) {
    CellObj *c = (CellObj *)gc_alloc(&Type_cell, sizeof(CellObj));
    if (!c) return NULL;
    c->ref = value;
    XINCREF(value);
    gc_track((Obj *)c);
    return (Obj *)c;
}

static void cell_dealloc(Obj *o) {
    gc_untrack(o);
    XDECREF(((CellObj *)o)->ref);
    obj_free(o);
}
static int cell_traverse(Obj *o, visitproc visit, void *arg) {
    Obj *r = ((CellObj *)o)->ref;
    return r ? visit(r, arg) : 0;
}
static int cell_clear(Obj *o) { CLEAR(((CellObj *)o)->ref); return 0; }
static Obj *cell_repr(Obj *o) {
    Obj *r = ((CellObj *)o)->ref;
    if (!r) return str_from_format("<cell at %p: empty>", (void *)o);
    return str_from_format("<cell at %p: %s object at %p>", (void *)o, type_name(TYPE(r)), (void *)r);
}
static Obj *cell_get_contents(Obj *o) {
    Obj *r = ((CellObj *)o)->ref;
    if (!r) return err_set_str(Exc_ValueError, "Cell is empty");
    return NEWREF(r);
}
static int cell_set_contents(Obj *o, Obj *v) {
    XINCREF(v);
    SETREF(((CellObj *)o)->ref, v);
    return 0;
}
static Obj *cell_new_py(Type *t, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) return err_set_str(Exc_TypeError, "cell() takes no keyword arguments");
    if (nargs > 1) return err_format(Exc_TypeError, "cell expected at most 1 argument, got %zu", nargs);
    return cell_new(nargs ? args[0] : NULL);
}
static Obj *cell_richcompare(Obj *a, Obj *b, int op) {
    if (TYPE(b) != &Type_cell) return NEWREF(V_NotImplemented);
    Obj *x = ((CellObj *)a)->ref, *y = ((CellObj *)b)->ref;
    if (x && y) return obj_richcompare(x, y, op);
    int c = (x != NULL) - (y != NULL);
    switch (op) {
    case CMP_LT: RETURN_BOOL(c < 0);
    case CMP_LE: RETURN_BOOL(c <= 0);
    case CMP_EQ: RETURN_BOOL(c == 0);
    case CMP_NE: RETURN_BOOL(c != 0);
    case CMP_GT: RETURN_BOOL(c > 0);
    default: RETURN_BOOL(c >= 0);
    }
}

static const GetSetDef cell_getset[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, NULL},
    {NULL},
};

Type Type_cell = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "cell",
    .basicsize = sizeof(CellObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = cell_dealloc,
    .traverse = cell_traverse,
    .clear = cell_clear,
    .repr = cell_repr,
    .new = cell_new_py,
    .richcompare = cell_richcompare,
    .hash = type_hash_not_implemented,
    .getset = cell_getset,
};

/* ==== functions ==== */

Obj *function_vectorcall(Obj *func, Obj *const *args, size_t nargs, Obj *kwnames) {
    return vm_call_function(func, args, nargs, kwnames);
}

/* Contract: types.h. qualname NULL: the code's qualname. */
Obj *function_new(Obj *code, Obj *globals, Obj *qualname) {
    CodeObj *co = (CodeObj *)code;
    FunctionObj *fn = (FunctionObj *)gc_alloc(&Type_function, sizeof(FunctionObj));
    if (!fn) return NULL;
    fn->code = NEWREF(code);
    fn->globals = NEWREF(globals);
    fn->builtins = NEWREF(frame_builtins_for(globals));
    fn->name = NEWREF(co->name);
    fn->qualname = NEWREF(qualname ? qualname : co->qualname);
    /* CPython 3.11: the docstring is co_consts[0] when it is a str */
    Obj *doc = V_None;
    if (co->consts && TUPLE_SIZE(co->consts) > 0 && STR_CHECK(TUPLE_GET(co->consts, 0)))
        doc = TUPLE_GET(co->consts, 0);
    fn->doc = NEWREF(doc);
    Obj *mod = DICT_CHECK(globals) ? dict_get(globals, NAME(__name__)) : NULL;
    fn->module = mod ? NEWREF(mod) : NULL;
    fn->vectorcall = function_vectorcall;
    gc_track((Obj *)fn);
    return (Obj *)fn;
}

static int func_clear(Obj *o) {
    FunctionObj *f = (FunctionObj *)o;
    CLEAR(f->globals);
    CLEAR(f->builtins);
    CLEAR(f->module);
    CLEAR(f->defaults);
    CLEAR(f->kwdefaults);
    CLEAR(f->doc);
    CLEAR(f->dict);
    CLEAR(f->closure);
    CLEAR(f->annotations);
    return 0;
}

static void func_dealloc(Obj *o) {
    FunctionObj *f = (FunctionObj *)o;
    gc_untrack(o);
    func_clear(o);
    CLEAR(f->code);
    CLEAR(f->name);
    CLEAR(f->qualname);
    obj_free(o);
}

static int func_traverse(Obj *o, visitproc visit, void *arg) {
    FunctionObj *f = (FunctionObj *)o;
    Obj *fields[] = {f->code, f->globals, f->builtins, f->module, f->defaults, f->kwdefaults,
                     f->doc, f->dict, f->closure, f->annotations, f->name, f->qualname};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i] && visit(fields[i], arg) < 0) return -1;
    return 0;
}

static Obj *func_repr(Obj *o) {
    return str_from_format("<function %U at %p>", ((FunctionObj *)o)->qualname, (void *)o);
}

static Obj *func_descr_get(Obj *func, Obj *obj, Obj *type) {
    if (!obj || obj == V_None) return NEWREF(func);
    return method_new(func, obj);
}

#define FN(o) ((FunctionObj *)(o))
static Obj *opt_none(Obj *v) { return NEWREF(v ? v : V_None); }

static Obj *fget_name(Obj *o) { return NEWREF(FN(o)->name); }
static int fset_name(Obj *o, Obj *v) {
    if (!v || !STR_CHECK(v)) return err_set_str(Exc_TypeError, "__name__ must be set to a string object"), -1;
    INCREF(v);
    SETREF(FN(o)->name, v);
    return 0;
}
static Obj *fget_qualname(Obj *o) { return NEWREF(FN(o)->qualname); }
static int fset_qualname(Obj *o, Obj *v) {
    if (!v || !STR_CHECK(v)) return err_set_str(Exc_TypeError, "__qualname__ must be set to a string object"), -1;
    INCREF(v);
    SETREF(FN(o)->qualname, v);
    return 0;
}
static Obj *fget_module(Obj *o) { return opt_none(FN(o)->module); }
static int fset_module(Obj *o, Obj *v) { XINCREF(v); SETREF(FN(o)->module, v); return 0; }
static Obj *fget_doc(Obj *o) { return opt_none(FN(o)->doc); }
static int fset_doc(Obj *o, Obj *v) { XINCREF(v); SETREF(FN(o)->doc, v); return 0; }
static Obj *fget_dict(Obj *o) {
    if (!FN(o)->dict && !(FN(o)->dict = dict_new())) return NULL;
    return NEWREF(FN(o)->dict);
}
static int fset_dict(Obj *o, Obj *v) {
    if (!v) return err_set_str(Exc_TypeError, "cannot delete __dict__"), -1;
    if (!DICT_CHECK(v)) return err_set_str(Exc_TypeError, "__dict__ must be set to a dictionary"), -1;
    INCREF(v);
    SETREF(FN(o)->dict, v);
    return 0;
}
static Obj *fget_defaults(Obj *o) { return opt_none(FN(o)->defaults); }
static int fset_defaults(Obj *o, Obj *v) {
    if (v == V_None) v = NULL;
    if (v && !TUPLE_CHECK(v)) return err_set_str(Exc_TypeError, "__defaults__ must be set to a tuple object"), -1;
    if (v && TUPLE_SIZE(v) == 0) v = NULL;
    XINCREF(v);
    SETREF(FN(o)->defaults, v);
    return 0;
}
static Obj *fget_kwdefaults(Obj *o) { return opt_none(FN(o)->kwdefaults); }
static int fset_kwdefaults(Obj *o, Obj *v) {
    if (v == V_None) v = NULL;
    if (v && !DICT_CHECK(v)) return err_set_str(Exc_TypeError, "__kwdefaults__ must be set to a dict object"), -1;
    XINCREF(v);
    SETREF(FN(o)->kwdefaults, v);
    return 0;
}
static Obj *fget_code(Obj *o) { return NEWREF(FN(o)->code); }
static int fset_code(Obj *o, Obj *v) {
    if (!v || TYPE(v) != &Type_code) return err_set_str(Exc_TypeError, "__code__ must be set to a code object"), -1;
    size_t nfree = CODE_NFREES((CodeObj *)v);
    size_t nclosure = FN(o)->closure ? TUPLE_SIZE(FN(o)->closure) : 0;
    if (nfree != nclosure) {
        err_format(Exc_ValueError, "%U() requires a code object with %zu free vars, not %zu",
                   FN(o)->name, nclosure, nfree);
        return -1;
    }
    INCREF(v);
    SETREF(FN(o)->code, v);
    return 0;
}
static Obj *fget_globals(Obj *o) { return NEWREF(FN(o)->globals); }
static Obj *fget_builtins(Obj *o) { return NEWREF(FN(o)->builtins); }
static Obj *fget_closure(Obj *o) { return opt_none(FN(o)->closure); }
static Obj *fget_annotations(Obj *o) {
    FunctionObj *f = FN(o);
    if (!f->annotations && !(f->annotations = dict_new())) return NULL;
    return NEWREF(f->annotations);
}
static int fset_annotations(Obj *o, Obj *v) {
    if (v == V_None) v = NULL;
    if (v && !DICT_CHECK(v)) return err_set_str(Exc_TypeError, "__annotations__ must be set to a dict object"), -1;
    XINCREF(v);
    SETREF(FN(o)->annotations, v);
    return 0;
}

static const GetSetDef func_getset[] = {
    {"__name__", fget_name, fset_name, NULL},
    {"__qualname__", fget_qualname, fset_qualname, NULL},
    {"__module__", fget_module, fset_module, NULL},
    {"__doc__", fget_doc, fset_doc, NULL},
    {"__dict__", fget_dict, fset_dict, NULL},
    {"__defaults__", fget_defaults, fset_defaults, NULL},
    {"__kwdefaults__", fget_kwdefaults, fset_kwdefaults, NULL},
    {"__code__", fget_code, fset_code, NULL},
    {"__globals__", fget_globals, NULL, NULL},
    {"__builtins__", fget_builtins, NULL, NULL},
    {"__closure__", fget_closure, NULL, NULL},
    {"__annotations__", fget_annotations, fset_annotations, NULL},
    {NULL},
};

/* types.FunctionType(code, globals, name=None, argdefs=None, closure=None) */
static Obj *func_new_py(Type *t, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"code", "globals", "name", "argdefs", "closure"};
    Obj *a[5];
    if (args_parse("function", args, nargs, kwnames, names, 5, 2, 5, a) < 0) return NULL;
    if (TYPE(a[0]) != &Type_code)
        return err_format(Exc_TypeError, "function() argument 'code' must be code, not %T", a[0]);
    if (!DICT_CHECK(a[1]))
        return err_format(Exc_TypeError, "function() argument 'globals' must be dict, not %T", a[1]);
    Obj *f = function_new(a[0], a[1], NULL);
    if (!f) return NULL;
    if (a[2] && a[2] != V_None) {
        if (fset_name(f, a[2]) < 0) goto fail;
        INCREF(a[2]);
        SETREF(FN(f)->qualname, a[2]);
    }
    if (a[3] && a[3] != V_None && fset_defaults(f, a[3]) < 0) goto fail;
    if (a[4] && a[4] != V_None) {
        if (!TUPLE_CHECK(a[4])) { err_set_str(Exc_TypeError, "arg 5 (closure) must be tuple"); goto fail; }
        FN(f)->closure = NEWREF(a[4]);
    }
    return f;
fail:
    DECREF(f);
    return NULL;
}

Type Type_function = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "function",
    .basicsize = sizeof(FunctionObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = func_dealloc,
    .traverse = func_traverse,
    .clear = func_clear,
    .repr = func_repr,
    .call = function_vectorcall,
    .descr_get = func_descr_get,
    .new = func_new_py,
    .dict_offset = offsetof(FunctionObj, dict),
    .weaklist_offset = offsetof(FunctionObj, weaklist),
    .getset = func_getset,
};

/* ==== bound methods ==== */

/* Contract: types.h. */
Obj *method_new(Obj *func, Obj *self) {
    MethodObj *m = (MethodObj *)gc_alloc(&Type_method, sizeof(MethodObj));
    if (!m) return NULL;
    m->func = NEWREF(func);
    m->self = NEWREF(self);
    gc_track((Obj *)m);
    return (Obj *)m;
}

static void method_dealloc(Obj *o) {
    gc_untrack(o);
    CLEAR(((MethodObj *)o)->func);
    CLEAR(((MethodObj *)o)->self);
    obj_free(o);
}
static int method_traverse(Obj *o, visitproc visit, void *arg) {
    MethodObj *m = (MethodObj *)o;
    if (m->func && visit(m->func, arg) < 0) return -1;
    if (m->self && visit(m->self, arg) < 0) return -1;
    return 0;
}

/* Calling a bound method prepends self (a small on-stack array for the usual arities). */
static Obj *method_call(Obj *callable, Obj *const *args, size_t nargs, Obj *kwnames) {
    MethodObj *m = (MethodObj *)callable;
    size_t total = nargs + (kwnames ? TUPLE_SIZE(kwnames) : 0);
    Obj *small[8];
    Obj **buf = total + 1 <= 8 ? small : vt_malloc((total + 1) * sizeof(Obj *));
    if (!buf) return NULL;
    buf[0] = m->self;
    if (total) memcpy(buf + 1, args, total * sizeof(Obj *));
    Obj *res;
    if (TYPE(m->func) == &Type_function)
        res = vm_call_function(m->func, buf, nargs + 1, kwnames);
    else
        res = obj_call(m->func, buf, nargs + 1, kwnames);
    if (buf != small) vt_free(buf);
    return res;
}

static Obj *method_repr(Obj *o) {
    MethodObj *m = (MethodObj *)o;
    Obj *name = obj_getattr_opt(m->func, NAME(__qualname__));
    if (!name) {
        if (err_occurred()) return NULL;
        name = obj_getattr_opt(m->func, NAME(__name__));
        if (!name && err_occurred()) return NULL;
    }
    Obj *r = str_from_format("<bound method %S of %R>", name ? name : (Obj *)V_None, m->self);
    XDECREF(name);
    return r;
}

static Obj *method_richcompare(Obj *a, Obj *b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || TYPE(b) != &Type_method) return NEWREF(V_NotImplemented);
    MethodObj *x = (MethodObj *)a, *y = (MethodObj *)b;
    int eq = x->self == y->self;
    if (eq) {
        eq = obj_richcompare_bool(x->func, y->func, CMP_EQ);
        if (eq < 0) return NULL;
    }
    return bool_from(op == CMP_EQ ? eq : !eq);
}

static intptr_t method_hash(Obj *o) {
    MethodObj *m = (MethodObj *)o;
    intptr_t h = obj_hash(m->func);
    if (h == -1) return -1;
    uintptr_t p = (uintptr_t)m->self;
    intptr_t hs = (intptr_t)((p >> 4) | (p << (8 * sizeof(p) - 4)));
    h ^= hs;
    return h == -1 ? -2 : h;
}

static Obj *method_getattr(Obj *o, Obj *name) {
    /* attributes of the method type itself (__self__, __func__, __class__...) first */
    Obj *descr = type_lookup(&Type_method, name);
    if (descr) return obj_generic_getattr(o, name);
    return obj_getattr(((MethodObj *)o)->func, name);
}

static Obj *method_descr_get(Obj *meth, Obj *obj, Obj *type) { return NEWREF(meth); }

static Obj *mget_self(Obj *o) { return NEWREF(((MethodObj *)o)->self); }
static Obj *mget_func(Obj *o) { return NEWREF(((MethodObj *)o)->func); }
static Obj *mget_doc(Obj *o) {
    Obj *d = obj_getattr_opt(((MethodObj *)o)->func, NAME(__doc__));
    if (!d && !err_occurred()) return NEWREF(V_None);
    return d;
}

static const GetSetDef method_getset[] = {
    {"__self__", mget_self, NULL, NULL},
    {"__func__", mget_func, NULL, NULL},
    {"__doc__", mget_doc, NULL, NULL},
    {NULL},
};

static Obj *method_new_py(Type *t, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) return err_set_str(Exc_TypeError, "method() takes no keyword arguments");
    if (nargs != 2) return err_format(Exc_TypeError, "method expected 2 arguments, got %zu", nargs);
    if (!obj_is_callable(args[0])) return err_set_str(Exc_TypeError, "first argument must be callable");
    if (args[1] == V_None) return err_set_str(Exc_TypeError, "instance must not be None");
    return method_new(args[0], args[1]);
}

Type Type_method = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "method",
    .basicsize = sizeof(MethodObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = method_dealloc,
    .traverse = method_traverse,
    .repr = method_repr,
    .call = method_call,
    .richcompare = method_richcompare,
    .hash = method_hash,
    .getattr = method_getattr,
    .descr_get = method_descr_get,
    .new = method_new_py,
    .getset = method_getset,
};
