/* exceptions.c: the built-in exception classes (BaseException and the subclasses with extra
 * fields: OSError, SyntaxError, ImportError, StopIteration, SystemExit, Unicode*Error, ...). */
#include <errno.h>
#include <string.h>
#include "types.h"
#include "vm.h"
#include "gc.h"
#include "names.h"
#include "objcore.h"
#include "exceptions.h"
#include "fileio.h"

#define X(name, base) static Type ExcType_##name; Type *Exc_##name = &ExcType_##name;
EXCEPTION_TYPES(X)
#undef X

/* ---- lifetime ---- */

/* Number of Obj* fields after ExcObj in the nearest static base's layout. */
static size_t extra_fields(Type *t) {
    while (t && IS_HEAP_TYPE(t)) t = t->base;
    if (!t || t->basicsize <= sizeof(ExcObj)) return 0;
    return (t->basicsize - sizeof(ExcObj)) / sizeof(Obj *);
}
static Obj **extras(Obj *o) { return (Obj **)((char *)o + sizeof(ExcObj)); }

static int exc_traverse(Obj *o, visitproc visit, void *arg) {
    ExcObj *e = (ExcObj *)o;
    Obj *fields[] = {e->dict, e->args, e->traceback, e->context, e->cause, e->notes};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (fields[i] && visit(fields[i], arg)) return 1;
    size_t n = extra_fields(TYPE(o));
    for (size_t i = 0; i < n; i++)
        if (extras(o)[i] && visit(extras(o)[i], arg)) return 1;
    return 0;
}

static int exc_clear(Obj *o) {
    ExcObj *e = (ExcObj *)o;
    CLEAR(e->dict);
    CLEAR(e->args);
    CLEAR(e->traceback);
    CLEAR(e->context);
    CLEAR(e->cause);
    CLEAR(e->notes);
    size_t n = extra_fields(TYPE(o));
    for (size_t i = 0; i < n; i++) CLEAR(extras(o)[i]);
    return 0;
}

static void exc_dealloc(Obj *o) {
    Type *t = TYPE(o);
    if (o->flags & OBJ_FLAG_GC) gc_untrack(o);
    exc_clear(o);
    obj_free(o);
    /* heap subclasses that inherited this slot directly still own a type reference */
    if (IS_HEAP_TYPE(t) && t->dealloc == exc_dealloc) DECREF((Obj *)t);
}

/* BaseException.__new__: allocate and remember the positional args (keywords are left to __init__). */
Obj *exc_base_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *o = type_generic_alloc(type, 0);
    if (!o) return NULL;
    ExcObj *e = (ExcObj *)o;
    e->args = nargs ? tuple_from_array(args, nargs) : NEWREF(EMPTY_TUPLE);
    if (!e->args) { DECREF(o); return NULL; }
    if (o->flags & OBJ_FLAG_GC) gc_track(o);
    return o;
}

static int no_keywords(Obj *self, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) {
        err_format(Exc_TypeError, "%s() takes no keyword arguments", TP_NAME(TYPE(self)));
        return -1;
    }
    return 0;
}

static int set_args(Obj *self, Obj *const *args, size_t nargs) {
    Obj *t = tuple_from_array(args, nargs);
    if (!t) return -1;
    SETREF(((ExcObj *)self)->args, t);
    return 0;
}

static int base_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (no_keywords(self, kwnames) < 0) return -1;
    return set_args(self, args, nargs);
}

/* Create an exception instance; static types are built directly (no attribute lookups). */
Obj *exc_new(Type *type, Obj *const *args, size_t nargs) {
    if (IS_HEAP_TYPE(type) || !type->new) return obj_call((Obj *)type, args, nargs, NULL);
    Obj *o = type->new(type, args, nargs, NULL);
    if (!o) return NULL;
    if (type->init && type_is_subtype(TYPE(o), type) && type->init(o, args, nargs, NULL) < 0) {
        DECREF(o);
        return NULL;
    }
    return o;
}

/* ---- str / repr ---- */

static Obj *base_str(Obj *self) {
    Obj *args = ((ExcObj *)self)->args;
    size_t n = args ? TUPLE_SIZE(args) : 0;
    if (n == 0) return str_from_cstr("");
    if (n == 1) return obj_str(TUPLE_GET(args, 0));
    return obj_str(args);
}

static Obj *base_repr(Obj *self) {
    Obj *args = ((ExcObj *)self)->args;
    const char *name = type_name(TYPE(self));
    if (args && TUPLE_SIZE(args) == 1) return str_from_format("%s(%R)", name, TUPLE_GET(args, 0));
    if (!args || TUPLE_SIZE(args) == 0) return str_from_format("%s()", name);
    return str_from_format("%s%R", name, args);
}

static Obj *keyerror_str(Obj *self) {
    Obj *args = ((ExcObj *)self)->args;
    if (args && TUPLE_SIZE(args) == 1) return obj_repr(TUPLE_GET(args, 0));
    return base_str(self);
}

/* ---- methods ---- */

static Obj *m_with_traceback(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *tb = args[0];
    if (tb != V_None && !IS_TYPE(tb, &Type_traceback))
        return err_set_str(Exc_TypeError, "__traceback__ must be a traceback or None");
    exc_set_traceback(self, tb == V_None ? NULL : tb);
    return NEWREF(self);
}

Obj *exc_get_notes(Obj *exc) {
    ExcObj *e = (ExcObj *)exc;
    if (!e->dict) return NULL;
    return dict_get(e->dict, NAME(__notes__));
}

static Obj **exc_dict(Obj *self) {
    ExcObj *e = (ExcObj *)self;
    if (!e->dict) e->dict = dict_new();
    return e->dict ? &e->dict : NULL;
}

static Obj *m_add_note(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *note = args[0];
    if (!STR_CHECK(note))
        return err_format(Exc_TypeError, "note must be a str, not '%s'", TP_NAME(TYPE(note)));
    Obj *notes = obj_getattr_opt(self, NAME(__notes__));
    if (!notes) {
        if (err_occurred()) return NULL;
        notes = list_new(0);
        if (!notes) return NULL;
        if (obj_setattr(self, NAME(__notes__), notes) < 0) { DECREF(notes); return NULL; }
    }
    if (!LIST_CHECK(notes)) {
        DECREF(notes);
        return err_set_str(Exc_TypeError, "Cannot add note: __notes__ is not a list");
    }
    int r = list_append(notes, note);
    DECREF(notes);
    if (r < 0) return NULL;
    RETURN_NONE;
}

static Obj *m_reduce(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    ExcObj *e = (ExcObj *)self;
    if (e->dict && dict_size(e->dict))
        return tuple_pack(3, (Obj *)TYPE(self), e->args, e->dict);
    return tuple_pack(2, (Obj *)TYPE(self), e->args);
}

static Obj *m_setstate(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    Obj *state = args[0];
    if (state == V_None) RETURN_NONE;
    if (!DICT_CHECK(state)) return err_set_str(Exc_TypeError, "state is not a dictionary");
    size_t pos = 0;
    Obj *k, *v;
    while (dict_next(state, &pos, &k, &v))
        if (obj_setattr(self, k, v) < 0) return NULL;
    RETURN_NONE;
}

static const MethodDef base_methods[] = {
    {"with_traceback", m_with_traceback, METH_O,
     "Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self."},
    {"add_note", m_add_note, METH_O,
     "Exception.add_note(note) --\n    add a note to the exception"},
    {"__reduce__", m_reduce, METH_NOARGS, NULL},
    {"__setstate__", m_setstate, METH_O, NULL},
    {NULL},
};

/* ---- attributes ---- */

static Obj *get_args(Obj *self) { return NEWREF(((ExcObj *)self)->args ? ((ExcObj *)self)->args : EMPTY_TUPLE); }
static int set_args_attr(Obj *self, Obj *v) {
    if (!v) { err_set_str(Exc_TypeError, "args may not be deleted"); return -1; }
    Obj *t = seq_to_tuple(v);
    if (!t) return -1;
    SETREF(((ExcObj *)self)->args, t);
    return 0;
}
static Obj *or_none(Obj *v) { return NEWREF(v ? v : V_None); }
static Obj *get_tb(Obj *self) { return or_none(((ExcObj *)self)->traceback); }
static int set_tb(Obj *self, Obj *v) {
    if (!v) { err_set_str(Exc_TypeError, "__traceback__ may not be deleted"); return -1; }
    if (v != V_None && !IS_TYPE(v, &Type_traceback)) {
        err_set_str(Exc_TypeError, "__traceback__ must be a traceback or None");
        return -1;
    }
    exc_set_traceback(self, v == V_None ? NULL : v);
    return 0;
}
static Obj *get_context(Obj *self) { return or_none(((ExcObj *)self)->context); }
static int set_context(Obj *self, Obj *v) {
    if (!v) { err_set_str(Exc_TypeError, "__context__ may not be deleted"); return -1; }
    if (v != V_None && !EXC_CHECK(v)) {
        err_set_str(Exc_TypeError, "exception context must be None or derive from BaseException");
        return -1;
    }
    SETREF(((ExcObj *)self)->context, v == V_None ? NULL : NEWREF(v));
    return 0;
}
static Obj *get_cause(Obj *self) { return or_none(((ExcObj *)self)->cause); }
static int set_cause(Obj *self, Obj *v) {
    if (!v) { err_set_str(Exc_TypeError, "__cause__ may not be deleted"); return -1; }
    if (v != V_None && !EXC_CHECK(v)) {
        err_set_str(Exc_TypeError, "exception cause must be None or derive from BaseException");
        return -1;
    }
    SETREF(((ExcObj *)self)->cause, v == V_None ? NULL : NEWREF(v));
    ((ExcObj *)self)->suppress_context = true;
    return 0;
}
static Obj *get_dict(Obj *self) {
    Obj **d = exc_dict(self);
    return d ? NEWREF(*d) : NULL;
}
static int set_dict(Obj *self, Obj *v) {
    if (!v) { err_set_str(Exc_TypeError, "__dict__ may not be deleted"); return -1; }
    if (!DICT_CHECK(v)) {
        err_format(Exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'", TP_NAME(TYPE(v)));
        return -1;
    }
    SETREF(((ExcObj *)self)->dict, NEWREF(v));
    return 0;
}

static const GetSetDef base_getset[] = {
    {"__dict__", get_dict, set_dict, NULL},
    {"args", get_args, set_args_attr, NULL},
    {"__traceback__", get_tb, set_tb, NULL},
    {"__context__", get_context, set_context, "exception context"},
    {"__cause__", get_cause, set_cause, "exception cause"},
    {NULL},
};
static const MemberDef base_members[] = {
    {"__suppress_context__", MEMBER_BOOL, offsetof(ExcObj, suppress_context), 0, NULL},
    {NULL},
};

/* ---- StopIteration, SystemExit ---- */

static int stopiter_init(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (base_init(self, args, nargs, kw) < 0) return -1;
    SETREF(((StopIterationObj *)self)->value, NEWREF(nargs ? args[0] : V_None));
    return 0;
}
static const MemberDef stopiter_members[] = {
    {"value", MEMBER_OBJECT, offsetof(StopIterationObj, value), 0, "generator return value"},
    {NULL},
};

static int sysexit_init(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (base_init(self, args, nargs, kw) < 0) return -1;
    Obj *code = nargs == 0 ? NEWREF(V_None) : nargs == 1 ? NEWREF(args[0]) : tuple_from_array(args, nargs);
    if (!code) return -1;
    SETREF(((SystemExitObj *)self)->code, code);
    return 0;
}
static const MemberDef sysexit_members[] = {
    {"code", MEMBER_OBJECT, offsetof(SystemExitObj, code), 0, "exception code"},
    {NULL},
};

/* ---- keyword-only attributes: ImportError(name=, path=), AttributeError(name=, obj=), NameError(name=) ---- */

static int parse_kwonly(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames,
                        const char *const *names, Obj **slots[], size_t n) {
    if (!kwnames) return 0;
    for (size_t i = 0; i < TUPLE_SIZE(kwnames); i++) {
        Obj *k = TUPLE_GET(kwnames, i);
        size_t j;
        for (j = 0; j < n; j++)
            if (str_eq_cstr(k, names[j])) break;
        if (j == n) {
            err_format(Exc_TypeError, "'%U' is an invalid keyword argument for %s()", k,
                       TP_NAME(TYPE(self)));
            return -1;
        }
        SETREF(*slots[j], NEWREF(args[nargs + i]));
    }
    return 0;
}

static int importerror_init(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    ImportErrorObj *e = (ImportErrorObj *)self;
    static const char *const names[] = {"name", "path"};
    Obj **slots[] = {&e->name, &e->path};
    if (parse_kwonly(self, args, nargs, kw, names, slots, 2) < 0) return -1;
    if (set_args(self, args, nargs) < 0) return -1;
    SETREF(e->msg, nargs == 1 ? NEWREF(args[0]) : NULL);
    return 0;
}
static Obj *importerror_str(Obj *self) {
    Obj *msg = ((ImportErrorObj *)self)->msg;
    if (msg && STR_CHECK_EXACT(msg)) return NEWREF(msg);
    return base_str(self);
}
static const MemberDef importerror_members[] = {
    {"msg", MEMBER_OBJECT, offsetof(ImportErrorObj, msg), 0, "exception message"},
    {"name", MEMBER_OBJECT, offsetof(ImportErrorObj, name), 0, "module name"},
    {"path", MEMBER_OBJECT, offsetof(ImportErrorObj, path), 0, "module path"},
    {NULL},
};

static int attrerror_init(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    AttributeErrorObj *e = (AttributeErrorObj *)self;
    static const char *const names[] = {"name", "obj"};
    Obj **slots[] = {&e->name, &e->obj};
    if (parse_kwonly(self, args, nargs, kw, names, slots, 2) < 0) return -1;
    return set_args(self, args, nargs);
}
static const MemberDef attrerror_members[] = {
    {"name", MEMBER_OBJECT, offsetof(AttributeErrorObj, name), 0, "attribute name"},
    {"obj", MEMBER_OBJECT, offsetof(AttributeErrorObj, obj), 0, "object"},
    {NULL},
};

static int nameerror_init(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    NameErrorObj *e = (NameErrorObj *)self;
    static const char *const names[] = {"name"};
    Obj **slots[] = {&e->name};
    if (parse_kwonly(self, args, nargs, kw, names, slots, 1) < 0) return -1;
    return set_args(self, args, nargs);
}
static const MemberDef nameerror_members[] = {
    {"name", MEMBER_OBJECT, offsetof(NameErrorObj, name), 0, "name"},
    {NULL},
};

/* ---- OSError ---- */

static Type *errno_subclass(int e) {
    switch (e) {
    case EAGAIN: case EALREADY: case EINPROGRESS:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
        return Exc_BlockingIOError;
    case ECHILD: return Exc_ChildProcessError;
    case EPIPE: case ESHUTDOWN: return Exc_BrokenPipeError;
    case ECONNABORTED: return Exc_ConnectionAbortedError;
    case ECONNREFUSED: return Exc_ConnectionRefusedError;
    case ECONNRESET: return Exc_ConnectionResetError;
    case EEXIST: return Exc_FileExistsError;
    case ENOENT: return Exc_FileNotFoundError;
    case EISDIR: return Exc_IsADirectoryError;
    case ENOTDIR: return Exc_NotADirectoryError;
    case EINTR: return Exc_InterruptedError;
    case EACCES: case EPERM: return Exc_PermissionError;
    case ESRCH: return Exc_ProcessLookupError;
    case ETIMEDOUT: return Exc_TimeoutError;
    default: return NULL;
    }
}

/* OSError(errno, strerror[, filename[, winerror[, filename2]]]); OSError itself picks the
 * subclass matching errno (OSError(2, 'x') is a FileNotFoundError). */
static Obj *oserror_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (type == Exc_OSError && nargs >= 2 && nargs <= 5 && INT_CHECK(args[0])) {
        int64_t e = int_as_i64(args[0]);
        if (e == -1 && err_occurred()) err_clear();
        else {
            Type *sub = errno_subclass((int)e);
            if (sub) type = sub;
        }
    }
    Obj *o = exc_base_new(type, args, nargs, kwnames);
    if (!o) return NULL;
    OSErrorObj *e = (OSErrorObj *)o;
    if (nargs >= 2 && nargs <= 5) {
        e->myerrno = NEWREF(args[0]);
        e->strerror = NEWREF(args[1]);
        if (nargs >= 3 && args[2] != V_None) {
            e->filename = NEWREF(args[2]);
            if (nargs >= 5 && args[4] != V_None) e->filename2 = NEWREF(args[4]);
            Obj *t = tuple_from_array(args, 2);
            if (!t) { DECREF(o); return NULL; }
            SETREF(e->base.args, t);
        }
    }
    return o;
}
static int oserror_init(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return no_keywords(self, kw);
}
static Obj *oserror_str(Obj *self) {
    OSErrorObj *e = (OSErrorObj *)self;
    if (e->filename) {
        if (e->filename2)
            return str_from_format("[Errno %S] %S: %R -> %R", e->myerrno ? e->myerrno : V_None,
                                   e->strerror ? e->strerror : V_None, e->filename, e->filename2);
        return str_from_format("[Errno %S] %S: %R", e->myerrno ? e->myerrno : V_None,
                               e->strerror ? e->strerror : V_None, e->filename);
    }
    if (e->myerrno && e->strerror) return str_from_format("[Errno %S] %S", e->myerrno, e->strerror);
    return base_str(self);
}
static const MemberDef oserror_members[] = {
    {"errno", MEMBER_OBJECT, offsetof(OSErrorObj, myerrno), 0, "POSIX exception code"},
    {"strerror", MEMBER_OBJECT, offsetof(OSErrorObj, strerror), 0, "exception strerror"},
    {"filename", MEMBER_OBJECT, offsetof(OSErrorObj, filename), 0, "exception filename"},
    {"filename2", MEMBER_OBJECT, offsetof(OSErrorObj, filename2), 0, "second exception filename"},
    {NULL},
};

/* ---- SyntaxError ---- */

static int syntaxerror_init(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    SyntaxErrorObj *e = (SyntaxErrorObj *)self;
    if (base_init(self, args, nargs, kw) < 0) return -1;
    if (nargs >= 1) SETREF(e->msg, NEWREF(args[0]));
    if (nargs == 2) {
        Obj *info = seq_to_tuple(args[1]);
        if (!info) return -1;
        size_t n = TUPLE_SIZE(info);
        if (n != 4 && n != 6) {
            DECREF(info);
            if (n < 4) err_format(Exc_TypeError, "function takes at least 4 arguments (%zu given)", n);
            else err_format(Exc_TypeError, "function takes at most 6 arguments (%zu given)", n);
            return -1;
        }
        Obj **dst[] = {&e->filename, &e->lineno, &e->offset, &e->text, &e->end_lineno, &e->end_offset};
        for (size_t i = 0; i < n; i++) SETREF(*dst[i], NEWREF(TUPLE_GET(info, i)));
        DECREF(info);
    }
    return 0;
}
static Obj *syntaxerror_str(Obj *self) {
    SyntaxErrorObj *e = (SyntaxErrorObj *)self;
    Obj *fname = NULL;
    if (e->filename && STR_CHECK(e->filename)) {
        const char *s = str_cstr(e->filename), *slash = strrchr(s, '/');
        fname = str_from_cstr(slash ? slash + 1 : s);
        if (!fname) return NULL;
    }
    bool have_line = e->lineno && INT_CHECK_EXACT(e->lineno);
    Obj *msg = e->msg ? e->msg : V_None, *r;
    if (!fname && !have_line) return obj_str(msg);
    if (fname && have_line) r = str_from_format("%S (%U, line %S)", msg, fname, e->lineno);
    else if (fname) r = str_from_format("%S (%U)", msg, fname);
    else r = str_from_format("%S (line %S)", msg, e->lineno);
    XDECREF(fname);
    return r;
}
static const MemberDef syntaxerror_members[] = {
    {"msg", MEMBER_OBJECT, offsetof(SyntaxErrorObj, msg), 0, "exception msg"},
    {"filename", MEMBER_OBJECT, offsetof(SyntaxErrorObj, filename), 0, "exception filename"},
    {"lineno", MEMBER_OBJECT, offsetof(SyntaxErrorObj, lineno), 0, "exception lineno"},
    {"offset", MEMBER_OBJECT, offsetof(SyntaxErrorObj, offset), 0, "exception offset"},
    {"text", MEMBER_OBJECT, offsetof(SyntaxErrorObj, text), 0, "exception text"},
    {"end_lineno", MEMBER_OBJECT, offsetof(SyntaxErrorObj, end_lineno), 0, "exception end lineno"},
    {"end_offset", MEMBER_OBJECT, offsetof(SyntaxErrorObj, end_offset), 0, "exception end offset"},
    {"print_file_and_line", MEMBER_OBJECT, offsetof(SyntaxErrorObj, print_file_and_line), 0, NULL},
    {NULL},
};

/* ---- Unicode errors ---- */

static int need_str(Obj *v, int pos) {
    if (STR_CHECK(v)) return 0;
    err_format(Exc_TypeError, "argument %d must be str, not %s", pos, TP_NAME(TYPE(v)));
    return -1;
}
static int need_count(size_t nargs, size_t want) {
    if (nargs == want) return 0;
    err_format(Exc_TypeError, "function takes exactly %zu arguments (%zu given)", want, nargs);
    return -1;
}
static int need_int(Obj *v) {
    if (INT_CHECK(v)) return 0;
    err_format(Exc_TypeError, "'%s' object cannot be interpreted as an integer", TP_NAME(TYPE(v)));
    return -1;
}
static void set_unicode_fields(UnicodeErrorObj *e, Obj *enc, Obj *obj, Obj *start, Obj *end, Obj *reason) {
    SETREF(e->encoding, enc ? NEWREF(enc) : NULL);
    SETREF(e->object, NEWREF(obj));
    SETREF(e->start, NEWREF(start));
    SETREF(e->end, NEWREF(end));
    SETREF(e->reason, NEWREF(reason));
}
static int udecode_init(Obj *self, Obj *const *a, size_t n, Obj *kw) {
    if (base_init(self, a, n, kw) < 0 || need_count(n, 5) < 0 || need_str(a[0], 1) < 0) return -1;
    Obj *b;
    if (BYTES_CHECK(a[1])) b = NEWREF(a[1]);
    else if (IS_TYPE(a[1], &Type_bytearray))
        b = bytes_from_data(((ByteArrayObj *)a[1])->data, ((ByteArrayObj *)a[1])->size);
    else {
        err_format(Exc_TypeError, "a bytes-like object is required, not '%s'", TP_NAME(TYPE(a[1])));
        return -1;
    }
    if (!b) return -1;
    if (need_int(a[2]) < 0 || need_int(a[3]) < 0 || need_str(a[4], 5) < 0) { DECREF(b); return -1; }
    set_unicode_fields((UnicodeErrorObj *)self, a[0], b, a[2], a[3], a[4]);
    DECREF(b);
    return 0;
}
static int uencode_init(Obj *self, Obj *const *a, size_t n, Obj *kw) {
    if (base_init(self, a, n, kw) < 0 || need_count(n, 5) < 0 || need_str(a[0], 1) < 0 ||
        need_str(a[1], 2) < 0 || need_int(a[2]) < 0 || need_int(a[3]) < 0 || need_str(a[4], 5) < 0)
        return -1;
    set_unicode_fields((UnicodeErrorObj *)self, a[0], a[1], a[2], a[3], a[4]);
    return 0;
}
static int utranslate_init(Obj *self, Obj *const *a, size_t n, Obj *kw) {
    if (base_init(self, a, n, kw) < 0 || need_count(n, 4) < 0 || need_str(a[0], 1) < 0 ||
        need_int(a[1]) < 0 || need_int(a[2]) < 0 || need_str(a[3], 4) < 0)
        return -1;
    set_unicode_fields((UnicodeErrorObj *)self, NULL, a[0], a[1], a[2], a[3]);
    return 0;
}
static int64_t i64_or(Obj *v, int64_t d) {
    if (!v || !INT_CHECK(v)) return d;
    int64_t r;
    return int_as_i64_checked(v, &r) == 0 ? r : d;
}
static const char *char_fmt(uint32_t c) {
    return c <= 0xff ? "\\x%02x" : c <= 0xffff ? "\\u%04x" : "\\U%08x";
}
static Obj *unicode_str(Obj *self, int kind) {   /* 0 decode, 1 encode, 2 translate */
    UnicodeErrorObj *e = (UnicodeErrorObj *)self;
    if (!e->object) return str_from_cstr("");
    int64_t start = i64_or(e->start, 0), end = i64_or(e->end, 0);
    Obj *reason = obj_str(e->reason ? e->reason : V_None);
    if (!reason) return NULL;
    Obj *enc = kind == 2 ? NULL : obj_str(e->encoding ? e->encoding : V_None);
    if (kind != 2 && !enc) { DECREF(reason); return NULL; }
    Obj *r;
    if (kind == 0) {
        if (start >= 0 && (size_t)start < BYTES_SIZE(e->object) && end == start + 1)
            r = str_from_format("'%U' codec can't decode byte 0x%02x in position %lld: %U", enc,
                                (unsigned)(BYTES_DATA(e->object)[start] & 0xff), (long long)start, reason);
        else
            r = str_from_format("'%U' codec can't decode bytes in position %lld-%lld: %U", enc,
                                (long long)start, (long long)(end - 1), reason);
    } else if (start >= 0 && (size_t)start < STR_LEN(e->object) && end == start + 1) {
        uint32_t c = str_char_at(e->object, (size_t)start);
        char ch[16];
        snprintf(ch, sizeof ch, char_fmt(c), c);
        if (kind == 1)
            r = str_from_format("'%U' codec can't encode character '%s' in position %lld: %U", enc,
                                ch, (long long)start, reason);
        else
            r = str_from_format("can't translate character '%s' in position %lld: %U", ch,
                                (long long)start, reason);
    } else if (kind == 1) {
        r = str_from_format("'%U' codec can't encode characters in position %lld-%lld: %U", enc,
                            (long long)start, (long long)(end - 1), reason);
    } else {
        r = str_from_format("can't translate characters in position %lld-%lld: %U",
                            (long long)start, (long long)(end - 1), reason);
    }
    DECREF(reason);
    XDECREF(enc);
    return r;
}
static Obj *udecode_str(Obj *self) { return unicode_str(self, 0); }
static Obj *uencode_str(Obj *self) { return unicode_str(self, 1); }
static Obj *utranslate_str(Obj *self) { return unicode_str(self, 2); }
static const MemberDef unicode_members[] = {
    {"encoding", MEMBER_OBJECT, offsetof(UnicodeErrorObj, encoding), 0, "exception encoding"},
    {"object", MEMBER_OBJECT, offsetof(UnicodeErrorObj, object), 0, "exception object"},
    {"start", MEMBER_OBJECT, offsetof(UnicodeErrorObj, start), 0, "exception start"},
    {"end", MEMBER_OBJECT, offsetof(UnicodeErrorObj, end), 0, "exception end"},
    {"reason", MEMBER_OBJECT, offsetof(UnicodeErrorObj, reason), 0, "exception reason"},
    {NULL},
};

/* ---- chaining helpers ---- */

/* Set __context__, breaking a cycle if exc already appears in context's chain (as CPython). */
void exc_set_context(Obj *exc, Obj *context) {
    if (context == exc) { DECREF(context); return; }
    if (context) {
        Obj *o = context;
        for (int steps = 0; o && steps < 100000; steps++) {
            Obj *next = ((ExcObj *)o)->context;
            if (next == exc) {
                ((ExcObj *)o)->context = NULL;
                DECREF(exc);
                break;
            }
            o = next;
        }
    }
    SETREF(((ExcObj *)exc)->context, context);
}

void exc_set_cause(Obj *exc, Obj *cause) {
    SETREF(((ExcObj *)exc)->cause, cause);
    ((ExcObj *)exc)->suppress_context = true;
}

void exc_set_traceback(Obj *exc, Obj *tb) {
    XINCREF(tb);
    SETREF(((ExcObj *)exc)->traceback, tb);
}

Obj *err_syntax(Type *type, const char *msg, const char *filename, int lineno, int offset,
                const char *text, int end_lineno, int end_offset) {
    Obj *m = str_from_cstr(msg);
    if (m && lineno <= 0 && !text) {
        /* No location (e.g. the source's encoding is wrong): CPython raises SyntaxError(msg)
         * and the display is then the bare message, without a File line. */
        Obj *exc = exc_new(type, &m, 1);
        DECREF(m);
        if (exc) { err_set_instance(exc); DECREF(exc); }
        return NULL;
    }
    Obj *fn = filename ? str_from_fs(filename) : NEWREF(V_None);
    Obj *tx = text ? str_from_utf8(text, strlen(text)) : NEWREF(V_None);
    if (!tx) { err_clear(); tx = NEWREF(V_None); }
    Obj *info = (m && fn) ? tuple_pack(6, fn, MAKE_SMALL(lineno), MAKE_SMALL(offset), tx,
                                       MAKE_SMALL(end_lineno), MAKE_SMALL(end_offset)) : NULL;
    Obj *exc = NULL;
    if (info) {
        Obj *args[2] = {m, info};
        exc = exc_new(type, args, 2);
    }
    XDECREF(m); XDECREF(fn); XDECREF(tx); XDECREF(info);
    if (exc) { err_set_instance(exc); DECREF(exc); }
    return NULL;
}

Obj *err_stop_iteration(Obj *value) {
    Obj *exc = (!value || value == V_None) ? exc_new(Exc_StopIteration, NULL, 0)
                                           : exc_new(Exc_StopIteration, &value, 1);
    if (exc) { err_set_instance(exc); DECREF(exc); }
    return NULL;
}

/* "__main__.AppError" for user classes, "ValueError" for builtins (last traceback line). */
Obj *exc_type_display_name(Type *t) {
    Obj *mod = NULL;
    if (IS_HEAP_TYPE(t) && t->dict) mod = dict_get(t->dict, NAME(__module__));
    else if (t->module_name) mod = t->module_name;
    Obj *qual = IS_HEAP_TYPE(t) && t->qualname ? NEWREF(t->qualname) : str_from_cstr(type_name(t));
    if (!qual) return NULL;
    if (!mod || !STR_CHECK(mod) || str_eq_cstr(mod, "builtins") || str_eq_cstr(mod, "__builtin__"))
        return qual;
    Obj *r = str_from_format("%U.%U", mod, qual);
    DECREF(qual);
    return r;
}

/* ---- start-up ---- */

/* CPython 3.11 docstrings of the exception classes, in EXCEPTION_TYPES order (NULL: none). */
static const char *const exc_docs[] = {
    "Common base class for all exceptions",
    "A combination of multiple unrelated exceptions.",
    "Common base class for all non-exit exceptions.",
    "Request that a generator exit.",
    "Program interrupted by user.",
    "Request to exit from the interpreter.",
    "Base class for arithmetic errors.",
    "Floating point operation failed.",
    "Result too large to be represented.",
    "Second argument to a division or modulo operation was zero.",
    "Assertion failed.",
    "Attribute not found.",
    "Buffer error.",
    "Read beyond end of file.",
    NULL, /* ExceptionGroup */
    "Import can't find module, or can't find name in module.",
    "Module not found.",
    "Base class for lookup errors.",
    "Sequence index out of range.",
    "Mapping key not found.",
    "Out of memory.",
    "Name not found globally.",
    "Local name referenced but not bound to a value.",
    "Base class for I/O related errors.",
    "I/O operation would block.",
    "Child process error.",
    "Connection error.",
    "Broken pipe.",
    "Connection aborted.",
    "Connection refused.",
    "Connection reset.",
    "File already exists.",
    "File not found.",
    "Interrupted by signal.",
    "Operation doesn't work on directories.",
    "Operation only works on directories.",
    "Not enough permissions.",
    "Process not found.",
    "Timeout expired.",
    "Weak ref proxy used after referent went away.",
    "Unspecified run-time error.",
    "Method or function hasn't been implemented yet.",
    "Recursion limit exceeded.",
    "Signal the end from iterator.__anext__().",
    "Signal the end from iterator.__next__().",
    "Invalid syntax.",
    "Improper indentation.",
    "Improper mixture of spaces and tabs.",
    "Internal error in the Python interpreter.\n\nPlease report this to the Python maintainer, along with the traceback,\nthe Python version, and the hardware/OS platform and version.",
    "Inappropriate argument type.",
    "Inappropriate argument value (of correct type).",
    "Unicode related error.",
    "Unicode decoding error.",
    "Unicode encoding error.",
    "Unicode translation error.",
    "Base class for warning categories.",
    "Base class for warnings about bytes and buffer related problems, mostly\nrelated to conversion from str or comparing to str.",
    "Base class for warnings about deprecated features.",
    "Base class for warnings about encodings.",
    "Base class for warnings about constructs that will change semantically\nin the future.",
    "Base class for warnings about probable mistakes in module imports",
    "Base class for warnings about features which will be deprecated\nin the future.",
    "Base class for warnings about resource usage.",
    "Base class for warnings about dubious runtime behavior.",
    "Base class for warnings about dubious syntax.",
    "Base class for warnings about Unicode related problems, mostly\nrelated to conversion problems.",
    "Base class for warnings generated by user code.",
};

/* Static types are filled here from the X-macro (bases first), then readied. */
static void setup_one(Type *t) {
    if (t == Exc_StopIteration) {
        t->basicsize = sizeof(StopIterationObj); t->init = stopiter_init; t->members = stopiter_members;
    } else if (t == Exc_SystemExit) {
        t->basicsize = sizeof(SystemExitObj); t->init = sysexit_init; t->members = sysexit_members;
    } else if (t == Exc_ImportError) {
        t->basicsize = sizeof(ImportErrorObj); t->init = importerror_init; t->str = importerror_str;
        t->members = importerror_members;
    } else if (t == Exc_AttributeError) {
        t->basicsize = sizeof(AttributeErrorObj); t->init = attrerror_init; t->members = attrerror_members;
    } else if (t == Exc_NameError) {
        t->basicsize = sizeof(NameErrorObj); t->init = nameerror_init; t->members = nameerror_members;
    } else if (t == Exc_OSError) {
        t->basicsize = sizeof(OSErrorObj); t->new = oserror_new; t->init = oserror_init;
        t->str = oserror_str; t->members = oserror_members;
    } else if (t == Exc_SyntaxError) {
        t->basicsize = sizeof(SyntaxErrorObj); t->init = syntaxerror_init; t->str = syntaxerror_str;
        t->members = syntaxerror_members;
    } else if (t == Exc_KeyError) {
        t->str = keyerror_str;
    } else if (t == Exc_UnicodeDecodeError || t == Exc_UnicodeEncodeError || t == Exc_UnicodeTranslateError) {
        t->basicsize = sizeof(UnicodeErrorObj); t->members = unicode_members;
        t->init = t == Exc_UnicodeDecodeError ? udecode_init : t == Exc_UnicodeEncodeError ? uencode_init : utranslate_init;
        t->str = t == Exc_UnicodeDecodeError ? udecode_str : t == Exc_UnicodeEncodeError ? uencode_str : utranslate_str;
    } else if (t == Exc_BaseExceptionGroup) {
        exc_group_setup(Exc_BaseExceptionGroup, Exc_ExceptionGroup);
    }
}

int exceptions_init(void) {
    static bool done;
    if (done) return 0;
    /* the object core's other start-up-only types ride along here (vm_init calls us) */
    if (fileio_init() < 0) return -1;
    static const char *const names[] = {
#define X(name, basename) #name,
        EXCEPTION_TYPES(X)
#undef X
    };
    static const char *const basenames[] = {
#define X(name, basename) #basename,
        EXCEPTION_TYPES(X)
#undef X
    };
    Type *all[] = {
#define X(name, basename) &ExcType_##name,
        EXCEPTION_TYPES(X)
#undef X
    };
    size_t n = sizeof all / sizeof *all;
    for (size_t i = 0; i < n; i++) {
        Type *t = all[i];
        t->ob = (Obj)OBJ_HEAD_INIT(&Type_type);
        t->name = names[i];
        t->flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC | TPFLAG_BASE_EXC_SUBCLASS;
        t->dict_offset = offsetof(ExcObj, dict);
        Type *b = NULL;
        for (size_t j = 0; j < i; j++)
            if (strcmp(names[j], basenames[i]) == 0) b = all[j];
        if (!b) {   /* BaseException */
            t->base = &Type_object;
            t->basicsize = sizeof(ExcObj);
            t->dealloc = exc_dealloc;
            t->traverse = exc_traverse;
            t->clear = exc_clear;
            t->new = exc_base_new;
            t->init = base_init;
            t->str = base_str;
            t->repr = base_repr;
            t->methods = base_methods;
            t->getset = base_getset;
            t->members = base_members;
        } else {
            /* inherit the C-level slots explicitly, so that exc_new works before type_ready */
            t->base = b;
            t->basicsize = b->basicsize;
            t->dealloc = b->dealloc;
            t->traverse = b->traverse;
            t->clear = b->clear;
            t->new = b->new;
            t->init = b->init;
            t->str = b->str;
            t->repr = b->repr;
        }
        t->doc = exc_docs[i];
        setup_one(t);
    }
    /* ExceptionGroup(BaseExceptionGroup, Exception): the one multiple-inheritance builtin */
    Exc_ExceptionGroup->bases = tuple_pack(2, (Obj *)Exc_BaseExceptionGroup, (Obj *)Exc_Exception);
    if (!Exc_ExceptionGroup->bases) return -1;
    for (size_t i = 0; i < n; i++)
        if (type_ready(all[i]) < 0) return -1;
    done = true;
    return 0;
}
