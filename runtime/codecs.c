/* codecs.c: the built-in text codecs (utf-8, ascii, latin-1, utf-16, utf-32) with CPython's
 * error handlers and UnicodeEncodeError/UnicodeDecodeError details. */
#include <ctype.h>
#include <string.h>
#include "str.h"

enum { C_UTF8, C_ASCII, C_LATIN1, C_UTF16, C_UTF16LE, C_UTF16BE, C_UTF32, C_UTF32LE, C_UTF32BE, C_UTF8SIG,
       C_UNIESC, C_RAWUNIESC };
static const char *const codec_names[] = {"utf-8", "ascii", "latin-1", "utf-16", "utf-16-le",
                                          "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-8-sig",
                                          "unicodeescape", "rawunicodeescape"};

/* Normalise as CPython's encodings.normalize_encoding + aliases, then look the codec up. */
static int lookup_codec(const char *enc)
{
    if (!enc) return C_UTF8;
    char n[64];
    size_t k = 0;
    for (const char *p = enc; *p && k < sizeof n - 1; p++)
        n[k++] = (*p == '_' || *p == ' ') ? '-' : (char)tolower((unsigned char)*p);
    n[k] = '\0';
    static const struct { const char *name; int codec; } aliases[] = {
        {"utf-8", C_UTF8}, {"utf8", C_UTF8}, {"u8", C_UTF8}, {"utf", C_UTF8}, {"cp65001", C_UTF8},
        {"utf8-ucs2", C_UTF8}, {"utf8-ucs4", C_UTF8},
        {"ascii", C_ASCII}, {"us-ascii", C_ASCII}, {"646", C_ASCII}, {"us", C_ASCII},
        {"ansi-x3.4-1968", C_ASCII}, {"iso646-us", C_ASCII}, {"cp367", C_ASCII},
        {"latin-1", C_LATIN1}, {"latin1", C_LATIN1}, {"latin", C_LATIN1}, {"l1", C_LATIN1},
        {"iso-8859-1", C_LATIN1}, {"iso8859-1", C_LATIN1}, {"8859", C_LATIN1}, {"cp819", C_LATIN1},
        {"iso-ir-100", C_LATIN1},
        {"unicode-escape", C_UNIESC}, {"raw-unicode-escape", C_RAWUNIESC},
        {"utf-8-sig", C_UTF8SIG}, {"utf8-sig", C_UTF8SIG},
        {"utf-16", C_UTF16}, {"utf16", C_UTF16}, {"u16", C_UTF16},
        {"utf-16-le", C_UTF16LE}, {"utf-16le", C_UTF16LE}, {"utf16le", C_UTF16LE},
        {"utf-16-be", C_UTF16BE}, {"utf-16be", C_UTF16BE}, {"utf16be", C_UTF16BE},
        {"utf-32", C_UTF32}, {"utf32", C_UTF32}, {"u32", C_UTF32},
        {"utf-32-le", C_UTF32LE}, {"utf-32le", C_UTF32LE}, {"utf32le", C_UTF32LE},
        {"utf-32-be", C_UTF32BE}, {"utf-32be", C_UTF32BE}, {"utf32be", C_UTF32BE},
    };
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(n, aliases[i].name) == 0) return aliases[i].codec;
    err_format(Exc_LookupError, "unknown encoding: %s", enc);
    return -1;
}

enum { E_STRICT, E_IGNORE, E_REPLACE, E_SURROGATEESCAPE, E_BACKSLASHREPLACE, E_XMLCHARREF,
       E_SURROGATEPASS, E_UNKNOWN };

static int lookup_errors(const char *errors)
{
    if (!errors || strcmp(errors, "strict") == 0) return E_STRICT;
    static const char *const names[] = {"strict", "ignore", "replace", "surrogateescape",
                                        "backslashreplace", "xmlcharrefreplace", "surrogatepass"};
    for (int i = 0; i < 7; i++) if (strcmp(errors, names[i]) == 0) return i;
    return E_UNKNOWN;
}

static Obj *unknown_handler(const char *errors)
{
    return err_format(Exc_LookupError, "unknown error handler name '%s'", errors);
}

/* Raise UnicodeEncodeError(encoding, str, start, end, reason). */
static Obj *raise_encode_error(int codec, Obj *str, size_t start, size_t end, const char *reason)
{
    Obj *args[5];
    args[0] = str_from_cstr(codec_names[codec]);
    args[1] = NEWREF(str);
    args[2] = int_from_i64((int64_t)start);
    args[3] = int_from_i64((int64_t)end);
    args[4] = str_from_cstr(reason);
    Obj *exc = NULL;
    if (args[0] && args[2] && args[3] && args[4]) exc = exc_new(Exc_UnicodeEncodeError, args, 5);
    for (int i = 0; i < 5; i++) XDECREF(args[i]);
    if (exc) err_set_instance(exc);
    XDECREF(exc);
    return NULL;
}

static Obj *raise_decode_error(const char *encname, const char *data, size_t size, size_t start,
                               size_t end, const char *reason)
{
    Obj *args[5];
    args[0] = str_from_cstr(encname);
    args[1] = bytes_from_data(data, size);
    args[2] = int_from_i64((int64_t)start);
    args[3] = int_from_i64((int64_t)end);
    args[4] = str_from_cstr(reason);
    Obj *exc = NULL;
    if (args[0] && args[1] && args[2] && args[3] && args[4]) exc = exc_new(Exc_UnicodeDecodeError, args, 5);
    for (int i = 0; i < 5; i++) XDECREF(args[i]);
    if (exc) err_set_instance(exc);
    XDECREF(exc);
    return NULL;
}

/* ---- a growable byte buffer for encoders ---- */
typedef struct { char *buf; size_t len, cap; } ByteBuf;

static int bb_put(ByteBuf *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 64;
        while (nc < b->len + n) nc *= 2;
        char *nb = vt_realloc(b->buf, nc);
        if (!nb) return -1;
        b->buf = nb;
        b->cap = nc;
    }
    memcpy(b->buf + b->len, p, n);
    b->len += n;
    return 0;
}

static int bb_byte(ByteBuf *b, unsigned char c)
{
    return bb_put(b, &c, 1);
}

static Obj *bb_finish(ByteBuf *b)
{
    Obj *r = bytes_from_data(b->buf ? b->buf : "", b->len);
    vt_free(b->buf);
    return r;
}

/* ---- encoding ---- */

static int put_unit(ByteBuf *b, int codec, uint32_t v)
{
    unsigned char u[4];
    switch (codec) {
    case C_UTF16LE: u[0] = (unsigned char)v; u[1] = (unsigned char)(v >> 8); return bb_put(b, u, 2);
    case C_UTF16BE: u[1] = (unsigned char)v; u[0] = (unsigned char)(v >> 8); return bb_put(b, u, 2);
    case C_UTF32LE: for (int i = 0; i < 4; i++) u[i] = (unsigned char)(v >> (8 * i)); return bb_put(b, u, 4);
    default: for (int i = 0; i < 4; i++) u[3 - i] = (unsigned char)(v >> (8 * i)); return bb_put(b, u, 4);
    }
}

/* Encode one code point that the codec accepts. */
static int encode_ok(ByteBuf *b, int codec, uint32_t c)
{
    char u[4];
    switch (codec) {
    case C_UTF8: return bb_put(b, u, (size_t)utf8_encode(c, u));
    case C_ASCII: case C_LATIN1: return bb_byte(b, (unsigned char)c);
    case C_UTF16LE: case C_UTF16BE:
        if (c >= 0x10000) {
            c -= 0x10000;
            if (put_unit(b, codec, 0xD800 | (c >> 10)) < 0) return -1;
            return put_unit(b, codec, 0xDC00 | (c & 0x3FF));
        }
        return put_unit(b, codec, c);
    default: return put_unit(b, codec, c);
    }
}

static bool encodable(int codec, uint32_t c)
{
    if (codec == C_ASCII) return c < 128;
    if (codec == C_LATIN1) return c < 256;
    return c < 0xD800 || c > 0xDFFF;
}

/* unicode_escape / raw_unicode_escape encoders: never fail. */
static Obj *encode_escape(Obj *str, bool raw)
{
    ByteBuf b = {0};
    const char *p = STR_DATA(str), *end = p + STR_SIZE(str);
    char tmp[12];
    while (p < end) {
        uint32_t c = utf8_next(&p);
        int r;
        if (raw && c < 0x100) r = bb_byte(&b, (unsigned char)c);
        else if (c == '\\') r = bb_put(&b, "\\\\", 2);
        else if (c == '\t') r = bb_put(&b, "\\t", 2);
        else if (c == '\n') r = bb_put(&b, "\\n", 2);
        else if (c == '\r') r = bb_put(&b, "\\r", 2);
        else if (c >= 0x20 && c < 0x7f) r = bb_byte(&b, (unsigned char)c);
        else if (c < 0x100) r = bb_put(&b, tmp, (size_t)snprintf(tmp, sizeof tmp, "\\x%02x", c));
        else if (c < 0x10000) r = bb_put(&b, tmp, (size_t)snprintf(tmp, sizeof tmp, "\\u%04x", c));
        else r = bb_put(&b, tmp, (size_t)snprintf(tmp, sizeof tmp, "\\U%08x", c));
        if (r < 0) { vt_free(b.buf); return NULL; }
    }
    return bb_finish(&b);
}

Obj *codec_encode(Obj *str, const char *encoding, const char *errors)
{
    int codec = lookup_codec(encoding);
    if (codec < 0) return NULL;
    if (codec == C_UNIESC || codec == C_RAWUNIESC) return encode_escape(str, codec == C_RAWUNIESC);
    if (codec == C_UTF8SIG) {
        /* the BOM, then plain UTF-8 */
        Obj *body = codec_encode(str, "utf-8", errors);
        if (!body) return NULL;
        Obj *r = bytes_new_raw(BYTES_SIZE(body) + 3);
        if (r) {
            memcpy(BYTES_DATA(r), "\xef\xbb\xbf", 3);
            memcpy(BYTES_DATA(r) + 3, BYTES_DATA(body), BYTES_SIZE(body));
        }
        DECREF(body);
        return r;
    }
    int eh = lookup_errors(errors);
    const char *s = STR_DATA(str);
    size_t n = STR_SIZE(str);
    /* fast paths: the str is already valid UTF-8 / ASCII */
    if (((StrObj *)str)->ascii && (codec == C_UTF8 || codec == C_ASCII || codec == C_LATIN1))
        return bytes_from_data(s, n);
    if (codec == C_UTF8) {
        bool surrogates = false;
        for (size_t i = 0; i + 1 < n; i++)
            if ((unsigned char)s[i] == 0xED && (unsigned char)s[i + 1] >= 0xA0) { surrogates = true; break; }
        if (!surrogates) return bytes_from_data(s, n);
    }
    ByteBuf b = {0};
    int enc_codec = codec;
    if (codec == C_UTF16) {
        enc_codec = C_UTF16LE;
        if (put_unit(&b, enc_codec, 0xFEFF) < 0) goto fail;
    } else if (codec == C_UTF32) {
        enc_codec = C_UTF32LE;
        if (put_unit(&b, enc_codec, 0xFEFF) < 0) goto fail;
    }
    const char *p = s, *end = s + n;
    size_t pos = 0;
    const char *reason = codec == C_ASCII ? "ordinal not in range(128)"
                       : codec == C_LATIN1 ? "ordinal not in range(256)" : "surrogates not allowed";
    while (p < end) {
        const char *q = p;
        uint32_t c = utf8_next(&q);
        if (encodable(codec, c)) {
            if (encode_ok(&b, enc_codec, c) < 0) goto fail;
            p = q;
            pos++;
            continue;
        }
        /* the run of unencodable code points [pos, epos): one code point for UTF-16/32 */
        size_t epos = pos + 1;
        const char *r = q;
        bool wide = enc_codec != C_UTF8 && enc_codec != C_ASCII && enc_codec != C_LATIN1;
        while (r < end && !wide) {
            const char *t = r;
            if (encodable(codec, utf8_next(&t))) break;
            r = t;
            epos++;
        }
        switch (eh) {
        case E_STRICT:
            vt_free(b.buf);
            return raise_encode_error(codec, str, pos, epos, reason);
        case E_UNKNOWN:
            vt_free(b.buf);
            return unknown_handler(errors);
        case E_SURROGATEPASS:
            if (codec == C_ASCII || codec == C_LATIN1) {
                vt_free(b.buf);
                return raise_encode_error(codec, str, pos, epos, reason);
            }
            break;
        case E_SURROGATEESCAPE: {
            /* only U+DC80..U+DCFF map back to bytes, and one byte is never a whole UTF-16/32 unit */
            const char *t = p;
            for (size_t k = pos; k < epos; k++) {
                uint32_t c2 = utf8_next(&t);
                if (c2 < 0xDC80 || c2 > 0xDCFF || wide) {
                    /* the escapable prefix is consumed; the rest of the run is reported */
                    vt_free(b.buf);
                    return raise_encode_error(codec, str, k, epos, reason);
                }
            }
            break;
        }
        default:
            break;
        }
        for (size_t k = pos; k < epos; k++) {
            uint32_t c2 = utf8_next(&p);
            char tmp[16];
            int rr = 0;
            switch (eh) {
            case E_IGNORE: break;
            case E_REPLACE: rr = encode_ok(&b, enc_codec, '?'); break;
            case E_SURROGATEESCAPE: rr = bb_byte(&b, (unsigned char)(c2 - 0xDC00)); break;
            case E_SURROGATEPASS:
                if (enc_codec == C_UTF8) { char u[4]; rr = bb_put(&b, u, (size_t)utf8_encode(c2, u)); }
                else rr = put_unit(&b, enc_codec, c2);
                break;
            case E_BACKSLASHREPLACE:
                if (c2 <= 0xff) snprintf(tmp, sizeof tmp, "\\x%02x", c2);
                else if (c2 <= 0xffff) snprintf(tmp, sizeof tmp, "\\u%04x", c2);
                else snprintf(tmp, sizeof tmp, "\\U%08x", c2);
                for (char *t = tmp; *t && rr == 0; t++) rr = encode_ok(&b, enc_codec, (unsigned char)*t);
                break;
            case E_XMLCHARREF:
                snprintf(tmp, sizeof tmp, "&#%u;", c2);
                for (char *t = tmp; *t && rr == 0; t++) rr = encode_ok(&b, enc_codec, (unsigned char)*t);
                break;
            }
            if (rr < 0) goto fail;
        }
        pos = epos;
    }
    return bb_finish(&b);
fail:
    vt_free(b.buf);
    return NULL;
}

/* ---- decoding ---- */

/* Length of a valid UTF-8 sequence at p (1..4) or 0 with *bad_end/reason describing the error. */
static size_t utf8_seq(const unsigned char *p, size_t avail, size_t *bad_len, const char **reason)
{
    unsigned char c = p[0];
    if (c < 0x80) return 1;
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        *bad_len = 1;
        *reason = "invalid start byte";
        return 0;
    }
    for (size_t k = 1; k <= need; k++) {
        if (k >= avail) {
            *bad_len = avail;
            *reason = "unexpected end of data";
            return 0;
        }
        unsigned char lim_lo = k == 1 ? lo : 0x80, lim_hi = k == 1 ? hi : 0xBF;
        if (p[k] < lim_lo || p[k] > lim_hi) {
            *bad_len = k;
            *reason = "invalid continuation byte";
            return 0;
        }
    }
    return need + 1;
}

/* Apply a decode error handler to bytes [start, end); returns where decoding resumes, or -1
 * with the error raised. surrogateescape consumes at most 4 bytes >= 0x80, like CPython's. */
static intptr_t decode_handler(StrBuilder *sb, int eh, const char *errors, const char *encname,
                               const char *data, size_t size, size_t start, size_t end, const char *reason)
{
    switch (eh) {
    case E_IGNORE: return (intptr_t)end;
    case E_REPLACE: return sb_append_codepoint(sb, 0xFFFD) < 0 ? -1 : (intptr_t)end;
    case E_BACKSLASHREPLACE:
        for (size_t k = start; k < end; k++)
            if (sb_printf(sb, "\\x%02x", (unsigned char)data[k]) < 0) return -1;
        return (intptr_t)end;
    case E_SURROGATEESCAPE: {
        size_t k = start;
        while (k < end && k - start < 4 && (unsigned char)data[k] >= 128) {
            if (sb_append_codepoint(sb, 0xDC00 + (unsigned char)data[k]) < 0) return -1;
            k++;
        }
        if (k > start) return (intptr_t)k;
        raise_decode_error(encname, data, size, start, end, reason);
        return -1;
    }
    case E_UNKNOWN:
        unknown_handler(errors);
        return -1;
    default:
        raise_decode_error(encname, data, size, start, end, reason);
        return -1;
    }
}

static Obj *decode_utf8(const char *data, size_t size, int eh, const char *errors)
{
    StrBuilder sb;
    sb_init(&sb);
    const unsigned char *u = (const unsigned char *)data;
    size_t i = 0;
    while (i < size) {
        size_t run = i;
        while (run < size && u[run] < 0x80) run++;
        if (run > i && sb_append(&sb, data + i, run - i) < 0) goto fail;
        i = run;
        if (i >= size) break;
        size_t bad = 0;
        const char *reason = NULL;
        size_t n = utf8_seq(u + i, size - i, &bad, &reason);
        if (n) {
            if (sb_append(&sb, data + i, n) < 0) goto fail;
            sb.ascii_only = false;
            i += n;
            continue;
        }
        if (eh == E_SURROGATEPASS && size - i >= 3 && u[i] == 0xED && (u[i + 1] & 0xE0) == 0xA0 &&
            (u[i + 2] & 0xC0) == 0x80) {
            if (sb_append(&sb, data + i, 3) < 0) goto fail;
            i += 3;
            continue;
        }
        intptr_t next = decode_handler(&sb, eh == E_SURROGATEPASS ? E_STRICT : eh, errors, "utf-8", data,
                                       size, i, i + bad, reason);
        if (next < 0) goto fail;
        i = (size_t)next;
    }
    return sb_finish(&sb);
fail:
    sb_discard(&sb);
    return NULL;
}

static Obj *decode_8bit(const char *data, size_t size, int codec, int eh, const char *errors)
{
    StrBuilder sb;
    sb_init(&sb);
    for (size_t i = 0; i < size;) {
        unsigned char c = (unsigned char)data[i];
        intptr_t next = (intptr_t)i + 1;
        if (c < 128 || codec == C_LATIN1) {
            if (sb_append_codepoint(&sb, c) < 0) next = -1;
        } else {
            next = decode_handler(&sb, eh, errors, "ascii", data, size, i, i + 1, "ordinal not in range(128)");
        }
        if (next < 0) { sb_discard(&sb); return NULL; }
        i = (size_t)next;
    }
    return sb_finish(&sb);
}

static uint32_t get_unit(const unsigned char *p, int width, bool le)
{
    uint32_t v = 0;
    for (int k = 0; k < width; k++) v = (v << 8) | p[le ? width - 1 - k : k];
    return v;
}

static Obj *decode_wide(const char *data, size_t size, int codec, int eh, const char *errors)
{
    const unsigned char *u = (const unsigned char *)data;
    int width = (codec == C_UTF16 || codec == C_UTF16LE || codec == C_UTF16BE) ? 2 : 4;
    bool le = codec != C_UTF16BE && codec != C_UTF32BE;
    size_t i = 0;
    const char *name = codec_names[codec];
    if (codec == C_UTF16 || codec == C_UTF32) {
        if (size >= (size_t)width) {
            uint32_t bom = get_unit(u, width, true);
            if (bom == 0xFEFF) i = (size_t)width;
            else if ((width == 2 && bom == 0xFFFE) || (width == 4 && bom == 0xFFFE0000u)) { le = false; i = (size_t)width; }
        }
        name = width == 2 ? (le ? "utf-16-le" : "utf-16-be") : (le ? "utf-32-le" : "utf-32-be");
    }
    StrBuilder sb;
    sb_init(&sb);
    while (i < size) {
        intptr_t next;
        if (size - i < (size_t)width) {
            next = decode_handler(&sb, eh, errors, name, data, size, i, size, "truncated data");
        } else {
            uint32_t c = get_unit(u + i, width, le);
            if (width == 2 && c >= 0xD800 && c <= 0xDFFF) {
                uint32_t c2 = size - i >= 4 ? get_unit(u + i + 2, 2, le) : 0;
                if (c <= 0xDBFF && c2 >= 0xDC00 && c2 <= 0xDFFF) {
                    if (sb_append_codepoint(&sb, 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00)) < 0) goto fail;
                    next = (intptr_t)i + 4;
                } else if (c <= 0xDBFF && size - i < 4) {
                    next = decode_handler(&sb, eh, errors, name, data, size, i, size, "unexpected end of data");
                } else if (c <= 0xDBFF) {
                    next = decode_handler(&sb, eh, errors, name, data, size, i, i + 2, "illegal UTF-16 surrogate");
                } else {
                    next = decode_handler(&sb, eh, errors, name, data, size, i, i + 2, "illegal encoding");
                }
            } else if (width == 4 && (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))) {
                next = decode_handler(&sb, eh, errors, name, data, size, i, i + 4,
                                      c > 0x10FFFF ? "code point not in range(0x110000)"
                                                   : "code point in surrogate code point range(0xd800, 0xe000)");
            } else {
                if (sb_append_codepoint(&sb, c) < 0) goto fail;
                next = (intptr_t)i + width;
            }
        }
        if (next < 0) goto fail;
        i = (size_t)next;
    }
    return sb_finish(&sb);
fail:
    sb_discard(&sb);
    return NULL;
}

static int hexdigit(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Read n hex digits at data[*i]; returns the value, or -1 when fewer are present (*i then
 * points past the digits that were read, as CPython reports that range). */
static int64_t read_hex(const char *data, size_t size, size_t *i, int n)
{
    int64_t v = 0;
    for (int k = 0; k < n; k++) {
        int d = *i < size ? hexdigit((unsigned char)data[*i]) : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
        (*i)++;
    }
    return v;
}

/* unicode_escape (Python literal escapes) and raw_unicode_escape (only \u and \U after an odd
 * number of backslashes) decoders. \N{name} is not supported (no name database). */
static Obj *decode_escape(const char *data, size_t size, bool raw, int eh, const char *errors)
{
    const char *name = raw ? "rawunicodeescape" : "unicodeescape";
    StrBuilder sb;
    sb_init(&sb);
    size_t i = 0;
    while (i < size) {
        unsigned char c = (unsigned char)data[i];
        if (c != '\\') {
            if (sb_append_codepoint(&sb, c) < 0) goto fail;
            i++;
            continue;
        }
        size_t start = i;
        if (raw) {
            /* copy all but the last of a run of backslashes; the last may start \u or \U */
            size_t run = 0;
            while (i < size && data[i] == '\\') { run++; i++; }
            for (size_t k = 1; k < run; k++) if (sb_append_char(&sb, '\\') < 0) goto fail;
            start = i - 1;
            if (!(run & 1) || i >= size || (data[i] != 'u' && data[i] != 'U')) {
                if (sb_append_char(&sb, '\\') < 0) goto fail;
                continue;
            }
        } else {
            i++;
        }
        if (i >= size) {
            intptr_t next = decode_handler(&sb, eh, errors, name, data, size, start, size, "\\ at end of string");
            if (next < 0) goto fail;
            i = (size_t)next;
            continue;
        }
        unsigned char e = (unsigned char)data[i++];
        int64_t v = -2;
        const char *reason = NULL;
        switch (raw ? (e == 'u' || e == 'U' ? e : 0) : e) {
        case '\n': continue;
        case '\\': case '\'': case '"': v = e; break;
        case 'a': v = 7; break;
        case 'b': v = 8; break;
        case 'f': v = 12; break;
        case 'n': v = 10; break;
        case 'r': v = 13; break;
        case 't': v = 9; break;
        case 'v': v = 11; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
            v = e - '0';
            for (int k = 0; k < 2 && i < size && data[i] >= '0' && data[i] <= '7'; k++) v = v * 8 + (data[i++] - '0');
            break;
        case 'x':
            v = read_hex(data, size, &i, 2);
            if (v < 0) reason = "truncated \\xXX escape";
            break;
        case 'u':
            v = read_hex(data, size, &i, 4);
            if (v < 0) reason = "truncated \\uXXXX escape";
            break;
        case 'U':
            v = read_hex(data, size, &i, 8);
            if (v < 0) reason = "truncated \\UXXXXXXXX escape";
            else if (v > 0x10FFFF) reason = raw ? "\\Uxxxxxxxx out of range" : "illegal Unicode character";
            break;
        case 'N':
            reason = "unknown Unicode character name";
            while (i < size && data[i] != '}') i++;
            if (i < size) i++;
            break;
        default:
            /* not an escape: kept as is (CPython also warns) */
            if (sb_append_char(&sb, '\\') < 0 || sb_append_codepoint(&sb, e) < 0) goto fail;
            continue;
        }
        if (reason) {
            intptr_t next = decode_handler(&sb, eh, errors, name, data, size, start, i, reason);
            if (next < 0) goto fail;
            i = (size_t)next;
            continue;
        }
        if (sb_append_codepoint(&sb, (uint32_t)v) < 0) goto fail;
    }
    return sb_finish(&sb);
fail:
    sb_discard(&sb);
    return NULL;
}

Obj *codec_decode(const char *data, size_t size, const char *encoding, const char *errors)
{
    int codec = lookup_codec(encoding);
    if (codec < 0) return NULL;
    int eh = lookup_errors(errors);
    switch (codec) {
    case C_UTF8:
        /* valid input (the common case) becomes a str in one copy */
        if (str_utf8_check(data, size, false)) return str_from_valid_utf8(data, size);
        return decode_utf8(data, size, eh, errors);
    case C_UTF8SIG:
        if (size >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) { data += 3; size -= 3; }
        return decode_utf8(data, size, eh, errors);
    case C_ASCII: case C_LATIN1: return decode_8bit(data, size, codec, eh, errors);
    case C_UNIESC: case C_RAWUNIESC: return decode_escape(data, size, codec == C_RAWUNIESC, eh, errors);
    default: return decode_wide(data, size, codec, eh, errors);
    }
}

/* The contiguous bytes behind bytes, bytearray and memoryview objects. */
int buffer_get(Obj *o, const char **data, size_t *size)
{
    if (IS_SMALL(o)) return -1;
    if (BYTES_CHECK(o)) { *data = BYTES_DATA(o); *size = BYTES_SIZE(o); return 0; }
    if (BYTEARRAY_CHECK(o)) { *data = ((ByteArrayObj *)o)->data; *size = ((ByteArrayObj *)o)->size; return 0; }
    if (MEMORYVIEW_CHECK(o)) {
        bool ro;
        if (memoryview_get(o, data, size, &ro) < 0) { err_clear(); return -1; }
        return 0;
    }
    return -1;
}
