/* attr_trace.h: helpers shared by the --trace=attr emit sites (object.c, type.c). Only
 * called while tracing is on. */
#ifndef VITRINE_ATTR_TRACE_H
#define VITRINE_ATTR_TRACE_H
#include "object.h"

/* Name of the class on tp's MRO whose __dict__ holds `name` (tp's own name if none). */
const char *trace_attr_owner(Type *tp, Obj *name);
/* What a non-data descriptor's __get__ produces: "bound method", "plain function"... */
const char *trace_attr_binding(Obj *descr);

#endif
