/* frame.c: frame allocation (a per-thread free list of size classes, so that calls do not
 * malloc), frame release, and the Python-level frame type (f_back, f_code, f_locals...). */
#include <string.h>
#include "eval_internal.h"
#include "gc.h"

_Thread_local FrameFreeList vm_frame_free;
#define frame_free vm_frame_free

static size_t frame_bytes(CodeObj *co) {
    return frame_bytes_for(co, code_nlocalsplus(co));
}

Obj *frame_builtins_for(Obj *globals) {
    Obj *b = DICT_CHECK(globals) ? dict_get(globals, NAME(__builtins__)) : NULL;
    if (b) {
        if (TYPE(b) == &Type_module) return MODULE_DICT(b);
        if (DICT_CHECK(b)) return b;
    }
    return vm_interp()->builtins;
}

/* Contract: see eval_internal.h. */
Frame *frame_alloc(CodeObj *co, Obj *func, Obj *globals, Obj *builtins, Obj *locals, bool on_heap) {
    size_t bytes = frame_bytes(co);
    size_t cls = (bytes + FRAME_CLASS_BYTES - 1) / FRAME_CLASS_BYTES;
    GCHead *g;
    if (cls < FRAME_CLASSES && frame_free.head[cls]) {
        g = frame_free.head[cls];
        frame_free.head[cls] = g->next;
        frame_free.count[cls]--;
    } else {
        g = vt_malloc(cls < FRAME_CLASSES ? cls * FRAME_CLASS_BYTES : bytes);
        if (!g) { XDECREF(func); return NULL; }
    }
    g->next = g->prev = NULL;
    g->gc_refs = 0;
    Frame *f = (Frame *)GC_OBJ(g);
    f->ob.refcnt = 1;
    f->ob.flags = OBJ_FLAG_GC;
    f->ob.type = &Type_frame;
    f->back = NULL;
    f->code = co;
    INCREF((Obj *)co);
    f->func = func;
    if (func) {
        /* borrowed through the function, which the frame owns */
        f->globals = globals;
        f->builtins = builtins;
    } else {
        f->globals = NEWREF(globals);
        f->builtins = NEWREF(builtins);
    }
    f->locals = locals;
    XINCREF(locals);
    f->lasti = -1;
    f->stack_top = 0;
    f->block_top = 0;
    int nlp = code_nlocalsplus(co);
    f->blocks = (Block *)(f->localsplus + nlp + co->stacksize);
    f->gen = NULL;
    f->on_heap = on_heap;
    f->executing = false;
    memset(f->localsplus, 0, (size_t)nlp * sizeof(Obj *));
    return f;
}

void frame_escape(Frame *f) {
    if (!f->on_heap) {
        f->on_heap = true;
        if (!gc_is_tracked((Obj *)f)) gc_track((Obj *)f);
    }
}

static void frame_clear_contents(Frame *f) {
    int n = code_nlocalsplus(f->code) + f->stack_top;
    for (int i = 0; i < n; i++) CLEAR(f->localsplus[i]);
    f->stack_top = 0;
}

static void frame_dealloc(Obj *o) {
    Frame *f = (Frame *)o;
    if (gc_is_tracked(o)) gc_untrack(o);
    frame_clear_contents(f);
    CodeObj *co = f->code;
    if (f->func) {
        DECREF(f->func);
    } else {
        XDECREF(f->globals);
        XDECREF(f->builtins);
    }
    XDECREF(f->locals);
    Frame *back = f->back;
    f->back = NULL;
    size_t bytes = frame_bytes(co);
    DECREF((Obj *)co);
    size_t cls = (bytes + FRAME_CLASS_BYTES - 1) / FRAME_CLASS_BYTES;
    GCHead *g = GC_HEAD(o);
    if (cls < FRAME_CLASSES && frame_free.count[cls] < FRAME_FREE_MAX) {
        g->next = frame_free.head[cls];
        frame_free.head[cls] = g;
        frame_free.count[cls]++;
    } else {
        vt_free(g);
    }
    /* a long f_back chain kept by a traceback would recurse once per frame: unlink the
     * frames that die with this one iteratively */
    while (back && back->ob.refcnt == 1 && !(back->ob.flags & OBJ_FLAG_WATCHED)) {
        Frame *next = back->back;
        back->back = NULL;
        DECREF((Obj *)back);
        back = next;
    }
    if (back) DECREF((Obj *)back);
}

static int frame_traverse(Obj *o, visitproc visit, void *arg) {
    Frame *f = (Frame *)o;
    int n = code_nlocalsplus(f->code);
    /* while executing, the value stack is not in sync: its items count as external refs */
    if (!f->executing) n += f->stack_top;
    for (int i = 0; i < n; i++)
        if (f->localsplus[i] && visit(f->localsplus[i], arg) < 0) return -1;
    if (f->back && visit((Obj *)f->back, arg) < 0) return -1;
    if (f->func && visit(f->func, arg) < 0) return -1;
    if (f->locals && visit(f->locals, arg) < 0) return -1;
    return 0;
}

static int frame_clear_slot(Obj *o) {
    Frame *f = (Frame *)o;
    if (f->executing) return 0;
    frame_clear_contents(f);
    /* a cleared generator frame must never be resumed: mark it as not started */
    f->block_top = 0;
    f->lasti = -1;
    CLEAR(f->locals);
    return 0;
}

/* ---- Python-level attributes ---- */

static Obj *f_back(Obj *o) {
    Frame *f = ((Frame *)o)->back;
    return f ? NEWREF((Obj *)f) : NEWREF(V_None);
}
static Obj *f_code(Obj *o) { return NEWREF((Obj *)((Frame *)o)->code); }
static Obj *f_globals(Obj *o) { return NEWREF(((Frame *)o)->globals); }
static Obj *f_builtins(Obj *o) { return NEWREF(((Frame *)o)->builtins); }
static Obj *f_lineno(Obj *o) {
    Frame *f = (Frame *)o;
    int line = f->lasti < 0 ? f->code->firstlineno : code_line_of(f->code, (size_t)f->lasti);
    if (line < 0) RETURN_NONE;
    return MAKE_SMALL(line);
}
static Obj *f_lasti(Obj *o) {
    Frame *f = (Frame *)o;
    return MAKE_SMALL(f->lasti < 0 ? -1 : f->lasti * 2);
}
static Obj *f_trace(Obj *o) { RETURN_NONE; }

/* f_locals: the locals mapping of module/class frames; a fresh dict snapshot of fast locals,
 * cells and free variables for function frames. */
static Obj *f_locals(Obj *o) {
    Frame *f = (Frame *)o;
    if (f->locals) return NEWREF(f->locals);
    CodeObj *co = f->code;
    Obj *d = dict_new();
    if (!d) return NULL;
    for (int i = 0; i < co->nlocals; i++) {
        Obj *v = f->localsplus[i];
        if (v && dict_set(d, TUPLE_GET(co->varnames, i), v) < 0) goto fail;
    }
    size_t ncells = CODE_NCELLS(co), nfrees = CODE_NFREES(co);
    for (size_t i = 0; i < ncells + nfrees; i++) {
        Obj *cell = f->localsplus[co->nlocals + i];
        if (!cell || TYPE(cell) != &Type_cell) continue;
        Obj *v = ((CellObj *)cell)->ref;
        Obj *name = i < ncells ? TUPLE_GET(co->cellvars, i) : TUPLE_GET(co->freevars, i - ncells);
        if (v && dict_set(d, name, v) < 0) goto fail;
    }
    return d;
fail:
    DECREF(d);
    return NULL;
}

static Obj *frame_repr(Obj *o) {
    Frame *f = (Frame *)o;
    int line = f->lasti < 0 ? f->code->firstlineno : code_line_of(f->code, (size_t)f->lasti);
    return str_from_format("<frame at %p, file %R, line %d, code %U>", (void *)o,
                           f->code->filename, line, f->code->name);
}

static Obj *frame_clear_method(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    Frame *f = (Frame *)self;
    if (f->executing) return err_set_str(Exc_RuntimeError, "cannot clear an executing frame");
    if (f->gen) return err_set_str(Exc_RuntimeError, "cannot clear a suspended frame");
    frame_clear_contents(f);
    RETURN_NONE;
}

static const GetSetDef frame_getset[] = {
    {"f_back", f_back, NULL, NULL},
    {"f_code", f_code, NULL, NULL},
    {"f_globals", f_globals, NULL, NULL},
    {"f_builtins", f_builtins, NULL, NULL},
    {"f_locals", f_locals, NULL, NULL},
    {"f_lineno", f_lineno, NULL, NULL},
    {"f_lasti", f_lasti, NULL, NULL},
    {"f_trace", f_trace, NULL, NULL},
    {NULL},
};

static const MethodDef frame_methods[] = {
    {"clear", frame_clear_method, METH_NOARGS, NULL},
    {NULL},
};

Type Type_frame = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "frame",
    .basicsize = sizeof(Frame),
    .itemsize = sizeof(Obj *),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = frame_dealloc,
    .traverse = frame_traverse,
    .clear = frame_clear_slot,
    .repr = frame_repr,
    .getset = frame_getset,
    .methods = frame_methods,
};

void frame_release_slow(Frame *f) {
    if (f->ob.refcnt > 1) frame_escape(f);
    DECREF((Obj *)f);
}
