/* disasm.h: a CPython-dis-like listing of Vitrine code objects (compiler/disasm.c). */
#ifndef VITRINE_DISASM_H
#define VITRINE_DISASM_H

#include <stdio.h>
#include "code.h"

/* Print co's instructions (line numbers, >> jump targets, resolved arguments) to out, then
 * the listings of the code objects among its constants. */
void code_disassemble(CodeObj *co, FILE *out);

#endif
