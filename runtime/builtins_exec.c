/* builtins_exec.c: builtins that reach into the interpreter: print, input, exec, eval, compile,
 * globals, locals, vars, dir and __import__. */
#include <string.h>
#include "types.h"
#include "vm.h"
#include "names.h"
#include "fileio.h"
#include "objcore.h"
#include "builtins_impl.h"

/* ---- print / input ---- */

static int write_obj(Obj *file, Obj *s, bool fast) {
    if (fast) return file_write_str(file, s);
    Obj *r = obj_call_method(file, NAME(write), &s, 1);
    if (!r) return -1;
    DECREF(r);
    return 0;
}

/* The default separator and end, made once (print is hot). */
static Obj *space, *newline;

Obj *b_print(BUILTIN_ARGS) {
    Obj *sep = NULL, *end = NULL, *file = NULL, *flush = NULL;
    size_t nkw = kwnames ? TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        Obj *k = TUPLE_GET(kwnames, i), *v = args[nargs + i];
        if (str_eq_cstr(k, "sep")) sep = v;
        else if (str_eq_cstr(k, "end")) end = v;
        else if (str_eq_cstr(k, "file")) file = v;
        else if (str_eq_cstr(k, "flush")) flush = v;
        else return err_format(Exc_TypeError, "'%U' is an invalid keyword argument for print()", k);
    }
    if (sep == V_None) sep = NULL;
    if (end == V_None) end = NULL;
    if (sep && !STR_CHECK(sep))
        return err_format(Exc_TypeError, "sep must be None or a string, not %s", TP_NAME(TYPE(sep)));
    if (end && !STR_CHECK(end))
        return err_format(Exc_TypeError, "end must be None or a string, not %s", TP_NAME(TYPE(end)));
    if (!file || file == V_None) {
        file = sys_get_borrowed("stdout");
        if (!file) return err_set_str(Exc_RuntimeError, "lost sys.stdout");
        if (file == V_None) RETURN_NONE;
    }
    INCREF(file);
    bool fast = file_check(file) && TYPE(file) == &Type_TextIOWrapper;
    for (size_t i = 0; i < nargs; i++) {
        if (i > 0) {
            if (sep) {
                if (write_obj(file, sep, fast) < 0) goto fail;
            } else {
                if (!space && !(space = str_intern_cstr(" "))) goto fail;
                if (write_obj(file, space, fast) < 0) goto fail;
            }
        }
        Obj *s = obj_str(args[i]);
        if (!s) goto fail;
        int r = write_obj(file, s, fast);
        DECREF(s);
        if (r < 0) goto fail;
    }
    if (end) {
        if (write_obj(file, end, fast) < 0) goto fail;
    } else {
        if (!newline && !(newline = str_intern_cstr("\n"))) goto fail;
        if (write_obj(file, newline, fast) < 0) goto fail;
    }
    if (flush) {
        int t = obj_is_true(flush);
        if (t < 0 || (t && file_flush(file) < 0)) goto fail;
    }
    DECREF(file);
    RETURN_NONE;
fail:
    DECREF(file);
    return NULL;
}

Obj *b_input(BUILTIN_ARGS) {
    if (args_check_count("input", nargs, kwnames, 0, 1) < 0) return NULL;
    Obj *in = sys_get_borrowed("stdin"), *out = sys_get_borrowed("stdout");
    if (!in || in == V_None) return err_set_str(Exc_RuntimeError, "input(): lost sys.stdin");
    if (!out || out == V_None) return err_set_str(Exc_RuntimeError, "input(): lost sys.stdout");
    Obj *err = sys_get_borrowed("stderr");
    if (err && err != V_None && file_flush(err) < 0) err_clear();
    if (nargs == 1) {
        Obj *p = obj_str(args[0]);
        if (!p) return NULL;
        int r = write_obj(out, p, false);
        DECREF(p);
        if (r < 0) return NULL;
    }
    if (file_flush(out) < 0) return NULL;
    Obj *line = obj_call_method(in, NAME(readline), NULL, 0);
    if (!line) return NULL;
    if (!STR_CHECK(line)) {
        DECREF(line);
        return err_set_str(Exc_TypeError, "object.readline() returned non-string");
    }
    size_t n = STR_SIZE(line);
    if (n == 0) {
        DECREF(line);
        return err_set_str(Exc_EOFError, "EOF when reading a line");
    }
    if (STR_DATA(line)[n - 1] == '\n') {
        Obj *r = str_from_utf8(STR_DATA(line), n - 1);
        DECREF(line);
        return r;
    }
    return line;
}

/* ---- globals / locals / vars / dir ---- */

static Frame *caller_frame(void) { return vm_ts()->frame; }

Obj *b_globals(BUILTIN_ARGS) {
    Frame *f = caller_frame();
    if (f && f->globals) return NEWREF(f->globals);
    return NEWREF(MODULE_DICT(vm_interp()->main_module));
}

/* The caller's locals: its mapping (module/class/exec code) or a snapshot of fast locals. */
static Obj *current_locals(void) {
    Frame *f = caller_frame();
    if (!f) return NEWREF(MODULE_DICT(vm_interp()->main_module));
    if (f->locals) return NEWREF(f->locals);
    return obj_getattr_cstr((Obj *)f, "f_locals");
}

Obj *b_locals(BUILTIN_ARGS) { return current_locals(); }

Obj *b_vars(BUILTIN_ARGS) {
    if (args_check_count("vars", nargs, kwnames, 0, 1) < 0) return NULL;
    if (nargs == 0) return current_locals();
    Obj *d = obj_getattr_opt(args[0], NAME(__dict__));
    if (d || err_occurred()) return d;
    return err_set_str(Exc_TypeError, "vars() argument must have __dict__ attribute");
}

Obj *b_dir(BUILTIN_ARGS) {
    if (args_check_count("dir", nargs, kwnames, 0, 1) < 0) return NULL;
    if (nargs == 1) return obj_dir(args[0]);
    Obj *loc = current_locals();
    if (!loc) return NULL;
    Obj *l;
    if (DICT_CHECK(loc)) {
        l = dict_keys_list(loc);
    } else {
        Obj *keys = obj_call_method(loc, NAME(keys), NULL, 0);
        l = keys ? seq_to_list(keys) : NULL;
        XDECREF(keys);
    }
    DECREF(loc);
    if (!l) return NULL;
    if (list_sort(l, NULL, false) < 0) { DECREF(l); return NULL; }
    return l;
}

/* ---- compile / exec / eval ---- */

/* Source text from str/bytes/bytearray; *tmp owns a copy when needed. */
static const char *source_text(Obj *src, const char *fname, Obj **keep) {
    *keep = NULL;
    const char *s;
    size_t n;
    if (STR_CHECK(src)) {
        s = STR_DATA(src);
        n = STR_SIZE(src);
    } else if (BYTES_CHECK(src)) {
        s = BYTES_DATA(src);
        n = BYTES_SIZE(src);
    } else if (IS_TYPE(src, &Type_bytearray)) {
        *keep = bytes_from_data(((ByteArrayObj *)src)->data, ((ByteArrayObj *)src)->size);
        if (!*keep) return NULL;
        s = BYTES_DATA(*keep);
        n = BYTES_SIZE(*keep);
    } else {
        err_format(Exc_TypeError, "%s() arg 1 must be a string, bytes or code object", fname);
        return NULL;
    }
    if (strlen(s) != n) {
        XDECREF(*keep);
        *keep = NULL;
        err_set_str(Exc_ValueError, "source code string cannot contain null bytes");
        return NULL;
    }
    return s;
}

Obj *b_compile(BUILTIN_ARGS) {
    static const char *const names[] = {"source", "filename", "mode", "flags", "dont_inherit",
                                        "optimize", "_feature_version"};
    Obj *a[7];
    if (args_parse("compile", args, nargs, kwnames, names, 7, 3, 6, a) < 0) return NULL;
    if (!STR_CHECK(a[2]))
        return err_format(Exc_TypeError, "compile() argument 'mode' must be str, not %s", TP_NAME(TYPE(a[2])));
    const char *m = str_cstr(a[2]);
    CompileMode mode;
    if (!strcmp(m, "exec")) mode = COMPILE_EXEC;
    else if (!strcmp(m, "eval")) mode = COMPILE_EVAL;
    else if (!strcmp(m, "single")) mode = COMPILE_SINGLE;
    else return err_set_str(Exc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
    if (a[3]) {
        int64_t flags = obj_as_index_i64(a[3], Exc_OverflowError);
        if (flags == -1 && err_occurred()) return NULL;
        if (flags & 0x400)
            return err_set_str(Exc_NotImplementedError, "compile(): PyCF_ONLY_AST (ast output) is not supported");
    }
    Obj *fn = a[1];
    Obj *fname;
    if (STR_CHECK(fn)) fname = NEWREF(fn);
    else if (BYTES_CHECK(fn)) fname = str_from_fs(BYTES_DATA(fn));
    else {
        Obj *fsp = obj_lookup_special(fn, str_intern_cstr("__fspath__"));
        if (!fsp) {
            if (err_occurred()) return NULL;
            return err_format(Exc_TypeError, "expected str, bytes or os.PathLike object, not %s", TP_NAME(TYPE(fn)));
        }
        fname = obj_call0(fsp);
        DECREF(fsp);
    }
    if (!fname) return NULL;
    if (IS_TYPE(a[0], &Type_code)) { DECREF(fname); return NEWREF(a[0]); }
    Obj *keep;
    if (!STR_CHECK(a[0]) && !BYTES_CHECK(a[0]) && !IS_TYPE(a[0], &Type_bytearray)) {
        DECREF(fname);
        return err_set_str(Exc_TypeError, "compile() arg 1 must be a string, bytes or AST object");
    }
    const char *src = source_text(a[0], "compile", &keep);
    if (!src) { DECREF(fname); return NULL; }
    Obj *code = vm_compile_source(src, str_cstr(fname), mode);
    XDECREF(keep);
    DECREF(fname);
    return code;
}

/* Resolve exec/eval's (globals, locals) as CPython: defaults from the caller, __builtins__
 * inserted into globals when missing. New references in *g and *l. */
static int exec_namespaces(const char *fname, Obj *globals, Obj *locals, Obj **g, Obj **l) {
    if (globals == V_None) globals = NULL;
    if (locals == V_None) locals = NULL;
    bool is_eval = !strcmp(fname, "eval");
    if (is_eval && locals && !TYPE(locals)->getitem) {
        err_set_str(Exc_TypeError, "locals must be a mapping");
        return -1;
    }
    if (globals && !DICT_CHECK(globals)) {
        if (is_eval)
            err_set_str(Exc_TypeError, TYPE(globals)->getitem ? "globals must be a real dict; try eval(expr, {}, mapping)"
                                                              : "globals must be a dict");
        else
            err_format(Exc_TypeError, "exec() globals must be a dict, not %s", TP_NAME(TYPE(globals)));
        return -1;
    }
    if (!is_eval && locals && !TYPE(locals)->getitem) {
        err_format(Exc_TypeError, "locals must be a mapping or None, not %s", TP_NAME(TYPE(locals)));
        return -1;
    }
    if (!globals) {
        Frame *f = caller_frame();
        globals = f && f->globals ? f->globals : MODULE_DICT(vm_interp()->main_module);
        INCREF(globals);
        *l = locals ? NEWREF(locals) : current_locals();
        if (!*l) { DECREF(globals); return -1; }
    } else {
        INCREF(globals);
        *l = NEWREF(locals ? locals : globals);
    }
    *g = globals;
    int has = dict_contains(globals, NAME(__builtins__));
    if (has < 0 || (!has && dict_set(globals, NAME(__builtins__), vm_interp()->builtins) < 0)) {
        DECREF(*g);
        DECREF(*l);
        return -1;
    }
    return 0;
}

static Obj *exec_or_eval(const char *fname, Obj *const *args, size_t nargs, Obj *kwnames, bool is_eval) {
    static const char *const names[] = {"", "globals", "locals", "closure"};
    Obj *a[4];
    if (args_parse(fname, args, nargs, kwnames, names, is_eval ? 3 : 4, 1, 3, a) < 0) return NULL;
    Obj *g, *l;
    Obj *src = a[0];
    if (!IS_TYPE(src, &Type_code) && !STR_CHECK(src) && !BYTES_CHECK(src) && !IS_TYPE(src, &Type_bytearray))
        return err_format(Exc_TypeError, "%s() arg 1 must be a string, bytes or code object", fname);
    if (exec_namespaces(fname, a[1], a[2], &g, &l) < 0) return NULL;
    Obj *code;
    if (IS_TYPE(src, &Type_code)) {
        code = NEWREF(src);
    } else {
        Obj *keep;
        const char *text = source_text(src, fname, &keep);
        if (!text) { DECREF(g); DECREF(l); return NULL; }
        if (is_eval)
            while (*text == ' ' || *text == '\t') text++;
        code = vm_compile_source(text, "<string>", is_eval ? COMPILE_EVAL : COMPILE_EXEC);
        XDECREF(keep);
    }
    Obj *r = NULL;
    if (code) {
        r = vm_eval_code((CodeObj *)code, g, l);
        DECREF(code);
    }
    DECREF(g);
    DECREF(l);
    if (r && !is_eval) {
        DECREF(r);
        RETURN_NONE;
    }
    return r;
}

Obj *b_exec(BUILTIN_ARGS) { return exec_or_eval("exec", args, nargs, kwnames, false); }
Obj *b_eval(BUILTIN_ARGS) { return exec_or_eval("eval", args, nargs, kwnames, true); }

Obj *b___import__(BUILTIN_ARGS) {
    static const char *const names[] = {"name", "globals", "locals", "fromlist", "level"};
    Obj *a[5];
    if (args_parse("__import__", args, nargs, kwnames, names, 5, 1, 5, a) < 0) return NULL;
    if (!STR_CHECK(a[0]))
        return err_set_str(Exc_TypeError, "module name must be a string");   /* CPython's wording */
    int64_t level = 0;
    if (a[4]) {
        level = obj_as_index_i64(a[4], Exc_OverflowError);
        if (level == -1 && err_occurred()) return NULL;
    }
    if (level < 0) return err_set_str(Exc_ValueError, "level must be >= 0");
    Obj *globals = a[1] && a[1] != V_None ? a[1] : NULL;
    return import_name(a[0], globals, a[3] ? a[3] : V_None, (int)level);
}
