/* repl.c: the interactive prompt. Lines are read with GNU readline (editing, persistent
 * history in ~/.vitrine_history); a statement is compiled once the parser says it is complete,
 * expression values are echoed through sys.displayhook, errors print a traceback and the loop
 * goes on. Ctrl-C cancels the current input, Ctrl-D leaves. */
#include <signal.h>
#include <sys/select.h>
#include <stdlib.h>
#include <string.h>
#include <readline/readline.h>
#include <readline/history.h>
#include "repl.h"
#include "ast.h"
#include "modules.h"

#define BANNER "Vitrine 0.1.0 (Python 3.11 semantics). Watch the insides: import vitrine\n" \
               "Type exit() or press Ctrl-D to leave.\n"

/* Set by SIGINT while a line is being read. Reading uses readline's callback interface
 * around select(), so that Ctrl-C can abandon the input without longjmp-ing out of readline. */
static volatile sig_atomic_t interrupted;
static char *completed_line;
static bool line_done, line_eof;

static void on_sigint_at_prompt(int sig) {
    (void)sig;
    interrupted = 1;
}

static void line_handler(char *line) {
    completed_line = line;
    line_eof = line == NULL;
    line_done = true;
    rl_callback_handler_remove();
}

typedef enum { READ_LINE, READ_EOF, READ_INTERRUPTED } ReadResult;

/* Read one line with `prompt`; on READ_LINE, *out is a malloc'ed line without its newline. */
static ReadResult read_line(const char *prompt, char **out) {
    struct sigaction sa = {0}, old;
    sa.sa_handler = on_sigint_at_prompt;   /* no SA_RESTART: select() returns EINTR */
    sigaction(SIGINT, &sa, &old);
    interrupted = 0;
    line_done = line_eof = false;
    completed_line = NULL;
    rl_catch_signals = 0;
    rl_callback_handler_install(prompt, line_handler);
    ReadResult result = READ_LINE;
    while (!line_done) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(fileno(rl_instream ? rl_instream : stdin), &fds);
        /* A timeout, so a SIGINT landing just before select() is still noticed. */
        struct timeval tv = {0, 100000};
        int n = interrupted ? 0 : select(FD_SETSIZE, &fds, NULL, NULL, &tv);
        if (interrupted) {
            rl_free_line_state();
            rl_callback_sigcleanup();
            rl_replace_line("", 0);
            rl_callback_handler_remove();
            fputs("\nKeyboardInterrupt\n", stderr);
            result = READ_INTERRUPTED;
            break;
        }
        if (n > 0) rl_callback_read_char();
    }
    sigaction(SIGINT, &old, NULL);
    if (result == READ_LINE && line_eof) result = READ_EOF;
    *out = result == READ_LINE ? completed_line : NULL;
    if (result != READ_LINE) free(completed_line);
    return result;
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
    int status = 0;
    size_t cap = 0, len = 0;
    char *buffer = NULL;
    bool block = false, eof = false;
    while (!eof) {
        char *line;
        ReadResult r = read_line(len ? "... " : ">>> ", &line);
        if (r == READ_INTERRUPTED) { len = 0; block = false; continue; }
        if (r == READ_EOF) {
            fputc('\n', stderr);
            if (len == 0) break;
            eof = true;          /* run what was typed, then leave */
            line = strdup("");
        }
        if (*line) add_history(line);
        /* Accumulate lines until the statement is complete. */
        size_t n = strlen(line);
        if (len + n + 2 > cap) {
            cap = (len + n + 2) * 2;
            char *nb = realloc(buffer, cap);
            if (!nb) { free(line); break; }
            buffer = nb;
        }
        if (len == 0) block = starts_block(line);
        memcpy(buffer + len, line, n);
        len += n;
        buffer[len++] = '\n';
        buffer[len] = '\0';
        free(line);
        int state = input_state(buffer);
        bool blank = n == 0;
        if (state == 0 && !eof) continue;            /* needs more input */
        if (state == 1 && block && !blank && !eof) continue;  /* blocks end with an empty line */
        bool only_space = strspn(buffer, " \t\n") == len;
        len = 0;
        block = false;
        if (!only_space) run_source(buffer);
        if (err_matches(Exc_SystemExit)) { status = vm_handle_uncaught(); break; }
    }
    free(buffer);
    if (hist) { write_history(hist); free(hist); }
    return status;
}
