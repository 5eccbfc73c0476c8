/* repl.c: the interactive prompt. Lines are read with GNU readline (editing, persistent
 * history in ~/.vitrine_history); a statement is compiled once the parser says it is complete,
 * expression values are echoed through sys.displayhook, errors print a traceback and the loop
 * goes on. Ctrl-C cancels the current input, Ctrl-D leaves. */
#include <signal.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <readline/readline.h>
#include <readline/history.h>
#include "repl.h"
#include "ast.h"
#include "modules.h"

#define BANNER "Vitrine 0.1.0 (Python 3.11 semantics). Watch the insides: --trace=call,line,...\n" \
               "Type help(), copyright() or exit() as in Python; Ctrl-D leaves.\n"

static sigjmp_buf prompt_jump;
static volatile sig_atomic_t at_prompt;

/* While reading a line, Ctrl-C abandons the input; during execution the VM's own SIGINT
 * handler (vm/breaker.c) turns it into KeyboardInterrupt. */
static void on_sigint_at_prompt(int sig) {
    (void)sig;
    if (at_prompt) siglongjmp(prompt_jump, 1);
}

static char *history_path(void) {
    const char *home = getenv("HOME");
    if (!home) return NULL;
    size_t n = strlen(home) + 32;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/.vitrine_history", home);
    return p;
}

/* 1: source is a complete statement, 0: needs more lines, -1: a syntax error (report it). */
static int input_state(const char *source) {
    Arena *arena = arena_new();
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    Node *mod = parse_source(arena, source, "<stdin>", PARSE_SINGLE, &err);
    int state = mod ? 1 : (err.incomplete ? 0 : -1);
    syntax_error_info_free(&err);
    arena_free(arena);
    return state;
}

/* A compound statement is finished by an empty line, as in CPython's REPL. */
static bool starts_block(const char *line) {
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t')) n--;
    return n > 0 && line[n - 1] == ':';
}

static void run_source(const char *source) {
    Obj *code = vm_compile_source(source, "<stdin>", COMPILE_SINGLE);
    if (!code) { err_print(); return; }
    Obj *globals = MODULE_DICT(vm_interp()->main_module);
    Obj *r = vm_eval_code((CodeObj *)code, globals, globals);
    DECREF(code);
    if (r) { DECREF(r); return; }
    if (err_matches(Exc_SystemExit)) return;   /* handled by the caller */
    err_print();
}

int repl_run(Interp *interp) {
    (void)interp;
    char *hist = history_path();
    using_history();
    if (hist) read_history(hist);
    fputs(BANNER, stderr);
    struct sigaction sa = {0}, old;
    sa.sa_handler = on_sigint_at_prompt;
    int status = 0;
    size_t cap = 0;
    char *buffer = NULL;
    for (;;) {
        free(buffer);
        buffer = NULL;
        cap = 0;
        bool block = false;
        sigaction(SIGINT, &sa, &old);
        if (sigsetjmp(prompt_jump, 1)) {
            fputs("\nKeyboardInterrupt\n", stderr);
            rl_free_line_state();
            rl_cleanup_after_signal();
            free(buffer);
            buffer = NULL;
            cap = 0;
            block = false;
        }
        at_prompt = 1;
        char *line = readline(buffer ? "... " : ">>> ");
        at_prompt = 0;
        sigaction(SIGINT, &old, NULL);
        if (!line) { fputc('\n', stderr); break; }
        if (*line) add_history(line);
        /* Accumulate lines until the statement is complete. */
        for (;;) {
            size_t len = buffer ? strlen(buffer) : 0, n = strlen(line);
            if (len + n + 2 > cap) {
                cap = (len + n + 2) * 2;
                char *nb = realloc(buffer, cap);
                if (!nb) { free(line); goto out; }
                buffer = nb;
            }
            memcpy(buffer + len, line, n);
            buffer[len + n] = '\n';
            buffer[len + n + 1] = '\0';
            bool blank = n == 0;
            if (len == 0) block = starts_block(line);
            free(line);
            int state = input_state(buffer);
            if (state != 0 && (!block || blank)) break;
            if (state < 0 && block) break;
            sigaction(SIGINT, &sa, &old);
            at_prompt = 1;
            line = readline("... ");
            at_prompt = 0;
            sigaction(SIGINT, &old, NULL);
            if (!line) { fputc('\n', stderr); break; }
            if (*line) add_history(line);
        }
        bool only_space = strspn(buffer, " \t\n") == strlen(buffer);
        if (!only_space) run_source(buffer);
        if (err_matches(Exc_SystemExit)) { status = vm_handle_uncaught(); break; }
    }
out:
    free(buffer);
    if (hist) { write_history(hist); free(hist); }
    return status;
}
