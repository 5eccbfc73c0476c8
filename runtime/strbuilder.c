/* strbuilder.c: the growable UTF-8 buffer (sb_*) and printf-style str construction
 * (str_from_format), which err_format uses for every error message. */
#include <stdio.h>
#include <string.h>
#include "str.h"

void sb_init(StrBuilder *sb)
{
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    sb->ascii_only = true;
}

static int sb_reserve(StrBuilder *sb, size_t extra)
{
    if (VT_LIKELY(sb->len + extra + 1 <= sb->cap)) return 0;
    size_t ncap = sb->cap ? sb->cap * 2 : 64;
    while (ncap < sb->len + extra + 1) ncap *= 2;
    char *nb = vt_realloc(sb->buf, ncap);
    if (!nb) return -1;
    sb->buf = nb;
    sb->cap = ncap;
    return 0;
}

int sb_append(StrBuilder *sb, const char *s, size_t n)
{
    if (sb_reserve(sb, n) < 0) return -1;
    if (sb->ascii_only)
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)s[i] >= 0x80) { sb->ascii_only = false; break; }
    memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    return 0;
}

int sb_append_cstr(StrBuilder *sb, const char *s)
{
    return sb_append(sb, s, strlen(s));
}

int sb_append_char(StrBuilder *sb, char c)
{
    if (sb_reserve(sb, 1) < 0) return -1;
    if ((unsigned char)c >= 0x80) sb->ascii_only = false;
    sb->buf[sb->len++] = c;
    return 0;
}

int sb_append_codepoint(StrBuilder *sb, uint32_t cp)
{
    if (sb_reserve(sb, 4) < 0) return -1;
    if (cp >= 0x80) sb->ascii_only = false;
    sb->len += (size_t)utf8_encode(cp, sb->buf + sb->len);
    return 0;
}

int sb_append_str(StrBuilder *sb, Obj *str)
{
    if (sb_reserve(sb, STR_SIZE(str)) < 0) return -1;
    if (!((StrObj *)str)->ascii) sb->ascii_only = false;
    memcpy(sb->buf + sb->len, STR_DATA(str), STR_SIZE(str));
    sb->len += STR_SIZE(str);
    return 0;
}

static int sb_vprintf(StrBuilder *sb, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0) return 0;
    if ((size_t)n < sizeof small) return sb_append(sb, small, (size_t)n);
    char *big = vt_malloc((size_t)n + 1);
    if (!big) return -1;
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    int r = sb_append(sb, big, (size_t)n);
    vt_free(big);
    return r;
}

int sb_printf(StrBuilder *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = sb_vprintf(sb, fmt, ap);
    va_end(ap);
    return r;
}

/* Make a str of the contents (the buffer is freed either way). */
Obj *sb_finish(StrBuilder *sb)
{
    Obj *r;
    if (sb->ascii_only) r = str_from_valid(sb->buf ? sb->buf : "", sb->len, sb->len);
    else r = str_from_valid_utf8(sb->buf, sb->len);
    sb_discard(sb);
    return r;
}

void sb_discard(StrBuilder *sb)
{
    vt_free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    sb->ascii_only = true;
}

/* Append an object directive's text (%S %R %A %U), honouring a precision in code points. */
static int append_obj_text(StrBuilder *sb, Obj *s, intptr_t prec)
{
    if (prec < 0 || (size_t)prec >= STR_LEN(s)) return sb_append_str(sb, s);
    size_t off = str_offset(s, (size_t)prec);
    return sb_append(sb, STR_DATA(s), off);
}

/* printf-like formatting into a str. Directives: %s %d %i %u %ld %li %lu %lld %lli %llu %zd
 * %zi %zu %x %lx %p %c %% and %S (str()), %R (repr()), %A (ascii()), %T (type name), %U (str).
 * An optional width/precision ("%.200s", "%-10s", "%5d") is honoured as in C. */
Obj *str_from_vformat(const char *fmt, va_list ap)
{
    StrBuilder sb;
    sb_init(&sb);
    const char *p = fmt;
    while (*p) {
        const char *q = strchr(p, '%');
        if (!q) q = p + strlen(p);
        if (q > p && sb_append(&sb, p, (size_t)(q - p)) < 0) goto fail;
        if (!*q) break;
        p = q + 1;
        if (*p == '%') { if (sb_append_char(&sb, '%') < 0) goto fail; p++; continue; }
        /* flags, width, precision */
        char spec[32];
        size_t sl = 0;
        spec[sl++] = '%';
        while (*p == '-' || *p == '0' || *p == '+' || *p == ' ' || *p == '#') { if (sl < 20) spec[sl++] = *p; p++; }
        while (*p >= '0' && *p <= '9') { if (sl < 20) spec[sl++] = *p; p++; }
        intptr_t prec = -1;
        if (*p == '.') {
            if (sl < 20) spec[sl++] = *p;
            p++;
            prec = 0;
            while (*p >= '0' && *p <= '9') { prec = prec * 10 + (*p - '0'); if (sl < 20) spec[sl++] = *p; p++; }
        }
        int lng = 0, sz = 0;
        while (*p == 'l') { lng++; p++; }
        if (*p == 'z') { sz = 1; p++; }
        char conv = *p ? *p++ : '\0';
        int r = 0;
        switch (conv) {
        case 'd': case 'i': case 'u': case 'x': case 'X': {
            bool uns = conv != 'd' && conv != 'i';
            const char *len = sz ? "z" : lng == 1 ? "l" : lng >= 2 ? "ll" : "";
            memcpy(spec + sl, len, strlen(len));
            sl += strlen(len);
            spec[sl++] = conv;
            spec[sl] = '\0';
            if (sz) r = uns ? sb_printf(&sb, spec, va_arg(ap, size_t)) : sb_printf(&sb, spec, va_arg(ap, intptr_t));
            else if (lng == 1) r = uns ? sb_printf(&sb, spec, va_arg(ap, unsigned long)) : sb_printf(&sb, spec, va_arg(ap, long));
            else if (lng >= 2) r = uns ? sb_printf(&sb, spec, va_arg(ap, unsigned long long)) : sb_printf(&sb, spec, va_arg(ap, long long));
            else r = uns ? sb_printf(&sb, spec, va_arg(ap, unsigned)) : sb_printf(&sb, spec, va_arg(ap, int));
            break;
        }
        case 'p': {
            void *ptr = va_arg(ap, void *);
            r = ptr ? sb_printf(&sb, "%p", ptr) : sb_append_cstr(&sb, "0x0");   /* glibc says "(nil)" */
            break;
        }
        case 'c':
            r = sb_append_codepoint(&sb, (uint32_t)va_arg(ap, int));
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            spec[sl++] = 's';
            spec[sl] = '\0';
            r = sb_printf(&sb, spec, s);
            break;
        }
        case 'S': case 'R': case 'A': case 'U': {
            Obj *o = va_arg(ap, Obj *);
            Obj *s = conv == 'S' ? obj_str(o) : conv == 'R' ? obj_repr(o) : conv == 'A' ? obj_ascii(o) : NEWREF(o);
            if (!s) goto fail;
            r = append_obj_text(&sb, s, prec);
            DECREF(s);
            break;
        }
        case 'T': {
            Obj *o = va_arg(ap, Obj *);
            r = sb_append_cstr(&sb, type_name(TYPE(o)));
            break;
        }
        default:
            /* unknown directive: copy it verbatim, as CPython does */
            r = sb_append(&sb, q, (size_t)(p - q));
            break;
        }
        if (r < 0) goto fail;
    }
    return sb_finish(&sb);
fail:
    sb_discard(&sb);
    return NULL;
}

Obj *str_from_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Obj *r = str_from_vformat(fmt, ap);
    va_end(ap);
    return r;
}
