/* structseq.h: named-tuple-like C types (CPython's structseq): a tuple subclass whose first
 * fields are also read-only attributes, with CPython's "module.name(field=value, ...)" repr.
 * Used for sys.version_info, sys.float_info, sys.int_info, sys.hash_info, sys.flags and
 * time.struct_time. */
#ifndef VITRINE_STRUCTSEQ_H
#define VITRINE_STRUCTSEQ_H
#include "object.h"

/* A new type module.name(tuple) with the given field names (a static array of nfields
 * strings); NULL with an exception set on failure. */
Type *structseq_new_type(const char *module, const char *name, const char *const *fields,
                         size_t nfields);
/* An instance of a structseq type holding values[0..nfields) (borrowed). */
Obj *structseq_new(Type *type, Obj *const *values) VT_MUST_CHECK;
/* Same, stealing every value (any NULL value makes it fail, releasing the others). */
Obj *structseq_new_steal(Type *type, Obj **values) VT_MUST_CHECK;
/* The constructor also accepts `extra` trailing items (time.struct_time: 11-sequences). */
void structseq_set_extra_fields(Type *type, size_t extra);
/* Calling the type raises "cannot create 'sys.version_info' instances" (sys's structseqs). */
void structseq_disallow_new(Type *type);

#endif
