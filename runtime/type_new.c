/* type_new.c: creating classes at run time (type.__new__): metaclass calculation, C3 MRO,
 * best/solid base and instance layout, __slots__, and the dealloc/traverse of instances. */
#include <stdlib.h>
#include <string.h>
#include "typeobj.h"
#include "names.h"
#include "gc.h"
#include "vm.h"
#include "trace.h"

/* --trace=class watches classes made while Python code runs (not start-up types). */
#define CLASS_TRACED() (TRACE_ON(TRACE_CLASS) && vm_ts() && vm_ts()->frame)

static int subtype_clear(Obj *self);

/* ---------------------------------------------------------------------------------------
 * C3 linearization */
static int tail_contains(Obj **seq, size_t start, size_t n, Obj *o) {
    for (size_t i = start; i < n; i++)
        if (seq[i] == o) return 1;
    return 0;
}

static void set_mro_error(Obj **lists[], size_t *lens, size_t *pos, size_t nlists) {
    /* CPython lists the bases still unmerged, each once. */
    StrBuilder sb;
    sb_init(&sb);
    sb_append_cstr(&sb, "Cannot create a consistent method resolution\norder (MRO) for bases");
    Obj *seen[64];
    size_t nseen = 0;
    int first = 1;
    for (size_t i = 0; i < nlists; i++) {
        if (pos[i] >= lens[i]) continue;
        Obj *o = lists[i][pos[i]];
        int dup = 0;
        for (size_t j = 0; j < nseen; j++) if (seen[j] == o) dup = 1;
        if (dup) continue;
        if (nseen < 64) seen[nseen++] = o;
        sb_append_cstr(&sb, first ? " " : ", ");
        first = 0;
        sb_append_cstr(&sb, type_name((Type *)o));
    }
    Obj *msg = sb_finish(&sb);
    if (msg) {
        err_set_str(Exc_TypeError, str_cstr(msg));
        DECREF(msg);
    }
}

Obj *type_mro_c3(Type *t) {
    Obj *bases = t->bases;
    size_t nb = bases ? TUPLE_SIZE(bases) : 0;
    if (nb == 0) return tuple_pack(1, (Obj *)t);
    if (nb == 1) {
        Type *b = (Type *)TUPLE_GET(bases, 0);
        Obj *bm = b->mro;
        if (!bm) return err_format(Exc_TypeError, "base '%s' is not ready", type_name(b));
        Obj *r = tuple_new(TUPLE_SIZE(bm) + 1);
        if (!r) return NULL;
        TUPLE_SET_STEAL(r, 0, NEWREF((Obj *)t));
        for (size_t i = 0; i < TUPLE_SIZE(bm); i++) TUPLE_SET_STEAL(r, i + 1, NEWREF(TUPLE_GET(bm, i)));
        return r;
    }
    /* Check duplicates. */
    for (size_t i = 0; i < nb; i++)
        for (size_t j = i + 1; j < nb; j++)
            if (TUPLE_GET(bases, i) == TUPLE_GET(bases, j))
                return err_format(Exc_TypeError, "duplicate base class %s",
                                  type_name((Type *)TUPLE_GET(bases, i)));
    size_t nlists = nb + 1;
    Obj **lists[nlists];
    size_t lens[nlists], pos[nlists];
    for (size_t i = 0; i < nb; i++) {
        Type *b = (Type *)TUPLE_GET(bases, i);
        if (!b->mro) return err_format(Exc_TypeError, "base '%s' is not ready", type_name(b));
        lists[i] = TUPLE_ITEMS(b->mro);
        lens[i] = TUPLE_SIZE(b->mro);
        pos[i] = 0;
    }
    lists[nb] = TUPLE_ITEMS(bases);
    lens[nb] = nb;
    pos[nb] = 0;
    Obj *res = list_new(0);
    if (!res) return NULL;
    if (list_append(res, (Obj *)t) < 0) { DECREF(res); return NULL; }
    for (;;) {
        int empty = 1;
        Obj *cand = NULL;
        for (size_t i = 0; i < nlists; i++) {
            if (pos[i] >= lens[i]) continue;
            empty = 0;
            Obj *c = lists[i][pos[i]];
            int bad = 0;
            for (size_t j = 0; j < nlists && !bad; j++)
                if (tail_contains(lists[j], pos[j] + 1, lens[j], c)) bad = 1;
            if (!bad) { cand = c; break; }
        }
        if (empty) break;
        if (!cand) {
            set_mro_error(lists, lens, pos, nlists);
            DECREF(res);
            return NULL;
        }
        if (list_append(res, cand) < 0) { DECREF(res); return NULL; }
        for (size_t i = 0; i < nlists; i++)
            if (pos[i] < lens[i] && lists[i][pos[i]] == cand) pos[i]++;
    }
    Obj *tup = list_as_tuple(res);
    DECREF(res);
    return tup;
}

/* ---------------------------------------------------------------------------------------
 * Metaclass, solid base */
Type *type_calculate_metaclass(Type *meta, Obj *bases) {
    Type *winner = meta;
    for (size_t i = 0; i < TUPLE_SIZE(bases); i++) {
        Type *tmp = TYPE(TUPLE_GET(bases, i));
        if (type_is_subtype(winner, tmp)) continue;
        if (type_is_subtype(tmp, winner)) { winner = tmp; continue; }
        err_set_str(Exc_TypeError, "metaclass conflict: the metaclass of a derived class must be a "
                    "(non-strict) subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

static int is_varsized(Type *t) {
    return t->itemsize != 0 || type_is_subtype(t, &Type_tuple) || type_is_subtype(t, &Type_str) ||
           type_is_subtype(t, &Type_bytes);
}

static int extra_ivars(Type *t, Type *base) {
    size_t ts = t->basicsize, bs = base->basicsize;
    if (t->itemsize || base->itemsize) return ts != bs || t->itemsize != base->itemsize;
    if (IS_HEAP_TYPE(t) && t->weaklist_offset && !base->weaklist_offset &&
        t->weaklist_offset + sizeof(Obj *) == ts)
        ts -= sizeof(Obj *);
    if (IS_HEAP_TYPE(t) && t->dict_offset && !base->dict_offset &&
        t->dict_offset + sizeof(Obj *) == ts)
        ts -= sizeof(Obj *);
    return ts != bs;
}

Type *type_solid_base(Type *t) {
    Type *base = t->base ? type_solid_base(t->base) : &Type_object;
    return extra_ivars(t, base) ? t : base;
}

Type *type_best_base(Obj *bases) {
    Type *base = NULL, *winner = NULL;
    for (size_t i = 0; i < TUPLE_SIZE(bases); i++) {
        Obj *b = TUPLE_GET(bases, i);
        if (!TYPE_CHECK(b)) {
            err_set_str(Exc_TypeError, "bases must be types");
            return NULL;
        }
        Type *bt = (Type *)b;
        if (!(bt->flags & TPFLAG_BASETYPE)) {
            err_format(Exc_TypeError, "type '%s' is not an acceptable base type", type_name(bt));
            return NULL;
        }
        Type *cand = type_solid_base(bt);
        if (!winner) { winner = cand; base = bt; }
        else if (type_is_subtype(winner, cand)) ;
        else if (type_is_subtype(cand, winner)) { winner = cand; base = bt; }
        else {
            err_set_str(Exc_TypeError, "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return base;
}

/* ---------------------------------------------------------------------------------------
 * Helpers */
/* Contract: typeobj.h. */
int kwds_to_vector(Obj *const *pre, size_t npre, Obj *kwds, Obj ***out, Obj **kwnames_out) {
    size_t nkw = kwds ? dict_size(kwds) : 0;
    Obj **v = vt_malloc((npre + nkw + 1) * sizeof(Obj *));
    if (!v) return -1;
    if (npre) memcpy(v, pre, npre * sizeof(Obj *));
    *kwnames_out = NULL;
    if (nkw) {
        Obj *names = tuple_new(nkw);
        if (!names) { vt_free(v); return -1; }
        size_t pos = 0, i = 0;
        Obj *k, *val;
        while (dict_next(kwds, &pos, &k, &val)) {
            TUPLE_SET_STEAL(names, i, NEWREF(k));
            v[npre + i] = val;
            i++;
        }
        *kwnames_out = names;
    }
    *out = v;
    return 0;
}

static Obj *mangle(Obj *classname, Obj *name) {
    const char *n = str_cstr(name);
    size_t len = STR_SIZE(name);
    if (len < 2 || n[0] != '_' || n[1] != '_' || (len >= 4 && n[len - 1] == '_' && n[len - 2] == '_') ||
        strchr(n, '.'))
        return NEWREF(name);
    const char *c = str_cstr(classname);
    while (*c == '_') c++;
    if (!*c) return NEWREF(name);
    return str_from_format("_%s%s", c, n);
}

static int is_identifier(Obj *s) {
    const unsigned char *p = (const unsigned char *)str_cstr(s);
    if (!*p) return 0;
    if (!(p[0] == '_' || (unsigned)((p[0] | 32) - 'a') < 26u || p[0] >= 128)) return 0;
    for (; *p; p++)
        if (!(*p == '_' || (unsigned)((*p | 32) - 'a') < 26u || (unsigned)(*p - '0') < 10u || *p >= 128))
            return 0;
    return 1;
}

static Obj *caller_module_name(void) {
    Frame *f = vm_ts()->frame;
    if (!f || !f->globals) return NULL;
    Obj *n = dict_get(f->globals, NAME(__name__));
    return n;
}

static const GetSetDef subtype_getset_dict[] = {
    {"__dict__", instance_dict_get, instance_dict_set, NULL},
    {NULL}
};
static Obj *sidedict_getter(Obj *self) {
    Obj *d = side_dict_get(self, 1);
    return d ? NEWREF(d) : NULL;
}
static int sidedict_setter(Obj *self, Obj *value);
static const GetSetDef subtype_getset_sidedict[] = {
    {"__dict__", sidedict_getter, sidedict_setter, NULL},
    {NULL}
};
static const GetSetDef subtype_getset_weakref[] = {
    {"__weakref__", instance_weakref_get, NULL, NULL},
    {NULL}
};

/* Process __slots__: fills ht_slots (sorted mangled names), tells whether __dict__ and
 * __weakref__ were requested. */
static int process_slots(HeapType *ht, Obj *slots, Obj *dict, Type *base, int *add_dict, int *add_weak) {
    Type *t = &ht->type;
    Obj *seq;
    if (STR_CHECK(slots)) seq = tuple_pack(1, slots);
    else seq = seq_to_tuple(slots);
    if (!seq) return -1;
    size_t n = TUPLE_SIZE(seq);
    int want_dict = 0, want_weak = 0;
    Obj *names = list_new(0);
    if (!names) { DECREF(seq); return -1; }
    for (size_t i = 0; i < n; i++) {
        Obj *s = TUPLE_GET(seq, i);
        if (!STR_CHECK(s)) {
            err_format(Exc_TypeError, "__slots__ items must be strings, not '%s'", type_name(TYPE(s)));
            goto fail;
        }
        if (!is_identifier(s)) {
            err_set_str(Exc_TypeError, "__slots__ must be identifiers");
            goto fail;
        }
        if (str_eq_cstr(s, "__dict__")) {
            if (!*add_dict || want_dict) {
                err_set_str(Exc_TypeError, "__dict__ slot disallowed: we already got one");
                goto fail;
            }
            want_dict = 1;
            continue;
        }
        if (str_eq_cstr(s, "__weakref__")) {
            if (!*add_weak || want_weak) {
                err_set_str(Exc_TypeError, "__weakref__ slot disallowed: either we already got one, "
                            "or __itemsize__ != 0");
                goto fail;
            }
            want_weak = 1;
            continue;
        }
        Obj *m = mangle(ht->ht_name, s);
        if (!m) goto fail;
        m = str_intern(m);
        if (dict_get(dict, m)) {
            /* CPython allows a class variable only for names not in __slots__. */
            err_format(Exc_ValueError, "%R in __slots__ conflicts with class variable", s);
            DECREF(m);
            goto fail;
        }
        int r = list_append_steal(names, m);
        if (r < 0) goto fail;
    }
    /* CPython's int is variable-sized too: same rule, although our IntObj is not. */
    if (n && (is_varsized(base) || type_is_subtype(base, &Type_int))) {
        err_format(Exc_TypeError, "nonempty __slots__ not supported for subtype of '%s'", type_name(base));
        goto fail;
    }
    if (list_sort(names, NULL, false) < 0) goto fail;
    ht->ht_slots = list_as_tuple(names);
    if (!ht->ht_slots) goto fail;
    DECREF(names);
    DECREF(seq);
    *add_dict = want_dict;
    *add_weak = want_weak;
    (void)t;
    return 0;
fail:
    DECREF(names);
    DECREF(seq);
    return -1;
}

static int set_names(Type *t) {
    Obj *items = dict_items_list(t->dict);
    if (!items) return -1;
    for (size_t i = 0; i < LIST_SIZE(items); i++) {
        Obj *kv = LIST_GET(items, i);
        Obj *key = TUPLE_GET(kv, 0), *value = TUPLE_GET(kv, 1);
        Obj *sn = type_lookup(TYPE(value), NAME(__set_name__));
        if (!sn) continue;
        if (CLASS_TRACED())
            trace_emitf(TRACE_CLASS, "%s: %s.__set_name__(%s, '%s')", type_name(t),
                        type_name(TYPE(value)), type_name(t), str_cstr(key));
        Obj *args[2] = {(Obj *)t, key};
        INCREF(sn);
        Obj *r = call_unbound(sn, value, args, 2, NULL);
        DECREF(sn);
        if (!r) {
            Obj *cause = err_fetch();
            err_format(Exc_RuntimeError, "Error calling __set_name__ on '%s' instance %R in '%s'",
                       type_name(TYPE(value)), key, type_name(t));
            Obj *exc = err_fetch();
            if (exc) {
                exc_set_cause(exc, cause);
                err_restore(exc);
            } else {
                XDECREF(cause);
            }
            DECREF(items);
            return -1;
        }
        DECREF(r);
    }
    DECREF(items);
    return 0;
}

/* super(type, type).__init_subclass__(**kwds) */
static int init_subclass(Type *t, Obj *kwds) {
    Obj *mro = t->mro;
    Obj *descr = NULL;
    Type *owner = NULL;
    for (size_t i = 1; i < TUPLE_SIZE(mro); i++) {
        Type *b = (Type *)TUPLE_GET(mro, i);
        descr = dict_get(b->dict, NAME(__init_subclass__));
        if (descr) { owner = b; break; }
    }
    if (!descr) return 0;
    if (CLASS_TRACED())
        trace_emitf(TRACE_CLASS, "%s: %s.__init_subclass__ via super(%s, %s)", type_name(t), type_name(owner),
                    type_name(t), type_name(t));
    Obj *func;
    INCREF(descr);
    if (TYPE(descr)->descr_get) {
        func = TYPE(descr)->descr_get(descr, NULL, (Obj *)t);   /* as super(t, t) does */
        DECREF(descr);
        if (!func) return -1;
    } else {
        func = descr;
    }
    Obj **argv, *kwnames;
    if (kwds_to_vector(NULL, 0, kwds, &argv, &kwnames) < 0) { DECREF(func); return -1; }
    Obj *r = obj_call(func, argv, 0, kwnames);
    vt_free(argv);
    XDECREF(kwnames);
    DECREF(func);
    if (!r) return -1;
    DECREF(r);
    return 0;
}

/* Wrap plain functions for the implicit staticmethod/classmethod dunders. */
static int wrap_special(Obj *dict, Obj *name, Obj *(*wrap)(Obj *)) {
    Obj *f = dict_get(dict, name);
    if (!f || TYPE(f) != &Type_function) return 0;
    Obj *w = wrap(f);
    if (!w) return -1;
    int r = dict_set(dict, name, w);
    DECREF(w);
    return r;
}


/* --trace=class: the MRO just computed for t. */
static void trace_mro(Type *t) {
    char buf[512];
    size_t n = 0;
    buf[0] = 0;
    for (size_t i = 0; i < TUPLE_SIZE(t->mro) && n < sizeof buf; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? ", " : "",
                              type_name((Type *)TUPLE_GET(t->mro, i)));
    trace_emitf(TRACE_CLASS, "%s: MRO [%s]", type_name(t), buf);
}

/* ---------------------------------------------------------------------------------------
 * type.__new__(meta, name, bases, ns, **kwds) */
Obj *type_new_heap(Type *meta, Obj *name, Obj *bases, Obj *ns, Obj *kwds) {
    for (size_t i = 0; i < TUPLE_SIZE(bases); i++) {
        Obj *b = TUPLE_GET(bases, i);
        if (TYPE_CHECK(b)) continue;
        Obj *me = obj_getattr_opt(b, NAME(__mro_entries__));
        if (me) {
            DECREF(me);
            return err_set_str(Exc_TypeError,
                               "type() doesn't support MRO entry resolution; use types.new_class()");
        }
        if (err_occurred()) return NULL;
    }
    Type *winner = type_calculate_metaclass(meta, bases);
    if (!winner) return NULL;
    if (winner != meta && winner->new != type_new_slot) {
        /* A more derived metaclass with its own __new__: let it do the work. */
        Obj *pre[3] = {name, bases, ns}, **argv, *kwnames;
        if (kwds_to_vector(pre, 3, kwds, &argv, &kwnames) < 0) return NULL;
        Obj *r = winner->new(winner, argv, 3, kwnames);
        vt_free(argv);
        XDECREF(kwnames);
        return r;
    }
    meta = winner;
    if (CLASS_TRACED())
        trace_emitf(TRACE_CLASS, "%s: type.__new__(%s, ...) builds the class", str_cstr(name), type_name(meta));
    if (strlen(str_cstr(name)) != STR_SIZE(name))
        return err_set_str(Exc_ValueError, "type name must not contain null characters");
    Obj *own_bases = NULL;
    if (TUPLE_SIZE(bases) == 0) {
        own_bases = tuple_pack(1, (Obj *)&Type_object);
        if (!own_bases) return NULL;
        bases = own_bases;
    } else {
        INCREF(bases);
        own_bases = bases;
    }
    Type *base = type_best_base(bases);
    if (!base) { DECREF(own_bases); return NULL; }

    Obj *dict = dict_copy(ns);
    if (!dict) { DECREF(own_bases); return NULL; }

    HeapType *ht = (HeapType *)type_generic_alloc(meta, 0);
    if (!ht) { DECREF(dict); DECREF(own_bases); return NULL; }
    Type *t = &ht->type;
    ht->ht_name = NEWREF(name);
    t->name = str_cstr(name);
    t->flags = TPFLAG_HEAPTYPE | TPFLAG_BASETYPE;
    t->bases = own_bases;
    t->base = (Type *)NEWREF((Obj *)base);
    t->dict = dict;

    /* __module__ from the caller's globals */
    if (!dict_get(dict, NAME(__module__))) {
        Obj *mod = caller_module_name();
        if (mod && dict_set(dict, NAME(__module__), mod) < 0) goto fail;
    }
    /* __qualname__ */
    Obj *qn = dict_get(dict, NAME(__qualname__));
    if (qn) {
        if (!STR_CHECK(qn)) {
            err_format(Exc_TypeError, "type __qualname__ must be a str, not %s", type_name(TYPE(qn)));
            goto fail;
        }
        t->qualname = NEWREF(qn);
        if (dict_del(dict, NAME(__qualname__)) < 0) goto fail;
    } else {
        t->qualname = NEWREF(name);
    }
    if (wrap_special(dict, NAME(__new__), staticmethod_new) < 0 ||
        wrap_special(dict, NAME(__init_subclass__), classmethod_new) < 0 ||
        wrap_special(dict, NAME(__class_getitem__), classmethod_new) < 0)
        goto fail;

    /* Layout: base size, then (optionally) __dict__, __weakref__, then the slots. */
    int varsized = is_varsized(base);
    int add_dict = base->dict_offset == 0 && !type_has_side_dict(base);
    int add_weak = base->weaklist_offset == 0 && !varsized;
    Obj *slots = dict_get(dict, NAME(__slots__));
    if (slots) {
        if (process_slots(ht, slots, dict, base, &add_dict, &add_weak) < 0) goto fail;
    }
    const GetSetDef *dict_getset = subtype_getset_dict;
    if (varsized && add_dict) {
        /* no fixed place for the dict pointer: keep it in the side table */
        ht->side_dict = 1;
        dict_getset = subtype_getset_sidedict;
    }
    size_t size = base->basicsize;
    size_t nslots = ht->ht_slots ? TUPLE_SIZE(ht->ht_slots) : 0;
    t->dict_offset = base->dict_offset;
    t->weaklist_offset = base->weaklist_offset;
    t->itemsize = base->itemsize;
    if (nslots) {
        ht->ht_members = vt_calloc(nslots + 1, sizeof(MemberDef));
        if (!ht->ht_members) goto fail;
        for (size_t i = 0; i < nslots; i++) {
            ht->ht_members[i].name = str_cstr(TUPLE_GET(ht->ht_slots, i));
            ht->ht_members[i].kind = MEMBER_OBJECT_EX;
            ht->ht_members[i].offset = size;
            size += sizeof(Obj *);
        }
    }
    if (add_dict && !ht->side_dict) { t->dict_offset = size; size += sizeof(Obj *); }
    if (add_weak) { t->weaklist_offset = size; size += sizeof(Obj *); }
    t->basicsize = size;
    if ((base->flags & TPFLAG_HAVE_GC) || size > base->basicsize) t->flags |= TPFLAG_HAVE_GC;
    t->flags |= base->flags & TPFLAG_HAVE_GC;

    for (size_t i = 0; i < nslots; i++) {
        Obj *d = descr_new_member(t, &ht->ht_members[i]);
        if (!d) goto fail;
        int r = dict_set(dict, TUPLE_GET(ht->ht_slots, i), d);
        DECREF(d);
        if (r < 0) goto fail;
    }
    if (add_dict && !dict_get(dict, NAME(__dict__))) {
        Obj *d = descr_new_getset(t, dict_getset);
        if (!d) goto fail;
        int r = dict_set(dict, NAME(__dict__), d);
        DECREF(d);
        if (r < 0) goto fail;
    }
    if (add_weak && !dict_get(dict, NAME(__weakref__))) {
        Obj *d = descr_new_getset(t, subtype_getset_weakref);
        if (!d) goto fail;
        int r = dict_set(dict, NAME(__weakref__), d);
        DECREF(d);
        if (r < 0) goto fail;
    }
    if (!dict_get(dict, NAME(__doc__)) && dict_set(dict, NAME(__doc__), V_None) < 0) goto fail;
    /* __eq__ without __hash__: instances are unhashable */
    if (dict_get(dict, NAME(__eq__)) && !dict_get(dict, NAME(__hash__)) &&
        dict_set(dict, NAME(__hash__), V_None) < 0)
        goto fail;

    /* MRO (a metaclass may override mro()) */
    {
        Obj *mro = NULL;
        Obj *mro_meth = meta != &Type_type ? type_lookup(meta, NAME(mro)) : NULL;
        Obj *type_mro = dict_get(Type_type.dict, NAME(mro));
        if (mro_meth && mro_meth != type_mro) {
            t->mro = type_mro_c3(t);   /* provisional, so that the method can look things up */
            if (!t->mro) goto fail;
            Obj *r = call_unbound(mro_meth, (Obj *)t, NULL, 0, NULL);
            if (!r) goto fail;
            mro = seq_to_tuple(r);
            DECREF(r);
            if (!mro) goto fail;
            for (size_t i = 0; i < TUPLE_SIZE(mro); i++)
                if (!TYPE_CHECK(TUPLE_GET(mro, i))) {
                    err_format(Exc_TypeError, "mro() returned a non-class ('%s')",
                               type_name(TYPE(TUPLE_GET(mro, i))));
                    DECREF(mro);
                    goto fail;
                }
            SETREF(t->mro, mro);
        } else {
            t->mro = type_mro_c3(t);
            if (!t->mro) goto fail;
        }
    }
    if (CLASS_TRACED()) trace_mro(t);
    for (size_t i = 1; i < TUPLE_SIZE(t->mro); i++)
        type_inherit_flags(t, (Type *)TUPLE_GET(t->mro, i));
    if (type_has_side_dict(base)) ht->side_dict = 1;
    t->dealloc = subtype_dealloc;
    t->traverse = subtype_traverse;
    t->clear = subtype_clear;
    t->version_tag = type_fresh_version_tag(t);
    t->flags |= TPFLAG_READY;
    type_fixup_slots(t);
    if (t->finalize) t->flags |= TPFLAG_HAS_FINALIZER;
    for (size_t i = 0; i < TUPLE_SIZE(bases); i++)
        if (type_add_subclass((Type *)TUPLE_GET(bases, i), t) < 0) goto fail;

    /* __classcell__ */
    Obj *cell = dict_get(dict, NAME(__classcell__));
    if (cell) {
        if (TYPE(cell) != &Type_cell) {
            err_format(Exc_TypeError, "__classcell__ must be a nonlocal cell, not %R", (Obj *)TYPE(cell));
            goto fail;
        }
        SETREF(((CellObj *)cell)->ref, NEWREF((Obj *)t));
        if (dict_del(dict, NAME(__classcell__)) < 0) goto fail;
    }
    if (t->flags & TPFLAG_HAVE_GC) {
        if (!gc_is_tracked((Obj *)t)) gc_track((Obj *)t);
    } else if (((Obj *)t)->flags & OBJ_FLAG_GC) {
        if (!gc_is_tracked((Obj *)t)) gc_track((Obj *)t);
    }
    type_modified(t);
    if (set_names(t) < 0) goto fail;
    if (init_subclass(t, kwds) < 0) goto fail;
    return (Obj *)t;
fail:
    DECREF((Obj *)t);
    return NULL;
}

/* ---------------------------------------------------------------------------------------
 * Side-table instance dicts (subclasses of str, bytes, tuple). */
static Obj *side_table;   /* dict: address (small int) -> instance dict */

int type_has_side_dict(Type *t) {
    for (; t && IS_HEAP_TYPE(t); t = t->base)
        if (((HeapType *)t)->side_dict) return 1;
    return 0;
}

Obj *side_dict_get(Obj *o, int create) {
    Obj *key = MAKE_SMALL((intptr_t)o);
    if (side_table) {
        Obj *d = dict_get(side_table, key);
        if (d || !create) return d;
    } else if (!create) {
        return NULL;
    } else if (!(side_table = dict_new())) {
        return NULL;
    }
    Obj *d = dict_new();
    if (!d) return NULL;
    int r = dict_set(side_table, key, d);
    DECREF(d);
    return r < 0 ? NULL : d;
}

static void side_dict_drop(Obj *o) {
    if (side_table && dict_del_opt(side_table, MAKE_SMALL((intptr_t)o)) < 0) err_clear();
}

static int sidedict_setter(Obj *self, Obj *value) {
    if (!value) {
        err_set_str(Exc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!DICT_CHECK(value)) {
        err_format(Exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'", type_name(TYPE(value)));
        return -1;
    }
    if (!side_table && !(side_table = dict_new())) return -1;
    return dict_set(side_table, MAKE_SMALL((intptr_t)self), value);
}

static Obj *no_attr(Obj *o, Obj *name) {
    return err_format(Exc_AttributeError, "'%s' object has no attribute '%U'", type_name(TYPE(o)), name);
}

/* object.__getattribute__ with the instance dict taken from the side table. */
Obj *vardict_getattr(Obj *o, Obj *name) {
    if (!STR_CHECK(name))
        return err_format(Exc_TypeError, "attribute name must be string, not '%s'", type_name(TYPE(name)));
    Type *tp = TYPE(o);
    Obj *descr = type_lookup(tp, name);
    descrgetfunc f = NULL;
    if (descr) {
        INCREF(descr);
        f = TYPE(descr)->descr_get;
        if (f && TYPE(descr)->descr_set) {
            Obj *r = f(descr, o, (Obj *)tp);
            DECREF(descr);
            return r;
        }
    }
    Obj *d = side_dict_get(o, 0);
    if (d) {
        Obj *r = dict_get(d, name);
        if (r) {
            XDECREF(descr);
            return NEWREF(r);
        }
    }
    if (f) {
        Obj *r = f(descr, o, (Obj *)tp);
        DECREF(descr);
        return r;
    }
    if (descr) return descr;
    return no_attr(o, name);
}

int vardict_setattr(Obj *o, Obj *name, Obj *value) {
    if (!STR_CHECK(name)) {
        err_format(Exc_TypeError, "attribute name must be string, not '%s'", type_name(TYPE(name)));
        return -1;
    }
    Obj *descr = type_lookup(TYPE(o), name);
    if (descr && TYPE(descr)->descr_set) {
        INCREF(descr);
        int r = TYPE(descr)->descr_set(descr, o, value);
        DECREF(descr);
        return r;
    }
    Obj *d = side_dict_get(o, value != NULL);
    if (value) return d ? dict_set(d, name, value) : -1;
    int r = d ? dict_del_opt(d, name) : 0;
    if (r == 0) {
        if (descr)
            err_format(Exc_AttributeError, "'%s' object attribute '%U' is read-only", type_name(TYPE(o)), name);
        else
            no_attr(o, name);
        return -1;
    }
    return r < 0 ? -1 : 0;
}

/* ---------------------------------------------------------------------------------------
 * Instances of heap types */
static void clear_slots(Type *t, Obj *self) {
    MemberDef *m = ((HeapType *)t)->ht_members;
    for (; m && m->name; m++) {
        Obj **p = (Obj **)((char *)self + m->offset);
        CLEAR(*p);
    }
}

/* The "trashcan": deallocating a long chain (a linked list of instances) would recurse once
 * per link and overflow the C stack, so past a nesting depth dead objects are parked here and
 * released iteratively by the outermost subtype_dealloc, as CPython does. */
#define TRASH_DEPTH 50
static _Thread_local int dealloc_depth;
static _Thread_local Obj **trash;
static _Thread_local size_t trash_len, trash_cap;

static int trash_deposit(Obj *o) {
    if (trash_len == trash_cap) {
        size_t cap = trash_cap ? trash_cap * 2 : 256;
        Obj **t = realloc(trash, cap * sizeof(Obj *));
        if (!t) return -1;
        trash = t;
        trash_cap = cap;
    }
    trash[trash_len++] = o;
    return 0;
}

static void subtype_dealloc_impl(Obj *self) {
    Type *type = TYPE(self);
    int gc = (self->flags & OBJ_FLAG_GC) != 0;
    if (type->finalize && !(self->flags & OBJ_FLAG_FINALIZED)) {
        /* PEP 442: run __del__ once (tracked, as the object is alive again meanwhile); it
         * may resurrect the object. */
        if (gc && !gc_is_tracked(self)) gc_track(self);
        self->refcnt = 1;
        self->flags |= OBJ_FLAG_FINALIZED;
        type->finalize(self);
        if (--self->refcnt != 0) return;
    }
    if (gc && gc_is_tracked(self)) gc_untrack(self);
    Type *b = type;
    while (IS_HEAP_TYPE(b)) {
        clear_slots(b, self);
        b = b->base;
    }
    if (type->dict_offset && !b->dict_offset) {
        Obj **dp = (Obj **)((char *)self + type->dict_offset);
        CLEAR(*dp);
    }
    if (VT_UNLIKELY(type_has_side_dict(type))) side_dict_drop(self);
    if (b->dealloc && b != &Type_object) {
        b->dealloc(self);   /* the static base releases its own fields and frees the memory */
    } else {
        obj_free(self);
    }
    DECREF((Obj *)type);
}

void subtype_dealloc(Obj *self) {
    if (dealloc_depth >= TRASH_DEPTH) {
        if (gc_is_tracked(self)) gc_untrack(self);   /* the collector must not see it */
        if (trash_deposit(self) == 0) return;
    }
    dealloc_depth++;
    subtype_dealloc_impl(self);
    dealloc_depth--;
    if (dealloc_depth == 0) {
        while (trash_len) {
            Obj *o = trash[--trash_len];
            dealloc_depth++;
            subtype_dealloc_impl(o);
            dealloc_depth--;
        }
    }
}

/* Break reference cycles (GC): drop slot values and the instance dict, then the base's fields. */
static int subtype_clear(Obj *self) {
    Type *type = TYPE(self);
    Type *b = type;
    while (IS_HEAP_TYPE(b)) {
        clear_slots(b, self);
        b = b->base;
    }
    if (type->dict_offset && !b->dict_offset) {
        Obj **dp = (Obj **)((char *)self + type->dict_offset);
        CLEAR(*dp);
    }
    if (type_has_side_dict(type)) side_dict_drop(self);
    if (b->clear) return b->clear(self);
    return 0;
}

int subtype_traverse(Obj *self, visitproc visit, void *arg) {
    Type *type = TYPE(self);
    Type *b = type;
    while (IS_HEAP_TYPE(b)) {
        MemberDef *m = ((HeapType *)b)->ht_members;
        for (; m && m->name; m++) VISIT(*(Obj **)((char *)self + m->offset));
        b = b->base;
    }
    if (type->dict_offset && !b->dict_offset) VISIT(*(Obj **)((char *)self + type->dict_offset));
    if (type_has_side_dict(type)) VISIT(side_dict_get(self, 0));
    VISIT((Obj *)type);
    if (b->traverse) return b->traverse(self, visit, arg);
    return 0;
}
