/* exceptions_group.c: BaseExceptionGroup / ExceptionGroup (PEP 654): construction rules,
 * subgroup/split/derive and __str__. */
#include <string.h>
#include "types.h"
#include "objcore.h"
#include "names.h"
#include "exceptions.h"

static Type *T_BaseGroup, *T_Group;

static Obj *group_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames))
        return err_format(Exc_TypeError, "%s() takes no keyword arguments", TP_NAME(type));
    if (nargs != 2)
        return err_format(Exc_TypeError,
                          "BaseExceptionGroup.__new__() takes exactly 2 arguments (%zu given)", nargs);
    Obj *message = args[0], *excs = args[1];
    if (!STR_CHECK(message))
        return err_format(Exc_TypeError, "BaseExceptionGroup.__new__() argument 1 must be str, not %s",
                          TP_NAME(TYPE(message)));
    Type *et = TYPE(excs);
    if (!(LIST_CHECK(excs) || TUPLE_CHECK(excs)) &&
        (!et->getitem || DICT_CHECK(excs) || ANYSET_CHECK(excs)))
        return err_set_str(Exc_TypeError, "second argument (exceptions) must be a sequence");
    Obj *tuple = seq_to_tuple(excs);
    if (!tuple) return NULL;
    size_t n = TUPLE_SIZE(tuple);
    if (n == 0) {
        DECREF(tuple);
        return err_set_str(Exc_ValueError, "second argument (exceptions) must be a non-empty sequence");
    }
    bool nested_base = false;
    for (size_t i = 0; i < n; i++) {
        Obj *e = TUPLE_GET(tuple, i);
        if (!EXC_CHECK(e)) {
            DECREF(tuple);
            return err_format(Exc_ValueError, "Item %zu of second argument (exceptions) is not an exception", i);
        }
        if (!type_is_subtype(TYPE(e), Exc_Exception)) nested_base = true;
    }
    Type *cls = type;
    if (cls == T_Group) {
        if (nested_base) {
            DECREF(tuple);
            return err_set_str(Exc_TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
        }
    } else if (cls == T_BaseGroup) {
        if (!nested_base) cls = T_Group;
    } else if (nested_base && type_is_subtype(cls, Exc_Exception)) {
        DECREF(tuple);
        return err_format(Exc_TypeError, "Cannot nest BaseExceptions in '%s'", TP_NAME(cls));
    }
    Obj *o = exc_base_new(cls, args, nargs, NULL);
    if (!o) { DECREF(tuple); return NULL; }
    ExcGroupObj *g = (ExcGroupObj *)o;
    g->msg = NEWREF(message);
    g->excs = tuple;
    return o;
}

static int group_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) {
        err_format(Exc_TypeError, "%s() takes no keyword arguments", TP_NAME(TYPE(self)));
        return -1;
    }
    Obj *t = tuple_from_array(args, nargs);
    if (!t) return -1;
    SETREF(((ExcObj *)self)->args, t);
    return 0;
}

static Obj *group_str(Obj *self) {
    ExcGroupObj *g = (ExcGroupObj *)self;
    size_t n = g->excs ? TUPLE_SIZE(g->excs) : 0;
    return str_from_format("%S (%zu sub-exception%s)", g->msg ? g->msg : V_None, n, n > 1 ? "s" : "");
}

static Obj *group_derive(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *a[2] = {((ExcGroupObj *)self)->msg, args[0]};
    return obj_call((Obj *)T_BaseGroup, a, 2, NULL);
}

/* The matcher of split/subgroup: a type, a tuple of types or a predicate. */
enum { MATCH_TYPE, MATCH_PRED };
static int matcher_kind(Obj *cond) {
    if (EXC_TYPE_CHECK(cond)) return MATCH_TYPE;
    if (TUPLE_CHECK(cond)) {
        for (size_t i = 0; i < TUPLE_SIZE(cond); i++)
            if (!EXC_TYPE_CHECK(TUPLE_GET(cond, i))) goto bad;
        return MATCH_TYPE;
    }
    if (obj_is_callable(cond)) return MATCH_PRED;
bad:
    err_set_str(Exc_TypeError, "expected a function, exception type or tuple of exception types");
    return -1;
}
static int matches(Obj *exc, Obj *cond, int kind) {
    if (kind == MATCH_TYPE) return exc_matches(exc, cond);
    Obj *r = obj_call1(cond, exc);
    if (!r) return -1;
    int t = obj_is_true(r);
    DECREF(r);
    return t;
}

/* eg.derive(excs) plus the metadata CPython copies to split results. */
static Obj *derive_and_copy(Obj *eg, Obj *list) {
    Obj *r = obj_call_method(eg, str_intern_cstr("derive"), &list, 1);
    if (!r) return NULL;
    if (!EXC_CHECK(r)) {
        DECREF(r);
        return err_set_str(Exc_TypeError, "derive must return an instance of BaseExceptionGroup");
    }
    ExcObj *s = (ExcObj *)eg, *d = (ExcObj *)r;
    XINCREF(s->traceback); SETREF(d->traceback, s->traceback);
    XINCREF(s->context); SETREF(d->context, s->context);
    XINCREF(s->cause); SETREF(d->cause, s->cause);
    if (s->dict) {
        Obj *notes = dict_get(s->dict, NAME(__notes__));
        if (notes) {
            Obj *copy = seq_to_list(notes);
            if (!copy || obj_setattr(r, NAME(__notes__), copy) < 0) { XDECREF(copy); DECREF(r); return NULL; }
            DECREF(copy);
        }
    }
    return r;
}

/* Recursive split: *match / *rest receive new refs or NULL (= None). */
static int split_rec(Obj *exc, Obj *cond, int kind, bool want_rest, Obj **match, Obj **rest) {
    *match = *rest = NULL;
    int m = matches(exc, cond, kind);
    if (m < 0) return -1;
    if (m) { *match = NEWREF(exc); return 0; }
    if (!type_is_subtype(TYPE(exc), T_BaseGroup)) {
        if (want_rest) *rest = NEWREF(exc);
        return 0;
    }
    ExcGroupObj *g = (ExcGroupObj *)exc;
    Obj *ml = list_new(0), *rl = want_rest ? list_new(0) : NULL;
    if (!ml || (want_rest && !rl)) goto fail;
    for (size_t i = 0; i < TUPLE_SIZE(g->excs); i++) {
        Obj *cm, *cr;
        if (split_rec(TUPLE_GET(g->excs, i), cond, kind, want_rest, &cm, &cr) < 0) goto fail;
        if (cm && list_append_steal(ml, cm) < 0) { XDECREF(cr); goto fail; }
        if (cr && list_append_steal(rl, cr) < 0) goto fail;
    }
    if (LIST_SIZE(ml) && !(*match = derive_and_copy(exc, ml))) goto fail;
    if (rl && LIST_SIZE(rl) && !(*rest = derive_and_copy(exc, rl))) goto fail;
    DECREF(ml);
    XDECREF(rl);
    return 0;
fail:
    XDECREF(ml);
    XDECREF(rl);
    CLEAR(*match);
    CLEAR(*rest);
    return -1;
}

static Obj *group_split(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    int kind = matcher_kind(args[0]);
    if (kind < 0) return NULL;
    Obj *m, *r;
    if (split_rec(self, args[0], kind, true, &m, &r) < 0) return NULL;
    Obj *t = tuple_pack(2, m ? m : V_None, r ? r : V_None);
    XDECREF(m);
    XDECREF(r);
    return t;
}

static Obj *group_subgroup(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    int kind = matcher_kind(args[0]);
    if (kind < 0) return NULL;
    Obj *m, *r;
    if (split_rec(self, args[0], kind, false, &m, &r) < 0) return NULL;
    XDECREF(r);
    return m ? m : NEWREF(V_None);
}

static Obj *group_class_getitem(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return NEWREF(self);
}

static const MethodDef group_methods[] = {
    {"derive", group_derive, METH_O, NULL},
    {"split", group_split, METH_O, NULL},
    {"subgroup", group_subgroup, METH_O, NULL},
    {"__class_getitem__", group_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {NULL},
};

static Obj *get_message(Obj *self) { return NEWREF(((ExcGroupObj *)self)->msg ? ((ExcGroupObj *)self)->msg : V_None); }
static Obj *get_exceptions(Obj *self) { return NEWREF(((ExcGroupObj *)self)->excs ? ((ExcGroupObj *)self)->excs : EMPTY_TUPLE); }
static const GetSetDef group_getset[] = {
    {"message", get_message, NULL, "exception message"},
    {"exceptions", get_exceptions, NULL, "nested exceptions"},
    {NULL},
};

/* Called by exceptions_init while filling the static types (bases first). */
void exc_group_setup(Type *base_group, Type *group) {
    T_BaseGroup = base_group;
    T_Group = group;
    base_group->basicsize = sizeof(ExcGroupObj);
    base_group->new = group_new;
    base_group->init = group_init;
    base_group->str = group_str;
    base_group->methods = group_methods;
    base_group->getset = group_getset;
}
