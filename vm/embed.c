/* embed.c: the public embedding API of include/vitrine.h, as thin wrappers over vm/. */
#include "vitrine.h"
#include "vm.h"

VtInterp *vt_open(int argc, char **argv) { return vm_init(argc, argv); }

int vt_run_string(VtInterp *vt, const char *source) {
    (void)vt;
    return vm_run_string(source, "<string>");
}

int vt_run_file(VtInterp *vt, const char *path) {
    (void)vt;
    return vm_run_file(path);
}

int vt_close(VtInterp *vt, int status) { return vm_finalize(vt, status); }
