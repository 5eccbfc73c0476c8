/* object.h: the object header, the value encoding, type objects and the generic protocols.
 *
 * VALUE ENCODING
 * Every Python value is an `Obj *`. Two kinds of bit patterns live in that word:
 *   - a real pointer to a heap (or static) object, 8-byte aligned, low bit 0;
 *   - a *small int*: a 63-bit signed integer shifted left by one with the low bit set.
 * Small ints make integer arithmetic allocation-free. They have no header: never
 * dereference a value before checking IS_SMALL(v), and always ask TYPE(v) for the type.
 * Ints whose value fits in [SMALL_MIN, SMALL_MAX] are ALWAYS encoded small (canonical form),
 * so two equal ints in that range are also identical (`is`).
 *
 * OBJECT HEADER
 * Every heap object begins with `Obj`: a 32-bit reference count, 32 bits of flags and the
 * type pointer. Objects that can hold references to other objects ("containers") are
 * allocated with gc_alloc() and carry a GCHead *before* the object (see vm/gc.h), which links
 * them into a generation of the cycle collector.
 *
 * ERROR CONTRACT
 * A function returning Obj* returns NULL with an exception set in the current thread state
 * (err_set*, see errors.h); one returning int returns -1. Functions that "may return NULL
 * without an exception" say so explicitly (e.g. *_opt lookups, iternext at exhaustion).
 *
 * REFERENCES
 * Unless a comment says "borrowed", a returned Obj* is a new reference the caller owns, and
 * arguments are borrowed (the callee increfs what it keeps). Container setters that "steal"
 * say so in their name (`tuple_set_steal`, `list_append_steal`).
 */
#ifndef VITRINE_OBJECT_H
#define VITRINE_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define VT_LIKELY(x) __builtin_expect(!!(x), 1)
#define VT_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define VT_MUST_CHECK __attribute__((warn_unused_result))

#ifdef NDEBUG
#define VT_ASSERT(cond, msg) ((void)0)
#else
#define VT_ASSERT(cond, msg) \
    ((cond) ? (void)0 : vt_assert_fail(#cond, msg, __FILE__, __LINE__))
#endif
#define VT_UNREACHABLE() __builtin_unreachable()
void vt_assert_fail(const char *cond, const char *msg, const char *file, int line)
    __attribute__((noreturn));
/* Print a message and abort: for broken invariants only, never for user errors. */
void vt_fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

typedef struct Type Type;
typedef struct Obj Obj;

struct Obj {
    uint32_t refcnt;
    uint32_t flags;      /* OBJ_FLAG_* below */
    Type *type;
};

/* Object flags (in Obj.flags). */
enum {
    OBJ_FLAG_WATCHED = 1u << 0,   /* vitrine.watch(obj): refcount changes are traced */
    OBJ_FLAG_IMMORTAL = 1u << 1,  /* static objects: None, True, static types... */
    OBJ_FLAG_FINALIZED = 1u << 2, /* __del__ already ran (PEP 442) */
    OBJ_FLAG_GC = 1u << 3,        /* allocated with gc_alloc: a GCHead precedes it */
};

/* Reference count given to static objects; large enough never to reach zero. */
#define IMMORTAL_REFCNT (1u << 30)
/* Static object header initializer: OBJ_HEAD_INIT(&Type_type) */
#define OBJ_HEAD_INIT(typeptr) {IMMORTAL_REFCNT, OBJ_FLAG_IMMORTAL, (typeptr)}

/* ---- small ints ---- */
#define SMALL_MAX ((int64_t)(INT64_MAX >> 1))
#define SMALL_MIN ((int64_t)(INT64_MIN >> 1))
#define IS_SMALL(v) (((uintptr_t)(v)) & 1u)
#define SMALL_VALUE(v) ((int64_t)(intptr_t)(v) >> 1)
#define MAKE_SMALL(i) ((Obj *)(uintptr_t)(((uint64_t)(int64_t)(i) << 1) | 1u))
#define FITS_SMALL(i) ((i) >= SMALL_MIN && (i) <= SMALL_MAX)

extern Type Type_int;

static inline Type *TYPE(const Obj *v) { return IS_SMALL(v) ? &Type_int : v->type; }
#define IS_TYPE(v, t) (TYPE(v) == (t))

/* Tracing of watched objects (--trace=refs); defined in vm/trace_refs.c. */
void trace_ref_change(Obj *o, int delta);

static inline void INCREF(Obj *v) {
    if (!IS_SMALL(v)) {
        v->refcnt++;
        if (VT_UNLIKELY(v->flags & OBJ_FLAG_WATCHED)) trace_ref_change(v, +1);
    }
}
static inline void XINCREF(Obj *v) { if (v) INCREF(v); }
/* Called when a count reaches zero; runs the type's dealloc. */
void obj_dealloc(Obj *v);
static inline void DECREF(Obj *v) {
    if (!IS_SMALL(v)) {
        if (VT_UNLIKELY(v->flags & OBJ_FLAG_WATCHED)) trace_ref_change(v, -1);
        if (--v->refcnt == 0) obj_dealloc(v);
    }
}
static inline void XDECREF(Obj *v) { if (v) DECREF(v); }
/* Replace *slot with a new reference, releasing the old one afterwards (safe order). */
#define SETREF(slot, newval) do { Obj *old_ = (Obj *)(slot); (slot) = (newval); XDECREF(old_); } while (0)
#define CLEAR(slot) do { Obj *old_ = (Obj *)(slot); (slot) = NULL; XDECREF(old_); } while (0)
/* Return a new reference to v (expression form). */
static inline Obj *NEWREF(Obj *v) { INCREF(v); return v; }

/* ---- function pointer types for slots ---- */
typedef Obj *(*unaryfunc)(Obj *);
typedef Obj *(*binaryfunc)(Obj *, Obj *);
typedef Obj *(*binopfunc)(Obj *a, Obj *b, int op);          /* op: NB_* */
typedef Obj *(*unopfunc)(Obj *a, int op);                   /* op: UN_* */
typedef int (*inquiry)(Obj *);
typedef intptr_t (*lenfunc)(Obj *);                         /* -1 on error */
typedef intptr_t (*hashfunc)(Obj *);                        /* -1 on error */
typedef Obj *(*richcmpfunc)(Obj *a, Obj *b, int op);        /* op: CMP_* */
typedef Obj *(*getattrfunc)(Obj *o, Obj *name);             /* name: str */
typedef int (*setattrfunc)(Obj *o, Obj *name, Obj *value);  /* value NULL: delete */
typedef int (*setitemfunc)(Obj *o, Obj *key, Obj *value);   /* value NULL: delete */
typedef int (*containsfunc)(Obj *o, Obj *key);              /* 1, 0, -1 */
typedef Obj *(*descrgetfunc)(Obj *descr, Obj *obj, Obj *type); /* obj may be NULL */
typedef int (*descrsetfunc)(Obj *descr, Obj *obj, Obj *value); /* value NULL: delete */
typedef void (*destructor)(Obj *);
typedef int (*visitproc)(Obj *, void *);
typedef int (*traverseproc)(Obj *, visitproc, void *);
/* The one calling convention ("vectorcall"): positional args are args[0..nargs); if kwnames
 * (a tuple of str) is not NULL, its values follow in args[nargs..nargs+len(kwnames)). */
typedef Obj *(*vectorcallfunc)(Obj *callable, Obj *const *args, size_t nargs, Obj *kwnames);
typedef Obj *(*newfunc)(Type *type, Obj *const *args, size_t nargs, Obj *kwnames);
typedef int (*initfunc)(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);
/* Built-in functions and methods: self is the bound object (or module, or NULL). */
typedef Obj *(*cfunc)(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);

/* Binary operators (BINARY_OP's argument, the binop/inplace slots' op). Order = CPython's NB_*. */
#define NB_OPS(X) \
    X(NB_ADD, "+", __add__, __radd__, __iadd__) \
    X(NB_AND, "&", __and__, __rand__, __iand__) \
    X(NB_FLOOR_DIVIDE, "//", __floordiv__, __rfloordiv__, __ifloordiv__) \
    X(NB_LSHIFT, "<<", __lshift__, __rlshift__, __ilshift__) \
    X(NB_MATRIX_MULTIPLY, "@", __matmul__, __rmatmul__, __imatmul__) \
    X(NB_MULTIPLY, "*", __mul__, __rmul__, __imul__) \
    X(NB_REMAINDER, "%", __mod__, __rmod__, __imod__) \
    X(NB_OR, "|", __or__, __ror__, __ior__) \
    X(NB_POWER, "**", __pow__, __rpow__, __ipow__) \
    X(NB_RSHIFT, ">>", __rshift__, __rrshift__, __irshift__) \
    X(NB_SUBTRACT, "-", __sub__, __rsub__, __isub__) \
    X(NB_TRUE_DIVIDE, "/", __truediv__, __rtruediv__, __itruediv__) \
    X(NB_XOR, "^", __xor__, __rxor__, __ixor__) \
    X(NB_DIVMOD, "divmod()", __divmod__, __rdivmod__, __idivmod_unused__)
enum {
#define X(name, sym, d, r, i) name,
    NB_OPS(X)
#undef X
    NB_COUNT
};
/* BINARY_OP's argument for in-place forms is NB_INPLACE + op (e.g. NB_INPLACE + NB_ADD). */
#define NB_INPLACE 16
extern const char *const nb_op_symbols[NB_COUNT];   /* "+", "&", ... */

/* Unary operators (the unop slot). */
enum { UN_NEGATIVE, UN_POSITIVE, UN_INVERT, UN_ABSOLUTE };

/* Rich comparison operators, CPython's order. */
enum { CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE };
extern const int cmp_swapped[6];  /* the reflected operator: LT<->GT, LE<->GE */

/* ---- declarative tables for built-in types and modules ---- */
/* MethodDef flags: how arguments are checked before the function runs. */
enum {
    METH_VARARGS = 0,      /* any positional arguments, no keywords */
    METH_NOARGS = 1 << 0,  /* "takes no arguments (N given)" */
    METH_O = 1 << 1,       /* exactly one positional argument */
    METH_KEYWORDS = 1 << 2,/* keywords allowed (kwnames may be non-NULL) */
    METH_CLASS = 1 << 3,   /* classmethod: self is the type */
    METH_STATIC = 1 << 4,  /* staticmethod: self is NULL */
};
typedef struct MethodDef {
    const char *name;
    cfunc fn;
    int flags;
    const char *doc;
} MethodDef;

typedef struct GetSetDef {
    const char *name;
    Obj *(*get)(Obj *self);
    int (*set)(Obj *self, Obj *value); /* NULL: read-only; value NULL: delete */
    const char *doc;
} GetSetDef;

enum { MEMBER_OBJECT, MEMBER_OBJECT_EX /* AttributeError when NULL */, MEMBER_INT64, MEMBER_DOUBLE, MEMBER_BOOL };
typedef struct MemberDef {
    const char *name;
    int kind;       /* MEMBER_* */
    size_t offset;  /* byte offset inside the object */
    int readonly;
    const char *doc;
} MemberDef;

/* ---- type objects ---- */
enum {
    TPFLAG_HEAPTYPE = 1u << 0,        /* created by a class statement or type() */
    TPFLAG_BASETYPE = 1u << 1,        /* may be subclassed */
    TPFLAG_HAVE_GC = 1u << 2,         /* instances are allocated with gc_alloc */
    TPFLAG_READY = 1u << 3,           /* type_ready() has run */
    TPFLAG_ABSTRACT = 1u << 4,        /* has abstract methods (abc) */
    TPFLAG_HAS_FINALIZER = 1u << 5,   /* defines __del__ */
    TPFLAG_HAS_GETATTR_HOOK = 1u << 6,/* defines __getattr__ */
    /* Fast subclass checks, like CPython's Py_TPFLAGS_*_SUBCLASS. */
    TPFLAG_INT_SUBCLASS = 1u << 16,
    TPFLAG_LIST_SUBCLASS = 1u << 17,
    TPFLAG_TUPLE_SUBCLASS = 1u << 18,
    TPFLAG_BYTES_SUBCLASS = 1u << 19,
    TPFLAG_STR_SUBCLASS = 1u << 20,
    TPFLAG_DICT_SUBCLASS = 1u << 21,
    TPFLAG_BASE_EXC_SUBCLASS = 1u << 22,
    TPFLAG_TYPE_SUBCLASS = 1u << 23,
};

struct Type {
    Obj ob;
    const char *name;          /* tp_name: "int", "collections.deque"; for heap types, the __name__ */
    size_t basicsize;          /* instance size in bytes (without GCHead) */
    size_t itemsize;           /* per-item size for variable-size objects, else 0 */
    uint32_t flags;            /* TPFLAG_* */
    uint32_t version_tag;      /* changes whenever the type or a base's dict changes (caches) */

    Type *base;                /* the "solid" base (tp_base) */
    Obj *bases;                /* tuple */
    Obj *mro;                  /* tuple, the C3 linearization, self first */
    Obj *dict;                 /* the type's namespace (dict) */
    Obj *subclasses;           /* dict id -> weakref/type, or NULL */
    Obj *qualname;             /* str (heap types) */
    Obj *module_name;          /* str or NULL: __module__ for static types ("builtins" if NULL) */
    const char *doc;

    /* lifetime */
    destructor dealloc;
    traverseproc traverse;
    inquiry clear;
    destructor finalize;       /* __del__ (PEP 442), may be NULL */
    size_t dict_offset;        /* byte offset of an instance __dict__ slot, 0 if none */
    size_t weaklist_offset;    /* byte offset of the weakref list head, 0 if none */

    /* construction */
    newfunc new;
    initfunc init;
    vectorcallfunc call;       /* calling an instance (for a type: calling the type) */

    /* conversion and identity */
    unaryfunc repr;
    unaryfunc str;
    hashfunc hash;             /* NULL: inherit; type_hash_not_implemented: unhashable */
    richcmpfunc richcompare;
    inquiry is_true;           /* __bool__; NULL means fall back to len, then True */

    /* attributes */
    getattrfunc getattr;       /* tp_getattro */
    setattrfunc setattr;       /* tp_setattro (also delete) */
    descrgetfunc descr_get;
    descrsetfunc descr_set;

    /* numbers */
    binopfunc binop;           /* called with the ORIGINAL operand order for both a op b and the reflection */
    binopfunc inplace;         /* a op= b; NotImplemented falls back to binop */
    unopfunc unop;
    unaryfunc index;           /* __index__ */
    unaryfunc to_int;          /* __int__ */
    unaryfunc to_float;        /* __float__ */

    /* containers */
    lenfunc len;
    binaryfunc getitem;        /* o[key] */
    setitemfunc setitem;       /* o[key] = v, del o[key] */
    containsfunc contains;
    unaryfunc iter;
    unaryfunc iternext;        /* NULL *without* an exception at exhaustion */

    /* declarative tables (static types) */
    const MethodDef *methods;
    const MemberDef *members;
    const GetSetDef *getset;

    Obj *weaklist;             /* weak references to the type object itself (type.weaklist_offset) */
};

extern Type Type_type, Type_object;

#define TYPE_HAS_FLAG(t, f) (((t)->flags & (f)) != 0)
#define IS_HEAP_TYPE(t) TYPE_HAS_FLAG(t, TPFLAG_HEAPTYPE)
#define INT_CHECK(v) (IS_SMALL(v) || TYPE_HAS_FLAG((v)->type, TPFLAG_INT_SUBCLASS))
#define INT_CHECK_EXACT(v) (IS_SMALL(v) || (v)->type == &Type_int)
#define STR_CHECK(v) (!IS_SMALL(v) && TYPE_HAS_FLAG((v)->type, TPFLAG_STR_SUBCLASS))
#define STR_CHECK_EXACT(v) (!IS_SMALL(v) && (v)->type == &Type_str)
#define LIST_CHECK(v) (!IS_SMALL(v) && TYPE_HAS_FLAG((v)->type, TPFLAG_LIST_SUBCLASS))
#define TUPLE_CHECK(v) (!IS_SMALL(v) && TYPE_HAS_FLAG((v)->type, TPFLAG_TUPLE_SUBCLASS))
#define DICT_CHECK(v) (!IS_SMALL(v) && TYPE_HAS_FLAG((v)->type, TPFLAG_DICT_SUBCLASS))
#define BYTES_CHECK(v) (!IS_SMALL(v) && TYPE_HAS_FLAG((v)->type, TPFLAG_BYTES_SUBCLASS))
#define TYPE_CHECK(v) (!IS_SMALL(v) && TYPE_HAS_FLAG((v)->type, TPFLAG_TYPE_SUBCLASS))
#define EXC_CHECK(v) (!IS_SMALL(v) && TYPE_HAS_FLAG((v)->type, TPFLAG_BASE_EXC_SUBCLASS))
#define EXC_TYPE_CHECK(v) (TYPE_CHECK(v) && TYPE_HAS_FLAG((Type *)(v), TPFLAG_BASE_EXC_SUBCLASS))

/* ---- allocation (runtime/alloc.c) ---- */
/* Allocate a zeroed non-container object of `size` bytes, refcount 1, type set. */
Obj *obj_alloc(Type *type, size_t size) VT_MUST_CHECK;
/* Allocate a zeroed container object with a GCHead; NOT yet tracked (call gc_track once
 * all fields are valid). */
Obj *gc_alloc(Type *type, size_t size) VT_MUST_CHECK;
/* Free an object's memory (after its dealloc released references). Handles GCHead. */
void obj_free(Obj *o);
/* Generic instance allocation for type->basicsize (+ nitems * itemsize): chooses gc_alloc when
 * the type has TPFLAG_HAVE_GC; increfs heap types (instances own a reference to their type). */
Obj *type_generic_alloc(Type *type, size_t nitems) VT_MUST_CHECK;
/* malloc wrappers that set MemoryError on failure. */
void *vt_malloc(size_t n);
void *vt_calloc(size_t n, size_t size);
void *vt_realloc(void *p, size_t n);
void vt_free(void *p);

/* ---- singletons (runtime/singletons.c) ---- */
extern Obj V_None_obj, V_NotImplemented_obj, V_Ellipsis_obj;
extern Obj V_True_obj, V_False_obj;   /* layout-compatible with IntObj, see int.h */
#define V_None (&V_None_obj)
#define V_True (&V_True_obj)
#define V_False (&V_False_obj)
#define V_NotImplemented (&V_NotImplemented_obj)
#define V_Ellipsis (&V_Ellipsis_obj)
static inline Obj *bool_from(int b) { return b ? V_True : V_False; }  /* immortal: no incref needed */
#define RETURN_NONE return V_None
#define RETURN_BOOL(b) return bool_from(b)

/* ---- generic protocols (runtime/object.c, runtime/abstract.c) ---- */
Obj *obj_repr(Obj *o) VT_MUST_CHECK;
Obj *obj_str(Obj *o) VT_MUST_CHECK;
Obj *obj_ascii(Obj *o) VT_MUST_CHECK;
intptr_t obj_hash(Obj *o);                          /* -1 on error */
Obj *obj_richcompare(Obj *a, Obj *b, int op) VT_MUST_CHECK;
int obj_richcompare_bool(Obj *a, Obj *b, int op);   /* identity implies equality for EQ/NE */
int obj_eq(Obj *a, Obj *b);                          /* obj_richcompare_bool(a, b, CMP_EQ) */
int obj_is_true(Obj *o);                             /* 1, 0, -1 */
Obj *obj_getattr(Obj *o, Obj *name) VT_MUST_CHECK;  /* name: str */
Obj *obj_getattr_cstr(Obj *o, const char *name) VT_MUST_CHECK;
/* Like obj_getattr but a missing attribute returns NULL with NO exception set. */
Obj *obj_getattr_opt(Obj *o, Obj *name);
int obj_hasattr(Obj *o, Obj *name);                  /* 1, 0, -1 */
int obj_setattr(Obj *o, Obj *name, Obj *value);      /* value NULL: delete */
int obj_setattr_cstr(Obj *o, const char *name, Obj *value);
Obj *obj_generic_getattr(Obj *o, Obj *name) VT_MUST_CHECK;   /* object.__getattribute__ */
int obj_generic_setattr(Obj *o, Obj *name, Obj *value);       /* object.__setattr__ */
Obj **obj_dict_ptr(Obj *o);                           /* address of the instance __dict__ slot, or NULL */
/* Look a special method up on the type (not the instance), binding it: NULL, no error, if absent. */
Obj *obj_lookup_special(Obj *o, Obj *name);

Obj *obj_call(Obj *callable, Obj *const *args, size_t nargs, Obj *kwnames) VT_MUST_CHECK;
Obj *obj_call0(Obj *callable) VT_MUST_CHECK;
Obj *obj_call1(Obj *callable, Obj *a) VT_MUST_CHECK;
Obj *obj_call2(Obj *callable, Obj *a, Obj *b) VT_MUST_CHECK;
/* Call with a tuple of positional args and an optional dict of keyword args. */
Obj *obj_call_tuple_dict(Obj *callable, Obj *args, Obj *kwargs) VT_MUST_CHECK;
/* o.name(*args) */
Obj *obj_call_method(Obj *o, Obj *name, Obj *const *args, size_t nargs) VT_MUST_CHECK;
int obj_is_callable(Obj *o);

Obj *obj_get_iter(Obj *o) VT_MUST_CHECK;            /* iter(o) */
/* next(it): new ref; NULL with no exception at exhaustion; NULL with exception on error. */
Obj *iter_next(Obj *it);
intptr_t obj_len(Obj *o);                            /* -1 on error, TypeError if no len */
Obj *obj_getitem(Obj *o, Obj *key) VT_MUST_CHECK;
int obj_setitem(Obj *o, Obj *key, Obj *value);
int obj_delitem(Obj *o, Obj *key);
int obj_contains(Obj *container, Obj *item);         /* `item in container`: 1, 0, -1 */
Obj *obj_binop(Obj *a, Obj *b, int op) VT_MUST_CHECK;     /* op: NB_*; error text as CPython */
Obj *obj_inplace_op(Obj *a, Obj *b, int op) VT_MUST_CHECK;/* op: NB_* (not NB_INPLACE+) */
Obj *obj_unop(Obj *a, int op) VT_MUST_CHECK;
Obj *obj_index(Obj *o) VT_MUST_CHECK;                /* operator.index(o): an int */
int64_t obj_as_index_i64(Obj *o, Type *overflow_exc); /* -1 with error set (check err_occurred) */
int obj_isinstance(Obj *o, Obj *cls);                /* cls: type or tuple; 1, 0, -1 */
int obj_issubclass(Obj *derived, Obj *cls);
int type_is_subtype(Type *a, Type *b);               /* by MRO, no hooks */
Obj *obj_format(Obj *o, Obj *spec) VT_MUST_CHECK;   /* format(o, spec) */
Obj *obj_dir(Obj *o) VT_MUST_CHECK;
Obj *obj_id(Obj *o) VT_MUST_CHECK;                   /* id(o) as int */
/* "repr" protection for recursive containers ([...], {...}): 1 if o is already being
 * printed (print "..." then), 0 after entering, -1 on error; leave with repr_leave. */
int repr_enter(Obj *o);
void repr_leave(Obj *o);
/* Sequence helpers: a list or tuple copy of any iterable. */
Obj *seq_to_list(Obj *iterable) VT_MUST_CHECK;
Obj *seq_to_tuple(Obj *iterable) VT_MUST_CHECK;

/* ---- type machinery (runtime/type.c) ---- */
/* Finish a static type: fill dict from methods/members/getset, add slot wrappers
 * (__add__, __repr__...), compute mro, inherit slots from base. Called at startup. */
int type_ready(Type *t);
/* Find name along the MRO without invoking descriptors (borrowed, NULL if absent, no error). */
Obj *type_lookup(Type *t, Obj *name);
Obj *type_new_heap(Type *meta, Obj *name, Obj *bases, Obj *ns, Obj *kwds) VT_MUST_CHECK;
void type_modified(Type *t);     /* bump version tags of t and its subclasses */
const char *type_name(Type *t);  /* short name for messages ("int", "MyClass") */
/* hash slot value for unhashable types */
intptr_t type_hash_not_implemented(Obj *o);
/* Add a method table / a constant to a type dict (used by type_ready and by modules). */
int type_add_methods(Type *t, const MethodDef *defs);

/* Obj.flags bit set by alloc.c on str objects it serves from its small-object pool: their
 * block must not be grown with realloc() (str_append_inplace already requires flags == 0). */
enum { OBJ_FLAG_POOLED = 1u << 4 };

#endif
