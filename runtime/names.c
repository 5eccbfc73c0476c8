/* names.c: the interned identifiers of names.h (NAME(x)), created once at start-up. */
#include <locale.h>
#include "names.h"
#include "types.h"

#define X(n) Obj *name_##n;
NAME_LIST(X)
#undef X

/* Intern every NAME_LIST entry (interned strs are immortal, so the pointers stay valid). */
int names_init(void)
{
    /* The C library's multibyte helpers (used by a few callers) then treat text as UTF-8. */
    setlocale(LC_CTYPE, "C.UTF-8");
#define X(n) \
    if (!name_##n && !(name_##n = str_intern_cstr(#n))) return -1;
    NAME_LIST(X)
#undef X
    return 0;
}
