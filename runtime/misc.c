/* misc.c: types.SimpleNamespace and types.MappingProxyType. */
#include <string.h>
#include "types.h"
#include "objcore.h"
#include "vm.h"
#include "gc.h"
#include "names.h"

/* ---- SimpleNamespace ---- */

typedef struct {
    Obj ob;
    Obj *dict;
} NamespaceObj;

static Obj *ns_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    NamespaceObj *ns = (NamespaceObj *)type_generic_alloc(type, 0);
    if (!ns) return NULL;
    ns->dict = dict_new();
    if (!ns->dict) { DECREF((Obj *)ns); return NULL; }
    gc_track((Obj *)ns);
    return (Obj *)ns;
}

static int ns_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (nargs) {
        err_format(Exc_TypeError, "no positional arguments expected");
        return -1;
    }
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++)
        if (dict_set(((NamespaceObj *)self)->dict, TUPLE_GET(kwnames, i), args[i]) < 0) return -1;
    return 0;
}

static void ns_dealloc(Obj *o) {
    Type *t = TYPE(o);
    gc_untrack(o);
    XDECREF(((NamespaceObj *)o)->dict);
    obj_free(o);
    if (IS_HEAP_TYPE(t) && t->dealloc == ns_dealloc) DECREF((Obj *)t);
}
static int ns_traverse(Obj *o, visitproc visit, void *arg) {
    Obj *d = ((NamespaceObj *)o)->dict;
    return d ? visit(d, arg) : 0;
}
static int ns_clear(Obj *o) {
    CLEAR(((NamespaceObj *)o)->dict);
    return 0;
}

static Obj *ns_repr(Obj *o) {
    const char *name = TYPE(o) == &Type_SimpleNamespace ? "namespace" : TP_NAME(TYPE(o));
    int rc = repr_enter(o);
    if (rc < 0) return NULL;
    if (rc > 0) return str_from_format("%s(...)", name);
    StrBuilder sb;
    sb_init(&sb);
    sb_append_cstr(&sb, name);
    sb_append_char(&sb, '(');
    Obj *d = ((NamespaceObj *)o)->dict;
    size_t pos = 0;
    Obj *k, *v;
    bool first = true;
    while (d && dict_next(d, &pos, &k, &v)) {
        if (!STR_CHECK(k)) continue;
        Obj *r = obj_repr(v);
        if (!r) { sb_discard(&sb); repr_leave(o); return NULL; }
        if (!first) sb_append_cstr(&sb, ", ");
        first = false;
        sb_append_str(&sb, k);
        sb_append_char(&sb, '=');
        sb_append_str(&sb, r);
        DECREF(r);
    }
    sb_append_char(&sb, ')');
    repr_leave(o);
    return sb_finish(&sb);
}

static Obj *ns_richcompare(Obj *a, Obj *b, int op) {
    if ((op == CMP_EQ || op == CMP_NE) && type_is_subtype(TYPE(a), &Type_SimpleNamespace) &&
        type_is_subtype(TYPE(b), &Type_SimpleNamespace))
        return obj_richcompare(((NamespaceObj *)a)->dict, ((NamespaceObj *)b)->dict, op);
    return NEWREF(V_NotImplemented);
}

static Obj *ns_reduce(Obj *self, Obj *const *a, size_t n, Obj *k) {
    Obj *args = EMPTY_TUPLE;
    return tuple_pack(3, (Obj *)TYPE(self), args, ((NamespaceObj *)self)->dict);
}
static const MethodDef ns_methods[] = {{"__reduce__", ns_reduce, METH_NOARGS, NULL}, {NULL}};
static const MemberDef ns_members[] = {
    {"__dict__", MEMBER_OBJECT, offsetof(NamespaceObj, dict), 1, NULL},
    {NULL},
};

Type Type_SimpleNamespace = {
    .ob = OBJ_HEAD_INIT(&Type_type), .name = "types.SimpleNamespace", .basicsize = sizeof(NamespaceObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC, .dict_offset = offsetof(NamespaceObj, dict),
    .dealloc = ns_dealloc, .traverse = ns_traverse, .clear = ns_clear, .new = ns_new,
    .init = ns_init, .repr = ns_repr, .richcompare = ns_richcompare, .hash = type_hash_not_implemented,
    .getattr = obj_generic_getattr, .setattr = obj_generic_setattr,
    .methods = ns_methods, .members = ns_members,
    .doc = "A simple attribute-based namespace.\n\nSimpleNamespace(**kwargs)",
};

/* ---- mappingproxy ---- */

typedef struct {
    Obj ob;
    Obj *mapping;
} ProxyObj;
#define PM(o) (((ProxyObj *)(o))->mapping)

static bool is_mapping(Obj *m) {
    if (LIST_CHECK(m) || TUPLE_CHECK(m)) return false;
    return TYPE(m)->getitem != NULL;
}

Obj *mappingproxy_new(Obj *mapping) {
    if (!is_mapping(mapping))
        return err_format(Exc_TypeError, "mappingproxy() argument must be a mapping, not %s",
                          TP_NAME(TYPE(mapping)));
    ProxyObj *p = (ProxyObj *)gc_alloc(&Type_mappingproxy, sizeof(ProxyObj));
    if (!p) return NULL;
    p->mapping = NEWREF(mapping);
    gc_track((Obj *)p);
    return (Obj *)p;
}

static Obj *mp_tp_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"mapping"};
    Obj *m;
    if (args_parse("mappingproxy", args, nargs, kwnames, names, 1, 1, 1, &m) < 0) return NULL;
    return mappingproxy_new(m);
}
static void mp_dealloc(Obj *o) {
    gc_untrack(o);
    XDECREF(PM(o));
    obj_free(o);
}
static int mp_traverse(Obj *o, visitproc visit, void *arg) { return PM(o) ? visit(PM(o), arg) : 0; }
static Obj *mp_getitem(Obj *o, Obj *k) { return obj_getitem(PM(o), k); }
static intptr_t mp_len(Obj *o) { return obj_len(PM(o)); }
static int mp_contains(Obj *o, Obj *k) {
    if (DICT_CHECK(PM(o))) return dict_contains(PM(o), k);
    return obj_contains(PM(o), k);
}
static Obj *mp_iter(Obj *o) { return obj_get_iter(PM(o)); }
static Obj *mp_repr(Obj *o) { return str_from_format("mappingproxy(%R)", PM(o)); }
static Obj *mp_str(Obj *o) { return obj_str(PM(o)); }
static Obj *mp_richcompare(Obj *a, Obj *b, int op) { return obj_richcompare(PM(a), b, op); }
static Obj *mp_binop(Obj *a, Obj *b, int op) {
    if (op != NB_OR) return NEWREF(V_NotImplemented);
    if (IS_TYPE(a, &Type_mappingproxy)) a = PM(a);
    if (IS_TYPE(b, &Type_mappingproxy)) b = PM(b);
    return obj_binop(a, b, NB_OR);
}
static Obj *mp_inplace(Obj *a, Obj *b, int op) {
    if (op == NB_OR)
        return err_format(Exc_TypeError, "'|=' is not supported by %s; use '|' instead", TP_NAME(TYPE(a)));
    return NEWREF(V_NotImplemented);
}

static Obj *mp_call(Obj *self, const char *meth, Obj *const *args, size_t nargs) {
    Obj *name = str_intern_cstr(meth);
    if (!name) return NULL;
    Obj *r = obj_call_method(PM(self), name, args, nargs);
    DECREF(name);
    return r;
}
static Obj *mp_get(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("get", nargs, kw, 1, 2) < 0) return NULL;
    return mp_call(self, "get", args, nargs);
}
static Obj *mp_keys(Obj *self, Obj *const *a, size_t n, Obj *k) { return mp_call(self, "keys", NULL, 0); }
static Obj *mp_values(Obj *self, Obj *const *a, size_t n, Obj *k) { return mp_call(self, "values", NULL, 0); }
static Obj *mp_items(Obj *self, Obj *const *a, size_t n, Obj *k) { return mp_call(self, "items", NULL, 0); }
static Obj *mp_copy(Obj *self, Obj *const *a, size_t n, Obj *k) { return mp_call(self, "copy", NULL, 0); }
static Obj *mp_reversed(Obj *self, Obj *const *a, size_t n, Obj *k) {
    Obj *rev = dict_get_cstr(vm_interp()->builtins, "reversed");
    if (!rev) return err_set_str(Exc_TypeError, "reversed() unavailable");
    return obj_call1(rev, PM(self));
}
static const MethodDef mp_methods[] = {
    {"get", mp_get, METH_VARARGS, NULL},
    {"keys", mp_keys, METH_NOARGS, NULL},
    {"values", mp_values, METH_NOARGS, NULL},
    {"items", mp_items, METH_NOARGS, NULL},
    {"copy", mp_copy, METH_NOARGS, NULL},
    {"__reversed__", mp_reversed, METH_NOARGS, NULL},
    {NULL},
};

Type Type_mappingproxy = {
    .ob = OBJ_HEAD_INIT(&Type_type), .name = "mappingproxy", .basicsize = sizeof(ProxyObj),
    .flags = TPFLAG_HAVE_GC, .dealloc = mp_dealloc, .traverse = mp_traverse, .new = mp_tp_new,
    .repr = mp_repr, .str = mp_str, .richcompare = mp_richcompare, .hash = type_hash_not_implemented,
    .binop = mp_binop, .inplace = mp_inplace,
    .len = mp_len, .getitem = mp_getitem, .contains = mp_contains, .iter = mp_iter,
    .methods = mp_methods,
};
