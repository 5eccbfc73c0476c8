/* repl.h: the interactive read-eval-print loop on GNU readline. */
#ifndef VITRINE_REPL_H
#define VITRINE_REPL_H

#include "vm.h"

/* Run the REPL until EOF (Ctrl-D) or SystemExit; returns the exit status. */
int repl_run(Interp *interp);

#endif
