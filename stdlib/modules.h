/* modules.h: init functions of the built-in C modules. Each returns a new module object or
 * NULL with an error set; stdlib/modules.c lists them in builtin_modules[] (vm.h). */
#ifndef VITRINE_MODULES_H
#define VITRINE_MODULES_H

#include "object.h"

Obj *modinit_builtins(void);      /* runtime/builtins.c */
Obj *modinit_sys(void);           /* stdlib/sysmodule.c */
Obj *modinit_math(void);          /* stdlib/mathmodule.c */
Obj *modinit_time(void);          /* stdlib/timemodule.c */
Obj *modinit_posix(void);         /* stdlib/osmodule.c ("os" is Python on top) */
Obj *modinit__heapq(void);        /* stdlib/heapqmodule.c */
Obj *modinit__bisect(void);       /* stdlib/bisectmodule.c */
Obj *modinit__collections(void);  /* stdlib/collectionsmodule.c */
Obj *modinit_gc(void);            /* stdlib/gcmodule.c */
Obj *modinit__vitrine(void);      /* stdlib/vitrinemodule.c (vitrine.py on top) */
Obj *modinit_dis(void);           /* compiler/disasm.c */
Obj *modinit__thread(void);       /* stdlib/threadmodule.c (later) */
Obj *modinit_atexit(void);        /* stdlib/atexitmodule.c */
Obj *modinit__weakref(void);      /* runtime/weakref.c (weakref.py on top) */
Obj *modinit_itertools(void);     /* stdlib/itertoolsmodule.c */
Obj *modinit__random(void);       /* stdlib/randommodule.c (random.py on top) */
Obj *modinit__struct(void);       /* stdlib/structmodule.c (struct.py on top) */
Obj *modinit__io(void);           /* stdlib/iomodule.c (io.py on top) */
Obj *modinit__json(void);         /* stdlib/jsonmodule.c (json/ on top) */
Obj *modinit_select(void);        /* stdlib/selectmodule.c */
Obj *modinit__socket(void);       /* stdlib/socketmodule.c (socket.py on top) */

/* sys helpers (stdlib/sysmodule.c) */
int sys_set_argv(int argc, char **argv);        /* sys.argv = argv[0..argc) */
Obj *sys_get_object(const char *name);          /* borrowed sys.<name>, NULL if missing */
int sys_path_insert0(const char *dir);          /* sys.path.insert(0, dir) */

#endif
