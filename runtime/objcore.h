/* objcore.h: start-up hook and cross-file helpers of the object core (alloc, object, abstract,
 * descr, module, errors, exceptions, traceback printing, builtins, file objects). */
#ifndef VITRINE_OBJCORE_H
#define VITRINE_OBJCORE_H

#include "types.h"

/* A type's tp_name as CPython's error messages show it: "_io.TextIOWrapper" for static types,
 * __name__ for classes (type_name() gives the short form used by reprs and qualnames). */
#define TP_NAME(t) ((t)->name)

/* Create and ready the exception types, and ready the file types (vm_init calls it after
 * the static types are ready). 0 or -1. */
int exceptions_init(void);

/* A source line from `filename` (1-based), without leading/trailing whitespace when `strip`,
 * from a small cache; NULL (no error) when unavailable. Caller frees. */
char *linecache_getline(const char *filename, int lineno, int strip);
/* Render exc with its chain as CPython's traceback printer into sb. */
int exc_format_into(Obj *exc, StrBuilder *sb);
/* Write a C string to a Python file object (its write method); NULL/None file: C stderr. */
int file_write_cstr(Obj *file, const char *s, size_t n);
/* sys.<name> (borrowed) or NULL. */
Obj *sys_get_borrowed(const char *name);
/* object.__getattribute__ without the __getattr__ hook; a missing attribute gives NULL with
 * no exception set. */
Obj *obj_generic_getattr_opt(Obj *o, Obj *name);
/* Give the current AttributeError (if exactly that type) its name/obj attributes when unset,
 * so that the traceback printer can offer "Did you mean" suggestions. */
void attr_error_annotate(Obj *obj, Obj *name);
/* Exception helpers shared with traceback printing. */
Obj *exc_get_notes(Obj *exc);   /* borrowed or NULL */
/* "module.Qualname" / "Name" as printed on the last traceback line; new str. */
Obj *exc_type_display_name(Type *t);

#endif
