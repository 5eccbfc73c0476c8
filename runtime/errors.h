/* errors.h: the built-in exception hierarchy and the error contract's API.
 *
 * An error is "set" in the current thread state (vm_ts()->curexc holds the exception
 * instance, already normalised: there are never unnormalised (type, value) pairs). Functions
 * report failure by returning NULL or -1 after setting it. err_* functions live in
 * runtime/errors.c; the exception types themselves in runtime/exceptions.c.
 */
#ifndef VITRINE_ERRORS_H
#define VITRINE_ERRORS_H

#include <stdarg.h>
#include "object.h"

/* Every built-in exception: X(Name, Base). Order = CPython's hierarchy, bases first. */
#define EXCEPTION_TYPES(X) \
    X(BaseException, NONE) \
    X(BaseExceptionGroup, BaseException) \
    X(Exception, BaseException) \
    X(GeneratorExit, BaseException) \
    X(KeyboardInterrupt, BaseException) \
    X(SystemExit, BaseException) \
    X(ArithmeticError, Exception) \
    X(FloatingPointError, ArithmeticError) \
    X(OverflowError, ArithmeticError) \
    X(ZeroDivisionError, ArithmeticError) \
    X(AssertionError, Exception) \
    X(AttributeError, Exception) \
    X(BufferError, Exception) \
    X(EOFError, Exception) \
    X(ExceptionGroup, BaseExceptionGroup) /* also subclasses Exception */ \
    X(ImportError, Exception) \
    X(ModuleNotFoundError, ImportError) \
    X(LookupError, Exception) \
    X(IndexError, LookupError) \
    X(KeyError, LookupError) \
    X(MemoryError, Exception) \
    X(NameError, Exception) \
    X(UnboundLocalError, NameError) \
    X(OSError, Exception) \
    X(BlockingIOError, OSError) \
    X(ChildProcessError, OSError) \
    X(ConnectionError, OSError) \
    X(BrokenPipeError, ConnectionError) \
    X(ConnectionAbortedError, ConnectionError) \
    X(ConnectionRefusedError, ConnectionError) \
    X(ConnectionResetError, ConnectionError) \
    X(FileExistsError, OSError) \
    X(FileNotFoundError, OSError) \
    X(InterruptedError, OSError) \
    X(IsADirectoryError, OSError) \
    X(NotADirectoryError, OSError) \
    X(PermissionError, OSError) \
    X(ProcessLookupError, OSError) \
    X(TimeoutError, OSError) \
    X(ReferenceError, Exception) \
    X(RuntimeError, Exception) \
    X(NotImplementedError, RuntimeError) \
    X(RecursionError, RuntimeError) \
    X(StopAsyncIteration, Exception) \
    X(StopIteration, Exception) \
    X(SyntaxError, Exception) \
    X(IndentationError, SyntaxError) \
    X(TabError, IndentationError) \
    X(SystemError, Exception) \
    X(TypeError, Exception) \
    X(ValueError, Exception) \
    X(UnicodeError, ValueError) \
    X(UnicodeDecodeError, UnicodeError) \
    X(UnicodeEncodeError, UnicodeError) \
    X(UnicodeTranslateError, UnicodeError) \
    X(Warning, Exception) \
    X(BytesWarning, Warning) \
    X(DeprecationWarning, Warning) \
    X(EncodingWarning, Warning) \
    X(FutureWarning, Warning) \
    X(ImportWarning, Warning) \
    X(PendingDeprecationWarning, Warning) \
    X(ResourceWarning, Warning) \
    X(RuntimeWarning, Warning) \
    X(SyntaxWarning, Warning) \
    X(UnicodeWarning, Warning) \
    X(UserWarning, Warning)

/* Exc_ValueError etc.: pointers to the exception type objects. */
#define X(name, base) extern Type *Exc_##name;
EXCEPTION_TYPES(X)
#undef X

/* The layout shared by all exception instances. Subclass-specific data (StopIteration.value,
 * OSError.errno, SyntaxError.lineno...) lives in the instance __dict__ or in members that
 * runtime/exceptions.c defines; ExcObj is the common prefix. */
typedef struct ExcObj {
    Obj ob;
    Obj *dict;          /* instance __dict__ (may be NULL until needed) */
    Obj *args;          /* tuple */
    Obj *traceback;     /* traceback object or NULL */
    Obj *context;       /* __context__ or NULL */
    Obj *cause;         /* __cause__ or NULL */
    Obj *notes;         /* __notes__ list or NULL */
    bool suppress_context;
} ExcObj;

/* ---- raising ---- */
/* Set the current exception to a new instance of type with a printf-style message. The format
 * understands %s %d %i %u %ld %lu %lld %llu %zd %zu %x %p %c %% and, for objects, %S (str()),
 * %R (repr()), %T (the object's type name), %U (a str object as is). Returns NULL. */
Obj *err_format(Type *type, const char *fmt, ...);
Obj *err_vformat(Type *type, const char *fmt, va_list ap);
Obj *err_set_str(Type *type, const char *msg);      /* returns NULL */
/* Set an exception from an instance, or from a type (called with no args), or a type + value
 * (called with value as the single argument, or args if value is a tuple). Returns NULL. */
Obj *err_set_object(Type *type, Obj *value);
Obj *err_set_instance(Obj *exc);                     /* exc: a BaseException instance */
Obj *err_no_memory(void);
Obj *err_from_errno(Type *type);                     /* OSError subclass chosen from errno */
Obj *err_from_errno_filename(Type *type, const char *filename);
Obj *err_bad_internal_call(const char *where);

/* ---- inspecting ---- */
bool err_occurred(void);
Obj *err_current(void);               /* borrowed; NULL if none */
int err_matches(Type *type);          /* the current exception is an instance of type */
int exc_matches(Obj *exc, Obj *cls);  /* exc is an instance of cls (type or tuple of types) */
/* Take the current exception out of the thread state (new ref, NULL if none). */
Obj *err_fetch(void);
/* Make exc the current exception (steals the reference). */
void err_restore(Obj *exc);
void err_clear(void);
/* Print the current exception with its traceback to sys.stderr (and clear it). */
void err_print(void);
/* Print exc (with chained causes/contexts) as CPython's traceback printer does. */
void exc_print_to(Obj *exc, Obj *file);
/* Write an "Exception ignored in: ..." message, as CPython's PyErr_WriteUnraisable. */
void err_write_unraisable(Obj *where);

/* ---- exceptions as objects (runtime/exceptions.c) ---- */
Obj *exc_new(Type *type, Obj *const *args, size_t nargs) VT_MUST_CHECK;
void exc_set_context(Obj *exc, Obj *context);   /* steals context; avoids cycles as CPython */
void exc_set_cause(Obj *exc, Obj *cause);       /* steals cause; sets suppress_context */
void exc_set_traceback(Obj *exc, Obj *tb);      /* borrows tb */
/* Add a traceback entry for frame `frame` at instruction index `lasti` to the current exception. */
int traceback_add_frame(Obj *frame);
/* SyntaxError helper: sets SyntaxError(msg, (filename, lineno, offset, text, end_lineno, end_offset)). */
Obj *err_syntax(Type *type, const char *msg, const char *filename, int lineno, int offset,
                const char *text, int end_lineno, int end_offset);
/* StopIteration(value) */
Obj *err_stop_iteration(Obj *value);

/* Warnings: print "file:line: Category: message" to stderr as CPython does (no filters). */
int warn_format(Type *category, int stacklevel, const char *fmt, ...);
/* A warning at an explicit place, e.g. the compiler's SyntaxWarning/DeprecationWarning:
 * "filename:lineno: Category: message" plus that source line, once per location. `module`
 * (may be NULL) decides CPython's default filter for DeprecationWarning (shown only for
 * "__main__"). 0, or -1 with the warning raised as an exception ("error" filter).
 * (runtime/errors.c; appended by errtests) */
int warn_explicit(Type *category, const char *message, const char *filename, int lineno,
                  const char *module);

#endif
