/* fileio.h: file objects (runtime/fileio.c): what open() returns and what sys.stdin/stdout/
 * stderr are. Text files are _io.TextIOWrapper, binary ones _io.Buffered{Reader,Writer,Random}. */
#ifndef VITRINE_FILEIO_H
#define VITRINE_FILEIO_H

#include "types.h"

extern Type Type_TextIOWrapper, Type_BufferedReader, Type_BufferedWriter, Type_BufferedRandom;

/* A text file object over an existing descriptor (not closed by the object): mode "r" or "w";
 * line-buffered when fd is a tty (stderr: always flushed after each write). */
Obj *file_from_fd(int fd, const char *mode, const char *name) VT_MUST_CHECK;
/* Flush sys.stdout/stderr and the original standard streams (at exit); a failing
 * sys.stdout flush is reported as unraisable and remembered for the exit status. */
void file_flush_std(void);
/* True once file_flush_std failed to flush sys.stdout: CPython then exits with status 120. */
bool file_std_flush_failed(void);
/* builtins.open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
 * closefd=True, opener=None) */
Obj *file_open(Obj *const *args, size_t nargs, Obj *kwnames) VT_MUST_CHECK;
/* 1 if o is one of the file types above. */
int file_check(Obj *o);
/* Write a str to a text file object without a method lookup (print's fast path); 0 / -1. */
int file_write_str(Obj *f, Obj *s);
/* Flush a file object (any object with a flush method); 0 / -1. */
int file_flush(Obj *f);
/* Ready the file types (called from exceptions_init). */
int fileio_init(void);

#endif
