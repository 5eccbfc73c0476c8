/* gc_collect.c: one collection of CPython 3.11's cycle collector (gc_collect_main).
 *
 * update_refs copies each candidate's refcount into gc_refs; subtract_refs removes the
 * references candidates hold to each other, leaving the count of references from outside;
 * move_unreachable keeps whatever is reachable from an object with outside references and
 * moves the rest to `unreachable`. Survivors are promoted. Then PEP 442 finalizers run (once
 * per object), reachability inside the garbage is recomputed (a finalizer may resurrect), and
 * what is still unreachable is broken up with each type's `clear`.
 *
 * Safety: untracked objects and references from C locals or VM value stacks are never
 * visited, so they count as outside references and keep their referents alive. gc_refs never
 * goes below zero, so a traverse function that visits too much can only make an object look
 * unreachable when no root reaches it either.
 *
 * gc_refs encoding (GCHead.gc_refs): 0 outside a collection; during one,
 * (count << 2) | GC_COLLECTING [| GC_UNREACHABLE while in the tentatively unreachable list].
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "gc_internal.h"
#include "vm.h"
#include "trace.h"
#include "objcore.h"
#include "weakref.h"
#include "trace_refs.h"

#define GC_COLLECTING 1
#define GC_UNREACHABLE 2
#define GC_REFS_ONE 4
#define REFS_COUNT(g) ((g)->gc_refs >> 2)

static void glist_init(GCHead *h) { h->next = h->prev = h; }
static bool glist_empty(GCHead *h) { return h->next == h; }

static void glist_remove(GCHead *g) {
    g->prev->next = g->next;
    g->next->prev = g->prev;
}

static void glist_append(GCHead *g, GCHead *list) {
    g->prev = list->prev;
    g->next = list;
    list->prev->next = g;
    list->prev = g;
}

static void glist_move(GCHead *g, GCHead *list) {
    glist_remove(g);
    glist_append(g, list);
}

static void glist_merge(GCHead *from, GCHead *to) {
    if (glist_empty(from)) return;
    GCHead *first = from->next, *last = from->prev;
    first->prev = to->prev;
    to->prev->next = first;
    last->next = to;
    to->prev = last;
    glist_init(from);
}

static intptr_t glist_size(GCHead *list) { return gc_list_size(list); }

/* The GCHead of a referent that belongs to the set being collected, or NULL. */
static inline GCHead *collecting_head(Obj *op) {
    if (!op || IS_SMALL(op) || !(op->flags & OBJ_FLAG_GC)) return NULL;
    GCHead *g = GC_HEAD(op);
    if (!g->next || !(g->gc_refs & GC_COLLECTING)) return NULL;
    return g;
}

/* ---- phase 1: gc_refs = refcount ---- */
static void update_refs(GCHead *list) {
    for (GCHead *g = list->next; g != list; g = g->next)
        g->gc_refs = ((intptr_t)GC_OBJ(g)->refcnt << 2) | GC_COLLECTING;
}

/* ---- phase 2: subtract internal references ---- */
/* VITRINE_GC_VERIFY=1 reports traverse functions that visit more references than the
 * referent's refcount accounts for (a traverse bug that could free live objects). */
static int verify_mode = -1;

static int visit_decref(Obj *op, void *arg) {
    GCHead *g = collecting_head(op);
    if (!g) return 0;
    if (REFS_COUNT(g) > 0) {
        g->gc_refs -= GC_REFS_ONE;
    } else if (VT_UNLIKELY(verify_mode > 0)) {
        Obj *from = arg;
        fprintf(stderr, "gc verify: %s %p visits %s %p more often than its refcount %u allows\n",
                TYPE(from)->name, (void *)from, TYPE(op)->name, (void *)op, op->refcnt);
    }
    return 0;
}

static void subtract_refs(GCHead *list) {
    if (VT_UNLIKELY(verify_mode < 0)) {
        const char *v = getenv("VITRINE_GC_VERIFY");
        verify_mode = v && *v && *v != '0';
    }
    for (GCHead *g = list->next; g != list; g = g->next) {
        Obj *op = GC_OBJ(g);
        traverseproc tr = TYPE(op)->traverse;
        if (tr) tr(op, visit_decref, op);
    }
}

/* ---- phase 3: move what no root reaches to `unreachable` ---- */
static int visit_reachable(Obj *op, void *arg) {
    GCHead *young = arg;
    GCHead *g = collecting_head(op);
    if (!g) return 0;
    if (g->gc_refs & GC_UNREACHABLE) {
        /* moved away too early: it is reachable after all; it will be scanned again */
        glist_move(g, young);
        g->gc_refs = GC_REFS_ONE | GC_COLLECTING;
    } else if (REFS_COUNT(g) == 0) {
        /* not scanned yet: make sure the scan sees it as reachable */
        g->gc_refs = GC_REFS_ONE | GC_COLLECTING;
    }
    return 0;
}

/* CPython's move_unreachable: one pass over `young`, where objects found reachable later are
 * appended to its tail and scanned again. Reachable objects end with gc_refs == 0. */
static void move_unreachable(GCHead *young, GCHead *unreachable) {
    GCHead *g = young->next;
    while (g != young) {
        if (REFS_COUNT(g) > 0) {
            Obj *op = GC_OBJ(g);
            traverseproc tr = TYPE(op)->traverse;
            if (tr) tr(op, visit_reachable, young);
            g->gc_refs = 0;   /* scanned: not a candidate any more */
            g = g->next;
        } else {
            GCHead *next = g->next;
            glist_move(g, unreachable);
            g->gc_refs = GC_UNREACHABLE | GC_COLLECTING;
            g = next;
        }
    }
}

/* ---- tuple and dict untracking (CPython's untrack_tuples / untrack_dicts) ---- */
static int visit_may_be_tracked(Obj *op, void *arg) {
    (void)arg;
    if (!op || IS_SMALL(op) || !(op->flags & OBJ_FLAG_GC)) return 0;
    if (op->type == &Type_tuple) return gc_is_tracked(op) ? 1 : 0;
    return 1;
}

static void untrack_tuples(GCHead *list) {
    GCHead *g = list->next;
    while (g != list) {
        GCHead *next = g->next;
        Obj *op = GC_OBJ(g);
        if (op->type == &Type_tuple) {
            bool complete = true;
            for (size_t i = 0; i < TUPLE_SIZE(op); i++)
                if (!TUPLE_GET(op, i)) { complete = false; break; }   /* still being built */
            if (complete && op->type->traverse(op, visit_may_be_tracked, NULL) == 0)
                gc_untrack(op);
        }
        g = next;
    }
}

static void untrack_dicts(GCHead *list) {
    GCHead *g = list->next;
    while (g != list) {
        GCHead *next = g->next;
        Obj *op = GC_OBJ(g);
        if (op->type == &Type_dict && op->type->traverse(op, visit_may_be_tracked, NULL) == 0)
            gc_untrack(op);
        g = next;
    }
}

/* ---- output helpers ---- */
static void write_stderr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void write_stderr(const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n >= sizeof buf) n = sizeof buf - 1;
    Obj *saved = err_fetch();
    Obj *f = sys_get_borrowed("stderr");
    if (f && f != V_None) {
        if (file_write_cstr(f, buf, (size_t)n) < 0) err_clear();
    } else if (!f) {
        err_clear();
        fputs(buf, stderr);
    }
    err_restore(saved);
}

static void debug_cycle(const char *msg, Obj *op) {
    write_stderr("gc: %s <%s %p>\n", msg, TYPE(op)->name, (void *)op);
}

/* 3.11 keeps instance attributes inline: a __dict__ that only its (also unreachable) owner
 * references stands for those inline values, so it is not counted or reported as an object
 * of its own, matching CPython's counts. Marks such dicts with INLINE_MARK; returns how many. */
#define INLINE_MARK ((intptr_t)1 << 62)
static intptr_t mark_inline_dicts(GCHead *list) {
    intptr_t n = 0;
    for (GCHead *g = list->next; g != list; g = g->next) {
        Obj *op = GC_OBJ(g);
        Type *t = TYPE(op);
        if (!IS_HEAP_TYPE(t) || !t->dict_offset) continue;
        Obj *d = *(Obj **)((char *)op + t->dict_offset);
        if (!d || IS_SMALL(d) || d->type != &Type_dict || d->refcnt != 1) continue;
        GCHead *dg = collecting_head(d);
        if (dg && (dg->gc_refs & GC_UNREACHABLE) && !(dg->gc_refs & INLINE_MARK)) {
            dg->gc_refs |= INLINE_MARK;
            n++;
        }
    }
    return n;
}

/* ---- callbacks (gc.callbacks) ---- */
static void invoke_callbacks(const char *phase, int generation, intptr_t collected,
                             intptr_t uncollectable) {
    Obj *cbs = gc_state.callbacks;
    if (!cbs || LIST_SIZE(cbs) == 0) return;
    Obj *saved = err_fetch();
    Obj *info = dict_new();
    Obj *ph = str_from_cstr(phase);
    Obj *copy = info && ph ? seq_to_list(cbs) : NULL;   /* callbacks may edit the list */
    if (copy && dict_set_cstr(info, "generation", MAKE_SMALL(generation)) == 0 &&
        dict_set_cstr(info, "collected", MAKE_SMALL(collected)) == 0 &&
        dict_set_cstr(info, "uncollectable", MAKE_SMALL(uncollectable)) == 0) {
        for (size_t i = 0; i < LIST_SIZE(copy); i++) {
            Obj *cb = LIST_GET(copy, i);
            Obj *r = obj_call2(cb, ph, info);
            if (!r) err_write_unraisable(cb);
            else DECREF(r);
        }
    } else {
        err_write_unraisable(NULL);
    }
    XDECREF(copy);
    XDECREF(ph);
    XDECREF(info);
    err_restore(saved);
}

/* ---- weak references (CPython's handle_weakrefs) ---- */
static bool weakref_not_garbage(Obj *wr) {
    GCHead *g = collecting_head(wr);
    return !(g && (g->gc_refs & GC_UNREACHABLE));
}

/* Weakrefs that are garbage themselves die silently; every weakref to a garbage object is
 * cleared, and the callbacks of those that survive run afterwards (they cannot reach the
 * garbage any more). Returns the number of callbacks run. */
static intptr_t handle_weakrefs(GCHead *unreachable) {
    for (GCHead *g = unreachable->next; g != unreachable; g = g->next)
        if (weakref_check(GC_OBJ(g))) weakref_unlink(GC_OBJ(g));
    Obj *pending = list_new(0);
    if (!pending) { err_clear(); return 0; }
    for (GCHead *g = unreachable->next; g != unreachable; g = g->next) {
        Obj **slot = weakref_slot(GC_OBJ(g));
        if (slot && *slot && weakref_clear_for_gc(GC_OBJ(g), pending, weakref_not_garbage) < 0)
            err_clear();
    }
    intptr_t n = (intptr_t)LIST_SIZE(pending);
    for (size_t i = 0; i < LIST_SIZE(pending); i++) {
        if (TRACE_ON(TRACE_GC))
            trace_emitf(TRACE_GC, "GC weakref callback %p", (void *)LIST_GET(pending, i));
        weakref_call_callback(LIST_GET(pending, i));
    }
    DECREF(pending);
    return n;
}

/* ---- finalizers, resurrection, clearing ---- */
static void finalize_garbage(GCHead *collectable) {
    GCHead seen;
    glist_init(&seen);
    while (!glist_empty(collectable)) {
        GCHead *g = collectable->next;
        Obj *op = GC_OBJ(g);
        glist_move(g, &seen);
        destructor fin = TYPE(op)->finalize;
        if (fin && !(op->flags & OBJ_FLAG_FINALIZED)) {
            op->flags |= OBJ_FLAG_FINALIZED;
            if (TRACE_ON(TRACE_GC))
                trace_emitf(TRACE_GC, "GC finalize %p<%s>", (void *)op, TYPE(op)->name);
            INCREF(op);
            Obj *saved = err_fetch();
            fin(op);
            if (err_occurred()) err_write_unraisable(NULL);
            err_restore(saved);
            DECREF(op);   /* may free it (it then leaves `seen` in its dealloc) */
        }
    }
    glist_merge(&seen, collectable);
}

/* Objects referenced from outside the garbage after the finalizers ran (and what they
 * reach) go to `old`; the rest stays in `still_unreachable`. */
static intptr_t handle_resurrected(GCHead *unreachable, GCHead *still_unreachable, GCHead *old) {
    update_refs(unreachable);
    subtract_refs(unreachable);
    move_unreachable(unreachable, still_unreachable);
    intptr_t n = glist_size(unreachable);
    glist_merge(unreachable, old);
    return n;
}

static void delete_garbage(GCHead *collectable, GCHead *old) {
    trace_refs_in_collector++;   /* --trace=refs: what dies now was freed by the collector */
    while (!glist_empty(collectable)) {
        GCHead *g = collectable->next;
        Obj *op = GC_OBJ(g);
        if (gc_state.debug & GC_DEBUG_SAVEALL) {
            if (gc_state.garbage && list_append(gc_state.garbage, op) < 0) err_clear();
        } else {
            inquiry clr = TYPE(op)->clear;
            if (clr) {
                INCREF(op);
                Obj *saved = err_fetch();
                (void)clr(op);
                if (err_occurred()) err_write_unraisable(NULL);
                err_restore(saved);
                DECREF(op);
            }
        }
        if (collectable->next == g) {
            /* still alive (no clear, or not a cycle breaker): it may die later */
            g->gc_refs = 0;
            glist_move(g, old);
        }
    }
    trace_refs_in_collector--;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- --gc-stats: an end-of-run summary ---- */
bool gc_stats_at_exit;
static double total_pause[GC_NUM_GENERATIONS], max_pause;
static int max_pause_gen;

static void note_pause(int generation, double seconds) {
    total_pause[generation] += seconds;
    if (seconds > max_pause) { max_pause = seconds; max_pause_gen = generation; }
}

/* Contract: gc.h. Written straight to the C stderr: at exit sys.stderr may be gone. */
void gc_report_at_exit(void) {
    if (!gc_stats_at_exit) return;
    GCState *s = &gc_state;
    intptr_t collections = 0, collected = 0;
    double total = 0;
    fflush(stdout);
    fprintf(stderr, "gc stats:\n");
    for (int i = 0; i < GC_NUM_GENERATIONS; i++) {
        GCGenStats *st = &s->stats[i];
        fprintf(stderr, "  generation %d: %zd collections, %zd objects collected, "
                "%zd uncollectable, %.3f ms\n", i, st->collections, st->collected,
                st->uncollectable, total_pause[i] * 1e3);
        collections += st->collections;
        collected += st->collected;
        total += total_pause[i];
    }
    fprintf(stderr, "  total: %zd collections, %zd objects collected, %.3f ms in the collector\n",
            collections, collected, total * 1e3);
    if (collections)
        fprintf(stderr, "  largest pause: %.3f ms (generation %d)\n", max_pause * 1e3, max_pause_gen);
    fflush(stderr);
}

/* The collection proper (CPython's gc_collect_main); returns collected + uncollectable. */
static intptr_t collect_main(int generation, const char *reason) {
    GCState *s = &gc_state;
    double t0 = 0;
    intptr_t sizes[GC_NUM_GENERATIONS];
    bool stats = (s->debug & GC_DEBUG_STATS) != 0, tracing = TRACE_ON(TRACE_GC);
    bool timing = stats || tracing || gc_stats_at_exit;
    if (stats || tracing)
        for (int i = 0; i < GC_NUM_GENERATIONS; i++) sizes[i] = glist_size(&s->gens[i].head);
    if (timing) t0 = now_seconds();
    if (stats) {
        write_stderr("gc: collecting generation %d...\n", generation);
        write_stderr("gc: objects in each generation: %zd %zd %zd\n", sizes[0], sizes[1], sizes[2]);
        write_stderr("gc: objects in permanent generation: %zd\n", glist_size(&s->permanent));
    }
    if (tracing)
        trace_emitf(TRACE_GC, "GC begin gen=%d reason=%s counts=(%d,%d,%d) sizes=(%zd,%zd,%zd)",
                    generation, reason, s->gens[0].count, s->gens[1].count, s->gens[2].count,
                    sizes[0], sizes[1], sizes[2]);

    /* counters: the next generation gains a collection, this one and younger restart */
    if (generation + 1 < GC_NUM_GENERATIONS) s->gens[generation + 1].count++;
    for (int i = 0; i <= generation; i++) s->gens[i].count = 0;

    /* merge younger generations into the one being collected */
    for (int i = 0; i < generation; i++) glist_merge(&s->gens[i].head, &s->gens[generation].head);
    GCHead *young = &s->gens[generation].head;
    GCHead *old = generation < GC_NUM_GENERATIONS - 1 ? &s->gens[generation + 1].head : young;

    GCHead unreachable;
    glist_init(&unreachable);
    update_refs(young);
    subtract_refs(young);
    move_unreachable(young, &unreachable);
    intptr_t n_unreachable = glist_size(&unreachable);

    untrack_tuples(young);
    intptr_t promoted = 0;
    if (young != old) {
        if (generation == GC_NUM_GENERATIONS - 2) s->long_lived_pending += glist_size(young);
        if (tracing) promoted = glist_size(young);
        glist_merge(young, old);
    } else {
        untrack_dicts(young);
        s->long_lived_pending = 0;
        s->long_lived_total = glist_size(young);
    }

    /* No legacy (tp_del) finalizers exist in Vitrine: nothing is uncollectable. */
    intptr_t uncollectable = 0;
    if (s->debug & GC_DEBUG_COLLECTABLE) {
        mark_inline_dicts(&unreachable);
        for (GCHead *g = unreachable.next; g != &unreachable; g = g->next)
            if (!(g->gc_refs & INLINE_MARK)) debug_cycle("collectable", GC_OBJ(g));
    }

    handle_weakrefs(&unreachable);
    finalize_garbage(&unreachable);
    GCHead final_unreachable;
    glist_init(&final_unreachable);
    intptr_t resurrected = handle_resurrected(&unreachable, &final_unreachable, old);
    intptr_t collected = glist_size(&final_unreachable) - mark_inline_dicts(&final_unreachable);
    delete_garbage(&final_unreachable, old);

    if (stats) {
        write_stderr("gc: done, %zd unreachable, %zd uncollectable, %.4fs elapsed\n",
                     collected + uncollectable, uncollectable, now_seconds() - t0);
    }
    if (tracing)
        trace_emitf(TRACE_GC, "GC end gen=%d unreachable=%zd collected=%zd uncollectable=%zd "
                    "resurrected=%zd promoted=%zd elapsed=%.0fus long_lived=%zd/%zd",
                    generation, n_unreachable, collected, uncollectable, resurrected, promoted,
                    (now_seconds() - t0) * 1e6, s->long_lived_pending, s->long_lived_total);
    if (gc_stats_at_exit) note_pause(generation, now_seconds() - t0);
    s->stats[generation].collections++;
    s->stats[generation].collected += collected;
    s->stats[generation].uncollectable += uncollectable;
    return collected + uncollectable;
}

/* Contract: gc_internal.h. Callbacks see "start" before the counters are reset and "stop"
 * after; a collection requested while one runs (e.g. from a callback) does nothing. */
intptr_t gc_collect_reason(int generation, const char *reason) {
    GCState *s = &gc_state;
    if (s->collecting) return 0;
    gc_init();
    s->collecting = true;
    invoke_callbacks("start", generation, 0, 0);
    intptr_t n = collect_main(generation, reason);
    invoke_callbacks("stop", generation, n, 0);
    s->collecting = false;
    return n;
}
