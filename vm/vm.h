/* vm.h: interpreter state, thread state, frames and the entry points of the VM.
 *
 * The current thread's state is reachable through vm_ts(), a thread-local pointer: the one
 * piece of implicit state, as in CPython, because every error path needs it. Everything
 * else (modules, builtins, GC and trace settings) hangs off the Interp it points to.
 */
#ifndef VITRINE_VM_H
#define VITRINE_VM_H

#include "object.h"
#include "code.h"
#include "types.h"

typedef struct Interp Interp;
typedef struct ThreadState ThreadState;
typedef struct Frame Frame;

/* A handler block pushed by SETUP_FINALLY. */
typedef struct Block {
    int32_t handler;      /* instruction index to jump to */
    int32_t stack_level;  /* value stack depth to restore */
} Block;

/* An executing (or suspended) function activation. Generator frames live on the heap inside
 * the generator object; others come from the thread's frame allocator. The layout is:
 * the struct, then localsplus[nlocals + ncells + nfrees + stacksize]. */
struct Frame {
    Obj ob;               /* frames are objects (tracebacks and generators refer to them) */
    Frame *back;          /* caller */
    CodeObj *code;
    Obj *func;            /* the FunctionObj (or NULL for module/class/exec code) */
    Obj *globals, *builtins;
    Obj *locals;          /* mapping for module/class/exec code, else NULL */
    int lasti;            /* index of the instruction being executed */
    int stack_top;        /* value stack depth when suspended or unwinding */
    int block_top;
    Block *blocks;        /* code->blockdepth entries */
    Obj *gen;             /* owning generator/coroutine (borrowed), or NULL */
    bool on_heap;         /* owned by a generator or kept alive by a traceback */
    bool executing;
    Obj *localsplus[];    /* locals, then cells+frees, then the value stack */
};

struct ThreadState {
    Interp *interp;
    ThreadState *next;         /* all thread states of the interpreter */
    Frame *frame;              /* innermost executing frame */
    Obj *curexc;               /* the exception being raised, or NULL */
    Obj *handled;              /* the exception being handled (sys.exc_info()), or NULL */
    int depth;                 /* Python call depth, for RecursionError */
    int c_depth;               /* C recursion depth (repr, compare, ...), for RecursionError */
    uint64_t ident;            /* threading.get_ident() */
    uint64_t native_id;
    Obj *name;                 /* thread name for traces (str), may be NULL */
    Obj *repr_stack;           /* list of objects being repr'ed (repr_enter/leave) */
    void *gil_stats;           /* GIL bookkeeping (vm/gil.c) */
    Obj *dict;                 /* threading.local storage and per-thread data */
};

struct Interp {
    Obj *modules;              /* sys.modules (dict) */
    Obj *builtins;             /* the builtins module's dict */
    Obj *builtins_module;
    Obj *sys_module;
    Obj *sysdict;
    Obj *main_module;
    Obj *importlib_hooks;      /* reserved */
    ThreadState *threads;      /* linked list of thread states */
    int recursion_limit;       /* sys.getrecursionlimit(), default 1000 */
    volatile int eval_breaker; /* nonzero: the eval loop must call vm_handle_breaker() soon */
    volatile int pending_signals;
    int interactive;           /* REPL mode */
    const char *exe_dir;       /* directory of the vitrine binary */
    Obj *lib_paths;            /* list of directories with Python-source stdlib modules */
    void *gc_state;            /* vm/gc.c */
    void *gil;                 /* vm/gil.c */
    bool finalizing;           /* shutting down: module globals are being cleared */
};

/* The current thread state. */
extern _Thread_local ThreadState *vm_current_ts;
static inline ThreadState *vm_ts(void) { return vm_current_ts; }
static inline Interp *vm_interp(void) { return vm_current_ts->interp; }

/* ---- lifecycle (vm/interp.c) ---- */
/* Create the interpreter, intern names, ready all built-in types, create builtins and sys.
 * argv: sys.argv contents. Returns NULL on failure (message printed). */
Interp *vm_init(int argc, char **argv);
/* Run atexit handlers, join threads, flush stdio; returns the exit status to use. */
int vm_finalize(Interp *interp, int status);

/* ---- running code (vm/eval.c, vm/run.c) ---- */
/* Execute a code object with the given globals/locals mappings (module, exec, class body). */
Obj *vm_eval_code(CodeObj *code, Obj *globals, Obj *locals) VT_MUST_CHECK;
/* Call a Python function (FunctionObj) with vectorcall arguments. */
Obj *vm_call_function(Obj *func, Obj *const *args, size_t nargs, Obj *kwnames) VT_MUST_CHECK;
/* Resume a suspended generator frame, sending `value` (or throwing when `exc` is non-NULL).
 * Returns the yielded value with *returned = false, or the return value with *returned = true,
 * or NULL with an error. */
Obj *vm_resume_frame(Frame *f, Obj *value, Obj *exc, bool *returned) VT_MUST_CHECK;
/* Run a class body: func's code with `ns` as its locals mapping and func's closure; returns
 * the body's return value (the __class__ cell or None). Used by __build_class__. */
Obj *vm_eval_class_body(Obj *func, Obj *ns) VT_MUST_CHECK;
/* Serve the eval breaker: pending signals (KeyboardInterrupt), GIL drop requests. 0 or -1. */
int vm_handle_breaker(ThreadState *ts);
/* Enter/leave a C-level recursion guard ("maximum recursion depth exceeded" + where). */
int vm_enter_recursive_call(const char *where);
void vm_leave_recursive_call(void);

/* ---- compiling (compiler/compile.c glue) ---- */
typedef enum { COMPILE_EXEC, COMPILE_EVAL, COMPILE_SINGLE } CompileMode;
/* Compile source text to a code object; SyntaxError set on failure. */
Obj *vm_compile_source(const char *source, const char *filename, CompileMode mode) VT_MUST_CHECK;

/* Run a file / a string as __main__; returns 0, or 1 after printing an uncaught exception.
 * SystemExit is turned into its exit status. */
int vm_run_file(const char *path);
int vm_run_string(const char *source, const char *filename);
int vm_run_module(const char *modname);
/* Print the uncaught current exception (handling SystemExit) and return the exit status. */
int vm_handle_uncaught(void);
/* True once vm_handle_uncaught saw a KeyboardInterrupt: the process should then die by SIGINT
 * after finalizing, as CPython does (vm/run.c; appended by errtests). */
bool vm_uncaught_keyboard_interrupt(void);

/* Run the functions registered with atexit (stdlib/atexitmodule.c), last first. */
int vm_run_atexit(void);

/* ---- imports (vm/import.c) ---- */
Obj *import_module(const char *name) VT_MUST_CHECK;      /* importlib.import_module(name) */
Obj *import_name(Obj *name, Obj *globals, Obj *fromlist, int level) VT_MUST_CHECK;  /* __import__ */
/* Built-in C modules: name -> init function (stdlib/modules.c holds the table). */
typedef Obj *(*ModuleInitFunc)(void);
typedef struct BuiltinModule {
    const char *name;
    ModuleInitFunc init;
} BuiltinModule;
extern const BuiltinModule builtin_modules[];   /* ends with {NULL, NULL} */
/* Path of the source file `python -m name` would run (malloc'ed), or NULL. */
char *import_find_module_file(const char *name);
/* Read a whole file into a NUL-terminated malloc'ed buffer; NULL with errno set. */
char *vm_read_file(const char *path, size_t *size_out);
/* The same for an open stream (read to its end). */
char *vm_read_stream(FILE *f, size_t *size_out);


/* ---- tracebacks (vm/traceback.c; appended by the vm helper) ----
 * One entry per frame an exception passed through, newest last in the tb_next chain.
 * tb_lasti is an instruction index into frame->code (positions give line and columns). */
typedef struct TracebackObj {
    Obj ob;
    Obj *next;        /* TracebackObj or NULL */
    Frame *frame;     /* owned reference */
    int lasti;        /* instruction index */
    int lineno;       /* line of lasti, -1 if unknown */
} TracebackObj;

#endif
