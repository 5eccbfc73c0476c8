/* types.h: layouts and C API of the built-in types that every subsystem uses.
 * One section per file in runtime/; each section is implemented by the file named in its title.
 * Conventions: see object.h (new references returned, borrowed arguments, NULL/-1 on error).
 */
#ifndef VITRINE_TYPES_H
#define VITRINE_TYPES_H

#include <gmp.h>
#include "object.h"
#include "errors.h"

extern Type Type_bool, Type_float, Type_complex, Type_str, Type_bytes, Type_bytearray,
    Type_memoryview, Type_list, Type_tuple, Type_dict, Type_set, Type_frozenset, Type_range,
    Type_slice, Type_NoneType, Type_NotImplementedType, Type_ellipsis, Type_module,
    Type_cell, Type_code, Type_function, Type_method, Type_builtin_function_or_method,
    Type_method_descriptor, Type_classmethod_descriptor, Type_wrapper_descriptor,
    Type_method_wrapper, Type_getset_descriptor, Type_member_descriptor, Type_property,
    Type_classmethod, Type_staticmethod, Type_super, Type_frame, Type_traceback,
    Type_generator, Type_coroutine, Type_async_generator, Type_enumerate, Type_zip, Type_map,
    Type_filter, Type_reversed, Type_dict_keys, Type_dict_values, Type_dict_items,
    Type_mappingproxy, Type_SimpleNamespace;

/* ==== int (runtime/int.c) ====
 * Values in [SMALL_MIN, SMALL_MAX] are tagged small ints (object.h); bigger ones are IntObj.
 * Instances of user subclasses of int are IntObj too (value in z). bool's two instances
 * V_True_obj/V_False_obj are bare Obj headers (defined in runtime/bool.c): int.c's accessors
 * (int_as_i64, int_get_mpz, ...) treat them as 1 and 0. */
typedef struct IntObj {
    Obj ob;
    mpz_t z;
} IntObj;
Obj *int_from_i64(int64_t v);
Obj *int_from_u64(uint64_t v);
Obj *int_from_double(double d) VT_MUST_CHECK;         /* int(3.7); OverflowError/ValueError for inf/nan */
Obj *int_from_mpz(const mpz_t z) VT_MUST_CHECK;       /* copies; normalises to small when it fits */
Obj *int_from_string(const char *s, size_t len, int base) VT_MUST_CHECK;  /* int("..", base): CPython's rules and messages */
/* Value as int64: sets OverflowError ("Python int too large to convert to C long") and returns -1. */
int64_t int_as_i64(Obj *v);
int int_as_i64_checked(Obj *v, int64_t *out);        /* 0 ok, -1 overflow (no error set) */
double int_as_double(Obj *v);                          /* OverflowError "int too large to convert to float" */
void int_get_mpz(Obj *v, mpz_t out);                   /* out must be mpz_init'ed; v is an int (or bool) */
int int_sign(Obj *v);
Obj *int_to_base_string(Obj *v, int base, bool prefix) VT_MUST_CHECK;  /* hex/oct/bin/str */
intptr_t int_hash(Obj *v);
/* Fast paths used by the VM; return NULL with an error or a result, never NotImplemented. */
Obj *int_binop(Obj *a, Obj *b, int op) VT_MUST_CHECK; /* both ints (or bools); op NB_*; true division gives a float */
/* pow(a, b, mod) for the builtin (mod may be NULL or None): ints, floats, __pow__ dispatch. */
Obj *number_power(Obj *a, Obj *b, Obj *mod) VT_MUST_CHECK;

/* ==== bool (runtime/bool.c) ==== Type_bool, V_True_obj, V_False_obj. */

/* ==== float (runtime/float.c) ==== */
typedef struct FloatObj {
    Obj ob;
    double value;
} FloatObj;
#define FLOAT_CHECK(v) (!IS_SMALL(v) && ((v)->type == &Type_float || type_is_subtype((v)->type, &Type_float)))
#define FLOAT_VALUE(v) (((FloatObj *)(v))->value)
Obj *float_from_double(double d) VT_MUST_CHECK;
/* Convert any number (int, float, __float__, __index__) to double; -1.0 with error set on failure. */
double float_as_double(Obj *v);
/* repr(float): CPython's shortest round-trip form ("0.1", "1e+16", "inf"). Writes into buf. */
void float_repr_buf(double d, char *buf, size_t size);
Obj *float_from_string(const char *s, size_t len) VT_MUST_CHECK; /* float("..."): CPython's message */
intptr_t float_hash(double d);

/* ==== complex (runtime/complex.c) ==== */
typedef struct ComplexObj {
    Obj ob;
    double real, imag;
} ComplexObj;
Obj *complex_from_doubles(double real, double imag) VT_MUST_CHECK;

/* ==== str (runtime/str.c and friends) ====
 * Immutable, stored as UTF-8 plus its length in code points. Indexing is O(1) when
 * ascii != 0; otherwise str.c converts code-point indexes to byte offsets. */
typedef struct StrObj {
    Obj ob;
    intptr_t hash;      /* -1 until computed */
    size_t length;      /* in code points */
    size_t size;        /* in bytes, excluding the terminating NUL */
    uint8_t ascii;      /* all code points < 128 */
    uint8_t interned;
    char data[];        /* UTF-8, NUL-terminated */
} StrObj;
#define STR_DATA(s) (((StrObj *)(s))->data)
#define STR_SIZE(s) (((StrObj *)(s))->size)
#define STR_LEN(s) (((StrObj *)(s))->length)
Obj *str_from_utf8(const char *s, size_t size) VT_MUST_CHECK;   /* validates: UnicodeDecodeError */
Obj *str_from_cstr(const char *s) VT_MUST_CHECK;
/* Surrogate-escaped decoding of OS data (argv, environ, file names). */
Obj *str_from_fs(const char *s) VT_MUST_CHECK;
Obj *str_from_codepoint(uint32_t cp) VT_MUST_CHECK;
Obj *str_from_format(const char *fmt, ...) VT_MUST_CHECK;     /* same directives as err_format */
Obj *str_from_vformat(const char *fmt, va_list ap) VT_MUST_CHECK;
/* Allocate an uninitialised str of `size` bytes for the caller to fill, then str_finish(). */
Obj *str_new_raw(size_t size) VT_MUST_CHECK;
Obj *str_finish(Obj *s);                 /* computes length/ascii; returns s */
Obj *str_intern(Obj *s);                 /* steals s, returns the interned copy (new ref) */
Obj *str_intern_cstr(const char *s);     /* new reference to an interned str */
const char *str_cstr(Obj *s);            /* borrowed UTF-8 */
int str_eq(Obj *a, Obj *b);              /* both str; pointer equality first */
int str_eq_cstr(Obj *a, const char *s);
intptr_t str_hash(Obj *s);
Obj *str_concat(Obj *a, Obj *b) VT_MUST_CHECK;
Obj *str_join(Obj *sep, Obj *iterable) VT_MUST_CHECK;
Obj *str_repr(Obj *s) VT_MUST_CHECK;     /* 'quoted' with CPython's quote choice and escapes */
int str_compare(Obj *a, Obj *b);         /* <0, 0, >0 by code point */
/* Code point at index i (0 <= i < length). */
uint32_t str_char_at(Obj *s, size_t i);
Obj *str_substring(Obj *s, size_t start, size_t stop) VT_MUST_CHECK;   /* code-point indexes */
/* A growable UTF-8 buffer for building strings. */
typedef struct StrBuilder {
    char *buf;
    size_t len, cap;
    bool ascii_only;
} StrBuilder;
void sb_init(StrBuilder *sb);
int sb_append(StrBuilder *sb, const char *s, size_t n);
int sb_append_cstr(StrBuilder *sb, const char *s);
int sb_append_char(StrBuilder *sb, char c);
int sb_append_codepoint(StrBuilder *sb, uint32_t cp);
int sb_append_str(StrBuilder *sb, Obj *str);
int sb_printf(StrBuilder *sb, const char *fmt, ...);
Obj *sb_finish(StrBuilder *sb) VT_MUST_CHECK;      /* makes a str and frees the buffer */
void sb_discard(StrBuilder *sb);
/* Format one value with a format spec (format mini-language): format(value, spec). */
Obj *format_spec_apply(Obj *value, Obj *spec) VT_MUST_CHECK;
/* fmt % args for str and bytes (runtime/str_percent.c) */
Obj *str_percent_format(Obj *fmt, Obj *args) VT_MUST_CHECK;

/* ==== bytes and bytearray (runtime/bytes.c, runtime/bytearray.c) ==== */
typedef struct BytesObj {
    Obj ob;
    intptr_t hash;
    size_t size;
    char data[];        /* NUL-terminated for convenience */
} BytesObj;
#define BYTES_DATA(b) (((BytesObj *)(b))->data)
#define BYTES_SIZE(b) (((BytesObj *)(b))->size)
Obj *bytes_from_data(const void *data, size_t size) VT_MUST_CHECK;
Obj *bytes_repr(Obj *b) VT_MUST_CHECK;
typedef struct ByteArrayObj {
    Obj ob;
    size_t size, alloc;
    char *data;
    intptr_t exports;   /* live memoryviews */
} ByteArrayObj;
Obj *bytearray_from_data(const void *data, size_t size) VT_MUST_CHECK;

/* ==== tuple (runtime/tuple.c) ==== */
typedef struct TupleObj {
    Obj ob;
    intptr_t hash_cache_unused;
    size_t size;
    Obj *items[];
} TupleObj;
#define TUPLE_SIZE(t) (((TupleObj *)(t))->size)
#define TUPLE_ITEMS(t) (((TupleObj *)(t))->items)
#define TUPLE_GET(t, i) (((TupleObj *)(t))->items[i])   /* borrowed */
Obj *tuple_new(size_t size) VT_MUST_CHECK;           /* items NULL: fill with TUPLE_SET_STEAL */
#define TUPLE_SET_STEAL(t, i, v) (((TupleObj *)(t))->items[i] = (v))
Obj *tuple_pack(size_t n, ...) VT_MUST_CHECK;          /* borrows the arguments */
Obj *tuple_from_array(Obj *const *items, size_t n) VT_MUST_CHECK;   /* borrows */
extern Obj *const EMPTY_TUPLE;                           /* the () singleton */

/* ==== list (runtime/list.c, runtime/list_sort.c) ==== */
typedef struct ListObj {
    Obj ob;
    size_t size, alloc;
    Obj **items;
} ListObj;
#define LIST_SIZE(l) (((ListObj *)(l))->size)
#define LIST_ITEMS(l) (((ListObj *)(l))->items)
#define LIST_GET(l, i) (((ListObj *)(l))->items[i])     /* borrowed */
Obj *list_new(size_t size) VT_MUST_CHECK;            /* size items, all NULL: fill with LIST_SET_STEAL */
#define LIST_SET_STEAL(l, i, v) (((ListObj *)(l))->items[i] = (v))
int list_append(Obj *list, Obj *item);                  /* borrows item */
int list_append_steal(Obj *list, Obj *item);            /* steals item even on failure */
int list_extend(Obj *list, Obj *iterable);
int list_insert(Obj *list, intptr_t index, Obj *item);
Obj *list_from_array(Obj *const *items, size_t n) VT_MUST_CHECK;
int list_sort(Obj *list, Obj *key, bool reverse);       /* stable; key may be NULL */
Obj *list_as_tuple(Obj *list) VT_MUST_CHECK;

/* ==== dict (runtime/dict.c) ====
 * Insertion-ordered, CPython 3.11's compact layout (an index table into an entries array),
 * so that iteration order and resizing behaviour match. Opaque beyond the API below. */
Obj *dict_new(void) VT_MUST_CHECK;
Obj *dict_get(Obj *d, Obj *key);                    /* borrowed; NULL if missing (check err_occurred: hash errors) */
Obj *dict_get_cstr(Obj *d, const char *key);        /* borrowed */
/* Lookup with a precomputed hash; used by the VM's global/attribute caches. */
Obj *dict_get_hashed(Obj *d, Obj *key, intptr_t hash);
int dict_set(Obj *d, Obj *key, Obj *value);         /* borrows both */
int dict_set_cstr(Obj *d, const char *key, Obj *value);
int dict_del(Obj *d, Obj *key);                     /* KeyError if missing */
int dict_del_opt(Obj *d, Obj *key);                 /* 1 deleted, 0 missing, -1 error */
int dict_contains(Obj *d, Obj *key);                /* 1, 0, -1 */
size_t dict_size(Obj *d);
/* Iterate: pos starts at 0; returns 1 with borrowed key and value, 0 at the end. */
int dict_next(Obj *d, size_t *pos, Obj **key, Obj **value);
int dict_update(Obj *d, Obj *other);                /* dict.update(other) semantics for mappings */
int dict_merge_kwargs(Obj *d, Obj *other, Obj *func_for_error);  /* f(**other): TypeError on duplicate */
Obj *dict_copy(Obj *d) VT_MUST_CHECK;
Obj *dict_keys_list(Obj *d) VT_MUST_CHECK;
Obj *dict_items_list(Obj *d) VT_MUST_CHECK;
Obj *dict_setdefault(Obj *d, Obj *key, Obj *deflt); /* borrowed result */
void dict_clear(Obj *d);
/* Version number that changes on every mutation (for the VM's global caches). */
uint64_t dict_version(Obj *d);

/* ==== set and frozenset (runtime/set.c) ====
 * CPython 3.11's open-addressing table (linear probes + perturbation) so that iteration order
 * of ints and other hash-stable values is the same as CPython's. */
Obj *set_new(Obj *iterable) VT_MUST_CHECK;          /* iterable may be NULL */
Obj *frozenset_new(Obj *iterable) VT_MUST_CHECK;
int set_add(Obj *set, Obj *key);
int set_discard(Obj *set, Obj *key);                /* 1 removed, 0 absent, -1 error */
int set_contains(Obj *set, Obj *key);
size_t set_size(Obj *set);
int set_next(Obj *set, size_t *pos, Obj **key);     /* borrowed */
int set_update(Obj *set, Obj *iterable);
#define ANYSET_CHECK(v) (!IS_SMALL(v) && ((v)->type == &Type_set || (v)->type == &Type_frozenset || \
                          type_is_subtype((v)->type, &Type_set) || type_is_subtype((v)->type, &Type_frozenset)))

/* ==== range and slice (runtime/range.c, runtime/slice.c) ==== */
typedef struct SliceObj {
    Obj ob;
    Obj *start, *stop, *step;
} SliceObj;
Obj *slice_new(Obj *start, Obj *stop, Obj *step) VT_MUST_CHECK;  /* NULLs mean None */
/* Resolve a slice against a sequence length (CPython's PySlice_GetIndicesEx); returns slicelength or -1. */
intptr_t slice_indices(Obj *slice, intptr_t length, intptr_t *start, intptr_t *stop, intptr_t *step);
Obj *range_new_i64(int64_t start, int64_t stop, int64_t step) VT_MUST_CHECK;

/* ==== functions, methods and cells (runtime/function.c) ==== */
typedef struct CellObj {
    Obj ob;
    Obj *ref;           /* NULL: empty */
} CellObj;
Obj *cell_new(Obj *value) VT_MUST_CHECK;   /* value may be NULL */
typedef struct FunctionObj {
    Obj ob;
    Obj *code;          /* CodeObj */
    Obj *globals;       /* dict */
    Obj *builtins;      /* dict */
    Obj *name, *qualname;
    Obj *defaults;      /* tuple or NULL */
    Obj *kwdefaults;    /* dict or NULL */
    Obj *closure;       /* tuple of cells or NULL */
    Obj *doc, *dict, *annotations, *module;
    Obj *weaklist;
    vectorcallfunc vectorcall;
} FunctionObj;
Obj *function_new(Obj *code, Obj *globals, Obj *qualname) VT_MUST_CHECK;
typedef struct MethodObj {   /* bound method */
    Obj ob;
    Obj *func, *self;
} MethodObj;
Obj *method_new(Obj *func, Obj *self) VT_MUST_CHECK;

/* ==== built-in functions and descriptors (runtime/descr.c) ==== */
typedef struct CFunctionObj {   /* builtin_function_or_method: a MethodDef bound to self/module */
    Obj ob;
    const MethodDef *def;
    Obj *self;          /* module, bound object, or NULL */
    Obj *module_name;   /* str or NULL */
} CFunctionObj;
Obj *cfunction_new(const MethodDef *def, Obj *self) VT_MUST_CHECK;
/* Check a MethodDef's flags against the actual arguments and produce CPython's messages. */
int cfunction_check_args(const MethodDef *def, size_t nargs, Obj *kwnames);
Obj *descr_new_method(Type *owner, const MethodDef *def) VT_MUST_CHECK;
Obj *descr_new_getset(Type *owner, const GetSetDef *def) VT_MUST_CHECK;
Obj *descr_new_member(Type *owner, const MemberDef *def) VT_MUST_CHECK;

/* Argument parsing for C functions. `names` lists every parameter name (positional ones
 * first; "" for positional-only ones); the first `npos_only` are positional-only, `nrequired`
 * must be present, and at most `maxpos` may come positionally. Fills out[] with borrowed
 * references (NULL for absent optional ones). Produces CPython's TypeError messages:
 * "f() takes at most 2 arguments (3 given)", "f() missing required argument 'x' (pos 1)",
 * "'y' is an invalid keyword argument for f()". */
int args_parse(const char *fname, Obj *const *args, size_t nargs, Obj *kwnames,
               const char *const *names, size_t nnames, size_t nrequired, size_t maxpos,
               Obj **out);
/* Check argument count for a function taking no keywords: "f expected at most 2 arguments, got 3". */
int args_check_count(const char *fname, size_t nargs, Obj *kwnames, size_t min, size_t max);

/* ==== class creation (runtime/buildclass.c) ==== builtins.__build_class__ */
Obj *builtin___build_class__(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);

/* ==== modules (runtime/module.c) ==== */
typedef struct ModuleObj {
    Obj ob;
    Obj *dict;
    Obj *name;
    Obj *weaklist;
} ModuleObj;
#define MODULE_DICT(m) (((ModuleObj *)(m))->dict)
Obj *module_new(const char *name) VT_MUST_CHECK;       /* sets __name__, __doc__=None, ... */
int module_add_methods(Obj *module, const MethodDef *defs);
int module_add_object(Obj *module, const char *name, Obj *value);   /* borrows value */
int module_add_int(Obj *module, const char *name, int64_t value);
int module_add_str(Obj *module, const char *name, const char *value);

/* ==== misc (runtime/misc.c): SimpleNamespace, mappingproxy ==== */
Obj *mappingproxy_new(Obj *mapping) VT_MUST_CHECK;

#endif
