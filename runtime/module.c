/* module.c: module objects: creation helpers, attribute lookup with a module-level
 * __getattr__ (PEP 562), repr, __dir__. */
#include <string.h>
#include "types.h"
#include "vm.h"
#include "gc.h"
#include "names.h"
#include "objcore.h"

static int module_init_dict(Obj *dict, Obj *name, Obj *doc) {
    if (dict_set(dict, NAME(__name__), name) < 0 || dict_set(dict, NAME(__doc__), doc) < 0 ||
        dict_set(dict, NAME(__package__), V_None) < 0 || dict_set(dict, NAME(__loader__), V_None) < 0 ||
        dict_set(dict, NAME(__spec__), V_None) < 0)
        return -1;
    return 0;
}

static Obj *module_alloc(Type *type) {
    ModuleObj *m = (ModuleObj *)type_generic_alloc(type, 0);
    if (!m) return NULL;
    m->dict = dict_new();
    if (!m->dict) { DECREF((Obj *)m); return NULL; }
    gc_track((Obj *)m);
    return (Obj *)m;
}

Obj *module_new(const char *name) {
    Obj *m = module_alloc(&Type_module);
    if (!m) return NULL;
    Obj *n = str_from_cstr(name);
    if (!n || module_init_dict(MODULE_DICT(m), n, V_None) < 0) {
        XDECREF(n);
        DECREF(m);
        return NULL;
    }
    ((ModuleObj *)m)->name = n;
    return m;
}

int module_add_methods(Obj *module, const MethodDef *defs) {
    for (const MethodDef *d = defs; d && d->name; d++) {
        Obj *f = cfunction_new(d, module);
        if (!f) return -1;
        int r = dict_set_cstr(MODULE_DICT(module), d->name, f);
        DECREF(f);
        if (r < 0) return -1;
    }
    return 0;
}

int module_add_object(Obj *module, const char *name, Obj *value) {
    return dict_set_cstr(MODULE_DICT(module), name, value);
}

int module_add_int(Obj *module, const char *name, int64_t value) {
    Obj *v = int_from_i64(value);
    if (!v) return -1;
    int r = module_add_object(module, name, v);
    DECREF(v);
    return r;
}

int module_add_str(Obj *module, const char *name, const char *value) {
    Obj *v = str_from_cstr(value);
    if (!v) return -1;
    int r = module_add_object(module, name, v);
    DECREF(v);
    return r;
}

static Obj *module_tp_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    return module_alloc(type);
}

/* ModuleType(name, doc=None) */
static int module_tp_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"name", "doc"};
    Obj *a[2];
    if (args_parse("module", args, nargs, kwnames, names, 2, 1, 2, a) < 0) return -1;
    if (!STR_CHECK(a[0])) {
        err_format(Exc_TypeError, "module.__init__() argument 'name' must be str, not %s", TP_NAME(TYPE(a[0])));
        return -1;
    }
    ModuleObj *m = (ModuleObj *)self;
    if (module_init_dict(m->dict, a[0], a[1] ? a[1] : V_None) < 0) return -1;
    SETREF(m->name, NEWREF(a[0]));
    return 0;
}

static void module_dealloc(Obj *o) {
    ModuleObj *m = (ModuleObj *)o;
    Type *t = TYPE(o);
    gc_untrack(o);
    XDECREF(m->dict);
    XDECREF(m->name);
    obj_free(o);
    if (IS_HEAP_TYPE(t) && t->dealloc == module_dealloc) DECREF((Obj *)t);
}
static int module_traverse(Obj *o, visitproc visit, void *arg) {
    ModuleObj *m = (ModuleObj *)o;
    if (m->dict && visit(m->dict, arg)) return 1;
    return 0;
}
static int module_clear(Obj *o) {
    CLEAR(((ModuleObj *)o)->dict);
    return 0;
}

/* The module's __name__ from its dict (it may have been reassigned), for messages. */
static Obj *module_name_obj(Obj *o) {
    ModuleObj *m = (ModuleObj *)o;
    Obj *n = m->dict ? dict_get(m->dict, NAME(__name__)) : NULL;
    if (n && STR_CHECK(n)) return n;
    return NULL;
}

static bool is_builtin_module_name(const char *name) {
    for (const BuiltinModule *b = builtin_modules; b->name; b++)
        if (strcmp(b->name, name) == 0) return true;
    return false;
}

static Obj *module_repr(Obj *o) {
    ModuleObj *m = (ModuleObj *)o;
    Obj *name = module_name_obj(o);
    Obj *shown = name ? obj_repr(name) : str_from_cstr("'?'");
    if (!shown) return NULL;
    Obj *file = m->dict ? dict_get(m->dict, NAME(__file__)) : NULL;
    Obj *r;
    if (file && STR_CHECK(file)) r = str_from_format("<module %U from %R>", shown, file);
    else if (name && is_builtin_module_name(str_cstr(name))) r = str_from_format("<module %U (built-in)>", shown);
    else r = str_from_format("<module %U>", shown);
    DECREF(shown);
    return r;
}

/* Generic lookup, then the module's own __getattr__ (PEP 562), then the module-style error. */
static Obj *module_getattro(Obj *o, Obj *name) {
    Obj *r = obj_generic_getattr_opt(o, name);
    if (r || err_occurred()) return r;
    ModuleObj *m = (ModuleObj *)o;
    if (m->dict) {
        Obj *hook = dict_get(m->dict, NAME(__getattr__));
        if (hook) {
            INCREF(hook);
            r = obj_call1(hook, name);
            DECREF(hook);
            return r;
        }
    }
    Obj *mname = module_name_obj(o);
    if (mname) {
        Obj *spec = dict_get(m->dict, NAME(__spec__));
        if (spec && spec != V_None) {
            Obj *init = obj_getattr_cstr(spec, "_initializing");
            if (!init) err_clear();
            else {
                int t = obj_is_true(init);
                DECREF(init);
                if (t > 0) {
                    err_format(Exc_AttributeError,
                               "partially initialized module '%U' has no attribute '%U' (most likely due to a circular import)",
                               mname, name);
                    attr_error_annotate(o, name);
                    return NULL;
                }
            }
        }
        err_format(Exc_AttributeError, "module '%U' has no attribute '%U'", mname, name);
    } else {
        err_format(Exc_AttributeError, "module has no attribute '%U'", name);
    }
    attr_error_annotate(o, name);
    return NULL;
}

static Obj *module_dir(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    ModuleObj *m = (ModuleObj *)self;
    if (!m->dict || !DICT_CHECK(m->dict))
        return err_format(Exc_TypeError, "<module>.__dict__ is not a dictionary");
    Obj *hook = dict_get(m->dict, NAME(__dir__));
    if (hook) return obj_call0(hook);
    return dict_keys_list(m->dict);
}

static const MethodDef module_methods[] = {
    {"__dir__", module_dir, METH_NOARGS, "__dir__() -> list\nspecialized dir() implementation"},
    {NULL},
};
static const MemberDef module_members[] = {
    {"__dict__", MEMBER_OBJECT, offsetof(ModuleObj, dict), 1, NULL},
    {NULL},
};

Type Type_module = {
    .ob = OBJ_HEAD_INIT(&Type_type), .name = "module", .basicsize = sizeof(ModuleObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_HAVE_GC, .dict_offset = offsetof(ModuleObj, dict),
    .weaklist_offset = offsetof(ModuleObj, weaklist),
    .dealloc = module_dealloc, .traverse = module_traverse, .clear = module_clear,
    .new = module_tp_new, .init = module_tp_init, .repr = module_repr,
    .getattr = module_getattro, .setattr = obj_generic_setattr,
    .methods = module_methods, .members = module_members,
    .doc = "Create a module object.\n\nThe name must be a string; the optional doc argument can have any type.",
};
