/* itertools.h: shared helpers of the itertools module (itertoolsmodule.c, itertools_comb.c). */
#ifndef VITRINE_ITERTOOLS_H
#define VITRINE_ITERTOOLS_H

#include "dict.h"
#include "gc.h"
#include "vm.h"

/* Types defined in itertools_comb.c (combinatorics, groupby, tee); readied by modinit. */
extern Type Type_it_product, Type_it_permutations, Type_it_combinations, Type_it_cwr,
    Type_it_groupby, Type_it_grouper, Type_it_tee, Type_it_teedata;

/* itertools.tee(iterable, n=2) (itertools_comb.c). */
Obj *itertools_tee(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames);

/* Visit a field if set (for traverse functions). */
#define IT_VISIT(x) do { if (x) { int r_ = visit((Obj *)(x), arg); if (r_) return r_; } } while (0)

/* __iter__ of every itertools iterator: itself. */
static inline Obj *it_self(Obj *o) { return NEWREF(o); }

#endif
