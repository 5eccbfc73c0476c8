/* trace_refs.c: reference-count events for objects the user asked to watch
 * (vitrine.watch(obj, name)). INCREF/DECREF call trace_ref_change only for objects carrying
 * OBJ_FLAG_WATCHED, so unwatched objects pay one predictable branch.
 *
 * Event lines (kind "refs"):
 *   incref NAME refcount=N FILE:LINE      the source line whose execution took the reference
 *   decref NAME refcount=N FILE:LINE
 *   dealloc NAME (TYPE) freed by refcounting FILE:LINE
 *   dealloc NAME (TYPE) freed by the cycle collector
 * FILE:LINE is the innermost executing Python frame ("<C>" when none, e.g. at shutdown). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace.h"
#include "trace_refs.h"
#include "vm.h"
#include "code.h"
#include "errors.h"
#include "types.h"

int trace_refs_in_collector;

/* Names of watched objects, keyed by address. Students watch a handful of objects, so a small
 * array searched linearly is simplest; an entry is removed when its object dies. */
#define NAME_MAX_LEN 64
typedef struct Watched {
    Obj *obj;
    char name[NAME_MAX_LEN];
} Watched;
static Watched *watched;
static size_t n_watched, cap_watched;

static Watched *find(Obj *o) {
    for (size_t i = 0; i < n_watched; i++)
        if (watched[i].obj == o) return &watched[i];
    return NULL;
}

static void forget(Obj *o) {
    Watched *w = find(o);
    if (w) *w = watched[--n_watched];
}

/* Contract: trace_refs.h. */
int trace_refs_watch(Obj *o, const char *name) {
    Watched *w = find(o);
    if (!w) {
        if (n_watched == cap_watched) {
            size_t cap = cap_watched ? cap_watched * 2 : 8;
            Watched *nw = realloc(watched, cap * sizeof *nw);
            if (!nw) { err_no_memory(); return -1; }
            watched = nw;
            cap_watched = cap;
        }
        w = &watched[n_watched++];
        w->obj = o;
    }
    snprintf(w->name, sizeof w->name, "%s", name ? name : TYPE(o)->name);
    o->flags |= OBJ_FLAG_WATCHED;
    return 0;
}

/* Contract: trace_refs.h. */
void trace_refs_unwatch(Obj *o) {
    o->flags &= ~(uint32_t)OBJ_FLAG_WATCHED;
    forget(o);
}

static const char *name_of(Obj *o) {
    Watched *w = find(o);
    return w ? w->name : o->type->name;
}

/* The Python source line responsible for what happens now: the innermost executing frame. */
static void where(char *buf, size_t size) {
    ThreadState *ts = vm_ts();
    Frame *f = ts ? ts->frame : NULL;
    if (!f || !f->code) { snprintf(buf, size, "<C>"); return; }
    int line = code_line_of(f->code, (size_t)(f->lasti < 0 ? 0 : f->lasti));
    snprintf(buf, size, "%s:%d", str_cstr(f->code->filename), line);
}

void trace_ref_change(Obj *o, int delta) {
    if (!TRACE_ON(TRACE_REFS)) return;
    /* On decrement the count is reported after the change, as the user sees it. */
    uint32_t after = delta > 0 ? o->refcnt : o->refcnt - 1;
    char loc[256];
    where(loc, sizeof loc);
    trace_emitf(TRACE_REFS, "%s %s refcount=%u %s", delta > 0 ? "incref" : "decref",
                name_of(o), after, loc);
}

/* Contract: trace_refs.h. The flag is dropped first: a dealloc that briefly takes references
 * to the dying object (finalizers) must not report a count on a half-destroyed object. */
void trace_refs_dealloc(Obj *o) {
    o->flags &= ~(uint32_t)OBJ_FLAG_WATCHED;
    if (TRACE_ON(TRACE_REFS)) {
        if (trace_refs_in_collector) {
            trace_emitf(TRACE_REFS, "dealloc %s (%s) freed by the cycle collector",
                        name_of(o), o->type->name);
        } else {
            char loc[256];
            where(loc, sizeof loc);
            trace_emitf(TRACE_REFS, "dealloc %s (%s) freed by refcounting %s",
                        name_of(o), o->type->name, loc);
        }
    }
    forget(o);
}
