/* trace.h: the event bus. Every internal worth watching emits events here; sinks format them.
 *
 * Cost when off: each emit site is guarded by TRACE_ON(kind), one load and one predictable
 * branch on a global mask. The mask changes only when tracing is switched on or off
 * (--trace=..., the vitrine module), never on the hot path.
 */
#ifndef VITRINE_TRACE_H
#define VITRINE_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include "object.h"

/* Every trace kind: X(enum name, command-line name). Later subsystems add theirs here. */
#define TRACE_KINDS(X) \
    X(TRACE_CALL, "call")   /* function call and return, with depth */ \
    X(TRACE_LINE, "line")   /* each new source line executed */ \
    X(TRACE_GIL, "gil")     /* GIL requests, drops, takes; thread start/exit */ \
    X(TRACE_GC, "gc")       /* collections, finalizers, weakref callbacks */ \
    X(TRACE_REFS, "refs")   /* refcount changes of watched objects */ \
    X(TRACE_ATTR, "attr")   /* attribute lookup dispatch */ \
    X(TRACE_CLASS, "class") /* class and instance creation steps */ \
    X(TRACE_TASK, "task")   /* asyncio task steps */

enum {
#define X(e, s) e,
    TRACE_KINDS(X)
#undef X
    TRACE__COUNT
};

extern volatile uint32_t trace_mask;
#ifdef VITRINE_NO_TRACE
/* Tracing compiled out (cmake -DVITRINE_TRACE=OFF): only to measure what tracing costs. */
#define TRACE_ON(kind) 0
#else
#define TRACE_ON(kind) VT_UNLIKELY(trace_mask & (1u << (kind)))
#endif

/* Parse "call,line" (as after --trace=) and switch those kinds on; -1 on an unknown kind. */
int trace_enable_spec(const char *spec);
/* Parse a comma-separated list of kind names (and "attr:all") into a bit mask; -1 on an
 * unknown kind. Shared by --trace= and vitrine.trace(...). */
int trace_parse_spec(const char *spec, uint32_t *kinds, bool *attr_all);
void trace_set(int kind, int on);
/* Route output to a file (NULL: stderr). */
int trace_set_file(const char *path);
/* Emit one event line of `kind`: the bus prefixes it with a timestamp, the thread name and
 * the kind ("[  0.001234] MainThread call  ..."), then the formatted text. */
void trace_emitf(int kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *trace_kind_name(int kind);
/* --trace=attr:all: also report lookups on built-in types (attr reports user classes only). */
extern int trace_attr_all;
/* runtime/type.c: re-tag every type after attr tracing switched, so that the attribute caches
 * skip traced types (tag 0) while it is on. */
void type_attr_trace_switched(void);

#endif
