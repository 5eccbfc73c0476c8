/* type_slots.c: the bridge between C slots and dunder methods, both ways:
 *  - slot wrappers ("<slot wrapper '__add__' of 'int' objects>") expose a static type's C slots
 *    as methods, so int.__add__(1, 2), super().__init__() and dir() see them;
 *  - slot functions (slot_*) fill the slots of heap types and dispatch to the class's dunders,
 *    looked up through the cached type_lookup and called with vectorcall. */
#include <string.h>
#include "typeobj.h"
#include "names.h"
#include "gc.h"
#include "vm.h"

typedef void (*anyfn)(void);

enum {
    S_REPR, S_STR, S_HASH, S_RICHCMP, S_BOOL, S_GETATTR, S_SETATTR, S_DESCR_GET, S_DESCR_SET,
    S_BINOP, S_INPLACE, S_UNOP, S_INDEX, S_INT, S_FLOAT, S_LEN, S_GETITEM, S_SETITEM,
    S_CONTAINS, S_ITER, S_NEXT, S_CALL, S_INIT, S_NEW, S_DEL, S__COUNT
};

/* How a wrapper calls its C function. */
enum {
    WK_UNARY, WK_NEXT, WK_HASH, WK_BOOL, WK_LEN, WK_RICHCMP, WK_BINOP, WK_RBINOP, WK_INPLACE,
    WK_UNOP, WK_GETITEM, WK_SETITEM, WK_DELITEM, WK_CONTAINS, WK_CALL, WK_INIT, WK_GETATTR,
    WK_GETATTR_HOOK /* __getattr__: no wrapper */, WK_SETATTR, WK_DELATTR, WK_GET, WK_SET,
    WK_DELETE, WK_DEL, WK_NEW
};

typedef struct SlotDef {
    const char *name;
    int slot;       /* S_* */
    int op;         /* NB_* / CMP_* / UN_* */
    int kind;       /* WK_* */
} SlotDef;

static const size_t slot_offsets[S__COUNT] = {
    [S_REPR] = offsetof(Type, repr), [S_STR] = offsetof(Type, str), [S_HASH] = offsetof(Type, hash),
    [S_RICHCMP] = offsetof(Type, richcompare), [S_BOOL] = offsetof(Type, is_true),
    [S_GETATTR] = offsetof(Type, getattr), [S_SETATTR] = offsetof(Type, setattr),
    [S_DESCR_GET] = offsetof(Type, descr_get), [S_DESCR_SET] = offsetof(Type, descr_set),
    [S_BINOP] = offsetof(Type, binop), [S_INPLACE] = offsetof(Type, inplace),
    [S_UNOP] = offsetof(Type, unop), [S_INDEX] = offsetof(Type, index),
    [S_INT] = offsetof(Type, to_int), [S_FLOAT] = offsetof(Type, to_float),
    [S_LEN] = offsetof(Type, len), [S_GETITEM] = offsetof(Type, getitem),
    [S_SETITEM] = offsetof(Type, setitem), [S_CONTAINS] = offsetof(Type, contains),
    [S_ITER] = offsetof(Type, iter), [S_NEXT] = offsetof(Type, iternext),
    [S_CALL] = offsetof(Type, call), [S_INIT] = offsetof(Type, init), [S_NEW] = offsetof(Type, new),
    [S_DEL] = offsetof(Type, finalize),
};

static inline anyfn get_slot(Type *t, int s) { return *(anyfn *)((char *)t + slot_offsets[s]); }
static inline void set_slot(Type *t, int s, anyfn f) { *(anyfn *)((char *)t + slot_offsets[s]) = f; }

#define BIN(d, r, op) {#d, S_BINOP, op, WK_BINOP}, {#r, S_BINOP, op, WK_RBINOP}
#define INPL(i, op) {#i, S_INPLACE, op, WK_INPLACE}
static const SlotDef slotdefs[] = {
    {"__repr__", S_REPR, 0, WK_UNARY},
    {"__hash__", S_HASH, 0, WK_HASH},
    {"__call__", S_CALL, 0, WK_CALL},
    {"__str__", S_STR, 0, WK_UNARY},
    {"__getattribute__", S_GETATTR, 0, WK_GETATTR},
    {"__getattr__", S_GETATTR, 0, WK_GETATTR_HOOK},
    {"__setattr__", S_SETATTR, 0, WK_SETATTR},
    {"__delattr__", S_SETATTR, 0, WK_DELATTR},
    {"__lt__", S_RICHCMP, CMP_LT, WK_RICHCMP},
    {"__le__", S_RICHCMP, CMP_LE, WK_RICHCMP},
    {"__eq__", S_RICHCMP, CMP_EQ, WK_RICHCMP},
    {"__ne__", S_RICHCMP, CMP_NE, WK_RICHCMP},
    {"__gt__", S_RICHCMP, CMP_GT, WK_RICHCMP},
    {"__ge__", S_RICHCMP, CMP_GE, WK_RICHCMP},
    {"__iter__", S_ITER, 0, WK_UNARY},
    {"__next__", S_NEXT, 0, WK_NEXT},
    {"__get__", S_DESCR_GET, 0, WK_GET},
    {"__set__", S_DESCR_SET, 0, WK_SET},
    {"__delete__", S_DESCR_SET, 0, WK_DELETE},
    {"__init__", S_INIT, 0, WK_INIT},
    {"__new__", S_NEW, 0, WK_NEW},
    {"__del__", S_DEL, 0, WK_DEL},
    BIN(__add__, __radd__, NB_ADD),
    BIN(__sub__, __rsub__, NB_SUBTRACT),
    BIN(__mul__, __rmul__, NB_MULTIPLY),
    BIN(__mod__, __rmod__, NB_REMAINDER),
    BIN(__divmod__, __rdivmod__, NB_DIVMOD),
    BIN(__pow__, __rpow__, NB_POWER),
    {"__neg__", S_UNOP, UN_NEGATIVE, WK_UNOP},
    {"__pos__", S_UNOP, UN_POSITIVE, WK_UNOP},
    {"__abs__", S_UNOP, UN_ABSOLUTE, WK_UNOP},
    {"__bool__", S_BOOL, 0, WK_BOOL},
    {"__invert__", S_UNOP, UN_INVERT, WK_UNOP},
    BIN(__lshift__, __rlshift__, NB_LSHIFT),
    BIN(__rshift__, __rrshift__, NB_RSHIFT),
    BIN(__and__, __rand__, NB_AND),
    BIN(__xor__, __rxor__, NB_XOR),
    BIN(__or__, __ror__, NB_OR),
    {"__int__", S_INT, 0, WK_UNARY},
    {"__float__", S_FLOAT, 0, WK_UNARY},
    INPL(__iadd__, NB_ADD), INPL(__isub__, NB_SUBTRACT), INPL(__imul__, NB_MULTIPLY),
    INPL(__imod__, NB_REMAINDER), INPL(__ipow__, NB_POWER), INPL(__ilshift__, NB_LSHIFT),
    INPL(__irshift__, NB_RSHIFT), INPL(__iand__, NB_AND), INPL(__ixor__, NB_XOR),
    INPL(__ior__, NB_OR),
    BIN(__floordiv__, __rfloordiv__, NB_FLOOR_DIVIDE),
    BIN(__truediv__, __rtruediv__, NB_TRUE_DIVIDE),
    INPL(__ifloordiv__, NB_FLOOR_DIVIDE), INPL(__itruediv__, NB_TRUE_DIVIDE),
    {"__index__", S_INDEX, 0, WK_UNARY},
    BIN(__matmul__, __rmatmul__, NB_MATRIX_MULTIPLY),
    INPL(__imatmul__, NB_MATRIX_MULTIPLY),
    {"__len__", S_LEN, 0, WK_LEN},
    {"__getitem__", S_GETITEM, 0, WK_GETITEM},
    {"__setitem__", S_SETITEM, 0, WK_SETITEM},
    {"__delitem__", S_SETITEM, 0, WK_DELITEM},
    {"__contains__", S_CONTAINS, 0, WK_CONTAINS},
};
#undef BIN
#undef INPL
#define NSLOTDEFS (sizeof(slotdefs) / sizeof(slotdefs[0]))

static Obj *slot_names[NSLOTDEFS];            /* interned names, parallel to slotdefs */
static Obj *binop_fwd[NB_COUNT], *binop_rev[NB_COUNT], *binop_inpl[NB_COUNT];
static Obj *unop_names[4], *cmp_names[6];
static int slots_ready;

int type_slots_init(void) {
    if (slots_ready) return 0;
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        const SlotDef *d = &slotdefs[i];
        Obj *n = str_intern_cstr(d->name);
        if (!n) return -1;
        slot_names[i] = n;
        if (d->kind == WK_BINOP) binop_fwd[d->op] = n;
        else if (d->kind == WK_RBINOP) binop_rev[d->op] = n;
        else if (d->kind == WK_INPLACE) binop_inpl[d->op] = n;
        else if (d->kind == WK_UNOP) unop_names[d->op] = n;
        else if (d->kind == WK_RICHCMP) cmp_names[d->op] = n;
    }
    slots_ready = 1;
    return 0;
}

int type_is_slot_name(Obj *name) {
    if (!STR_CHECK(name)) return 0;
    const char *s = str_cstr(name);
    size_t n = STR_SIZE(name);
    if (n < 5 || s[0] != '_' || s[1] != '_' || s[n - 1] != '_' || s[n - 2] != '_') return 0;
    for (size_t i = 0; i < NSLOTDEFS; i++)
        if (slot_names[i] == name || str_eq_cstr(name, slotdefs[i].name)) return 1;
    return 0;
}

/* ---------------------------------------------------------------------------------------
 * Calling helpers */
typedef struct WrapperDescr {
    Obj ob;
    Type *owner;
    const SlotDef *sd;
    Obj *name;
    anyfn fn;
} WrapperDescr;

typedef struct MethodWrapper {
    Obj ob;
    WrapperDescr *descr;
    Obj *self;
} MethodWrapper;

static Obj *wrapper_invoke(WrapperDescr *wd, Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);

#define SMALL_ARGS 8
Obj *call_unbound(Obj *descr, Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Type *dt = TYPE(descr);
    Obj *r;
    INCREF(descr);
    if (VT_LIKELY(dt == &Type_function)) {
        size_t total = nargs + (kwnames ? TUPLE_SIZE(kwnames) : 0);
        Obj *small[SMALL_ARGS], **buf = small;
        if (total + 1 > SMALL_ARGS) {
            buf = vt_malloc((total + 1) * sizeof(Obj *));
            if (!buf) { DECREF(descr); return NULL; }
        }
        buf[0] = self;
        if (total) memcpy(buf + 1, args, total * sizeof(Obj *));
        r = vm_call_function(descr, buf, nargs + 1, kwnames);
        if (buf != small) vt_free(buf);
    } else if (dt == &Type_wrapper_descriptor) {
        WrapperDescr *wd = (WrapperDescr *)descr;
        if (VT_UNLIKELY(TYPE(self) != wd->owner && !type_is_subtype(TYPE(self), wd->owner)))
            r = err_format(Exc_TypeError, "descriptor '%U' requires a '%s' object but received a '%s'",
                           wd->name, type_name(wd->owner), type_name(TYPE(self)));
        else
            r = wrapper_invoke(wd, self, args, nargs, kwnames);
    } else if (dt->descr_get) {
        Obj *bound = dt->descr_get(descr, self, (Obj *)TYPE(self));
        if (!bound) { DECREF(descr); return NULL; }
        r = obj_call(bound, args, nargs, kwnames);
        DECREF(bound);
    } else {
        r = obj_call(descr, args, nargs, kwnames);
    }
    DECREF(descr);
    return r;
}

/* Look `name` up on type(self) and call it; NULL with no error when absent (*found = 0). */
static Obj *call_method_opt(Obj *self, Obj *name, Obj *const *args, size_t nargs, int *found) {
    Obj *d = type_lookup(TYPE(self), name);
    if (!d) { *found = 0; return NULL; }
    *found = 1;
    return call_unbound(d, self, args, nargs, NULL);
}

static Obj *call_method(Obj *self, Obj *name, Obj *const *args, size_t nargs) {
    int found;
    Obj *r = call_method_opt(self, name, args, nargs, &found);
    if (!found) return err_format(Exc_AttributeError, "'%s' object has no attribute '%U'",
                                  type_name(TYPE(self)), name);
    return r;
}

/* ---------------------------------------------------------------------------------------
 * Slot functions for heap types */
static Obj *slot_repr(Obj *self) { return call_method(self, NAME(__repr__), NULL, 0); }
static Obj *slot_str(Obj *self) { return call_method(self, NAME(__str__), NULL, 0); }

static intptr_t slot_hash(Obj *self) {
    Obj *d = type_lookup(TYPE(self), NAME(__hash__));
    if (!d || d == V_None) return type_hash_not_implemented(self);
    Obj *r = call_unbound(d, self, NULL, 0, NULL);
    if (!r) return -1;
    if (!INT_CHECK(r)) {
        DECREF(r);
        err_set_str(Exc_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    intptr_t h;
    if (IS_SMALL(r)) h = (intptr_t)SMALL_VALUE(r);
    else h = int_hash(r);
    DECREF(r);
    if (h == -1 && !err_occurred()) h = -2;
    return h;
}

static Obj *slot_richcompare(Obj *self, Obj *other, int op) {
    Obj *d = type_lookup(TYPE(self), cmp_names[op]);
    if (!d) return NEWREF(V_NotImplemented);
    return call_unbound(d, self, &other, 1, NULL);
}

static int slot_bool(Obj *self) {
    int found;
    Obj *r = call_method_opt(self, NAME(__bool__), NULL, 0, &found);
    if (!found) {
        Obj *l = call_method_opt(self, NAME(__len__), NULL, 0, &found);
        if (!found) return 1;
        if (!l) return -1;
        int t = obj_is_true(l);
        DECREF(l);
        return t;
    }
    if (!r) return -1;
    if (r == V_True || r == V_False) return r == V_True;
    err_format(Exc_TypeError, "__bool__ should return bool, returned %s", type_name(TYPE(r)));
    DECREF(r);
    return -1;
}

/* object's generic get/setattr, redirected for instances whose dict is in the side table */
static getattrfunc map_getattr(Type *t, getattrfunc f) {
    if (f == obj_generic_getattr && IS_HEAP_TYPE(t) && type_has_side_dict(t)) return vardict_getattr;
    return f;
}
static setattrfunc map_setattr(Type *t, setattrfunc f) {
    if (f == obj_generic_setattr && IS_HEAP_TYPE(t) && type_has_side_dict(t)) return vardict_setattr;
    return f;
}

static Obj *slot_getattribute(Obj *self, Obj *name) {
    return call_method(self, NAME(__getattribute__), &name, 1);
}

static Obj *slot_getattr_hook(Obj *self, Obj *name) {
    Type *t = TYPE(self);
    Obj *ga = type_lookup(t, NAME(__getattribute__));
    Obj *r;
    if (ga && TYPE(ga) == &Type_wrapper_descriptor && ((WrapperDescr *)ga)->sd->kind == WK_GETATTR &&
        type_is_subtype(t, ((WrapperDescr *)ga)->owner))
        r = map_getattr(t, (getattrfunc)((WrapperDescr *)ga)->fn)(self, name);   /* usually generic */
    else if (ga && TYPE(ga) != &Type_function && TYPE(ga)->descr_get) {
        /* bind first, as CPython's call_attribute (its error messages differ) */
        INCREF(ga);
        Obj *bound = TYPE(ga)->descr_get(ga, self, (Obj *)t);
        DECREF(ga);
        if (!bound) return NULL;
        r = obj_call(bound, &name, 1, NULL);
        DECREF(bound);
    } else if (ga)
        r = call_unbound(ga, self, &name, 1, NULL);
    else
        r = obj_generic_getattr(self, name);
    if (r || !err_matches(Exc_AttributeError)) return r;
    Obj *hook = type_lookup(t, NAME(__getattr__));
    if (!hook) return NULL;
    err_clear();
    return call_unbound(hook, self, &name, 1, NULL);
}

static int slot_setattr(Obj *self, Obj *name, Obj *value) {
    Obj *r;
    if (value) {
        Obj *args[2] = {name, value};
        r = call_method(self, NAME(__setattr__), args, 2);
    } else {
        r = call_method(self, NAME(__delattr__), &name, 1);
    }
    if (!r) return -1;
    DECREF(r);
    return 0;
}

static Obj *slot_descr_get(Obj *self, Obj *obj, Obj *type) {
    Obj *d = type_lookup(TYPE(self), NAME(__get__));
    if (!d) return NEWREF(self);
    Obj *args[2] = {obj ? obj : V_None, type ? type : V_None};
    return call_unbound(d, self, args, 2, NULL);
}

static int slot_descr_set(Obj *self, Obj *obj, Obj *value) {
    Obj *r;
    if (value) {
        Obj *args[2] = {obj, value};
        r = call_method(self, NAME(__set__), args, 2);
    } else {
        r = call_method(self, NAME(__delete__), &obj, 1);
    }
    if (!r) return -1;
    DECREF(r);
    return 0;
}

static Obj *call_binop_method(Obj *descr, Obj *self, Obj *other) {
    return call_unbound(descr, self, &other, 1, NULL);
}

/* CPython's SLOT1BINFULL: called with the ORIGINAL operand order; decide whether we act for
 * the left operand (__op__) and/or the right one (__rop__). */
static Obj *slot_binop(Obj *self, Obj *other, int op) {
    Type *ta = TYPE(self), *tb = TYPE(other);
    Obj *fname = binop_fwd[op], *rname = binop_rev[op];
    int do_other = ta != tb && tb->binop == slot_binop;
    if (ta->binop == slot_binop) {
        if (do_other && type_is_subtype(tb, ta)) {
            Obj *rb = type_lookup(tb, rname);
            if (rb && rb != type_lookup(ta, rname)) {
                Obj *r = call_binop_method(rb, other, self);
                if (r != V_NotImplemented) return r;
                DECREF(r);
                do_other = 0;
            }
        }
        Obj *fa = type_lookup(ta, fname);
        if (fa) {
            Obj *r = call_binop_method(fa, self, other);
            if (r != V_NotImplemented || tb == ta) return r;
            DECREF(r);
        }
    }
    if (do_other) {
        Obj *rb = type_lookup(tb, rname);
        if (rb) return call_binop_method(rb, other, self);
    }
    return NEWREF(V_NotImplemented);
}

static Obj *slot_inplace(Obj *self, Obj *other, int op) {
    Obj *d = binop_inpl[op] ? type_lookup(TYPE(self), binop_inpl[op]) : NULL;
    if (!d) return NEWREF(V_NotImplemented);
    return call_binop_method(d, self, other);
}

static Obj *slot_unop(Obj *self, int op) {
    Obj *d = type_lookup(TYPE(self), unop_names[op]);
    if (!d) {
        static const char *const syms[] = {"unary -", "unary +", "unary ~", "abs()"};
        return err_format(Exc_TypeError, "bad operand type for %s: '%s'", syms[op], type_name(TYPE(self)));
    }
    return call_unbound(d, self, NULL, 0, NULL);
}

static Obj *slot_index(Obj *self) { return call_method(self, NAME(__index__), NULL, 0); }
static Obj *slot_int(Obj *self) { return call_method(self, NAME(__int__), NULL, 0); }
static Obj *slot_float(Obj *self) { return call_method(self, NAME(__float__), NULL, 0); }

static intptr_t slot_len(Obj *self) {
    Obj *r = call_method(self, NAME(__len__), NULL, 0);
    if (!r) return -1;
    if (!INT_CHECK(r)) {
        Obj *i = obj_index(r);
        DECREF(r);
        if (!i) return -1;
        r = i;
    }
    int64_t v;
    if (int_as_i64_checked(r, &v) < 0 || v > INTPTR_MAX) {
        int neg = int_sign(r) < 0;
        DECREF(r);
        if (neg) err_set_str(Exc_ValueError, "__len__() should return >= 0");
        else err_set_str(Exc_OverflowError, "cannot fit 'int' into an index-sized integer");
        return -1;
    }
    DECREF(r);
    if (v < 0) {
        err_set_str(Exc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    return (intptr_t)v;
}

static Obj *slot_getitem(Obj *self, Obj *key) { return call_method(self, NAME(__getitem__), &key, 1); }

static int slot_setitem(Obj *self, Obj *key, Obj *value) {
    Obj *r;
    if (value) {
        Obj *args[2] = {key, value};
        r = call_method(self, NAME(__setitem__), args, 2);
    } else {
        r = call_method(self, NAME(__delitem__), &key, 1);
    }
    if (!r) return -1;
    DECREF(r);
    return 0;
}

static int slot_contains(Obj *self, Obj *key) {
    Obj *d = type_lookup(TYPE(self), NAME(__contains__));
    if (d == V_None) {
        err_format(Exc_TypeError, "argument of type '%s' is not iterable", type_name(TYPE(self)));
        return -1;
    }
    if (!d) {
        /* fall back to iteration, as CPython's _PySequence_IterSearch */
        Obj *it = obj_get_iter(self);
        if (!it) return -1;
        for (;;) {
            Obj *x = iter_next(it);
            if (!x) { DECREF(it); return err_occurred() ? -1 : 0; }
            int eq = obj_richcompare_bool(x, key, CMP_EQ);
            DECREF(x);
            if (eq != 0) { DECREF(it); return eq; }
        }
    }
    Obj *r = call_unbound(d, self, &key, 1, NULL);
    if (!r) return -1;
    int t = obj_is_true(r);
    DECREF(r);
    return t;
}

static Obj *slot_iter(Obj *self) {
    Obj *d = type_lookup(TYPE(self), NAME(__iter__));
    if (d == V_None || !d)
        return err_format(Exc_TypeError, "'%s' object is not iterable", type_name(TYPE(self)));
    return call_unbound(d, self, NULL, 0, NULL);
}

static Obj *slot_iternext(Obj *self) {
    Obj *r = call_method(self, NAME(__next__), NULL, 0);
    if (!r && err_matches(Exc_StopIteration)) err_clear();
    return r;
}

static Obj *slot_call(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *d = type_lookup(TYPE(self), NAME(__call__));
    if (!d) return err_format(Exc_TypeError, "'%s' object is not callable", type_name(TYPE(self)));
    return call_unbound(d, self, args, nargs, kwnames);
}

static int slot_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *d = type_lookup(TYPE(self), NAME(__init__));
    if (!d) return 0;
    Obj *r = call_unbound(d, self, args, nargs, kwnames);
    if (!r) return -1;
    if (r != V_None) {
        err_format(Exc_TypeError, "__init__() should return None, not '%s'", type_name(TYPE(r)));
        DECREF(r);
        return -1;
    }
    return 0;
}

static Obj *slot_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *func = obj_getattr((Obj *)type, NAME(__new__));
    if (!func) return NULL;
    size_t total = nargs + (kwnames ? TUPLE_SIZE(kwnames) : 0);
    Obj *small[SMALL_ARGS], **buf = small;
    if (total + 1 > SMALL_ARGS) {
        buf = vt_malloc((total + 1) * sizeof(Obj *));
        if (!buf) { DECREF(func); return NULL; }
    }
    buf[0] = (Obj *)type;
    if (total) memcpy(buf + 1, args, total * sizeof(Obj *));
    Obj *r = obj_call(func, buf, nargs + 1, kwnames);
    if (buf != small) vt_free(buf);
    DECREF(func);
    return r;
}

static void slot_finalize(Obj *self) {
    Obj *saved = err_fetch();
    Obj *d = type_lookup(TYPE(self), NAME(__del__));
    if (d) {
        Obj *r = call_unbound(d, self, NULL, 0, NULL);
        if (!r) {
            Obj *where = obj_getattr_opt((Obj *)TYPE(self), NAME(__del__));
            if (!where) { err_clear(); where = NEWREF((Obj *)TYPE(self)); }
            err_write_unraisable(where);
            DECREF(where);
        } else {
            DECREF(r);
        }
    }
    err_restore(saved);
}

static const anyfn generic_slots[S__COUNT] = {
    [S_REPR] = (anyfn)slot_repr, [S_STR] = (anyfn)slot_str, [S_HASH] = (anyfn)slot_hash,
    [S_RICHCMP] = (anyfn)slot_richcompare, [S_BOOL] = (anyfn)slot_bool,
    [S_GETATTR] = (anyfn)slot_getattribute, [S_SETATTR] = (anyfn)slot_setattr,
    [S_DESCR_GET] = (anyfn)slot_descr_get, [S_DESCR_SET] = (anyfn)slot_descr_set,
    [S_BINOP] = (anyfn)slot_binop, [S_INPLACE] = (anyfn)slot_inplace, [S_UNOP] = (anyfn)slot_unop,
    [S_INDEX] = (anyfn)slot_index, [S_INT] = (anyfn)slot_int, [S_FLOAT] = (anyfn)slot_float,
    [S_LEN] = (anyfn)slot_len, [S_GETITEM] = (anyfn)slot_getitem, [S_SETITEM] = (anyfn)slot_setitem,
    [S_CONTAINS] = (anyfn)slot_contains, [S_ITER] = (anyfn)slot_iter, [S_NEXT] = (anyfn)slot_iternext,
    [S_CALL] = (anyfn)slot_call, [S_INIT] = (anyfn)slot_init, [S_NEW] = (anyfn)slot_new,
    [S_DEL] = (anyfn)slot_finalize,
};

/* ---------------------------------------------------------------------------------------
 * Choosing slots for heap types */
static void update_one_slot(Type *t, int slot) {
    anyfn specific = NULL;
    int generic = 0, hook = 0;
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        const SlotDef *d = &slotdefs[i];
        if (d->slot != slot) continue;
        Obj *descr = type_lookup(t, slot_names[i]);
        if (!descr) continue;
        if (d->kind == WK_GETATTR_HOOK) { hook = 1; continue; }
        anyfn fn = NULL;
        if (descr == V_None && slot == S_HASH) {
            fn = (anyfn)type_hash_not_implemented;
        } else if (TYPE(descr) == &Type_wrapper_descriptor && ((WrapperDescr *)descr)->sd->slot == slot &&
                   type_is_subtype(t, ((WrapperDescr *)descr)->owner)) {
            /* e.g. `__hash__ = int.__hash__` in an unrelated class must stay generic */
            fn = ((WrapperDescr *)descr)->fn;
        } else if (slot == S_NEW && TYPE(descr) == &Type_builtin_function_or_method &&
                   ((CFunctionObj *)descr)->def == &tp_new_methoddef) {
            fn = (anyfn)((Type *)((CFunctionObj *)descr)->self)->new;
        }
        if (!fn) generic = 1;
        else if (!specific) specific = fn;
        else if (specific != fn) generic = 1;
    }
    anyfn chosen;
    if (slot == S_GETATTR && hook) chosen = (anyfn)slot_getattr_hook;
    else if (generic) chosen = generic_slots[slot];
    else chosen = specific;
    if ((slot == S_GETATTR || slot == S_SETATTR) && type_has_side_dict(t)) {
        if (chosen == (anyfn)obj_generic_getattr) chosen = (anyfn)vardict_getattr;
        if (chosen == (anyfn)obj_generic_setattr) chosen = (anyfn)vardict_setattr;
    }
    set_slot(t, slot, chosen);
    /* TPFLAG_HAS_GETATTR_HOOK stays clear: slot_getattr_hook calls __getattr__ itself, and
     * object.__getattribute__ must not (CPython calls the hook only from the slot). */
    if (slot == S_DEL) {
        if (chosen) t->flags |= TPFLAG_HAS_FINALIZER;
        else t->flags &= ~(uint32_t)TPFLAG_HAS_FINALIZER;
    }
}

void type_fixup_slots(Type *t) {
    if (!slots_ready) type_slots_init();
    for (int s = 0; s < S__COUNT; s++) update_one_slot(t, s);
    /* Slots without a dunder come from the solid base. */
    Type *b = t->base;
    if (b) {
        if (!t->clear) t->clear = b->clear;
    }
}

static void update_slot_recursive(Type *t, int slot) {
    if (IS_HEAP_TYPE(t)) update_one_slot(t, slot);
    if (t->subclasses) {
        size_t pos = 0;
        Obj *k, *v;
        while (dict_next(t->subclasses, &pos, &k, &v))
            update_slot_recursive((Type *)(intptr_t)SMALL_VALUE(v), slot);
    }
}

void type_update_slot(Type *t, Obj *name) {
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        if (slot_names[i] == name || str_eq_cstr(name, slotdefs[i].name)) {
            update_slot_recursive(t, slotdefs[i].slot);
        }
    }
}

/* ---------------------------------------------------------------------------------------
 * Which operator dunders a static type really supports (its binop/unop slot is shared by all
 * operators, so we ask a table to keep e.g. str.__sub__ from appearing). */
#define B(x) (1u << (x))
#define ARITH_ALL (B(NB_ADD) | B(NB_AND) | B(NB_FLOOR_DIVIDE) | B(NB_LSHIFT) | B(NB_MULTIPLY) | \
    B(NB_REMAINDER) | B(NB_OR) | B(NB_POWER) | B(NB_RSHIFT) | B(NB_SUBTRACT) | B(NB_TRUE_DIVIDE) | \
    B(NB_XOR) | B(NB_DIVMOD))
#define FLOATISH (B(NB_ADD) | B(NB_SUBTRACT) | B(NB_MULTIPLY) | B(NB_TRUE_DIVIDE) | B(NB_FLOOR_DIVIDE) | \
    B(NB_REMAINDER) | B(NB_DIVMOD) | B(NB_POWER))
#define COMPLEXISH (B(NB_ADD) | B(NB_SUBTRACT) | B(NB_MULTIPLY) | B(NB_TRUE_DIVIDE) | B(NB_POWER))
#define SETOPS (B(NB_AND) | B(NB_OR) | B(NB_SUBTRACT) | B(NB_XOR))
#define U(x) (1u << (x))

static void op_masks(Type *t, uint32_t *fwd, uint32_t *rev, uint32_t *inpl, uint32_t *un) {
    uint32_t all = ARITH_ALL | B(NB_MATRIX_MULTIPLY);
    *fwd = *rev = *inpl = all;
    *un = U(UN_NEGATIVE) | U(UN_POSITIVE) | U(UN_INVERT) | U(UN_ABSOLUTE);
    if (t == &Type_int) { *fwd = *rev = ARITH_ALL; *inpl = 0; }
    else if (t == &Type_bool) { *fwd = *rev = B(NB_AND) | B(NB_OR) | B(NB_XOR); *inpl = 0; *un = 0; }
    else if (t == &Type_float) { *fwd = *rev = FLOATISH; *inpl = 0; *un = U(UN_NEGATIVE) | U(UN_POSITIVE) | U(UN_ABSOLUTE); }
    else if (t == &Type_complex) { *fwd = *rev = COMPLEXISH; *inpl = 0; *un = U(UN_NEGATIVE) | U(UN_POSITIVE) | U(UN_ABSOLUTE); }
    else if (t == &Type_str || t == &Type_bytes) { *fwd = B(NB_ADD) | B(NB_MULTIPLY) | B(NB_REMAINDER); *rev = B(NB_MULTIPLY) | B(NB_REMAINDER); *inpl = 0; }
    else if (t == &Type_bytearray) { *fwd = B(NB_ADD) | B(NB_MULTIPLY) | B(NB_REMAINDER); *rev = B(NB_MULTIPLY) | B(NB_REMAINDER); *inpl = B(NB_ADD) | B(NB_MULTIPLY); }
    else if (t == &Type_list) { *fwd = B(NB_ADD) | B(NB_MULTIPLY); *rev = B(NB_MULTIPLY); *inpl = B(NB_ADD) | B(NB_MULTIPLY); }
    else if (t == &Type_tuple) { *fwd = B(NB_ADD) | B(NB_MULTIPLY); *rev = B(NB_MULTIPLY); *inpl = 0; }
    else if (t == &Type_set) { *fwd = *rev = *inpl = SETOPS; }
    else if (t == &Type_frozenset || t == &Type_dict_keys || t == &Type_dict_items) { *fwd = *rev = SETOPS; *inpl = 0; }
    else if (t == &Type_dict) { *fwd = *rev = *inpl = B(NB_OR); }
    else if (t == &Type_type) { *fwd = *rev = B(NB_OR); *inpl = 0; }
}

/* ---------------------------------------------------------------------------------------
 * Slot wrappers */
static Obj *wrapper_new(Type *owner, size_t idx, anyfn fn) {
    WrapperDescr *w = (WrapperDescr *)obj_alloc(&Type_wrapper_descriptor, sizeof(WrapperDescr));
    if (!w) return NULL;
    w->owner = owner;
    w->sd = &slotdefs[idx];
    w->name = NEWREF(slot_names[idx]);
    w->fn = fn;
    return (Obj *)w;
}

static Obj *tp_new_wrapper(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Type *type = (Type *)self;
    if (nargs < 1)
        return err_format(Exc_TypeError, "%s.__new__(): not enough arguments", type_name(type));
    Obj *arg0 = args[0];
    if (!TYPE_CHECK(arg0))
        return err_format(Exc_TypeError, "%s.__new__(X): X is not a type object (%s)",
                          type_name(type), type_name(TYPE(arg0)));
    Type *sub = (Type *)arg0;
    if (!type_is_subtype(sub, type))
        return err_format(Exc_TypeError, "%s.__new__(%s): %s is not a subtype of %s", type_name(type),
                          type_name(sub), type_name(sub), type_name(type));
    /* The most derived static base of sub must use this very new (CPython's safety check). */
    Type *staticbase = sub;
    while (staticbase && staticbase->new == slot_new) staticbase = staticbase->base;
    if (staticbase && staticbase->new != type->new)
        return err_format(Exc_TypeError, "%s.__new__(%s) is not safe, use %s.__new__()", type_name(type),
                          type_name(sub), type_name(staticbase));
    return type->new(sub, args + 1, nargs - 1, kwnames);
}

const MethodDef tp_new_methoddef = {
    "__new__", tp_new_wrapper, METH_VARARGS | METH_KEYWORDS,
    "Create and return a new object.  See help(type) for accurate signature."
};

static int add_wrapper(Type *t, size_t idx, anyfn fn) {
    Obj *name = slot_names[idx];
    if (dict_get(t->dict, name)) return 0;
    Obj *w = wrapper_new(t, idx, fn);
    if (!w) return -1;
    int r = dict_set(t->dict, name, w);
    DECREF(w);
    return r;
}

int type_add_slot_wrappers(Type *t) {
    if (!slots_ready && type_slots_init() < 0) return -1;
    uint32_t fwd, rev, inpl, un;
    op_masks(t, &fwd, &rev, &inpl, &un);
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        const SlotDef *d = &slotdefs[i];
        anyfn fn = get_slot(t, d->slot);
        if (!fn) continue;
        switch (d->kind) {
        case WK_GETATTR_HOOK: continue;
        case WK_BINOP: if (!(fwd & B(d->op))) continue; break;
        case WK_RBINOP: if (!(rev & B(d->op))) continue; break;
        case WK_INPLACE: if (!(inpl & B(d->op))) continue; break;
        case WK_UNOP: if (!(un & U(d->op))) continue; break;
        default: break;
        }
        if (d->slot == S_HASH && fn == (anyfn)type_hash_not_implemented) {
            if (!dict_get(t->dict, NAME(__hash__)) && dict_set(t->dict, NAME(__hash__), V_None) < 0)
                return -1;
            continue;
        }
        if (d->slot == S_NEW) {
            if (dict_get(t->dict, NAME(__new__))) continue;
            Obj *f = cfunction_new(&tp_new_methoddef, (Obj *)t);
            if (!f) return -1;
            int r = dict_set(t->dict, NAME(__new__), f);
            DECREF(f);
            if (r < 0) return -1;
            continue;
        }
        if (add_wrapper(t, i, fn) < 0) return -1;
    }
    return 0;
}

static int check_nargs(size_t nargs, size_t want) {
    if (nargs == want) return 0;
    err_format(Exc_TypeError, "expected %zu argument%s, got %zu", want, want == 1 ? "" : "s", nargs);
    return -1;
}

static Obj *from_status(int r) {
    if (r < 0) return NULL;
    RETURN_NONE;
}

/* CPython's hackcheck: object.__setattr__(obj, ...) must not skip a C-level __setattr__
 * override of obj's type (e.g. type's own, which keeps the method cache coherent). */
static int hackcheck(Obj *self, setattrfunc func, Obj *what) {
    Type *type = TYPE(self);
    Obj *mro = type->mro;
    Type *defining = type;
    for (size_t i = mro ? TUPLE_SIZE(mro) : 0; i-- > 0;) {
        Type *b = (Type *)TUPLE_GET(mro, i);
        if (b->setattr == slot_setattr) continue;
        if (b->setattr == type->setattr) { defining = b; break; }
    }
    for (Type *b = defining; b; b = b->base) {
        if (b->setattr == func) break;
        if (b->setattr != slot_setattr) {
            err_format(Exc_TypeError, "can't apply this %U to %s object", what, type->name);
            return -1;
        }
    }
    return 0;
}

static Obj *wrapper_invoke(WrapperDescr *wd, Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    int kind = wd->sd->kind, op = wd->sd->op;
    anyfn fn = wd->fn;
    if (kwnames && TUPLE_SIZE(kwnames) && kind != WK_CALL && kind != WK_INIT)
        return err_format(Exc_TypeError, "wrapper %U() takes no keyword arguments", wd->name);
    switch (kind) {
    case WK_UNARY:
        if (check_nargs(nargs, 0) < 0) return NULL;
        return ((unaryfunc)fn)(self);
    case WK_NEXT: {
        if (check_nargs(nargs, 0) < 0) return NULL;
        Obj *r = ((unaryfunc)fn)(self);
        if (!r && !err_occurred()) err_set_object(Exc_StopIteration, NULL);
        return r;
    }
    case WK_HASH: {
        if (check_nargs(nargs, 0) < 0) return NULL;
        intptr_t h = ((hashfunc)fn)(self);
        if (h == -1 && err_occurred()) return NULL;
        return int_from_i64(h);
    }
    case WK_BOOL: {
        if (check_nargs(nargs, 0) < 0) return NULL;
        int r = ((inquiry)fn)(self);
        if (r < 0) return NULL;
        RETURN_BOOL(r);
    }
    case WK_LEN: {
        if (check_nargs(nargs, 0) < 0) return NULL;
        intptr_t n = ((lenfunc)fn)(self);
        if (n < 0) return NULL;
        return int_from_i64(n);
    }
    case WK_RICHCMP:
        if (check_nargs(nargs, 1) < 0) return NULL;
        return ((richcmpfunc)fn)(self, args[0], op);
    case WK_BINOP:
        if (op == NB_POWER && nargs == 2) {
            if (args[1] == V_None) return ((binopfunc)fn)(self, args[0], op);
            return number_power(self, args[0], args[1]);
        }
        if (check_nargs(nargs, 1) < 0) return NULL;
        return ((binopfunc)fn)(self, args[0], op);
    case WK_RBINOP:
        if (check_nargs(nargs, 1) < 0) return NULL;
        return ((binopfunc)fn)(args[0], self, op);
    case WK_INPLACE:
        if (check_nargs(nargs, 1) < 0) return NULL;
        return ((binopfunc)fn)(self, args[0], op);
    case WK_UNOP:
        if (check_nargs(nargs, 0) < 0) return NULL;
        return ((unopfunc)fn)(self, op);
    case WK_GETITEM:
        if (check_nargs(nargs, 1) < 0) return NULL;
        return ((binaryfunc)fn)(self, args[0]);
    case WK_GETATTR:
        if (check_nargs(nargs, 1) < 0) return NULL;
        return map_getattr(TYPE(self), (getattrfunc)fn)(self, args[0]);
    case WK_SETITEM:
        if (check_nargs(nargs, 2) < 0) return NULL;
        return from_status(((setitemfunc)fn)(self, args[0], args[1]));
    case WK_DELITEM:
        if (check_nargs(nargs, 1) < 0) return NULL;
        return from_status(((setitemfunc)fn)(self, args[0], NULL));
    case WK_CONTAINS: {
        if (check_nargs(nargs, 1) < 0) return NULL;
        int r = ((containsfunc)fn)(self, args[0]);
        if (r < 0) return NULL;
        RETURN_BOOL(r);
    }
    case WK_CALL:
        return ((vectorcallfunc)fn)(self, args, nargs, kwnames);
    case WK_INIT:
        return from_status(((initfunc)fn)(self, args, nargs, kwnames));
    case WK_SETATTR:
        if (check_nargs(nargs, 2) < 0) return NULL;
        fn = (anyfn)map_setattr(TYPE(self), (setattrfunc)fn);
        if (hackcheck(self, (setattrfunc)fn, wd->name) < 0) return NULL;
        return from_status(((setattrfunc)fn)(self, args[0], args[1]));
    case WK_DELATTR:
        if (check_nargs(nargs, 1) < 0) return NULL;
        fn = (anyfn)map_setattr(TYPE(self), (setattrfunc)fn);
        if (hackcheck(self, (setattrfunc)fn, wd->name) < 0) return NULL;
        return from_status(((setattrfunc)fn)(self, args[0], NULL));
    case WK_GET: {
        if (nargs < 1 || nargs > 2)
            return err_format(Exc_TypeError, "expected 1 or 2 arguments, got %zu", nargs);
        Obj *obj = args[0] == V_None ? NULL : args[0];
        Obj *type = nargs > 1 && args[1] != V_None ? args[1] : NULL;
        if (!obj && !type) return err_set_str(Exc_TypeError, "__get__(None, None) is invalid");
        return ((descrgetfunc)fn)(self, obj, type);
    }
    case WK_SET:
        if (check_nargs(nargs, 2) < 0) return NULL;
        return from_status(((descrsetfunc)fn)(self, args[0], args[1]));
    case WK_DELETE:
        if (check_nargs(nargs, 1) < 0) return NULL;
        return from_status(((descrsetfunc)fn)(self, args[0], NULL));
    case WK_DEL:
        if (check_nargs(nargs, 0) < 0) return NULL;
        ((destructor)fn)(self);
        if (err_occurred()) return NULL;
        RETURN_NONE;
    default:
        return err_set_str(Exc_SystemError, "bad slot wrapper kind");
    }
}

static int check_self(WrapperDescr *wd, Obj *self) {
    Type *st = TYPE(self);
    if (st == wd->owner || type_is_subtype(st, wd->owner)) return 0;
    err_format(Exc_TypeError, "descriptor '%U' requires a '%s' object but received a '%s'",
               wd->name, type_name(wd->owner), type_name(st));
    return -1;
}

static Obj *wrapperdescr_call(Obj *callable, Obj *const *args, size_t nargs, Obj *kwnames) {
    WrapperDescr *wd = (WrapperDescr *)callable;
    if (nargs < 1)
        return err_format(Exc_TypeError, "descriptor '%U' of '%s' object needs an argument",
                          wd->name, type_name(wd->owner));
    if (check_self(wd, args[0]) < 0) return NULL;
    return wrapper_invoke(wd, args[0], args + 1, nargs - 1, kwnames);
}

static Obj *wrapperdescr_get(Obj *descr, Obj *obj, Obj *type) {
    WrapperDescr *wd = (WrapperDescr *)descr;
    if (!obj) return NEWREF(descr);
    if (TYPE(obj) != wd->owner && !type_is_subtype(TYPE(obj), wd->owner))
        return err_format(Exc_TypeError, "descriptor '%U' for '%s' objects doesn't apply to a '%s' object",
                          wd->name, type_name(wd->owner), type_name(TYPE(obj)));
    MethodWrapper *m = (MethodWrapper *)gc_alloc(&Type_method_wrapper, sizeof(MethodWrapper));
    if (!m) return NULL;
    m->descr = (WrapperDescr *)NEWREF(descr);
    m->self = NEWREF(obj);
    gc_track((Obj *)m);
    return (Obj *)m;
}

static Obj *wrapperdescr_repr(Obj *o) {
    WrapperDescr *wd = (WrapperDescr *)o;
    return str_from_format("<slot wrapper '%U' of '%s' objects>", wd->name, type_name(wd->owner));
}

static void wrapperdescr_dealloc(Obj *o) {
    WrapperDescr *wd = (WrapperDescr *)o;
    DECREF(wd->name);
    obj_free(o);
}

static Obj *wd_name(Obj *o) { return NEWREF(((WrapperDescr *)o)->name); }
static Obj *wd_qualname(Obj *o) {
    WrapperDescr *wd = (WrapperDescr *)o;
    return str_from_format("%s.%U", type_name(wd->owner), wd->name);
}
static Obj *wd_objclass(Obj *o) { return NEWREF((Obj *)((WrapperDescr *)o)->owner); }
static Obj *wd_doc(Obj *o) { RETURN_NONE; }

static const GetSetDef wrapperdescr_getset[] = {
    {"__name__", wd_name, NULL, NULL},
    {"__qualname__", wd_qualname, NULL, NULL},
    {"__objclass__", wd_objclass, NULL, NULL},
    {"__doc__", wd_doc, NULL, NULL},
    {NULL}
};

Type Type_wrapper_descriptor = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "wrapper_descriptor",
    .basicsize = sizeof(WrapperDescr),
    .dealloc = wrapperdescr_dealloc,
    .call = wrapperdescr_call,
    .descr_get = wrapperdescr_get,
    .repr = wrapperdescr_repr,
    .getset = wrapperdescr_getset,
};

/* ---- method-wrapper: a slot wrapper bound to an object ---- */
static Obj *methodwrapper_call(Obj *callable, Obj *const *args, size_t nargs, Obj *kwnames) {
    MethodWrapper *m = (MethodWrapper *)callable;
    return wrapper_invoke(m->descr, m->self, args, nargs, kwnames);
}

static Obj *methodwrapper_repr(Obj *o) {
    MethodWrapper *m = (MethodWrapper *)o;
    return str_from_format("<method-wrapper '%U' of %s object at %p>", m->descr->name,
                           type_name(TYPE(m->self)), (void *)m->self);
}

static void methodwrapper_dealloc(Obj *o) {
    MethodWrapper *m = (MethodWrapper *)o;
    gc_untrack(o);
    DECREF((Obj *)m->descr);
    DECREF(m->self);
    obj_free(o);
}

static int methodwrapper_traverse(Obj *o, visitproc visit, void *arg) {
    MethodWrapper *m = (MethodWrapper *)o;
    VISIT(m->self);
    return 0;
}

static Obj *methodwrapper_richcompare(Obj *a, Obj *b, int op) {
    if ((op != CMP_EQ && op != CMP_NE) || TYPE(b) != &Type_method_wrapper) return NEWREF(V_NotImplemented);
    MethodWrapper *x = (MethodWrapper *)a, *y = (MethodWrapper *)b;
    int eq = x->descr == y->descr && x->self == y->self;
    RETURN_BOOL(op == CMP_EQ ? eq : !eq);
}

static intptr_t methodwrapper_hash(Obj *o) {
    MethodWrapper *m = (MethodWrapper *)o;
    intptr_t h = (intptr_t)(((uintptr_t)m->self >> 4) ^ ((uintptr_t)m->descr >> 4));
    return h == -1 ? -2 : h;
}

static Obj *mw_name(Obj *o) { return NEWREF(((MethodWrapper *)o)->descr->name); }
static Obj *mw_self(Obj *o) { return NEWREF(((MethodWrapper *)o)->self); }
static Obj *mw_qualname(Obj *o) { return wd_qualname((Obj *)((MethodWrapper *)o)->descr); }
static Obj *mw_objclass(Obj *o) { return wd_objclass((Obj *)((MethodWrapper *)o)->descr); }

static const GetSetDef methodwrapper_getset[] = {
    {"__name__", mw_name, NULL, NULL},
    {"__qualname__", mw_qualname, NULL, NULL},
    {"__self__", mw_self, NULL, NULL},
    {"__objclass__", mw_objclass, NULL, NULL},
    {"__doc__", wd_doc, NULL, NULL},
    {NULL}
};

Type Type_method_wrapper = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "method-wrapper",
    .basicsize = sizeof(MethodWrapper),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = methodwrapper_dealloc,
    .traverse = methodwrapper_traverse,
    .call = methodwrapper_call,
    .repr = methodwrapper_repr,
    .richcompare = methodwrapper_richcompare,
    .hash = methodwrapper_hash,
    .getset = methodwrapper_getset,
};
