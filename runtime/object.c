/* object.c: the generic object protocols: repr/str/hash/compare/truth, attribute access with
 * CPython's lookup order, dir, format, and the recursion guard for container reprs. */
#include <string.h>
#include "types.h"
#include "vm.h"
#include "names.h"
#include "trace.h"
#include "exceptions.h"
#include "objcore.h"
#include "attr_trace.h"

/* ---- repr / str / ascii ---- */

static Obj *default_repr(Obj *o) {
    Type *t = TYPE(o);
    return str_from_format("<%s object at %p>", t->name, (void *)o);
}

Obj *obj_repr(Obj *o) {
    Type *t = TYPE(o);
    if (!t->repr) return default_repr(o);
    if (vm_enter_recursive_call(" while getting the repr of an object") < 0) return NULL;
    Obj *r = t->repr(o);
    vm_leave_recursive_call();
    if (r && !STR_CHECK(r)) {
        err_format(Exc_TypeError, "__repr__ returned non-string (type %s)", TP_NAME(TYPE(r)));
        DECREF(r);
        return NULL;
    }
    return r;
}

Obj *obj_str(Obj *o) {
    if (STR_CHECK_EXACT(o)) return NEWREF(o);
    Type *t = TYPE(o);
    if (!t->str) return obj_repr(o);
    if (vm_enter_recursive_call(" while getting the str of an object") < 0) return NULL;
    Obj *r = t->str(o);
    vm_leave_recursive_call();
    if (r && !STR_CHECK(r)) {
        err_format(Exc_TypeError, "__str__ returned non-string (type %s)", TP_NAME(TYPE(r)));
        DECREF(r);
        return NULL;
    }
    return r;
}

/* repr() with every non-ASCII code point escaped as \xNN, \uNNNN or \UNNNNNNNN. */
Obj *obj_ascii(Obj *o) {
    Obj *r = obj_repr(o);
    if (!r || ((StrObj *)r)->ascii) return r;
    StrBuilder sb;
    sb_init(&sb);
    size_t n = STR_LEN(r);
    for (size_t i = 0; i < n; i++) {
        uint32_t c = str_char_at(r, i);
        if (c < 128) sb_append_char(&sb, (char)c);
        else if (c <= 0xff) sb_printf(&sb, "\\x%02x", c);
        else if (c <= 0xffff) sb_printf(&sb, "\\u%04x", c);
        else sb_printf(&sb, "\\U%08x", c);
    }
    DECREF(r);
    return sb_finish(&sb);
}

/* ---- hashing ---- */

/* CPython's _Py_HashPointer: rotate so that the alignment zeros don't collide. */
static intptr_t hash_pointer(const void *p) {
    uintptr_t y = (uintptr_t)p;
    y = (y >> 4) | (y << (8 * sizeof(void *) - 4));
    intptr_t h = (intptr_t)y;
    return h == -1 ? -2 : h;
}

intptr_t obj_hash(Obj *o) {
    if (IS_SMALL(o)) return int_hash(o);
    Type *t = o->type;
    if (t == &Type_str) return str_hash(o);
    if (t->hash) return t->hash(o);
    return hash_pointer(o);
}

/* ---- comparison ---- */

static const char *const cmp_symbols[6] = {"<", "<=", "==", "!=", ">", ">="};

static Obj *do_richcompare(Obj *v, Obj *w, int op) {
    Type *tv = TYPE(v), *tw = TYPE(w);
    Obj *res;
    bool checked_reverse = false;
    if (tv != tw && tw->richcompare && type_is_subtype(tw, tv)) {
        checked_reverse = true;
        res = tw->richcompare(w, v, cmp_swapped[op]);
        if (res != V_NotImplemented) return res;
        DECREF(res);
    }
    if (tv->richcompare) {
        res = tv->richcompare(v, w, op);
        if (res != V_NotImplemented) return res;
        DECREF(res);
    }
    if (!checked_reverse && tw->richcompare) {
        res = tw->richcompare(w, v, cmp_swapped[op]);
        if (res != V_NotImplemented) return res;
        DECREF(res);
    }
    switch (op) {
    case CMP_EQ: return bool_from(v == w);
    case CMP_NE: return bool_from(v != w);
    default:
        return err_format(Exc_TypeError, "'%s' not supported between instances of '%s' and '%s'",
                          cmp_symbols[op], TP_NAME(tv), TP_NAME(tw));
    }
}

Obj *obj_richcompare(Obj *a, Obj *b, int op) {
    if (IS_SMALL(a) && IS_SMALL(b)) {
        int64_t x = SMALL_VALUE(a), y = SMALL_VALUE(b);
        switch (op) {
        case CMP_LT: return bool_from(x < y);
        case CMP_LE: return bool_from(x <= y);
        case CMP_EQ: return bool_from(x == y);
        case CMP_NE: return bool_from(x != y);
        case CMP_GT: return bool_from(x > y);
        default: return bool_from(x >= y);
        }
    }
    if (vm_enter_recursive_call(" in comparison") < 0) return NULL;
    Obj *r = do_richcompare(a, b, op);
    vm_leave_recursive_call();
    return r;
}

int obj_richcompare_bool(Obj *a, Obj *b, int op) {
    if (a == b) {
        if (op == CMP_EQ) return 1;
        if (op == CMP_NE) return 0;
    }
    Obj *r = obj_richcompare(a, b, op);
    if (!r) return -1;
    int t = (r == V_True) ? 1 : (r == V_False) ? 0 : obj_is_true(r);
    DECREF(r);
    return t;
}

int obj_eq(Obj *a, Obj *b) { return obj_richcompare_bool(a, b, CMP_EQ); }

int obj_is_true(Obj *o) {
    if (o == V_True) return 1;
    if (o == V_False || o == V_None) return 0;
    if (IS_SMALL(o)) return SMALL_VALUE(o) != 0;
    Type *t = o->type;
    if (t->is_true) return t->is_true(o);
    if (t->len) {
        intptr_t n = t->len(o);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

/* ---- attributes ---- */

Obj **obj_dict_ptr(Obj *o) {
    if (IS_SMALL(o)) return NULL;
    size_t off = o->type->dict_offset;
    return off ? (Obj **)((char *)o + off) : NULL;
}

static Obj *attr_error(Obj *o, Obj *name) {
    Obj *msg = str_from_format("'%s' object has no attribute '%U'", TP_NAME(TYPE(o)), name);
    if (!msg) return NULL;
    Obj *exc = exc_new(Exc_AttributeError, &msg, 1);
    DECREF(msg);
    if (!exc) return NULL;
    /* 3.10+: AttributeError carries name and obj (used for "Did you mean" hints) */
    AttributeErrorObj *ae = (AttributeErrorObj *)exc;
    SETREF(ae->name, NEWREF(name));
    SETREF(ae->obj, NEWREF(o));
    err_set_instance(exc);
    DECREF(exc);
    return NULL;
}

void attr_error_annotate(Obj *obj, Obj *name) {
    Obj *e = err_current();
    if (!e || TYPE(e) != Exc_AttributeError) return;
    AttributeErrorObj *ae = (AttributeErrorObj *)e;
    if (!ae->name) ae->name = NEWREF(name);
    if (!ae->obj) ae->obj = NEWREF(obj);
}

/* object.__getattribute__ without the __getattr__ hook. suppress: a missing attribute returns
 * NULL without setting an exception. Order: data descriptor on the type's MRO, instance
 * __dict__, non-data descriptor or plain class attribute. */
/* --trace=attr: user classes only unless --trace=attr:all (built-in lookups are noise). */
#define ATTR_TRACED(tp) (TRACE_ON(TRACE_ATTR) && (IS_HEAP_TYPE(tp) || trace_attr_all))

/* The class on tp's MRO whose __dict__ holds `name` (only called while tracing). */
const char *trace_attr_owner(Type *tp, Obj *name) {
    Obj *mro = tp->mro;
    if (!mro) return TP_NAME(tp);
    for (size_t i = 0; i < TUPLE_SIZE(mro); i++) {
        Type *c = (Type *)TUPLE_GET(mro, i);
        if (c->dict && dict_get(c->dict, name)) return TP_NAME(c);
    }
    if (err_occurred()) err_clear();
    return TP_NAME(tp);
}

/* How a non-data descriptor's __get__ binds, in words. */
const char *trace_attr_binding(Obj *descr) {
    Type *dt = TYPE(descr);
    if (dt == &Type_function || dt == &Type_method_descriptor) return "bound method";
    if (dt == &Type_classmethod) return "method bound to the class";
    if (dt == &Type_staticmethod) return "plain function";
    return "__get__ called";
}

/* --trace=attr: which step of the lookup order produced the attribute. */
static void trace_get(Type *tp, Obj *name, const char *rule, Obj *descr) {
    const char *n = str_cstr(name);
    if (!descr) {
        trace_emitf(TRACE_ATTR, "get %s().%s: %s", TP_NAME(tp), n, rule);
        return;
    }
    const char *owner = trace_attr_owner(tp, name), *dtn = TP_NAME(TYPE(descr));
    if (TYPE(descr) == &Type_member_descriptor)
        trace_emitf(TRACE_ATTR, "get %s().%s: slot member from %s.__dict__", TP_NAME(tp), n, owner);
    else if (strcmp(rule, "data descriptor") == 0)
        trace_emitf(TRACE_ATTR, "get %s().%s: data descriptor %s from %s.__dict__, __get__ called",
                    TP_NAME(tp), n, dtn, owner);
    else if (strcmp(rule, "non-data descriptor") == 0)
        trace_emitf(TRACE_ATTR, "get %s().%s: non-data descriptor %s from %s.__dict__ -> %s", TP_NAME(tp),
                    n, dtn, owner, trace_attr_binding(descr));
    else
        trace_emitf(TRACE_ATTR, "get %s().%s: class attribute (%s) from %s.__dict__", TP_NAME(tp), n, dtn,
                    owner);
}

static Obj *generic_getattr_impl(Obj *o, Obj *name, bool suppress) {
    Type *tp = TYPE(o);
    Obj *descr = type_lookup(tp, name);
    descrgetfunc f = NULL;
    if (descr) {
        Type *dt = TYPE(descr);
        f = dt->descr_get;
        /* __slots__ members read a field and run no Python code: no need to hold descr */
        if (dt == &Type_member_descriptor && !TRACE_ON(TRACE_ATTR)) return f(descr, o, (Obj *)tp);
        INCREF(descr);
        if (f && dt->descr_set) {
            if (ATTR_TRACED(tp)) trace_get(tp, name, "data descriptor", descr);
            Obj *r = f(descr, o, (Obj *)tp);
            DECREF(descr);
            return r;
        }
    }
    Obj **dictptr = obj_dict_ptr(o);
    if (dictptr && *dictptr) {
        Obj *r = dict_get(*dictptr, name);
        if (r) {
            if (ATTR_TRACED(tp)) trace_get(tp, name, "instance __dict__ hit", NULL);
            XDECREF(descr);
            return NEWREF(r);
        }
        if (err_occurred()) { XDECREF(descr); return NULL; }
    }
    if (f) {
        if (ATTR_TRACED(tp)) trace_get(tp, name, "non-data descriptor", descr);
        Obj *r = f(descr, o, (Obj *)tp);
        DECREF(descr);
        return r;
    }
    if (descr) {
        if (ATTR_TRACED(tp)) trace_get(tp, name, "class attribute", descr);
        return descr;
    }
    if (ATTR_TRACED(tp)) {
        Obj *hook = type_lookup(tp, NAME(__getattr__));
        trace_get(tp, name, hook ? "not found, __getattr__ fallback" : "not found, AttributeError", NULL);
    }
    if (suppress) return NULL;
    return attr_error(o, name);
}

Obj *obj_generic_getattr_opt(Obj *o, Obj *name) {
    Obj *r = generic_getattr_impl(o, name, true);
    if (!r && err_occurred() && err_matches(Exc_AttributeError)) err_clear();   /* from a descriptor */
    return r;
}

/* object.__getattribute__. Like CPython's PyObject_GenericGetAttr it never calls __getattr__:
 * classes defining one get typeobj's hook slot, which calls this first. */
Obj *obj_generic_getattr(Obj *o, Obj *name) { return generic_getattr_impl(o, name, false); }

Obj *obj_getattr(Obj *o, Obj *name) {
    if (VT_UNLIKELY(!STR_CHECK(name)))
        return err_format(Exc_TypeError, "attribute name must be string, not '%s'", TP_NAME(TYPE(name)));
    Type *tp = TYPE(o);
    if (tp->getattr) return tp->getattr(o, name);
    return obj_generic_getattr(o, name);
}

Obj *obj_getattr_cstr(Obj *o, const char *name) {
    Obj *n = str_intern_cstr(name);
    if (!n) return NULL;
    Obj *r = obj_getattr(o, n);
    DECREF(n);
    return r;
}

Obj *obj_getattr_opt(Obj *o, Obj *name) {
    Type *tp = TYPE(o);
    if (STR_CHECK(name) && (!tp->getattr || tp->getattr == obj_generic_getattr) &&
        !TYPE_HAS_FLAG(tp, TPFLAG_HAS_GETATTR_HOOK))
        return obj_generic_getattr_opt(o, name);
    Obj *r = obj_getattr(o, name);
    if (!r && err_matches(Exc_AttributeError)) err_clear();
    return r;
}

int obj_hasattr(Obj *o, Obj *name) {
    Obj *r = obj_getattr_opt(o, name);
    if (r) { DECREF(r); return 1; }
    return err_occurred() ? -1 : 0;
}

/* --trace=attr for setattr/delattr: data descriptor __set__/__delete__ or instance __dict__. */
static void trace_set_rule(Type *tp, Obj *o, Obj *name, Obj *value, Obj *descr) {
    const char *op = value ? "set" : "del", *n = str_cstr(name);
    if (descr && TYPE(descr)->descr_set) {
        const char *owner = trace_attr_owner(tp, name);
        if (TYPE(descr) == &Type_member_descriptor)
            trace_emitf(TRACE_ATTR, "%s %s().%s: slot member from %s.__dict__", op, TP_NAME(tp), n, owner);
        else
            trace_emitf(TRACE_ATTR, "%s %s().%s: data descriptor %s from %s.__dict__, %s called", op,
                        TP_NAME(tp), n, TP_NAME(TYPE(descr)), owner, value ? "__set__" : "__delete__");
    } else if (obj_dict_ptr(o)) {
        trace_emitf(TRACE_ATTR, "%s %s().%s: instance __dict__ %s", op, TP_NAME(tp), n,
                    value ? "store" : "delete");
    } else {
        trace_emitf(TRACE_ATTR, "%s %s().%s: no __dict__ and no data descriptor", op, TP_NAME(tp), n);
    }
}

int obj_generic_setattr(Obj *o, Obj *name, Obj *value) {
    if (VT_UNLIKELY(!STR_CHECK(name))) {
        err_format(Exc_TypeError, "attribute name must be string, not '%s'", TP_NAME(TYPE(name)));
        return -1;
    }
    Type *tp = TYPE(o);
    Obj *descr = type_lookup(tp, name);
    if (ATTR_TRACED(tp)) trace_set_rule(tp, o, name, value, descr);
    if (descr) {
        Type *dt = TYPE(descr);
        descrsetfunc f = dt->descr_set;
        if (f) {
            /* member_set touches descr only before releasing the old value (which may run
             * __del__ and drop the class attribute): it needs no reference of its own */
            if (dt == &Type_member_descriptor) return f(descr, o, value);
            INCREF(descr);
            int r = f(descr, o, value);
            DECREF(descr);
            return r;
        }
    }
    Obj **dictptr = obj_dict_ptr(o);
    if (dictptr) {
        if (!*dictptr) {
            if (!value) goto missing;
            *dictptr = dict_new();
            if (!*dictptr) return -1;
        }
        if (value) return dict_set(*dictptr, name, value);
        int r = dict_del_opt(*dictptr, name);
        if (r < 0) return -1;
        if (r == 0) goto missing;
        return 0;
    }
    if (descr) {
        err_format(Exc_AttributeError, "'%s' object attribute '%U' is read-only", TP_NAME(tp), name);
        return -1;
    }
missing:
    attr_error(o, name);
    return -1;
}

int obj_setattr(Obj *o, Obj *name, Obj *value) {
    if (VT_UNLIKELY(!STR_CHECK(name))) {
        err_format(Exc_TypeError, "attribute name must be string, not '%s'", TP_NAME(TYPE(name)));
        return -1;
    }
    Type *tp = TYPE(o);
    if (tp->setattr) return tp->setattr(o, name, value);
    if (IS_SMALL(o) || !tp->getattr || tp->getattr == obj_generic_getattr)
        return obj_generic_setattr(o, name, value);
    /* a custom getattr without a setattr: attributes are read-only */
    attr_error(o, name);
    return -1;
}

int obj_setattr_cstr(Obj *o, const char *name, Obj *value) {
    Obj *n = str_intern_cstr(name);
    if (!n) return -1;
    int r = obj_setattr(o, n, value);
    DECREF(n);
    return r;
}

Obj *obj_lookup_special(Obj *o, Obj *name) {
    Type *tp = TYPE(o);
    Obj *descr = type_lookup(tp, name);
    if (!descr) return NULL;
    descrgetfunc f = TYPE(descr)->descr_get;
    if (!f) return NEWREF(descr);
    INCREF(descr);
    Obj *r = f(descr, o, (Obj *)tp);
    DECREF(descr);
    return r;
}

/* ---- dir, id, format ---- */

/* Fallback when no __dir__ is found: instance dict keys plus class attributes along the MRO. */
static int dir_collect(Obj *o, Obj *set) {
    Obj **dp = obj_dict_ptr(o);
    if (dp && *dp && set_update(set, *dp) < 0) return -1;
    Type *tp = TYPE_CHECK(o) ? (Type *)o : TYPE(o);
    Obj *mro = tp->mro;
    if (mro) {
        for (size_t i = 0; i < TUPLE_SIZE(mro); i++) {
            Type *t = (Type *)TUPLE_GET(mro, i);
            if (t->dict && set_update(set, t->dict) < 0) return -1;
        }
    }
    return 0;
}

Obj *obj_dir(Obj *o) {
    Obj *meth = obj_lookup_special(o, NAME(__dir__));
    Obj *res;
    if (meth) {
        res = obj_call0(meth);
        DECREF(meth);
    } else {
        if (err_occurred()) return NULL;
        res = set_new(NULL);
        if (res && dir_collect(o, res) < 0) CLEAR(res);
    }
    if (!res) return NULL;
    Obj *list = seq_to_list(res);
    DECREF(res);
    if (!list) return NULL;
    if (list_sort(list, NULL, false) < 0) { DECREF(list); return NULL; }
    return list;
}

Obj *obj_id(Obj *o) { return int_from_u64((uint64_t)(uintptr_t)o); }

Obj *obj_format(Obj *o, Obj *spec) {
    if (spec && !STR_CHECK(spec))
        return err_format(Exc_TypeError, "format() argument 2 must be str, not %s", TP_NAME(TYPE(spec)));
    bool empty = !spec || STR_SIZE(spec) == 0;
    if (empty && STR_CHECK_EXACT(o)) return NEWREF(o);
    if (empty && INT_CHECK_EXACT(o)) return obj_str(o);
    Obj *meth = obj_lookup_special(o, NAME(__format__));
    if (!meth) {
        if (err_occurred()) return NULL;
        return err_format(Exc_TypeError, "Type %s doesn't define __format__", TP_NAME(TYPE(o)));
    }
    Obj *s = spec ? NEWREF(spec) : str_from_cstr("");
    if (!s) { DECREF(meth); return NULL; }
    Obj *r = obj_call1(meth, s);
    DECREF(meth);
    DECREF(s);
    if (r && !STR_CHECK(r)) {
        err_format(Exc_TypeError, "__format__ must return a str, not %s", TP_NAME(TYPE(r)));
        DECREF(r);
        return NULL;
    }
    return r;
}

/* ---- recursive repr guard ---- */

int repr_enter(Obj *o) {
    ThreadState *ts = vm_ts();
    if (!ts->repr_stack) {
        ts->repr_stack = list_new(0);
        if (!ts->repr_stack) return -1;
    }
    Obj *l = ts->repr_stack;
    for (size_t i = LIST_SIZE(l); i > 0; i--)
        if (LIST_GET(l, i - 1) == o) return 1;
    return list_append(l, o) < 0 ? -1 : 0;
}

void repr_leave(Obj *o) {
    ThreadState *ts = vm_ts();
    Obj *l = ts->repr_stack;
    if (!l) return;
    Obj *saved = err_fetch();   /* may run while an exception propagates */
    for (size_t i = LIST_SIZE(l); i > 0; i--) {
        if (LIST_GET(l, i - 1) == o) {
            Obj *item = LIST_GET(l, i - 1);
            memmove(&LIST_ITEMS(l)[i - 1], &LIST_ITEMS(l)[i], (LIST_SIZE(l) - i) * sizeof(Obj *));
            ((ListObj *)l)->size--;
            DECREF(item);
            break;
        }
    }
    err_restore(saved);
}
