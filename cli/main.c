/* main.c: the `vitrine` command: option parsing, then a script, -c code, -m module, piped
 * stdin, or the interactive REPL. Exit status: 0, 1 on an uncaught exception, 2 on misuse. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "vm.h"
#include "trace.h"
#include "gc.h"
#include "modules.h"
#include "disasm.h"
#include "repl.h"
#include "fileio.h"

#define VITRINE_VERSION_TEXT "Vitrine 0.1.0 (Python 3.11 semantics)"

static void usage(FILE *out) {
    fprintf(out,
            "usage: vitrine [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
            "Options:\n"
            "  -c cmd           program passed in as string (terminates option list)\n"
            "  -m mod           run library module as a script (terminates option list)\n"
            "  -i               inspect interactively after running script\n"
            "  -h, --help       print this help message and exit\n"
            "  -V, --version    print the version number and exit\n"
            "  --dis FILE       print the bytecode of FILE and exit\n"
            "  --trace=KINDS    watch internals, comma-separated: call, line, gil, gc, refs,\n"
            "                   attr, class, task\n"
            "  --trace-file P   write trace events to P instead of stderr\n"
            "  --gc-stats       at exit, print a cycle collector summary on stderr\n"
            "  -u, -B, -E, -s, -S  accepted for compatibility; no effect\n"
            "file               program read from script file\n"
            "-                  program read from stdin (default; interactive mode if a tty)\n"
            "arg ...            arguments passed to program in sys.argv[1:]\n");
}

typedef struct Options {
    const char *command;     /* -c */
    const char *module;      /* -m */
    const char *script;      /* file or "-" */
    const char *dis_file;    /* --dis */
    bool inspect;            /* -i */
    int argc;                /* sys.argv */
    char **argv;
} Options;

/* Parse options; returns -1 (after printing) on a usage error, 1 when done (help/version). */
static int parse_options(int argc, char **argv, Options *o) {
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-c") == 0 || strcmp(a, "-m") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "Argument expected for the %s option\n", a);
                usage(stderr);
                return -1;
            }
            if (a[1] == 'c') o->command = argv[i + 1];
            else o->module = argv[i + 1];
            /* sys.argv[0] is "-c" (or "-m" until the module's path is known), then the rest. */
            o->argc = argc - i - 1;
            o->argv = argv + i + 1;
            o->argv[0] = a[1] == 'c' ? "-c" : "-m";
            return 0;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { usage(stdout); return 1; }
        if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            printf("%s\n", VITRINE_VERSION_TEXT);
            return 1;
        }
        if (strcmp(a, "-i") == 0) { o->inspect = true; continue; }
        if (strcmp(a, "-u") == 0 || strcmp(a, "-B") == 0 || strcmp(a, "-E") == 0 ||
            strcmp(a, "-s") == 0 || strcmp(a, "-S") == 0)
            continue;
        if (strcmp(a, "--dis") == 0) {
            if (i + 1 >= argc) { fprintf(stderr, "Argument expected for --dis\n"); return -1; }
            o->dis_file = argv[++i];
            continue;
        }
        if (strncmp(a, "--trace=", 8) == 0) {
            if (trace_enable_spec(a + 8) < 0) {
                fprintf(stderr, "vitrine: unknown trace kind in '%s'\n", a + 8);
                return -1;
            }
            continue;
        }
        if (strcmp(a, "--gc-stats") == 0) { gc_stats_at_exit = true; continue; }
        if (strcmp(a, "--trace-file") == 0) {
            if (i + 1 >= argc || trace_set_file(argv[i + 1]) < 0) {
                fprintf(stderr, "vitrine: cannot open trace file\n");
                return -1;
            }
            i++;
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "Unknown option: %s\n", a);
            usage(stderr);
            return -1;
        }
        break;
    }
    if (i < argc) {
        o->script = argv[i];
        o->argc = argc - i;
        o->argv = argv + i;
    } else {
        static char *empty_argv[] = {""};
        o->argc = 1;
        o->argv = empty_argv;
    }
    return 0;
}

static char *dir_of(const char *path) {
    char buf[PATH_MAX];
    const char *p = realpath(path, buf) ? buf : path;
    const char *slash = strrchr(p, '/');
    return slash ? strndup(p, (size_t)(slash - p) ? (size_t)(slash - p) : 1) : strdup("");
}

/* The script argument as CPython names it in messages: made absolute with the cwd. */
static void absolute_name(const char *path, char *out, size_t size) {
    char cwd[PATH_MAX];
    const char *prefix = path[0] == '/' ? "" : getcwd(cwd, sizeof cwd) ? cwd : ".";
    snprintf(out, size, "%s%s%s", prefix, *prefix ? "/" : "", path);
}

/* Run `vitrine PATH`: a file, or a directory holding __main__.py (as CPython). Returns the
 * exit status, or -1 with an exception set. */
static int run_script_arg(const char *script) {
    char shown[2 * PATH_MAX + 2];
    struct stat st;
    if (stat(script, &st) == 0 && S_ISDIR(st.st_mode)) {
        char main_py[PATH_MAX + 16];
        snprintf(main_py, sizeof main_py, "%s/__main__.py", script);
        absolute_name(script, shown, sizeof shown);
        if (access(main_py, R_OK) != 0) {
            fprintf(stderr, "vitrine: can't find '__main__' module in '%s'\n", shown);
            return 1;
        }
        char real[PATH_MAX];
        if (sys_path_insert0(realpath(script, real) ? real : script) < 0) return -1;
        return vm_run_file(main_py);
    }
    char *dir = dir_of(script);
    if (sys_path_insert0(dir) < 0) { free(dir); return -1; }
    free(dir);
    if (access(script, R_OK) != 0) {
        int e = errno;
        absolute_name(script, shown, sizeof shown);
        fprintf(stderr, "vitrine: can't open file '%s': [Errno %d] %s\n", shown, e, strerror(e));
        return 2;
    }
    return vm_run_file(script);
}

static int disassemble_file(const char *path) {
    char *src = vm_read_file(path, NULL);
    if (!src) { perror(path); return 2; }
    Obj *code = vm_compile_source(src, path, COMPILE_EXEC);
    free(src);
    if (!code) return vm_handle_uncaught();
    code_disassemble((CodeObj *)code, stdout);
    DECREF(code);
    return 0;
}

static int run_stdin(void) {
    char *buf = vm_read_stream(stdin, NULL);
    if (!buf) { perror("vitrine: <stdin>"); return 1; }
    int status = vm_run_string(buf, "<stdin>");
    free(buf);
    return status;
}

int main(int argc, char **argv) {
    Options o = {0};
    int rc = parse_options(argc, argv, &o);
    if (rc != 0) return rc < 0 ? 2 : 0;

    /* As CPython: a closed pipe makes writes fail with BrokenPipeError instead of killing us. */
    signal(SIGPIPE, SIG_IGN);
    Interp *interp = vm_init(o.argc, o.argv);
    if (!interp) return 1;

    int status;
    if (o.dis_file) {
        status = disassemble_file(o.dis_file);
    } else if (o.command) {
        if (sys_path_insert0("") < 0) return vm_handle_uncaught();
        status = vm_run_string(o.command, "<string>");
    } else if (o.module) {
        char cwd[PATH_MAX];
        if (sys_path_insert0(getcwd(cwd, sizeof cwd) ? cwd : "") < 0) return vm_handle_uncaught();
        status = vm_run_module(o.module);
    } else if (o.script && strcmp(o.script, "-") != 0) {
        status = run_script_arg(o.script);
        if (status < 0) return vm_handle_uncaught();
    } else if (isatty(0)) {
        if (sys_path_insert0("") < 0) return vm_handle_uncaught();
        status = repl_run(interp);
        o.inspect = false;
    } else {
        if (sys_path_insert0("") < 0) return vm_handle_uncaught();
        status = run_stdin();
    }
    if (o.inspect && isatty(0)) status = repl_run(interp);
    status = vm_finalize(interp, status);
    if (file_std_flush_failed()) status = 120;   /* as CPython when flushing stdout fails */
    if (vm_uncaught_keyboard_interrupt()) {
        /* As CPython: end by the default SIGINT action so the parent sees the interrupt. */
        fflush(NULL);
        signal(SIGINT, SIG_DFL);
        kill(getpid(), SIGINT);
        return 130;
    }
    return status;
}
