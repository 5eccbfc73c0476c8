/* buildclass.c: builtins.__build_class__, the engine of the class statement: __mro_entries__,
 * the most derived metaclass, __prepare__, running the body, calling the metaclass, and
 * checking the __class__ cell used by zero-argument super(). */
#include <string.h>
#include "typeobj.h"
#include "names.h"
#include "vm.h"
#include "trace.h"
#include "attr_trace.h"
#include <stdio.h>

/* PEP 560: replace non-class bases by what their __mro_entries__ returns. New ref; returns
 * orig itself (new ref) when nothing changed. */
static Obj *update_bases(Obj *orig) {
    Obj *list = NULL;
    size_t n = TUPLE_SIZE(orig);
    for (size_t i = 0; i < n; i++) {
        Obj *b = TUPLE_GET(orig, i);
        if (TYPE_CHECK(b)) {
            if (list && list_append(list, b) < 0) goto fail;
            continue;
        }
        Obj *meth = obj_getattr_opt(b, NAME(__mro_entries__));
        if (!meth) {
            if (err_occurred()) goto fail;
            if (list && list_append(list, b) < 0) goto fail;
            continue;
        }
        Obj *entries = obj_call1(meth, orig);
        DECREF(meth);
        if (!entries) goto fail;
        if (!TUPLE_CHECK(entries)) {
            err_set_str(Exc_TypeError, "__mro_entries__ must return a tuple");
            DECREF(entries);
            goto fail;
        }
        if (!list) {
            list = list_from_array(TUPLE_ITEMS(orig), i);
            if (!list) { DECREF(entries); goto fail; }
        }
        int r = list_extend(list, entries);
        DECREF(entries);
        if (r < 0) goto fail;
    }
    if (!list) return NEWREF(orig);
    Obj *t = list_as_tuple(list);
    DECREF(list);
    return t;
fail:
    XDECREF(list);
    return NULL;
}

static Obj *call_with_kwds(Obj *callable, Obj *const *pre, size_t npre, Obj *kwds) {
    Obj **argv, *kwnames;
    if (kwds_to_vector(pre, npre, kwds, &argv, &kwnames) < 0) return NULL;
    Obj *r = obj_call(callable, argv, npre, kwnames);
    vt_free(argv);
    XDECREF(kwnames);
    return r;
}

/* --trace=class: the metaclass chosen, and the candidates it was chosen from (the explicit
 * metaclass= or type, then type(base) for each base; the most derived one wins). */
static void trace_metaclass(Obj *name, Obj *meta, int isclass, bool explicit_meta, Obj *bases) {
    char buf[512];
    size_t n = 0;
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", explicit_meta ? "metaclass=" : "default type");
    if (explicit_meta && n < sizeof buf)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s",
                              isclass ? type_name((Type *)meta) : type_name(TYPE(meta)));
    for (size_t i = 0; i < TUPLE_SIZE(bases) && n < sizeof buf; i++) {
        Obj *b = TUPLE_GET(bases, i);
        n += (size_t)snprintf(buf + n, sizeof buf - n, ", type(%s)=%s",
                              TYPE_CHECK(b) ? type_name((Type *)b) : type_name(TYPE(b)), type_name(TYPE(b)));
    }
    trace_emitf(TRACE_CLASS, "%s: metaclass %s chosen from [%s]", str_cstr(name),
                isclass ? type_name((Type *)meta) : type_name(TYPE(meta)), buf);
}

/* --trace=class: the names the class body defined (keys of a dict namespace). */
static void trace_body_names(Obj *name, Obj *ns) {
    char buf[512];
    size_t n = 0;
    buf[0] = 0;
    if (DICT_CHECK(ns)) {
        Obj *keys = dict_keys_list(ns);
        if (!keys) { err_clear(); return; }
        for (size_t i = 0; i < LIST_SIZE(keys) && n < sizeof buf; i++) {
            Obj *k = LIST_GET(keys, i);
            if (!STR_CHECK(k)) continue;
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? ", " : "", str_cstr(k));
        }
        DECREF(keys);
    }
    trace_emitf(TRACE_CLASS, "%s: body defined [%s]", str_cstr(name), buf);
}

Obj *builtin___build_class__(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (nargs < 2) return err_set_str(Exc_TypeError, "__build_class__: not enough arguments");
    Obj *func = args[0], *name = args[1];
    if (TYPE(func) != &Type_function)
        return err_set_str(Exc_TypeError, "__build_class__: func must be a function");
    if (!STR_CHECK(name)) return err_set_str(Exc_TypeError, "__build_class__: name is not a string");
    Obj *orig_bases = tuple_from_array(args + 2, nargs - 2);
    if (!orig_bases) return NULL;
    Obj *bases = NULL, *kwds = NULL, *meta = NULL, *ns = NULL, *cell = NULL, *cls = NULL;
    bases = update_bases(orig_bases);
    if (!bases) goto done;
    kwds = dict_new();
    if (!kwds) goto done;
    for (size_t i = 0; kwnames && i < TUPLE_SIZE(kwnames); i++)
        if (dict_set(kwds, TUPLE_GET(kwnames, i), args[nargs + i]) < 0) goto done;
    meta = dict_get(kwds, NAME(metaclass));
    bool explicit_meta = meta != NULL;
    int isclass;
    if (meta) {
        INCREF(meta);
        if (dict_del(kwds, NAME(metaclass)) < 0) goto done;
        isclass = TYPE_CHECK(meta);
    } else {
        meta = TUPLE_SIZE(bases) == 0 ? (Obj *)&Type_type : (Obj *)TYPE(TUPLE_GET(bases, 0));
        INCREF(meta);
        isclass = 1;
    }
    if (isclass) {
        Type *winner = type_calculate_metaclass((Type *)meta, bases);
        if (!winner) goto done;
        SETREF(meta, NEWREF((Obj *)winner));
    }
    if (TRACE_ON(TRACE_CLASS)) trace_metaclass(name, meta, isclass, explicit_meta, bases);
    Obj *prep = obj_getattr_opt(meta, NAME(__prepare__));
    if (prep) {
        if (TRACE_ON(TRACE_CLASS))
            trace_emitf(TRACE_CLASS, "%s: %s.__prepare__ -> namespace", str_cstr(name),
                        isclass ? trace_attr_owner((Type *)meta, NAME(__prepare__)) : "metaclass");
        Obj *pre[2] = {name, bases};
        ns = call_with_kwds(prep, pre, 2, kwds);
        DECREF(prep);
        if (!ns) goto done;
    } else {
        if (err_occurred()) goto done;
        ns = dict_new();
        if (!ns) goto done;
    }
    if (!DICT_CHECK(ns) && !TYPE(ns)->getitem) {
        err_format(Exc_TypeError, "%s.__prepare__() must return a mapping, not %s",
                   isclass ? type_name((Type *)meta) : "<metaclass>", type_name(TYPE(ns)));
        goto done;
    }
    if (TRACE_ON(TRACE_CLASS))
        trace_emitf(TRACE_CLASS, "%s: executing body in a %s", str_cstr(name), type_name(TYPE(ns)));
    cell = vm_eval_class_body(func, ns);
    if (!cell) goto done;
    if (TRACE_ON(TRACE_CLASS)) trace_body_names(name, ns);
    if (bases != orig_bases) {
        if (obj_setitem(ns, NAME(__orig_bases__), orig_bases) < 0) goto done;
    }
    if (TRACE_ON(TRACE_CLASS))
        trace_emitf(TRACE_CLASS, "%s: calling %s(name, bases, namespace)", str_cstr(name),
                    isclass ? type_name((Type *)meta) : "the metaclass");
    Obj *pre[3] = {name, bases, ns};
    cls = call_with_kwds(meta, pre, 3, kwds);
    if (cls && TYPE(cell) == &Type_cell) {
        Obj *cell_cls = ((CellObj *)cell)->ref;
        if (cell_cls != cls) {
            if (!cell_cls)
                err_format(Exc_RuntimeError, "__class__ not set defining %R as %R. "
                           "Was __classcell__ propagated to type.__new__?", name, cls);
            else
                err_format(Exc_TypeError, "__class__ set to %R defining %R as %R", cell_cls, name, cls);
            CLEAR(cls);
        }
    }
done:
    XDECREF(cell);
    XDECREF(ns);
    XDECREF(meta);
    XDECREF(kwds);
    XDECREF(bases);
    DECREF(orig_bases);
    return cls;
}
