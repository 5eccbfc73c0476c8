/* str_percent.c: printf-style formatting (fmt % args) for str and bytes, with CPython's
 * conversions, flags, '*' widths, %(key) mappings and error messages. */
#include <math.h>
#include <string.h>
#include "str.h"
#include "names.h"

static int toupper_ascii(char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

/* Code points in the first n bytes of UTF-8 text (error positions are in code points). */
static size_t str_cp_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

typedef struct {
    bool is_bytes;
    const char *fmt;        /* the format's data */
    size_t fmt_size;
    Obj *args;              /* the right operand */
    Obj *dict;              /* mapping for %(key)s, or NULL */
    size_t argidx, nargs;   /* positional cursor; nargs == 1 for a single non-tuple value */
    bool tuple;
    StrBuilder out;
} Fmt;

static Obj *next_arg(Fmt *f)
{
    if (f->argidx >= f->nargs) {
        err_set_str(Exc_TypeError, "not enough arguments for format string");
        return NULL;
    }
    Obj *a = f->tuple ? TUPLE_GET(f->args, f->argidx) : f->args;
    f->argidx++;
    return a;
}

/* Append text padded to width (code points for str; bytes for bytes). */
static int emit_padded(Fmt *f, const char *s, size_t n, size_t ncp, intptr_t width, bool left)
{
    intptr_t pad = width - (intptr_t)ncp;
    if (!left) for (; pad > 0; pad--) if (sb_append_char(&f->out, ' ') < 0) return -1;
    if (sb_append(&f->out, s, n) < 0) return -1;
    for (; pad > 0; pad--) if (sb_append_char(&f->out, ' ') < 0) return -1;
    return 0;
}

/* %s %r %a for str formats: text of obj, truncated to prec code points. */
static int emit_text_str(Fmt *f, Obj *text, intptr_t width, intptr_t prec, bool left)
{
    size_t ncp = STR_LEN(text), n = STR_SIZE(text);
    if (prec >= 0 && (size_t)prec < ncp) {
        n = str_offset(text, (size_t)prec);
        ncp = (size_t)prec;
    }
    return emit_padded(f, STR_DATA(text), n, ncp, width, left);
}

/* Integer digits with sign, prefix, precision and padding. */
static int emit_int(Fmt *f, Obj *v, char conv, const char *flags, intptr_t width, intptr_t prec)
{
    int base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X') ? 16 : 10;
    Obj *s = int_to_base_string(v, base, false);
    if (!s) return -1;
    const char *d = STR_DATA(s);
    bool neg = d[0] == '-';
    if (neg) d++;
    size_t nd = strlen(d);
    char prefix[4] = "";
    size_t np = 0;
    if (neg) prefix[np++] = '-';
    else if (strchr(flags, '+')) prefix[np++] = '+';
    else if (strchr(flags, ' ')) prefix[np++] = ' ';
    if (strchr(flags, '#') && base != 10) {
        prefix[np++] = '0';
        prefix[np++] = conv == 'o' ? 'o' : conv;
    }
    bool left = strchr(flags, '-') != NULL, zero = !left && strchr(flags, '0');
    intptr_t zeros = prec > (intptr_t)nd ? prec - (intptr_t)nd : 0;
    intptr_t total = (intptr_t)(np + nd) + zeros;
    if (zero && width > total) { zeros += width - total; total = width; }
    int r = 0;
    if (!left) for (intptr_t k = total; k < width && r == 0; k++) r = sb_append_char(&f->out, ' ');
    if (r == 0) r = sb_append(&f->out, prefix, np);
    for (intptr_t k = 0; k < zeros && r == 0; k++) r = sb_append_char(&f->out, '0');
    for (size_t k = 0; k < nd && r == 0; k++) r = sb_append_char(&f->out, conv == 'X' ? (char)toupper_ascii(d[k]) : d[k]);
    if (left) for (intptr_t k = total; k < width && r == 0; k++) r = sb_append_char(&f->out, ' ');
    DECREF(s);
    return r;
}

static int emit_float(Fmt *f, double x, char conv, const char *flags, intptr_t width, intptr_t prec)
{
    if (prec < 0) prec = 6;
    char spec[16], *p = spec;
    *p++ = '%';
    for (const char *q = flags; *q; q++) if (*q == '+' || *q == ' ' || *q == '#') *p++ = *q;
    *p++ = '.';
    *p++ = '*';
    *p++ = conv;
    *p = '\0';
    int n = snprintf(NULL, 0, spec, (int)prec, x);
    if (n < 0) return 0;
    char *buf = vt_malloc((size_t)n + 1);
    if (!buf) return -1;
    snprintf(buf, (size_t)n + 1, spec, (int)prec, x);
    /* pad ourselves: CPython zero-pads inf/nan too, unlike C */
    bool left = strchr(flags, '-') != NULL, zero = !left && strchr(flags, '0');
    intptr_t pad = width - n;
    int r = 0;
    size_t signlen = (n > 0 && (buf[0] == '-' || buf[0] == '+' || buf[0] == ' ')) ? 1 : 0;
    if (pad > 0 && zero) {
        r = sb_append(&f->out, buf, signlen);
        for (; pad > 0 && r == 0; pad--) r = sb_append_char(&f->out, '0');
        if (r == 0) r = sb_append(&f->out, buf + signlen, (size_t)n - signlen);
    } else {
        if (!left) for (; pad > 0 && r == 0; pad--) r = sb_append_char(&f->out, ' ');
        if (r == 0) r = sb_append(&f->out, buf, (size_t)n);
        for (; pad > 0 && r == 0; pad--) r = sb_append_char(&f->out, ' ');
    }
    vt_free(buf);
    return r;
}

/* The int to format for %d/%i/%u (floats truncate) or %o/%x/%X (integers only). */
static Obj *int_operand(Obj *v, char conv)
{
    if (INT_CHECK(v)) return NEWREF(v);
    if (conv == 'd' || conv == 'i' || conv == 'u') {
        if (FLOAT_CHECK(v)) {
            double d = FLOAT_VALUE(v);
            return int_from_double(d);
        }
        if (!IS_SMALL(v) && (TYPE(v)->index || TYPE(v)->to_int || TYPE(v)->to_float) && !STR_CHECK(v)) {
            if (TYPE(v)->index) return obj_index(v);
            if (TYPE(v)->to_int) return TYPE(v)->to_int(v);
            double d = float_as_double(v);
            if (d == -1.0 && err_occurred()) return NULL;
            return int_from_double(d);
        }
        return err_format(Exc_TypeError, "%%%c format: a real number is required, not %T", conv, v);
    }
    if (!IS_SMALL(v) && TYPE(v)->index && !STR_CHECK(v)) return obj_index(v);
    return err_format(Exc_TypeError, "%%%c format: an integer is required, not %T", conv, v);
}

/* %s / %b / %r / %a for bytes formats. */
static Obj *bytes_text(Obj *v, char conv)
{
    if (conv == 'r' || conv == 'a') {
        Obj *s = obj_ascii(v);
        if (!s) return NULL;
        Obj *b = bytes_from_data(STR_DATA(s), STR_SIZE(s));
        DECREF(s);
        return b;
    }
    const char *d;
    size_t n;
    if (buffer_get(v, &d, &n) == 0) return bytes_from_data(d ? d : "", n);
    Obj *m = STR_CHECK(v) ? NULL : obj_lookup_special(v, NAME(__bytes__));
    if (m) {
        Obj *r = obj_call0(m);
        DECREF(m);
        if (r && !BYTES_CHECK(r)) {
            err_format(Exc_TypeError, "__bytes__ returned non-bytes (type %T)", r);
            DECREF(r);
            return NULL;
        }
        return r;
    }
    if (err_occurred()) return NULL;
    return err_format(Exc_TypeError, "%%b requires a bytes-like object, or an object that implements __bytes__, not '%T'", v);
}

static int emit_char(Fmt *f, Obj *v, intptr_t width, bool left)
{
    char buf[4];
    int n;
    if (f->is_bytes) {
        if (BYTES_CHECK(v) || BYTEARRAY_CHECK(v)) {
            if (bytes_like_size(v) != 1) goto bad_bytes;
            buf[0] = bytes_like_data(v)[0];
            n = 1;
        } else if (INT_CHECK(v)) {
            int64_t c;
            if (int_as_i64_checked(v, &c) < 0 || c < 0 || c > 255) {
                err_set_str(Exc_OverflowError, "%c arg not in range(256)");
                return -1;
            }
            buf[0] = (char)c;
            n = 1;
        } else {
        bad_bytes:
            err_set_str(Exc_TypeError, "%c requires an integer in range(256) or a single byte");
            return -1;
        }
        return emit_padded(f, buf, 1, 1, width, left);
    }
    if (STR_CHECK(v)) {
        if (STR_LEN(v) != 1) {
            err_set_str(Exc_TypeError, "%c requires int or char");
            return -1;
        }
        return emit_padded(f, STR_DATA(v), STR_SIZE(v), 1, width, left);
    }
    if (!INT_CHECK(v)) {
        err_set_str(Exc_TypeError, "%c requires int or char");
        return -1;
    }
    int64_t c;
    if (int_as_i64_checked(v, &c) < 0 || c < 0 || c > 0x10FFFF) {
        err_set_str(Exc_OverflowError, "%c arg not in range(0x110000)");
        return -1;
    }
    n = utf8_encode((uint32_t)c, buf);
    return emit_padded(f, buf, (size_t)n, 1, width, left);
}

/* Parse a '*' or digits field. */
static int parse_num(Fmt *f, size_t *i, intptr_t *out, char *flags, bool is_width)
{
    const char *s = f->fmt;
    if (*i < f->fmt_size && s[*i] == '*') {
        (*i)++;
        Obj *v = next_arg(f);
        if (!v) return -1;
        if (!INT_CHECK(v)) {
            err_set_str(Exc_TypeError, "* wants int");
            return -1;
        }
        int64_t x;
        if (int_as_i64_checked(v, &x) < 0 || x > INT32_MAX || x < -INT32_MAX) {
            err_set_str(Exc_ValueError, is_width ? "width too big" : "precision too big");
            return -1;
        }
        if (x < 0 && is_width) {
            if (!strchr(flags, '-')) strcat(flags, "-");
            x = -x;
        }
        *out = (intptr_t)x;
        return 0;
    }
    intptr_t v = 0;
    bool any = false;
    while (*i < f->fmt_size && s[*i] >= '0' && s[*i] <= '9') {
        v = v * 10 + (s[*i] - '0');
        if (v > INT32_MAX) {
            err_set_str(Exc_ValueError, is_width ? "width too big" : "precision too big");
            return -1;
        }
        (*i)++;
        any = true;
    }
    if (any || !is_width) *out = v;
    return 0;
}

static int format_one(Fmt *f, size_t *ip)
{
    const char *s = f->fmt;
    size_t i = *ip;
    Obj *value = NULL, *owned = NULL;
    if (i < f->fmt_size && s[i] == '(') {
        if (!f->dict) {
            err_set_str(Exc_TypeError, "format requires a mapping");
            return -1;
        }
        int depth = 1;
        size_t ks = ++i;
        while (i < f->fmt_size && depth) {
            if (s[i] == '(') depth++;
            else if (s[i] == ')') depth--;
            i++;
        }
        if (depth) {
            err_set_str(Exc_ValueError, "incomplete format key");
            return -1;
        }
        Obj *key = f->is_bytes ? bytes_from_data(s + ks, i - 1 - ks) : str_from_utf8(s + ks, i - 1 - ks);
        if (!key) return -1;
        owned = value = obj_getitem(f->dict, key);
        DECREF(key);
        if (!value) return -1;
    }
    char flags[8] = "";
    size_t nf = 0;
    while (i < f->fmt_size && strchr("-+ #0", s[i]) && s[i]) {
        if (!strchr(flags, s[i]) && nf < 5) { flags[nf++] = s[i]; flags[nf] = '\0'; }
        i++;
    }
    intptr_t width = -1, prec = -1;
    int r = -1;
    if (parse_num(f, &i, &width, flags, true) < 0) goto done;
    if (i < f->fmt_size && s[i] == '.') {
        i++;
        if (parse_num(f, &i, &prec, flags, false) < 0) goto done;
    }
    while (i < f->fmt_size && (s[i] == 'h' || s[i] == 'l' || s[i] == 'L')) i++;
    if (i >= f->fmt_size) {
        err_set_str(Exc_ValueError, "incomplete format");
        goto done;
    }
    char conv = s[i++];
    if (conv == '%') {
        r = sb_append_char(&f->out, '%');
        goto done;
    }
    if (!value && !(value = next_arg(f))) goto done;
    bool left = strchr(flags, '-') != NULL;
    switch (conv) {
    case 's': case 'r': case 'a': case 'b': {
        if (f->is_bytes) {
            if (conv == 's') conv = 'b';
            Obj *b = bytes_text(value, conv);
            if (!b) goto done;
            size_t n = BYTES_SIZE(b);
            if (prec >= 0 && (size_t)prec < n) n = (size_t)prec;
            r = emit_padded(f, BYTES_DATA(b), n, n, width, left);
            DECREF(b);
            break;
        }
        if (conv == 'b') goto unsupported;
        Obj *t = conv == 's' ? obj_str(value) : conv == 'r' ? obj_repr(value) : obj_ascii(value);
        if (!t) goto done;
        r = emit_text_str(f, t, width, prec, left);
        DECREF(t);
        break;
    }
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
        Obj *iv = int_operand(value, conv);
        if (!iv) goto done;
        r = emit_int(f, iv, conv == 'i' || conv == 'u' ? 'd' : conv, flags, width, prec);
        DECREF(iv);
        break;
    }
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        if (!INT_CHECK(value) && !FLOAT_CHECK(value) && (IS_SMALL(value) || (!TYPE(value)->to_float && !TYPE(value)->index))) {
            err_format(Exc_TypeError, "must be real number, not %T", value);
            goto done;
        }
        double x = float_as_double(value);
        if (x == -1.0 && err_occurred()) goto done;
        r = emit_float(f, x, conv, flags, width, prec);
        break;
    }
    case 'c':
        r = emit_char(f, value, width, left);
        break;
    default:
    unsupported:
        if ((unsigned char)conv < 128 || f->is_bytes) {
            err_format(Exc_ValueError, "unsupported format character '%c' (0x%x) at index %zu",
                       (unsigned char)conv < 128 ? conv : '?', (unsigned)(unsigned char)conv,
                       f->is_bytes ? i - 1 : str_cp_count(s, i - 1));
        } else {
            const char *q = s + i - 1;
            uint32_t cp = utf8_next(&q);
            err_format(Exc_ValueError, "unsupported format character '?' (0x%x) at index %zu", (unsigned)cp,
                       str_cp_count(s, i - 1));
            i = (size_t)(q - s);
        }
        break;
    }
done:
    XDECREF(owned);
    *ip = i;
    return r;
}

/* fmt % args where fmt is a str or a bytes/bytearray. */
Obj *str_percent_format(Obj *fmt, Obj *args)
{
    Fmt f;
    f.is_bytes = !STR_CHECK(fmt);
    f.fmt = f.is_bytes ? bytes_like_data(fmt) : STR_DATA(fmt);
    f.fmt_size = f.is_bytes ? bytes_like_size(fmt) : STR_SIZE(fmt);
    f.args = args;
    f.tuple = TUPLE_CHECK(args);
    f.nargs = f.tuple ? TUPLE_SIZE(args) : 1;
    f.argidx = 0;
    f.dict = NULL;
    if (!f.tuple && !STR_CHECK(args) && !IS_SMALL(args) && TYPE(args)->getitem &&
        !(f.is_bytes && (BYTES_CHECK(args) || BYTEARRAY_CHECK(args))))
        f.dict = args;
    sb_init(&f.out);
    size_t i = 0;
    while (i < f.fmt_size) {
        const char *pct = memchr(f.fmt + i, '%', f.fmt_size - i);
        size_t stop = pct ? (size_t)(pct - f.fmt) : f.fmt_size;
        if (stop > i && sb_append(&f.out, f.fmt + i, stop - i) < 0) goto fail;
        if (!pct) break;
        i = stop + 1;
        if (format_one(&f, &i) < 0) goto fail;
    }
    if (f.argidx < f.nargs && !f.dict) {
        err_set_str(Exc_TypeError, f.is_bytes ? "not all arguments converted during bytes formatting"
                                              : "not all arguments converted during string formatting");
        goto fail;
    }
    if (f.is_bytes) {
        Obj *r = BYTES_CHECK(fmt) ? bytes_from_data(f.out.buf ? f.out.buf : "", f.out.len)
                                  : bytearray_from_data(f.out.buf, f.out.len);
        sb_discard(&f.out);
        return r;
    }
    return sb_finish(&f.out);
fail:
    sb_discard(&f.out);
    return NULL;
}
