/* exceptions.h: instance layouts of the exception classes that carry extra fields
 * (runtime/exceptions.c, runtime/exceptions_group.c). */
#ifndef VITRINE_EXCEPTIONS_H
#define VITRINE_EXCEPTIONS_H

#include "types.h"

typedef struct { ExcObj base; Obj *value; } StopIterationObj;
typedef struct { ExcObj base; Obj *code; } SystemExitObj;
typedef struct { ExcObj base; Obj *msg, *name, *path; } ImportErrorObj;
typedef struct { ExcObj base; Obj *name, *obj; } AttributeErrorObj;
typedef struct { ExcObj base; Obj *name; } NameErrorObj;
typedef struct { ExcObj base; Obj *myerrno, *strerror, *filename, *filename2, *written; } OSErrorObj;
typedef struct {
    ExcObj base;
    Obj *msg, *filename, *lineno, *offset, *text, *end_lineno, *end_offset, *print_file_and_line;
} SyntaxErrorObj;
typedef struct { ExcObj base; Obj *encoding, *object, *start, *end, *reason; } UnicodeErrorObj;
typedef struct { ExcObj base; Obj *msg, *excs; } ExcGroupObj;

/* exceptions_group.c */
void exc_group_setup(Type *base_group, Type *group);
/* Shared by both files: BaseException's allocation. */
Obj *exc_base_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames);
/* traceback_print.c: an exception as sys.unraisablehook shows it (traceback + "Type: msg",
 * no chain): used by err_write_unraisable. */
int exc_format_unraisable_into(Obj *exc, StrBuilder *sb);
#endif
