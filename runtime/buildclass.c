/* buildclass.c: builtins.__build_class__, the engine of the class statement: __mro_entries__,
 * the most derived metaclass, __prepare__, running the body, calling the metaclass, and
 * checking the __class__ cell used by zero-argument super(). */
#include <string.h>
#include "typeobj.h"
#include "names.h"
#include "vm.h"
#include "trace.h"

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
    if (TRACE_ON(TRACE_CLASS))
        trace_emitf(TRACE_CLASS, "%s: metaclass %s", str_cstr(name),
                    isclass ? type_name((Type *)meta) : type_name(TYPE(meta)));
    Obj *prep = obj_getattr_opt(meta, NAME(__prepare__));
    if (prep) {
        if (TRACE_ON(TRACE_CLASS)) trace_emitf(TRACE_CLASS, "%s: __prepare__", str_cstr(name));
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
    if (TRACE_ON(TRACE_CLASS)) trace_emitf(TRACE_CLASS, "%s: body", str_cstr(name));
    cell = vm_eval_class_body(func, ns);
    if (!cell) goto done;
    if (bases != orig_bases) {
        if (obj_setitem(ns, NAME(__orig_bases__), orig_bases) < 0) goto done;
    }
    if (TRACE_ON(TRACE_CLASS)) trace_emitf(TRACE_CLASS, "%s: calling metaclass", str_cstr(name));
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
