/* names.c: the interned identifiers of names.h (NAME(x)), created once at start-up. */
#include "names.h"
#include "types.h"

#define X(n) Obj *name_##n;
NAME_LIST(X)
#undef X

/* Intern every NAME_LIST entry (interned strs are immortal, so the pointers stay valid). */
int names_init(void)
{
#define X(n) \
    if (!name_##n && !(name_##n = str_intern_cstr(#n))) return -1;
    NAME_LIST(X)
#undef X
    return 0;
}
