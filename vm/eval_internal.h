/* eval_internal.h: private interfaces between the evaluation loop (eval.c), its slow paths
 * (eval_helpers.c), frames (frame.c), calls (call.c), generators (runtime/generator.c) and
 * functions (runtime/function.c). Nothing here is a public contract. */
#ifndef VITRINE_EVAL_INTERNAL_H
#define VITRINE_EVAL_INTERNAL_H

#include "vm.h"
#include "types.h"
#include "errors.h"
#include "names.h"
#include "gc.h"

/* ---- frames (vm/frame.c) ---- */
/* Number of localsplus slots before the value stack. */
static inline int code_nlocalsplus(CodeObj *co) {
    return co->nlocals + (int)CODE_NCELLS(co) + (int)CODE_NFREES(co);
}
/* Frames up to FRAME_CLASSES * 64 bytes are recycled through per-thread, per-size-class free
 * lists (the GCHead in front of each frame links them), so calls do not malloc. */
#define FRAME_CLASS_BYTES 64
#define FRAME_CLASSES 48
#define FRAME_FREE_MAX 64
typedef struct FrameFreeList {
    GCHead *head[FRAME_CLASSES];
    int count[FRAME_CLASSES];
} FrameFreeList;
extern _Thread_local FrameFreeList vm_frame_free;
static inline size_t frame_bytes_for(CodeObj *co, int nlp) {
    return sizeof(GCHead) + sizeof(Frame) + ((size_t)nlp + (size_t)co->stacksize) * sizeof(Obj *) +
           (size_t)(co->blockdepth > 0 ? co->blockdepth : 1) * sizeof(Block);
}
/* Allocate a frame for co (from the per-thread free list unless on_heap). func may be NULL;
 * when it is not NULL the frame takes over a reference to it (func_ref: caller's reference is
 * stolen) and borrows code/globals/builtins through it; otherwise globals/builtins/locals are
 * increfed. Locals, cells and frees are NULL; back is NULL. */
Frame *frame_alloc(CodeObj *co, Obj *func, Obj *globals, Obj *builtins, Obj *locals, bool on_heap);
/* Fast path of frame_alloc for a function frame (locals NULL, not on the heap). */
static inline __attribute__((always_inline)) Frame *frame_alloc_func(CodeObj *co, Obj *func, Obj *globals, Obj *builtins) {
    int nlp = code_nlocalsplus(co);
    size_t cls = (frame_bytes_for(co, nlp) + FRAME_CLASS_BYTES - 1) / FRAME_CLASS_BYTES;
    GCHead *g;
    if (VT_UNLIKELY(cls >= FRAME_CLASSES || !(g = vm_frame_free.head[cls])))
        return frame_alloc(co, func, globals, builtins, NULL, false);
    vm_frame_free.head[cls] = g->next;
    vm_frame_free.count[cls]--;
    g->next = NULL;
    Frame *f = (Frame *)GC_OBJ(g);
    f->ob.refcnt = 1;
    f->ob.flags = OBJ_FLAG_GC;
    f->back = NULL;
    f->code = co;
    INCREF((Obj *)co);
    f->func = func;
    f->globals = globals;
    f->builtins = builtins;
    f->locals = NULL;
    f->lasti = -1;
    f->stack_top = 0;
    f->block_top = 0;
    f->blocks = (Block *)(f->localsplus + nlp + co->stacksize);
    f->gen = NULL;
    f->on_heap = false;
    f->executing = false;
    for (int i = 0; i < nlp; i++) f->localsplus[i] = NULL;
    return f;
}
/* Release a function frame whose activation ended: the free-list fast path when nothing
 * else references it, else an ordinary DECREF (escaping frames get tracked). */
void frame_release_slow(Frame *f);
static inline __attribute__((always_inline)) void frame_release(Frame *f) {
    if (VT_LIKELY(f->ob.refcnt == 1 && !(f->ob.flags & OBJ_FLAG_WATCHED) && f->func && !f->locals)) {
        CodeObj *co = f->code;
        int nlp = code_nlocalsplus(co);
        size_t cls = (frame_bytes_for(co, nlp) + FRAME_CLASS_BYTES - 1) / FRAME_CLASS_BYTES;
        if (VT_LIKELY(cls < FRAME_CLASSES && vm_frame_free.count[cls] < FRAME_FREE_MAX &&
                      !gc_is_tracked((Obj *)f))) {
            f->ob.refcnt = 0;
            Obj **lp = f->localsplus;
            int n = nlp + f->stack_top;
            for (int i = 0; i < n; i++) {
                Obj *v = lp[i];
                if (v) { lp[i] = NULL; DECREF(v); }
            }
            f->stack_top = 0;
            Obj *func = f->func;
            Frame *back = f->back;
            f->back = NULL;
            GCHead *g = GC_HEAD((Obj *)f);
            g->next = vm_frame_free.head[cls];
            vm_frame_free.head[cls] = g;
            vm_frame_free.count[cls]++;
            DECREF(func);
            DECREF((Obj *)co);
            if (back) DECREF((Obj *)back);
            return;
        }
    }
    frame_release_slow(f);
}
/* Make f survive its activation: called when a frame that someone else still references
 * (traceback, generator) exits; tracks it for the GC. */
void frame_escape(Frame *f);
/* Builtins dict for a globals dict (globals["__builtins__"], module or dict; else interp's). */
Obj *frame_builtins_for(Obj *globals);

/* ---- calls (vm/call.c) ---- */
/* Bind vectorcall arguments into f's localsplus following CPython's rules and messages
 * (borrows the arguments), create the cells, copy the closure. 0 or -1. */
int vm_bind_args(Frame *f, Obj *func, Obj *const *args, size_t nargs, Obj *kwnames);
/* Create the generator/coroutine/async generator for a frame whose code has such a flag
 * (steals the frame). */
Obj *gen_new_from_frame(Frame *f, Obj *func);
/* "f()"-style description used in argument errors: "__main__.f()" / "print()". */
Obj *vm_func_description(Obj *func);

/* ---- evaluation (vm/eval.c) ---- */
/* Run frame f (already bound) in this thread until it returns or (generators) yields.
 * throwflag: an exception is set and must be raised at the resume point. */
Obj *vm_eval_frame(ThreadState *ts, Frame *f, int throwflag, bool *returned);

/* ---- slow paths (vm/eval_helpers.c) ---- */
int eh_unpack_iterable(Obj *v, int before, int after, Obj **sp_top);
int eh_check_exc_match(Obj *cls);
int eh_check_eg_match(Obj *eg, Obj *cls, Obj **rest, Obj **match);
Obj *eh_prep_reraise_star(Obj *orig, Obj *excs);
int eh_do_raise(ThreadState *ts, Obj *exc, Obj *cause);   /* always -1; 0: bare reraise set */
Obj *eh_format_value(Obj *v, int conv, Obj *spec);
Obj *eh_build_string(Obj **items, size_t n);
Obj *eh_import_from(Obj *module, Obj *name);
int eh_import_star(Frame *f, Obj *module);
int eh_dict_merge(Obj *func, Obj *dict, Obj *update);
int eh_dict_update(Obj *dict, Obj *update);
int eh_list_extend(Obj *list, Obj *it);
Obj *eh_call_ex(Obj *callable, Obj *self, Obj *args, Obj *kwargs);
/* Bind (self, *args tuple, **kwargs dict) into a new function frame f; 0 or -1. */
int eh_bind_ex(Frame *f, Obj *func, Obj *self, Obj *args, Obj *kwargs);
Obj *eh_before_with(Obj *mgr, Obj **exit_out, bool async);
Obj *eh_get_awaitable(Obj *o, int where);
Obj *eh_get_aiter(Obj *o);
Obj *eh_get_anext(Obj *aiter);
Obj *eh_get_yield_from_iter(Obj *o);
Obj *eh_stop_iteration_value(void);    /* fetch a pending StopIteration's value (NULL + error otherwise) */
Obj *eh_load_name_error(Obj *name);    /* NameError "name 'x' is not defined" */
Obj *eh_unbound_local(CodeObj *co, int i);
Obj *eh_unbound_deref(CodeObj *co, int i);
int eh_setup_annotations(Obj *locals);
int eh_print_expr(Obj *v);
Obj *eh_make_function(Obj *code, Obj *globals, Obj **extras, int flags);

/* ---- generators (runtime/generator.c) ---- */
typedef struct GenObj {
    Obj ob;
    Frame *frame;        /* NULL once finished */
    Obj *name, *qualname, *code;
    Obj *exc_state;      /* exception being handled inside the generator while suspended */
    Obj *weaklist;
    Obj *finalizer;      /* async generators: reserved for asyncio hooks */
    Obj *resume_outer;   /* while running: the caller's handled exception (borrowed), which
                          * the generator's own "no exception" falls back to, as in CPython's
                          * chained exc_info */
    bool running;
    bool closed;         /* async generators: aclose() done */
    bool hooks_inited;
    int8_t state;        /* 0 created, 1 suspended, 2 running, 3 finished */
} GenObj;
/* Send a value into (or throw the current exception into, when exc) a generator-like object.
 * Returns the yielded value (*returned false), the return value (*returned true), or NULL. */
Obj *gen_send_ex(Obj *gen, Obj *value, bool exc, bool *returned);
/* The object a suspended generator delegates to (yield from / await), borrowed or NULL. */
Obj *gen_yieldfrom(GenObj *g);
/* Wrap a value yielded by an async generator (ASYNC_GEN_WRAP). */
Obj *async_gen_wrap(Obj *v);
#define GEN_CHECK(o) (!IS_SMALL(o) && ((o)->type == &Type_generator || (o)->type == &Type_coroutine))

/* ---- C stack guard (vm/breaker.c) ---- */
/* 1 when the C stack is nearly exhausted (RecursionError must be raised). */
int vm_c_stack_low(void);

/* The type of functions' vectorcall (runtime/function.c). */
Obj *function_vectorcall(Obj *func, Obj *const *args, size_t nargs, Obj *kwnames);

#endif
