/* alloc.c: object allocation (plain and GC-headed), malloc wrappers, dealloc dispatch and fatal errors. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "object.h"
#include "errors.h"
#include "gc.h"

/* Allocate a zeroed non-container object of `size` bytes. */
Obj *obj_alloc(Type *type, size_t size) {
    Obj *o = calloc(1, size);
    if (VT_UNLIKELY(!o)) return err_no_memory();
    o->refcnt = 1;
    o->type = type;
    return o;
}

/* Allocate a zeroed container object preceded by an (untracked) GCHead. */
Obj *gc_alloc(Type *type, size_t size) {
    GCHead *g = calloc(1, sizeof(GCHead) + size);
    if (VT_UNLIKELY(!g)) return err_no_memory();
    Obj *o = GC_OBJ(g);
    o->refcnt = 1;
    o->flags = OBJ_FLAG_GC;
    o->type = type;
    gc_note_alloc();
    return o;
}

/* Release an object's memory; the GCHead (if any) is where the block starts. */
void obj_free(Obj *o) {
    if (o->flags & OBJ_FLAG_GC) {
        gc_note_free();
        free(GC_HEAD(o));
    } else {
        free(o);
    }
}

/* Instance allocation for a type's basicsize (+ items); heap types are kept alive by instances. */
Obj *type_generic_alloc(Type *type, size_t nitems) {
    size_t size = type->basicsize + nitems * type->itemsize;
    /* keep room for alignment of variable-size tails */
    size = (size + 7) & ~(size_t)7;
    Obj *o = TYPE_HAS_FLAG(type, TPFLAG_HAVE_GC) ? gc_alloc(type, size) : obj_alloc(type, size);
    if (o && IS_HEAP_TYPE(type)) INCREF((Obj *)type);
    return o;
}

void *vt_malloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) err_no_memory();
    return p;
}

void *vt_calloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) err_no_memory();
    return p;
}

void *vt_realloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) err_no_memory();
    return q;
}

void vt_free(void *p) { free(p); }

/* Refcount reached zero: run the type's dealloc (which frees), or free directly. */
void obj_dealloc(Obj *v) {
    Type *t = v->type;
    if (VT_UNLIKELY(v->flags & OBJ_FLAG_IMMORTAL)) {
        v->refcnt = IMMORTAL_REFCNT;   /* static objects never die */
        return;
    }
    if (t->dealloc) {
        t->dealloc(v);
    } else {
        obj_free(v);
        if (IS_HEAP_TYPE(t)) DECREF((Obj *)t);
    }
}

void vt_fatal(const char *fmt, ...) {
    va_list ap;
    fflush(stdout);
    fputs("Fatal Python error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

void vt_assert_fail(const char *cond, const char *msg, const char *file, int line) {
    fflush(stdout);
    fprintf(stderr, "%s:%d: assertion failed: %s (%s)\n", file, line, cond, msg ? msg : "");
    abort();
}
