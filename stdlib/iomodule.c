/* iomodule.c: _io, the C side of io.py: exports the built-in file types of runtime/fileio.c
 * (what open() returns) so that io.py can name and register them without opening files. */
#include "fileio.h"
#include "vm.h"
#include "modules.h"

/* _io.open(...): builtins.open. */
static Obj *io_open(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) { return file_open(args, nargs, kwnames); }

static const MethodDef io_methods[] = {
    {"open", io_open, METH_VARARGS | METH_KEYWORDS, "Open file and return a stream.  Raise OSError upon failure."},
    {NULL, NULL, 0, NULL},
};

Obj *modinit__io(void) {
    Obj *m = module_new("_io");
    if (!m) return NULL;
    if (module_add_methods(m, io_methods) < 0 ||
        module_add_object(m, "TextIOWrapper", (Obj *)&Type_TextIOWrapper) < 0 ||
        module_add_object(m, "BufferedReader", (Obj *)&Type_BufferedReader) < 0 ||
        module_add_object(m, "BufferedWriter", (Obj *)&Type_BufferedWriter) < 0 ||
        module_add_object(m, "BufferedRandom", (Obj *)&Type_BufferedRandom) < 0 ||
        module_add_int(m, "DEFAULT_BUFFER_SIZE", 8192) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
