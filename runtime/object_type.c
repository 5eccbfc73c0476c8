/* object_type.c: the `object` type, root of every class: construction with CPython's
 * excess-argument rules, default repr/str/hash/comparison, __class__, instance __dict__,
 * __dir__, __format__, __reduce_ex__/__getstate__, __init_subclass__, __subclasshook__. */
#include <string.h>
#include "typeobj.h"
#include "names.h"
#include "gc.h"
#include "vm.h"

static inline int excess_args(size_t nargs, Obj *kwnames) {
    return nargs > 0 || (kwnames && TUPLE_SIZE(kwnames) > 0);
}

static Obj *abstract_error(Type *type) {
    Obj *am = obj_getattr((Obj *)type, NAME(__abstractmethods__));
    if (!am) return NULL;
    Obj *l = seq_to_list(am);
    DECREF(am);
    if (!l) return NULL;
    if (list_sort(l, NULL, false) < 0) { DECREF(l); return NULL; }
    Obj *sep = str_from_cstr(", ");
    Obj *joined = sep ? str_join(sep, l) : NULL;
    XDECREF(sep);
    size_t n = LIST_SIZE(l);
    DECREF(l);
    if (!joined) return NULL;
    err_format(Exc_TypeError, "Can't instantiate abstract class %s with abstract method%s %U",
               type_name(type), n > 1 ? "s" : "", joined);
    DECREF(joined);
    return NULL;
}

Obj *object_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (VT_UNLIKELY(excess_args(nargs, kwnames))) {
        if (type->new != object_new)
            return err_set_str(Exc_TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
        if (type->init == object_init)
            return err_format(Exc_TypeError, "%s() takes no arguments", type_name(type));
    }
    if (VT_UNLIKELY(type->flags & TPFLAG_ABSTRACT)) return abstract_error(type);
    Obj *o = type_generic_alloc(type, 0);
    if (!o) return NULL;
    if ((o->flags & OBJ_FLAG_GC) && !gc_is_tracked(o)) gc_track(o);
    return o;
}

int object_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (VT_UNLIKELY(excess_args(nargs, kwnames))) {
        Type *type = TYPE(self);
        if (type->init != object_init) {
            err_set_str(Exc_TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
            return -1;
        }
        if (type->new == object_new) {
            err_format(Exc_TypeError, "%s.__init__() takes exactly one argument (the instance to initialize)",
                       type_name(type));
            return -1;
        }
    }
    return 0;
}

static void object_dealloc(Obj *o) { obj_free(o); }

Obj *object_repr(Obj *o) {
    Type *t = TYPE(o);
    Obj *mod = type_get_module(t);
    if (!mod) err_clear();
    Obj *qual = type_get_qualname(t);
    if (!qual) { XDECREF(mod); return NULL; }
    char addr[32];
    snprintf(addr, sizeof addr, "%p", (void *)o);
    Obj *r;
    if (mod && STR_CHECK(mod) && !str_eq_cstr(mod, "builtins"))
        r = str_from_format("<%U.%U object at %s>", mod, qual, addr);
    else
        r = str_from_format("<%s object at %s>", t->name, addr);   /* tp_name, as CPython */
    XDECREF(mod);
    DECREF(qual);
    return r;
}

Obj *object_str(Obj *o) {
    unaryfunc f = TYPE(o)->repr;
    if (!f) f = object_repr;
    return f(o);
}

intptr_t object_hash(Obj *o) {
    uintptr_t y = (uintptr_t)o;
    y = (y >> 4) | (y << (8 * sizeof(void *) - 4));
    intptr_t h = (intptr_t)y;
    return h == -1 ? -2 : h;
}

Obj *object_richcompare(Obj *a, Obj *b, int op) {
    switch (op) {
    case CMP_EQ:
        return NEWREF(a == b ? V_True : V_NotImplemented);
    case CMP_NE: {
        richcmpfunc f = TYPE(a)->richcompare;
        if (!f) return NEWREF(V_NotImplemented);
        Obj *r = f(a, b, CMP_EQ);
        if (r && r != V_NotImplemented) {
            int t = obj_is_true(r);
            DECREF(r);
            if (t < 0) return NULL;
            RETURN_BOOL(!t);
        }
        return r;
    }
    default:
        return NEWREF(V_NotImplemented);
    }
}

/* ---- __class__ ---- */
static Obj *object_get_class(Obj *self) { return NEWREF((Obj *)TYPE(self)); }

static Type *static_base(Type *t) {
    while (t && IS_HEAP_TYPE(t)) t = t->base;
    return t;
}

static int compatible_layout(Type *a, Type *b) {
    if (static_base(a) != static_base(b)) return 0;
    if (a->basicsize != b->basicsize || a->itemsize != b->itemsize ||
        a->dict_offset != b->dict_offset || a->weaklist_offset != b->weaklist_offset)
        return 0;
    /* same slot names along the heap chain */
    Type *x = a, *y = b;
    while (IS_HEAP_TYPE(x) && IS_HEAP_TYPE(y)) {
        Obj *sx = ((HeapType *)x)->ht_slots, *sy = ((HeapType *)y)->ht_slots;
        size_t nx = sx ? TUPLE_SIZE(sx) : 0, ny = sy ? TUPLE_SIZE(sy) : 0;
        if (nx != ny) return 0;
        for (size_t i = 0; i < nx; i++)
            if (!str_eq(TUPLE_GET(sx, i), TUPLE_GET(sy, i))) return 0;
        x = x->base;
        y = y->base;
    }
    return 1;
}

static int object_set_class(Obj *self, Obj *value) {
    if (!value) {
        err_set_str(Exc_TypeError, "can't delete __class__ attribute");
        return -1;
    }
    if (!TYPE_CHECK(value)) {
        err_format(Exc_TypeError, "__class__ must be set to a class, not '%s' object", type_name(TYPE(value)));
        return -1;
    }
    Type *newt = (Type *)value, *oldt = TYPE(self);
    if (IS_SMALL(self) || !IS_HEAP_TYPE(newt) || !IS_HEAP_TYPE(oldt)) {
        int mod_ok = type_is_subtype(newt, &Type_module) && type_is_subtype(oldt, &Type_module);
        if (!mod_ok) {
            err_set_str(Exc_TypeError, "__class__ assignment only supported for mutable types or ModuleType subclasses");
            return -1;
        }
    }
    if (!compatible_layout(newt, oldt)) {
        err_format(Exc_TypeError, "__class__ assignment: '%s' object layout differs from '%s'",
                   type_name(newt), type_name(oldt));
        return -1;
    }
    if (IS_HEAP_TYPE(newt)) INCREF(value);
    self->type = newt;
    if (IS_HEAP_TYPE(oldt)) DECREF((Obj *)oldt);
    return 0;
}

/* ---- instance __dict__ / __weakref__ (getsets installed by type_new) ---- */
Obj *instance_dict_get(Obj *self) {
    Obj **dp = obj_dict_ptr(self);
    if (!dp) return err_set_str(Exc_AttributeError, "This object has no __dict__");
    if (!*dp) {
        *dp = dict_new();
        if (!*dp) return NULL;
    }
    return NEWREF(*dp);
}

int instance_dict_set(Obj *self, Obj *value) {
    Obj **dp = obj_dict_ptr(self);
    if (!dp) {
        err_set_str(Exc_AttributeError, "This object has no __dict__");
        return -1;
    }
    if (!value) {
        err_set_str(Exc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!DICT_CHECK(value)) {
        err_format(Exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'", type_name(TYPE(value)));
        return -1;
    }
    INCREF(value);
    SETREF(*dp, value);
    return 0;
}

Obj *instance_weakref_get(Obj *self) {
    size_t off = TYPE(self)->weaklist_offset;
    Obj *w = off ? *(Obj **)((char *)self + off) : NULL;
    if (!w) RETURN_NONE;
    return NEWREF(w);
}

/* ---- methods ---- */
static int merge_class_dict(Obj *d, Obj *cls) {
    Obj *cd = obj_getattr_opt(cls, NAME(__dict__));
    if (cd) {
        int r = dict_update(d, cd);
        DECREF(cd);
        if (r < 0) return -1;
    } else if (err_occurred()) {
        return -1;
    }
    Obj *bases = obj_getattr_opt(cls, NAME(__bases__));
    if (!bases) return err_occurred() ? -1 : 0;
    if (TUPLE_CHECK(bases)) {
        for (size_t i = 0; i < TUPLE_SIZE(bases); i++)
            if (merge_class_dict(d, TUPLE_GET(bases, i)) < 0) { DECREF(bases); return -1; }
    }
    DECREF(bases);
    return 0;
}

static Obj *object_dir(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *d = obj_getattr_opt(self, NAME(__dict__));
    Obj *res;
    if (d && DICT_CHECK(d)) {
        res = dict_copy(d);
    } else {
        if (!d && err_occurred()) return NULL;
        res = dict_new();
    }
    XDECREF(d);
    if (!res) return NULL;
    Obj *cls = obj_getattr_opt(self, NAME(__class__));
    if (cls) {
        int r = merge_class_dict(res, cls);
        DECREF(cls);
        if (r < 0) { DECREF(res); return NULL; }
    } else if (err_occurred()) {
        DECREF(res);
        return NULL;
    }
    Obj *l = dict_keys_list(res);
    DECREF(res);
    return l;
}

static Obj *object_format(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *spec = args[0];
    if (!STR_CHECK(spec))
        return err_format(Exc_TypeError, "__format__() argument must be str, not %s", type_name(TYPE(spec)));
    if (STR_LEN(spec) > 0)
        return err_format(Exc_TypeError, "unsupported format string passed to %s.__format__",
                          type_name(TYPE(self)));
    return obj_str(self);
}

static Obj *object_sizeof(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Type *t = TYPE(self);
    size_t size = t->basicsize;
    if (t->itemsize) {
        intptr_t n = obj_len(self);
        if (n < 0) err_clear();
        else size += (size_t)n * t->itemsize;
    }
    return int_from_i64((int64_t)size);
}

static Obj *object_init_subclass(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    const char *n = TYPE_CHECK(self) ? type_name((Type *)self) : "object";
    if (kwnames && TUPLE_SIZE(kwnames))
        return err_format(Exc_TypeError, "%s.__init_subclass__() takes no keyword arguments", n);
    if (nargs)
        return err_format(Exc_TypeError, "%s.__init_subclass__() takes no arguments (%zu given)", n, nargs);
    RETURN_NONE;
}

static Obj *object_subclasshook(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return NEWREF(V_NotImplemented);
}

/* object.__getstate__(): the instance dict (or None), plus a dict of slot values if any. */
static Obj *object_getstate(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *state;
    Obj **dp = obj_dict_ptr(self);
    Obj *side = !dp && IS_HEAP_TYPE(TYPE(self)) && type_has_side_dict(TYPE(self)) ? side_dict_get(self, 0) : NULL;
    if (side) dp = &side;
    if (dp && *dp && dict_size(*dp) > 0) {
        state = dict_copy(*dp);
        if (!state) return NULL;
    } else {
        state = NEWREF(V_None);
    }
    Obj *slots = NULL;
    for (Type *t = TYPE(self); t && IS_HEAP_TYPE(t); t = t->base) {
        MemberDef *m = ((HeapType *)t)->ht_members;
        for (; m && m->name; m++) {
            Obj *v = *(Obj **)((char *)self + m->offset);
            if (!v) continue;
            if (!slots && !(slots = dict_new())) { DECREF(state); return NULL; }
            if (dict_set_cstr(slots, m->name, v) < 0) { DECREF(state); DECREF(slots); return NULL; }
        }
    }
    if (slots) {
        Obj *r = tuple_pack(2, state, slots);
        DECREF(state);
        DECREF(slots);
        return r;
    }
    return state;
}

/* copyreg.__newobj__(cls, *args), for when the copyreg module is not available. */
static Obj *builtin_newobj(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (nargs < 1) return err_set_str(Exc_TypeError, "__newobj__() missing required argument 'cls'");
    Obj *cls = args[0];
    Obj *new = obj_getattr(cls, NAME(__new__));
    if (!new) return NULL;
    Obj *r = obj_call(new, args, nargs, NULL);
    DECREF(new);
    return r;
}
static const MethodDef newobj_def = {"__newobj__", builtin_newobj, METH_VARARGS, NULL};

static Obj *get_newobj(void) {
    Obj *copyreg = import_module("copyreg");
    if (!copyreg) {
        if (!err_matches(Exc_ImportError)) return NULL;
        err_clear();
        return cfunction_new(&newobj_def, NULL);
    }
    Obj *newobj = obj_getattr_cstr(copyreg, "__newobj__");
    DECREF(copyreg);
    return newobj;
}

static Obj *reduce_newobj(Obj *self) {
    Obj *newobj = get_newobj();
    if (!newobj) return NULL;
    Obj *cls = (Obj *)TYPE(self);
    Obj *newargs = NULL;
    Obj *gna = obj_lookup_special(self, str_intern_cstr("__getnewargs__"));
    if (gna) {
        Obj *a = obj_call0(gna);
        DECREF(gna);
        if (!a) { DECREF(newobj); return NULL; }
        if (!TUPLE_CHECK(a)) {
            err_format(Exc_TypeError, "__getnewargs__ should return a tuple, not '%s'", type_name(TYPE(a)));
            DECREF(a);
            DECREF(newobj);
            return NULL;
        }
        newargs = tuple_new(TUPLE_SIZE(a) + 1);
        if (newargs) {
            TUPLE_SET_STEAL(newargs, 0, NEWREF(cls));
            for (size_t i = 0; i < TUPLE_SIZE(a); i++) TUPLE_SET_STEAL(newargs, i + 1, NEWREF(TUPLE_GET(a, i)));
        }
        DECREF(a);
    } else {
        if (err_occurred()) { DECREF(newobj); return NULL; }
        newargs = tuple_pack(1, cls);
    }
    if (!newargs) { DECREF(newobj); return NULL; }
    Obj *state = obj_call_method(self, str_intern_cstr("__getstate__"), NULL, 0);
    if (!state) { DECREF(newobj); DECREF(newargs); return NULL; }
    Obj *listitems = V_None, *dictitems = V_None;
    INCREF(listitems);
    INCREF(dictitems);
    if (LIST_CHECK(self)) {
        SETREF(listitems, obj_get_iter(self));
    } else if (DICT_CHECK(self)) {
        Obj *items = obj_call_method(self, NAME(items), NULL, 0);
        SETREF(dictitems, items ? obj_get_iter(items) : NULL);
        XDECREF(items);
    }
    Obj *r = NULL;
    if (listitems && dictitems) r = tuple_pack(5, newobj, newargs, state, listitems, dictitems);
    XDECREF(listitems);
    XDECREF(dictitems);
    DECREF(newobj);
    DECREF(newargs);
    DECREF(state);
    return r;
}

static Obj *common_reduce(Obj *self, int64_t proto) {
    if (proto >= 2) return reduce_newobj(self);
    Obj *copyreg = import_module("copyreg");
    if (!copyreg) return NULL;
    Obj *p = int_from_i64(proto);
    Obj *r = p ? obj_call_method(copyreg, str_intern_cstr("_reduce_ex"), (Obj *[]){self, p}, 2) : NULL;
    XDECREF(p);
    DECREF(copyreg);
    return r;
}

static Obj *object_reduce(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return common_reduce(self, 0);
}

static Obj *object_reduce_ex(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    int64_t proto = obj_as_index_i64(args[0], Exc_OverflowError);
    if (proto == -1 && err_occurred()) return NULL;
    /* A class overriding __reduce__ wins. */
    Obj *reduce = type_lookup(TYPE(self), NAME(__reduce__));
    Obj *base_reduce = dict_get(Type_object.dict, NAME(__reduce__));
    if (reduce && reduce != base_reduce) return call_unbound(reduce, self, NULL, 0, NULL);
    return common_reduce(self, proto);
}

static const MethodDef object_methods[] = {
    {"__reduce_ex__", object_reduce_ex, METH_O, "Helper for pickle."},
    {"__reduce__", object_reduce, METH_NOARGS, "Helper for pickle."},
    {"__getstate__", object_getstate, METH_NOARGS, "Helper for pickle."},
    {"__subclasshook__", object_subclasshook, METH_CLASS | METH_VARARGS,
     "Abstract classes can override this to customize issubclass()."},
    {"__init_subclass__", object_init_subclass, METH_CLASS | METH_VARARGS | METH_KEYWORDS,
     "This method is called when a class is subclassed."},
    {"__format__", object_format, METH_O, "Default object formatter."},
    {"__sizeof__", object_sizeof, METH_NOARGS, "Size of object in memory, in bytes."},
    {"__dir__", object_dir, METH_NOARGS, "Default dir() implementation."},
    {NULL}
};

static const GetSetDef object_getset[] = {
    {"__class__", object_get_class, object_set_class, NULL},
    {NULL}
};

Type Type_object = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "object",
    .basicsize = sizeof(Obj),
    .flags = TPFLAG_BASETYPE,
    .doc = "The base class of the class hierarchy.\n\n"
           "When called, it accepts no arguments and returns a new featureless\n"
           "instance that has no instance attributes and cannot be given any.\n",
    .dealloc = object_dealloc,
    .repr = object_repr,
    .str = object_str,
    .hash = object_hash,
    .richcompare = object_richcompare,
    .getattr = obj_generic_getattr,
    .setattr = obj_generic_setattr,
    .init = object_init,
    .new = object_new,
    .methods = object_methods,
    .getset = object_getset,
};
