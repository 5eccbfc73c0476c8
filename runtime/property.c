/* property.c: the descriptor types property, classmethod and staticmethod. */
#include <string.h>
#include "typeobj.h"
#include "names.h"
#include "gc.h"
#include "vm.h"

typedef struct PropertyObj {
    Obj ob;
    Obj *fget, *fset, *fdel, *doc;
    Obj *name;          /* set by __set_name__, used in error messages */
    int getter_doc;     /* doc was taken from fget */
} PropertyObj;

static Obj *call1(Obj *f, Obj *a) {
    if (TYPE(f) == &Type_function) return vm_call_function(f, &a, 1, NULL);
    return obj_call(f, &a, 1, NULL);
}

static Obj *qualname_of_type(Obj *obj) {
    return type_get_qualname(TYPE(obj));
}

static Obj *prop_error(PropertyObj *p, Obj *obj, const char *what) {
    Obj *qn = qualname_of_type(obj);
    if (!qn) return NULL;
    if (p->name)
        err_format(Exc_AttributeError, "property %R of %R object has no %s", p->name, qn, what);
    else
        err_format(Exc_AttributeError, "property of %R object has no %s", qn, what);
    DECREF(qn);
    return NULL;
}

static Obj *property_get(Obj *self, Obj *obj, Obj *type) {
    PropertyObj *p = (PropertyObj *)self;
    if (!obj || obj == V_None) return NEWREF(self);
    if (!p->fget) return prop_error(p, obj, "getter");
    return call1(p->fget, obj);
}

static int property_set(Obj *self, Obj *obj, Obj *value) {
    PropertyObj *p = (PropertyObj *)self;
    Obj *f = value ? p->fset : p->fdel, *r;
    if (!f) {
        prop_error(p, obj, value ? "setter" : "deleter");
        return -1;
    }
    if (value) {
        Obj *args[2] = {obj, value};
        r = obj_call(f, args, 2, NULL);
    } else {
        r = call1(f, obj);
    }
    if (!r) return -1;
    DECREF(r);
    return 0;
}

static int property_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"fget", "fset", "fdel", "doc"};
    Obj *a[4] = {NULL, NULL, NULL, NULL};
    if (args_parse("property", args, nargs, kwnames, names, 4, 0, 4, a) < 0) return -1;
    PropertyObj *p = (PropertyObj *)self;
    for (int i = 0; i < 4; i++) if (a[i] == V_None) a[i] = NULL;
    SETREF(p->fget, a[0] ? NEWREF(a[0]) : NULL);
    SETREF(p->fset, a[1] ? NEWREF(a[1]) : NULL);
    SETREF(p->fdel, a[2] ? NEWREF(a[2]) : NULL);
    SETREF(p->doc, a[3] ? NEWREF(a[3]) : NULL);
    p->getter_doc = 0;
    if (!a[3] && p->fget) {
        Obj *d = obj_getattr_opt(p->fget, NAME(__doc__));
        if (!d && err_occurred()) return -1;
        if (d && d != V_None) {
            if (TYPE(self) == &Type_property) {
                SETREF(p->doc, d);
            } else {
                /* subclasses keep the docstring in their instance dict (CPython) */
                int r = obj_setattr(self, NAME(__doc__), d);
                DECREF(d);
                if (r < 0) return -1;
            }
            p->getter_doc = 1;
        } else {
            XDECREF(d);
        }
    }
    return 0;
}

static Obj *property_copy(Obj *self, Obj *get, Obj *set, Obj *del) {
    PropertyObj *p = (PropertyObj *)self;
    Obj *doc = (p->getter_doc && get != V_None) || !p->doc ? V_None : p->doc;
    Obj *args[4] = {get ? get : (p->fget ? p->fget : V_None), set ? set : (p->fset ? p->fset : V_None),
                    del ? del : (p->fdel ? p->fdel : V_None), doc};
    Obj *np = obj_call((Obj *)TYPE(self), args, 4, NULL);
    if (np && TYPE(np) == TYPE(self) && p->name) {
        PropertyObj *q = (PropertyObj *)np;
        SETREF(q->name, NEWREF(p->name));
    }
    return np;
}

static Obj *property_getter(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return property_copy(self, args[0], NULL, NULL);
}
static Obj *property_setter(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return property_copy(self, NULL, args[0], NULL);
}
static Obj *property_deleter(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return property_copy(self, NULL, NULL, args[0]);
}
static Obj *property_set_name(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (nargs != 2)
        return err_format(Exc_TypeError, "__set_name__() takes 2 positional arguments but %zu were given", nargs);
    PropertyObj *p = (PropertyObj *)self;
    SETREF(p->name, NEWREF(args[1]));
    RETURN_NONE;
}

static int is_abstract(Obj *f) {
    if (!f) return 0;
    Obj *v = obj_getattr_opt(f, NAME(__isabstractmethod__));
    if (!v) return err_occurred() ? -1 : 0;
    int r = obj_is_true(v);
    DECREF(v);
    return r;
}

static Obj *property_isabstract(Obj *self) {
    PropertyObj *p = (PropertyObj *)self;
    Obj *fs[3] = {p->fget, p->fset, p->fdel};
    for (int i = 0; i < 3; i++) {
        int r = is_abstract(fs[i]);
        if (r < 0) return NULL;
        if (r) return V_True;
    }
    return V_False;
}

static void property_dealloc(Obj *o) {
    PropertyObj *p = (PropertyObj *)o;
    gc_untrack(o);
    CLEAR(p->fget);
    CLEAR(p->fset);
    CLEAR(p->fdel);
    CLEAR(p->doc);
    CLEAR(p->name);
    obj_free(o);
}

static int property_traverse(Obj *o, visitproc visit, void *arg) {
    PropertyObj *p = (PropertyObj *)o;
    VISIT(p->fget);
    VISIT(p->fset);
    VISIT(p->fdel);
    VISIT(p->doc);
    return 0;
}

static const MethodDef property_methods[] = {
    {"getter", property_getter, METH_O, "Descriptor to obtain a copy of the property with a different getter."},
    {"setter", property_setter, METH_O, "Descriptor to obtain a copy of the property with a different setter."},
    {"deleter", property_deleter, METH_O, "Descriptor to obtain a copy of the property with a different deleter."},
    {"__set_name__", property_set_name, METH_VARARGS, "Method to set name of a property."},
    {NULL}
};

static const MemberDef property_members[] = {
    {"fget", MEMBER_OBJECT, offsetof(PropertyObj, fget), 1, NULL},
    {"fset", MEMBER_OBJECT, offsetof(PropertyObj, fset), 1, NULL},
    {"fdel", MEMBER_OBJECT, offsetof(PropertyObj, fdel), 1, NULL},
    {"__doc__", MEMBER_OBJECT, offsetof(PropertyObj, doc), 0, NULL},
    {NULL}
};

static const GetSetDef property_getset[] = {
    {"__isabstractmethod__", property_isabstract, NULL, NULL},
    {NULL}
};

Type Type_property = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "property",
    .basicsize = sizeof(PropertyObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "Property attribute.",
    .dealloc = property_dealloc,
    .traverse = property_traverse,
    .descr_get = property_get,
    .descr_set = property_set,
    .new = object_new,
    .init = property_init,
    .methods = property_methods,
    .members = property_members,
    .getset = property_getset,
};

/* ---------------------------------------------------------------------------------------
 * classmethod / staticmethod (same layout) */
static int cm_copy_attrs(ClassMethodObj *cm) {
    static const char *const attrs[] = {"__module__", "__name__", "__qualname__", "__doc__"};
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
        Obj *v = obj_getattr_opt(cm->func, str_intern_cstr(attrs[i]));
        if (!v) {
            if (err_occurred()) return -1;
            continue;
        }
        if (!cm->dict && !(cm->dict = dict_new())) { DECREF(v); return -1; }
        int r = dict_set_cstr(cm->dict, attrs[i], v);
        DECREF(v);
        if (r < 0) return -1;
    }
    return 0;
}

static Obj *cm_alloc(Type *t, Obj *func) {
    ClassMethodObj *cm = (ClassMethodObj *)type_generic_alloc(t, 0);
    if (!cm) return NULL;
    cm->func = NEWREF(func);
    if (!gc_is_tracked((Obj *)cm)) gc_track((Obj *)cm);
    if (cm_copy_attrs(cm) < 0) { DECREF((Obj *)cm); return NULL; }
    return (Obj *)cm;
}

Obj *classmethod_new(Obj *func) { return cm_alloc(&Type_classmethod, func); }
Obj *staticmethod_new(Obj *func) { return cm_alloc(&Type_staticmethod, func); }

static int cm_init_common(const char *name, Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) {
        err_format(Exc_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    if (nargs != 1) {
        err_format(Exc_TypeError, "%s expected 1 argument, got %zu", name, nargs);
        return -1;
    }
    ClassMethodObj *cm = (ClassMethodObj *)self;
    SETREF(cm->func, NEWREF(args[0]));
    return cm_copy_attrs(cm);
}

static int classmethod_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return cm_init_common("classmethod", self, args, nargs, kwnames);
}
static int staticmethod_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return cm_init_common("staticmethod", self, args, nargs, kwnames);
}

static Obj *classmethod_get(Obj *self, Obj *obj, Obj *type) {
    ClassMethodObj *cm = (ClassMethodObj *)self;
    if (!cm->func) return err_set_str(Exc_RuntimeError, "uninitialized classmethod object");
    if (!type) type = (Obj *)TYPE(obj);
    Type *ft = TYPE(cm->func);
    if (ft != &Type_function && ft->descr_get)
        return ft->descr_get(cm->func, type, (Obj *)TYPE(type));
    return method_new(cm->func, type);
}

static Obj *staticmethod_get(Obj *self, Obj *obj, Obj *type) {
    ClassMethodObj *cm = (ClassMethodObj *)self;
    if (!cm->func) return err_set_str(Exc_RuntimeError, "uninitialized staticmethod object");
    return NEWREF(cm->func);
}

static Obj *staticmethod_call(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return obj_call(((ClassMethodObj *)self)->func, args, nargs, kwnames);
}

static Obj *classmethod_repr(Obj *self) {
    ClassMethodObj *cm = (ClassMethodObj *)self;
    const char *kind = type_is_subtype(TYPE(self), &Type_staticmethod) ? "staticmethod" : "classmethod";
    return str_from_format("<%s(%R)>", kind, cm->func ? cm->func : V_None);
}

static void cm_dealloc(Obj *o) {
    ClassMethodObj *cm = (ClassMethodObj *)o;
    gc_untrack(o);
    CLEAR(cm->func);
    CLEAR(cm->dict);
    obj_free(o);
}

static int cm_traverse(Obj *o, visitproc visit, void *arg) {
    ClassMethodObj *cm = (ClassMethodObj *)o;
    VISIT(cm->func);
    VISIT(cm->dict);
    return 0;
}

static Obj *cm_isabstract(Obj *self) {
    int r = is_abstract(((ClassMethodObj *)self)->func);
    if (r < 0) return NULL;
    return bool_from(r);
}

static const MemberDef cm_members[] = {
    {"__func__", MEMBER_OBJECT, offsetof(ClassMethodObj, func), 1, NULL},
    {"__wrapped__", MEMBER_OBJECT, offsetof(ClassMethodObj, func), 1, NULL},
    {NULL}
};

static const GetSetDef cm_getset[] = {
    {"__isabstractmethod__", cm_isabstract, NULL, NULL},
    {"__dict__", instance_dict_get, instance_dict_set, NULL},
    {NULL}
};

Type Type_classmethod = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "classmethod",
    .basicsize = sizeof(ClassMethodObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "classmethod(function) -> method\n\nConvert a function to be a class method.",
    .dealloc = cm_dealloc,
    .traverse = cm_traverse,
    .dict_offset = offsetof(ClassMethodObj, dict),
    .descr_get = classmethod_get,
    .repr = classmethod_repr,
    .new = object_new,
    .init = classmethod_init,
    .members = cm_members,
    .getset = cm_getset,
};

Type Type_staticmethod = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "staticmethod",
    .basicsize = sizeof(ClassMethodObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "staticmethod(function) -> method\n\nConvert a function to be a static method.",
    .dealloc = cm_dealloc,
    .traverse = cm_traverse,
    .dict_offset = offsetof(ClassMethodObj, dict),
    .descr_get = staticmethod_get,
    .call = staticmethod_call,
    .repr = classmethod_repr,
    .new = object_new,
    .init = staticmethod_init,
    .members = cm_members,
    .getset = cm_getset,
};
