/* type.c: the `type` type: type_ready for static types, MRO attribute lookup with a global
 * method cache keyed by version tags, type_modified, and type's own attributes/methods. */
#include <string.h>
#include "typeobj.h"
#include "names.h"
#include "gc.h"
#include "vm.h"
#include "trace.h"
#include "attr_trace.h"
#include "exceptions.h"

/* ---------------------------------------------------------------------------------------
 * Version tags and the method cache.
 * Every ready type carries a nonzero version_tag; any change to the dict of a type or of one
 * of its bases gives the type (and all its subclasses) a fresh tag. A cache entry is valid
 * while its recorded tag equals the type's current tag, so invalidation costs nothing. */
static uint32_t next_version_tag = 1;

uint32_t type_next_version_tag(void) {
    uint32_t v = next_version_tag++;
    if (VT_UNLIKELY(next_version_tag == 0)) next_version_tag = 1;
    return v;
}

/* While --trace=attr is on, traced types (user classes; all with attr:all) carry tag 0: the
 * eval loop's inline caches and the method cache skip them, so every lookup reaches the
 * traced generic path. Untraced: one predictable branch, and only when a tag is assigned. */
uint32_t type_fresh_version_tag(Type *t) {
    if (VT_UNLIKELY(TRACE_ON(TRACE_ATTR)) && (IS_HEAP_TYPE(t) || trace_attr_all)) return 0;
    return type_next_version_tag();
}

void type_attr_trace_switched(void) {
    if (Type_object.flags & TPFLAG_READY) type_modified(&Type_object);   /* every type, via subclasses */
}

#define MCACHE_BITS 12
#define MCACHE_SIZE (1u << MCACHE_BITS)
typedef struct MCacheEntry {
    uint32_t version;
    Obj *name;      /* interned str (borrowed: interned strings are immortal for our purpose) */
    Obj *value;     /* borrowed; NULL caches a miss */
} MCacheEntry;
static MCacheEntry mcache[MCACHE_SIZE];

static inline uint32_t mcache_hash(uint32_t version, Obj *name) {
    return (version ^ (uint32_t)((uintptr_t)name >> 4)) & (MCACHE_SIZE - 1);
}

/* Walk the MRO dicts (or the base chain while the MRO does not exist yet). */
static Obj *find_name_in_mro(Type *t, Obj *name) {
    Obj *mro = t->mro;
    if (VT_LIKELY(mro != NULL)) {
        size_t n = TUPLE_SIZE(mro);
        for (size_t i = 0; i < n; i++) {
            Type *b = (Type *)TUPLE_GET(mro, i);
            if (!b->dict) continue;
            Obj *v = dict_get(b->dict, name);
            if (v) return v;
        }
        return NULL;
    }
    for (Type *b = t; b; b = b->base) {
        if (!b->dict) continue;
        Obj *v = dict_get(b->dict, name);
        if (v) return v;
    }
    return NULL;
}

Obj *type_lookup(Type *t, Obj *name) {
    uint32_t ver = t->version_tag;
    if (VT_LIKELY(ver != 0 && STR_CHECK_EXACT(name) && ((StrObj *)name)->interned)) {
        MCacheEntry *e = &mcache[mcache_hash(ver, name)];
        if (e->version == ver && e->name == name) return e->value;
        Obj *v = find_name_in_mro(t, name);   /* exact str keys: dict_get cannot fail */
        e->version = ver;
        e->name = name;
        e->value = v;
        return v;
    }
    Obj *v = find_name_in_mro(t, name);
    if (!v && err_occurred()) err_clear();
    return v;
}

void type_modified(Type *t) {
    if (!(t->flags & TPFLAG_READY) && t->version_tag == 0) return;
    t->version_tag = type_fresh_version_tag(t);
    if (t->subclasses) {
        size_t pos = 0;
        Obj *k, *v;
        while (dict_next(t->subclasses, &pos, &k, &v))
            type_modified((Type *)(intptr_t)SMALL_VALUE(v));
    }
}

/* ---- subclass registry: non-owning (id -> id) entries removed by type_dealloc ---- */
int type_add_subclass(Type *base, Type *sub) {
    if (!base->subclasses) {
        base->subclasses = dict_new();
        if (!base->subclasses) return -1;
    }
    Obj *key = MAKE_SMALL((intptr_t)sub);
    return dict_set(base->subclasses, key, key);
}

void type_remove_subclass(Type *base, Type *sub) {
    if (!base->subclasses) return;
    if (dict_del_opt(base->subclasses, MAKE_SMALL((intptr_t)sub)) < 0) err_clear();
}

/* ---------------------------------------------------------------------------------------
 * Names */
const char *type_name(Type *t) {
    if (IS_HEAP_TYPE(t)) return t->name;
    const char *dot = strrchr(t->name, '.');
    return dot ? dot + 1 : t->name;
}

Obj *type_get_module(Type *t) {
    if (IS_HEAP_TYPE(t)) {
        Obj *m = t->dict ? dict_get(t->dict, NAME(__module__)) : NULL;
        if (m) return NEWREF(m);
        return str_from_cstr("builtins");
    }
    if (t->module_name) return NEWREF(t->module_name);
    const char *dot = strrchr(t->name, '.');
    if (dot) return str_from_utf8(t->name, (size_t)(dot - t->name));
    return str_from_cstr("builtins");
}

Obj *type_get_qualname(Type *t) {
    if (IS_HEAP_TYPE(t) && t->qualname) return NEWREF(t->qualname);
    return str_from_cstr(type_name(t));
}

intptr_t type_hash_not_implemented(Obj *o) {
    err_format(Exc_TypeError, "unhashable type: '%s'", type_name(TYPE(o)));
    return -1;
}

/* ---------------------------------------------------------------------------------------
 * type_ready */
int type_add_methods(Type *t, const MethodDef *defs) {
    for (const MethodDef *d = defs; d && d->name; d++) {
        Obj *descr;
        if (d->flags & METH_STATIC) {
            Obj *f = cfunction_new(d, NULL);
            if (!f) return -1;
            descr = staticmethod_new(f);
            DECREF(f);
        } else {
            descr = descr_new_method(t, d);
        }
        if (!descr) return -1;
        int r = dict_set_cstr(t->dict, d->name, descr);
        DECREF(descr);
        if (r < 0) return -1;
    }
    return 0;
}

static int add_members(Type *t) {
    for (const MemberDef *m = t->members; m && m->name; m++) {
        Obj *descr = descr_new_member(t, m);
        if (!descr) return -1;
        int r = dict_set_cstr(t->dict, m->name, descr);
        DECREF(descr);
        if (r < 0) return -1;
    }
    return 0;
}

static int add_getset(Type *t) {
    for (const GetSetDef *g = t->getset; g && g->name; g++) {
        Obj *descr = descr_new_getset(t, g);
        if (!descr) return -1;
        int r = dict_set_cstr(t->dict, g->name, descr);
        DECREF(descr);
        if (r < 0) return -1;
    }
    return 0;
}

#define SUBCLASS_FLAGS (TPFLAG_INT_SUBCLASS | TPFLAG_LIST_SUBCLASS | TPFLAG_TUPLE_SUBCLASS | \
    TPFLAG_BYTES_SUBCLASS | TPFLAG_STR_SUBCLASS | TPFLAG_DICT_SUBCLASS | \
    TPFLAG_BASE_EXC_SUBCLASS | TPFLAG_TYPE_SUBCLASS)

/* The fast-subclass flag a root built-in type carries itself. */
static uint32_t own_subclass_flag(Type *t) {
    if (t == &Type_int) return TPFLAG_INT_SUBCLASS;
    if (t == &Type_list) return TPFLAG_LIST_SUBCLASS;
    if (t == &Type_tuple) return TPFLAG_TUPLE_SUBCLASS;
    if (t == &Type_bytes) return TPFLAG_BYTES_SUBCLASS;
    if (t == &Type_str) return TPFLAG_STR_SUBCLASS;
    if (t == &Type_dict) return TPFLAG_DICT_SUBCLASS;
    if (t == &Type_type) return TPFLAG_TYPE_SUBCLASS;
    if (t == Exc_BaseException) return TPFLAG_BASE_EXC_SUBCLASS;
    return 0;
}

void type_inherit_flags(Type *t, Type *base) {
    t->flags |= base->flags & SUBCLASS_FLAGS;
    t->flags |= own_subclass_flag(t);
}

/* CPython's inherit_slots: fill NULL slots of static type t from base b. */
static void inherit_slots(Type *t, Type *b) {
#define COPY(f) do { if (!t->f) t->f = b->f; } while (0)
    COPY(repr); COPY(str); COPY(is_true);
    COPY(getattr); COPY(setattr); COPY(descr_get); COPY(descr_set);
    COPY(binop); COPY(inplace); COPY(unop); COPY(index); COPY(to_int); COPY(to_float);
    COPY(len); COPY(getitem); COPY(setitem); COPY(contains); COPY(iter); COPY(iternext);
    COPY(call); COPY(init); COPY(finalize);
    if (!t->richcompare && !t->hash) {
        t->richcompare = b->richcompare;
        t->hash = b->hash;
    }
    if ((t->flags & TPFLAG_HAVE_GC) == (b->flags & TPFLAG_HAVE_GC)) {
        COPY(traverse); COPY(clear);
    }
    COPY(dealloc);
#undef COPY
}

int type_ready(Type *t) {
    if (t->flags & TPFLAG_READY) return 0;
    if (t->ob.type == NULL) t->ob.type = &Type_type;
    if (t->ob.refcnt == 0) {
        t->ob.refcnt = IMMORTAL_REFCNT;
        t->ob.flags |= OBJ_FLAG_IMMORTAL;
    }
    if (!t->base && t != &Type_object) t->base = &Type_object;
    Type *base = t->base;
    if (base && !(base->flags & TPFLAG_READY) && type_ready(base) < 0) return -1;
    if (!t->bases) {
        t->bases = base ? tuple_pack(1, (Obj *)base) : NEWREF(EMPTY_TUPLE);
        if (!t->bases) return -1;
    }
    for (size_t i = 0; i < TUPLE_SIZE(t->bases); i++) {
        Type *b = (Type *)TUPLE_GET(t->bases, i);
        if (!(b->flags & TPFLAG_READY) && type_ready(b) < 0) return -1;
    }
    if (!t->dict) {
        t->dict = dict_new();
        if (!t->dict) return -1;
    }
    /* Wrappers first (for the slots the type itself defines), then the tables. */
    if (type_add_slot_wrappers(t) < 0) return -1;
    if (type_add_methods(t, t->methods) < 0 || add_members(t) < 0 || add_getset(t) < 0)
        return -1;
    if (!dict_get(t->dict, NAME(__doc__))) {
        Obj *doc = t->doc ? str_from_cstr(t->doc) : NEWREF(V_None);
        if (!doc) return -1;
        int r = dict_set(t->dict, NAME(__doc__), doc);
        DECREF(doc);
        if (r < 0) return -1;
    }
    if (!t->mro) {
        t->mro = type_mro_c3(t);
        if (!t->mro) return -1;
    }
    if (base) {
        if (!t->basicsize) t->basicsize = base->basicsize;
        if (!t->itemsize) t->itemsize = base->itemsize;
        if (!t->dict_offset) t->dict_offset = base->dict_offset;
        if (!t->weaklist_offset) t->weaklist_offset = base->weaklist_offset;
        if (!t->new && base != &Type_object) t->new = base->new;
    }
    t->flags |= own_subclass_flag(t);
    /* Inherit from every base in MRO order, as CPython does. */
    for (size_t i = 1; i < TUPLE_SIZE(t->mro); i++) {
        Type *b = (Type *)TUPLE_GET(t->mro, i);
        t->flags |= b->flags & SUBCLASS_FLAGS;
        inherit_slots(t, b);
    }
    if (!t->hash && !dict_get(t->dict, NAME(__hash__))) {
        if (dict_set(t->dict, NAME(__hash__), V_None) < 0) return -1;
        t->hash = type_hash_not_implemented;
    }
    if (t->finalize) t->flags |= TPFLAG_HAS_FINALIZER;
    for (size_t i = 0; i < TUPLE_SIZE(t->bases); i++)
        if (type_add_subclass((Type *)TUPLE_GET(t->bases, i), t) < 0) return -1;
    t->version_tag = type_fresh_version_tag(t);
    t->flags |= TPFLAG_READY;
    return 0;
}

/* ---------------------------------------------------------------------------------------
 * type.__getattribute__ / __setattr__ */

/* AttributeError with .name/.obj set, so that the traceback printer can suggest a name. */
static Obj *type_attr_error(Type *type, Obj *name) {
    Obj *msg = str_from_format("type object '%s' has no attribute '%U'", type_name(type), name);
    if (!msg) return NULL;
    Obj *exc = exc_new(Exc_AttributeError, &msg, 1);
    DECREF(msg);
    if (!exc) return NULL;
    AttributeErrorObj *ae = (AttributeErrorObj *)exc;
    SETREF(ae->name, NEWREF(name));
    SETREF(ae->obj, NEWREF((Obj *)type));
    err_set_instance(exc);   /* takes its own reference */
    DECREF(exc);
    return NULL;
}

/* --trace=attr on classes: user classes only unless --trace=attr:all. */
#define CLS_TRACED(t) (TRACE_ON(TRACE_ATTR) && (IS_HEAP_TYPE(t) || trace_attr_all))

static void trace_type_get(Type *type, Obj *name, const char *rule, Type *where, Obj *descr) {
    const char *dtn = type_name(TYPE(descr)), *owner = trace_attr_owner(where, name);
    if (TYPE(descr)->descr_get)
        trace_emitf(TRACE_ATTR, "get %s.%s: %s %s from %s.__dict__ -> %s", type_name(type), str_cstr(name),
                    rule, dtn, owner, trace_attr_binding(descr));
    else
        trace_emitf(TRACE_ATTR, "get %s.%s: %s (%s) from %s.__dict__", type_name(type), str_cstr(name), rule,
                    dtn, owner);
}

Obj *type_getattro(Obj *self, Obj *name) {
    Type *type = (Type *)self, *meta = TYPE(self);
    if (!STR_CHECK(name))
        return err_format(Exc_TypeError, "attribute name must be string, not '%s'",
                          type_name(TYPE(name)));
    Obj *meta_attr = type_lookup(meta, name);
    descrgetfunc meta_get = NULL;
    if (meta_attr) {
        INCREF(meta_attr);
        meta_get = TYPE(meta_attr)->descr_get;
        if (meta_get && TYPE(meta_attr)->descr_set) {
            if (CLS_TRACED(type))
                trace_emitf(TRACE_ATTR, "get %s.%s: metaclass data descriptor %s from %s.__dict__, __get__ called",
                            type_name(type), str_cstr(name), type_name(TYPE(meta_attr)),
                            trace_attr_owner(meta, name));
            Obj *r = meta_get(meta_attr, self, (Obj *)meta);
            DECREF(meta_attr);
            return r;
        }
    }
    Obj *attr = type_lookup(type, name);
    if (attr) {
        XDECREF(meta_attr);
        descrgetfunc local_get = TYPE(attr)->descr_get;
        if (CLS_TRACED(type)) {
            if (TYPE(attr) == &Type_function)   /* function.__get__(None, C) is the function */
                trace_emitf(TRACE_ATTR, "get %s.%s: class attribute function from %s.__dict__ (unbound)",
                            type_name(type), str_cstr(name), trace_attr_owner(type, name));
            else
                trace_type_get(type, name, local_get ? "descriptor" : "class attribute", type, attr);
        }
        if (local_get) {
            INCREF(attr);
            Obj *r = local_get(attr, NULL, self);
            DECREF(attr);
            return r;
        }
        return NEWREF(attr);
    }
    if (meta_get) {
        if (CLS_TRACED(type)) trace_type_get(type, name, "metaclass non-data descriptor", meta, meta_attr);
        Obj *r = meta_get(meta_attr, self, (Obj *)meta);
        DECREF(meta_attr);
        return r;
    }
    if (meta_attr) {
        if (CLS_TRACED(type)) trace_type_get(type, name, "metaclass attribute", meta, meta_attr);
        return meta_attr;
    }
    if (CLS_TRACED(type))
        trace_emitf(TRACE_ATTR, "get %s.%s: not found, AttributeError", type_name(type), str_cstr(name));
    return type_attr_error(type, name);
}

static int type_setattro(Obj *self, Obj *name, Obj *value) {
    Type *type = (Type *)self;
    if (!STR_CHECK(name)) {
        err_format(Exc_TypeError, "attribute name must be string, not '%s'", type_name(TYPE(name)));
        return -1;
    }
    if (!IS_HEAP_TYPE(type)) {
        err_format(Exc_TypeError, "cannot set '%U' attribute of immutable type '%s'", name,
                   type_name(type));
        return -1;
    }
    INCREF(name);
    if (STR_CHECK_EXACT(name) && !((StrObj *)name)->interned) name = str_intern(name);
    int res;
    /* Data descriptors of the metaclass (__name__, __doc__, __bases__...) win. */
    Obj *meta_attr = type_lookup(TYPE(self), name);
    if (CLS_TRACED(type)) {
        if (meta_attr && TYPE(meta_attr)->descr_set)
            trace_emitf(TRACE_ATTR, "%s %s.%s: metaclass data descriptor %s from %s.__dict__, %s called",
                        value ? "set" : "del", type_name(type), str_cstr(name), type_name(TYPE(meta_attr)),
                        trace_attr_owner(TYPE(self), name), value ? "__set__" : "__delete__");
        else
            trace_emitf(TRACE_ATTR, "%s %s.%s: class __dict__ %s", value ? "set" : "del", type_name(type),
                        str_cstr(name), value ? "store" : "delete");
    }
    if (meta_attr && TYPE(meta_attr)->descr_set) {
        INCREF(meta_attr);
        res = TYPE(meta_attr)->descr_set(meta_attr, self, value);
        DECREF(meta_attr);
    } else if (value) {
        res = dict_set(type->dict, name, value);
    } else {
        res = dict_del_opt(type->dict, name);
        if (res == 0) {
            err_format(Exc_AttributeError, "type object '%s' has no attribute '%U'",
                       type_name(type), name);
            res = -1;
        } else if (res > 0) {
            res = 0;
        }
    }
    if (res == 0) {
        type_modified(type);
        if (type_is_slot_name(name)) type_update_slot(type, name);
    }
    DECREF(name);
    return res;
}

/* ---------------------------------------------------------------------------------------
 * repr, call, new, init, lifetime */
static Obj *type_repr(Obj *self) {
    Type *t = (Type *)self;
    Obj *mod = type_get_module(t);
    if (!mod) err_clear();
    Obj *qual = type_get_qualname(t);
    if (!qual) { XDECREF(mod); return NULL; }
    Obj *r;
    if (mod && STR_CHECK(mod) && !str_eq_cstr(mod, "builtins"))
        r = str_from_format("<class '%U.%U'>", mod, qual);
    else
        r = str_from_format("<class '%s'>", t->name);   /* tp_name, as CPython */
    XDECREF(mod);
    DECREF(qual);
    return r;
}

Obj *type_call(Obj *callable, Obj *const *args, size_t nargs, Obj *kwnames) {
    Type *type = (Type *)callable;
    if (type == &Type_type) {
        size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
        if (nargs == 1 && nkw == 0) return NEWREF((Obj *)TYPE(args[0]));
        if (nargs != 3 && nargs != 1)
            return err_set_str(Exc_TypeError, "type() takes 1 or 3 arguments");
    }
    if (VT_UNLIKELY(!type->new))
        return err_format(Exc_TypeError, "cannot create '%s' instances", type_name(type));
    bool traced = TRACE_ON(TRACE_CLASS) && IS_HEAP_TYPE(type);
    if (traced)
    {
        /* a metaclass __call__ of its own reaches here through super().__call__ */
        const char *mc = trace_attr_owner(TYPE((Obj *)type), NAME(__call__));
        bool own = strcmp(mc, "type") != 0;
        trace_emitf(TRACE_CLASS, "%s(...): %s%stype.__call__ -> %s.__new__", type_name(type), own ? mc : "",
                    own ? ".__call__ -> " : "", trace_attr_owner(type, NAME(__new__)));
    }
    Obj *obj = type->new(type, args, nargs, kwnames);
    if (!obj) return NULL;
    Type *ot = TYPE(obj);
    /* A static base's __new__ (float, int...) may not track the GC-allocated instance of a
     * heap subclass: its __dict__ can still form cycles. */
    if (IS_HEAP_TYPE(ot) && !IS_SMALL(obj) && (obj->flags & OBJ_FLAG_GC) && !gc_is_tracked(obj))
        gc_track(obj);
    if (ot != type && !type_is_subtype(ot, type)) {
        if (traced)
            trace_emitf(TRACE_CLASS, "%s(...): __init__ skipped: __new__ returned a %s object, not an instance of %s",
                        type_name(type), type_name(ot), type_name(type));
        return obj;
    }
    if (ot->init) {
        if (traced)
            trace_emitf(TRACE_CLASS, "%s(...): %s.__init__ on the new %s instance", type_name(type),
                        trace_attr_owner(ot, NAME(__init__)), type_name(ot));
        if (ot->init(obj, args, nargs, kwnames) < 0) {
            DECREF(obj);
            return NULL;
        }
    }
    return obj;
}

static Obj *kwnames_to_dict(Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *d = dict_new();
    if (!d || !kwnames) return d;
    for (size_t i = 0; i < TUPLE_SIZE(kwnames); i++)
        if (dict_set(d, TUPLE_GET(kwnames, i), args[nargs + i]) < 0) { DECREF(d); return NULL; }
    return d;
}

Obj *type_new_slot(Type *meta, Obj *const *args, size_t nargs, Obj *kwnames) {
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    if (meta == &Type_type && nargs == 1 && nkw == 0) return NEWREF((Obj *)TYPE(args[0]));
    if (nargs != 3) return err_set_str(Exc_TypeError, "type() takes 1 or 3 arguments");
    if (!STR_CHECK(args[0]))
        return err_format(Exc_TypeError, "type.__new__() argument 1 must be str, not %s",
                          type_name(TYPE(args[0])));
    if (!TUPLE_CHECK(args[1]))
        return err_format(Exc_TypeError, "type.__new__() argument 2 must be tuple, not %s",
                          type_name(TYPE(args[1])));
    if (!DICT_CHECK(args[2]))
        return err_format(Exc_TypeError, "type.__new__() argument 3 must be dict, not %s",
                          type_name(TYPE(args[2])));
    Obj *kwds = kwnames_to_dict(args, nargs, kwnames);
    if (!kwds) return NULL;
    Obj *r = type_new_heap(meta, args[0], args[1], args[2], kwds);
    DECREF(kwds);
    return r;
}

static int type_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    if (nargs == 1 && nkw != 0) {
        err_set_str(Exc_TypeError, "type.__init__() takes no keyword arguments");
        return -1;
    }
    if (nargs != 1 && nargs != 3) {
        err_set_str(Exc_TypeError, "type.__init__() takes 1 or 3 arguments");
        return -1;
    }
    return 0;
}

void type_dealloc(Obj *o) {
    Type *t = (Type *)o;
    if (!IS_HEAP_TYPE(t)) vt_fatal("deallocating static type %s", t->name);
    HeapType *ht = (HeapType *)t;
    if (gc_is_tracked(o)) gc_untrack(o);
    if (t->bases)
        for (size_t i = 0; i < TUPLE_SIZE(t->bases); i++)
            type_remove_subclass((Type *)TUPLE_GET(t->bases, i), t);
    CLEAR(t->dict);
    CLEAR(t->bases);
    CLEAR(t->mro);
    CLEAR(t->subclasses);
    CLEAR(t->qualname);
    CLEAR(t->module_name);
    Type *base = t->base;
    t->base = NULL;
    XDECREF((Obj *)base);
    CLEAR(ht->ht_slots);
    vt_free(ht->ht_members);
    ht->ht_members = NULL;
    CLEAR(ht->ht_name);
    obj_free(o);
}

static int type_traverse(Obj *o, visitproc visit, void *arg) {
    Type *t = (Type *)o;
    if (!IS_HEAP_TYPE(t)) return 0;
    VISIT(t->dict);
    VISIT(t->bases);
    VISIT(t->mro);
    VISIT((Obj *)t->base);
    return 0;
}

static int type_clear(Obj *o) {
    Type *t = (Type *)o;
    if (t->dict) {
        dict_clear(t->dict);
        type_modified(t);
    }
    CLEAR(t->mro);
    return 0;
}


/* ---------------------------------------------------------------------------------------
 * types.UnionType: what `int | None` evaluates to (annotations are evaluated eagerly). */
typedef struct UnionObj {
    Obj ob;
    Obj *args;      /* tuple, deduplicated, nested unions flattened */
} UnionObj;

Type Type_UnionType;

static int union_acceptable(Obj *o) {
    if (o == V_None || TYPE_CHECK(o) || TYPE(o) == &Type_UnionType) return 1;
    const char *n = TYPE(o)->name;
    return strcmp(n, "types.GenericAlias") == 0 || strcmp(n, "GenericAlias") == 0 ||
           strcmp(n, "typing.TypeVar") == 0 || strcmp(n, "TypeVar") == 0;
}

static int union_add_arg(Obj *list, Obj *a) {
    if (TYPE(a) == &Type_UnionType) {
        Obj *inner = ((UnionObj *)a)->args;
        for (size_t i = 0; i < TUPLE_SIZE(inner); i++)
            if (union_add_arg(list, TUPLE_GET(inner, i)) < 0) return -1;
        return 0;
    }
    Obj *item = a == V_None ? (Obj *)&Type_NoneType : a;
    for (size_t i = 0; i < LIST_SIZE(list); i++) {
        Obj *x = LIST_GET(list, i);
        if (x == item) return 0;
        if (!TYPE_CHECK(x) && !TYPE_CHECK(item)) {
            int eq = obj_richcompare_bool(x, item, CMP_EQ);
            if (eq < 0) return -1;
            if (eq) return 0;
        }
    }
    return list_append(list, item);
}

static Obj *union_make(Obj *a, Obj *b) {
    if (!union_acceptable(a) || !union_acceptable(b)) return NEWREF(V_NotImplemented);
    if (!(Type_UnionType.flags & TPFLAG_READY) && type_ready(&Type_UnionType) < 0) return NULL;
    Obj *list = list_new(0);
    if (!list) return NULL;
    if (union_add_arg(list, a) < 0 || union_add_arg(list, b) < 0) { DECREF(list); return NULL; }
    if (LIST_SIZE(list) == 1) {
        Obj *only = NEWREF(LIST_GET(list, 0));
        DECREF(list);
        return only;
    }
    Obj *args = list_as_tuple(list);
    DECREF(list);
    if (!args) return NULL;
    UnionObj *u = (UnionObj *)gc_alloc(&Type_UnionType, sizeof(UnionObj));
    if (!u) { DECREF(args); return NULL; }
    u->args = args;
    gc_track((Obj *)u);
    return (Obj *)u;
}

/* The binop slot of type and of UnionType: only `|` (both operand orders). */
Obj *type_union_binop(Obj *a, Obj *b, int op) {
    if (op != NB_OR) return NEWREF(V_NotImplemented);
    return union_make(a, b);
}

static int union_repr_item(StrBuilder *sb, Obj *o) {
    if (o == (Obj *)&Type_NoneType || o == V_None) return sb_append_cstr(sb, "None");
    Obj *r;
    if (TYPE_CHECK(o)) {
        Type *t = (Type *)o;
        Obj *mod = type_get_module(t), *qual = mod ? type_get_qualname(t) : NULL;
        if (!qual) { XDECREF(mod); return -1; }
        if (STR_CHECK(mod) && str_eq_cstr(mod, "builtins")) r = NEWREF(qual);
        else r = str_from_format("%U.%U", mod, qual);
        DECREF(mod);
        DECREF(qual);
    } else {
        r = obj_repr(o);
    }
    if (!r) return -1;
    int rc = sb_append_str(sb, r);
    DECREF(r);
    return rc;
}

static Obj *union_repr(Obj *self) {
    Obj *args = ((UnionObj *)self)->args;
    StrBuilder sb;
    sb_init(&sb);
    for (size_t i = 0; i < TUPLE_SIZE(args); i++) {
        if ((i && sb_append_cstr(&sb, " | ") < 0) || union_repr_item(&sb, TUPLE_GET(args, i)) < 0) {
            sb_discard(&sb);
            return NULL;
        }
    }
    return sb_finish(&sb);
}

static Obj *union_richcompare(Obj *a, Obj *b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || TYPE(b) != &Type_UnionType) return NEWREF(V_NotImplemented);
    Obj *sa = frozenset_new(((UnionObj *)a)->args), *sb = sa ? frozenset_new(((UnionObj *)b)->args) : NULL;
    Obj *r = sb ? obj_richcompare(sa, sb, op) : NULL;
    XDECREF(sa);
    XDECREF(sb);
    return r;
}

static intptr_t union_hash(Obj *self) {
    Obj *s = frozenset_new(((UnionObj *)self)->args);
    if (!s) return -1;
    intptr_t h = obj_hash(s);
    DECREF(s);
    return h;
}

static void union_dealloc(Obj *o) {
    gc_untrack(o);
    CLEAR(((UnionObj *)o)->args);
    obj_free(o);
}

static int union_traverse(Obj *o, visitproc visit, void *arg) {
    VISIT(((UnionObj *)o)->args);
    return 0;
}

static Obj *union_get_args(Obj *self) { return NEWREF(((UnionObj *)self)->args); }
static Obj *union_get_parameters(Obj *self) { return NEWREF(EMPTY_TUPLE); }

static const GetSetDef union_getset[] = {
    {"__args__", union_get_args, NULL, NULL},
    {"__parameters__", union_get_parameters, NULL, NULL},
    {NULL}
};

Type Type_UnionType = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "types.UnionType",
    .basicsize = sizeof(UnionObj),
    .flags = TPFLAG_HAVE_GC,
    .doc = "Represent a PEP 604 union type\n\nE.g. for int | str",
    .dealloc = union_dealloc,
    .traverse = union_traverse,
    .repr = union_repr,
    .richcompare = union_richcompare,
    .hash = union_hash,
    .binop = type_union_binop,
    .getset = union_getset,
};

/* ---------------------------------------------------------------------------------------
 * getset */
static int check_set_special(Type *t, Obj *value, const char *name) {
    if (!IS_HEAP_TYPE(t)) {
        err_format(Exc_TypeError, "cannot set '%s' attribute of immutable type '%s'", name, type_name(t));
        return -1;
    }
    if (!value) {
        err_format(Exc_TypeError, "cannot delete '%s' attribute of immutable type '%s'", name, type_name(t));
        return -1;
    }
    return 0;
}

static Obj *type_get_name(Obj *self) {
    Type *t = (Type *)self;
    if (IS_HEAP_TYPE(t)) return NEWREF(((HeapType *)t)->ht_name);
    return str_from_cstr(type_name(t));
}

static int type_set_name(Obj *self, Obj *value) {
    Type *t = (Type *)self;
    if (check_set_special(t, value, "__name__") < 0) return -1;
    if (!STR_CHECK(value)) {
        err_format(Exc_TypeError, "can only assign string to %s.__name__, not '%s'",
                   type_name(t), type_name(TYPE(value)));
        return -1;
    }
    if (strlen(str_cstr(value)) != STR_SIZE(value)) {
        err_set_str(Exc_ValueError, "type name must not contain null characters");
        return -1;
    }
    HeapType *ht = (HeapType *)t;
    INCREF(value);
    SETREF(ht->ht_name, value);
    t->name = str_cstr(value);
    return 0;
}

static Obj *type_get_qualname_attr(Obj *self) { return type_get_qualname((Type *)self); }

static int type_set_qualname(Obj *self, Obj *value) {
    Type *t = (Type *)self;
    if (check_set_special(t, value, "__qualname__") < 0) return -1;
    if (!STR_CHECK(value)) {
        err_format(Exc_TypeError, "can only assign string to %s.__qualname__, not '%s'",
                   type_name(t), type_name(TYPE(value)));
        return -1;
    }
    INCREF(value);
    SETREF(t->qualname, value);
    return 0;
}

static Obj *type_get_module_attr(Obj *self) {
    Type *t = (Type *)self;
    if (IS_HEAP_TYPE(t)) {
        Obj *m = dict_get(t->dict, NAME(__module__));
        if (!m) return err_format(Exc_AttributeError, "__module__");
        return NEWREF(m);
    }
    return type_get_module(t);
}

static int type_set_module(Obj *self, Obj *value) {
    Type *t = (Type *)self;
    if (check_set_special(t, value, "__module__") < 0) return -1;
    type_modified(t);
    return dict_set(t->dict, NAME(__module__), value);
}

static Obj *type_get_doc(Obj *self) {
    Type *t = (Type *)self;
    if (!IS_HEAP_TYPE(t) && t->doc) return str_from_cstr(t->doc);
    Obj *d = dict_get(t->dict, NAME(__doc__));
    if (!d) RETURN_NONE;
    if (TYPE(d)->descr_get) return TYPE(d)->descr_get(d, NULL, self);
    return NEWREF(d);
}

static int type_set_doc(Obj *self, Obj *value) {
    Type *t = (Type *)self;
    if (check_set_special(t, value, "__doc__") < 0) return -1;
    type_modified(t);
    return dict_set(t->dict, NAME(__doc__), value);
}

static Obj *type_get_dict(Obj *self) { return mappingproxy_new(((Type *)self)->dict); }
static Obj *type_get_bases(Obj *self) { return NEWREF(((Type *)self)->bases); }
static Obj *type_get_flags(Obj *self) { return int_from_i64((int64_t)((Type *)self)->flags); }

/* After a __bases__ change, every slot of t and of its subclasses may resolve differently. */
static int fixup_slots_recursive(Type *t) {
    if (IS_HEAP_TYPE(t)) type_fixup_slots(t);
    if (!t->subclasses) return 0;
    size_t pos = 0;
    Obj *k, *v;
    while (dict_next(t->subclasses, &pos, &k, &v)) {
        Type *sub = (Type *)(intptr_t)SMALL_VALUE(v);
        Obj *mro = type_mro_c3(sub);      /* subclasses' MROs change too (CPython's mro_hierarchy) */
        if (!mro) return -1;
        SETREF(sub->mro, mro);
        if (fixup_slots_recursive(sub) < 0) return -1;
    }
    return 0;
}

static int type_set_bases(Obj *self, Obj *value) {
    Type *t = (Type *)self;
    if (check_set_special(t, value, "__bases__") < 0) return -1;
    if (!TUPLE_CHECK(value)) {
        err_format(Exc_TypeError, "can only assign tuple to %s.__bases__, not %s",
                   type_name(t), type_name(TYPE(value)));
        return -1;
    }
    if (TUPLE_SIZE(value) == 0) {
        err_format(Exc_TypeError, "can only assign non-empty tuple to %s.__bases__, not ()", type_name(t));
        return -1;
    }
    for (size_t i = 0; i < TUPLE_SIZE(value); i++) {
        Obj *b = TUPLE_GET(value, i);
        if (!TYPE_CHECK(b)) {
            err_format(Exc_TypeError, "%s.__bases__ must be tuple of classes, not '%s'",
                       type_name(t), type_name(TYPE(b)));
            return -1;
        }
        if (type_is_subtype((Type *)b, t)) {
            err_set_str(Exc_TypeError, "a __bases__ item causes an inheritance cycle");
            return -1;
        }
    }
    Type *new_base = type_best_base(value);
    if (!new_base) return -1;
    if (type_solid_base(new_base) != type_solid_base(t->base)) {
        err_format(Exc_TypeError, "__bases__ assignment: '%s' object layout differs from '%s'",
                   type_name(new_base), type_name(t->base));
        return -1;
    }
    Obj *old_bases = t->bases, *old_mro = t->mro;
    t->bases = NEWREF(value);
    Obj *mro = type_mro_c3(t);
    if (!mro) {
        DECREF(t->bases);
        t->bases = old_bases;
        return -1;
    }
    t->mro = mro;
    for (size_t i = 0; i < TUPLE_SIZE(old_bases); i++)
        type_remove_subclass((Type *)TUPLE_GET(old_bases, i), t);
    for (size_t i = 0; i < TUPLE_SIZE(value); i++)
        if (type_add_subclass((Type *)TUPLE_GET(value, i), t) < 0) return -1;
    XDECREF(old_mro);
    DECREF(old_bases);
    INCREF((Obj *)new_base);
    Type *old_base = t->base;
    t->base = new_base;
    XDECREF((Obj *)old_base);
    type_modified(t);
    return fixup_slots_recursive(t);
}

static Obj *type_get_abstractmethods(Obj *self) {
    Type *t = (Type *)self;
    Obj *v = t != &Type_type ? dict_get(t->dict, NAME(__abstractmethods__)) : NULL;
    if (!v) return err_format(Exc_AttributeError, "__abstractmethods__");
    return NEWREF(v);
}

static int type_set_abstractmethods(Obj *self, Obj *value) {
    Type *t = (Type *)self;
    int abstract = 0, r;
    if (value) {
        abstract = obj_is_true(value);
        if (abstract < 0) return -1;
        r = dict_set(t->dict, NAME(__abstractmethods__), value);
    } else {
        r = dict_del_opt(t->dict, NAME(__abstractmethods__));
        if (r == 0) {
            err_format(Exc_AttributeError, "__abstractmethods__");
            return -1;
        }
        r = r < 0 ? -1 : 0;
    }
    if (r < 0) return -1;
    type_modified(t);
    if (abstract) t->flags |= TPFLAG_ABSTRACT;
    else t->flags &= ~(uint32_t)TPFLAG_ABSTRACT;
    return 0;
}

static Obj *type_get_annotations(Obj *self) {
    Type *t = (Type *)self;
    if (!IS_HEAP_TYPE(t))
        return err_format(Exc_AttributeError, "type object '%s' has no attribute '__annotations__'",
                          type_name(t));
    Obj *a = dict_get(t->dict, NAME(__annotations__));
    if (a) {
        if (TYPE(a)->descr_get) return TYPE(a)->descr_get(a, NULL, self);
        return NEWREF(a);
    }
    a = dict_new();
    if (!a) return NULL;
    if (dict_set(t->dict, NAME(__annotations__), a) < 0) { DECREF(a); return NULL; }
    type_modified(t);
    return a;
}

static int type_set_annotations(Obj *self, Obj *value) {
    Type *t = (Type *)self;
    if (!IS_HEAP_TYPE(t)) {
        err_format(Exc_TypeError, "cannot set '__annotations__' attribute of immutable type '%s'", type_name(t));
        return -1;
    }
    int r;
    if (value) {
        r = dict_set(t->dict, NAME(__annotations__), value);
    } else {
        r = dict_del_opt(t->dict, NAME(__annotations__));
        if (r == 0) { err_format(Exc_AttributeError, "__annotations__"); return -1; }
        r = r < 0 ? -1 : 0;
    }
    type_modified(t);
    return r;
}

/* Read-only members, as CPython's ("readonly attribute" on assignment). */
_Static_assert(sizeof(size_t) == sizeof(int64_t), "size_t members are read as int64");
static const MemberDef type_members[] = {
    {"__basicsize__", MEMBER_INT64, offsetof(Type, basicsize), 1, NULL},
    {"__itemsize__", MEMBER_INT64, offsetof(Type, itemsize), 1, NULL},
    {"__weakrefoffset__", MEMBER_INT64, offsetof(Type, weaklist_offset), 1, NULL},
    {"__base__", MEMBER_OBJECT, offsetof(Type, base), 1, NULL},
    {"__dictoffset__", MEMBER_INT64, offsetof(Type, dict_offset), 1, NULL},
    {"__mro__", MEMBER_OBJECT, offsetof(Type, mro), 1, NULL},
    {NULL}
};

static const GetSetDef type_getset[] = {
    {"__name__", type_get_name, type_set_name, NULL},
    {"__qualname__", type_get_qualname_attr, type_set_qualname, NULL},
    {"__bases__", type_get_bases, type_set_bases, NULL},
    {"__module__", type_get_module_attr, type_set_module, NULL},
    {"__abstractmethods__", type_get_abstractmethods, type_set_abstractmethods, NULL},
    {"__dict__", type_get_dict, NULL, NULL},
    {"__doc__", type_get_doc, type_set_doc, NULL},
    {"__annotations__", type_get_annotations, type_set_annotations, NULL},
    {"__flags__", type_get_flags, NULL, NULL},
    {NULL}
};

/* ---------------------------------------------------------------------------------------
 * methods */
static Obj *type_mro_method(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *mro = type_mro_c3((Type *)self);
    if (!mro) return NULL;
    Obj *l = seq_to_list(mro);
    DECREF(mro);
    return l;
}

static Obj *type_subclasses_method(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Type *t = (Type *)self;
    Obj *l = list_new(0);
    if (!l || !t->subclasses) return l;
    size_t pos = 0;
    Obj *k, *v;
    while (dict_next(t->subclasses, &pos, &k, &v))
        if (list_append(l, (Obj *)(intptr_t)SMALL_VALUE(v)) < 0) { DECREF(l); return NULL; }
    return l;
}

static Obj *type_instancecheck(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *inst = args[0];
    Type *t = (Type *)self;
    if (TYPE(inst) == t || type_is_subtype(TYPE(inst), t)) return V_True;
    Obj *cls = obj_getattr_opt(inst, NAME(__class__));
    if (!cls) {
        if (err_occurred()) return NULL;
        return V_False;
    }
    int r = cls != (Obj *)TYPE(inst) && TYPE_CHECK(cls) && type_is_subtype((Type *)cls, t);
    DECREF(cls);
    return bool_from(r);
}

static Obj *type_subclasscheck(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *sub = args[0];
    if (!TYPE_CHECK(sub)) {
        Obj *b = obj_getattr_opt(sub, NAME(__bases__));
        if (!b || !TUPLE_CHECK(b)) {
            XDECREF(b);
            if (err_occurred()) return NULL;
            return err_set_str(Exc_TypeError, "issubclass() arg 1 must be a class");
        }
        DECREF(b);
        return V_False;
    }
    return bool_from(type_is_subtype((Type *)sub, (Type *)self));
}

static Obj *type_prepare(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return dict_new();
}

static int merge_class_dict(Obj *d, Type *t) {
    if (dict_update(d, t->dict) < 0) return -1;
    for (size_t i = 0; t->bases && i < TUPLE_SIZE(t->bases); i++)
        if (merge_class_dict(d, (Type *)TUPLE_GET(t->bases, i)) < 0) return -1;
    return 0;
}

static Obj *type_dir(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *d = dict_new();
    if (!d) return NULL;
    if (merge_class_dict(d, (Type *)self) < 0) { DECREF(d); return NULL; }
    Obj *l = dict_keys_list(d);
    DECREF(d);
    return l;
}

static Obj *type_sizeof(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Type *t = (Type *)self;
    return int_from_i64((int64_t)(IS_HEAP_TYPE(t) ? TYPE(self)->basicsize : sizeof(Type)));
}

static const MethodDef type_methods[] = {
    {"mro", type_mro_method, METH_NOARGS, "Return a type's method resolution order."},
    {"__subclasses__", type_subclasses_method, METH_NOARGS, "Return a list of immediate subclasses."},
    {"__prepare__", type_prepare, METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     "__prepare__() -> dict\nused to create the namespace for the class statement"},
    {"__instancecheck__", type_instancecheck, METH_O, "Check if an object is an instance."},
    {"__subclasscheck__", type_subclasscheck, METH_O, "Check if a class is a subclass."},
    {"__dir__", type_dir, METH_NOARGS, "Specialized __dir__ implementation for types."},
    {"__sizeof__", type_sizeof, METH_NOARGS, "Return memory consumption of the type object."},
    {NULL}
};

Type Type_type = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "type",
    .basicsize = sizeof(HeapType),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC | TPFLAG_TYPE_SUBCLASS,
    .doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
    .dealloc = type_dealloc,
    .traverse = type_traverse,
    .clear = type_clear,
    .dict_offset = offsetof(Type, dict),
    .weaklist_offset = offsetof(Type, weaklist),
    .new = type_new_slot,
    .init = type_init,
    .call = type_call,
    .repr = type_repr,
    .binop = type_union_binop,
    .getattr = type_getattro,
    .setattr = type_setattro,
    .methods = type_methods,
    .members = type_members,
    .getset = type_getset,
};
