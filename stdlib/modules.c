/* modules.c: the registry of built-in C modules, searched by the import system before
 * sys.path. Python-source modules live in stdlib/lib/. */
#include "vm.h"
#include "modules.h"

const BuiltinModule builtin_modules[] = {
    {"builtins", modinit_builtins},
    {"sys", modinit_sys},
    {"math", modinit_math},
    {"time", modinit_time},
    {"posix", modinit_posix},
    {"_heapq", modinit__heapq},
    {"_bisect", modinit__bisect},
    {"_collections", modinit__collections},
    {"gc", modinit_gc},
    {"_vitrine", modinit__vitrine},
    {"dis", modinit_dis},
    {"atexit", modinit_atexit},
    {"_weakref", modinit__weakref},
    {"itertools", modinit_itertools},
    {"_random", modinit__random},
    {"_struct", modinit__struct},
    {"_io", modinit__io},
    {"_json", modinit__json},
    {"_thread", modinit__thread},
    {"select", modinit_select},
    {"_socket", modinit__socket},
    {NULL, NULL},
};
