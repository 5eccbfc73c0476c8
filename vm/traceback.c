/* traceback.c: traceback objects (tb_next, tb_frame, tb_lasti, tb_lineno) and
 * traceback_add_frame, which the VM calls for each frame an exception passes through. */
#include "eval_internal.h"
#include "gc.h"

static Obj *tb_create(Obj *next, Frame *frame, int lasti) {
    TracebackObj *tb = (TracebackObj *)gc_alloc(&Type_traceback, sizeof(TracebackObj));
    if (!tb) return NULL;
    tb->next = next;
    XINCREF(next);
    tb->frame = frame;
    INCREF((Obj *)frame);
    tb->lasti = lasti;
    tb->lineno = lasti >= 0 ? code_line_of(frame->code, (size_t)lasti) : frame->code->firstlineno;
    gc_track((Obj *)tb);
    return (Obj *)tb;
}

/* Contract: errors.h. Prepends an entry for `frame` at frame->lasti to the current
 * exception's __traceback__. */
int traceback_add_frame(Obj *frame) {
    ThreadState *ts = vm_ts();
    Obj *exc = ts->curexc;
    if (!exc || !EXC_CHECK(exc)) return 0;
    Frame *f = (Frame *)frame;
    ExcObj *e = (ExcObj *)exc;
    Obj *tb = tb_create(e->traceback, f, f->lasti);
    if (!tb) return -1;
    Obj *old = e->traceback;
    e->traceback = tb;
    XDECREF(old);
    return 0;
}

static void tb_dealloc(Obj *o) {
    TracebackObj *tb = (TracebackObj *)o;
    gc_untrack(o);
    /* iterative over tb_next to avoid deep C recursion on long chains */
    Obj *next = tb->next;
    tb->next = NULL;
    XDECREF((Obj *)tb->frame);
    obj_free(o);
    while (next && !IS_SMALL(next) && next->type == &Type_traceback && next->refcnt == 1) {
        TracebackObj *n = (TracebackObj *)next;
        Obj *nn = n->next;
        n->next = NULL;
        DECREF(next);
        next = nn;
    }
    XDECREF(next);
}

static int tb_traverse(Obj *o, visitproc visit, void *arg) {
    TracebackObj *tb = (TracebackObj *)o;
    if (tb->next && visit(tb->next, arg) < 0) return -1;
    if (tb->frame && visit((Obj *)tb->frame, arg) < 0) return -1;
    return 0;
}

static int tb_clear(Obj *o) {
    TracebackObj *tb = (TracebackObj *)o;
    CLEAR(tb->next);
    Frame *f = tb->frame;
    tb->frame = NULL;
    XDECREF((Obj *)f);
    return 0;
}

static Obj *tb_get_next(Obj *o) {
    Obj *n = ((TracebackObj *)o)->next;
    return NEWREF(n ? n : V_None);
}
static int tb_set_next(Obj *o, Obj *v) {
    if (!v) return err_set_str(Exc_TypeError, "can't delete tb_next attribute"), -1;
    if (v == V_None) v = NULL;
    else if (TYPE(v) != &Type_traceback) {
        err_format(Exc_TypeError, "expected traceback object or None, got '%T'", v);
        return -1;
    }
    for (Obj *c = v; c; c = ((TracebackObj *)c)->next)
        if (c == o) return err_set_str(Exc_ValueError, "traceback loop detected"), -1;
    XINCREF(v);
    SETREF(((TracebackObj *)o)->next, v);
    return 0;
}
static Obj *tb_get_frame(Obj *o) {
    Frame *f = ((TracebackObj *)o)->frame;
    return NEWREF(f ? (Obj *)f : V_None);
}
static Obj *tb_get_lasti(Obj *o) { return MAKE_SMALL(((TracebackObj *)o)->lasti * 2); }
static Obj *tb_get_lineno(Obj *o) {
    int l = ((TracebackObj *)o)->lineno;
    if (l < 0) RETURN_NONE;
    return MAKE_SMALL(l);
}

/* types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno) */
static Obj *tb_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"tb_next", "tb_frame", "tb_lasti", "tb_lineno"};
    Obj *a[4];
    if (args_parse("TracebackType", args, nargs, kwnames, names, 4, 4, 4, a) < 0) return NULL;
    if (a[0] != V_None && TYPE(a[0]) != &Type_traceback)
        return err_format(Exc_TypeError, "expected traceback object or None, got '%T'", a[0]);
    if (TYPE(a[1]) != &Type_frame)
        return err_format(Exc_TypeError, "TracebackType() argument 'tb_frame' must be frame, not %T", a[1]);
    int64_t lasti = obj_as_index_i64(a[2], Exc_OverflowError);
    if (lasti == -1 && err_occurred()) return NULL;
    int64_t lineno = obj_as_index_i64(a[3], Exc_OverflowError);
    if (lineno == -1 && err_occurred()) return NULL;
    TracebackObj *tb = (TracebackObj *)tb_create(a[0] == V_None ? NULL : a[0], (Frame *)a[1], (int)(lasti / 2));
    if (tb) tb->lineno = (int)lineno;
    return (Obj *)tb;
}

static const GetSetDef tb_getset[] = {
    {"tb_next", tb_get_next, tb_set_next, NULL},
    {"tb_frame", tb_get_frame, NULL, NULL},
    {"tb_lasti", tb_get_lasti, NULL, NULL},
    {"tb_lineno", tb_get_lineno, NULL, NULL},
    {NULL},
};

Type Type_traceback = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "traceback",
    .basicsize = sizeof(TracebackObj),
    .flags = TPFLAG_HAVE_GC,
    .dealloc = tb_dealloc,
    .traverse = tb_traverse,
    .clear = tb_clear,
    .new = tb_new,
    .getset = tb_getset,
};
