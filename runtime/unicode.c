/* unicode.c: case mapping on top of the generated tables in unicode_db.c. */
#include "unicode.h"

/* Full mapping (may expand, e.g. "ß".upper() == "SS"). */
int uni_map(uint32_t cp, int which, uint32_t out[3])
{
    const UnicodeRecord *r = unicode_record(cp);
    int32_t v = r->casemap[which];
    if (!(r->flags & UNI_EXT_CASE)) {
        out[0] = (uint32_t)((int32_t)cp + v);
        return 1;
    }
    int n = v >> 24;
    const uint32_t *src = &unicode_ext_case[v & 0xFFFFFF];
    for (int i = 0; i < n; i++) out[i] = src[i];
    return n;
}
