/* eval_helpers.c: the evaluation loop's slow paths: unpacking, raising and exception matching
 * (including except*), calls with star-args and double-star kwargs, with/async helpers, imports glue, f-string
 * formatting and the variable-access error messages. */
#include <string.h>
#include "eval_internal.h"
#include "exceptions.h"

/* An interned name kept for the life of the process (names.h lacks these). */
static Obj *cached_name(Obj **slot, const char *s) {
    if (!*slot) *slot = str_intern_cstr(s);
    return *slot;
}
static Obj *name_split, *name_derive;

/* ---- variable errors ---- */

Obj *eh_load_name_error(Obj *name) {
    err_format(Exc_NameError, "name '%U' is not defined", name);
    Obj *exc = err_current();
    if (exc && TYPE(exc) == Exc_NameError) SETREF(((NameErrorObj *)exc)->name, NEWREF(name));
    return NULL;
}

Obj *eh_unbound_local(CodeObj *co, int i) {
    return err_format(Exc_UnboundLocalError,
                      "cannot access local variable '%U' where it is not associated with a value",
                      TUPLE_GET(co->varnames, i));
}

Obj *eh_unbound_deref(CodeObj *co, int i) {
    size_t ncells = CODE_NCELLS(co);
    if ((size_t)i < ncells)
        return err_format(Exc_UnboundLocalError,
                          "cannot access local variable '%U' where it is not associated with a value",
                          TUPLE_GET(co->cellvars, i));
    Obj *name = TUPLE_GET(co->freevars, (size_t)i - ncells);
    err_format(Exc_NameError,
               "cannot access free variable '%U' where it is not associated with a value in enclosing scope",
               name);
    Obj *exc = err_current();
    if (exc && TYPE(exc) == Exc_NameError) SETREF(((NameErrorObj *)exc)->name, NEWREF(name));
    return NULL;
}

/* ---- unpacking ---- */

static bool is_iterable_type(Obj *v) {
    Type *t = TYPE(v);
    return t->iter != NULL || t->getitem != NULL;
}

/* Contract: eval_internal.h. Writes downward from top (first item at top[-1]); after < 0
 * means an exact count of `before`. */
int eh_unpack_iterable(Obj *v, int before, int after, Obj **top) {
    Obj **p = top;
    Obj *it = obj_get_iter(v);
    if (!it) {
        if (err_matches(Exc_TypeError) && !is_iterable_type(v)) {
            err_clear();
            err_format(Exc_TypeError, "cannot unpack non-iterable %s object", type_name(TYPE(v)));
        }
        return -1;
    }
    for (int i = 0; i < before; i++) {
        Obj *w = iter_next(it);
        if (!w) {
            if (!err_occurred()) {
                if (after < 0)
                    err_format(Exc_ValueError, "not enough values to unpack (expected %d, got %d)", before, i);
                else
                    err_format(Exc_ValueError, "not enough values to unpack (expected at least %d, got %d)",
                               before + after, i);
            }
            goto fail;
        }
        *--p = w;
    }
    if (after < 0) {
        Obj *w = iter_next(it);
        if (w) {
            DECREF(w);
            err_format(Exc_ValueError, "too many values to unpack (expected %d)", before);
            goto fail;
        }
        if (err_occurred()) goto fail;
        DECREF(it);
        return 0;
    }
    Obj *l = seq_to_list(it);
    if (!l) goto fail;
    *--p = l;
    size_t ll = LIST_SIZE(l);
    if (ll < (size_t)after) {
        err_format(Exc_ValueError, "not enough values to unpack (expected at least %d, got %zu)",
                   before + after, (size_t)before + ll);
        goto fail;
    }
    for (int j = after; j > 0; j--) *--p = LIST_GET(l, ll - (size_t)j);
    ((ListObj *)l)->size = ll - (size_t)after;
    DECREF(it);
    return 0;
fail:
    while (p < top) { DECREF(*p); p++; }
    DECREF(it);
    return -1;
}

/* ---- raising and matching ---- */

/* Contract: eval_internal.h. Sets the exception for `raise exc [from cause]`; returns -1. */
int eh_do_raise(ThreadState *ts, Obj *exc, Obj *cause) {
    Obj *value;
    if (EXC_TYPE_CHECK(exc)) {
        value = obj_call0(exc);
        if (!value) return -1;
        if (!EXC_CHECK(value)) {
            err_format(Exc_TypeError, "calling %R should have returned an instance of BaseException, not %s",
                       exc, type_name(TYPE(value)));
            DECREF(value);
            return -1;
        }
    } else if (EXC_CHECK(exc)) {
        value = NEWREF(exc);
    } else {
        err_set_str(Exc_TypeError, "exceptions must derive from BaseException");
        return -1;
    }
    if (cause) {
        Obj *fixed;
        if (EXC_TYPE_CHECK(cause)) {
            fixed = obj_call0(cause);
            if (!fixed) { DECREF(value); return -1; }
            if (!EXC_CHECK(fixed)) {
                err_format(Exc_TypeError, "calling %R should have returned an instance of BaseException, not %s",
                           cause, type_name(TYPE(fixed)));
                DECREF(fixed);
                DECREF(value);
                return -1;
            }
        } else if (EXC_CHECK(cause)) {
            fixed = NEWREF(cause);
        } else if (cause == V_None) {
            fixed = NULL;
        } else {
            DECREF(value);
            err_set_str(Exc_TypeError, "exception causes must derive from BaseException");
            return -1;
        }
        exc_set_cause(value, fixed);
    }
    err_set_instance(value);
    DECREF(value);
    (void)ts;
    return -1;
}

static int check_exc_class(Obj *cls, const char *msg) {
    if (TUPLE_CHECK(cls)) {
        for (size_t i = 0; i < TUPLE_SIZE(cls); i++)
            if (!EXC_TYPE_CHECK(TUPLE_GET(cls, i))) { err_set_str(Exc_TypeError, msg); return -1; }
        return 0;
    }
    if (!EXC_TYPE_CHECK(cls)) { err_set_str(Exc_TypeError, msg); return -1; }
    return 0;
}

int eh_check_exc_match(Obj *cls) {
    return check_exc_class(cls, "catching classes that do not inherit from BaseException is not allowed");
}

static bool is_exc_group_type(Obj *cls) {
    return TYPE_CHECK(cls) && type_is_subtype((Type *)cls, Exc_BaseExceptionGroup);
}

/* Contract: eval_internal.h. CPython 3.11's exception_group_match; a match becomes the
 * handled exception. */
int eh_check_eg_match(Obj *eg, Obj *cls, Obj **rest, Obj **match) {
    if (eh_check_exc_match(cls) < 0) return -1;
    bool bad = is_exc_group_type(cls);
    if (TUPLE_CHECK(cls))
        for (size_t i = 0; i < TUPLE_SIZE(cls); i++)
            if (is_exc_group_type(TUPLE_GET(cls, i))) bad = true;
    if (bad) {
        err_set_str(Exc_TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.");
        return -1;
    }
    if (eg == V_None) {
        *match = NEWREF(V_None);
        *rest = NEWREF(V_None);
        return 0;
    }
    int m = exc_matches(eg, cls);
    if (m < 0) return -1;
    if (m) {
        if (EXC_CHECK(eg) && type_is_subtype(TYPE(eg), Exc_BaseExceptionGroup)) {
            *match = NEWREF(eg);
        } else {
            Obj *lst = tuple_pack(1, eg);
            if (!lst) return -1;
            Obj *msg = str_from_cstr("");
            if (!msg) { DECREF(lst); return -1; }
            Obj *args[2] = {msg, lst};
            Obj *w = obj_call((Obj *)Exc_ExceptionGroup, args, 2, NULL);
            DECREF(msg);
            DECREF(lst);
            if (!w) return -1;
            *match = w;
        }
        *rest = NEWREF(V_None);
    } else if (EXC_CHECK(eg) && type_is_subtype(TYPE(eg), Exc_BaseExceptionGroup)) {
        Obj *pair = obj_call_method(eg, cached_name(&name_split, "split"), &cls, 1);
        if (!pair) return -1;
        if (!TUPLE_CHECK(pair) || TUPLE_SIZE(pair) != 2) {
            err_format(Exc_TypeError, "%s.split must return a 2-tuple, got %s", type_name(TYPE(eg)),
                       type_name(TYPE(pair)));
            DECREF(pair);
            return -1;
        }
        *match = NEWREF(TUPLE_GET(pair, 0));
        *rest = NEWREF(TUPLE_GET(pair, 1));
        DECREF(pair);
    } else {
        *match = NEWREF(V_None);
        *rest = NEWREF(eg);
    }
    if (*match != V_None) {
        ThreadState *ts = vm_ts();
        Obj *old = ts->handled;
        ts->handled = NEWREF(*match);
        XDECREF(old);
    }
    return 0;
}

static bool same_metadata(Obj *a, Obj *b) {
    ExcObj *x = (ExcObj *)a, *y = (ExcObj *)b;
    return x->notes == y->notes && x->traceback == y->traceback && x->cause == y->cause &&
           x->context == y->context;
}

static bool is_group(Obj *e) {
    return EXC_CHECK(e) && type_is_subtype(TYPE(e), Exc_BaseExceptionGroup);
}

static int collect_leaf_ids(Obj *e, Obj *ids) {
    if (e == V_None) return 0;
    if (!is_group(e)) {
        Obj *id = obj_id(e);
        if (!id) return -1;
        int r = set_add(ids, id);
        DECREF(id);
        return r;
    }
    Obj *excs = ((ExcGroupObj *)e)->excs;
    for (size_t i = 0; excs && i < TUPLE_SIZE(excs); i++)
        if (collect_leaf_ids(TUPLE_GET(excs, i), ids) < 0) return -1;
    return 0;
}

static Obj *derive_copy(Obj *eg, Obj *list) {
    Obj *r = obj_call_method(eg, cached_name(&name_derive, "derive"), &list, 1);
    if (!r) return NULL;
    if (!EXC_CHECK(r)) return r;
    ExcObj *d = (ExcObj *)r, *s = (ExcObj *)eg;
    if (s->traceback) exc_set_traceback(r, s->traceback);
    XINCREF(s->cause);
    SETREF(d->cause, s->cause);
    XINCREF(s->context);
    SETREF(d->context, s->context);
    XINCREF(s->notes);
    SETREF(d->notes, s->notes);
    return r;
}

/* The part of e whose leaves are in ids (new ref, None if nothing). */
static Obj *project(Obj *e, Obj *ids) {
    if (!is_group(e)) {
        Obj *id = obj_id(e);
        if (!id) return NULL;
        int r = set_contains(ids, id);
        DECREF(id);
        if (r < 0) return NULL;
        return NEWREF(r ? e : V_None);
    }
    Obj *excs = ((ExcGroupObj *)e)->excs;
    Obj *keep = list_new(0);
    if (!keep) return NULL;
    for (size_t i = 0; excs && i < TUPLE_SIZE(excs); i++) {
        Obj *p = project(TUPLE_GET(excs, i), ids);
        if (!p) { DECREF(keep); return NULL; }
        if (p != V_None && list_append(keep, p) < 0) { DECREF(p); DECREF(keep); return NULL; }
        DECREF(p);
    }
    if (LIST_SIZE(keep) == 0) { DECREF(keep); return NEWREF(V_None); }
    Obj *r = derive_copy(e, keep);
    DECREF(keep);
    return r;
}

/* Contract: eval_internal.h. CPython 3.11's _PyExc_PrepReraiseStar. */
Obj *eh_prep_reraise_star(Obj *orig, Obj *excs) {
    size_t n = LIST_SIZE(excs);
    if (n == 0) return NEWREF(V_None);
    if (!is_group(orig)) return NEWREF(LIST_GET(excs, 0));
    Obj *raised = list_new(0), *reraised = list_new(0), *ids = NULL, *result = NULL, *rer_eg = NULL;
    if (!raised || !reraised) goto done;
    for (size_t i = 0; i < n; i++) {
        Obj *e = LIST_GET(excs, i);
        if (e == V_None) continue;
        bool is_rer = EXC_CHECK(e) && same_metadata(e, orig);
        if (list_append(is_rer ? reraised : raised, e) < 0) goto done;
    }
    ids = set_new(NULL);
    if (!ids) goto done;
    for (size_t i = 0; i < LIST_SIZE(reraised); i++)
        if (collect_leaf_ids(LIST_GET(reraised, i), ids) < 0) goto done;
    rer_eg = project(orig, ids);
    if (!rer_eg) goto done;
    if (LIST_SIZE(raised) == 0) {
        result = NEWREF(rer_eg);
    } else {
        if (rer_eg != V_None && list_append(raised, rer_eg) < 0) goto done;
        if (LIST_SIZE(raised) > 1) {
            Obj *msg = str_from_cstr("");
            if (!msg) goto done;
            Obj *args[2] = {msg, raised};
            result = obj_call((Obj *)Exc_ExceptionGroup, args, 2, NULL);
            DECREF(msg);
        } else {
            result = NEWREF(LIST_GET(raised, 0));
        }
    }
done:
    XDECREF(raised);
    XDECREF(reraised);
    XDECREF(ids);
    XDECREF(rer_eg);
    return result;
}

/* Value of a pending StopIteration (clearing it), None when no exception is set. */
Obj *eh_stop_iteration_value(void) {
    if (!err_occurred()) return NEWREF(V_None);
    if (!err_matches(Exc_StopIteration)) return NULL;
    Obj *exc = err_fetch();
    Obj *v = V_None;
    if (EXC_CHECK(exc) && type_is_subtype(TYPE(exc), Exc_StopIteration) && ((StopIterationObj *)exc)->value)
        v = ((StopIterationObj *)exc)->value;
    INCREF(v);
    DECREF(exc);
    return v;
}

/* ---- strings ---- */

Obj *eh_format_value(Obj *v, int conv, Obj *spec) {
    Obj *conv_v = NULL;
    switch (conv) {
    case 1: conv_v = obj_str(v); break;
    case 2: conv_v = obj_repr(v); break;
    case 3: conv_v = obj_ascii(v); break;
    default: conv_v = NEWREF(v); break;
    }
    if (!conv_v) return NULL;
    if (!spec && STR_CHECK_EXACT(conv_v)) return conv_v;
    Obj *empty = NULL;
    if (!spec) {
        empty = str_from_cstr("");
        if (!empty) { DECREF(conv_v); return NULL; }
    }
    Obj *r = obj_format(conv_v, spec ? spec : empty);
    XDECREF(empty);
    DECREF(conv_v);
    return r;
}

Obj *eh_build_string(Obj **items, size_t n) {
    if (n == 1) return NEWREF(items[0]);
    StrBuilder sb;
    sb_init(&sb);
    for (size_t i = 0; i < n; i++)
        if (sb_append_str(&sb, items[i]) < 0) { sb_discard(&sb); return NULL; }
    return sb_finish(&sb);
}

/* ---- containers for calls and displays ---- */

int eh_list_extend(Obj *list, Obj *it) {
    if (list_extend(list, it) == 0) return 0;
    if (err_matches(Exc_TypeError) && !is_iterable_type(it)) {
        err_clear();
        err_format(Exc_TypeError, "Value after * must be an iterable, not %s", type_name(TYPE(it)));
    }
    return -1;
}

int eh_dict_update(Obj *dict, Obj *update) {
    if (dict_update(dict, update) == 0) return 0;
    if (err_matches(Exc_AttributeError)) {
        err_clear();
        err_format(Exc_TypeError, "'%s' object is not a mapping", type_name(TYPE(update)));
    }
    return -1;
}

static int merge_one(Obj *func, Obj *dict, Obj *k, Obj *v) {
    int has = dict_contains(dict, k);
    if (has < 0) return -1;
    if (has) {
        Obj *desc = func ? vm_func_description(func) : str_from_cstr("function");
        if (!desc) return -1;
        if (STR_CHECK(k))
            err_format(Exc_TypeError, "%U got multiple values for keyword argument '%U'", desc, k);
        else
            err_set_str(Exc_TypeError, "keywords must be strings");
        DECREF(desc);
        return -1;
    }
    return dict_set(dict, k, v);
}

/* f(**update): CPython's duplicate and "must be a mapping" messages. */
int eh_dict_merge(Obj *func, Obj *dict, Obj *update) {
    if (DICT_CHECK(update)) {
        size_t pos = 0;
        Obj *k, *v;
        while (dict_next(update, &pos, &k, &v)) {
            INCREF(k);
            INCREF(v);
            int r = merge_one(func, dict, k, v);
            DECREF(k);
            DECREF(v);
            if (r < 0) return -1;
        }
        return 0;
    }
    Obj *keys = obj_getattr_opt(update, NAME(keys));
    if (!keys) {
        if (err_occurred()) return -1;
        Obj *desc = func ? vm_func_description(func) : str_from_cstr("function");
        if (!desc) return -1;
        err_format(Exc_TypeError, "%U argument after ** must be a mapping, not %s", desc,
                   type_name(TYPE(update)));
        DECREF(desc);
        return -1;
    }
    Obj *klist = obj_call0(keys);
    DECREF(keys);
    if (!klist) return -1;
    Obj *it = obj_get_iter(klist);
    DECREF(klist);
    if (!it) return -1;
    Obj *k;
    while ((k = iter_next(it))) {
        Obj *v = obj_getitem(update, k);
        if (!v) { DECREF(k); DECREF(it); return -1; }
        int r = merge_one(func, dict, k, v);
        DECREF(k);
        DECREF(v);
        if (r < 0) { DECREF(it); return -1; }
    }
    DECREF(it);
    return err_occurred() ? -1 : 0;
}

/* CALL_FUNCTION_EX: callable(*args, **kwargs), with self prepended when not NULL. */
Obj *eh_call_ex(Obj *callable, Obj *self, Obj *args, Obj *kwargs) {
    Obj *t;
    if (TUPLE_CHECK(args) && TYPE(args) == &Type_tuple) {
        t = NEWREF(args);
    } else {
        if (!is_iterable_type(args)) {
            Obj *desc = vm_func_description(callable);
            if (!desc) return NULL;
            err_format(Exc_TypeError, "%U argument after * must be an iterable, not %s", desc,
                       type_name(TYPE(args)));
            DECREF(desc);
            return NULL;
        }
        t = seq_to_tuple(args);
        if (!t) return NULL;
    }
    if (self) {
        size_t n = TUPLE_SIZE(t);
        Obj *t2 = tuple_new(n + 1);
        if (!t2) { DECREF(t); return NULL; }
        TUPLE_SET_STEAL(t2, 0, NEWREF(self));
        for (size_t i = 0; i < n; i++) TUPLE_SET_STEAL(t2, i + 1, NEWREF(TUPLE_GET(t, i)));
        DECREF(t);
        t = t2;
    }
    Obj *kw = NULL;
    if (kwargs && !(TYPE(kwargs) == &Type_dict)) {
        kw = dict_new();
        if (!kw || eh_dict_merge(callable, kw, kwargs) < 0) { XDECREF(kw); DECREF(t); return NULL; }
    } else if (kwargs) {
        kw = NEWREF(kwargs);
    }
    Obj *r = obj_call_tuple_dict(callable, t, kw);
    DECREF(t);
    XDECREF(kw);
    return r;
}

/* Contract: eval_internal.h. args: exact tuple, kwargs: exact dict or NULL. */
int eh_bind_ex(Frame *f, Obj *func, Obj *self, Obj *args, Obj *kwargs) {
    size_t np = TUPLE_SIZE(args) + (self ? 1 : 0);
    size_t nkw = kwargs ? dict_size(kwargs) : 0;
    Obj *small[16];
    Obj **buf = np + nkw <= 16 ? small : vt_malloc((np + nkw) * sizeof(Obj *));
    if (!buf) return -1;
    size_t i = 0;
    if (self) buf[i++] = self;
    for (size_t j = 0; j < TUPLE_SIZE(args); j++) buf[i++] = TUPLE_GET(args, j);
    Obj *kwnames = NULL;
    int rc = -1;
    if (nkw) {
        kwnames = tuple_new(nkw);
        if (!kwnames) goto done;
        size_t pos = 0, k = 0;
        Obj *key, *v;
        while (dict_next(kwargs, &pos, &key, &v) && k < nkw) {
            TUPLE_SET_STEAL(kwnames, k, NEWREF(key));
            if (!STR_CHECK(key)) {
                while (++k < nkw) TUPLE_SET_STEAL(kwnames, k, NEWREF(V_None));
                err_set_str(Exc_TypeError, "keywords must be strings");
                goto done;
            }
            buf[np + k++] = v;
        }
    }
    rc = vm_bind_args(f, func, buf, np, kwnames);
done:
    XDECREF(kwnames);
    if (buf != small) vt_free(buf);
    return rc;
}

/* ---- with / async ---- */

Obj *eh_before_with(Obj *mgr, Obj **exit_out, bool async) {
    Obj *enter = obj_lookup_special(mgr, async ? NAME(__aenter__) : NAME(__enter__));
    if (!enter) {
        if (!err_occurred())
            err_format(Exc_TypeError, "'%s' object does not support the %scontext manager protocol",
                       type_name(TYPE(mgr)), async ? "asynchronous " : "");
        return NULL;
    }
    Obj *exit = obj_lookup_special(mgr, async ? NAME(__aexit__) : NAME(__exit__));
    if (!exit) {
        if (!err_occurred())
            err_format(Exc_TypeError, "'%s' object does not support the %scontext manager protocol (missed %s method)",
                       type_name(TYPE(mgr)), async ? "asynchronous " : "", async ? "__aexit__" : "__exit__");
        DECREF(enter);
        return NULL;
    }
    Obj *res = obj_call0(enter);
    DECREF(enter);
    if (!res) { DECREF(exit); return NULL; }
    *exit_out = exit;
    return res;
}

static bool is_iterator(Obj *o) {
    return TYPE(o)->iternext != NULL;
}

/* _PyCoro_GetAwaitableIter: NULL with TypeError when o is not awaitable. */
static Obj *awaitable_iter(Obj *o, bool *no_await) {
    *no_await = false;
    Type *t = TYPE(o);
    if (t == &Type_coroutine) return NEWREF(o);
    if (t == &Type_generator) {
        GenObj *g = (GenObj *)o;
        if (g->code && (((CodeObj *)g->code)->flags & CO_ITERABLE_COROUTINE)) return NEWREF(o);
    }
    Obj *aw = obj_lookup_special(o, NAME(__await__));
    if (!aw) {
        if (err_occurred()) return NULL;
        *no_await = true;
        return err_format(Exc_TypeError, "object %s can't be used in 'await' expression", type_name(t));
    }
    Obj *res = obj_call0(aw);
    DECREF(aw);
    if (!res) return NULL;
    if (TYPE(res) == &Type_coroutine ||
        (TYPE(res) == &Type_generator && ((GenObj *)res)->code &&
         (((CodeObj *)((GenObj *)res)->code)->flags & CO_ITERABLE_COROUTINE))) {
        DECREF(res);
        return err_set_str(Exc_TypeError, "__await__() returned a coroutine");
    }
    if (!is_iterator(res)) {
        err_format(Exc_TypeError, "__await__() returned non-iterator of type '%s'", type_name(TYPE(res)));
        DECREF(res);
        return NULL;
    }
    return res;
}

Obj *eh_get_awaitable(Obj *o, int where) {
    bool no_await;
    Obj *it = awaitable_iter(o, &no_await);
    if (!it) {
        if (no_await && where == 1) {
            err_clear();
            err_format(Exc_TypeError, "'async with' received an object from __aenter__ that does not implement __await__: %s",
                       type_name(TYPE(o)));
        } else if (no_await && where == 2) {
            err_clear();
            err_format(Exc_TypeError, "'async with' received an object from __aexit__ that does not implement __await__: %s",
                       type_name(TYPE(o)));
        }
        return NULL;
    }
    if (TYPE(it) == &Type_coroutine && gen_yieldfrom((GenObj *)it)) {
        DECREF(it);
        return err_set_str(Exc_RuntimeError, "coroutine is being awaited already");
    }
    return it;
}

Obj *eh_get_aiter(Obj *o) {
    Obj *m = obj_lookup_special(o, NAME(__aiter__));
    if (!m) {
        if (!err_occurred())
            err_format(Exc_TypeError, "'async for' requires an object with __aiter__ method, got %s",
                       type_name(TYPE(o)));
        return NULL;
    }
    Obj *it = obj_call0(m);
    DECREF(m);
    if (!it) return NULL;
    if (!type_lookup(TYPE(it), NAME(__anext__))) {
        err_format(Exc_TypeError, "'async for' received an object from __aiter__ that does not implement __anext__: %s",
                   type_name(TYPE(it)));
        DECREF(it);
        return NULL;
    }
    return it;
}

Obj *eh_get_anext(Obj *aiter) {
    Obj *m = obj_lookup_special(aiter, NAME(__anext__));
    if (!m) {
        if (!err_occurred())
            err_format(Exc_TypeError, "'async for' requires an iterator with __anext__ method, got %s",
                       type_name(TYPE(aiter)));
        return NULL;
    }
    Obj *next = obj_call0(m);
    DECREF(m);
    if (!next) return NULL;
    if (TYPE(aiter) == &Type_async_generator) return next;
    bool no_await;
    Obj *aw = awaitable_iter(next, &no_await);
    if (!aw) {
        Obj *cause = err_fetch();
        err_format(Exc_TypeError, "'async for' received an invalid object from __anext__: %s",
                   type_name(TYPE(next)));
        Obj *exc = err_current();
        if (exc && cause) exc_set_cause(exc, cause);
        else XDECREF(cause);
        DECREF(next);
        return NULL;
    }
    DECREF(next);
    return aw;
}

Obj *eh_get_yield_from_iter(Obj *o) {
    Type *t = TYPE(o);
    if (t == &Type_coroutine) {
        Frame *f = vm_ts()->frame;
        if (!f || !(f->code->flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE)))
            return err_set_str(Exc_TypeError, "cannot 'yield from' a coroutine object in a non-coroutine generator");
        return NEWREF(o);
    }
    if (t == &Type_generator) return NEWREF(o);
    return obj_get_iter(o);
}

/* ---- imports ---- */

Obj *eh_import_from(Obj *module, Obj *name) {
    Obj *x = obj_getattr(module, name);
    if (x) return x;
    if (!err_matches(Exc_AttributeError)) return NULL;
    err_clear();
    Obj *pkgname = obj_getattr_opt(module, NAME(__name__));
    if (!pkgname && err_occurred()) return NULL;
    if (pkgname && STR_CHECK(pkgname)) {
        Obj *full = str_from_format("%U.%U", pkgname, name);
        if (!full) { DECREF(pkgname); return NULL; }
        Obj *mods = vm_interp()->modules;
        x = dict_get(mods, full);
        DECREF(full);
        if (x) { DECREF(pkgname); return NEWREF(x); }
        if (err_occurred()) { DECREF(pkgname); return NULL; }
    }
    Obj *pkgpath = obj_getattr_opt(module, NAME(__file__));
    if (!pkgpath && err_occurred()) { XDECREF(pkgname); return NULL; }
    Obj *shown = pkgname ? NEWREF(pkgname) : str_from_cstr("<unknown module name>");
    bool initializing = false;
    Obj *spec = obj_getattr_opt(module, NAME(__spec__));
    if (spec) {
        Obj *init = obj_getattr_cstr(spec, "_initializing");
        if (init) { initializing = obj_is_true(init) == 1; DECREF(init); }
        err_clear();
        DECREF(spec);
    }
    err_clear();
    if (initializing)
        err_format(Exc_ImportError,
                   "cannot import name %R from partially initialized module %R (most likely due to a circular import) (%S)",
                   name, shown, pkgpath ? pkgpath : V_None);
    else if (!pkgpath || !STR_CHECK(pkgpath))
        err_format(Exc_ImportError, "cannot import name %R from %R (unknown location)", name, shown);
    else
        err_format(Exc_ImportError, "cannot import name %R from %R (%S)", name, shown, pkgpath);
    Obj *exc = err_current();
    if (exc && TYPE(exc) == Exc_ImportError) {
        ImportErrorObj *ie = (ImportErrorObj *)exc;
        SETREF(ie->name, NEWREF(shown));
        if (pkgpath) SETREF(ie->path, NEWREF(pkgpath));
    }
    DECREF(shown);
    XDECREF(pkgname);
    XDECREF(pkgpath);
    return NULL;
}

int eh_import_star(Frame *f, Obj *module) {
    Obj *locals = f->locals;
    if (!locals) { err_set_str(Exc_SystemError, "no locals found during 'import *'"); return -1; }
    Obj *all = obj_getattr_opt(module, NAME(__all__));
    bool skip_private = false;
    if (!all) {
        if (err_occurred()) return -1;
        Obj *d = obj_getattr_opt(module, NAME(__dict__));
        if (!d) {
            if (!err_occurred())
                err_set_str(Exc_ImportError, "from-import-* object has no __dict__ and no __all__");
            return -1;
        }
        all = DICT_CHECK(d) ? dict_keys_list(d) : seq_to_list(d);
        DECREF(d);
        if (!all) return -1;
        skip_private = true;
    }
    Obj *it = obj_get_iter(all);
    if (!it) { DECREF(all); return -1; }
    Obj *name;
    int rc = 0;
    while ((name = iter_next(it))) {
        if (!STR_CHECK(name)) {
            if (skip_private)
                err_format(Exc_TypeError, "Item in ``from list'' must be str, not %s", type_name(TYPE(name)));
            else {
                Obj *mn = obj_getattr_opt(module, NAME(__name__));
                err_format(Exc_TypeError, "Item in %S.__all__ must be str, not %s", mn ? mn : V_None,
                           type_name(TYPE(name)));
                XDECREF(mn);
            }
            DECREF(name);
            rc = -1;
            break;
        }
        if (skip_private && STR_DATA(name)[0] == '_') { DECREF(name); continue; }
        Obj *v = obj_getattr(module, name);
        if (!v) { DECREF(name); rc = -1; break; }
        int r = TYPE(locals) == &Type_dict ? dict_set(locals, name, v) : obj_setitem(locals, name, v);
        DECREF(v);
        DECREF(name);
        if (r < 0) { rc = -1; break; }
    }
    if (rc == 0 && err_occurred()) rc = -1;
    DECREF(it);
    DECREF(all);
    return rc;
}

/* ---- misc ---- */

int eh_setup_annotations(Obj *locals) {
    if (!locals) { err_set_str(Exc_SystemError, "no locals found when setting up annotations"); return -1; }
    if (TYPE(locals) == &Type_dict) {
        int has = dict_contains(locals, NAME(__annotations__));
        if (has < 0) return -1;
        if (has) return 0;
        Obj *d = dict_new();
        if (!d) return -1;
        int r = dict_set(locals, NAME(__annotations__), d);
        DECREF(d);
        return r;
    }
    Obj *v = obj_getitem(locals, NAME(__annotations__));
    if (v) { DECREF(v); return 0; }
    if (!err_matches(Exc_KeyError)) return -1;
    err_clear();
    Obj *d = dict_new();
    if (!d) return -1;
    int r = obj_setitem(locals, NAME(__annotations__), d);
    DECREF(d);
    return r;
}

int eh_print_expr(Obj *v) {
    Obj *sysd = vm_interp()->sysdict;
    Obj *hook = sysd ? dict_get(sysd, NAME(displayhook)) : NULL;
    if (!hook) {
        if (!err_occurred()) err_set_str(Exc_RuntimeError, "lost sys.displayhook");
        return -1;
    }
    INCREF(hook);
    Obj *r = obj_call1(hook, v);
    DECREF(hook);
    if (!r) return -1;
    DECREF(r);
    return 0;
}

/* MAKE_FUNCTION: extras = {defaults, kwdefaults, annotations, closure} (borrowed, NULL if absent). */
Obj *eh_make_function(Obj *code, Obj *globals, Obj **extras, int flags) {
    Obj *fn = function_new(code, globals, NULL);
    if (!fn) return NULL;
    FunctionObj *f = (FunctionObj *)fn;
    if (extras[0] && extras[0] != V_None) f->defaults = NEWREF(extras[0]);
    if (extras[1] && extras[1] != V_None) f->kwdefaults = NEWREF(extras[1]);
    if (extras[2] && extras[2] != V_None) {
        Obj *a = extras[2];
        if (DICT_CHECK(a)) {
            f->annotations = NEWREF(a);
        } else if (TUPLE_CHECK(a)) {
            Obj *d = dict_new();
            if (!d) { DECREF(fn); return NULL; }
            for (size_t i = 0; i + 1 < TUPLE_SIZE(a); i += 2)
                if (dict_set(d, TUPLE_GET(a, i), TUPLE_GET(a, i + 1)) < 0) { DECREF(d); DECREF(fn); return NULL; }
            f->annotations = d;
        }
    }
    if (extras[3] && extras[3] != V_None) f->closure = NEWREF(extras[3]);
    (void)flags;
    return fn;
}
