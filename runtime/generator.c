/* generator.c: generators, coroutines and async generators. Each owns a heap frame that the
 * VM suspends at YIELD_VALUE and resumes (vm_eval_frame); delegation (yield from / await) is
 * the SEND loop in the frame, which throw()/close() forward to. */
#include <string.h>
#include "eval_internal.h"
#include "exceptions.h"
#include "gc.h"
#include "objcore.h"

extern Type Type_coroutine_wrapper, Type_async_generator_asend, Type_async_generator_athrow,
    Type_async_generator_wrapped_value;

static const char *kind_name(GenObj *g) {
    Type *t = g->ob.type;
    return t == &Type_coroutine ? "coroutine" : t == &Type_async_generator ? "async generator" : "generator";
}

/* Contract: eval_internal.h. */
Obj *gen_new_from_frame(Frame *f, Obj *func) {
    CodeObj *co = f->code;
    Type *t = (co->flags & CO_COROUTINE) ? &Type_coroutine
            : (co->flags & CO_ASYNC_GENERATOR) ? &Type_async_generator : &Type_generator;
    GenObj *g = (GenObj *)gc_alloc(t, sizeof(GenObj));
    if (!g) { DECREF((Obj *)f); return NULL; }
    g->frame = f;
    f->gen = (Obj *)g;
    f->on_heap = true;
    gc_track((Obj *)f);
    FunctionObj *fn = (FunctionObj *)func;
    g->name = NEWREF(fn ? fn->name : co->name);
    g->qualname = NEWREF(fn ? fn->qualname : co->qualname);
    g->code = NEWREF((Obj *)co);
    gc_track((Obj *)g);
    return (Obj *)g;
}

/* Release a finished generator's frame. */
static void gen_finish(GenObj *g) {
    Frame *f = g->frame;
    if (!f) return;
    g->frame = NULL;
    f->gen = NULL;
    DECREF((Obj *)f);
}

Obj *gen_yieldfrom(GenObj *g) {
    Frame *f = g->frame;
    if (!f || f->executing || f->lasti < 1) return NULL;
    Instr *code = f->code->code;
    if (INSTR_OP(code[f->lasti]) != OP_YIELD_VALUE || INSTR_OP(code[f->lasti - 1]) != OP_SEND) return NULL;
    if (f->stack_top < 1) return NULL;
    return f->localsplus[code_nlocalsplus(f->code) + f->stack_top - 1];
}

/* Send (or throw the pending exception when exc) into g. */
static Obj *gen_send_ex2(GenObj *g, Obj *value, bool exc, bool closing, bool *returned) {
    *returned = false;
    if (g->running) {
        if (exc) err_clear();
        err_format(Exc_ValueError, "%s already executing", kind_name(g));
        return NULL;
    }
    Frame *f = g->frame;
    if (!f) {
        if (g->ob.type == &Type_coroutine && !closing) {
            if (exc) err_clear();
            return err_set_str(Exc_RuntimeError, "cannot reuse already awaited coroutine");
        }
        if (!exc) { *returned = true; return NEWREF(V_None); }
        return NULL;
    }
    if (f->lasti < 0 && !exc && value && value != V_None) {
        return err_format(Exc_TypeError, "can't send non-None value to a just-started %s", kind_name(g));
    }
    ThreadState *ts = vm_ts();
    Obj *outer = ts->handled;
    XINCREF(outer);
    if (g->exc_state) {
        Obj *old = ts->handled;
        ts->handled = g->exc_state;
        g->exc_state = NULL;
        XDECREF(old);
    }
    g->running = true;
    g->resume_outer = outer;
    Obj *r;
    if (exc) {
        r = vm_eval_frame(ts, f, 1, returned);
    } else {
        r = vm_resume_frame(f, value, NULL, returned);
    }
    g->running = false;
    g->resume_outer = NULL;
    Obj *cur = ts->handled;
    ts->handled = outer;
    if (r && !*returned && cur && cur != outer) g->exc_state = cur;
    else XDECREF(cur);

    if (r && !*returned) return r;
    *returned = r != NULL;
    if (!r) {
        Type *t = g->ob.type;
        bool stop = err_matches(Exc_StopIteration);
        bool astop = t == &Type_async_generator && err_matches(Exc_StopAsyncIteration);
        if (stop || astop) {
            Obj *orig = err_fetch();
            err_format(Exc_RuntimeError, "%s raised %s", kind_name(g), stop ? "StopIteration" : "StopAsyncIteration");
            Obj *now = err_current();
            if (now) {
                INCREF(orig);
                exc_set_cause(now, orig);
                exc_set_context(now, orig);
            } else {
                DECREF(orig);
            }
        }
    }
    gen_finish(g);
    return r;
}

Obj *gen_send_ex(Obj *gen, Obj *value, bool exc, bool *returned) {
    return gen_send_ex2((GenObj *)gen, value, exc, false, returned);
}

/* Turn a finished generator's return into StopIteration(value) for send()/__next__. */
static Obj *result_or_stop(Obj *r, bool returned) {
    if (!r || !returned) return r;
    if (r == V_None) err_set_object(Exc_StopIteration, NULL);
    else err_stop_iteration(r);
    DECREF(r);
    return NULL;
}

static Obj *gen_iternext(Obj *self) {
    bool returned;
    Obj *r = gen_send_ex2((GenObj *)self, V_None, false, false, &returned);
    if (r && returned) {
        if (r != V_None) err_stop_iteration(r);
        DECREF(r);
        return NULL;
    }
    return r;
}

static Obj *gen_send(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    bool returned;
    Obj *r = gen_send_ex2((GenObj *)self, args[0], false, false, &returned);
    return result_or_stop(r, returned);
}

static int gen_close_iter(Obj *yf);
static Obj *gen_close_impl(GenObj *g);

/* The SEND loop finished because the delegate returned `val`: resume g after the loop. */
static Obj *gen_finish_delegation(GenObj *g, Obj *val, bool *returned) {
    Frame *f = g->frame;
    Instr send = f->code->code[f->lasti - 1];
    Obj *recv = f->localsplus[code_nlocalsplus(f->code) + --f->stack_top];
    DECREF(recv);
    f->lasti = (int)INSTR_ARG(send) - 1;
    return gen_send_ex2(g, val, false, false, returned);
}

/* CPython's _gen_throw: forward to the delegate first, else raise inside g. */
static Obj *gen_throw_impl(GenObj *g, bool close_on_genexit, Obj *typ, Obj *val, Obj *tb, bool *returned) {
    *returned = false;
    Obj *yf = gen_yieldfrom(g);
    if (yf) {
        INCREF(yf);
        Obj *ret;
        if (close_on_genexit && EXC_TYPE_CHECK(typ) && type_is_subtype((Type *)typ, Exc_GeneratorExit)) {
            g->running = true;
            int err = gen_close_iter(yf);
            g->running = false;
            DECREF(yf);
            if (err < 0) return gen_send_ex2(g, V_None, true, false, returned);
            goto throw_here;
        }
        if (GEN_CHECK(yf) || TYPE(yf) == &Type_async_generator) {
            g->running = true;
            ret = gen_throw_impl((GenObj *)yf, close_on_genexit, typ, val, tb, returned);
            g->running = false;
            if (ret && *returned) {
                *returned = false;
                Obj *v = ret;
                ret = gen_finish_delegation(g, v, returned);
                DECREF(v);
                DECREF(yf);
                return ret;
            }
        } else {
            Obj *meth = obj_getattr_opt(yf, NAME(throw));
            if (!meth) {
                DECREF(yf);
                if (err_occurred()) return gen_send_ex2(g, V_None, true, false, returned);
                goto throw_here;
            }
            Obj *args[3] = {typ, val ? val : V_None, tb ? tb : V_None};
            size_t n = tb ? 3 : val ? 2 : 1;
            g->running = true;
            ret = obj_call(meth, args, n, NULL);
            g->running = false;
            DECREF(meth);
        }
        DECREF(yf);
        if (!ret) {
            if (err_matches(Exc_StopIteration)) {
                Obj *v = eh_stop_iteration_value();
                if (!v) return NULL;
                ret = gen_finish_delegation(g, v, returned);
                DECREF(v);
            } else {
                ret = gen_send_ex2(g, V_None, true, false, returned);
            }
        }
        return ret;
    }
throw_here:
    if (tb == V_None) tb = NULL;
    if (tb && TYPE(tb) != &Type_traceback)
        return err_set_str(Exc_TypeError, "throw() third argument must be a traceback object");
    Obj *exc;
    if (EXC_TYPE_CHECK(typ)) {
        if (val && EXC_CHECK(val) && type_is_subtype(TYPE(val), (Type *)typ)) exc = NEWREF(val);
        else if (!val || val == V_None) exc = obj_call0(typ);
        else if (TUPLE_CHECK(val)) exc = obj_call(typ, TUPLE_ITEMS(val), TUPLE_SIZE(val), NULL);
        else exc = obj_call1(typ, val);
        if (!exc) return NULL;
        if (!EXC_CHECK(exc)) {
            err_format(Exc_TypeError, "calling %R should have returned an instance of BaseException, not %s",
                       typ, type_name(TYPE(exc)));
            DECREF(exc);
            return NULL;
        }
    } else if (EXC_CHECK(typ)) {
        if (val && val != V_None)
            return err_set_str(Exc_TypeError, "instance exception may not have a separate value");
        exc = NEWREF(typ);
    } else {
        return err_format(Exc_TypeError,
                          "exceptions must be classes or instances deriving from BaseException, not %s",
                          type_name(TYPE(typ)));
    }
    if (tb) exc_set_traceback(exc, tb);
    err_restore(exc);
    return gen_send_ex2(g, V_None, true, false, returned);
}

static Obj *gen_throw(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames)) return err_set_str(Exc_TypeError, "throw() takes no keyword arguments");
    if (nargs < 1 || nargs > 3)
        return err_format(Exc_TypeError, "throw expected at least 1 argument, got %zu", nargs);
    bool returned;
    Obj *r = gen_throw_impl((GenObj *)self, true, args[0], nargs > 1 ? args[1] : NULL,
                            nargs > 2 ? args[2] : NULL, &returned);
    return result_or_stop(r, returned);
}

static int gen_close_iter(Obj *yf) {
    if (GEN_CHECK(yf)) {
        Obj *r = gen_close_impl((GenObj *)yf);
        if (!r) return -1;
        DECREF(r);
        return 0;
    }
    Obj *meth = obj_getattr_opt(yf, NAME(close));
    if (!meth) return err_occurred() ? -1 : 0;
    Obj *r = obj_call0(meth);
    DECREF(meth);
    if (!r) return -1;
    DECREF(r);
    return 0;
}

static Obj *gen_close_impl(GenObj *g) {
    if (!g->frame) RETURN_NONE;
    if (g->frame->lasti < 0) {
        gen_finish(g);
        RETURN_NONE;
    }
    Obj *yf = gen_yieldfrom(g);
    int err = 0;
    if (yf) {
        INCREF(yf);
        g->running = true;
        err = gen_close_iter(yf);
        g->running = false;
        DECREF(yf);
    }
    if (err == 0) err_set_object(Exc_GeneratorExit, NULL);
    bool returned;
    Obj *r = gen_send_ex2(g, V_None, true, true, &returned);
    if (r) {
        DECREF(r);
        if (!returned || g->ob.type == &Type_async_generator)
            return err_format(Exc_RuntimeError, "%s ignored GeneratorExit", kind_name(g));
        RETURN_NONE;
    }
    if (err_matches(Exc_StopIteration) || err_matches(Exc_GeneratorExit)) {
        err_clear();
        RETURN_NONE;
    }
    return NULL;
}

static Obj *gen_close(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    return gen_close_impl((GenObj *)self);
}

static Obj *gen_iter_self(Obj *self) { return NEWREF(self); }

static Obj *gen_repr(Obj *self) {
    GenObj *g = (GenObj *)self;
    return str_from_format("<%s object %U at %p>", g->ob.type == &Type_async_generator ? "async_generator" : kind_name(g),
                           g->qualname, (void *)self);
}

/* PEP 442 finalizer: close a suspended generator (its finally blocks run). */
static void gen_finalize(Obj *self) {
    GenObj *g = (GenObj *)self;
    if (!g->frame || g->frame->lasti < 0 || g->frame->executing || g->ob.type == &Type_async_generator)
        return;
    Obj *saved = err_fetch();
    Obj *r = gen_close_impl(g);
    if (!r) err_write_unraisable(self);
    else DECREF(r);
    err_restore(saved);
    if (!saved) err_clear();
}

static void gen_dealloc(Obj *self) {
    GenObj *g = (GenObj *)self;
    gc_untrack(self);
    if (g->frame && g->frame->lasti >= 0 && !g->frame->executing) {
        /* resurrect for the close() call */
        self->refcnt = 1;
        gen_finalize(self);
        if (--self->refcnt != 0) { gc_track(self); return; }
    } else if (g->frame && g->ob.type == &Type_coroutine && g->frame->lasti < 0) {
        self->refcnt = 1;
        Obj *saved = err_fetch();
        if (warn_format(Exc_RuntimeWarning, 1, "coroutine '%s' was never awaited", str_cstr(g->qualname)) < 0) {
            err_write_unraisable(self);
        } else {
            static const char hint[] = "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n";
            file_write_cstr(sys_get_borrowed("stderr"), hint, sizeof hint - 1);
        }
        err_restore(saved);
        if (!saved) err_clear();
        if (--self->refcnt != 0) { gc_track(self); return; }
    }
    gen_finish(g);
    CLEAR(g->name);
    CLEAR(g->qualname);
    CLEAR(g->code);
    CLEAR(g->exc_state);
    CLEAR(g->finalizer);
    obj_free(self);
}

static int gen_traverse(Obj *self, visitproc visit, void *arg) {
    GenObj *g = (GenObj *)self;
    if (g->frame && visit((Obj *)g->frame, arg) < 0) return -1;
    if (g->exc_state && visit(g->exc_state, arg) < 0) return -1;
    if (g->code && visit(g->code, arg) < 0) return -1;
    return 0;
}

static Obj *g_frame(Obj *self) {
    Frame *f = ((GenObj *)self)->frame;
    return NEWREF(f ? (Obj *)f : V_None);
}
static Obj *g_running(Obj *self) { RETURN_BOOL(((GenObj *)self)->running); }
static Obj *g_code(Obj *self) { return NEWREF(((GenObj *)self)->code); }
static Obj *g_yieldfrom(Obj *self) {
    Obj *y = gen_yieldfrom((GenObj *)self);
    return NEWREF(y ? y : V_None);
}
static Obj *g_suspended(Obj *self) {
    GenObj *g = (GenObj *)self;
    RETURN_BOOL(g->frame && g->frame->lasti >= 0 && !g->running);
}
static Obj *g_name(Obj *self) { return NEWREF(((GenObj *)self)->name); }
static int g_set_name(Obj *self, Obj *v) {
    if (!v || !STR_CHECK(v)) return err_set_str(Exc_TypeError, "__name__ must be set to a string object"), -1;
    INCREF(v);
    SETREF(((GenObj *)self)->name, v);
    return 0;
}
static Obj *g_qualname(Obj *self) { return NEWREF(((GenObj *)self)->qualname); }
static int g_set_qualname(Obj *self, Obj *v) {
    if (!v || !STR_CHECK(v)) return err_set_str(Exc_TypeError, "__qualname__ must be set to a string object"), -1;
    INCREF(v);
    SETREF(((GenObj *)self)->qualname, v);
    return 0;
}

static const GetSetDef gen_getset[] = {
    {"gi_frame", g_frame, NULL, NULL},
    {"gi_running", g_running, NULL, NULL},
    {"gi_code", g_code, NULL, NULL},
    {"gi_yieldfrom", g_yieldfrom, NULL, NULL},
    {"gi_suspended", g_suspended, NULL, NULL},
    {"__name__", g_name, g_set_name, NULL},
    {"__qualname__", g_qualname, g_set_qualname, NULL},
    {NULL},
};

static const MethodDef gen_methods[] = {
    {"send", gen_send, METH_O, NULL},
    {"throw", gen_throw, METH_VARARGS, NULL},
    {"close", gen_close, METH_NOARGS, NULL},
    {NULL},
};

Type Type_generator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "generator",
    .basicsize = sizeof(GenObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = gen_dealloc,
    .traverse = gen_traverse,
    .finalize = gen_finalize,
    .repr = gen_repr,
    .iter = gen_iter_self,
    .iternext = gen_iternext,
    .weaklist_offset = offsetof(GenObj, weaklist),
    .methods = gen_methods,
    .getset = gen_getset,
};

/* ==== coroutines ==== */

typedef struct {
    Obj ob;
    Obj *coro;
} CoroWrapper;

static Obj *coro_await(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    CoroWrapper *w = (CoroWrapper *)gc_alloc(&Type_coroutine_wrapper, sizeof(CoroWrapper));
    if (!w) return NULL;
    w->coro = NEWREF(self);
    gc_track((Obj *)w);
    return (Obj *)w;
}

static const GetSetDef coro_getset[] = {
    {"cr_frame", g_frame, NULL, NULL},
    {"cr_running", g_running, NULL, NULL},
    {"cr_code", g_code, NULL, NULL},
    {"cr_await", g_yieldfrom, NULL, NULL},
    {"cr_suspended", g_suspended, NULL, NULL},
    {"__name__", g_name, g_set_name, NULL},
    {"__qualname__", g_qualname, g_set_qualname, NULL},
    {NULL},
};

static const MethodDef coro_methods[] = {
    {"send", gen_send, METH_O, NULL},
    {"throw", gen_throw, METH_VARARGS, NULL},
    {"close", gen_close, METH_NOARGS, NULL},
    {"__await__", coro_await, METH_NOARGS, NULL},
    {NULL},
};

Type Type_coroutine = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "coroutine",
    .basicsize = sizeof(GenObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = gen_dealloc,
    .traverse = gen_traverse,
    .finalize = gen_finalize,
    .repr = gen_repr,
    .weaklist_offset = offsetof(GenObj, weaklist),
    .methods = coro_methods,
    .getset = coro_getset,
};

static void cw_dealloc(Obj *self) {
    gc_untrack(self);
    CLEAR(((CoroWrapper *)self)->coro);
    obj_free(self);
}
static int cw_traverse(Obj *self, visitproc visit, void *arg) {
    Obj *c = ((CoroWrapper *)self)->coro;
    return c ? visit(c, arg) : 0;
}
static Obj *cw_iternext(Obj *self) { return gen_iternext(((CoroWrapper *)self)->coro); }
static Obj *cw_send(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return gen_send(((CoroWrapper *)self)->coro, args, nargs, kw);
}
static Obj *cw_throw(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return gen_throw(((CoroWrapper *)self)->coro, args, nargs, kw);
}
static Obj *cw_close(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return gen_close(((CoroWrapper *)self)->coro, args, nargs, kw);
}
static const MethodDef cw_methods[] = {
    {"send", cw_send, METH_O, NULL},
    {"throw", cw_throw, METH_VARARGS, NULL},
    {"close", cw_close, METH_NOARGS, NULL},
    {NULL},
};
Type Type_coroutine_wrapper = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "coroutine_wrapper",
    .basicsize = sizeof(CoroWrapper),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = cw_dealloc,
    .traverse = cw_traverse,
    .iter = gen_iter_self,
    .iternext = cw_iternext,
    .methods = cw_methods,
};

/* ==== async generators ==== */

typedef struct {
    Obj ob;
    Obj *value;
} WrappedValue;

static void wv_dealloc(Obj *self) {
    CLEAR(((WrappedValue *)self)->value);
    obj_free(self);
}
Type Type_async_generator_wrapped_value = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "async_generator_wrapped_value",
    .basicsize = sizeof(WrappedValue),
    .dealloc = wv_dealloc,
};

Obj *async_gen_wrap(Obj *v) {
    Type *t = &Type_async_generator_wrapped_value;
    if (!(t->flags & TPFLAG_READY) && type_ready(t) < 0) return NULL;
    WrappedValue *w = (WrappedValue *)obj_alloc(t, sizeof(WrappedValue));
    if (!w) return NULL;
    w->value = NEWREF(v);
    return (Obj *)w;
}

#define IS_WRAPPED(o) (!IS_SMALL(o) && (o)->type == &Type_async_generator_wrapped_value)

/* Interpret what the async generator produced for asend/athrow. */
static Obj *ag_unwrap(GenObj *ag, Obj *r, bool returned) {
    if (!r) {
        if (err_matches(Exc_StopAsyncIteration) || err_matches(Exc_GeneratorExit)) ag->closed = true;
        ag->hooks_inited = false;   /* running_async */
        return NULL;
    }
    if (returned) {
        DECREF(r);
        ag->closed = true;
        ag->hooks_inited = false;
        err_set_object(Exc_StopAsyncIteration, NULL);
        return NULL;
    }
    if (IS_WRAPPED(r)) {
        ag->hooks_inited = false;
        Obj *v = ((WrappedValue *)r)->value;
        if (v == V_None) err_set_object(Exc_StopIteration, NULL);
        else err_stop_iteration(v);
        DECREF(r);
        return NULL;
    }
    return r;
}

enum { AW_INIT, AW_ITER, AW_CLOSED };

typedef struct {
    Obj ob;
    GenObj *gen;
    Obj *sendval;
    Obj *typ, *val, *tb;   /* athrow arguments; typ NULL means aclose() */
    int state;
    bool is_throw;
} AgAwaitable;

static Obj *ag_awaitable_new(Type *t, Obj *gen, Obj *sendval) {
    if (!(t->flags & TPFLAG_READY) && type_ready(t) < 0) return NULL;
    AgAwaitable *a = (AgAwaitable *)gc_alloc(t, sizeof(AgAwaitable));
    if (!a) return NULL;
    a->gen = (GenObj *)NEWREF(gen);
    a->sendval = sendval ? NEWREF(sendval) : NULL;
    a->state = AW_INIT;
    gc_track((Obj *)a);
    return (Obj *)a;
}

static void aw_dealloc(Obj *self) {
    AgAwaitable *a = (AgAwaitable *)self;
    gc_untrack(self);
    XDECREF((Obj *)a->gen);
    CLEAR(a->sendval);
    CLEAR(a->typ);
    CLEAR(a->val);
    CLEAR(a->tb);
    obj_free(self);
}
static int aw_traverse(Obj *self, visitproc visit, void *arg) {
    AgAwaitable *a = (AgAwaitable *)self;
    Obj *f[] = {(Obj *)a->gen, a->sendval, a->typ, a->val, a->tb};
    for (int i = 0; i < 5; i++)
        if (f[i] && visit(f[i], arg) < 0) return -1;
    return 0;
}

static Obj *asend_send_impl(AgAwaitable *a, Obj *arg) {
    if (a->state == AW_CLOSED)
        return err_set_str(Exc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    if (a->state == AW_INIT) {
        if (a->gen->hooks_inited)
            return err_set_str(Exc_RuntimeError, "anext(): asynchronous generator is already running");
        if (!arg || arg == V_None) arg = a->sendval ? a->sendval : V_None;
        a->state = AW_ITER;
    }
    a->gen->hooks_inited = true;
    bool returned;
    Obj *r = gen_send_ex2(a->gen, arg ? arg : V_None, false, false, &returned);
    r = ag_unwrap(a->gen, r, returned);
    if (!r) a->state = AW_CLOSED;
    return r;
}

static Obj *asend_iternext(Obj *self) { return asend_send_impl((AgAwaitable *)self, NULL); }
static Obj *asend_send(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return asend_send_impl((AgAwaitable *)self, args[0]);
}
static Obj *asend_throw(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    AgAwaitable *a = (AgAwaitable *)self;
    if (a->state == AW_CLOSED)
        return err_set_str(Exc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    if (nargs < 1 || nargs > 3) return err_format(Exc_TypeError, "throw expected at least 1 argument, got %zu", nargs);
    bool returned;
    Obj *r = gen_throw_impl(a->gen, false, args[0], nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, &returned);
    r = ag_unwrap(a->gen, r, returned);
    if (!r) a->state = AW_CLOSED;
    return r;
}
static Obj *aw_close(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    ((AgAwaitable *)self)->state = AW_CLOSED;
    RETURN_NONE;
}

static Obj *aw_await(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { return NEWREF(self); }

static const MethodDef asend_methods[] = {
    {"__await__", aw_await, METH_NOARGS, NULL},
    {"send", asend_send, METH_O, NULL},
    {"throw", asend_throw, METH_VARARGS, NULL},
    {"close", aw_close, METH_NOARGS, NULL},
    {NULL},
};
Type Type_async_generator_asend = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "async_generator_asend",
    .basicsize = sizeof(AgAwaitable),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = aw_dealloc,
    .traverse = aw_traverse,
    .iter = gen_iter_self,
    .iternext = asend_iternext,
    .methods = asend_methods,
};

static Obj *athrow_send_impl(AgAwaitable *a, Obj *arg) {
    GenObj *ag = a->gen;
    bool aclose = a->typ == NULL;
    if (a->state == AW_CLOSED)
        return err_set_str(Exc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    if (!ag->frame || ag->closed) {
        a->state = AW_CLOSED;
        return err_set_object(aclose ? Exc_StopIteration : Exc_StopAsyncIteration, NULL);
    }
    bool returned;
    Obj *r;
    if (a->state == AW_INIT) {
        if (ag->hooks_inited) {
            a->state = AW_CLOSED;
            return err_set_str(Exc_RuntimeError,
                               aclose ? "aclose(): asynchronous generator is already running"
                                      : "athrow(): asynchronous generator is already running");
        }
        if (arg && arg != V_None)
            return err_set_str(Exc_RuntimeError, "can't send non-None value to a just-started coroutine");
        a->state = AW_ITER;
        ag->hooks_inited = true;
        if (aclose) {
            if (ag->frame->lasti < 0) {
                gen_finish(ag);
                ag->closed = true;
                ag->hooks_inited = false;
                a->state = AW_CLOSED;
                return err_set_object(Exc_StopIteration, NULL);
            }
            err_set_object(Exc_GeneratorExit, NULL);
            r = gen_send_ex2(ag, V_None, true, true, &returned);
            if (r && !returned && IS_WRAPPED(r)) {
                DECREF(r);
                ag->hooks_inited = false;
                a->state = AW_CLOSED;
                return err_set_str(Exc_RuntimeError, "async generator ignored GeneratorExit");
            }
        } else {
            r = gen_throw_impl(ag, false, a->typ, a->val, a->tb, &returned);
            r = ag_unwrap(ag, r, returned);
            if (!r) goto check_error;
            return r;
        }
    } else {
        r = gen_send_ex2(ag, arg ? arg : V_None, false, false, &returned);
        if (!aclose) {
            r = ag_unwrap(ag, r, returned);
            if (!r) goto check_error;
            return r;
        }
        if (r && !returned && IS_WRAPPED(r)) {
            DECREF(r);
            ag->hooks_inited = false;
            a->state = AW_CLOSED;
            return err_set_str(Exc_RuntimeError, "async generator ignored GeneratorExit");
        }
    }
    if (r && !returned) return r;
    if (r) {   /* the generator returned while closing */
        DECREF(r);
        ag->closed = true;
        ag->hooks_inited = false;
        a->state = AW_CLOSED;
        return err_set_object(Exc_StopIteration, NULL);
    }
check_error:
    ag->hooks_inited = false;
    a->state = AW_CLOSED;
    if (err_matches(Exc_StopAsyncIteration) || err_matches(Exc_GeneratorExit)) {
        ag->closed = true;
        if (aclose) {
            err_clear();
            err_set_object(Exc_StopIteration, NULL);
        }
    }
    return NULL;
}

static Obj *athrow_iternext(Obj *self) { return athrow_send_impl((AgAwaitable *)self, NULL); }
static Obj *athrow_send(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return athrow_send_impl((AgAwaitable *)self, args[0]);
}
static Obj *athrow_throw(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    AgAwaitable *a = (AgAwaitable *)self;
    if (a->state == AW_CLOSED)
        return err_set_str(Exc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    if (nargs < 1 || nargs > 3) return err_format(Exc_TypeError, "throw expected at least 1 argument, got %zu", nargs);
    bool returned;
    Obj *r = gen_throw_impl(a->gen, false, args[0], nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, &returned);
    if (a->typ == NULL && r && !returned && IS_WRAPPED(r)) {
        DECREF(r);
        return err_set_str(Exc_RuntimeError, "async generator ignored GeneratorExit");
    }
    return ag_unwrap(a->gen, r, returned);
}

static const MethodDef athrow_methods[] = {
    {"__await__", aw_await, METH_NOARGS, NULL},
    {"send", athrow_send, METH_O, NULL},
    {"throw", athrow_throw, METH_VARARGS, NULL},
    {"close", aw_close, METH_NOARGS, NULL},
    {NULL},
};
Type Type_async_generator_athrow = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "async_generator_athrow",
    .basicsize = sizeof(AgAwaitable),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = aw_dealloc,
    .traverse = aw_traverse,
    .iter = gen_iter_self,
    .iternext = athrow_iternext,
    .methods = athrow_methods,
};

static Obj *ag_anext(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return ag_awaitable_new(&Type_async_generator_asend, self, NULL);
}
static Obj *ag_aiter(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { return NEWREF(self); }
static Obj *ag_asend(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return ag_awaitable_new(&Type_async_generator_asend, self, args[0]);
}
static Obj *ag_athrow(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (nargs < 1 || nargs > 3) return err_format(Exc_TypeError, "athrow expected at least 1 argument, got %zu", nargs);
    AgAwaitable *a = (AgAwaitable *)ag_awaitable_new(&Type_async_generator_athrow, self, NULL);
    if (!a) return NULL;
    a->typ = NEWREF(args[0]);
    a->val = nargs > 1 ? NEWREF(args[1]) : NULL;
    a->tb = nargs > 2 ? NEWREF(args[2]) : NULL;
    a->is_throw = true;
    return (Obj *)a;
}
static Obj *ag_aclose(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    return ag_awaitable_new(&Type_async_generator_athrow, self, NULL);
}

static Obj *ag_running(Obj *self) { RETURN_BOOL(((GenObj *)self)->running); }

static const GetSetDef ag_getset[] = {
    {"ag_frame", g_frame, NULL, NULL},
    {"ag_running", ag_running, NULL, NULL},
    {"ag_code", g_code, NULL, NULL},
    {"ag_await", g_yieldfrom, NULL, NULL},
    {"ag_suspended", g_suspended, NULL, NULL},
    {"__name__", g_name, g_set_name, NULL},
    {"__qualname__", g_qualname, g_set_qualname, NULL},
    {NULL},
};

static const MethodDef ag_methods[] = {
    {"__anext__", ag_anext, METH_NOARGS, NULL},
    {"__aiter__", ag_aiter, METH_NOARGS, NULL},
    {"asend", ag_asend, METH_O, NULL},
    {"athrow", ag_athrow, METH_VARARGS, NULL},
    {"aclose", ag_aclose, METH_NOARGS, NULL},
    {NULL},
};

static void ag_dealloc(Obj *self) {
    GenObj *g = (GenObj *)self;
    /* an unfinished async generator cannot be closed synchronously; just drop its frame */
    if (g->frame) {
        gc_untrack(self);
        gen_finish(g);
        gc_track(self);
    }
    gen_dealloc(self);
}

Type Type_async_generator = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "async_generator",
    .basicsize = sizeof(GenObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = ag_dealloc,
    .traverse = gen_traverse,
    .repr = gen_repr,
    .weaklist_offset = offsetof(GenObj, weaklist),
    .methods = ag_methods,
    .getset = ag_getset,
};
