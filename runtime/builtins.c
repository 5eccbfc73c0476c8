/* builtins.c: the builtins module: its table of functions (numbers, iteration, attributes,
 * conversions) and the names of the built-in types, exceptions and constants.
 * print/input/exec/eval/compile/globals/locals/vars/dir/__import__ are in builtins_exec.c. */
#include <string.h>
#include "types.h"
#include "objcore.h"
#include "vm.h"
#include "names.h"
#include "modules.h"
#include "dict.h"
#include "fileio.h"
#include "builtins_impl.h"

#define ARGS Obj *self, Obj *const *args, size_t nargs, Obj *kwnames

static Obj *b_len(ARGS) {
    intptr_t n = obj_len(args[0]);
    return n < 0 ? NULL : int_from_i64(n);
}

static Obj *b_abs(ARGS) { return obj_unop(args[0], UN_ABSOLUTE); }
static Obj *b_repr(ARGS) { return obj_repr(args[0]); }
static Obj *b_ascii(ARGS) { return obj_ascii(args[0]); }
static Obj *b_id(ARGS) { return obj_id(args[0]); }
static Obj *b_callable(ARGS) { RETURN_BOOL(obj_is_callable(args[0])); }

static Obj *b_hash(ARGS) {
    intptr_t h = obj_hash(args[0]);
    return h == -1 ? NULL : int_from_i64(h);
}

static Obj *b_format(ARGS) {
    if (args_check_count("format", nargs, kwnames, 1, 2) < 0) return NULL;
    if (nargs > 1 && !STR_CHECK(args[1]))
        return err_format(Exc_TypeError, "format() argument 2 must be str, not %s", TP_NAME(TYPE(args[1])));
    return obj_format(args[0], nargs > 1 ? args[1] : NULL);
}

static Obj *b_divmod(ARGS) {
    if (args_check_count("divmod", nargs, kwnames, 2, 2) < 0) return NULL;
    return obj_binop(args[0], args[1], NB_DIVMOD);
}

static Obj *b_pow(ARGS) {
    static const char *const names[] = {"base", "exp", "mod"};
    Obj *a[3];
    if (args_parse("pow", args, nargs, kwnames, names, 3, 2, 3, a) < 0) return NULL;
    return number_power(a[0], a[1], a[2] == V_None ? NULL : a[2]);
}

static Obj *b_round(ARGS) {
    static const char *const names[] = {"number", "ndigits"};
    Obj *a[2];
    if (args_parse("round", args, nargs, kwnames, names, 2, 1, 2, a) < 0) return NULL;
    Obj *meth = obj_lookup_special(a[0], NAME(__round__));
    if (!meth) {
        if (err_occurred()) return NULL;
        return err_format(Exc_TypeError, "type %s doesn't define __round__ method", TP_NAME(TYPE(a[0])));
    }
    Obj *r = (a[1] && a[1] != V_None) ? obj_call1(meth, a[1]) : obj_call0(meth);
    DECREF(meth);
    return r;
}

static Obj *b_isinstance(ARGS) {
    if (args_check_count("isinstance", nargs, kwnames, 2, 2) < 0) return NULL;
    int r = obj_isinstance(args[0], args[1]);
    return r < 0 ? NULL : bool_from(r);
}

static Obj *b_issubclass(ARGS) {
    if (args_check_count("issubclass", nargs, kwnames, 2, 2) < 0) return NULL;
    int r = obj_issubclass(args[0], args[1]);
    return r < 0 ? NULL : bool_from(r);
}

/* ---- attributes ---- */

static Obj *b_getattr(ARGS) {
    if (args_check_count("getattr", nargs, kwnames, 2, 3) < 0) return NULL;
    if (!STR_CHECK(args[1]))
        return err_format(Exc_TypeError, "attribute name must be string, not '%s'", TP_NAME(TYPE(args[1])));
    if (nargs == 3) {
        Obj *r = obj_getattr_opt(args[0], args[1]);
        if (r || err_occurred()) return r;
        return NEWREF(args[2]);
    }
    return obj_getattr(args[0], args[1]);
}

static Obj *b_hasattr(ARGS) {
    if (args_check_count("hasattr", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!STR_CHECK(args[1]))
        return err_format(Exc_TypeError, "attribute name must be string, not '%s'", TP_NAME(TYPE(args[1])));
    int r = obj_hasattr(args[0], args[1]);
    return r < 0 ? NULL : bool_from(r);
}

static Obj *b_setattr(ARGS) {
    if (args_check_count("setattr", nargs, kwnames, 3, 3) < 0) return NULL;
    if (obj_setattr(args[0], args[1], args[2]) < 0) return NULL;
    RETURN_NONE;
}

static Obj *b_delattr(ARGS) {
    if (args_check_count("delattr", nargs, kwnames, 2, 2) < 0) return NULL;
    if (obj_setattr(args[0], args[1], NULL) < 0) return NULL;
    RETURN_NONE;
}

/* ---- iteration ---- */

static Obj *b_iter(ARGS) {
    if (args_check_count("iter", nargs, kwnames, 1, 2) < 0) return NULL;
    if (nargs == 1) return obj_get_iter(args[0]);
    if (!obj_is_callable(args[0])) return err_set_str(Exc_TypeError, "iter(v, w): v must be callable");
    return calliter_new(args[0], args[1]);
}

static Obj *b_next(ARGS) {
    if (args_check_count("next", nargs, kwnames, 1, 2) < 0) return NULL;
    Type *t = TYPE(args[0]);
    if (!t->iternext) return err_format(Exc_TypeError, "'%s' object is not an iterator", TP_NAME(t));
    Obj *r = t->iternext(args[0]);
    if (r) return r;
    if (err_occurred()) {
        if (nargs < 2 || !err_matches(Exc_StopIteration)) return NULL;
        err_clear();
    }
    if (nargs == 2) return NEWREF(args[1]);
    return err_set_object(Exc_StopIteration, NULL);
}

static Obj *b_any(ARGS) {
    Obj *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    Obj *x;
    while ((x = iter_next(it))) {
        int t = obj_is_true(x);
        DECREF(x);
        if (t != 0) { DECREF(it); return t < 0 ? NULL : NEWREF(V_True); }
    }
    DECREF(it);
    return err_occurred() ? NULL : NEWREF(V_False);
}

static Obj *b_all(ARGS) {
    Obj *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    Obj *x;
    while ((x = iter_next(it))) {
        int t = obj_is_true(x);
        DECREF(x);
        if (t <= 0) { DECREF(it); return t < 0 ? NULL : NEWREF(V_False); }
    }
    DECREF(it);
    return err_occurred() ? NULL : NEWREF(V_True);
}

static Obj *b_sorted(ARGS) {
    if (nargs != 1) return err_format(Exc_TypeError, "sorted expected 1 argument, got %zu", nargs);
    Obj *key = NULL;
    int reverse = 0;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        Obj *k = TUPLE_GET(kwnames, i), *v = args[nargs + i];
        if (str_eq_cstr(k, "key")) key = v == V_None ? NULL : v;
        else if (str_eq_cstr(k, "reverse")) {
            /* list.sort's reverse is an int-like flag: reverse='x' is a TypeError */
            int64_t r = obj_as_index_i64(v, NULL);
            if (r == -1 && err_occurred()) return NULL;
            reverse = r != 0;
        } else {
            return err_format(Exc_TypeError, "'%U' is an invalid keyword argument for sort()", k);
        }
    }
    Obj *list = seq_to_list(args[0]);
    if (!list) return NULL;
    if (list_sort(list, key, reverse) < 0) { DECREF(list); return NULL; }
    return list;
}

/* min() and max(): one iterable or several positional arguments; key= and default=. */
static Obj *min_max(Obj *const *args, size_t nargs, Obj *kwnames, int op, const char *name) {
    Obj *key = NULL, *dflt = NULL;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        Obj *k = TUPLE_GET(kwnames, i);
        if (str_eq_cstr(k, "key")) key = args[nargs + i];
        else if (str_eq_cstr(k, "default")) dflt = args[nargs + i];
        else return err_format(Exc_TypeError, "'%U' is an invalid keyword argument for %s()", k, name);
    }
    if (key == V_None) key = NULL;
    if (nargs == 0) return err_format(Exc_TypeError, "%s expected at least 1 argument, got 0", name);
    if (nargs > 1 && dflt)
        return err_format(Exc_TypeError, "Cannot specify a default for %s() with multiple positional arguments", name);
    Obj *it;
    if (nargs == 1) {
        it = obj_get_iter(args[0]);
    } else {
        Obj *seq = tuple_from_array(args, nargs);
        if (!seq) return NULL;
        it = obj_get_iter(seq);
        DECREF(seq);
    }
    if (!it) return NULL;
    Obj *best = NULL, *bestkey = NULL, *x;
    while ((x = iter_next(it))) {
        Obj *kx = key ? obj_call1(key, x) : NEWREF(x);
        if (!kx) { DECREF(x); goto fail; }
        if (!best) {
            best = x;
            bestkey = kx;
            continue;
        }
        int c = obj_richcompare_bool(kx, bestkey, op);
        if (c < 0) { DECREF(x); DECREF(kx); goto fail; }
        if (c) {
            SETREF(best, x);
            SETREF(bestkey, kx);
        } else {
            DECREF(x);
            DECREF(kx);
        }
    }
    if (err_occurred()) goto fail;
    DECREF(it);
    XDECREF(bestkey);
    if (!best) {
        if (dflt) return NEWREF(dflt);
        return err_format(Exc_ValueError, "%s() arg is an empty sequence", name);
    }
    return best;
fail:
    DECREF(it);
    XDECREF(best);
    XDECREF(bestkey);
    return NULL;
}

static Obj *b_min(ARGS) { return min_max(args, nargs, kwnames, CMP_LT, "min"); }
static Obj *b_max(ARGS) { return min_max(args, nargs, kwnames, CMP_GT, "max"); }

/* sum(iterable, /, start=0): exact int and float fast paths, then generic + */
static Obj *b_sum(ARGS) {
    static const char *const names[] = {"", "start"};
    Obj *a[2];
    if (args_parse("sum", args, nargs, kwnames, names, 2, 1, 2, a) < 0) return NULL;
    Obj *result = a[1] ? a[1] : MAKE_SMALL(0);
    if (STR_CHECK(result)) return err_set_str(Exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    if (BYTES_CHECK(result)) return err_set_str(Exc_TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
    if (IS_TYPE(result, &Type_bytearray))
        return err_set_str(Exc_TypeError, "sum() can't sum bytearray [use b''.join(seq) instead]");
    Obj *it = obj_get_iter(a[0]);
    if (!it) return NULL;
    INCREF(result);
    Obj *x;
    /* int fast path: small ints accumulate without allocation */
    if (IS_SMALL(result)) {
        int64_t acc = SMALL_VALUE(result);
        for (;;) {
            x = iter_next(it);
            if (!x) break;
            if (IS_SMALL(x)) {
                int64_t v = SMALL_VALUE(x), s;
                if (!__builtin_add_overflow(acc, v, &s) && FITS_SMALL(s)) { acc = s; continue; }
            }
            result = int_from_i64(acc);
            goto generic_with_x;
        }
        DECREF(it);
        if (err_occurred()) return NULL;
        return int_from_i64(acc);
    }
    if (IS_TYPE(result, &Type_float)) {
        double acc = FLOAT_VALUE(result);
        for (;;) {
            x = iter_next(it);
            if (!x) break;
            if (IS_TYPE(x, &Type_float)) { acc += FLOAT_VALUE(x); DECREF(x); continue; }
            if (IS_SMALL(x)) { acc += (double)SMALL_VALUE(x); continue; }
            DECREF(result);
            result = float_from_double(acc);
            goto generic_with_x;
        }
        DECREF(it);
        DECREF(result);
        if (err_occurred()) return NULL;
        return float_from_double(acc);
    }
    for (;;) {
        x = iter_next(it);
        if (!x) break;
    generic_with_x:
        if (!result) { DECREF(x); DECREF(it); return NULL; }
        {
            Obj *r = obj_binop(result, x, NB_ADD);
            DECREF(x);
            DECREF(result);
            result = r;
            if (!result) { DECREF(it); return NULL; }
        }
    }
    DECREF(it);
    if (err_occurred()) { DECREF(result); return NULL; }
    return result;
}

/* ---- characters and number formatting ---- */

static Obj *b_chr(ARGS) {
    Obj *i = obj_index(args[0]);
    if (!i) return NULL;
    int64_t v;
    int ov = int_as_i64_checked(i, &v);
    DECREF(i);
    if (ov < 0 || v > INT32_MAX || v < INT32_MIN)
        return err_set_str(Exc_OverflowError, "Python int too large to convert to C int");
    if (v < 0 || v > 0x10FFFF) return err_set_str(Exc_ValueError, "chr() arg not in range(0x110000)");
    return str_from_codepoint((uint32_t)v);
}

static Obj *b_ord(ARGS) {
    Obj *c = args[0];
    size_t n;
    if (STR_CHECK(c)) {
        n = STR_LEN(c);
        if (n == 1) return MAKE_SMALL(str_char_at(c, 0));
    } else if (BYTES_CHECK(c)) {
        n = BYTES_SIZE(c);
        if (n == 1) return MAKE_SMALL((unsigned char)BYTES_DATA(c)[0]);
    } else if (IS_TYPE(c, &Type_bytearray)) {
        n = ((ByteArrayObj *)c)->size;
        if (n == 1) return MAKE_SMALL((unsigned char)((ByteArrayObj *)c)->data[0]);
    } else {
        return err_format(Exc_TypeError, "ord() expected string of length 1, but %s found", TP_NAME(TYPE(c)));
    }
    return err_format(Exc_TypeError, "ord() expected a character, but string of length %zu found", n);
}

static Obj *base_repr(Obj *v, int base) {
    Obj *i = obj_index(v);
    if (!i) return NULL;
    Obj *r = int_to_base_string(i, base, true);
    DECREF(i);
    return r;
}
static Obj *b_hex(ARGS) { return base_repr(args[0], 16); }
static Obj *b_oct(ARGS) { return base_repr(args[0], 8); }
static Obj *b_bin(ARGS) { return base_repr(args[0], 2); }

static Obj *b_open(ARGS) { return file_open(args, nargs, kwnames); }

static const MethodDef builtin_methods[] = {
    {"__build_class__", builtin___build_class__, METH_VARARGS | METH_KEYWORDS,
     "__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class"},
    {"__import__", b___import__, METH_VARARGS | METH_KEYWORDS, NULL},
    {"abs", b_abs, METH_O, "Return the absolute value of the argument."},
    {"all", b_all, METH_O, NULL},
    {"any", b_any, METH_O, NULL},
    {"ascii", b_ascii, METH_O, NULL},
    {"bin", b_bin, METH_O, NULL},
    {"callable", b_callable, METH_O, NULL},
    {"chr", b_chr, METH_O, NULL},
    {"compile", b_compile, METH_VARARGS | METH_KEYWORDS, NULL},
    {"delattr", b_delattr, METH_VARARGS, NULL},
    {"dir", b_dir, METH_VARARGS, NULL},
    {"divmod", b_divmod, METH_VARARGS, NULL},
    {"eval", b_eval, METH_VARARGS | METH_KEYWORDS, NULL},
    {"exec", b_exec, METH_VARARGS | METH_KEYWORDS, NULL},
    {"format", b_format, METH_VARARGS, NULL},
    {"getattr", b_getattr, METH_VARARGS, NULL},
    {"globals", b_globals, METH_NOARGS, NULL},
    {"hasattr", b_hasattr, METH_VARARGS, NULL},
    {"hash", b_hash, METH_O, NULL},
    {"hex", b_hex, METH_O, NULL},
    {"id", b_id, METH_O, NULL},
    {"input", b_input, METH_VARARGS, NULL},
    {"isinstance", b_isinstance, METH_VARARGS, NULL},
    {"issubclass", b_issubclass, METH_VARARGS, NULL},
    {"iter", b_iter, METH_VARARGS, NULL},
    {"len", b_len, METH_O, "Return the number of items in a container."},
    {"locals", b_locals, METH_NOARGS, NULL},
    {"max", b_max, METH_VARARGS | METH_KEYWORDS, NULL},
    {"min", b_min, METH_VARARGS | METH_KEYWORDS, NULL},
    {"next", b_next, METH_VARARGS, NULL},
    {"oct", b_oct, METH_O, NULL},
    {"open", b_open, METH_VARARGS | METH_KEYWORDS, NULL},
    {"ord", b_ord, METH_O, NULL},
    {"pow", b_pow, METH_VARARGS | METH_KEYWORDS, NULL},
    {"print", b_print, METH_VARARGS | METH_KEYWORDS, NULL},
    {"repr", b_repr, METH_O, NULL},
    {"round", b_round, METH_VARARGS | METH_KEYWORDS, NULL},
    {"setattr", b_setattr, METH_VARARGS, NULL},
    {"sorted", b_sorted, METH_VARARGS | METH_KEYWORDS, NULL},
    {"sum", b_sum, METH_VARARGS | METH_KEYWORDS, NULL},
    {"vars", b_vars, METH_VARARGS, NULL},
    {NULL},
};

Obj *modinit_builtins(void) {
    Obj *m = module_new("builtins");
    if (!m) return NULL;
    if (module_add_methods(m, builtin_methods) < 0) goto fail;
    struct { const char *name; Type *t; } types[] = {
        {"bool", &Type_bool}, {"bytearray", &Type_bytearray}, {"bytes", &Type_bytes},
        {"classmethod", &Type_classmethod}, {"complex", &Type_complex}, {"dict", &Type_dict},
        {"enumerate", &Type_enumerate}, {"filter", &Type_filter}, {"float", &Type_float},
        {"frozenset", &Type_frozenset}, {"int", &Type_int}, {"list", &Type_list}, {"map", &Type_map},
        {"memoryview", &Type_memoryview}, {"object", &Type_object}, {"property", &Type_property},
        {"range", &Type_range}, {"reversed", &Type_reversed}, {"set", &Type_set}, {"slice", &Type_slice},
        {"staticmethod", &Type_staticmethod}, {"str", &Type_str}, {"super", &Type_super},
        {"tuple", &Type_tuple}, {"type", &Type_type}, {"zip", &Type_zip},
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (module_add_object(m, types[i].name, (Obj *)types[i].t) < 0) goto fail;
#define X(name, base) if (module_add_object(m, #name, (Obj *)Exc_##name) < 0) goto fail;
    EXCEPTION_TYPES(X)
#undef X
    if (module_add_object(m, "EnvironmentError", (Obj *)Exc_OSError) < 0 ||
        module_add_object(m, "IOError", (Obj *)Exc_OSError) < 0 ||
        module_add_object(m, "None", V_None) < 0 || module_add_object(m, "Ellipsis", V_Ellipsis) < 0 ||
        module_add_object(m, "NotImplemented", V_NotImplemented) < 0 ||
        module_add_object(m, "True", V_True) < 0 || module_add_object(m, "False", V_False) < 0 ||
        module_add_object(m, "__debug__", V_True) < 0 ||
        module_add_str(m, "__doc__",
                       "Built-in functions, exceptions, and other objects.\n\nNoteworthy: None is the `nil' object; Ellipsis represents `...' in slices.") < 0)
        goto fail;
    return m;
fail:
    DECREF(m);
    return NULL;
}
