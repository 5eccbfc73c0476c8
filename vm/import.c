/* import.c: the import system. Resolves relative names, finds built-in C modules and .py
 * modules/packages on sys.path (or a package's __path__), executes them once and caches them in
 * sys.modules, and binds submodules as attributes of their parent package, as CPython does. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "vm.h"
#include "names.h"
#include "modules.h"


static bool file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static const BuiltinModule *find_builtin(const char *name) {
    for (const BuiltinModule *m = builtin_modules; m->name; m++)
        if (strcmp(m->name, name) == 0) return m;
    return NULL;
}

/* Look for `last` (the last dotted component) in the directories of `paths` (a list of str).
 * On success returns a malloc'ed file path and sets *is_package. */
static char *find_in_paths(Obj *paths, const char *last, bool *is_package) {
    if (!paths || !LIST_CHECK(paths)) return NULL;
    for (size_t i = 0; i < LIST_SIZE(paths); i++) {
        Obj *dir = LIST_GET(paths, i);
        if (!STR_CHECK(dir)) continue;
        const char *d = STR_SIZE(dir) ? STR_DATA(dir) : ".";
        size_t n = strlen(d) + strlen(last) + 16;
        char *path = malloc(n);
        if (!path) return NULL;
        snprintf(path, n, "%s/%s/__init__.py", d, last);
        if (file_exists(path)) { *is_package = true; return path; }
        snprintf(path, n, "%s/%s.py", d, last);
        if (file_exists(path)) { *is_package = false; return path; }
        free(path);
    }
    return NULL;
}

static Obj *module_not_found(const char *fullname) {
    Obj *msg = str_from_format("No module named '%s'", fullname);
    if (!msg) return NULL;
    Obj *exc = exc_new(Exc_ModuleNotFoundError, &msg, 1);
    DECREF(msg);
    if (!exc) return NULL;
    Obj *name = str_from_cstr(fullname);
    if (name) {
        if (obj_setattr_cstr(exc, "name", name) < 0) err_clear();
        DECREF(name);
    }
    return err_set_instance(exc);
}

/* Execute the source file at `path` as module `fullname`; the module is in sys.modules while
 * it runs and removed again if it fails. Returns a new reference. */
static Obj *load_source_module(const char *fullname, const char *path, bool is_package) {
    Interp *interp = vm_interp();
    char *source = vm_read_file(path, NULL);
    if (!source) return err_from_errno_filename(Exc_OSError, path);
    Obj *mod = module_new(fullname);
    if (!mod) { free(source); return NULL; }
    Obj *d = MODULE_DICT(mod);
    Obj *file = str_from_fs(path);
    const char *dot = strrchr(fullname, '.');
    Obj *package = is_package ? str_from_cstr(fullname)
                              : str_from_utf8(fullname, dot ? (size_t)(dot - fullname) : 0);
    int bad = !file || !package || dict_set(d, NAME(__file__), file) < 0 ||
              dict_set(d, NAME(__package__), package) < 0 ||
              dict_set(d, NAME(__builtins__), interp->builtins_module) < 0;
    if (!bad && is_package) {
        const char *slash = strrchr(path, '/');
        Obj *dir = str_from_utf8(path, slash ? (size_t)(slash - path) : 0);
        Obj *pathlist = dir ? list_from_array(&dir, 1) : NULL;
        bad = !pathlist || dict_set(d, NAME(__path__), pathlist) < 0;
        XDECREF(dir);
        XDECREF(pathlist);
    }
    XDECREF(file);
    XDECREF(package);
    Obj *code = bad ? NULL : vm_compile_source(source, path, COMPILE_EXEC);
    free(source);
    if (!code || dict_set_cstr(interp->modules, fullname, mod) < 0) {
        XDECREF(code);
        DECREF(mod);
        return NULL;
    }
    Obj *r = vm_eval_code((CodeObj *)code, d, d);
    DECREF(code);
    if (!r) {
        Obj *exc = err_fetch();
        Obj *key = str_from_cstr(fullname);
        if (key) { if (dict_del_opt(interp->modules, key) < 0) err_clear(); DECREF(key); }
        err_restore(exc);
        DECREF(mod);
        return NULL;
    }
    DECREF(r);
    /* A module may replace itself in sys.modules while executing. */
    Obj *final = dict_get_cstr(interp->modules, fullname);
    if (final && final != mod) { DECREF(mod); return NEWREF(final); }
    return mod;
}

/* Import exactly `fullname` (its parent must already be imported). New reference. */
static Obj *import_one(const char *fullname, Obj *parent) {
    Interp *interp = vm_interp();
    Obj *cached = dict_get_cstr(interp->modules, fullname);
    if (cached) return NEWREF(cached);
    if (err_occurred()) return NULL;
    const char *dot = strrchr(fullname, '.');
    const char *last = dot ? dot + 1 : fullname;
    if (!parent) {
        const BuiltinModule *bm = find_builtin(fullname);
        if (bm) {
            Obj *mod = bm->init();
            if (!mod) return NULL;
            if (dict_set_cstr(interp->modules, fullname, mod) < 0) { DECREF(mod); return NULL; }
            return mod;
        }
    }
    Obj *paths;
    if (parent) {
        paths = obj_getattr_opt(parent, NAME(__path__));
        if (!paths) {
            if (err_occurred()) return NULL;
            Obj *pkg = str_from_utf8(fullname, (size_t)(dot - fullname));
            Obj *msg = pkg ? str_from_format("No module named '%s'; '%U' is not a package",
                                             fullname, pkg) : NULL;
            XDECREF(pkg);
            if (msg) { err_set_object(Exc_ModuleNotFoundError, msg); DECREF(msg); }
            return NULL;
        }
    } else {
        paths = sys_get_object("path");
        XINCREF(paths);
    }
    bool is_package = false;
    char *path = find_in_paths(paths, last, &is_package);
    if (!path && !parent) path = find_in_paths(interp->lib_paths, last, &is_package);
    XDECREF(paths);
    if (!path) return module_not_found(fullname);
    Obj *mod = load_source_module(fullname, path, is_package);
    free(path);
    if (mod && parent) {
        Obj *attr = str_from_cstr(last);
        int rc = attr ? obj_setattr(parent, attr, mod) : -1;
        XDECREF(attr);
        if (rc < 0) { DECREF(mod); return NULL; }
    }
    return mod;
}

/* Import a dotted name, each package along the way first. Returns the LAST module. */
static Obj *import_dotted(const char *name) {
    size_t len = strlen(name);
    char *buf = malloc(len + 1);
    if (!buf) return err_no_memory();
    Obj *parent = NULL;
    for (size_t i = 0; i <= len; i++) {
        if (name[i] != '.' && name[i] != '\0') continue;
        memcpy(buf, name, i);
        buf[i] = '\0';
        Obj *mod = import_one(buf, parent);
        XDECREF(parent);
        if (!mod) { free(buf); return NULL; }
        parent = mod;
    }
    free(buf);
    return parent;
}

Obj *import_module(const char *name) { return import_dotted(name); }

/* The package a relative import in `globals` is relative to (CPython's _calc___package__). */
static Obj *calc_package(Obj *globals) {
    Obj *package = globals ? dict_get(globals, NAME(__package__)) : NULL;
    if (package && package != V_None) return NEWREF(package);
    Obj *name = globals ? dict_get(globals, NAME(__name__)) : NULL;
    if (!name || !STR_CHECK(name)) {
        err_set_str(Exc_KeyError, "'__name__' not in globals");
        return NULL;
    }
    if (dict_get(globals, NAME(__path__))) return NEWREF(name);
    const char *s = STR_DATA(name);
    const char *dot = strrchr(s, '.');
    return str_from_utf8(s, dot ? (size_t)(dot - s) : 0);
}

static Obj *resolve_relative(Obj *name, Obj *globals, int level) {
    Obj *package = calc_package(globals);
    if (!package) return NULL;
    if (STR_SIZE(package) == 0) {
        DECREF(package);
        return err_set_str(Exc_ImportError, "attempted relative import with no known parent package");
    }
    const char *base = STR_DATA(package);
    size_t end = STR_SIZE(package);
    for (int i = 1; i < level; i++) {
        while (end > 0 && base[end - 1] != '.') end--;
        if (end == 0) {
            DECREF(package);
            return err_set_str(Exc_ImportError, "attempted relative import beyond top-level package");
        }
        end--;
    }
    Obj *result = str_from_utf8(base, end);
    if (result && STR_SIZE(name)) {
        Obj *dotted = str_from_format("%U.%U", result, name);
        SETREF(result, dotted);
    }
    DECREF(package);
    return result;
}

Obj *import_name(Obj *name, Obj *globals, Obj *fromlist, int level) {
    if (!STR_CHECK(name)) return err_format(Exc_TypeError, "module name must be str, not %T", name);
    if (level < 0) return err_set_str(Exc_ValueError, "level must be >= 0");
    Obj *fullname = level > 0 ? resolve_relative(name, globals, level) : NEWREF(name);
    if (!fullname) return NULL;
    if (STR_SIZE(fullname) == 0) {
        DECREF(fullname);
        return err_set_str(Exc_ValueError, "Empty module name");
    }
    Obj *mod = import_dotted(STR_DATA(fullname));
    if (!mod) { DECREF(fullname); return NULL; }

    bool has_fromlist = fromlist && fromlist != V_None && obj_is_true(fromlist) > 0;
    if (!has_fromlist) {
        /* `import a.b.c` binds `a`: return the top-level package. */
        DECREF(mod);
        Obj *top;
        if (level == 0) {
            const char *s = STR_DATA(name);
            const char *dot = strchr(s, '.');
            Obj *key = str_from_utf8(s, dot ? (size_t)(dot - s) : STR_SIZE(name));
            top = key ? dict_get(vm_interp()->modules, key) : NULL;
            XDECREF(key);
        } else {
            top = dict_get(vm_interp()->modules, fullname);
        }
        DECREF(fullname);
        if (!top) return err_occurred() ? NULL : err_set_str(Exc_KeyError, "module vanished");
        return NEWREF(top);
    }
    /* from package import submodule: import the submodules named in fromlist. */
    if (obj_hasattr(mod, NAME(__path__)) > 0) {
        Obj *it = obj_get_iter(fromlist);
        Obj *item;
        while (it && (item = iter_next(it))) {
            if (STR_CHECK(item) && strcmp(STR_DATA(item), "*") != 0 && obj_hasattr(mod, item) == 0) {
                Obj *sub = str_from_format("%U.%U", fullname, item);
                Obj *m = sub ? import_dotted(STR_DATA(sub)) : NULL;
                if (!m && err_matches(Exc_ModuleNotFoundError)) err_clear();
                XDECREF(m);
                XDECREF(sub);
            }
            DECREF(item);
            if (err_occurred()) break;
        }
        XDECREF(it);
        if (err_occurred()) { DECREF(mod); DECREF(fullname); return NULL; }
    }
    DECREF(fullname);
    return mod;
}

char *import_find_module_file(const char *name) {
    /* Import parent packages first so their __path__ is known, then locate the file. */
    const char *dot = strrchr(name, '.');
    Obj *paths;
    if (dot) {
        char *parent_name = strndup(name, (size_t)(dot - name));
        Obj *parent = parent_name ? import_dotted(parent_name) : NULL;
        free(parent_name);
        if (!parent) return NULL;
        paths = obj_getattr_opt(parent, NAME(__path__));
        DECREF(parent);
    } else {
        paths = sys_get_object("path");
        XINCREF(paths);
    }
    bool is_package = false;
    char *path = find_in_paths(paths, dot ? dot + 1 : name, &is_package);
    if (!path && !dot) path = find_in_paths(vm_interp()->lib_paths, name, &is_package);
    XDECREF(paths);
    if (path && is_package) {
        /* python -m package runs package/__main__.py */
        size_t n = strlen(path);
        char *main_path = malloc(n + 8);
        if (main_path) {
            memcpy(main_path, path, n - strlen("__init__.py"));
            strcpy(main_path + n - strlen("__init__.py"), "__main__.py");
        }
        free(path);
        path = main_path;
    }
    return path;
}
