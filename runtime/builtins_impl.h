/* builtins_impl.h: builtins implemented in builtins_exec.c, listed in builtins.c's table. */
#ifndef VITRINE_BUILTINS_IMPL_H
#define VITRINE_BUILTINS_IMPL_H

#include "object.h"

#define BUILTIN_ARGS Obj *self, Obj *const *args, size_t nargs, Obj *kwnames
Obj *b___import__(BUILTIN_ARGS);
Obj *b_compile(BUILTIN_ARGS);
Obj *b_dir(BUILTIN_ARGS);
Obj *b_eval(BUILTIN_ARGS);
Obj *b_exec(BUILTIN_ARGS);
Obj *b_globals(BUILTIN_ARGS);
Obj *b_input(BUILTIN_ARGS);
Obj *b_locals(BUILTIN_ARGS);
Obj *b_print(BUILTIN_ARGS);
Obj *b_vars(BUILTIN_ARGS);

#endif
