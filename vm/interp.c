/* interp.c: creating and tearing down the interpreter: thread state, interned names, the
 * built-in types, the builtins and sys modules, and the search path for Python-source modules. */
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>
#include "vm.h"
#include "gc.h"
#include "names.h"
#include "modules.h"
#include "fileio.h"

_Thread_local ThreadState *vm_current_ts;

/* Implemented by runtime/exceptions.c: creates the exception types. */
int exceptions_init(void);
/* vm/breaker.c: SIGINT becomes a pending KeyboardInterrupt served by the eval loop. */
void vm_breaker_install(Interp *interp);
/* vm/site.c: exit() and quit(). */
int site_add_builtins(Obj *builtins);

/* Every static type, readied in this order (bases before subclasses). */
static Type *const static_types[] = {
    &Type_object, &Type_type,
    /* descriptor types first: readying any other type creates instances of them */
    &Type_builtin_function_or_method, &Type_method_descriptor, &Type_classmethod_descriptor,
    &Type_wrapper_descriptor, &Type_method_wrapper, &Type_getset_descriptor,
    &Type_member_descriptor, &Type_staticmethod, &Type_classmethod,
    /* then everything else */
    &Type_int, &Type_bool, &Type_float, &Type_complex, &Type_str, &Type_bytes,
    &Type_bytearray, &Type_memoryview, &Type_list, &Type_tuple, &Type_dict, &Type_set,
    &Type_frozenset, &Type_range, &Type_slice, &Type_NoneType, &Type_NotImplementedType,
    &Type_ellipsis, &Type_module, &Type_cell, &Type_code, &Type_function, &Type_method,
    &Type_property, &Type_super, &Type_frame, &Type_traceback, &Type_generator,
    &Type_coroutine, &Type_async_generator, &Type_enumerate, &Type_zip, &Type_map,
    &Type_filter, &Type_reversed, &Type_dict_keys, &Type_dict_values, &Type_dict_items,
    &Type_mappingproxy, &Type_SimpleNamespace,
};

/* The directory holding the vitrine executable ("" if unknown). */
static char *executable_dir(const char *argv0) {
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) {
        if (!argv0 || !realpath(argv0, buf)) return strdup("");
    } else {
        buf[n] = '\0';
    }
    return strdup(dirname(buf));
}

static bool is_dir(const char *path) {
    return access(path, R_OK | X_OK) == 0;
}

/* Where the Python-source standard library lives: beside an installed binary
 * (<prefix>/bin/../lib/vitrine), or the source tree the build came from. */
static Obj *stdlib_paths(const char *exe_dir) {
    Obj *paths = list_new(0);
    if (!paths) return NULL;
    char buf[PATH_MAX];
    const char *env = getenv("VITRINE_LIB");
    const char *candidates[3];
    int n = 0;
    if (env && *env) candidates[n++] = env;
    snprintf(buf, sizeof buf, "%s/../lib/vitrine", exe_dir);
    candidates[n++] = buf;
    candidates[n++] = VITRINE_SOURCE_LIB;
    for (int i = 0; i < n; i++) {
        if (!is_dir(candidates[i])) continue;
        char real[PATH_MAX];
        const char *p = realpath(candidates[i], real) ? real : candidates[i];
        Obj *s = str_from_fs(p);
        if (!s || list_append_steal(paths, s) < 0) { DECREF(paths); return NULL; }
        break;
    }
    return paths;
}

static int init_types(void) {
    for (size_t i = 0; i < sizeof static_types / sizeof static_types[0]; i++)
        if (type_ready(static_types[i]) < 0) return -1;
    return exceptions_init();
}

Interp *vm_init(int argc, char **argv) {
    setlocale(LC_CTYPE, "C.UTF-8");
    Interp *interp = calloc(1, sizeof *interp);
    ThreadState *ts = calloc(1, sizeof *ts);
    if (!interp || !ts) return NULL;
    ts->interp = interp;
    interp->threads = ts;
    interp->recursion_limit = 1000;
    ts->ident = (uint64_t)pthread_self();
    vm_current_ts = ts;
    gc_init();

    if (names_init() < 0 || init_types() < 0) goto fail;
    interp->modules = dict_new();
    if (!interp->modules) goto fail;
    interp->exe_dir = executable_dir(argc > 0 ? argv[0] : NULL);
    interp->lib_paths = stdlib_paths(interp->exe_dir);
    if (!interp->lib_paths) goto fail;

    interp->builtins_module = modinit_builtins();
    if (!interp->builtins_module) goto fail;
    interp->builtins = MODULE_DICT(interp->builtins_module);
    INCREF(interp->builtins);
    if (site_add_builtins(interp->builtins) < 0) goto fail;
    if (dict_set_cstr(interp->modules, "builtins", interp->builtins_module) < 0) goto fail;

    interp->sys_module = modinit_sys();
    if (!interp->sys_module) goto fail;
    interp->sysdict = MODULE_DICT(interp->sys_module);
    INCREF(interp->sysdict);
    if (dict_set_cstr(interp->modules, "sys", interp->sys_module) < 0) goto fail;
    if (sys_set_argv(argc, argv) < 0) goto fail;

    vm_breaker_install(interp);
    interp->main_module = module_new("__main__");
    if (!interp->main_module) goto fail;
    if (dict_set_cstr(MODULE_DICT(interp->main_module), "__builtins__",
                      interp->builtins_module) < 0)
        goto fail;
    if (dict_set_cstr(interp->modules, "__main__", interp->main_module) < 0) goto fail;
    return interp;

fail:
    if (err_occurred()) err_print();
    fprintf(stderr, "vitrine: fatal error during start-up\n");
    return NULL;
}

/* Clear a module's globals as CPython's _PyModule_ClearDict does at shutdown: first names
 * with a single leading underscore, then everything but __builtins__, setting each to None,
 * so objects only the module kept alive are finalized (their __del__ and generators'
 * `finally` blocks run). */
static void clear_module_dict(Obj *d) {
    for (int pass = 0; pass < 2; pass++) {
        Obj *keys = dict_keys_list(d);
        if (!keys) { err_clear(); return; }
        for (size_t i = 0; i < LIST_SIZE(keys); i++) {
            Obj *key = LIST_GET(keys, i);
            if (!STR_CHECK(key)) continue;
            const char *k = STR_DATA(key);
            bool single_underscore = k[0] == '_' && k[1] != '_';
            if (pass == 0 ? !single_underscore : strcmp(k, "__builtins__") == 0) continue;
            if (dict_set(d, key, V_None) < 0) err_clear();
        }
        DECREF(keys);
    }
}

/* Wait for non-daemon threads (threading._shutdown) if threading was imported, as CPython's
 * wait_for_thread_shutdown does before the atexit handlers (threads helper). */
static void wait_for_thread_shutdown(Interp *interp) {
    Obj *threading = interp->modules ? dict_get_cstr(interp->modules, "threading") : NULL;
    if (!threading) { err_clear(); return; }
    INCREF(threading);
    Obj *name = str_intern_cstr("_shutdown");
    Obj *r = name ? obj_call_method(threading, name, NULL, 0) : NULL;
    XDECREF(name);
    if (r) DECREF(r);
    else err_write_unraisable(NULL);
    DECREF(threading);
}

int vm_finalize(Interp *interp, int status) {
    wait_for_thread_shutdown(interp);
    if (vm_run_atexit() < 0) err_print();
    interp->finalizing = true;
    clear_module_dict(MODULE_DICT(interp->main_module));
    if (err_occurred()) err_clear();
    /* As CPython, one last full collection frees the cycles the cleared globals held. */
    if (gc_collect(2) < 0) err_clear();
    gc_report_at_exit();   /* --gc-stats */
    file_flush_std();
    fflush(stdout);
    fflush(stderr);
    return status;
}
