/* format_spec.c: the format-spec mini-language (format(), str.format, f-strings) for int,
 * bool, float, complex and str, following CPython 3.11's formatter_unicode.c rules and
 * messages. */
#include <ctype.h>
#include <math.h>
#include <string.h>
#include "int.h"

typedef struct Spec {
    uint32_t fill;       /* code point */
    char align;          /* '<' '>' '^' '=' or 0 */
    char sign;           /* '+' '-' ' ' or 0 */
    bool no_neg_0, alt;
    int64_t width, precision;   /* -1: absent */
    char thousands;      /* ',' '_' or 0 */
    int interval;        /* 3, or 4 for '_' with b/o/x/X */
    uint32_t type;       /* code point, 0: none */
} Spec;

/* Decode one UTF-8 code point at s (valid UTF-8 assumed); returns its byte length. */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp) {
    if (s[0] < 0x80) { *cp = s[0]; return 1; }
    if ((s[0] & 0xE0) == 0xC0) { *cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F); return 2; }
    if ((s[0] & 0xF0) == 0xE0) {
        *cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    *cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
          ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    return 4;
}

static size_t utf8_encode(uint32_t cp, char *out) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) { out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '^' || c == '='; }

static const char *obj_type_name(Obj *v) { return type_name(TYPE(v)); }

static int bad_sep_type(char sep, uint32_t type) {
    if (type > 32 && type < 128) err_format(Exc_ValueError, "Cannot specify '%c' with '%c'.", sep, (int)type);
    else err_format(Exc_ValueError, "Cannot specify '%c' with '\\x%x'.", sep, (unsigned)type);
    return -1;
}

static int unknown_code(uint32_t type, Obj *v) {
    if (type > 32 && type < 128)
        err_format(Exc_ValueError, "Unknown format code '%c' for object of type '%s'", (int)type, obj_type_name(v));
    else
        err_format(Exc_ValueError, "Unknown format code '\\x%x' for object of type '%s'", (unsigned)type,
                   obj_type_name(v));
    return -1;
}

/* Read decimal digits: number of digits consumed, or -1 on overflow (error set). */
static int get_integer(const uint32_t *cps, size_t *pos, size_t end, int64_t *out) {
    int64_t acc = 0;
    int n = 0;
    while (*pos < end && cps[*pos] >= '0' && cps[*pos] <= '9') {
        int d = (int)(cps[*pos] - '0');
        if (acc > (INT64_MAX - d) / 10) {
            err_set_str(Exc_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        acc = acc * 10 + d;
        (*pos)++;
        n++;
    }
    *out = acc;
    return n;
}

static int parse_spec(Obj *specobj, Obj *value, char default_align, char default_type, Spec *f) {
    const unsigned char *s = (const unsigned char *)STR_DATA(specobj);
    size_t nbytes = STR_SIZE(specobj);
    uint32_t stackcp[64];
    uint32_t *cps = nbytes <= 64 ? stackcp : vt_malloc(nbytes * sizeof(uint32_t));
    if (!cps) return -1;
    size_t end = 0;
    for (size_t i = 0; i < nbytes;) i += utf8_decode(s + i, &cps[end++]);
    int rc = -1;
    memset(f, 0, sizeof *f);
    f->fill = ' ';
    f->width = f->precision = -1;
    f->interval = 3;
    size_t pos = 0;
    bool fill_given = false, align_given = false;
    if (end - pos >= 2 && is_align(cps[pos + 1])) {
        f->align = (char)cps[pos + 1];
        f->fill = cps[pos];
        fill_given = align_given = true;
        pos += 2;
    } else if (end - pos >= 1 && is_align(cps[pos])) {
        f->align = (char)cps[pos];
        align_given = true;
        pos++;
    }
    if (end - pos >= 1 && (cps[pos] == '+' || cps[pos] == '-' || cps[pos] == ' ')) f->sign = (char)cps[pos++];
    if (end - pos >= 1 && cps[pos] == 'z') { f->no_neg_0 = true; pos++; }
    if (end - pos >= 1 && cps[pos] == '#') { f->alt = true; pos++; }
    if (!fill_given && end - pos >= 1 && cps[pos] == '0') {
        f->fill = '0';
        if (!align_given && default_align == '>') f->align = '=';
        pos++;
    }
    int n = get_integer(cps, &pos, end, &f->width);
    if (n < 0) goto out;
    if (n == 0) f->width = -1;
    if (end - pos >= 1 && cps[pos] == ',') { f->thousands = ','; pos++; }
    if (end - pos >= 1 && cps[pos] == '_') {
        if (f->thousands) { err_set_str(Exc_ValueError, "Cannot specify both ',' and '_'."); goto out; }
        f->thousands = '_';
        pos++;
    }
    if (end - pos >= 1 && cps[pos] == ',' && f->thousands == '_') {
        err_set_str(Exc_ValueError, "Cannot specify both ',' and '_'.");
        goto out;
    }
    if (end - pos >= 1 && cps[pos] == '.') {
        pos++;
        n = get_integer(cps, &pos, end, &f->precision);
        if (n < 0) goto out;
        if (n == 0) { err_set_str(Exc_ValueError, "Format specifier missing precision"); goto out; }
    }
    if (end - pos > 1) {
        err_format(Exc_ValueError, "Invalid format specifier '%U' for object of type '%s'", specobj,
                   obj_type_name(value));
        goto out;
    }
    f->type = (uint32_t)default_type;
    if (end - pos == 1) f->type = cps[pos++];
    if (f->thousands) {
        switch (f->type) {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
            break;
        case 'b': case 'o': case 'x': case 'X':
            if (f->thousands == '_') { f->interval = 4; break; }
            /* fall through */
        default:
            bad_sep_type(f->thousands, f->type);
            goto out;
        }
    }
    if (default_align == '>' && !f->align) f->align = '>';
    if (!f->align) f->align = default_align;
    rc = 0;
out:
    if (cps != stackcp) vt_free(cps);
    return rc;
}

/* ---- output helpers ---- */

static int put_fill(StrBuilder *sb, uint32_t fill, int64_t n) {
    char enc[4];
    size_t k = utf8_encode(fill, enc);
    for (int64_t i = 0; i < n; i++)
        if (sb_append(sb, enc, k) < 0) return -1;
    return 0;
}

/* Digits with separators every `interval`, zero-padded to min_width (CPython's
 * _PyUnicode_InsertThousandsGrouping). Returns a malloc'ed string. */
static char *group_digits(const char *digits, size_t nd, char sep, int interval, int64_t min_width) {
    size_t cap = nd + (nd / (size_t)interval) + (size_t)(min_width > 0 ? min_width : 0) + 8;
    char *out = vt_malloc(cap + 1);
    if (!out) return NULL;
    char *p = out + cap;   /* filled right to left */
    *p = 0;
    int64_t remaining = (int64_t)nd;
    const char *src = digits + nd;
    bool use_sep = false, broke = false;
    for (;;) {
        int64_t l = remaining > min_width ? remaining : min_width;
        if (l < 1) l = 1;
        if (l > interval) l = interval;
        int64_t zeros = l - remaining > 0 ? l - remaining : 0;
        int64_t chars = remaining < l ? remaining : l;
        if (chars < 0) chars = 0;
        if (use_sep) *--p = sep;
        for (int64_t i = 0; i < chars; i++) *--p = *--src;
        for (int64_t i = 0; i < zeros; i++) *--p = '0';
        remaining -= chars;
        min_width -= l;
        if (remaining <= 0 && min_width <= 0) { broke = true; break; }
        min_width -= 1;
        use_sep = true;
    }
    (void)broke;
    memmove(out, p, strlen(p) + 1);
    return out;
}

/* Lay out sign + prefix + number (digits grouped) + rest in the field. */
static Obj *render_number(const Spec *f, char signch, const char *prefix, const char *digits, size_t nd,
                          const char *rest) {
    size_t nsign = signch ? 1 : 0, npre = strlen(prefix), nrest = strlen(rest);
    char *grouped = NULL;
    const char *num = digits;
    size_t nnum = nd;
    if (f->thousands && nd > 0) {
        int64_t minw = 0;
        if (f->fill == '0' && f->align == '=' && f->width > 0)
            minw = f->width - (int64_t)(nsign + npre + nrest);
        grouped = group_digits(digits, nd, f->thousands, f->interval, minw);
        if (!grouped) return NULL;
        num = grouped;
        nnum = strlen(grouped);
    }
    int64_t len = (int64_t)(nsign + npre + nnum + nrest);
    int64_t pad = f->width > len ? f->width - len : 0;
    StrBuilder sb;
    sb_init(&sb);
    int64_t left = 0, right = 0, mid = 0;
    switch (f->align) {
    case '<': right = pad; break;
    case '^': left = pad / 2; right = pad - left; break;
    case '=': mid = pad; break;
    default: left = pad; break;
    }
    int r = put_fill(&sb, f->fill, left);
    if (r == 0 && signch) r = sb_append_char(&sb, signch);
    if (r == 0) r = sb_append(&sb, prefix, npre);
    if (r == 0) r = put_fill(&sb, f->fill, mid);
    if (r == 0) r = sb_append(&sb, num, nnum);
    if (r == 0) r = sb_append(&sb, rest, nrest);
    if (r == 0) r = put_fill(&sb, f->fill, right);
    vt_free(grouped);
    if (r < 0) { sb_discard(&sb); return NULL; }
    return sb_finish(&sb);
}

/* Pad an already formatted UTF-8 text (length in code points) in the field. */
static Obj *render_text(const Spec *f, const char *s, size_t nbytes, int64_t ncp) {
    int64_t pad = f->width > ncp ? f->width - ncp : 0;
    int64_t left = 0, right = 0;
    if (f->align == '>') left = pad;
    else if (f->align == '^') { left = pad / 2; right = pad - left; }
    else right = pad;
    StrBuilder sb;
    sb_init(&sb);
    if (put_fill(&sb, f->fill, left) < 0 || sb_append(&sb, s, nbytes) < 0 || put_fill(&sb, f->fill, right) < 0) {
        sb_discard(&sb);
        return NULL;
    }
    return sb_finish(&sb);
}

/* ---- str ---- */

static Obj *format_str(Obj *v, const Spec *f) {
    if (f->type != 0 && f->type != 's') { unknown_code(f->type, v); return NULL; }
    if (f->sign == ' ') return err_set_str(Exc_ValueError, "Space not allowed in string format specifier");
    if (f->sign) return err_set_str(Exc_ValueError, "Sign not allowed in string format specifier");
    if (f->no_neg_0) return err_set_str(Exc_ValueError, "Negative zero coercion (z) not allowed in string format specifier");
    if (f->alt) return err_set_str(Exc_ValueError, "Alternate form (#) not allowed in string format specifier");
    if (f->align == '=') return err_set_str(Exc_ValueError, "'=' alignment not allowed in string format specifier");
    int64_t len = (int64_t)STR_LEN(v);
    if ((f->width < 0 || f->width <= len) && (f->precision < 0 || f->precision >= len) &&
        v->type == &Type_str)
        return NEWREF(v);
    size_t nbytes = STR_SIZE(v);
    if (f->precision >= 0 && f->precision < len) {
        const unsigned char *s = (const unsigned char *)STR_DATA(v);
        size_t b = 0;
        for (int64_t i = 0; i < f->precision; i++) {
            uint32_t cp;
            b += utf8_decode(s + b, &cp);
        }
        nbytes = b;
        len = f->precision;
    }
    return render_text(f, STR_DATA(v), nbytes, len);
}

/* ---- float ---- */

/* Split a formatted number "-1234.5e+06" into sign, integer digits and the rest. */
static Obj *render_float_text(const Spec *f, const char *text) {
    char signch = 0;
    const char *p = text;
    if (*p == '-' || *p == '+') signch = *p++;
    if (!signch && f->sign == '+') signch = '+';
    if (!signch && f->sign == ' ') signch = ' ';
    if (signch == '-' && f->no_neg_0) {
        /* drop the sign when every mantissa digit is zero */
        bool zero = true;
        for (const char *q = p; *q && *q != 'e' && *q != 'E' && *q != '%'; q++)
            if (isdigit((unsigned char)*q) && *q != '0') zero = false;
        if (!isdigit((unsigned char)*p)) zero = false;
        if (zero) signch = f->sign == '+' ? '+' : f->sign == ' ' ? ' ' : 0;
    }
    size_t nd = 0;
    while (isdigit((unsigned char)p[nd])) nd++;
    return render_number(f, signch, "", p, nd, p + nd);
}

static char *float_text(double val, const Spec *f, bool *pct_out) {
    uint32_t type = f->type;
    int flags = f->alt ? DTSF_ALT : 0;
    int64_t precision = f->precision;
    int default_precision = 6;
    bool pct = false;
    if (type == 0) { flags |= DTSF_ADD_DOT_0; type = 'r'; default_precision = 0; }
    if (type == 'n') type = 'g';
    if (type == '%') { type = 'f'; val *= 100; pct = true; }
    if (precision < 0) precision = default_precision;
    else if (type == 'r') type = 'g';
    if (precision > 100000000) { err_set_str(Exc_ValueError, "precision too big"); return NULL; }
    *pct_out = pct;
    char *s = float_to_string(val, (char)type, (int)precision, flags);
    if (s && pct) strcat(s, "%");
    return s;
}

static Obj *format_float_value(Obj *v, double val, const Spec *f) {
    switch (f->type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%': break;
    default: unknown_code(f->type, v); return NULL;
    }
    bool pct;
    char *s = float_text(val, f, &pct);
    if (!s) return NULL;
    Obj *r = render_float_text(f, s);
    vt_free(s);
    return r;
}

/* ---- int ---- */

static Obj *format_int(Obj *v, const Spec *f) {
    uint32_t type = f->type;
    switch (type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
        double d = int_as_double(v);
        if (d == -1.0 && err_occurred()) return NULL;
        return format_float_value(v, d, f);
    }
    case 0: case 'd': case 'n': case 'b': case 'o': case 'x': case 'X': case 'c': break;
    default: unknown_code(type, v); return NULL;
    }
    if (f->precision >= 0) return err_set_str(Exc_ValueError, "Precision not allowed in integer format specifier");
    if (f->no_neg_0)
        return err_set_str(Exc_ValueError, "Negative zero coercion (z) not allowed in integer format specifier");
    if (type == 'c') {
        if (f->sign) return err_set_str(Exc_ValueError, "Sign not allowed with integer format specifier 'c'");
        if (f->alt) return err_set_str(Exc_ValueError, "Alternate form (#) not allowed with integer format specifier 'c'");
        int64_t x;
        if (int_as_i64_checked(v, &x) < 0 || x < 0 || x > 0x10ffff)
            return err_set_str(Exc_OverflowError, "%c arg not in range(0x110000)");
        char enc[4];
        size_t k = utf8_encode((uint32_t)x, enc);
        return render_text(f, enc, k, 1);
    }
    int base = type == 'b' ? 2 : type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
    const char *prefix = "";
    if (f->alt) prefix = base == 2 ? "0b" : base == 8 ? "0o" : type == 'X' ? "0X" : base == 16 ? "0x" : "";
    int sgn = int_sign(v);
    Obj *mag = NULL;
    if (sgn < 0) {
        mag = obj_unop(v, UN_ABSOLUTE);
        if (!mag) return NULL;
    }
    Obj *digits = int_to_base_string(mag ? mag : v, base, false);
    XDECREF(mag);
    if (!digits) return NULL;
    char *d = STR_DATA(digits);
    if (type == 'X')
        for (char *q = d; *q; q++) *q = (char)toupper((unsigned char)*q);
    char signch = sgn < 0 ? '-' : f->sign == '+' ? '+' : f->sign == ' ' ? ' ' : 0;
    Obj *r = render_number(f, signch, prefix, d, STR_SIZE(digits), "");
    DECREF(digits);
    return r;
}

/* ---- complex ---- */

static Obj *format_complex(Obj *v, const Spec *fin) {
    Spec f = *fin;
    double re = ((ComplexObj *)v)->real, im = ((ComplexObj *)v)->imag;
    switch (f.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': break;
    default: unknown_code(f.type, v); return NULL;
    }
    if (f.fill == '0') return err_set_str(Exc_ValueError, "Zero padding is not allowed in complex format specifier");
    if (f.align == '=')
        return err_set_str(Exc_ValueError, "'=' alignment flag is not allowed in complex format specifier");
    uint32_t type = f.type;
    int flags = f.alt ? DTSF_ALT : 0;
    int64_t precision = f.precision;
    int default_precision = 6;
    bool skip_re = false, parens = false;
    if (type == 0) {
        type = 'r';
        default_precision = 0;
        if (re == 0.0 && !signbit(re)) skip_re = true;
        else parens = true;
    }
    if (type == 'n') type = 'g';
    if (precision < 0) precision = default_precision;
    else if (type == 'r') type = 'g';
    char *rs = float_to_string(re, (char)type, (int)precision, flags);
    char *is = float_to_string(im, (char)type, (int)precision, flags);
    if (!rs || !is) { vt_free(rs); vt_free(is); return NULL; }
    /* each part gets its sign and grouping as a number of its own, without padding */
    Spec part = f;
    part.width = -1;
    part.align = '>';
    StrBuilder sb;
    sb_init(&sb);
    Obj *ro = NULL, *io = NULL, *res = NULL;
    if (parens) sb_append_char(&sb, '(');
    if (!skip_re) {
        ro = render_float_text(&part, rs);
        if (!ro) goto done;
        sb_append_str(&sb, ro);
    }
    /* the imaginary part always shows its sign, unless it stands alone */
    if (!skip_re) part.sign = '+';
    io = render_float_text(&part, is);
    if (!io) goto done;
    sb_append_str(&sb, io);
    sb_append_char(&sb, 'j');
    if (parens) sb_append_char(&sb, ')');
    {
        Obj *body = sb_finish(&sb);
        sb_init(&sb);
        if (!body) goto done;
        res = render_text(&f, STR_DATA(body), STR_SIZE(body), (int64_t)STR_LEN(body));
        DECREF(body);
    }
done:
    sb_discard(&sb);
    XDECREF(ro);
    XDECREF(io);
    vt_free(rs);
    vt_free(is);
    return res;
}

/* ---- entry point ---- */

Obj *format_spec_apply(Obj *value, Obj *spec) {
    if (!STR_CHECK(spec))
        return err_format(Exc_TypeError, "format spec must be a str, not %s", type_name(TYPE(spec)));
    bool is_str = STR_CHECK(value);
    if (STR_SIZE(spec) == 0) return obj_str(value);
    Spec f;
    if (parse_spec(spec, value, is_str ? '<' : '>', is_str ? 's' : INT_CHECK(value) ? 'd' : 0, &f) < 0)
        return NULL;
    if (is_str) return format_str(value, &f);
    if (INT_CHECK(value)) return format_int(value, &f);
    if (FLOAT_CHECK(value)) return format_float_value(value, FLOAT_VALUE(value), &f);
    if (COMPLEX_CHECK(value)) return format_complex(value, &f);
    return err_format(Exc_TypeError, "unsupported format string passed to %s.__format__", type_name(TYPE(value)));
}
