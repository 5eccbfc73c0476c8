/* descr.c: built-in functions/methods (CFunctionObj), method/classmethod/getset/member
 * descriptors of static types, and argument checking/parsing for C functions. */
#include <string.h>
#include "types.h"
#include "objcore.h"
#include "vm.h"
#include "gc.h"
#include "names.h"

/* ---- argument checks ---- */

/* "len()", "list.append()", "math.sqrt()": how CPython names a builtin in call errors. */
static void func_display(char *buf, size_t size, const MethodDef *def, Obj *self) {
    if (!self) {
        snprintf(buf, size, "%s()", def->name);
    } else if (IS_TYPE(self, &Type_module)) {
        Obj *n = ((ModuleObj *)self)->name;
        if (n && STR_CHECK(n) && !str_eq_cstr(n, "builtins"))
            snprintf(buf, size, "%s.%s()", str_cstr(n), def->name);
        else
            snprintf(buf, size, "%s()", def->name);
    } else if (TYPE_CHECK(self) && (def->flags & METH_CLASS)) {
        snprintf(buf, size, "%s.%s()", type_name((Type *)self), def->name);
    } else {
        snprintf(buf, size, "%s.%s()", type_name(TYPE(self)), def->name);
    }
}

static int check_args_named(const MethodDef *def, const char *disp, size_t nargs, Obj *kwnames) {
    int fl = def->flags;
    if (kwnames && TUPLE_SIZE(kwnames) && !(fl & METH_KEYWORDS)) {
        err_format(Exc_TypeError, "%s takes no keyword arguments", disp);
        return -1;
    }
    if ((fl & METH_NOARGS) && nargs != 0) {
        err_format(Exc_TypeError, "%s takes no arguments (%zu given)", disp, nargs);
        return -1;
    }
    if ((fl & METH_O) && nargs != 1) {
        err_format(Exc_TypeError, "%s takes exactly one argument (%zu given)", disp, nargs);
        return -1;
    }
    return 0;
}

int cfunction_check_args(const MethodDef *def, size_t nargs, Obj *kwnames) {
    if (VT_LIKELY(!(kwnames && TUPLE_SIZE(kwnames)) && !(def->flags & (METH_NOARGS | METH_O))))
        return 0;
    char disp[256];
    snprintf(disp, sizeof disp, "%s()", def->name);
    return check_args_named(def, disp, nargs, kwnames);
}

static inline int check_bound(const MethodDef *def, Obj *self, size_t nargs, Obj *kwnames) {
    int fl = def->flags;
    bool has_kw = kwnames && TUPLE_SIZE(kwnames);
    if (VT_LIKELY(!has_kw || (fl & METH_KEYWORDS))) {
        if (!(fl & (METH_NOARGS | METH_O))) return 0;
        if ((fl & METH_O) && nargs == 1) return 0;
        if ((fl & METH_NOARGS) && nargs == 0) return 0;
    }
    char disp[256];
    func_display(disp, sizeof disp, def, self);
    return check_args_named(def, disp, nargs, kwnames);
}

int args_check_count(const char *fname, size_t nargs, Obj *kwnames, size_t min, size_t max) {
    if (kwnames && TUPLE_SIZE(kwnames)) {
        err_format(Exc_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    if (nargs >= min && nargs <= max) return 0;
    if (min == max)
        err_format(Exc_TypeError, "%s expected %zu argument%s, got %zu", fname, min, min == 1 ? "" : "s", nargs);
    else if (nargs < min)
        err_format(Exc_TypeError, "%s expected at least %zu argument%s, got %zu", fname, min,
                   min == 1 ? "" : "s", nargs);
    else
        err_format(Exc_TypeError, "%s expected at most %zu argument%s, got %zu", fname, max,
                   max == 1 ? "" : "s", nargs);
    return -1;
}

int args_parse(const char *fname, Obj *const *args, size_t nargs, Obj *kwnames,
               const char *const *names, size_t nnames, size_t nrequired, size_t maxpos,
               Obj **out) {
    if (nargs > maxpos) {
        if (nrequired == maxpos)
            err_format(Exc_TypeError, "%s() takes exactly %zu argument%s (%zu given)", fname, maxpos,
                       maxpos == 1 ? "" : "s", nargs);
        else
            err_format(Exc_TypeError, "%s() takes at most %zu argument%s (%zu given)", fname, maxpos,
                       maxpos == 1 ? "" : "s", nargs);
        return -1;
    }
    for (size_t i = 0; i < nnames; i++) out[i] = i < nargs ? args[i] : NULL;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        Obj *key = TUPLE_GET(kwnames, k);
        size_t j;
        for (j = 0; j < nnames; j++)
            if (names[j][0] && str_eq_cstr(key, names[j])) break;
        if (j == nnames) {
            err_format(Exc_TypeError, "'%U' is an invalid keyword argument for %s()", key, fname);
            return -1;
        }
        if (out[j]) {
            err_format(Exc_TypeError, "argument for %s() given by name ('%s') and position (%zu)", fname,
                       names[j], j + 1);
            return -1;
        }
        out[j] = args[nargs + k];
    }
    for (size_t i = 0; i < nrequired; i++) {
        if (!out[i]) {
            if (names[i][0])
                err_format(Exc_TypeError, "%s() missing required argument '%s' (pos %zu)", fname, names[i], i + 1);
            else
                err_format(Exc_TypeError, "%s() takes at least %zu positional argument%s (%zu given)", fname,
                           nrequired, nrequired == 1 ? "" : "s", nargs);
            return -1;
        }
    }
    return 0;
}

/* ---- builtin_function_or_method ---- */

static Obj *cfunction_call(Obj *callable, Obj *const *args, size_t nargs, Obj *kwnames) {
    CFunctionObj *f = (CFunctionObj *)callable;
    if (VT_UNLIKELY(check_bound(f->def, f->self, nargs, kwnames) < 0)) return NULL;
    return f->def->fn(f->self, args, nargs, kwnames);
}

Obj *cfunction_new(const MethodDef *def, Obj *self) {
    CFunctionObj *f = (CFunctionObj *)gc_alloc(&Type_builtin_function_or_method, sizeof(CFunctionObj));
    if (!f) return NULL;
    f->def = def;
    f->self = self;
    XINCREF(self);
    if (self && IS_TYPE(self, &Type_module)) {
        f->module_name = ((ModuleObj *)self)->name;
        XINCREF(f->module_name);
    }
    gc_track((Obj *)f);
    return (Obj *)f;
}

static void cfunction_dealloc(Obj *o) {
    CFunctionObj *f = (CFunctionObj *)o;
    gc_untrack(o);
    XDECREF(f->self);
    XDECREF(f->module_name);
    obj_free(o);
}
static int cfunction_traverse(Obj *o, visitproc visit, void *arg) {
    CFunctionObj *f = (CFunctionObj *)o;
    if (f->self && visit(f->self, arg)) return 1;
    if (f->module_name && visit(f->module_name, arg)) return 1;
    return 0;
}

static bool is_function_like(CFunctionObj *f) { return !f->self || IS_TYPE(f->self, &Type_module); }

static Obj *cfunction_repr(Obj *o) {
    CFunctionObj *f = (CFunctionObj *)o;
    if (is_function_like(f)) return str_from_format("<built-in function %s>", f->def->name);
    if (TYPE_CHECK(f->self))
        return str_from_format("<built-in method %s of type object at %p>", f->def->name, (void *)f->self);
    return str_from_format("<built-in method %s of %s object at %p>", f->def->name,
                           TP_NAME(TYPE(f->self)), (void *)f->self);
}

static Obj *cfunction_richcompare(Obj *a, Obj *b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || !IS_TYPE(b, &Type_builtin_function_or_method))
        return NEWREF(V_NotImplemented);
    CFunctionObj *x = (CFunctionObj *)a, *y = (CFunctionObj *)b;
    bool eq = x->def == y->def && x->self == y->self;
    return bool_from(op == CMP_EQ ? eq : !eq);
}
static intptr_t cfunction_hash(Obj *o) {
    CFunctionObj *f = (CFunctionObj *)o;
    intptr_t h = (intptr_t)((uintptr_t)f->def >> 4) ^ (f->self ? obj_hash(f->self) : 0);
    return h == -1 ? -2 : h;
}

static Obj *cf_name(Obj *o) { return str_from_cstr(((CFunctionObj *)o)->def->name); }
static Obj *cf_qualname(Obj *o) {
    CFunctionObj *f = (CFunctionObj *)o;
    if (is_function_like(f)) return str_from_cstr(f->def->name);
    Type *t = TYPE_CHECK(f->self) ? (Type *)f->self : TYPE(f->self);
    return str_from_format("%s.%s", type_name(t), f->def->name);
}
static Obj *cf_self(Obj *o) {
    CFunctionObj *f = (CFunctionObj *)o;
    return NEWREF(f->self ? f->self : V_None);
}
static Obj *cf_module(Obj *o) {
    CFunctionObj *f = (CFunctionObj *)o;
    return NEWREF(f->module_name ? f->module_name : V_None);
}
static Obj *doc_of(const char *doc) { return doc ? str_from_cstr(doc) : NEWREF(V_None); }
static Obj *cf_doc(Obj *o) { return doc_of(((CFunctionObj *)o)->def->doc); }
static Obj *cf_text_signature(Obj *o) { RETURN_NONE; }

static const GetSetDef cfunction_getset[] = {
    {"__name__", cf_name, NULL, NULL},
    {"__qualname__", cf_qualname, NULL, NULL},
    {"__self__", cf_self, NULL, NULL},
    {"__module__", cf_module, NULL, NULL},
    {"__doc__", cf_doc, NULL, NULL},
    {"__text_signature__", cf_text_signature, NULL, NULL},
    {NULL},
};

static Obj *cf_reduce(Obj *self, Obj *const *a, size_t n, Obj *k) {
    CFunctionObj *f = (CFunctionObj *)self;
    if (is_function_like(f)) return str_from_cstr(f->def->name);
    Obj *getattr_fn = dict_get_cstr(vm_interp()->builtins, "getattr");
    Obj *name = str_from_cstr(f->def->name);
    if (!name || !getattr_fn) { XDECREF(name); return name ? err_set_str(Exc_TypeError, "cannot pickle") : NULL; }
    Obj *args = tuple_pack(2, f->self, name);
    DECREF(name);
    if (!args) return NULL;
    Obj *r = tuple_pack(2, getattr_fn, args);
    DECREF(args);
    return r;
}
static const MethodDef cfunction_methods[] = {{"__reduce__", cf_reduce, METH_NOARGS, NULL}, {NULL}};

Type Type_builtin_function_or_method = {
    .ob = OBJ_HEAD_INIT(&Type_type), .name = "builtin_function_or_method",
    .basicsize = sizeof(CFunctionObj), .flags = TPFLAG_HAVE_GC,
    .dealloc = cfunction_dealloc, .traverse = cfunction_traverse, .call = cfunction_call,
    .repr = cfunction_repr, .richcompare = cfunction_richcompare, .hash = cfunction_hash,
    .getset = cfunction_getset, .methods = cfunction_methods,
};

/* ---- descriptors of static types ---- */

typedef struct {
    Obj ob;
    Type *owner;
    const void *def;     /* MethodDef / GetSetDef / MemberDef */
    const char *name;
    const char *doc;
} DescrObj;

static Obj *descr_alloc(Type *dt, Type *owner, const void *def, const char *name, const char *doc) {
    DescrObj *d = (DescrObj *)gc_alloc(dt, sizeof(DescrObj));
    if (!d) return NULL;
    d->owner = owner;
    INCREF((Obj *)owner);
    d->def = def;
    d->name = name;
    d->doc = doc;
    gc_track((Obj *)d);
    return (Obj *)d;
}
static void descr_dealloc(Obj *o) {
    gc_untrack(o);
    XDECREF((Obj *)((DescrObj *)o)->owner);
    obj_free(o);
}
static int descr_traverse(Obj *o, visitproc visit, void *arg) {
    Type *t = ((DescrObj *)o)->owner;
    return t ? visit((Obj *)t, arg) : 0;
}

/* obj must be an instance of the descriptor's owner. */
static __attribute__((noinline)) int descr_check_slow(DescrObj *d, Obj *obj) {
    if (type_is_subtype(TYPE(obj), d->owner)) return 0;
    err_format(Exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", d->name,
               TP_NAME(d->owner), TP_NAME(TYPE(obj)));
    return -1;
}

/* obj must be an instance of the descriptor's owner type; the exact match is inlined. */
static inline int descr_check(DescrObj *d, Obj *obj) {
    if (VT_LIKELY(TYPE(obj) == d->owner)) return 0;
    return descr_check_slow(d, obj);
}

static Obj *d_name(Obj *o) { return str_from_cstr(((DescrObj *)o)->name); }
static Obj *d_qualname(Obj *o) {
    DescrObj *d = (DescrObj *)o;
    return str_from_format("%s.%s", type_name(d->owner), d->name);
}
static Obj *d_objclass(Obj *o) { return NEWREF((Obj *)((DescrObj *)o)->owner); }
static Obj *d_doc(Obj *o) { return doc_of(((DescrObj *)o)->doc); }
static const GetSetDef descr_getset[] = {
    {"__name__", d_name, NULL, NULL},
    {"__qualname__", d_qualname, NULL, NULL},
    {"__objclass__", d_objclass, NULL, NULL},
    {"__doc__", d_doc, NULL, NULL},
    {NULL},
};

/* method_descriptor: list.append */
static Obj *method_repr(Obj *o) {
    DescrObj *d = (DescrObj *)o;
    return str_from_format("<method '%s' of '%s' objects>", d->name, TP_NAME(d->owner));
}
static Obj *method_get(Obj *descr, Obj *obj, Obj *type) {
    DescrObj *d = (DescrObj *)descr;
    if (!obj) return NEWREF(descr);
    if (descr_check(d, obj) < 0) return NULL;
    return cfunction_new((const MethodDef *)d->def, obj);
}
/* Calling list.append(lst, x): the first argument is self. */
static Obj *method_call(Obj *callable, Obj *const *args, size_t nargs, Obj *kwnames) {
    DescrObj *d = (DescrObj *)callable;
    const MethodDef *def = d->def;
    if (nargs < 1)
        return err_format(Exc_TypeError, "unbound method %s.%s() needs an argument", type_name(d->owner), d->name);
    if (descr_check(d, args[0]) < 0) return NULL;
    if (check_bound(def, args[0], nargs - 1, kwnames) < 0) return NULL;
    return def->fn(args[0], args + 1, nargs - 1, kwnames);
}
Type Type_method_descriptor = {
    .ob = OBJ_HEAD_INIT(&Type_type), .name = "method_descriptor", .basicsize = sizeof(DescrObj),
    .flags = TPFLAG_HAVE_GC, .dealloc = descr_dealloc, .traverse = descr_traverse,
    .repr = method_repr, .descr_get = method_get, .call = method_call, .getset = descr_getset,
};

/* classmethod_descriptor: dict.fromkeys */
static Obj *cmethod_get(Obj *descr, Obj *obj, Obj *type) {
    DescrObj *d = (DescrObj *)descr;
    if (!type) type = (Obj *)TYPE(obj);
    if (!TYPE_CHECK(type))
        return err_format(Exc_TypeError, "descriptor '%s' for type '%s' needs a type, not a '%s' as arg 2",
                          d->name, TP_NAME(d->owner), TP_NAME(TYPE(type)));
    if (!type_is_subtype((Type *)type, d->owner))
        return err_format(Exc_TypeError, "descriptor '%s' requires a subtype of '%s' but received '%s'",
                          d->name, TP_NAME(d->owner), TP_NAME((Type *)type));
    return cfunction_new((const MethodDef *)d->def, type);
}
static Obj *cmethod_call(Obj *callable, Obj *const *args, size_t nargs, Obj *kwnames) {
    DescrObj *d = (DescrObj *)callable;
    if (nargs < 1)
        return err_format(Exc_TypeError, "descriptor '%s' of '%s' object needs an argument", d->name,
                          TP_NAME(d->owner));
    Obj *bound = cmethod_get(callable, NULL, args[0]);
    if (!bound) return NULL;
    Obj *r = obj_call(bound, args + 1, nargs - 1, kwnames);
    DECREF(bound);
    return r;
}
Type Type_classmethod_descriptor = {
    .ob = OBJ_HEAD_INIT(&Type_type), .name = "classmethod_descriptor", .basicsize = sizeof(DescrObj),
    .flags = TPFLAG_HAVE_GC, .dealloc = descr_dealloc, .traverse = descr_traverse,
    .repr = method_repr, .descr_get = cmethod_get, .call = cmethod_call, .getset = descr_getset,
};

Obj *descr_new_method(Type *owner, const MethodDef *def) {
    if (def->flags & METH_CLASS)
        return descr_alloc(&Type_classmethod_descriptor, owner, def, def->name, def->doc);
    if (def->flags & METH_STATIC) {
        Obj *f = cfunction_new(def, NULL);
        if (!f) return NULL;
        Obj *sm = obj_call1((Obj *)&Type_staticmethod, f);
        DECREF(f);
        return sm;
    }
    return descr_alloc(&Type_method_descriptor, owner, def, def->name, def->doc);
}

/* getset_descriptor: int.real */
static Obj *getset_repr(Obj *o) {
    DescrObj *d = (DescrObj *)o;
    return str_from_format("<attribute '%s' of '%s' objects>", d->name, TP_NAME(d->owner));
}
static Obj *getset_get(Obj *descr, Obj *obj, Obj *type) {
    DescrObj *d = (DescrObj *)descr;
    if (!obj) return NEWREF(descr);
    if (descr_check(d, obj) < 0) return NULL;
    const GetSetDef *g = d->def;
    if (!g->get)
        return err_format(Exc_AttributeError, "attribute '%s' of '%s' objects is not readable", d->name,
                          TP_NAME(d->owner));
    return g->get(obj);
}
static int getset_set(Obj *descr, Obj *obj, Obj *value) {
    DescrObj *d = (DescrObj *)descr;
    if (descr_check(d, obj) < 0) return -1;
    const GetSetDef *g = d->def;
    if (!g->set) {
        err_format(Exc_AttributeError, "attribute '%s' of '%s' objects is not writable", d->name,
                   TP_NAME(d->owner));
        return -1;
    }
    return g->set(obj, value);
}
Type Type_getset_descriptor = {
    .ob = OBJ_HEAD_INIT(&Type_type), .name = "getset_descriptor", .basicsize = sizeof(DescrObj),
    .flags = TPFLAG_HAVE_GC, .dealloc = descr_dealloc, .traverse = descr_traverse,
    .repr = getset_repr, .descr_get = getset_get, .descr_set = getset_set, .getset = descr_getset,
};
Obj *descr_new_getset(Type *owner, const GetSetDef *def) {
    return descr_alloc(&Type_getset_descriptor, owner, def, def->name, def->doc);
}

/* member_descriptor: slice.start, __slots__ entries */
static Obj *member_repr(Obj *o) {
    DescrObj *d = (DescrObj *)o;
    return str_from_format("<member '%s' of '%s' objects>", d->name, TP_NAME(d->owner));
}
static Obj *member_get(Obj *descr, Obj *obj, Obj *type) {
    DescrObj *d = (DescrObj *)descr;
    if (!obj) return NEWREF(descr);
    if (descr_check(d, obj) < 0) return NULL;
    const MemberDef *m = d->def;
    char *addr = (char *)obj + m->offset;
    switch (m->kind) {
    case MEMBER_OBJECT: {
        Obj *v = *(Obj **)addr;
        return NEWREF(v ? v : V_None);
    }
    case MEMBER_OBJECT_EX: {
        Obj *v = *(Obj **)addr;
        if (!v)
            return err_format(Exc_AttributeError, "'%s' object has no attribute '%s'", TP_NAME(TYPE(obj)), m->name);
        return NEWREF(v);
    }
    case MEMBER_INT64: return int_from_i64(*(int64_t *)addr);
    case MEMBER_DOUBLE: return float_from_double(*(double *)addr);
    case MEMBER_BOOL: return bool_from(*(bool *)addr);
    }
    return err_bad_internal_call("member_get");
}
static int member_set(Obj *descr, Obj *obj, Obj *value) {
    DescrObj *d = (DescrObj *)descr;
    if (descr_check(d, obj) < 0) return -1;
    const MemberDef *m = d->def;
    char *addr = (char *)obj + m->offset;
    if (m->readonly) {
        err_set_str(Exc_AttributeError, "readonly attribute");
        return -1;
    }
    if (!value && m->kind != MEMBER_OBJECT && m->kind != MEMBER_OBJECT_EX) {
        err_set_str(Exc_TypeError, "can't delete numeric/char attribute");
        return -1;
    }
    switch (m->kind) {
    case MEMBER_OBJECT_EX:
        if (!value && !*(Obj **)addr) {
            err_set_str(Exc_AttributeError, m->name);
            return -1;
        }
        /* fall through */
    case MEMBER_OBJECT:
        XINCREF(value);
        SETREF(*(Obj **)addr, value);
        return 0;
    case MEMBER_INT64: {
        if (!INT_CHECK(value)) {
            err_set_str(Exc_TypeError, "attribute value type must be int");
            return -1;
        }
        int64_t v = int_as_i64(value);
        if (v == -1 && err_occurred()) return -1;
        *(int64_t *)addr = v;
        return 0;
    }
    case MEMBER_DOUBLE: {
        double v = float_as_double(value);
        if (v == -1.0 && err_occurred()) return -1;
        *(double *)addr = v;
        return 0;
    }
    case MEMBER_BOOL:
        if (value != V_True && value != V_False) {
            err_set_str(Exc_TypeError, "attribute value type must be bool");
            return -1;
        }
        *(bool *)addr = value == V_True;
        return 0;
    }
    return 0;
}
Type Type_member_descriptor = {
    .ob = OBJ_HEAD_INIT(&Type_type), .name = "member_descriptor", .basicsize = sizeof(DescrObj),
    .flags = TPFLAG_HAVE_GC, .dealloc = descr_dealloc, .traverse = descr_traverse,
    .repr = member_repr, .descr_get = member_get, .descr_set = member_set, .getset = descr_getset,
};
Obj *descr_new_member(Type *owner, const MemberDef *def) {
    return descr_alloc(&Type_member_descriptor, owner, def, def->name, def->doc);
}
