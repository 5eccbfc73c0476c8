/* errors.c: the error API (setting, fetching, matching, printing exceptions; warnings). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "types.h"
#include "vm.h"
#include "names.h"
#include "objcore.h"
#include "exceptions.h"

/* Make exc (a BaseException instance) current, chaining the handled exception as __context__. */
Obj *err_set_instance(Obj *exc) {
    ThreadState *ts = vm_ts();
    INCREF(exc);
    Obj *handled = ts->handled;
    if (handled && handled != V_None && handled != exc && EXC_CHECK(handled)) {
        INCREF(handled);
        exc_set_context(exc, handled);
    }
    SETREF(ts->curexc, exc);
    return NULL;
}

Obj *err_vformat(Type *type, const char *fmt, va_list ap) {
    Obj *msg = str_from_vformat(fmt, ap);
    if (!msg) return NULL;
    Obj *exc = exc_new(type, &msg, 1);
    DECREF(msg);
    if (!exc) return NULL;
    err_set_instance(exc);
    DECREF(exc);
    return NULL;
}

Obj *err_format(Type *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    err_vformat(type, fmt, ap);
    va_end(ap);
    return NULL;
}

Obj *err_set_str(Type *type, const char *msg) {
    Obj *s = str_from_cstr(msg);
    if (!s) return NULL;
    Obj *exc = exc_new(type, &s, 1);
    DECREF(s);
    if (!exc) return NULL;
    err_set_instance(exc);
    DECREF(exc);
    return NULL;
}

/* CPython's normalisation: an instance of type is used as is, a tuple is *args, else one arg. */
Obj *err_set_object(Type *type, Obj *value) {
    Obj *exc;
    if (value && EXC_CHECK(value) && type_is_subtype(TYPE(value), type)) {
        return err_set_instance(value);
    }
    if (!value || value == V_None)
        exc = obj_call((Obj *)type, NULL, 0, NULL);
    else if (TUPLE_CHECK(value))
        exc = obj_call((Obj *)type, TUPLE_ITEMS(value), TUPLE_SIZE(value), NULL);
    else
        exc = obj_call((Obj *)type, &value, 1, NULL);
    if (!exc) return NULL;
    if (!EXC_CHECK(exc)) {
        err_format(Exc_TypeError,
                   "calling %R should have returned an instance of BaseException, not %s",
                   (Obj *)type, TYPE(exc)->name);
        DECREF(exc);
        return NULL;
    }
    err_set_instance(exc);
    DECREF(exc);
    return NULL;
}

/* MemoryError without allocating a message (the allocation might fail again). */
Obj *err_no_memory(void) {
    Obj *exc = exc_new(Exc_MemoryError, NULL, 0);
    if (exc) {
        err_set_instance(exc);
        DECREF(exc);
    }
    return NULL;
}

Obj *err_from_errno_filename(Type *type, const char *filename) {
    int e = errno;
    Obj *args[3];
    size_t n = 2;
    args[0] = MAKE_SMALL(e);
    args[1] = str_from_cstr(strerror(e));
    if (!args[1]) return NULL;
    if (filename) {
        args[2] = str_from_fs(filename);
        if (!args[2]) { DECREF(args[1]); return NULL; }
        n = 3;
    }
    Obj *exc = obj_call((Obj *)type, args, n, NULL);
    DECREF(args[1]);
    if (n == 3) DECREF(args[2]);
    if (!exc) return NULL;
    err_set_instance(exc);
    DECREF(exc);
    return NULL;
}

Obj *err_from_errno(Type *type) { return err_from_errno_filename(type, NULL); }

Obj *err_bad_internal_call(const char *where) {
    return err_format(Exc_SystemError, "%s: bad argument to internal function", where);
}

bool err_occurred(void) { return vm_ts()->curexc != NULL; }
Obj *err_current(void) { return vm_ts()->curexc; }

int err_matches(Type *type) {
    Obj *e = vm_ts()->curexc;
    return e && type_is_subtype(TYPE(e), type);
}

/* exc (instance or class) matches cls (class or tuple of classes, recursively). */
int exc_matches(Obj *exc, Obj *cls) {
    if (!exc || !cls) return 0;
    Type *t = TYPE_CHECK(exc) ? (Type *)exc : TYPE(exc);
    if (TUPLE_CHECK(cls)) {
        for (size_t i = 0; i < TUPLE_SIZE(cls); i++)
            if (exc_matches(exc, TUPLE_GET(cls, i))) return 1;
        return 0;
    }
    if (!TYPE_CHECK(cls)) return 0;
    return type_is_subtype(t, (Type *)cls);
}

Obj *err_fetch(void) {
    ThreadState *ts = vm_ts();
    Obj *e = ts->curexc;
    ts->curexc = NULL;
    return e;
}

void err_restore(Obj *exc) {
    ThreadState *ts = vm_ts();
    SETREF(ts->curexc, exc);
}

void err_clear(void) {
    ThreadState *ts = vm_ts();
    CLEAR(ts->curexc);
}

/* sys.<name> straight from the sys dict (no attribute machinery); borrowed. */
Obj *sys_get_borrowed(const char *name) {
    ThreadState *ts = vm_ts();
    if (!ts || !ts->interp || !ts->interp->sysdict) return NULL;
    return dict_get_cstr(ts->interp->sysdict, name);
}

/* Write text to a Python file object through its write method; C stderr as the fallback. */
int file_write_cstr(Obj *file, const char *s, size_t n) {
    if (!file || file == V_None) {
        fflush(stdout);
        fwrite(s, 1, n, stderr);
        return 0;
    }
    Obj *str = str_from_utf8(s, n);
    if (!str) return -1;
    Obj *r = obj_call_method(file, NAME(write), &str, 1);
    DECREF(str);
    if (!r) return -1;
    DECREF(r);
    return 0;
}

void exc_print_to(Obj *exc, Obj *file) {
    StrBuilder sb;
    sb_init(&sb);
    Obj *saved = err_fetch();
    if (exc_format_into(exc, &sb) < 0) err_clear();
    if (file_write_cstr(file, sb.buf ? sb.buf : "", sb.len) < 0) {
        err_clear();
        fwrite(sb.buf ? sb.buf : "", 1, sb.len, stderr);
    }
    sb_discard(&sb);
    err_restore(saved);
}

/* Print (and clear) the current exception; honours sys.excepthook when replaced by the user. */
void err_print(void) {
    Obj *exc = err_fetch();
    if (!exc) return;
    Interp *in = vm_interp();
    if (in && in->sysdict) {
        dict_set_cstr(in->sysdict, "last_value", exc);
        dict_set_cstr(in->sysdict, "last_type", (Obj *)TYPE(exc));
        Obj *tb = ((ExcObj *)exc)->traceback;
        dict_set_cstr(in->sysdict, "last_traceback", tb ? tb : V_None);
        err_clear();
    }
    Obj *hook = sys_get_borrowed("excepthook");
    Obj *orig = sys_get_borrowed("__excepthook__");
    if (!hook && in && in->sysdict) {
        /* CPython (PyErr_PrintEx) notes the missing hook, then shows the traceback anyway */
        Obj *f = sys_get_borrowed("stderr");
        if (f != V_None && file_write_cstr(f, "sys.excepthook is missing\n", 26) < 0) err_clear();
    }
    if (hook && hook != orig && hook != V_None) {
        Obj *tb = ((ExcObj *)exc)->traceback;
        Obj *args[3] = {(Obj *)TYPE(exc), exc, tb ? tb : V_None};
        Obj *r = obj_call(hook, args, 3, NULL);
        if (r) {
            DECREF(r);
            DECREF(exc);
            return;
        }
        /* the hook failed: report both, as CPython does */
        Obj *e2 = err_fetch();
        Obj *f = sys_get_borrowed("stderr");
        file_write_cstr(f, "Error in sys.excepthook:\n", 25);
        exc_print_to(e2, f);
        file_write_cstr(f, "\nOriginal exception was:\n", 25);
        XDECREF(e2);
    }
    Obj *f = sys_get_borrowed("stderr");
    if (f == V_None) { DECREF(exc); return; }   /* sys.stderr = None: CPython shows nothing */
    exc_print_to(exc, f);
    if (f) {
        Obj *r = obj_call_method(f, NAME(flush), NULL, 0);
        if (r) DECREF(r); else err_clear();
    }
    DECREF(exc);
}

/* "Exception ignored in: <where>" followed by the traceback of the current exception. */
void err_write_unraisable(Obj *where) {
    Obj *exc = err_fetch();
    if (!exc) return;
    Obj *f = sys_get_borrowed("stderr");
    if (f == V_None) { DECREF(exc); return; }   /* sys.stderr = None: nothing is shown */
    if (where) {
        Obj *r = obj_repr(where);
        if (!r) { err_clear(); r = str_from_cstr("<object repr() failed>"); }
        if (r) {
            Obj *line = str_from_format("Exception ignored in: %U\n", r);
            DECREF(r);
            if (line) {
                file_write_cstr(f, STR_DATA(line), STR_SIZE(line));
                DECREF(line);
            }
        }
        err_clear();
    }
    StrBuilder sb;
    sb_init(&sb);
    exc_format_unraisable_into(exc, &sb);
    if (file_write_cstr(f, sb.buf ? sb.buf : "", sb.len) < 0) {
        err_clear();
        fwrite(sb.buf ? sb.buf : "", 1, sb.len, stderr);
    }
    sb_discard(&sb);
    err_clear();
    DECREF(exc);
}

/* ---- warnings ---- */

/* Locations already warned about (the "default" action shows each warning once per place). */
static Obj *warn_registry;

/* CPython's default filters: DeprecationWarning only for __main__, some categories ignored. */
static int warning_filtered(Type *category, Frame *f) {
    if (type_is_subtype(category, Exc_PendingDeprecationWarning) ||
        type_is_subtype(category, Exc_ImportWarning) ||
        type_is_subtype(category, Exc_ResourceWarning))
        return 1;
    if (type_is_subtype(category, Exc_DeprecationWarning)) {
        if (!f || !f->globals) return 1;
        Obj *n = dict_get(f->globals, NAME(__name__));
        return !(n && STR_CHECK(n) && str_eq_cstr(n, "__main__"));
    }
    return 0;
}

/* Shared tail of warn_format and warn_explicit: the "error" option,
 * the once-per-location registry, then "file:line: Category: message" + the source line. */
static int warn_emit(Type *category, Obj *msg, const char *filename, int lineno) {
    /* warnings.simplefilter("error") is represented by sys.warnoptions containing "error" */
    Obj *opts = sys_get_borrowed("warnoptions");
    if (opts && LIST_CHECK(opts)) {
        for (size_t i = 0; i < LIST_SIZE(opts); i++) {
            Obj *o = LIST_GET(opts, i);
            if (STR_CHECK(o) && str_eq_cstr(o, "error")) {
                Obj *e = exc_new(category, &msg, 1);
                if (e) { err_set_instance(e); DECREF(e); }
                return -1;
            }
        }
    }
    Obj *text = str_from_format("%s:%d: %s: %U\n", filename, lineno, TP_NAME(category), msg);
    if (!text) return -1;
    if (!warn_registry) warn_registry = set_new(NULL);
    if (warn_registry) {
        int seen = set_contains(warn_registry, text);
        if (seen == 1) { DECREF(text); return 0; }
        if (seen == 0) set_add(warn_registry, text);
    }
    err_clear();
    StrBuilder sb;
    sb_init(&sb);
    sb_append_str(&sb, text);
    DECREF(text);
    char *src = linecache_getline(filename, lineno, 1);
    if (src) {
        sb_append_cstr(&sb, "  ");
        sb_append_cstr(&sb, src);
        sb_append_char(&sb, '\n');
        free(src);
    }
    Obj *saved = err_fetch();
    if (file_write_cstr(sys_get_borrowed("stderr"), sb.buf ? sb.buf : "", sb.len) < 0) err_clear();
    err_restore(saved);
    sb_discard(&sb);
    return 0;
}

int warn_format(Type *category, int stacklevel, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    Obj *msg = str_from_vformat(fmt, ap);
    va_end(ap);
    if (!msg) return -1;
    ThreadState *ts = vm_ts();
    Frame *f = ts->frame;
    for (int i = 1; i < stacklevel && f && f->back; i++) f = f->back;
    if (warning_filtered(category, f)) {
        DECREF(msg);
        return 0;
    }
    const char *filename = "sys";
    int lineno = 1;
    if (f && f->code) {
        filename = str_cstr(f->code->filename);
        lineno = code_line_of(f->code, (size_t)(f->lasti < 0 ? 0 : f->lasti));
    }
    int rc = warn_emit(category, msg, filename, lineno);
    DECREF(msg);
    return rc;
}

int warn_explicit(Type *category, const char *message, const char *filename, int lineno,
                  const char *module) {
    if (type_is_subtype(category, Exc_PendingDeprecationWarning) ||
        type_is_subtype(category, Exc_ImportWarning) ||
        type_is_subtype(category, Exc_ResourceWarning) ||
        (type_is_subtype(category, Exc_DeprecationWarning) &&
         !(module && strcmp(module, "__main__") == 0)))
        return 0;
    Obj *msg = str_from_cstr(message);
    if (!msg) return -1;
    int rc = warn_emit(category, msg, filename ? filename : "sys", lineno);
    DECREF(msg);
    return rc;
}
