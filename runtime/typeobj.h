/* typeobj.h: internals shared by the type-system files (type.c, type_new.c, type_slots.c,
 * object_type.c, buildclass.c, super.c, property.c). Not for general use: other subsystems
 * go through object.h / types.h. */
#ifndef VITRINE_TYPEOBJ_H
#define VITRINE_TYPEOBJ_H

#include "object.h"
#include "types.h"
#include "errors.h"

/* A class created at run time (class statement, type(name, bases, dict)). Type_type's
 * basicsize is sizeof(HeapType): every instance of a metaclass has this layout. */
typedef struct HeapType {
    Type type;
    Obj *ht_name;          /* str: __name__ (type.name points into it) */
    Obj *ht_slots;         /* tuple of (mangled, sorted) slot names, or NULL */
    MemberDef *ht_members; /* one per slot name, NULL-terminated; names point into ht_slots */
    int side_dict;         /* instances keep __dict__ in a side table (variable-size base) */
} HeapType;

#define VISIT(o) do { Obj *v_ = (Obj *)(o); \
    if (v_ && !IS_SMALL(v_)) { int r_ = visit(v_, arg); if (r_) return r_; } } while (0)

/* ---- type.c ---- */
Obj *type_get_module(Type *t);          /* new ref: __module__ as str ("builtins" for most static types) */
Obj *type_get_qualname(Type *t);        /* new ref */
uint32_t type_next_version_tag(void);
/* A new tag for t: 0 while --trace=attr watches t (caches then skip it). */
uint32_t type_fresh_version_tag(Type *t);
/* Register `sub` in base->subclasses (non-owning) / remove it. */
int type_add_subclass(Type *base, Type *sub);
void type_remove_subclass(Type *base, Type *sub);
/* Mro-compatible C3 linearization of t (t->bases set); new tuple. */
Obj *type_mro_c3(Type *t) VT_MUST_CHECK;
void type_inherit_flags(Type *t, Type *base);
Obj *type_getattro(Obj *type, Obj *name);
Obj *type_call(Obj *callable, Obj *const *args, size_t nargs, Obj *kwnames);
Obj *type_new_slot(Type *meta, Obj *const *args, size_t nargs, Obj *kwnames);
void type_dealloc(Obj *o);
/* `a | b` for types, None, unions and GenericAlias (a binop slot: NotImplemented for other
 * operands or operators). Builds types.UnionType (Type_UnionType). */
Obj *type_union_binop(Obj *a, Obj *b, int op);
extern Type Type_UnionType;

/* ---- type_new.c ---- */
Type *type_calculate_metaclass(Type *meta, Obj *bases);  /* NULL + TypeError on conflict */
Type *type_best_base(Obj *bases);          /* the base whose layout the class extends; NULL + error */
Type *type_solid_base(Type *t);            /* the most derived base adding C fields */
void subtype_dealloc(Obj *self);
int subtype_traverse(Obj *self, visitproc visit, void *arg);
/* Vectorcall arguments pre[0..npre) + the values of dict kwds; *out is vt_malloc'ed (caller frees),
 * *kwnames_out a new tuple or NULL. 0 or -1. */
int kwds_to_vector(Obj *const *pre, size_t npre, Obj *kwds, Obj ***out, Obj **kwnames_out);

/* Instance dicts of subclasses of variable-size built-ins (str, bytes, tuple): the object
 * has no room at a fixed offset, so the dict lives in a side table keyed by address. */
int type_has_side_dict(Type *t);
Obj *side_dict_get(Obj *o, int create);      /* borrowed; NULL (no error) if absent and !create */
Obj *vardict_getattr(Obj *o, Obj *name);
int vardict_setattr(Obj *o, Obj *name, Obj *value);

/* ---- type_slots.c ---- */
extern Type Type_wrapper_descriptor, Type_method_wrapper;
int type_slots_init(void);
/* Add "slot wrapper" descriptors for the C slots t defines itself (static types). */
int type_add_slot_wrappers(Type *t);
/* Set every slot of heap type t from the dunders visible along its MRO. */
void type_fixup_slots(Type *t);
/* A dunder `name` was assigned/deleted on t: refresh the affected slot(s) of t and subclasses. */
void type_update_slot(Type *t, Obj *name);
/* name is one of the dunders driving a slot */
int type_is_slot_name(Obj *name);
/* Call a descriptor found on TYPE(self) as a method with self prepended (fast for functions
 * and slot wrappers). */
Obj *call_unbound(Obj *descr, Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);
extern const MethodDef tp_new_methoddef;   /* the builtin behind T.__new__ of static types */

/* ---- object_type.c ---- */
Obj *object_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames);
int object_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);
Obj *object_richcompare(Obj *a, Obj *b, int op);
intptr_t object_hash(Obj *o);
Obj *object_repr(Obj *o);
Obj *object_str(Obj *o);
Obj *instance_dict_get(Obj *self);           /* __dict__ getter for heap-type instances */
int instance_dict_set(Obj *self, Obj *value);
Obj *instance_weakref_get(Obj *self);

/* ---- property.c ---- */
typedef struct ClassMethodObj {   /* classmethod and staticmethod */
    Obj ob;
    Obj *func;
    Obj *dict;
} ClassMethodObj;
Obj *classmethod_new(Obj *func) VT_MUST_CHECK;
Obj *staticmethod_new(Obj *func) VT_MUST_CHECK;

#endif
