/* site.c: the names CPython's site module adds to builtins for interactive use: exit() and
 * quit(), objects whose repr explains how to leave and whose call raises SystemExit. */
#include "vm.h"

typedef struct Quitter {
    Obj ob;
    const char *name;
} Quitter;

static Obj *quitter_repr(Obj *self) {
    return str_from_format("Use %s() or Ctrl-D (i.e. EOF) to exit", ((Quitter *)self)->name);
}

static Obj *quitter_call(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count(((Quitter *)self)->name, nargs, kwnames, 0, 1) < 0) return NULL;
    return err_set_object(Exc_SystemExit, nargs ? args[0] : V_None);
}

static Type Type_Quitter = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "_sitebuiltins.Quitter",
    .basicsize = sizeof(Quitter),
    .repr = quitter_repr,
    .call = quitter_call,
};

static Quitter exit_obj = {OBJ_HEAD_INIT(&Type_Quitter), "exit"};
static Quitter quit_obj = {OBJ_HEAD_INIT(&Type_Quitter), "quit"};

int site_add_builtins(Obj *builtins) {
    if (type_ready(&Type_Quitter) < 0) return -1;
    if (dict_set_cstr(builtins, "exit", (Obj *)&exit_obj) < 0) return -1;
    return dict_set_cstr(builtins, "quit", (Obj *)&quit_obj);
}
