/* alloc.c: object allocation (plain and GC-headed) from a size-class pool allocator, malloc
 * wrappers, dealloc dispatch and fatal errors.
 *
 * Small objects (blocks up to POOL_MAX_BLOCK bytes, GCHead included) come from 16 KiB pages
 * carved out of one contiguous virtual reservation; each page serves a single size class, and
 * freed blocks go onto a per-class free list, so object churn never reaches malloc and never
 * returns memory to the OS (which made glibc trim and re-fault the heap constantly). The page
 * -> size-class table lets obj_free/vt_free/vt_realloc recognise pool blocks by address alone.
 * Under AddressSanitizer the pool is compiled out so use-after-free is still caught. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <gmp.h>
#include "object.h"
#include "errors.h"
#include "gc.h"
#include "types.h"
#include "trace_refs.h"

#if defined(__SANITIZE_ADDRESS__)
#define VT_NO_POOL 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VT_NO_POOL 1
#endif
#endif

#ifndef VT_NO_POOL
#define POOL_GRAIN 16                       /* block sizes are multiples of this */
#define POOL_MAX_BLOCK 512                  /* larger blocks use malloc */
#define POOL_NCLASSES (POOL_MAX_BLOCK / POOL_GRAIN)
#define POOL_PAGE_SHIFT 14                  /* 16 KiB pages, one size class each */
#define POOL_PAGE ((size_t)1 << POOL_PAGE_SHIFT)
#define POOL_COMMIT ((size_t)2 << 20)       /* the reservation is made usable 2 MiB at a time */

typedef struct FreeBlock { struct FreeBlock *next; } FreeBlock;

static char *pool_base;          /* start of the reservation (NULL: pool unavailable) */
static size_t pool_reserved;     /* bytes reserved */
static size_t pool_committed;    /* bytes at the start of the reservation that are usable */
static size_t pool_used;         /* bytes handed out as pages */
static uint8_t *page_class;      /* per page: size class + 1 (0: not a pool page) */
static bool pool_tried;
static FreeBlock *free_lists[POOL_NCLASSES];
static char *bump_ptr[POOL_NCLASSES], *bump_end[POOL_NCLASSES];

/* Reserve address space once; PROT_NONE reservations cost no memory and no commit charge. */
static void pool_init(void) {
    pool_tried = true;
    static const size_t tries[] = {(size_t)16 << 30, (size_t)4 << 30, (size_t)1 << 30};
    for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) {
        size_t size = tries[i] + POOL_COMMIT;   /* room to align the start to a huge page */
        void *p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) continue;
        page_class = calloc(tries[i] >> POOL_PAGE_SHIFT, 1);
        if (!page_class) { munmap(p, size); return; }
        pool_base = (char *)(((uintptr_t)p + POOL_COMMIT - 1) & ~(uintptr_t)(POOL_COMMIT - 1));
        pool_reserved = tries[i];
        return;
    }
}

/* A fresh page for class c; false when the reservation is exhausted (callers fall back). */
static bool pool_new_page(unsigned c) {
    if (VT_UNLIKELY(!pool_tried)) pool_init();
    if (!pool_base || pool_used + POOL_PAGE > pool_reserved) return false;
    if (pool_used + POOL_PAGE > pool_committed) {
        if (mprotect(pool_base + pool_committed, POOL_COMMIT, PROT_READ | PROT_WRITE) != 0)
            return false;
#ifdef MADV_POPULATE_WRITE
        /* one call instead of 512 page faults as the heap grows (fails harmlessly before 5.14) */
        madvise(pool_base + pool_committed, POOL_COMMIT, MADV_POPULATE_WRITE);
#endif
        pool_committed += POOL_COMMIT;
    }
    char *page = pool_base + pool_used;
    page_class[pool_used >> POOL_PAGE_SHIFT] = (uint8_t)(c + 1);
    pool_used += POOL_PAGE;
    bump_ptr[c] = page;
    bump_end[c] = page + POOL_PAGE - POOL_PAGE % ((c + 1) * POOL_GRAIN);
    return true;
}

static inline bool in_pool(const void *p) {
    return (size_t)((const char *)p - pool_base) < pool_used;
}

static inline size_t pool_block_size(const void *p) {
    return (size_t)page_class[(size_t)((const char *)p - pool_base) >> POOL_PAGE_SHIFT] * POOL_GRAIN;
}

/* An uninitialised block of at least n bytes (n <= POOL_MAX_BLOCK), or NULL. */
static inline void *pool_alloc_raw(size_t n) {
    unsigned c = (unsigned)((n + POOL_GRAIN - 1) / POOL_GRAIN) - 1;
    FreeBlock *b = free_lists[c];
    if (VT_LIKELY(b != NULL)) {
        free_lists[c] = b->next;
        return b;
    }
    if (bump_ptr[c] == bump_end[c] && !pool_new_page(c)) return malloc((size_t)(c + 1) * POOL_GRAIN);
    void *p = bump_ptr[c];
    bump_ptr[c] += (size_t)(c + 1) * POOL_GRAIN;
    return p;
}

/* A zeroed block of at least n bytes (n <= POOL_MAX_BLOCK), or NULL without an exception. */
static inline void *pool_alloc(size_t n) {
    void *p = pool_alloc_raw(n);
    if (VT_LIKELY(p != NULL)) memset(p, 0, n);
    return p;
}

static inline void pool_free(void *p) {
    unsigned c = page_class[(size_t)((char *)p - pool_base) >> POOL_PAGE_SHIFT] - 1u;
    FreeBlock *b = p;
    b->next = free_lists[c];
    free_lists[c] = b;
}

/* Any block from this file: pool blocks go back to their free list, others to free(). */
static inline void block_free(void *p) {
    if (in_pool(p)) pool_free(p);
    else free(p);
}

static inline void *block_alloc(size_t n) {
    if (n - 1 < POOL_MAX_BLOCK) return pool_alloc(n);
    return calloc(1, n);
}

/* GMP limb arrays of big ints churn as much as the IntObjs holding them: serve them from the
 * pool too. GMP aborts on allocation failure, as it would with its default functions. */
static void *gmp_alloc(size_t n) {
    void *p = n - 1 < POOL_MAX_BLOCK ? pool_alloc_raw(n) : malloc(n);
    if (!p) vt_fatal("out of memory in GMP");
    return p;
}

static void *gmp_realloc(void *p, size_t old, size_t n) {
    (void)old;
    void *q;
    if (in_pool(p)) {
        size_t have = pool_block_size(p);
        if (n <= have) return p;
        q = gmp_alloc(n);
        memcpy(q, p, have);
        pool_free(p);
        return q;
    }
    q = realloc(p, n);
    if (!q) vt_fatal("out of memory in GMP");
    return q;
}

static void gmp_free(void *p, size_t n) {
    (void)n;
    block_free(p);
}

/* Installed before main(): blocks GMP got from malloc earlier would still be freed correctly,
 * since block_free/gmp_realloc recognise pool blocks by address. */
__attribute__((constructor)) static void gmp_use_pool(void) {
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
}
#else
static inline void block_free(void *p) { free(p); }
static inline void *block_alloc(size_t n) { return calloc(1, n); }
#endif

/* Allocate a zeroed non-container object of `size` bytes. */
Obj *obj_alloc(Type *type, size_t size) {
    Obj *o = block_alloc(size);
    if (VT_UNLIKELY(!o)) return err_no_memory();
    o->refcnt = 1;
    o->type = type;
#ifndef VT_NO_POOL
    /* str_append_inplace grows exact strs with a raw realloc() unless flags != 0 */
    if (type == &Type_str && in_pool(o)) o->flags = OBJ_FLAG_POOLED;
#endif
    return o;
}

/* Allocate a zeroed container object preceded by an (untracked) GCHead. */
Obj *gc_alloc(Type *type, size_t size) {
    GCHead *g = block_alloc(sizeof(GCHead) + size);
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
        block_free(GC_HEAD(o));
    } else {
        block_free(o);
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

/* Also accepts object blocks from the pool (moving them to malloc when they grow). */
void *vt_realloc(void *p, size_t n) {
#ifndef VT_NO_POOL
    if (p && in_pool(p)) {
        size_t old = pool_block_size(p);
        if (n <= old) return p;
        void *q = malloc(n);
        if (!q) { err_no_memory(); return NULL; }
        memcpy(q, p, old);
        pool_free(p);
        return q;
    }
#endif
    void *q = realloc(p, n ? n : 1);
    if (!q) err_no_memory();
    return q;
}

void vt_free(void *p) {
    if (p) block_free(p);
}

/* Refcount reached zero: run the type's dealloc (which frees), or free directly. */
void obj_dealloc(Obj *v) {
    Type *t = v->type;
    if (VT_UNLIKELY(v->flags & OBJ_FLAG_IMMORTAL)) {
        v->refcnt = IMMORTAL_REFCNT;   /* static objects never die */
        return;
    }
    if (VT_UNLIKELY(v->flags & OBJ_FLAG_WATCHED)) trace_refs_dealloc(v);   /* --trace=refs */
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
