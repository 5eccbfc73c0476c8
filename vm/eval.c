/* eval.c: the bytecode evaluation loop. One loop runs nested Python-to-Python calls without
 * recursing on the C stack (CPython 3.11 style): CALL pushes a frame and continues, RETURN_VALUE
 * pops it. Hot paths (small ints, floats, list/tuple/dict subscripts, cached globals and
 * attributes) are inline; everything rare lives in eval_helpers.c. */
#include <math.h>
#include <string.h>
#include "eval_internal.h"
#include "trace.h"
#include "dict.h"
#include "str.h"
#include "exceptions.h"

void vm_breaker_install(Interp *interp);

#define GEN_FLAGS (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)

/* Any trace kind on: the per-instruction hook runs (line events, last line for returns). */
#ifdef VITRINE_NO_TRACE
#define TRACE_ANY() 0
#else
#define TRACE_ANY() trace_mask
#endif

/* ---- attribute caches (InlineCache.aux low bits say which kind) ---- */
enum { AK_INSTANCE = 1, AK_CLASSVAL = 2, AK_MODULE = 3, AK_METHOD = 4, AK_DATADESCR = 5, AK_STORE = 6 };
#define AK_MASK 7u

static inline bool generic_getattr_type(Type *tp) {
    return !tp->getattr || tp->getattr == obj_generic_getattr;
}
static inline bool generic_setattr_type(Type *tp) {
    return tp->setattr == obj_generic_setattr || (!tp->setattr && generic_getattr_type(tp));
}
static inline uint64_t dver(Obj *d) { return ((DictObj *)d)->version; }

/* LOAD_ATTR / LOAD_METHOD slow path that also fills the cache. method: push [func, self]
 * (returns func and sets *is_meth) when the attribute is a plain function on the type. */
static Obj *load_attr_fill(Obj *owner, Obj *name, InlineCache *c, bool method, bool *is_meth) {
    Type *tp = TYPE(owner);
    *is_meth = false;
    if (tp == &Type_module) {
        Obj *d = MODULE_DICT(owner);
        Obj *v = d && TYPE(d) == &Type_dict ? dict_get(d, name) : NULL;
        if (v) {
            c->version = dver(d);
            c->ptr = v;
            c->aux = (uintptr_t)d | AK_MODULE;
            return NEWREF(v);
        }
        return obj_getattr(owner, name);
    }
    if (!generic_getattr_type(tp) || tp->version_tag == 0 || IS_SMALL(owner))
        return obj_getattr(owner, name);
    Obj *descr = type_lookup(tp, name);
    Obj **dp = tp->dict_offset ? (Obj **)((char *)owner + tp->dict_offset) : NULL;
    if (!descr) {
        if (dp) {
            c->version = tp->version_tag;
            c->ptr = NULL;
            c->aux = (uintptr_t)tp | AK_INSTANCE;
        }
        return obj_getattr(owner, name);
    }
    Type *dt = TYPE(descr);
    if (dt->descr_get && dt->descr_set) {
        c->version = tp->version_tag;
        c->ptr = descr;
        c->aux = (uintptr_t)tp | AK_DATADESCR;
        return dt->descr_get(descr, owner, (Obj *)tp);
    }
    if (dt == &Type_function || dt == &Type_method_descriptor) {
        c->version = tp->version_tag;
        c->ptr = descr;
        c->aux = (uintptr_t)tp | AK_METHOD;
        if (dp && *dp) {
            Obj *v = dict_get(*dp, name);
            if (v) return NEWREF(v);
        }
        if (method) { *is_meth = true; return NEWREF(descr); }
        return dt->descr_get(descr, owner, (Obj *)tp);
    }
    if (!dt->descr_get) {
        c->version = tp->version_tag;
        c->ptr = descr;
        c->aux = (uintptr_t)tp | AK_CLASSVAL;
    }
    return obj_getattr(owner, name);
}

/* Cached attribute load: NULL with no error on a cache miss (caller takes the slow path). */
static inline Obj *load_attr_cached(Obj *owner, InlineCache *c, Obj *name, bool method, bool *is_meth) {
    uintptr_t aux = c->aux;
    if (!aux) return NULL;
    unsigned kind = aux & AK_MASK;
    if (kind == AK_MODULE) {
        if (TYPE(owner) != &Type_module) return NULL;
        Obj *d = MODULE_DICT(owner);
        if ((uintptr_t)d != (aux & ~(uintptr_t)AK_MASK) || dver(d) != c->version) return NULL;
        return NEWREF((Obj *)c->ptr);
    }
    Type *tp = TYPE(owner);
    if ((uintptr_t)tp != (aux & ~(uintptr_t)AK_MASK) || tp->version_tag != c->version) return NULL;
    Obj **dp;
    switch (kind) {
    case AK_INSTANCE:
        dp = (Obj **)((char *)owner + tp->dict_offset);
        if (*dp) {
            Obj *v = dict_get(*dp, name);
            if (v) return NEWREF(v);
        }
        return NULL;
    case AK_METHOD:
        if (tp->dict_offset) {
            dp = (Obj **)((char *)owner + tp->dict_offset);
            if (*dp && dict_get(*dp, name)) return NULL;
        }
        if (method) { *is_meth = true; return NEWREF((Obj *)c->ptr); }
        return TYPE((Obj *)c->ptr)->descr_get((Obj *)c->ptr, owner, (Obj *)tp);
    case AK_CLASSVAL:
        if (tp->dict_offset) {
            dp = (Obj **)((char *)owner + tp->dict_offset);
            if (*dp) {
                Obj *v = dict_get(*dp, name);
                if (v) return NEWREF(v);
            }
        }
        return NEWREF((Obj *)c->ptr);
    case AK_DATADESCR: {
        Obj *d = (Obj *)c->ptr;
        INCREF(d);
        Obj *r = TYPE(d)->descr_get(d, owner, (Obj *)tp);
        DECREF(d);
        if (!r && !err_occurred()) err_set_str(Exc_SystemError, "descriptor returned NULL");
        return r;
    }
    default:
        return NULL;
    }
}

/* STORE_ATTR through the cache: 1 done, 0 miss, -1 error. */
static inline int store_attr_cached(Obj *owner, InlineCache *c, Obj *name, Obj *v) {
    Type *tp = TYPE(owner);
    if (c->aux != ((uintptr_t)tp | AK_STORE) || tp->version_tag != c->version) return 0;
    Obj **dp = (Obj **)((char *)owner + tp->dict_offset);
    if (!*dp) return 0;
    return dict_set(*dp, name, v) < 0 ? -1 : 1;
}

static int store_attr_fill(Obj *owner, InlineCache *c, Obj *name, Obj *v) {
    Type *tp = TYPE(owner);
    if (!IS_SMALL(owner) && tp->version_tag && tp->dict_offset && generic_setattr_type(tp)) {
        Obj *descr = type_lookup(tp, name);
        if (!descr || !TYPE(descr)->descr_set) {
            c->version = tp->version_tag;
            c->aux = (uintptr_t)tp | AK_STORE;
        }
    }
    return obj_setattr(owner, name, v);
}

/* ---- the loop ---- */

/* cur_line: the last line executed in f (-1: derive it from f->lasti). */
static void trace_call_event(ThreadState *ts, Frame *f, const char *what, int cur_line) {
    int line = cur_line;
    if (line < 0) {
        line = f->code->firstlineno;
        for (int i = f->lasti; i >= 0; i--) {
            int l = code_line_of(f->code, (size_t)i);
            if (l >= 0) { line = l; break; }
        }
    }
    trace_emitf(TRACE_CALL, "%s %s depth=%d %s:%d", what, str_cstr(f->code->qualname), ts->depth,
                str_cstr(f->code->filename), line);
}

/* Pop a finished frame of this C activation and give its owner reference up. */
static inline Frame *pop_frame(ThreadState *ts, Frame *f) {
    Frame *caller = f->back;
    ts->frame = caller;
    ts->depth--;
    f->executing = false;
    frame_release(f);
    return caller;
}

static Obj *recursion_error(void) {
    return err_set_str(Exc_RecursionError, "maximum recursion depth exceeded");
}

/* Contract: eval_internal.h. The frame stays owned by the caller. (Small copies and clears of
 * locals stay inline loops: library calls cost more than the few words they move.) */
__attribute__((optimize("no-tree-loop-distribute-patterns")))
Obj *vm_eval_frame(ThreadState *ts, Frame *f, int throwflag, bool *returned) {
#if defined(__GNUC__) && !defined(VT_NO_COMPUTED_GOTO)
#define USE_COMPUTED_GOTO 1
    static void *const targets[256] = {
#define OP(name, has_arg, doc) [OP_##name] = &&L_##name,
        OPCODE_LIST(OP)
#undef OP
        [OP__COUNT ... 255] = &&L_unknown_opcode,
    };
    /* While any tracing is on, instructions dispatch through this table to the trace hook,
     * which then jumps to the real target: the normal path pays nothing for tracing. The
     * table in use is re-chosen on frame switches, backward jumps and after calls (tracing
     * is switched by calls or at start-up). */
    static void *const trace_targets[256] = {[0 ... 255] = &&trace_hook};
    void *const *table = targets;
#define REFRESH_TABLE() (table = TRACE_ANY() ? trace_targets : targets)
#define DISPATCH_NEXT() goto *table[INSTR_OP(word)]
/* CASE syncs frame->lasti (tracebacks, f_lineno, warnings see the current instruction);
 * FAST_CASE is for instructions that cannot call out (or sync on their slow paths). */
#define CASE(op) L_##op: SYNC_LASTI();
#define FAST_CASE(op) L_##op:
#define DISPATCH_OP() goto *targets[INSTR_OP(word)]
#else
#define CASE(op) case OP_##op: SYNC_LASTI();
#define FAST_CASE(op) case OP_##op:
#define DISPATCH_OP() goto dispatch_switch
#define REFRESH_TABLE() ((void)0)
#define DISPATCH_NEXT() do { if (VT_UNLIKELY(TRACE_ANY())) goto trace_hook; DISPATCH_OP(); } while (0)
#endif
#define SYNC_LASTI() (frame->lasti = (int)(ip - first_instr - 1))

    Interp *interp = ts->interp;
    if (VT_UNLIKELY(ts->depth + ts->c_depth >= interp->recursion_limit || vm_c_stack_low())) {
        if (throwflag) err_clear();
        *returned = true;
        return recursion_error();
    }
    Frame *entry = f;
    Frame *frame = f;
    CodeObj *co;
    Instr *first_instr, *ip;
    Obj **lp, **stack_base, **sp, *const *consts, *names;
    InlineCache *caches;
    Obj *kwnames = NULL;
    Instr word;
    uint32_t oparg;
    int trace_last_line = -1;   /* last line reported by --trace=line */
    int trace_cur_line = -1;    /* last line executed while any tracing is on */
    Obj *retval;
    Frame *nf;

    frame->back = ts->frame;
    if (frame->back) INCREF((Obj *)frame->back);
    ts->frame = frame;
    ts->depth++;
    frame->executing = true;

#define LOAD_STATE() do { \
        co = frame->code; first_instr = co->code; ip = first_instr + frame->lasti + 1; \
        lp = frame->localsplus; stack_base = lp + code_nlocalsplus(co); \
        sp = stack_base + frame->stack_top; consts = TUPLE_ITEMS(co->consts); \
        names = co->names; caches = co->caches; trace_last_line = -1; trace_cur_line = -1; \
        REFRESH_TABLE(); \
    } while (0)
#define SAVE_STACK() (frame->stack_top = (int)(sp - stack_base))
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define PEEK(n) (sp[-(intptr_t)(n)])
#define SET_TOP(v) (sp[-1] = (v))
#define NAMEI(i) TUPLE_GET(names, (i))
#define CACHE() (&caches[ip - first_instr - 1])
#define JUMPTO(t) (ip = first_instr + (t))
#define DISPATCH() do { \
        word = *ip++; \
        oparg = INSTR_ARG(word); DISPATCH_NEXT(); \
    } while (0)

    LOAD_STATE();
    if (VT_UNLIKELY(!interp->pending_signals && !throwflag && TRACE_ON(TRACE_CALL)))
        trace_call_event(ts, frame, "call", -1);
    if (throwflag) {
        if (frame->lasti < 0) frame->lasti = 0;
        goto error_synced;
    }
    if (VT_UNLIKELY(interp->eval_breaker) && vm_handle_breaker(ts) < 0) {
        if (frame->lasti < 0) frame->lasti = 0;
        goto error_synced;
    }
    DISPATCH();

trace_hook:
    oparg = INSTR_ARG(word);
    SYNC_LASTI();
    {
        int line = code_line_of(co, (size_t)frame->lasti);
        if (line >= 0) trace_cur_line = line;
    }
    if (TRACE_ON(TRACE_LINE)) {
        int line = code_line_of(co, (size_t)frame->lasti);
        if (line != trace_last_line && line >= 0) {
            trace_last_line = line;
            trace_emitf(TRACE_LINE, "%s:%d %s", str_cstr(co->filename), line, str_cstr(co->qualname));
        }
    }
    DISPATCH_OP();

#ifndef USE_COMPUTED_GOTO
dispatch_switch:
    switch ((Opcode)INSTR_OP(word)) {
#endif

    FAST_CASE(NOP) { DISPATCH(); }

    FAST_CASE(POP_TOP) {
        Obj *v = POP();
        DECREF(v);
        DISPATCH();
    }

    FAST_CASE(PUSH_NULL) { PUSH(NULL); DISPATCH(); }

    FAST_CASE(COPY) {
        Obj *v = PEEK(oparg);
        XINCREF(v);
        PUSH(v);
        DISPATCH();
    }

    FAST_CASE(SWAP) {
        Obj *t = TOP();
        SET_TOP(PEEK(oparg));
        PEEK(oparg) = t;
        DISPATCH();
    }

    FAST_CASE(LOAD_CONST) {
        Obj *v = consts[oparg];
        INCREF(v);
        PUSH(v);
        DISPATCH();
    }

    FAST_CASE(LOAD_FAST) {
        Obj *v = lp[oparg];
        if (VT_UNLIKELY(!v)) { eh_unbound_local(co, (int)oparg); goto error; }
        INCREF(v);
        PUSH(v);
        DISPATCH();
    }

    FAST_CASE(STORE_FAST) {
        Obj *v = POP();
        Obj *old = lp[oparg];
        lp[oparg] = v;
        XDECREF(old);
        DISPATCH();
    }

    FAST_CASE(DELETE_FAST) {
        Obj *old = lp[oparg];
        if (!old) { eh_unbound_local(co, (int)oparg); goto error; }
        lp[oparg] = NULL;
        DECREF(old);
        DISPATCH();
    }

    FAST_CASE(LOAD_DEREF) {
        Obj *v = ((CellObj *)lp[co->nlocals + oparg])->ref;
        if (VT_UNLIKELY(!v)) { eh_unbound_deref(co, (int)oparg); goto error; }
        INCREF(v);
        PUSH(v);
        DISPATCH();
    }

    FAST_CASE(STORE_DEREF) {
        Obj *v = POP();
        CellObj *cell = (CellObj *)lp[co->nlocals + oparg];
        Obj *old = cell->ref;
        cell->ref = v;
        XDECREF(old);
        DISPATCH();
    }

    CASE(DELETE_DEREF) {
        CellObj *cell = (CellObj *)lp[co->nlocals + oparg];
        Obj *old = cell->ref;
        if (!old) { eh_unbound_deref(co, (int)oparg); goto error; }
        cell->ref = NULL;
        DECREF(old);
        DISPATCH();
    }

    CASE(LOAD_CLASSDEREF) {
        size_t ncells = CODE_NCELLS(co);
        Obj *name = oparg < ncells ? TUPLE_GET(co->cellvars, oparg) : TUPLE_GET(co->freevars, oparg - ncells);
        Obj *v = NULL;
        if (frame->locals) {
            if (TYPE(frame->locals) == &Type_dict) {
                v = dict_get(frame->locals, name);
                if (v) INCREF(v);
                else if (err_occurred()) goto error;
            } else {
                v = obj_getitem(frame->locals, name);
                if (!v) {
                    if (!err_matches(Exc_KeyError)) goto error;
                    err_clear();
                }
            }
        }
        if (!v) {
            v = ((CellObj *)lp[co->nlocals + oparg])->ref;
            if (!v) { eh_unbound_deref(co, (int)oparg); goto error; }
            INCREF(v);
        }
        PUSH(v);
        DISPATCH();
    }

    FAST_CASE(LOAD_CLOSURE) {
        Obj *c = lp[co->nlocals + oparg];
        INCREF(c);
        PUSH(c);
        DISPATCH();
    }

    FAST_CASE(LOAD_GLOBAL) {
        Obj *g = frame->globals, *b = frame->builtins;
        Obj *v;
        if (VT_LIKELY(TYPE(g) == &Type_dict && TYPE(b) == &Type_dict)) {
            InlineCache *c = CACHE();
            uint64_t gv = dver(g);
            uintptr_t bv = (uintptr_t)dver(b);
            if (VT_LIKELY(c->ptr && c->version == gv && c->aux == bv)) {
                v = c->ptr;
                INCREF(v);
                PUSH(v);
                DISPATCH();
            }
            Obj *name = NAMEI(oparg);
            v = dict_get(g, name);
            if (!v) {
                if (err_occurred()) goto error;
                v = dict_get(b, name);
                if (!v) {
                    if (!err_occurred()) eh_load_name_error(name);
                    goto error;
                }
            }
            c->version = gv;
            c->aux = bv;
            c->ptr = v;
            INCREF(v);
            PUSH(v);
            DISPATCH();
        }
        Obj *name = NAMEI(oparg);
        v = DICT_CHECK(g) ? dict_get(g, name) : NULL;
        if (v) INCREF(v);
        else {
            if (err_occurred()) goto error;
            v = obj_getitem(b, name);
            if (!v) {
                if (err_matches(Exc_KeyError)) { err_clear(); eh_load_name_error(name); }
                goto error;
            }
        }
        PUSH(v);
        DISPATCH();
    }

    CASE(STORE_GLOBAL) {
        Obj *v = POP();
        int r = dict_set(frame->globals, NAMEI(oparg), v);
        DECREF(v);
        if (r < 0) goto error;
        DISPATCH();
    }

    CASE(DELETE_GLOBAL) {
        int r = dict_del_opt(frame->globals, NAMEI(oparg));
        if (r < 0) goto error;
        if (r == 0) { eh_load_name_error(NAMEI(oparg)); goto error; }
        DISPATCH();
    }

    CASE(LOAD_NAME) {
        Obj *name = NAMEI(oparg);
        Obj *loc = frame->locals;
        Obj *v = NULL;
        if (!loc) {
            err_format(Exc_SystemError, "no locals when loading %R", name);
            goto error;
        }
        if (TYPE(loc) == &Type_dict) {
            v = dict_get(loc, name);
            if (v) INCREF(v);
            else if (err_occurred()) goto error;
        } else {
            v = obj_getitem(loc, name);
            if (!v) {
                if (!err_matches(Exc_KeyError)) goto error;
                err_clear();
            }
        }
        if (!v) {
            v = dict_get(frame->globals, name);
            if (v) INCREF(v);
            else {
                if (err_occurred()) goto error;
                if (TYPE(frame->builtins) == &Type_dict) {
                    v = dict_get(frame->builtins, name);
                    if (!v) {
                        if (!err_occurred()) eh_load_name_error(name);
                        goto error;
                    }
                    INCREF(v);
                } else {
                    v = obj_getitem(frame->builtins, name);
                    if (!v) {
                        if (err_matches(Exc_KeyError)) { err_clear(); eh_load_name_error(name); }
                        goto error;
                    }
                }
            }
        }
        PUSH(v);
        DISPATCH();
    }

    CASE(STORE_NAME) {
        Obj *v = POP();
        Obj *loc = frame->locals;
        int r;
        if (!loc) {
            err_format(Exc_SystemError, "no locals found when storing %R", NAMEI(oparg));
            DECREF(v);
            goto error;
        }
        if (TYPE(loc) == &Type_dict) r = dict_set(loc, NAMEI(oparg), v);
        else r = obj_setitem(loc, NAMEI(oparg), v);
        DECREF(v);
        if (r < 0) goto error;
        DISPATCH();
    }

    CASE(DELETE_NAME) {
        Obj *loc = frame->locals;
        if (!loc) {
            err_format(Exc_SystemError, "no locals when deleting %R", NAMEI(oparg));
            goto error;
        }
        if (obj_delitem(loc, NAMEI(oparg)) < 0) {
            if (err_matches(Exc_KeyError)) { err_clear(); eh_load_name_error(NAMEI(oparg)); }
            goto error;
        }
        DISPATCH();
    }

    CASE(LOAD_ATTR) {
        Obj *owner = TOP();
        InlineCache *c = CACHE();
        bool is_meth;
        Obj *v = load_attr_cached(owner, c, NAMEI(oparg), false, &is_meth);
        if (!v) {
            SYNC_LASTI();
            if (err_occurred()) goto error;
            v = load_attr_fill(owner, NAMEI(oparg), c, false, &is_meth);
            if (!v) goto error;
        }
        SET_TOP(v);
        DECREF(owner);
        DISPATCH();
    }

    CASE(LOAD_METHOD) {
        Obj *owner = TOP();
        InlineCache *c = CACHE();
        bool is_meth = false;
        Obj *v = load_attr_cached(owner, c, NAMEI(oparg), true, &is_meth);
        if (!v) {
            SYNC_LASTI();
            if (err_occurred()) goto error;
            v = load_attr_fill(owner, NAMEI(oparg), c, true, &is_meth);
            if (!v) goto error;
        }
        if (is_meth) {
            SET_TOP(v);
            PUSH(owner);        /* the owner's reference moves to the self slot */
        } else {
            SET_TOP(v);
            DECREF(owner);
            PUSH(NULL);
        }
        DISPATCH();
    }

    FAST_CASE(STORE_ATTR) {
        Obj *owner = POP();
        Obj *v = POP();
        InlineCache *c = CACHE();
        int r = store_attr_cached(owner, c, NAMEI(oparg), v);
        if (r == 0) SYNC_LASTI(), r = store_attr_fill(owner, c, NAMEI(oparg), v) < 0 ? -1 : 1;
        DECREF(v);
        DECREF(owner);
        if (r < 0) goto error;
        DISPATCH();
    }

    CASE(DELETE_ATTR) {
        Obj *owner = POP();
        int r = obj_setattr(owner, NAMEI(oparg), NULL);
        DECREF(owner);
        if (r < 0) goto error;
        DISPATCH();
    }

    FAST_CASE(KW_NAMES) {
        kwnames = consts[oparg];
        DISPATCH();
    }

    CASE(CALL) {
        Obj **base = sp - oparg - 2;
        Obj *callable = base[0];
        Obj **args = base + 2;
        size_t nargs = oparg;
        Obj *kw = kwnames;
        kwnames = NULL;
        if (kw) nargs -= TUPLE_SIZE(kw);   /* CALL(n) counts the keyword values too */
        if (base[1]) { args--; nargs++; }
        else if (TYPE(callable) == &Type_method) {
            MethodObj *m = (MethodObj *)callable;
            base[1] = NEWREF(m->self);
            base[0] = NEWREF(m->func);
            DECREF(callable);
            callable = base[0];
            args--;
            nargs++;
        }
        if (TYPE(callable) == &Type_function) {
            FunctionObj *fn = (FunctionObj *)callable;
            CodeObj *nco = (CodeObj *)fn->code;
            if (!(nco->flags & GEN_FLAGS)) {
                if (VT_UNLIKELY(ts->depth + ts->c_depth >= interp->recursion_limit)) {
                    recursion_error();
                    goto call_fail;
                }
                /* the frame takes over the stack's reference to the function */
                nf = frame_alloc_func(nco, callable, fn->globals, fn->builtins);
                base[0] = NULL;
                if (!nf) goto call_fail;
                if (!kw && nargs == (size_t)nco->argcount && nco->kwonlyargcount == 0 &&
                    !(nco->flags & (CO_VARARGS | CO_VARKEYWORDS)) &&
                    CODE_NCELLS(nco) + CODE_NFREES(nco) == 0) {
                    /* move the arguments' references straight into the new locals */
                    for (size_t i = 0; i < nargs; i++) nf->localsplus[i] = args[i];
                    sp = base;
                } else {
                    int rc = vm_bind_args(nf, callable, args, nargs, kw);
                    while (sp > base + 1) { Obj *x = POP(); XDECREF(x); }
                    sp = base;
                    if (rc < 0) { DECREF((Obj *)nf); goto error; }
                }
            push_frame:
                SAVE_STACK();
                nf->back = frame;
                INCREF((Obj *)frame);
                frame = nf;
                ts->frame = nf;
                ts->depth++;
                nf->executing = true;
                LOAD_STATE();
                if (VT_UNLIKELY(TRACE_ON(TRACE_CALL))) trace_call_event(ts, frame, "call", -1);
                if (VT_UNLIKELY(interp->eval_breaker) && vm_handle_breaker(ts) < 0) {
                    frame->lasti = 0;
                    goto error_synced;
                }
                DISPATCH();
            }
        }
        {
            Obj *res = obj_call(callable, args, nargs, kw);
            REFRESH_TABLE();
            while (sp > base) { Obj *x = POP(); XDECREF(x); }
            if (!res) goto error;
            PUSH(res);
            DISPATCH();
        }
    call_fail:
        while (sp > base) { Obj *x = POP(); XDECREF(x); }
        goto error;
    }

    CASE(CALL_FUNCTION_EX) {
        Obj *kwargs = (oparg & 1) ? POP() : NULL;
        Obj *cargs = POP();
        Obj *self = POP();
        Obj *callable = POP();
        if (TYPE(callable) == &Type_function && TYPE(cargs) == &Type_tuple &&
            (!kwargs || TYPE(kwargs) == &Type_dict) &&
            !(((CodeObj *)((FunctionObj *)callable)->code)->flags & GEN_FLAGS) &&
            ts->depth + ts->c_depth < interp->recursion_limit) {
            /* a Python function: bind here and continue in this loop */
            FunctionObj *fn = (FunctionObj *)callable;
            nf = frame_alloc_func((CodeObj *)fn->code, callable, fn->globals, fn->builtins);
            int rc = nf ? eh_bind_ex(nf, callable, self, cargs, kwargs) : -1;
            XDECREF(kwargs);
            DECREF(cargs);
            XDECREF(self);
            if (rc < 0) { if (nf) DECREF((Obj *)nf); goto error; }
            goto push_frame;
        }
        Obj *res = eh_call_ex(callable, self, cargs, kwargs);
        REFRESH_TABLE();
        XDECREF(kwargs);
        DECREF(cargs);
        XDECREF(self);
        DECREF(callable);
        if (!res) goto error;
        PUSH(res);
        DISPATCH();
    }

    CASE(MAKE_FUNCTION) {
        Obj *code = POP();
        Obj *extras[4] = {NULL, NULL, NULL, NULL};   /* defaults, kwdefaults, annotations, closure */
        for (int i = 3; i >= 0; i--)
            if (oparg & (1u << i)) extras[i] = POP();
        Obj *fn = eh_make_function(code, frame->globals, extras, (int)oparg);
        DECREF(code);
        for (int i = 0; i < 4; i++) XDECREF(extras[i]);
        if (!fn) goto error;
        PUSH(fn);
        DISPATCH();
    }

    CASE(LOAD_BUILD_CLASS) {
        Obj *bc = DICT_CHECK(frame->builtins) ? dict_get(frame->builtins, NAME(__build_class__)) : NULL;
        if (!bc) {
            if (!err_occurred()) err_set_str(Exc_NameError, "__build_class__ not found");
            goto error;
        }
        INCREF(bc);
        PUSH(bc);
        DISPATCH();
    }

    FAST_CASE(RETURN_CONST) {
        retval = consts[oparg];
        INCREF(retval);
        goto do_return;
    }

    FAST_CASE(RETURN_VALUE) {
        retval = POP();
    do_return:
        while (sp > stack_base) { Obj *x = POP(); XDECREF(x); }
        frame->stack_top = 0;
        frame->block_top = 0;
        if (VT_UNLIKELY(TRACE_ON(TRACE_CALL))) trace_call_event(ts, frame, "return", trace_cur_line);
        if (frame == entry) {
            *returned = true;
            goto exit_entry;
        }
        frame = pop_frame(ts, frame);
        LOAD_STATE();
        if (VT_UNLIKELY(TRACE_ANY())) trace_last_line = trace_cur_line = code_line_of(co, (size_t)frame->lasti);
        PUSH(retval);
        DISPATCH();
    }

    FAST_CASE(BINARY_OP) {
        Obj *b = POP();
        Obj *a = TOP();
        Obj *res;
        if (IS_SMALL(a) && IS_SMALL(b)) {
            int64_t x = SMALL_VALUE(a), y = SMALL_VALUE(b), r;
            switch (oparg) {
            case NB_ADD: case NB_INPLACE + NB_ADD:
                r = x + y;   /* 62-bit operands cannot overflow int64 */
                if (FITS_SMALL(r)) { res = MAKE_SMALL(r); goto binop_done; }
                break;
            case NB_SUBTRACT: case NB_INPLACE + NB_SUBTRACT:
                r = x - y;
                if (FITS_SMALL(r)) { res = MAKE_SMALL(r); goto binop_done; }
                break;
            case NB_MULTIPLY: case NB_INPLACE + NB_MULTIPLY:
                if (!__builtin_mul_overflow(x, y, &r) && FITS_SMALL(r)) { res = MAKE_SMALL(r); goto binop_done; }
                break;
            case NB_FLOOR_DIVIDE: case NB_INPLACE + NB_FLOOR_DIVIDE:
                if (y != 0) {
                    r = x / y;
                    if ((x % y != 0) && ((x < 0) != (y < 0))) r--;
                    if (FITS_SMALL(r)) { res = MAKE_SMALL(r); goto binop_done; }
                }
                break;
            case NB_REMAINDER: case NB_INPLACE + NB_REMAINDER:
                if (y != 0) {
                    r = x % y;
                    if (r != 0 && ((r < 0) != (y < 0))) r += y;
                    res = MAKE_SMALL(r);
                    goto binop_done;
                }
                break;
            case NB_AND: case NB_INPLACE + NB_AND: res = MAKE_SMALL(x & y); goto binop_done;
            case NB_OR: case NB_INPLACE + NB_OR: res = MAKE_SMALL(x | y); goto binop_done;
            case NB_XOR: case NB_INPLACE + NB_XOR: res = MAKE_SMALL(x ^ y); goto binop_done;
            case NB_LSHIFT: case NB_INPLACE + NB_LSHIFT:
                if (y >= 0 && y < 62) {
                    r = (int64_t)((uint64_t)x << y);
                    if ((r >> y) == x && FITS_SMALL(r)) { res = MAKE_SMALL(r); goto binop_done; }
                }
                break;
            case NB_RSHIFT: case NB_INPLACE + NB_RSHIFT:
                if (y >= 0) {
                    res = MAKE_SMALL(y >= 63 ? (x < 0 ? -1 : 0) : x >> y);
                    goto binop_done;
                }
                break;
            case NB_TRUE_DIVIDE: case NB_INPLACE + NB_TRUE_DIVIDE:
                if (y != 0 && x > -(1LL << 53) && x < (1LL << 53) && y > -(1LL << 53) && y < (1LL << 53)) {
                    res = float_from_double((double)x / (double)y);
                    if (!res) goto binop_error;
                    goto binop_done;
                }
                break;
            default:
                break;
            }
        } else if (!IS_SMALL(a) && a->type == &Type_float &&
                   (IS_SMALL(b) || b->type == &Type_float)) {
            double x = FLOAT_VALUE(a), y = IS_SMALL(b) ? (double)SMALL_VALUE(b) : FLOAT_VALUE(b);
            int op = (int)(oparg >= NB_INPLACE ? oparg - NB_INPLACE : oparg);
            double r;
            switch (op) {
            case NB_ADD: r = x + y; goto float_done;
            case NB_SUBTRACT: r = x - y; goto float_done;
            case NB_MULTIPLY: r = x * y; goto float_done;
            case NB_TRUE_DIVIDE: if (y != 0.0) { r = x / y; goto float_done; } break;
            case NB_POWER:
                /* only where C's pow() and float.__pow__ agree: no errors, no complex results */
                if (isfinite(x) && isfinite(y) && (x > 0.0 || (x < 0.0 && y == floor(y)))) {
                    r = pow(x, y);
                    if (isfinite(r)) goto float_done;
                }
                break;
            default: break;
            }
            goto binop_slow;
        float_done:
            if (a->refcnt == 1 && !(a->flags & (OBJ_FLAG_IMMORTAL | OBJ_FLAG_WATCHED))) {
                /* reuse the dying left operand */
                FLOAT_VALUE(a) = r;
                DECREF(b);
                DISPATCH();
            }
            res = float_from_double(r);
            if (!res) goto binop_error;
            goto binop_done;
        } else if (IS_SMALL(a) && !IS_SMALL(b) && b->type == &Type_float) {
            double x = (double)SMALL_VALUE(a), y = FLOAT_VALUE(b), r;
            int op = (int)(oparg >= NB_INPLACE ? oparg - NB_INPLACE : oparg);
            switch (op) {
            case NB_ADD: r = x + y; break;
            case NB_SUBTRACT: r = x - y; break;
            case NB_MULTIPLY: r = x * y; break;
            case NB_TRUE_DIVIDE: if (y == 0.0) goto binop_slow; r = x / y; break;
            default: goto binop_slow;
            }
            res = float_from_double(r);
            if (!res) goto binop_error;
            goto binop_done;
        } else if (oparg == NB_INPLACE + NB_ADD && STR_CHECK_EXACT(a) && STR_CHECK_EXACT(b) &&
                   INSTR_OP(*ip) == OP_STORE_FAST && lp[INSTR_ARG(*ip)] == a) {
            /* `s += x` followed by storing back into s: drop the local's reference first so
             * the string may be uniquely owned and grown in place (amortised linear appends
             * in a loop, as CPython does). STORE_FAST then stores the result. */
            lp[INSTR_ARG(*ip)] = NULL;
            DECREF(a);
            int rc = str_append_inplace(&sp[-1], b);
            DECREF(b);
            if (rc < 0) goto error;
            DISPATCH();
        }
    binop_slow:
        SYNC_LASTI();
        res = oparg >= NB_INPLACE ? obj_inplace_op(a, b, (int)(oparg - NB_INPLACE)) : obj_binop(a, b, (int)oparg);
        if (!res) goto binop_error;
    binop_done:
        DECREF(a);
        DECREF(b);
        SET_TOP(res);
        DISPATCH();
    binop_error:
        DECREF(b);
        goto error;
    }

    FAST_CASE(COMPARE_OP) {
        Obj *b = POP();
        Obj *a = TOP();
        Obj *res;
        if (IS_SMALL(a) && IS_SMALL(b)) {
            int64_t x = (int64_t)(intptr_t)a, y = (int64_t)(intptr_t)b;   /* same order as values */
            int c;
            switch (oparg) {
            case CMP_LT: c = x < y; break;
            case CMP_LE: c = x <= y; break;
            case CMP_EQ: c = x == y; break;
            case CMP_NE: c = x != y; break;
            case CMP_GT: c = x > y; break;
            default: c = x >= y; break;
            }
            SET_TOP(bool_from(c));
            DISPATCH();
        }
        if (!IS_SMALL(a) && !IS_SMALL(b) && a->type == &Type_float && b->type == &Type_float) {
            double x = FLOAT_VALUE(a), y = FLOAT_VALUE(b);
            int c;
            switch (oparg) {
            case CMP_LT: c = x < y; break;
            case CMP_LE: c = x <= y; break;
            case CMP_EQ: c = x == y; break;
            case CMP_NE: c = x != y; break;
            case CMP_GT: c = x > y; break;
            default: c = x >= y; break;
            }
            DECREF(a);
            DECREF(b);
            SET_TOP(bool_from(c));
            DISPATCH();
        }
        if ((oparg == CMP_EQ || oparg == CMP_NE) && STR_CHECK_EXACT(a) && STR_CHECK_EXACT(b)) {
            int eq = str_eq(a, b);
            DECREF(a);
            DECREF(b);
            SET_TOP(bool_from(oparg == CMP_EQ ? eq : !eq));
            DISPATCH();
        }
        SYNC_LASTI();
        res = obj_richcompare(a, b, (int)oparg);
        DECREF(a);
        DECREF(b);
        if (!res) { sp--; goto error; }
        SET_TOP(res);
        DISPATCH();
    }

    FAST_CASE(IS_OP) {
        Obj *b = POP();
        Obj *a = TOP();
        int r = (a == b) ^ (int)oparg;
        DECREF(a);
        DECREF(b);
        SET_TOP(bool_from(r));
        DISPATCH();
    }

    CASE(CONTAINS_OP) {
        Obj *b = POP();
        Obj *a = TOP();
        int r = obj_contains(b, a);
        DECREF(a);
        DECREF(b);
        if (r < 0) { sp--; goto error; }
        SET_TOP(bool_from(r ^ (int)oparg));
        DISPATCH();
    }

    CASE(UNARY_NEGATIVE) {
        Obj *a = TOP();
        Obj *r;
        if (IS_SMALL(a) && SMALL_VALUE(a) != SMALL_MIN) r = MAKE_SMALL(-SMALL_VALUE(a));
        else r = obj_unop(a, UN_NEGATIVE);
        DECREF(a);
        if (!r) { sp--; goto error; }
        SET_TOP(r);
        DISPATCH();
    }

    CASE(UNARY_POSITIVE) {
        Obj *a = TOP();
        Obj *r = IS_SMALL(a) ? a : obj_unop(a, UN_POSITIVE);
        DECREF(a);
        if (!r) { sp--; goto error; }
        SET_TOP(r);
        DISPATCH();
    }

    CASE(UNARY_INVERT) {
        Obj *a = TOP();
        Obj *r = IS_SMALL(a) ? MAKE_SMALL(~SMALL_VALUE(a)) : obj_unop(a, UN_INVERT);
        DECREF(a);
        if (!r) { sp--; goto error; }
        SET_TOP(r);
        DISPATCH();
    }

    FAST_CASE(UNARY_NOT) {
        Obj *a = TOP();
        int t = a == V_True ? 1 : a == V_False ? 0 : obj_is_true(a);
        DECREF(a);
        if (t < 0) { sp--; goto error; }
        SET_TOP(bool_from(!t));
        DISPATCH();
    }

    FAST_CASE(BINARY_SUBSCR) {
        Obj *key = POP();
        Obj *container = TOP();
        Obj *r;
        Type *ct = TYPE(container);
        if (IS_SMALL(key) && (ct == &Type_list || ct == &Type_tuple)) {
            int64_t i = SMALL_VALUE(key);
            size_t n = ct == &Type_list ? LIST_SIZE(container) : TUPLE_SIZE(container);
            if (i < 0) i += (int64_t)n;
            if ((uint64_t)i < n) {
                r = ct == &Type_list ? LIST_GET(container, i) : TUPLE_GET(container, i);
                INCREF(r);
                DECREF(container);
                SET_TOP(r);
                DISPATCH();
            }
        } else if (ct == &Type_dict) {
            r = dict_get(container, key);
            if (r) {
                INCREF(r);
                DECREF(key);
                DECREF(container);
                SET_TOP(r);
                DISPATCH();
            }
            if (err_occurred()) { DECREF(key); goto error; }
        }
        SYNC_LASTI();
        r = obj_getitem(container, key);
        DECREF(key);
        if (!r) goto error;
        DECREF(container);
        SET_TOP(r);
        DISPATCH();
    }

    FAST_CASE(STORE_SUBSCR) {
        Obj *key = POP();
        Obj *container = POP();
        Obj *v = POP();
        int r;
        if (IS_SMALL(key) && TYPE(container) == &Type_list) {
            int64_t i = SMALL_VALUE(key);
            size_t n = LIST_SIZE(container);
            if (i < 0) i += (int64_t)n;
            if ((uint64_t)i < n) {
                Obj *old = LIST_GET(container, i);
                LIST_SET_STEAL(container, i, v);
                DECREF(old);
                DECREF(container);
                DISPATCH();
            }
        }
        SYNC_LASTI();
        if (TYPE(container) == &Type_dict) r = dict_set(container, key, v);
        else r = obj_setitem(container, key, v);
        DECREF(key);
        DECREF(container);
        DECREF(v);
        if (r < 0) goto error;
        DISPATCH();
    }

    CASE(DELETE_SUBSCR) {
        Obj *key = POP();
        Obj *container = POP();
        int r = obj_delitem(container, key);
        DECREF(key);
        DECREF(container);
        if (r < 0) goto error;
        DISPATCH();
    }

    CASE(BUILD_SLICE) {
        Obj *step = oparg == 3 ? POP() : NULL;
        Obj *stop = POP();
        Obj *start = TOP();
        Obj *s = slice_new(start, stop, step);
        DECREF(start);
        DECREF(stop);
        XDECREF(step);
        if (!s) { sp--; goto error; }
        SET_TOP(s);
        DISPATCH();
    }

    CASE(BUILD_TUPLE) {
        Obj *t = tuple_new(oparg);
        if (!t) goto error;
        for (uint32_t i = oparg; i > 0; i--) TUPLE_SET_STEAL(t, i - 1, POP());
        PUSH(t);
        DISPATCH();
    }

    CASE(BUILD_LIST) {
        Obj *l = list_new(oparg);
        if (!l) goto error;
        for (uint32_t i = oparg; i > 0; i--) LIST_SET_STEAL(l, i - 1, POP());
        PUSH(l);
        DISPATCH();
    }

    CASE(BUILD_SET) {
        Obj *s = set_new(NULL);
        int err = s == NULL;
        for (uint32_t i = oparg; i > 0; i--) {
            Obj *item = PEEK(i);
            if (!err && set_add(s, item) < 0) err = 1;
        }
        for (uint32_t i = 0; i < oparg; i++) { Obj *x = POP(); DECREF(x); }
        if (err) { XDECREF(s); goto error; }
        PUSH(s);
        DISPATCH();
    }

    CASE(BUILD_MAP) {
        Obj *d = dict_new();
        int err = d == NULL;
        for (uint32_t i = oparg; i > 0; i--) {
            if (!err && dict_set(d, PEEK(2 * i), PEEK(2 * i - 1)) < 0) err = 1;
        }
        for (uint32_t i = 0; i < 2 * oparg; i++) { Obj *x = POP(); DECREF(x); }
        if (err) { XDECREF(d); goto error; }
        PUSH(d);
        DISPATCH();
    }

    CASE(BUILD_STRING) {
        Obj *s = eh_build_string(sp - oparg, oparg);
        for (uint32_t i = 0; i < oparg; i++) { Obj *x = POP(); DECREF(x); }
        if (!s) goto error;
        PUSH(s);
        DISPATCH();
    }

    CASE(LIST_APPEND) {
        Obj *v = POP();
        if (list_append_steal(PEEK(oparg), v) < 0) goto error;
        DISPATCH();
    }

    CASE(SET_ADD) {
        Obj *v = POP();
        int r = set_add(PEEK(oparg), v);
        DECREF(v);
        if (r < 0) goto error;
        DISPATCH();
    }

    CASE(MAP_ADD) {
        Obj *v = POP();
        Obj *k = POP();
        int r = dict_set(PEEK(oparg), k, v);
        DECREF(k);
        DECREF(v);
        if (r < 0) goto error;
        DISPATCH();
    }

    CASE(LIST_EXTEND) {
        Obj *it = POP();
        int r = eh_list_extend(PEEK(oparg), it);
        DECREF(it);
        if (r < 0) goto error;
        DISPATCH();
    }

    CASE(SET_UPDATE) {
        Obj *it = POP();
        int r = set_update(PEEK(oparg), it);
        DECREF(it);
        if (r < 0) goto error;
        DISPATCH();
    }

    CASE(DICT_UPDATE) {
        Obj *m = POP();
        int r = eh_dict_update(PEEK(oparg), m);
        DECREF(m);
        if (r < 0) goto error;
        DISPATCH();
    }

    CASE(DICT_MERGE) {
        Obj *m = POP();
        Obj *func = sp - stack_base >= (int)oparg + 3 ? PEEK(oparg + 3) : NULL;
        if (func == NULL && sp - stack_base >= (int)oparg + 2) func = PEEK(oparg + 2);
        int r = eh_dict_merge(func, PEEK(oparg), m);
        DECREF(m);
        if (r < 0) goto error;
        DISPATCH();
    }

    CASE(LIST_TO_TUPLE) {
        Obj *l = TOP();
        Obj *t = list_as_tuple(l);
        if (!t) goto error;
        DECREF(l);
        SET_TOP(t);
        DISPATCH();
    }

    CASE(FORMAT_VALUE) {
        Obj *spec = (oparg & 4) ? POP() : NULL;
        Obj *v = TOP();
        Obj *r;
        if (!spec && (oparg & 3) == 0 && STR_CHECK_EXACT(v)) {
            DISPATCH();
        }
        r = eh_format_value(v, (int)(oparg & 3), spec);
        XDECREF(spec);
        if (!r) goto error;
        DECREF(v);
        SET_TOP(r);
        DISPATCH();
    }

    CASE(UNPACK_SEQUENCE) {
        Obj *seq = TOP();
        Type *st = TYPE(seq);
        if ((st == &Type_tuple && TUPLE_SIZE(seq) == oparg) || (st == &Type_list && LIST_SIZE(seq) == oparg)) {
            Obj **items = st == &Type_tuple ? TUPLE_ITEMS(seq) : LIST_ITEMS(seq);
            sp--;
            for (uint32_t i = oparg; i > 0; i--) { INCREF(items[i - 1]); PUSH(items[i - 1]); }
            DECREF(seq);
            DISPATCH();
        }
        sp--;
        if (eh_unpack_iterable(seq, (int)oparg, -1, sp + oparg) < 0) { DECREF(seq); goto error; }
        sp += oparg;
        DECREF(seq);
        DISPATCH();
    }

    CASE(UNPACK_EX) {
        int before = (int)(oparg & 0xff), after = (int)(oparg >> 8);
        Obj *seq = POP();
        if (eh_unpack_iterable(seq, before, after, sp + before + 1 + after) < 0) { DECREF(seq); goto error; }
        sp += before + 1 + after;
        DECREF(seq);
        DISPATCH();
    }

    FAST_CASE(JUMP) { JUMPTO(oparg); DISPATCH(); }

    FAST_CASE(JUMP_BACKWARD) {
        if (VT_UNLIKELY(interp->eval_breaker)) {
            SYNC_LASTI();
            SAVE_STACK();
            JUMPTO(oparg);
            if (vm_handle_breaker(ts) < 0) goto error_synced;
        }
        JUMPTO(oparg);
        REFRESH_TABLE();
        DISPATCH();
    }

    FAST_CASE(POP_JUMP_IF_FALSE) {
        Obj *v = POP();
        if (v == V_False) { JUMPTO(oparg); DISPATCH(); }
        if (v == V_True) DISPATCH();
        SYNC_LASTI();
        int t = obj_is_true(v);
        DECREF(v);
        if (t < 0) goto error;
        if (!t) JUMPTO(oparg);
        DISPATCH();
    }

    FAST_CASE(POP_JUMP_IF_TRUE) {
        Obj *v = POP();
        if (v == V_True) { JUMPTO(oparg); DISPATCH(); }
        if (v == V_False) DISPATCH();
        SYNC_LASTI();
        int t = obj_is_true(v);
        DECREF(v);
        if (t < 0) goto error;
        if (t) JUMPTO(oparg);
        DISPATCH();
    }

    FAST_CASE(POP_JUMP_IF_NONE) {
        Obj *v = POP();
        if (v == V_None) JUMPTO(oparg);
        else DECREF(v);
        DISPATCH();
    }

    FAST_CASE(POP_JUMP_IF_NOT_NONE) {
        Obj *v = POP();
        if (v != V_None) { DECREF(v); JUMPTO(oparg); }
        DISPATCH();
    }

    FAST_CASE(JUMP_IF_FALSE_OR_POP) {
        Obj *v = TOP();
        int t = v == V_True ? 1 : v == V_False ? 0 : obj_is_true(v);
        if (t < 0) goto error;
        if (!t) JUMPTO(oparg);
        else { sp--; DECREF(v); }
        DISPATCH();
    }

    FAST_CASE(JUMP_IF_TRUE_OR_POP) {
        Obj *v = TOP();
        int t = v == V_True ? 1 : v == V_False ? 0 : obj_is_true(v);
        if (t < 0) goto error;
        if (t) JUMPTO(oparg);
        else { sp--; DECREF(v); }
        DISPATCH();
    }

    CASE(GET_ITER) {
        Obj *o = TOP();
        Obj *it = obj_get_iter(o);
        if (!it) goto error;
        DECREF(o);
        SET_TOP(it);
        DISPATCH();
    }

    FAST_CASE(FOR_ITER) {
        Obj *it = TOP();
        unaryfunc next = TYPE(it)->iternext;
        SYNC_LASTI();
        Obj *v = next ? next(it) : iter_next(it);
        if (VT_LIKELY(v != NULL)) {
            PUSH(v);
            DISPATCH();
        }
        if (err_occurred()) {
            if (!err_matches(Exc_StopIteration)) goto error;
            err_clear();
        }
        sp--;
        DECREF(it);
        JUMPTO(oparg);
        DISPATCH();
    }

    FAST_CASE(SETUP_FINALLY) {
        Block *b = &frame->blocks[frame->block_top++];
        b->handler = (int32_t)oparg;
        b->stack_level = (int32_t)(sp - stack_base);
        DISPATCH();
    }

    FAST_CASE(POP_BLOCK) {
        frame->block_top--;
        DISPATCH();
    }

    FAST_CASE(PUSH_EXC_INFO) {
        Obj *exc = TOP();
        Obj *prev = ts->handled ? ts->handled : NEWREF(V_None);
        if (VT_UNLIKELY(frame->gen) && prev != V_None && prev == ((GenObj *)frame->gen)->resume_outer) {
            /* the generator's own slot was empty: it saw its caller's exception */
            DECREF(prev);
            prev = NEWREF(V_None);
        }
        ts->handled = NEWREF(exc);
        SET_TOP(prev);
        PUSH(exc);
        DISPATCH();
    }

    FAST_CASE(POP_EXCEPT) {
        Obj *prev = POP();
        Obj *old = ts->handled;
        if (prev == V_None) {
            ts->handled = NULL;
            if (VT_UNLIKELY(frame->gen) && ((GenObj *)frame->gen)->resume_outer)
                ts->handled = NEWREF(((GenObj *)frame->gen)->resume_outer);
            DECREF(prev);
        } else {
            ts->handled = prev;
        }
        XDECREF(old);
        DISPATCH();
    }

    CASE(CHECK_EXC_MATCH) {
        Obj *cls = POP();
        Obj *exc = TOP();
        if (eh_check_exc_match(cls) < 0) { DECREF(cls); goto error; }
        int r = exc_matches(exc, cls);
        DECREF(cls);
        if (r < 0) goto error;
        PUSH(bool_from(r));
        DISPATCH();
    }

    CASE(CHECK_EG_MATCH) {
        Obj *cls = POP();
        Obj *eg = TOP();
        Obj *rest, *match;
        if (eh_check_eg_match(eg, cls, &rest, &match) < 0) { DECREF(cls); goto error; }
        DECREF(cls);
        DECREF(eg);
        SET_TOP(rest);
        PUSH(match);
        DISPATCH();
    }

    CASE(PREP_RERAISE_STAR) {
        Obj *excs = POP();
        Obj *orig = TOP();
        Obj *r = eh_prep_reraise_star(orig, excs);
        DECREF(excs);
        if (!r) goto error;
        DECREF(orig);
        SET_TOP(r);
        DISPATCH();
    }

    CASE(RERAISE) {
        Obj *exc = POP();
        if (!EXC_CHECK(exc)) {
            DECREF(exc);
            err_set_str(Exc_SystemError, "RERAISE of a non-exception");
            goto error;
        }
        err_restore(exc);
        goto exception_unwind;
    }

    CASE(RAISE_VARARGS) {
        if (oparg == 0) {
            Obj *h = ts->handled;
            if (!h || h == V_None) {
                err_set_str(Exc_RuntimeError, "No active exception to reraise");
                goto error;
            }
            err_restore(NEWREF(h));
            goto exception_unwind;
        }
        Obj *cause = oparg == 2 ? POP() : NULL;
        Obj *exc = POP();
        eh_do_raise(ts, exc, cause);
        DECREF(exc);
        XDECREF(cause);
        goto error;
    }

    FAST_CASE(LOAD_ASSERTION_ERROR) {
        PUSH(NEWREF((Obj *)Exc_AssertionError));
        DISPATCH();
    }

    CASE(BEFORE_WITH) {
        Obj *mgr = TOP();
        Obj *exit;
        Obj *res = eh_before_with(mgr, &exit, false);
        if (!res) goto error;
        DECREF(mgr);
        SET_TOP(exit);
        PUSH(res);
        DISPATCH();
    }

    CASE(WITH_EXIT) {
        Obj *exit = POP();
        Obj *args[3] = {V_None, V_None, V_None};
        Obj *r = obj_call(exit, args, 3, NULL);
        DECREF(exit);
        if (!r) goto error;
        DECREF(r);
        DISPATCH();
    }

    CASE(WITH_EXCEPT_START) {
        Obj *exc = TOP();
        Obj *exit = PEEK(3);
        Obj *tb = ((ExcObj *)exc)->traceback;
        Obj *args[3] = {(Obj *)TYPE(exc), exc, tb ? tb : V_None};
        Obj *r = obj_call(exit, args, 3, NULL);
        if (!r) goto error;
        PUSH(r);
        DISPATCH();
    }

    CASE(BEFORE_ASYNC_WITH) {
        Obj *mgr = TOP();
        Obj *exit;
        Obj *res = eh_before_with(mgr, &exit, true);
        if (!res) goto error;
        DECREF(mgr);
        SET_TOP(exit);
        PUSH(res);
        DISPATCH();
    }

    CASE(GET_AWAITABLE) {
        Obj *o = TOP();
        Obj *it = eh_get_awaitable(o, (int)oparg);
        if (!it) goto error;
        DECREF(o);
        SET_TOP(it);
        DISPATCH();
    }

    CASE(GET_AITER) {
        Obj *o = TOP();
        Obj *it = eh_get_aiter(o);
        if (!it) goto error;
        DECREF(o);
        SET_TOP(it);
        DISPATCH();
    }

    CASE(GET_ANEXT) {
        Obj *aw = eh_get_anext(TOP());
        if (!aw) goto error;
        PUSH(aw);
        DISPATCH();
    }

    CASE(END_ASYNC_FOR) {
        Obj *exc = POP();
        if (EXC_CHECK(exc) && type_is_subtype(TYPE(exc), Exc_StopAsyncIteration)) {
            DECREF(exc);
            Obj *it = POP();
            DECREF(it);
            DISPATCH();
        }
        err_restore(exc);
        goto exception_unwind;
    }

    CASE(GET_YIELD_FROM_ITER) {
        Obj *o = TOP();
        Obj *it = eh_get_yield_from_iter(o);
        if (!it) goto error;
        DECREF(o);
        SET_TOP(it);
        DISPATCH();
    }

    CASE(SEND) {
        Obj *v = POP();
        Obj *recv = TOP();
        Obj *r;
        bool done = false;
        if (GEN_CHECK(recv) || TYPE(recv) == &Type_async_generator) {
            r = gen_send_ex(recv, v, false, &done);
        } else if (v == V_None && TYPE(recv)->iternext) {
            r = TYPE(recv)->iternext(recv);
            if (!r) {
                if (err_occurred() && !err_matches(Exc_StopIteration)) goto send_error;
                r = eh_stop_iteration_value();
                done = true;
            }
        } else {
            r = obj_call_method(recv, NAME(send), &v, 1);
            if (!r) {
                if (!err_matches(Exc_StopIteration)) goto send_error;
                r = eh_stop_iteration_value();
                done = true;
            }
        }
        DECREF(v);
        if (!r) goto error;
        if (done) {
            sp--;
            DECREF(recv);
            PUSH(r);
            JUMPTO(oparg);
            DISPATCH();
        }
        PUSH(r);
        DISPATCH();
    send_error:
        DECREF(v);
        goto error;
    }

    CASE(YIELD_VALUE) {
        retval = POP();
        SAVE_STACK();
        *returned = false;
        frame->executing = false;
        ts->frame = frame->back;
        CLEAR(frame->back);
        ts->depth--;
        return retval;
    }

    CASE(ASYNC_GEN_WRAP) {
        Obj *v = TOP();
        Obj *w = async_gen_wrap(v);
        if (!w) goto error;
        DECREF(v);
        SET_TOP(w);
        DISPATCH();
    }

    CASE(IMPORT_NAME) {
        Obj *fromlist = POP();
        Obj *level = TOP();
        int64_t lv = IS_SMALL(level) ? SMALL_VALUE(level) : 0;
        SAVE_STACK();
        Obj *m = import_name(NAMEI(oparg), frame->globals, fromlist, (int)lv);
        DECREF(fromlist);
        if (!m) goto error;
        DECREF(level);
        SET_TOP(m);
        DISPATCH();
    }

    CASE(IMPORT_FROM) {
        Obj *v = eh_import_from(TOP(), NAMEI(oparg));
        if (!v) goto error;
        PUSH(v);
        DISPATCH();
    }

    CASE(IMPORT_STAR) {
        Obj *m = POP();
        int r = eh_import_star(frame, m);
        DECREF(m);
        if (r < 0) goto error;
        DISPATCH();
    }

    CASE(SETUP_ANNOTATIONS) {
        if (eh_setup_annotations(frame->locals) < 0) goto error;
        DISPATCH();
    }

    CASE(LOAD_LOCALS) {
        if (!frame->locals) {
            err_set_str(Exc_SystemError, "no locals found");
            goto error;
        }
        PUSH(NEWREF(frame->locals));
        DISPATCH();
    }

    CASE(PRINT_EXPR) {
        Obj *v = POP();
        int r = eh_print_expr(v);
        DECREF(v);
        if (r < 0) goto error;
        DISPATCH();
    }

    CASE(GET_LEN) {
        intptr_t n = obj_len(TOP());
        if (n < 0) goto error;
        PUSH(MAKE_SMALL(n));
        DISPATCH();
    }

    CASE(LOAD_SUPER_ATTR_UNUSED)
    CASE(RETURN_GENERATOR_UNUSED)
    L_unknown_opcode:
        err_format(Exc_SystemError, "unknown opcode %u", (unsigned)INSTR_OP(word));
        goto error;

#ifndef USE_COMPUTED_GOTO
    default:
        goto L_unknown_opcode;
    }
#endif

error:
    SYNC_LASTI();
error_synced:
    kwnames = NULL;
    VT_ASSERT(err_occurred(), "error without an exception set");
    if (!err_occurred()) err_set_str(Exc_SystemError, "error return without exception set");
    traceback_add_frame((Obj *)frame);

exception_unwind:
    if (frame->block_top > 0) {
        Block *b = &frame->blocks[--frame->block_top];
        Obj **level = stack_base + b->stack_level;
        while (sp > level) { Obj *x = POP(); XDECREF(x); }
        Obj *exc = err_fetch();
        PUSH(exc);
        JUMPTO(b->handler);
        DISPATCH();
    }
    while (sp > stack_base) { Obj *x = POP(); XDECREF(x); }
    frame->stack_top = 0;
    if (VT_UNLIKELY(TRACE_ON(TRACE_CALL))) trace_call_event(ts, frame, "return", trace_cur_line);
    if (frame != entry) {
        frame = pop_frame(ts, frame);
        LOAD_STATE();
        goto error;
    }
    retval = NULL;
    *returned = true;

exit_entry:
    frame->executing = false;
    ts->frame = frame->back;
    ts->depth--;
    if (frame->gen) CLEAR(frame->back);
    return retval;
}

/* ---- entry points ---- */

/* Contract: vm.h. locals NULL means the globals (module code). */
Obj *vm_eval_code(CodeObj *code, Obj *globals, Obj *locals) {
    ThreadState *ts = vm_ts();
    vm_breaker_install(ts->interp);
    if (!locals) locals = globals;
    if (DICT_CHECK(globals)) {
        int has = dict_contains(globals, NAME(__builtins__));
        if (has < 0) return NULL;
        if (!has && dict_set(globals, NAME(__builtins__), ts->interp->builtins_module) < 0) return NULL;
    }
    Obj *builtins = frame_builtins_for(globals);
    Frame *f = frame_alloc(code, NULL, globals, builtins, locals, false);
    if (!f) return NULL;
    if (CODE_NCELLS(code) || CODE_NFREES(code)) {
        if (CODE_NFREES(code)) {
            DECREF((Obj *)f);
            return err_set_str(Exc_TypeError, "code object passed to exec() may not contain free variables");
        }
        for (size_t i = 0; i < CODE_NCELLS(code); i++) {
            Obj *c = cell_new(NULL);
            if (!c) { DECREF((Obj *)f); return NULL; }
            f->localsplus[code->nlocals + i] = c;
        }
    }
    bool returned;
    Obj *r = vm_eval_frame(ts, f, 0, &returned);
    if (f->ob.refcnt > 1) frame_escape(f);
    DECREF((Obj *)f);
    return r;
}

/* Contract: vm.h. */
Obj *vm_eval_class_body(Obj *func, Obj *ns) {
    FunctionObj *fn = (FunctionObj *)func;
    CodeObj *co = (CodeObj *)fn->code;
    INCREF(func);
    Frame *f = frame_alloc(co, func, fn->globals, fn->builtins, ns, false);
    if (!f) return NULL;
    if (vm_bind_args(f, func, NULL, 0, NULL) < 0) {
        DECREF((Obj *)f);
        return NULL;
    }
    bool returned;
    Obj *r = vm_eval_frame(vm_ts(), f, 0, &returned);
    if (f->ob.refcnt > 1) frame_escape(f);
    DECREF((Obj *)f);
    return r;
}

/* Contract: vm.h. exc (borrowed) is raised at the suspension point when not NULL. */
Obj *vm_resume_frame(Frame *f, Obj *value, Obj *exc, bool *returned) {
    if (exc) {
        err_restore(NEWREF(exc));
        return vm_eval_frame(vm_ts(), f, 1, returned);
    }
    if (f->lasti >= 0) {
        f->localsplus[code_nlocalsplus(f->code) + f->stack_top++] = NEWREF(value ? value : V_None);
    }
    return vm_eval_frame(vm_ts(), f, 0, returned);
}
