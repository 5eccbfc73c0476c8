/* opcodes.h: the one list of Vitrine's bytecode instructions.
 *
 * INSTRUCTION FORMAT
 * Code is an array of 32-bit words (`Instr`). Each word holds an 8-bit opcode in the low byte
 * and a 24-bit unsigned argument in the high bits: op = w & 0xff, arg = w >> 8. There is no
 * EXTENDED_ARG: the compiler rejects code needing an argument >= 2^24. Jump targets are
 * absolute instruction indexes. Position info is kept per instruction in the code object's
 * `positions` array (line, end line, column, end column), used by tracebacks and --trace=line.
 *
 * STACK NOTATION below: [before] -> [after], top of stack rightmost. "NULL" is a C NULL
 * pushed as a marker (never a Python value).
 *
 * CALL CONVENTION
 * Every call site lays out [callable, self_or_NULL, arg1 .. argN]: plain calls push the
 * callable then PUSH_NULL; LOAD_METHOD pushes [function, self] when it can skip creating a
 * bound method, else [bound_or_attr, NULL]. CALL(n) then calls with N args (N+1 with self).
 * Keyword arguments: KW_NAMES(consti) right before CALL names the last len(kwnames) args.
 *
 * EXCEPTION HANDLING: a block stack, per frame.
 * SETUP_FINALLY(target) pushes a handler block {target, stack depth}. When an exception is
 * raised while the block is active, the VM pops the value stack down to the recorded depth,
 * pushes the exception instance and jumps to target. POP_BLOCK pops the block on normal exit.
 * In a handler the compiler emits PUSH_EXC_INFO (save previous "handled" exception, make this
 * one current for sys.exc_info() and implicit chaining) and POP_EXCEPT to restore it.
 *
 * The X-macro: OP(name, has_arg, "doc of its stack effect")
 */
#ifndef VITRINE_OPCODES_H
#define VITRINE_OPCODES_H

#include <stdint.h>

typedef uint32_t Instr;
#define INSTR_OP(w) ((w) & 0xffu)
#define INSTR_ARG(w) ((w) >> 8)
#define MAKE_INSTR(op, arg) ((Instr)(op) | ((Instr)(arg) << 8))
#define INSTR_ARG_MAX ((1u << 24) - 1)

#define OPCODE_LIST(OP) \
    OP(NOP, 0, "[] -> []") \
    OP(POP_TOP, 0, "[x] -> []") \
    OP(PUSH_NULL, 0, "[] -> [NULL]") \
    OP(COPY, 1, "COPY(i): [.. x_i .. x_1] -> [.. x_1, x_i] (i=1 duplicates TOS)") \
    OP(SWAP, 1, "SWAP(i): exchange TOS with the i-th item (i>=2)") \
    OP(LOAD_CONST, 1, "[] -> [consts[i]]") \
    OP(LOAD_FAST, 1, "[] -> [locals[i]]; UnboundLocalError if unset") \
    OP(STORE_FAST, 1, "[v] -> []; locals[i] = v") \
    OP(DELETE_FAST, 1, "locals[i] = NULL; UnboundLocalError if unset") \
    OP(LOAD_DEREF, 1, "[] -> [cells[i].contents]; cells = cellvars then freevars; NameError/UnboundLocalError if empty") \
    OP(STORE_DEREF, 1, "[v] -> []; cells[i].contents = v") \
    OP(DELETE_DEREF, 1, "cells[i].contents = NULL") \
    OP(LOAD_CLASSDEREF, 1, "class bodies: [] -> [locals mapping[freename] if present, else cells[i].contents]") \
    OP(LOAD_CLOSURE, 1, "[] -> [cells[i]] (the cell object itself, for MAKE_FUNCTION's closure tuple)") \
    OP(LOAD_GLOBAL, 1, "[] -> [globals[names[i]] or builtins[names[i]]]; NameError") \
    OP(STORE_GLOBAL, 1, "[v] -> []") \
    OP(DELETE_GLOBAL, 1, "[] -> []") \
    OP(LOAD_NAME, 1, "[] -> [locals/globals/builtins lookup of names[i]] (module and class bodies, exec)") \
    OP(STORE_NAME, 1, "[v] -> []; locals mapping[names[i]] = v") \
    OP(DELETE_NAME, 1, "[] -> []") \
    OP(LOAD_ATTR, 1, "[obj] -> [obj.names[i]]") \
    OP(STORE_ATTR, 1, "[v, obj] -> []; obj.names[i] = v") \
    OP(DELETE_ATTR, 1, "[obj] -> []") \
    OP(LOAD_METHOD, 1, "[obj] -> [func, obj] if names[i] is a plain function on type(obj), else [obj.names[i], NULL]") \
    OP(LOAD_SUPER_ATTR_UNUSED, 1, "reserved") \
    OP(KW_NAMES, 1, "[] -> []; the next CALL takes consts[i] (a tuple of str) as keyword names") \
    OP(CALL, 1, "CALL(n): [callable, self_or_NULL, a1..an] -> [result]") \
    OP(CALL_FUNCTION_EX, 1, "[callable, self_or_NULL, args_tuple, kwargs_dict if arg&1] -> [result]") \
    OP(MAKE_FUNCTION, 1, "[defaults if arg&1, kwdefaults if arg&2, annotations if arg&4, closure if arg&8, code] -> [function]") \
    OP(LOAD_BUILD_CLASS, 0, "[] -> [builtins.__build_class__]") \
    OP(RETURN_VALUE, 0, "[v] -> return v from the frame") \
    OP(BINARY_OP, 1, "BINARY_OP(op): [a, b] -> [a op b]; op is NB_* or NB_INPLACE+NB_* (object.h)") \
    OP(COMPARE_OP, 1, "COMPARE_OP(op): [a, b] -> [a op b]; op is CMP_*") \
    OP(IS_OP, 1, "[a, b] -> [a is b] (arg 1: is not)") \
    OP(CONTAINS_OP, 1, "[a, b] -> [a in b] (arg 1: not in)") \
    OP(UNARY_NEGATIVE, 0, "[a] -> [-a]") \
    OP(UNARY_POSITIVE, 0, "[a] -> [+a]") \
    OP(UNARY_INVERT, 0, "[a] -> [~a]") \
    OP(UNARY_NOT, 0, "[a] -> [not a]") \
    OP(BINARY_SUBSCR, 0, "[container, key] -> [container[key]]") \
    OP(STORE_SUBSCR, 0, "[v, container, key] -> []; container[key] = v") \
    OP(DELETE_SUBSCR, 0, "[container, key] -> []") \
    OP(BUILD_SLICE, 1, "[start, stop] or [start, stop, step] (arg 2 or 3) -> [slice]") \
    OP(BUILD_TUPLE, 1, "[x1..xn] -> [(x1..xn)]") \
    OP(BUILD_LIST, 1, "[x1..xn] -> [[x1..xn]]") \
    OP(BUILD_SET, 1, "[x1..xn] -> [{x1..xn}]") \
    OP(BUILD_MAP, 1, "[k1, v1 .. kn, vn] -> [{k1: v1 ..}]") \
    OP(BUILD_STRING, 1, "[s1..sn] -> [s1 + .. + sn] (all str; f-strings)") \
    OP(LIST_APPEND, 1, "[list at depth i .., v] -> [list ..]; list.append(v); list is the i-th item after popping v") \
    OP(SET_ADD, 1, "like LIST_APPEND for sets") \
    OP(MAP_ADD, 1, "[dict at depth i .., k, v] -> [dict ..]; dict[k] = v") \
    OP(LIST_EXTEND, 1, "[list at depth i .., it] -> [list ..]; list.extend(it)") \
    OP(SET_UPDATE, 1, "[set at depth i .., it] -> [set ..]") \
    OP(DICT_UPDATE, 1, "[dict at depth i .., m] -> [dict ..]; {**m} in displays: TypeError if not a mapping") \
    OP(DICT_MERGE, 1, "[callable .. dict at depth i .., m] -> [..]; f(**m): TypeError on repeated keyword") \
    OP(LIST_TO_TUPLE, 0, "[list] -> [tuple(list)]") \
    OP(FORMAT_VALUE, 1, "[v] or [v, spec] if arg&4 -> [str]; arg&3: 0 none, 1 str(), 2 repr(), 3 ascii()") \
    OP(UNPACK_SEQUENCE, 1, "[seq] -> [xn .. x1] (x1 on top); ValueError texts as CPython") \
    OP(UNPACK_EX, 1, "arg = before | (after << 8): [seq] -> [after items.., list of middle, before items..] (first on top)") \
    OP(JUMP, 1, "forward jump to target") \
    OP(JUMP_BACKWARD, 1, "backward jump to target; checks the eval breaker (GIL, signals, tracing)") \
    OP(POP_JUMP_IF_FALSE, 1, "[v] -> []; jump if not v") \
    OP(POP_JUMP_IF_TRUE, 1, "[v] -> []; jump if v") \
    OP(POP_JUMP_IF_NONE, 1, "[v] -> []; jump if v is None") \
    OP(POP_JUMP_IF_NOT_NONE, 1, "[v] -> []; jump if v is not None") \
    OP(JUMP_IF_FALSE_OR_POP, 1, "[v] -> [v] and jump if not v, else [] and continue") \
    OP(JUMP_IF_TRUE_OR_POP, 1, "[v] -> [v] and jump if v, else [] and continue") \
    OP(GET_ITER, 0, "[obj] -> [iter(obj)]") \
    OP(FOR_ITER, 1, "[it] -> [it, next(it)]; at exhaustion [it] -> [] and jump to target") \
    OP(SETUP_FINALLY, 1, "push a handler block (target, current stack depth)") \
    OP(POP_BLOCK, 0, "pop the innermost handler block") \
    OP(PUSH_EXC_INFO, 0, "[exc] -> [prev_handled_or_None, exc]; exc becomes the handled exception") \
    OP(POP_EXCEPT, 0, "[prev] -> []; restore prev as the handled exception") \
    OP(CHECK_EXC_MATCH, 0, "[exc, cls] -> [exc, bool]; TypeError if cls is not an exception class/tuple") \
    OP(CHECK_EG_MATCH, 0, "[eg, cls] -> [rest, match] as CPython 3.11 (match is None if no match)") \
    OP(PREP_RERAISE_STAR, 0, "[orig, list_of_raised] -> [exc_to_reraise_or_None] as CPython 3.11") \
    OP(RERAISE, 1, "[exc] -> raise exc again, keeping its traceback") \
    OP(RAISE_VARARGS, 1, "0: re-raise the handled exception; 1: [exc] -> raise; 2: [exc, cause] -> raise exc from cause") \
    OP(LOAD_ASSERTION_ERROR, 0, "[] -> [AssertionError]") \
    OP(BEFORE_WITH, 0, "[mgr] -> [bound __exit__, mgr.__enter__()]") \
    OP(WITH_EXIT, 0, "[exit] -> []; calls exit(None, None, None) on normal exit") \
    OP(WITH_EXCEPT_START, 0, "[exit, prev, exc] -> [exit, prev, exc, exit(type(exc), exc, tb)]") \
    OP(BEFORE_ASYNC_WITH, 0, "[mgr] -> [bound __aexit__, awaitable from mgr.__aenter__()]") \
    OP(GET_AWAITABLE, 1, "[obj] -> [iterator for await]; arg: 0 await, 1 after __aenter__, 2 after __aexit__ (error texts)") \
    OP(GET_AITER, 0, "[obj] -> [obj.__aiter__()]") \
    OP(GET_ANEXT, 0, "[aiter] -> [aiter, awaitable of aiter.__anext__()]") \
    OP(END_ASYNC_FOR, 0, "[aiter, exc] -> []; if exc is StopAsyncIteration, else re-raise") \
    OP(GET_YIELD_FROM_ITER, 0, "[obj] -> [iter(obj)] (generators/coroutines pass through)") \
    OP(SEND, 1, "[receiver, v] -> [receiver, yielded] (continue) or [result] and jump to target when it returns") \
    OP(YIELD_VALUE, 0, "[v] -> suspend yielding v; on resume [] -> [sent value]") \
    OP(RETURN_GENERATOR_UNUSED, 0, "reserved") \
    OP(ASYNC_GEN_WRAP, 0, "[v] -> [wrapped v] (async generators yield through a marker)") \
    OP(IMPORT_NAME, 1, "[level, fromlist] -> [module]; __import__(names[i], globals, None, fromlist, level)") \
    OP(IMPORT_FROM, 1, "[module] -> [module, module.names[i]]; ImportError as CPython") \
    OP(IMPORT_STAR, 0, "[module] -> []; copies public names into locals") \
    OP(SETUP_ANNOTATIONS, 0, "create __annotations__ in the locals mapping if missing") \
    OP(LOAD_LOCALS, 0, "[] -> [locals mapping]") \
    OP(PRINT_EXPR, 0, "[v] -> []; sys.displayhook(v) (interactive mode)") \
    OP(GET_LEN, 0, "[obj] -> [obj, len(obj)]") \
    OP(RETURN_CONST, 1, "return consts[i]")

typedef enum {
#define OP(name, has_arg, doc) OP_##name,
    OPCODE_LIST(OP)
#undef OP
    OP__COUNT
} Opcode;

extern const char *const opcode_names[OP__COUNT];
extern const unsigned char opcode_has_arg[OP__COUNT];

#endif
