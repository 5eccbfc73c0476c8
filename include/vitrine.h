/* vitrine.h: the public embedding API. A host C program creates an interpreter, runs Python
 * source in it, and shuts it down; everything else stays internal.
 *
 *     VtInterp *vt = vt_open(argc, argv);
 *     int status = vt_run_string(vt, "print('hello')");
 *     status = vt_close(vt, status);
 */
#ifndef VITRINE_H
#define VITRINE_H

typedef struct Interp VtInterp;

/* Create the interpreter (one per process); argv becomes sys.argv. NULL on failure. */
VtInterp *vt_open(int argc, char **argv);
/* Run source code / a file in __main__. Returns 0, or 1 after printing an uncaught exception
 * (or the SystemExit status). */
int vt_run_string(VtInterp *vt, const char *source);
int vt_run_file(VtInterp *vt, const char *path);
/* Run atexit handlers and flush the standard streams; returns the status to exit with. */
int vt_close(VtInterp *vt, int status);

#endif
