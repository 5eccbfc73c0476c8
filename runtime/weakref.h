/* weakref.h: weak references (runtime/weakref.c): the weakref type, clearing on deallocation
 * and the cycle collector's hook. */
#ifndef VITRINE_WEAKREF_H
#define VITRINE_WEAKREF_H

#include "object.h"

typedef struct WeakRefObj {
    Obj ob;
    Obj *object;                          /* the referent (not owned); NULL once dead */
    Obj *callback;                        /* owned, or NULL */
    intptr_t hash;                        /* -1 until computed */
    struct WeakRefObj *wr_prev, *wr_next; /* the referent's list (head in its weaklist slot) */
} WeakRefObj;

extern Type Type_weakref;

/* The object's weaklist slot, or NULL if its type has none. */
static inline Obj **weakref_slot(Obj *o) {
    if (IS_SMALL(o) || !o->type->weaklist_offset) return NULL;
    return (Obj **)((char *)o + o->type->weaklist_offset);
}
/* o is being deallocated: clear its weak references, then call their callbacks. */
void weakref_clear_all(Obj *o);
/* Kill every weak reference to o without calling or dropping callbacks; those with a callback
 * that `keep(wr)` accepts are appended to `pending` (a list) for the caller to run with
 * weakref_call_callback. -1 on error. */
int weakref_clear_for_gc(Obj *o, Obj *pending, bool (*keep)(Obj *wr));
/* Kill one weak reference without calling or dropping its callback (the collector must not
 * free anything while it walks its lists). */
void weakref_unlink(Obj *wr);
/* o is a weakref.ref (or a subclass instance). */
static inline bool weakref_check(Obj *o) {
    return !IS_SMALL(o) && (o->type == &Type_weakref || type_is_subtype(o->type, &Type_weakref));
}
/* Take the callback of a cleared weak reference and call it with the weakref (errors are
 * reported as unraisable; the current exception is preserved). */
void weakref_call_callback(Obj *wr);
Obj *modinit__weakref(void);

#endif
