/* structseq.c: named-tuple-like C types (CPython's structseq), see structseq.h. A structseq
 * type is a heap subclass of tuple with __slots__ = (); each field is a read-only member
 * descriptor reading the tuple's inline item slot, so t.tm_year and t[0] are the same. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "types.h"
#include "names.h"
#include "structseq.h"

/* Field names per type: the repr needs them and descriptors don't carry a closure. */
typedef struct {
    Type *type;
    const char *module;
    const char *name;
    const char *const *fields;
    size_t nfields;
    size_t extra;      /* optional trailing items the constructor accepts (and drops) */
} SeqInfo;

#define MAX_STRUCTSEQ_TYPES 32
static SeqInfo infos[MAX_STRUCTSEQ_TYPES];
static size_t ninfos;

static const SeqInfo *info_of(Type *t) {
    for (; t; t = t->base)
        for (size_t i = 0; i < ninfos; i++)
            if (infos[i].type == t) return &infos[i];
    return NULL;
}

/* "sys.version_info(major=3, minor=11, ...)" */
static Obj *structseq_repr(Obj *self) {
    const SeqInfo *in = info_of(TYPE(self));
    if (!in) return err_bad_internal_call("structseq_repr");
    StrBuilder sb;
    sb_init(&sb);
    sb_printf(&sb, "%s.%s(", in->module, in->name);
    size_t n = TUPLE_SIZE(self) < in->nfields ? TUPLE_SIZE(self) : in->nfields;
    for (size_t i = 0; i < n; i++) {
        Obj *r = obj_repr(TUPLE_GET(self, i));
        if (!r) { sb_discard(&sb); return NULL; }
        sb_printf(&sb, "%s%s=", i ? ", " : "", in->fields[i]);
        sb_append_str(&sb, r);
        DECREF(r);
    }
    sb_append_char(&sb, ')');
    return sb_finish(&sb);
}

static Obj *structseq_repr_method(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return structseq_repr(self);
}

static const MethodDef structseq_methods[] = {
    {"__repr__", structseq_repr_method, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/* time.struct_time(sequence[, dict]): CPython checks the length ("takes an at least
 * 9-sequence"); sequences may carry up to two extra (unnamed here) fields, which are dropped. */
static Obj *structseq_tp_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"sequence", "dict"};
    Obj *a[2];
    const SeqInfo *in = info_of(type);
    if (!in) return err_bad_internal_call("structseq_tp_new");
    if (args_parse(in->name, args, nargs, kwnames, names, 2, 1, 2, a) < 0) return NULL;
    Obj *items = seq_to_tuple(a[0]);
    if (!items) {
        if (err_matches(Exc_TypeError)) {
            err_clear();
            err_set_str(Exc_TypeError, "constructor requires a sequence");
        }
        return NULL;
    }
    size_t n = TUPLE_SIZE(items), min = in->nfields, max = in->nfields + in->extra;
    if (n < min || n > max) {
        DECREF(items);
        if (min == max)
            return err_format(Exc_TypeError, "%s.%s() takes a %zu-sequence (%zu-sequence given)",
                              in->module, in->name, min, n);
        return err_format(Exc_TypeError, "%s.%s() takes an %s %zu-sequence (%zu-sequence given)",
                          in->module, in->name, n < min ? "at least" : "at most",
                          n < min ? min : max, n);
    }
    Obj *r = structseq_new(type, TUPLE_ITEMS(items));
    DECREF(items);
    return r;
}

static Obj *structseq_no_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    const SeqInfo *in = info_of(type);
    return err_format(Exc_TypeError, "cannot create '%s.%s' instances", in ? in->module : "?",
                      in ? in->name : "structseq");
}

void structseq_set_extra_fields(Type *type, size_t extra) {
    for (size_t i = 0; i < ninfos; i++)
        if (infos[i].type == type) infos[i].extra = extra;
}

void structseq_disallow_new(Type *type) {
    type->new = structseq_no_new;
}

static int set_int(Obj *ns, const char *key, size_t v) {
    return dict_set_cstr(ns, key, MAKE_SMALL((int64_t)v));
}

Type *structseq_new_type(const char *module, const char *name, const char *const *fields,
                         size_t nfields) {
    if (ninfos >= MAX_STRUCTSEQ_TYPES) {
        err_set_str(Exc_RuntimeError, "too many structseq types");
        return NULL;
    }
    MemberDef *members = calloc(nfields + 1, sizeof *members);   /* lives as long as the type */
    if (!members) { err_no_memory(); return NULL; }
    Obj *tname = str_from_cstr(name);
    Obj *bases = tuple_pack(1, (Obj *)&Type_tuple);
    Obj *ns = dict_new();
    Obj *mod = str_from_cstr(module);
    Type *t = NULL;
    int bad = !tname || !bases || !ns || !mod || dict_set(ns, NAME(__module__), mod) < 0 ||
              dict_set_cstr(ns, "__slots__", EMPTY_TUPLE) < 0 ||
              set_int(ns, "n_sequence_fields", nfields) < 0 || set_int(ns, "n_fields", nfields) < 0 ||
              set_int(ns, "n_unnamed_fields", 0) < 0;
    for (size_t i = 0; !bad && i < nfields; i++) {
        members[i].name = fields[i];
        members[i].kind = MEMBER_OBJECT;
        members[i].offset = offsetof(TupleObj, items) + i * sizeof(Obj *);
        members[i].readonly = 1;
    }
    if (!bad) t = (Type *)type_new_heap(&Type_type, tname, bases, ns, NULL);
    XDECREF(tname); XDECREF(bases); XDECREF(ns); XDECREF(mod);
    if (!t) { free(members); return NULL; }
    for (size_t i = 0; i < nfields; i++) {
        Obj *d = descr_new_member(t, &members[i]);
        if (!d || dict_set_cstr(t->dict, fields[i], d) < 0) {
            XDECREF(d);
            DECREF((Obj *)t);
            return NULL;
        }
        DECREF(d);
    }
    if (type_add_methods(t, structseq_methods) < 0) { DECREF((Obj *)t); return NULL; }
    /* Messages name it "time.struct_time" as CPython's tp_name does (__name__ stays short).
     * The string lives as long as the type, which is never freed. */
    size_t fl = strlen(module) + strlen(name) + 2;
    char *full = malloc(fl);
    if (full) {
        snprintf(full, fl, "%s.%s", module, name);
        t->name = full;
    }
    t->repr = structseq_repr;
    t->new = structseq_tp_new;
    type_modified(t);
    infos[ninfos++] = (SeqInfo){t, module, name, fields, nfields, 0};
    return t;
}

Obj *structseq_new(Type *type, Obj *const *values) {
    const SeqInfo *in = info_of(type);
    if (!in) return err_bad_internal_call("structseq_new");
    Obj *items = tuple_from_array(values, in->nfields);
    if (!items) return NULL;
    /* tuple's own constructor: the type's may be disallowed (sys.version_info) */
    Obj *r = Type_tuple.new(type, &items, 1, NULL);
    DECREF(items);
    return r;
}

Obj *structseq_new_steal(Type *type, Obj **values) {
    const SeqInfo *in = info_of(type);
    size_t n = in ? in->nfields : 0;
    bool ok = in != NULL;
    for (size_t i = 0; i < n; i++) ok = ok && values[i];
    Obj *r = ok ? structseq_new(type, values) : NULL;
    if (!in && !err_occurred()) err_bad_internal_call("structseq_new_steal");
    for (size_t i = 0; i < n; i++) XDECREF(values[i]);
    return r;
}
