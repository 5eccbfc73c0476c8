/* super.c: the super type: zero-argument super() reads the calling frame's first argument and
 * its __class__ cell; attribute lookup continues along obj's MRO after the given class. */
#include <string.h>
#include "typeobj.h"
#include "names.h"
#include "gc.h"
#include "vm.h"
#include "trace.h"
#include "attr_trace.h"

typedef struct SuperObj {
    Obj ob;
    Type *type;       /* the class super() was called for */
    Obj *obj;         /* the instance or class, or NULL (unbound super) */
    Type *obj_type;   /* the class whose MRO is walked */
} SuperObj;

/* The class whose MRO to use for super(type, obj). */
static Type *supercheck(Type *type, Obj *obj) {
    if (TYPE_CHECK(obj) && type_is_subtype((Type *)obj, type)) return (Type *)NEWREF(obj);
    if (type_is_subtype(TYPE(obj), type)) return (Type *)NEWREF((Obj *)TYPE(obj));
    Obj *cls = obj_getattr_opt(obj, NAME(__class__));
    if (cls) {
        if (TYPE_CHECK(cls) && cls != (Obj *)TYPE(obj) && type_is_subtype((Type *)cls, type))
            return (Type *)cls;
        DECREF(cls);
    } else if (err_occurred()) {
        return NULL;
    }
    err_set_str(Exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    return NULL;
}

static int super_from_frame(Type **type_out, Obj **obj_out) {
    Frame *f = vm_ts()->frame;
    if (!f || !f->code) {
        err_set_str(Exc_RuntimeError, "super(): no current frame");
        return -1;
    }
    CodeObj *co = f->code;
    if (co->argcount == 0) {
        err_set_str(Exc_RuntimeError, "super(): no arguments");
        return -1;
    }
    size_t nlocals = (size_t)co->nlocals, ncells = CODE_NCELLS(co);
    Obj *obj = f->localsplus[0];
    /* The first argument may live in a cell (when an inner function captures it). */
    for (size_t i = 0; co->cell2arg && i < ncells; i++) {
        if (co->cell2arg[i] == 0) {
            Obj *cell = f->localsplus[nlocals + i];
            if (cell && TYPE(cell) == &Type_cell) obj = ((CellObj *)cell)->ref;
            break;
        }
    }
    if (!obj) {
        err_set_str(Exc_RuntimeError, "super(): arg[0] deleted");
        return -1;
    }
    Obj *freevars = co->freevars;
    for (size_t j = 0; j < TUPLE_SIZE(freevars); j++) {
        if (!str_eq(TUPLE_GET(freevars, j), NAME(__class__))) continue;
        Obj *cell = f->localsplus[nlocals + ncells + j];
        if (!cell || TYPE(cell) != &Type_cell) {
            err_set_str(Exc_RuntimeError, "super(): bad __class__ cell");
            return -1;
        }
        Obj *t = ((CellObj *)cell)->ref;
        if (!t) {
            err_set_str(Exc_RuntimeError, "super(): empty __class__ cell");
            return -1;
        }
        if (!TYPE_CHECK(t)) {
            err_format(Exc_RuntimeError, "super(): __class__ is not a type (%s)", type_name(TYPE(t)));
            return -1;
        }
        *type_out = (Type *)t;
        *obj_out = obj;
        return 0;
    }
    err_set_str(Exc_RuntimeError, "super(): __class__ cell not found");
    return -1;
}

static int super_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    SuperObj *su = (SuperObj *)self;
    if (kwnames && TUPLE_SIZE(kwnames)) {
        err_set_str(Exc_TypeError, "super() takes no keyword arguments");
        return -1;
    }
    if (nargs > 2) {
        err_format(Exc_TypeError, "super() takes at most 2 arguments (%zu given)", nargs);
        return -1;
    }
    Type *type;
    Obj *obj = NULL;
    if (nargs == 0) {
        if (super_from_frame(&type, &obj) < 0) return -1;
    } else {
        if (!TYPE_CHECK(args[0])) {
            err_format(Exc_TypeError, "super() argument 1 must be a type, not %s", type_name(TYPE(args[0])));
            return -1;
        }
        type = (Type *)args[0];
        if (nargs == 2 && args[1] != V_None) obj = args[1];
    }
    Type *obj_type = NULL;
    if (obj) {
        obj_type = supercheck(type, obj);
        if (!obj_type) return -1;
    }
    INCREF((Obj *)type);
    SETREF(su->type, type);
    XINCREF(obj);
    SETREF(su->obj, obj);
    SETREF(su->obj_type, obj_type);
    return 0;
}

static Obj *super_getattro(Obj *self, Obj *name) {
    SuperObj *su = (SuperObj *)self;
    Type *start = su->obj_type;
    if (start && !(STR_CHECK(name) && str_eq(name, NAME(__class__)))) {
        Obj *mro = start->mro;
        if (mro) {
            size_t n = TUPLE_SIZE(mro), i = 0;
            while (i + 1 < n && TUPLE_GET(mro, i) != (Obj *)su->type) i++;
            for (i++; i < n; i++) {
                Type *b = (Type *)TUPLE_GET(mro, i);
                Obj *res = b->dict ? dict_get(b->dict, name) : NULL;
                if (!res) continue;
                if (TRACE_ON(TRACE_ATTR) && (IS_HEAP_TYPE(start) || trace_attr_all))
                    trace_emitf(TRACE_ATTR, "get super(%s, %s).%s: %s from %s.__dict__ -> %s", type_name(su->type),
                                su->obj == (Obj *)start ? type_name(start) : "self", str_cstr(name),
                                type_name(TYPE(res)), type_name(b),
                                TYPE(res)->descr_get ? trace_attr_binding(res) : "as is");
                descrgetfunc f = TYPE(res)->descr_get;
                if (!f) return NEWREF(res);
                INCREF(res);
                Obj *r = f(res, su->obj == (Obj *)start ? NULL : su->obj, (Obj *)start);
                DECREF(res);
                return r;
            }
        }
    }
    return obj_generic_getattr(self, name);
}

static Obj *super_descr_get(Obj *self, Obj *obj, Obj *type) {
    SuperObj *su = (SuperObj *)self;
    if (!obj || su->obj) return NEWREF(self);
    Obj *args[2] = {(Obj *)su->type, obj};
    return obj_call((Obj *)TYPE(self), args, 2, NULL);
}

static Obj *super_repr(Obj *self) {
    SuperObj *su = (SuperObj *)self;
    const char *tn = su->type ? type_name(su->type) : "NULL";
    if (su->obj_type)
        return str_from_format("<super: <class '%s'>, <%s object>>", tn, type_name(su->obj_type));
    return str_from_format("<super: <class '%s'>, NULL>", tn);
}

static void super_dealloc(Obj *o) {
    SuperObj *su = (SuperObj *)o;
    gc_untrack(o);
    CLEAR(su->obj);
    Obj *t = (Obj *)su->type, *ot = (Obj *)su->obj_type;
    su->type = NULL;
    su->obj_type = NULL;
    XDECREF(t);
    XDECREF(ot);
    obj_free(o);
}

static int super_traverse(Obj *o, visitproc visit, void *arg) {
    SuperObj *su = (SuperObj *)o;
    VISIT(su->obj);
    VISIT((Obj *)su->type);
    VISIT((Obj *)su->obj_type);
    return 0;
}

static const MemberDef super_members[] = {
    {"__thisclass__", MEMBER_OBJECT, offsetof(SuperObj, type), 1, "the class invoking super()"},
    {"__self__", MEMBER_OBJECT, offsetof(SuperObj, obj), 1, "the instance invoking super(); may be None"},
    {"__self_class__", MEMBER_OBJECT, offsetof(SuperObj, obj_type), 1,
     "the type of the instance invoking super(); may be None"},
    {NULL}
};

Type Type_super = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "super",
    .basicsize = sizeof(SuperObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC,
    .doc = "super() -> same as super(__class__, <first argument>)\n"
           "super(type) -> unbound super object\n"
           "super(type, obj) -> bound super object; requires isinstance(obj, type)\n"
           "super(type, type2) -> bound super object; requires issubclass(type2, type)",
    .dealloc = super_dealloc,
    .traverse = super_traverse,
    .getattr = super_getattro,
    .descr_get = super_descr_get,
    .repr = super_repr,
    .new = object_new,
    .init = super_init,
    .members = super_members,
};
