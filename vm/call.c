/* call.c: the generic call protocol (obj_call and friends), calling Python functions
 * (vm_call_function) and CPython's argument binding with its exact TypeError messages. */
#include <string.h>
#include "eval_internal.h"

/* Contract: object.h. Dispatches on the type's call slot. */
Obj *obj_call(Obj *callable, Obj *const *args, size_t nargs, Obj *kwnames) {
    Type *t = TYPE(callable);
    if (t == &Type_function) return vm_call_function(callable, args, nargs, kwnames);
    vectorcallfunc call = t->call;
    if (VT_UNLIKELY(!call)) return err_format(Exc_TypeError, "'%s' object is not callable", type_name(t));
    if (t == &Type_method) return call(callable, args, nargs, kwnames);
    if (vm_enter_recursive_call(" while calling a Python object") < 0) return NULL;
    Obj *res = call(callable, args, nargs, kwnames);
    vm_leave_recursive_call();
    VT_ASSERT((res != NULL) != err_occurred() || res == NULL, "call returned a value with an error set");
    return res;
}

Obj *obj_call0(Obj *callable) { return obj_call(callable, NULL, 0, NULL); }
Obj *obj_call1(Obj *callable, Obj *a) { return obj_call(callable, &a, 1, NULL); }
Obj *obj_call2(Obj *callable, Obj *a, Obj *b) {
    Obj *args[2] = {a, b};
    return obj_call(callable, args, 2, NULL);
}

/* Contract: object.h. args: tuple (or NULL), kwargs: dict (or NULL). */
Obj *obj_call_tuple_dict(Obj *callable, Obj *args, Obj *kwargs) {
    size_t nargs = args ? TUPLE_SIZE(args) : 0;
    size_t nkw = kwargs ? dict_size(kwargs) : 0;
    if (nkw == 0) return obj_call(callable, args ? TUPLE_ITEMS(args) : NULL, nargs, NULL);
    Obj *small[16];
    Obj **buf = nargs + nkw <= 16 ? small : vt_malloc((nargs + nkw) * sizeof(Obj *));
    if (!buf) return NULL;
    Obj *kwnames = tuple_new(nkw);
    if (!kwnames) { if (buf != small) vt_free(buf); return NULL; }
    for (size_t i = 0; i < nargs; i++) buf[i] = TUPLE_GET(args, i);
    size_t pos = 0, i = 0;
    Obj *k, *v;
    while (dict_next(kwargs, &pos, &k, &v)) {
        if (!STR_CHECK(k)) {
            err_set_str(Exc_TypeError, "keywords must be strings");
            for (size_t j = i; j < nkw; j++) TUPLE_SET_STEAL(kwnames, j, NEWREF(V_None));
            DECREF(kwnames);
            if (buf != small) vt_free(buf);
            return NULL;
        }
        TUPLE_SET_STEAL(kwnames, i, NEWREF(k));
        buf[nargs + i] = v;
        i++;
    }
    /* hold the values: the callee may mutate kwargs */
    for (size_t j = 0; j < nkw; j++) INCREF(buf[nargs + j]);
    Obj *res = obj_call(callable, buf, nargs, kwnames);
    for (size_t j = 0; j < nkw; j++) DECREF(buf[nargs + j]);
    DECREF(kwnames);
    if (buf != small) vt_free(buf);
    return res;
}

Obj *obj_call_method(Obj *o, Obj *name, Obj *const *args, size_t nargs) {
    Obj *m = obj_getattr(o, name);
    if (!m) return NULL;
    Obj *res = obj_call(m, args, nargs, NULL);
    DECREF(m);
    return res;
}

int obj_is_callable(Obj *o) { return TYPE(o)->call != NULL; }

/* ---- Python functions ---- */

/* Contract: vm.h. Generator-like code creates the generator object instead of running. */
Obj *vm_call_function(Obj *func, Obj *const *args, size_t nargs, Obj *kwnames) {
    FunctionObj *fn = (FunctionObj *)func;
    CodeObj *co = (CodeObj *)fn->code;
    bool gen = (co->flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) != 0;
    INCREF(func);
    Frame *f = gen ? frame_alloc(co, func, fn->globals, fn->builtins, NULL, true)
                   : frame_alloc_func(co, func, fn->globals, fn->builtins);
    if (!f) return NULL;
    if (vm_bind_args(f, func, args, nargs, kwnames) < 0) {
        DECREF((Obj *)f);
        return NULL;
    }
    if (gen) return gen_new_from_frame(f, func);
    bool returned;
    Obj *res = vm_eval_frame(vm_ts(), f, 0, &returned);
    frame_release(f);
    return res;
}

Obj *vm_func_description(Obj *func) {
    Obj *qual = obj_getattr_opt(func, NAME(__qualname__));
    if (!qual) {
        if (err_occurred()) return NULL;
        return str_from_format("%S()", func);
    }
    Obj *mod = obj_getattr_opt(func, NAME(__module__));
    if (!mod && err_occurred()) { DECREF(qual); return NULL; }
    Obj *r;
    if (mod && mod != V_None && !(STR_CHECK(mod) && str_eq_cstr(mod, "builtins")))
        r = str_from_format("%S.%S()", mod, qual);
    else
        r = str_from_format("%S()", qual);
    DECREF(qual);
    XDECREF(mod);
    return r;
}

/* 'a'  /  'a' and 'b'  /  'a', 'b', and 'c' */
static Obj *format_names(Obj *names) {
    size_t n = LIST_SIZE(names);
    StrBuilder sb;
    sb_init(&sb);
    for (size_t i = 0; i < n; i++) {
        Obj *r = obj_repr(LIST_GET(names, i));
        if (!r) { sb_discard(&sb); return NULL; }
        if (i > 0) sb_append_cstr(&sb, n == 2 ? " and " : (i == n - 1 ? ", and " : ", "));
        sb_append_str(&sb, r);
        DECREF(r);
    }
    return sb_finish(&sb);
}

static void missing_arguments(CodeObj *co, Obj *qualname, Obj **lp, int defcount, bool positional) {
    int start, end;
    if (positional) { start = 0; end = co->argcount - defcount; }
    else { start = co->argcount; end = start + co->kwonlyargcount; }
    Obj *names = list_new(0);
    if (!names) return;
    for (int i = start; i < end; i++)
        if (!lp[i] && list_append(names, TUPLE_GET(co->varnames, i)) < 0) { DECREF(names); return; }
    Obj *s = format_names(names);
    if (s) {
        size_t n = LIST_SIZE(names);
        err_format(Exc_TypeError, "%U() missing %zu required %s argument%s: %U", qualname, n,
                   positional ? "positional" : "keyword-only", n == 1 ? "" : "s", s);
        DECREF(s);
    }
    DECREF(names);
}

static void too_many_positional(CodeObj *co, Obj *qualname, Obj **lp, size_t given, int defcount) {
    int kwonly_given = 0;
    for (int i = co->argcount; i < co->argcount + co->kwonlyargcount; i++)
        if (lp[i]) kwonly_given++;
    char sig[64], kwsig[96];
    bool plural;
    if (defcount) {
        snprintf(sig, sizeof sig, "from %d to %d", co->argcount - defcount, co->argcount);
        plural = true;
    } else {
        snprintf(sig, sizeof sig, "%d", co->argcount);
        plural = co->argcount != 1;
    }
    kwsig[0] = '\0';
    if (kwonly_given)
        snprintf(kwsig, sizeof kwsig, " positional argument%s (and %d keyword-only argument%s)",
                 given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
    err_format(Exc_TypeError, "%U() takes %s positional argument%s but %zu%s %s given", qualname,
               sig, plural ? "s" : "", given, kwsig, given == 1 && !kwonly_given ? "was" : "were");
}

/* 1 (error set) if some positional-only parameter was passed by keyword. */
static int posonly_as_keyword(CodeObj *co, Obj *qualname, Obj *kwnames) {
    StrBuilder sb;
    sb_init(&sb);
    int found = 0;
    for (size_t k = 0; k < TUPLE_SIZE(kwnames); k++) {
        Obj *key = TUPLE_GET(kwnames, k);
        for (int j = 0; j < co->posonlyargcount; j++) {
            if (str_eq(TUPLE_GET(co->varnames, j), key)) {
                if (found++) sb_append_cstr(&sb, ", ");
                sb_append_str(&sb, key);
                break;
            }
        }
    }
    if (!found) { sb_discard(&sb); return 0; }
    Obj *s = sb_finish(&sb);
    if (s) {
        err_format(Exc_TypeError, "%U() got some positional-only arguments passed as keyword arguments: '%U'",
                   qualname, s);
        DECREF(s);
    }
    return 1;
}

/* Contract: eval_internal.h. */
int vm_bind_args(Frame *f, Obj *func, Obj *const *args, size_t nargs, Obj *kwnames) {
    FunctionObj *fn = (FunctionObj *)func;
    CodeObj *co = f->code;
    Obj **lp = f->localsplus;
    int argcount = co->argcount;
    int total_args = argcount + co->kwonlyargcount;
    int flags = co->flags;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;

    if (VT_LIKELY(nkw == 0 && (size_t)argcount == nargs &&
                  !(flags & (CO_VARARGS | CO_VARKEYWORDS)) && co->kwonlyargcount == 0)) {
        for (size_t i = 0; i < nargs; i++) { lp[i] = args[i]; INCREF(args[i]); }
        goto cells;
    }

    Obj *kwdict = NULL;
    if (flags & CO_VARKEYWORDS) {
        kwdict = dict_new();
        if (!kwdict) return -1;
        lp[total_args + ((flags & CO_VARARGS) ? 1 : 0)] = kwdict;
    }
    size_t n = nargs < (size_t)argcount ? nargs : (size_t)argcount;
    for (size_t i = 0; i < n; i++) { lp[i] = args[i]; INCREF(args[i]); }
    if (flags & CO_VARARGS) {
        Obj *t = tuple_from_array(args + n, nargs - n);
        if (!t) return -1;
        lp[total_args] = t;
    }
    Obj *const *kwvals = args + nargs;
    for (size_t k = 0; k < nkw; k++) {
        Obj *key = TUPLE_GET(kwnames, k), *val = kwvals[k];
        int j;
        for (j = co->posonlyargcount; j < total_args; j++)
            if (TUPLE_GET(co->varnames, j) == key) goto found;
        for (j = co->posonlyargcount; j < total_args; j++)
            if (str_eq(TUPLE_GET(co->varnames, j), key)) goto found;
        if (!kwdict) {
            if (co->posonlyargcount && posonly_as_keyword(co, fn->qualname, kwnames)) return -1;
            err_format(Exc_TypeError, "%U() got an unexpected keyword argument '%S'", fn->qualname, key);
            return -1;
        }
        if (dict_set(kwdict, key, val) < 0) return -1;
        continue;
    found:
        if (lp[j]) {
            err_format(Exc_TypeError, "%U() got multiple values for argument '%S'", fn->qualname, key);
            return -1;
        }
        lp[j] = val;
        INCREF(val);
    }
    int defcount = fn->defaults ? (int)TUPLE_SIZE(fn->defaults) : 0;
    if (nargs > (size_t)argcount && !(flags & CO_VARARGS)) {
        too_many_positional(co, fn->qualname, lp, nargs, defcount);
        return -1;
    }
    if (nargs < (size_t)argcount) {
        int m = argcount - defcount;
        int missing = 0;
        for (int i = (int)nargs; i < m; i++)
            if (!lp[i]) missing++;
        if (missing) {
            missing_arguments(co, fn->qualname, lp, defcount, true);
            return -1;
        }
        int i = (int)nargs > m ? (int)nargs - m : 0;
        for (; i < defcount; i++) {
            if (!lp[m + i]) { lp[m + i] = TUPLE_GET(fn->defaults, i); INCREF(lp[m + i]); }
        }
    }
    if (co->kwonlyargcount > 0) {
        int missing = 0;
        for (int i = argcount; i < total_args; i++) {
            if (lp[i]) continue;
            if (fn->kwdefaults) {
                Obj *def = dict_get(fn->kwdefaults, TUPLE_GET(co->varnames, i));
                if (def) { lp[i] = NEWREF(def); continue; }
                if (err_occurred()) return -1;
            }
            missing++;
        }
        if (missing) {
            missing_arguments(co, fn->qualname, lp, -1, false);
            return -1;
        }
    }
cells:;
    size_t ncells = CODE_NCELLS(co), nfrees = CODE_NFREES(co);
    if (VT_UNLIKELY(ncells | nfrees)) {
        Obj **cp = lp + co->nlocals;
        for (size_t i = 0; i < ncells; i++) {
            int a = co->cell2arg ? co->cell2arg[i] : -1;
            Obj *c = cell_new(a >= 0 ? lp[a] : NULL);
            if (!c) return -1;
            /* the argument slot keeps its value too (zero-argument super() reads it) */
            cp[i] = c;
        }
        for (size_t i = 0; i < nfrees; i++) {
            Obj *c = fn->closure && i < TUPLE_SIZE(fn->closure) ? TUPLE_GET(fn->closure, i) : NULL;
            if (!c) { err_set_str(Exc_SystemError, "function closure does not match its code"); return -1; }
            cp[ncells + i] = NEWREF(c);
        }
    }
    return 0;
}
