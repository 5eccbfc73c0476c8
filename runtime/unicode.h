/* unicode.h: code point classification and case mapping (tables in unicode_db.c, generated
 * from CPython 3.11 itself by unicode_gen.py; helpers in unicode.c). */
#ifndef VITRINE_UNICODE_H
#define VITRINE_UNICODE_H

#include <stddef.h>
#include <stdint.h>

enum {
    UNI_ALPHA = 1 << 0, UNI_DECIMAL = 1 << 1, UNI_DIGIT = 1 << 2, UNI_NUMERIC = 1 << 3,
    UNI_SPACE = 1 << 4, UNI_PRINTABLE = 1 << 5, UNI_LOWER = 1 << 6, UNI_UPPER = 1 << 7,
    UNI_TITLE = 1 << 8, UNI_CASED = 1 << 9, UNI_CASE_IGNORABLE = 1 << 10,
    UNI_XID_START = 1 << 11, UNI_XID_CONTINUE = 1 << 12,
    UNI_EXT_CASE = 1 << 13,   /* case[] hold (length << 24 | index into unicode_ext_case) */
};
enum { UNI_MAP_UPPER, UNI_MAP_LOWER, UNI_MAP_TITLE, UNI_MAP_FOLD };

typedef struct UnicodeRecord {
    uint16_t flags;     /* UNI_* */
    int8_t decimal;     /* decimal digit value, -1 if none */
    int32_t casemap[4]; /* UNI_MAP_*: delta to the single mapped code point, or extended */
} UnicodeRecord;

extern const UnicodeRecord unicode_records[];
extern const uint32_t unicode_ext_case[];
const UnicodeRecord *unicode_record(uint32_t cp);

static inline int uni_has(uint32_t cp, int flag) { return (unicode_record(cp)->flags & flag) != 0; }
static inline int uni_isspace(uint32_t cp)
{
    if (cp < 128) return cp == ' ' || (cp >= 9 && cp <= 13) || (cp >= 28 && cp <= 31);
    return uni_has(cp, UNI_SPACE);
}
static inline int uni_isalnum(uint32_t cp)
{
    return uni_has(cp, UNI_ALPHA | UNI_DECIMAL | UNI_DIGIT | UNI_NUMERIC);
}
/* Line boundaries of str.splitlines. */
static inline int uni_islinebreak(uint32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x0b || cp == 0x0c || cp == 0x1c || cp == 0x1d ||
           cp == 0x1e || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}
/* Decimal value (0-9) of a Unicode decimal digit, -1 otherwise (int("١٢")). */
static inline int uni_decimal(uint32_t cp) { return unicode_record(cp)->decimal; }
/* Full case mapping of cp (which: UNI_MAP_*) into out[0..3); returns the number of code points. */
int uni_map(uint32_t cp, int which, uint32_t out[3]);

/* ---- UTF-8 helpers ---- */
/* Decode the code point starting at p (valid UTF-8, as inside every str); advance *pp. */
static inline uint32_t utf8_next(const char **pp)
{
    const unsigned char *p = (const unsigned char *)*pp;
    uint32_t c = p[0];
    if (c < 0x80) { *pp += 1; return c; }
    if (c < 0xE0) { *pp += 2; return ((c & 0x1F) << 6) | (p[1] & 0x3F); }
    if (c < 0xF0) { *pp += 3; return ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F); }
    *pp += 4;
    return ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}
/* Decode the code point that ends just before p; move *pp back to its first byte. */
static inline uint32_t utf8_prev(const char **pp)
{
    const char *p = *pp - 1;
    while (((unsigned char)*p & 0xC0) == 0x80) p--;
    *pp = p;
    const char *q = p;
    return utf8_next(&q);
}
/* Encode cp as UTF-8 (surrogates too, as CPython's internal form allows them); returns bytes. */
static inline int utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) { out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)); return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F)); return 4;
}
static inline int utf8_len(uint32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

#endif
