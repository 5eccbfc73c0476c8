/* trace_refs.c: reference-count events for objects the user asked to watch
 * (vitrine.watch(obj, name)). INCREF/DECREF call trace_ref_change only for objects carrying
 * OBJ_FLAG_WATCHED, so unwatched objects pay one predictable branch. */
#include "trace.h"
#include "vm.h"

void trace_ref_change(Obj *o, int delta) {
    if (!TRACE_ON(TRACE_REFS)) return;
    /* On decrement the count is reported after the change, as the user sees it. */
    uint32_t after = delta > 0 ? o->refcnt : o->refcnt - 1;
    trace_emitf(TRACE_REFS, "%s %s refcount=%u", delta > 0 ? "incref" : "decref",
                o->type->name, after);
}
