/* run.c: running a script, a -c string or a -m module as __main__, and turning an uncaught
 * exception into CPython's traceback output and exit status. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "vm.h"
#include "names.h"
#include "modules.h"

/* Read a whole file into a NUL-terminated malloc'ed buffer; NULL with errno set. */
char *vm_read_stream(FILE *f, size_t *size_out) {
    size_t cap = 8192, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (len + 1 < cap) break;
        cap *= 2;
        char *nb = realloc(buf, cap);
        if (!nb) { free(buf); buf = NULL; break; }
        buf = nb;
    }
    /* fopen succeeds on a directory on Linux; reading it is what fails (EISDIR). */
    int read_error = ferror(f) ? (errno ? errno : EIO) : 0;
    if (!buf) { errno = ENOMEM; return NULL; }
    if (read_error) { free(buf); errno = read_error; return NULL; }
    buf[len] = '\0';
    if (size_out) *size_out = len;
    return buf;
}

char *vm_read_file(const char *path, size_t *size_out) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = vm_read_stream(f, size_out);
    int saved = errno;
    fclose(f);
    errno = saved;
    return buf;
}

/* SystemExit(code): None -> 0, int -> that status, anything else printed to stderr -> 1. */
static int exit_status_from_system_exit(Obj *exc) {
    Obj *code = obj_getattr_cstr(exc, "code");
    if (!code) { err_clear(); return 1; }
    int status;
    if (code == V_None) {
        status = 0;
    } else if (INT_CHECK(code)) {
        int64_t v = int_as_i64(code);
        if (v == -1 && err_occurred()) err_clear();   /* too big: exit(-1), i.e. 255, as CPython */
        status = (int)(v & 0xff);
    } else {
        Obj *s = obj_str(code);
        if (s) {
            Obj *err = sys_get_object("stderr");
            if (!err || err == V_None) {   /* no sys.stderr: CPython prints to the C stream */
                fflush(stdout);
                fprintf(stderr, "%s\n", str_cstr(s));
            } else {
                Obj *nl = str_concat(s, str_intern_cstr("\n"));
                if (nl) {
                    Obj *r = obj_call_method(err, NAME(write), &nl, 1);
                    XDECREF(r);
                    DECREF(nl);
                }
            }
            DECREF(s);
        }
        err_clear();
        status = 1;
    }
    DECREF(code);
    return status;
}

static bool uncaught_keyboard_interrupt;

/* Contract: vm.h. */
bool vm_uncaught_keyboard_interrupt(void) { return uncaught_keyboard_interrupt; }

int vm_handle_uncaught(void) {
    /* CPython then ends by SIGINT itself (so a calling shell sees the interrupt): main() does
     * that after finalizing, when this flag is set. */
    if (err_matches(Exc_KeyboardInterrupt)) uncaught_keyboard_interrupt = true;
    if (err_matches(Exc_SystemExit)) {
        Obj *exc = err_fetch();
        int status = exit_status_from_system_exit(exc);
        DECREF(exc);
        return status;
    }
    err_print();
    return 1;
}

static int run_code_in_main(const char *source, const char *filename, const char *file_attr) {
    Obj *code = vm_compile_source(source, filename, COMPILE_EXEC);
    if (!code) return vm_handle_uncaught();
    Interp *interp = vm_interp();
    Obj *globals = MODULE_DICT(interp->main_module);
    if (file_attr) {
        Obj *f = str_from_fs(file_attr);
        if (!f || dict_set(globals, NAME(__file__), f) < 0) {
            XDECREF(f);
            DECREF(code);
            return vm_handle_uncaught();
        }
        DECREF(f);
    }
    Obj *result = vm_eval_code((CodeObj *)code, globals, globals);
    DECREF(code);
    if (!result) return vm_handle_uncaught();
    DECREF(result);
    return 0;
}

/* CPython's tokenizer refuses a NUL byte in a source file; vm_compile_source takes a C string,
 * so the check happens here: SyntaxError at the NUL's line, showing the line up to it. */
static int refuse_null_bytes(const char *source, size_t size, const char *filename) {
    size_t nul = strlen(source);
    if (nul >= size) return 0;
    int lineno = 1;
    const char *line = source;
    for (const char *p = source; p < source + nul; p++)
        if (*p == '\n') { lineno++; line = p + 1; }
    err_syntax(Exc_SyntaxError, "source code cannot contain null bytes", filename, lineno, 0, line,
               lineno, 0);
    return -1;
}

int vm_run_file(const char *path) {
    size_t size = 0;
    char *source = vm_read_file(path, &size);
    if (!source) {
        fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", "vitrine", path, errno,
                strerror(errno));
        return 2;
    }
    /* As CPython 3.9+, the script is known by its absolute path (__file__, tracebacks). */
    char abspath[PATH_MAX];
    const char *name = realpath(path, abspath) ? abspath : path;
    if (refuse_null_bytes(source, size, name) < 0) {
        free(source);
        return vm_handle_uncaught();
    }
    int status = run_code_in_main(source, name, name);
    free(source);
    return status;
}

int vm_run_string(const char *source, const char *filename) {
    return run_code_in_main(source, filename, NULL);
}

int vm_run_module(const char *modname) {
    char *path = import_find_module_file(modname);
    if (!path) {
        if (err_occurred()) err_clear();
        fprintf(stderr, "vitrine: No module named %s\n", modname);
        return 1;
    }
    int status = vm_run_file(path);
    free(path);
    return status;
}
