/* str.h: str/bytes internals shared by the string helpers (str*.c, bytes*.c, codecs.c,
 * memoryview.c) and a few extras for other subsystems. The public API is in types.h. */
#ifndef VITRINE_STR_H
#define VITRINE_STR_H

#include "types.h"
#include "unicode.h"

/* Iterator types are not in the interpreter's start-up list: ready them on first use. */
static inline int type_ensure_ready(Type *t)
{
    if (VT_UNLIKELY(!(t->flags & TPFLAG_READY))) return type_ready(t);
    return 0;
}

/* ---- str.c ---- */
extern Type Type_str_iterator, Type_str_ascii_iterator;
/* The empty str and the 128 one-character ASCII strs (immortal, borrowed). */
Obj *str_empty(void);
Obj *str_ascii_char(unsigned char c);
/* Byte offset of code-point index i (0 <= i <= length). O(1) for ASCII strs. */
size_t str_offset(Obj *s, size_t i);
/* A new str from valid UTF-8 whose code-point length is known. */
Obj *str_from_valid(const char *s, size_t size, size_t length) VT_MUST_CHECK;
/* Strict UTF-8 check (surrogates only when allowed). */
bool str_utf8_check(const char *p, size_t n, bool allow_surrogates);
/* A new str from valid UTF-8 (length computed). */
Obj *str_from_valid_utf8(const char *s, size_t size) VT_MUST_CHECK;
/* The hash function of str and bytes (never -1). */
intptr_t str_hash_bytes(const char *p, size_t n);
/* `*ps += b` (both exact str) for the VM: *ps is a reference the caller owns and is replaced by
 * the result (0), or kept on error (-1). When that reference is the ONLY one (refcnt 1: the VM
 * cleared the variable first, as CPython's unicode_concatenate does for `s += x` followed by a
 * store to the same name), the str is grown in place with realloc: amortised O(1) appends. */
int str_append_inplace(Obj **ps, Obj *b);
/* s * n */
Obj *str_repeat(Obj *s, intptr_t n) VT_MUST_CHECK;
/* sub in s (both str). */
int str_contains_str(Obj *s, Obj *sub);
/* Copy an exact str into an instance of a str subclass `type` (for __new__). */
Obj *str_subtype_copy(Type *type, Obj *s) VT_MUST_CHECK;
/* Append repr(s) of a str to a builder (used by str_repr and containers). */
int sb_append_repr(StrBuilder *sb, Obj *s, bool ascii_only);
/* ascii(obj)-style escaping of a str: non-ASCII as \x \u \U. */
Obj *str_ascii_escape(Obj *s) VT_MUST_CHECK;

/* ---- str_methods.c / str_split.c ---- */
extern const MethodDef str_methods[];
/* Search helpers on raw bytes (memmem-style); -1 if absent. */
intptr_t raw_find(const char *h, size_t hn, const char *n, size_t nn);
intptr_t raw_rfind(const char *h, size_t hn, const char *n, size_t nn);
size_t raw_count(const char *h, size_t hn, const char *n, size_t nn, size_t max);
/* An index-like argument as a C ssize_t (OverflowError "Python int too large to convert to C ssize_t"). */
int64_t str_arg_ssize(Obj *o);
/* Resolve optional start/end arguments (None or index) against len as CPython's slices. */
int parse_start_end(Obj *start, Obj *end, intptr_t len, intptr_t *s, intptr_t *e);
Obj *str_split_impl(Obj *self, Obj *sep, intptr_t maxsplit, bool right) VT_MUST_CHECK;
Obj *str_splitlines_impl(Obj *self, bool keepends) VT_MUST_CHECK;
Obj *strm_split(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);
Obj *strm_rsplit(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);
Obj *strm_splitlines(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);
Obj *strm_partition(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);
Obj *strm_rpartition(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);
Obj *strm_expandtabs(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);
Obj *strm_maketrans(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);
Obj *strm_translate(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);

/* ---- str_format.c ---- */
Obj *str_format_impl(Obj *fmt, Obj *const *args, size_t nargs, Obj *kwargs) VT_MUST_CHECK;
Obj *strm_format(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);
Obj *strm_format_map(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);
Obj *strm___format__(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);

/* ---- codecs.c ---- */
/* str.encode / bytes.decode with CPython's codec names, error handlers and messages.
 * encoding/errors may be NULL (utf-8 / strict). */
Obj *codec_encode(Obj *str, const char *encoding, const char *errors) VT_MUST_CHECK;
Obj *codec_decode(const char *data, size_t size, const char *encoding, const char *errors) VT_MUST_CHECK;
/* The bytes of a buffer-like object (bytes, bytearray, contiguous memoryview): 0, or -1 with
 * NO exception set, so that each caller raises its own CPython message. */
int buffer_get(Obj *o, const char **data, size_t *size);

/* ---- bytes.c: shared by bytes and bytearray (self is either) ---- */
extern Type Type_bytes_iterator, Type_bytearray_iterator;   /* in bytes.c, bytearray.c */
Obj *bytes_new_raw(size_t size) VT_MUST_CHECK;   /* uninitialised data, NUL at end */
/* repr body b'...' (prefix before the quote, e.g. "b"), appended to sb. */
int sb_append_bytes_repr(StrBuilder *sb, const char *data, size_t size);
int sb_append_bytes_repr_ex(StrBuilder *sb, const char *data, size_t size, bool escape_single);
/* Convert an iterable/int/buffer argument to a fresh byte array (bytes(x) rules). */
int bytes_collect(Obj *x, char **data, size_t *size, const char *what);
/* Build a result of self's kind (bytes for bytes and its subclasses, else bytearray). */
Obj *bytes_make_like(Obj *self, const char *data, size_t size) VT_MUST_CHECK;
/* Methods shared by bytes and bytearray (bytes_methods.c), listed once: X(name, flags). */
#define BYTES_SHARED_METHODS(X) \
    X(capitalize, METH_NOARGS) X(center, METH_VARARGS) X(count, METH_VARARGS) \
    X(decode, METH_KEYWORDS) X(endswith, METH_VARARGS) X(expandtabs, METH_KEYWORDS) \
    X(find, METH_VARARGS) X(fromhex, METH_O | METH_CLASS) X(hex, METH_KEYWORDS) \
    X(index, METH_VARARGS) X(isalnum, METH_NOARGS) X(isalpha, METH_NOARGS) \
    X(isascii, METH_NOARGS) X(isdigit, METH_NOARGS) X(islower, METH_NOARGS) \
    X(isspace, METH_NOARGS) X(istitle, METH_NOARGS) X(isupper, METH_NOARGS) \
    X(join, METH_O) X(ljust, METH_VARARGS) X(lower, METH_NOARGS) X(lstrip, METH_VARARGS) \
    X(maketrans, METH_VARARGS | METH_STATIC) X(partition, METH_O) X(removeprefix, METH_O) \
    X(removesuffix, METH_O) X(replace, METH_VARARGS) X(rfind, METH_VARARGS) \
    X(rindex, METH_VARARGS) X(rjust, METH_VARARGS) X(rpartition, METH_O) \
    X(rsplit, METH_KEYWORDS) X(rstrip, METH_VARARGS) X(split, METH_KEYWORDS) \
    X(splitlines, METH_KEYWORDS) X(startswith, METH_VARARGS) X(strip, METH_VARARGS) \
    X(swapcase, METH_NOARGS) X(title, METH_NOARGS) X(translate, METH_KEYWORDS) \
    X(upper, METH_NOARGS) X(zfill, METH_O)
#define X(n, f) Obj *bytesm_##n(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames);
BYTES_SHARED_METHODS(X)
#undef X
#define BYTES_METHOD_ENTRY(n, f) {#n, bytesm_##n, f, NULL},
/* Protocol slots shared by bytes and bytearray (bytes.c). */
Obj *bytes_like_richcompare(Obj *a, Obj *b, int op);
Obj *bytes_like_binop(Obj *a, Obj *b, int op);
int bytes_like_contains(Obj *self, Obj *x);
/* The bytes of a bytes-like argument, or TypeError "a bytes-like object is required, not 'T'". */
int bytes_arg(Obj *o, const char **data, size_t *size);
/* data/size of a bytes or bytearray self. */
static inline const char *bytes_like_data(Obj *o)
{
    return BYTES_CHECK(o) ? BYTES_DATA(o) : ((ByteArrayObj *)o)->data;
}
static inline size_t bytes_like_size(Obj *o)
{
    return BYTES_CHECK(o) ? BYTES_SIZE(o) : ((ByteArrayObj *)o)->size;
}
#define BYTEARRAY_CHECK(v) (!IS_SMALL(v) && ((v)->type == &Type_bytearray || type_is_subtype((v)->type, &Type_bytearray)))
#define MEMORYVIEW_CHECK(v) (!IS_SMALL(v) && (v)->type == &Type_memoryview)
/* A byte value from an int argument ("byte must be in range(0, 256)"); -1 on error. */
int bytes_byte_value(Obj *v);

/* ---- memoryview.c ---- */
/* Raw bytes of a memoryview (for buffer_get): -1 with ValueError if released, BufferError if
 * not contiguous. */
int memoryview_get(Obj *mv, const char **data, size_t *size, bool *readonly);

#endif
