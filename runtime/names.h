/* names.h: identifiers interned once at start-up and compared by pointer.
 * NAME(__init__) is the interned str "__init__" (a borrowed, immortal reference).
 * Add a name by adding one line to NAME_LIST; runtime/names.c defines and interns them all. */
#ifndef VITRINE_NAMES_H
#define VITRINE_NAMES_H

#include "object.h"

#define NAME_LIST(X) \
    X(__abs__) X(__add__) X(__aenter__) X(__aexit__) X(__aiter__) X(__all__) X(__and__) \
    X(__anext__) X(__annotations__) X(__await__) X(__bases__) X(__bool__) X(__build_class__) \
    X(__builtins__) X(__call__) X(__cause__) X(__class__) X(__class_getitem__) X(__classcell__) \
    X(__complex__) X(__contains__) X(__context__) X(__copy__) X(__deepcopy__) X(__del__) \
    X(__delattr__) X(__delete__) X(__delitem__) X(__dict__) X(__dir__) X(__divmod__) X(__doc__) \
    X(__enter__) X(__eq__) X(__exit__) X(__file__) X(__float__) X(__floordiv__) X(__format__) \
    X(__ge__) X(__get__) X(__getattr__) X(__getattribute__) X(__getitem__) X(__gt__) \
    X(__hash__) X(__iadd__) X(__import__) X(__index__) X(__init__) X(__init_subclass__) \
    X(__instancecheck__) X(__int__) X(__invert__) X(__iter__) X(__le__) X(__len__) \
    X(__length_hint__) X(__loader__) X(__lshift__) X(__lt__) X(__main__) X(__matmul__) \
    X(__missing__) X(__mod__) X(__module__) X(__mro__) X(__mro_entries__) X(__mul__) \
    X(__name__) X(__ne__) X(__neg__) X(__new__) X(__next__) X(__notes__) X(__or__) \
    X(__orig_bases__) X(__package__) X(__path__) X(__pos__) X(__pow__) X(__prepare__) \
    X(__qualname__) X(__radd__) X(__reduce__) X(__reduce_ex__) X(__repr__) X(__reversed__) \
    X(__round__) X(__rshift__) X(__set__) X(__set_name__) X(__setattr__) X(__setitem__) \
    X(__slots__) X(__spec__) X(__str__) X(__sub__) X(__subclasscheck__) X(__subclasshook__) \
    X(__truediv__) X(__trunc__) X(__weakref__) X(__xor__) X(__abstractmethods__) \
    X(__traceback__) X(__suppress_context__) X(__wrapped__) X(__self__) X(__func__) \
    X(__defaults__) X(__kwdefaults__) X(__code__) X(__globals__) X(__closure__) \
    X(__isabstractmethod__) X(__ceil__) X(__floor__) \
    X(append) X(args) X(close) X(decode) X(encode) X(end) X(extend) X(file) X(fileno) \
    X(flush) X(items) X(keys) X(metaclass) X(mro) X(name) X(object) X(read) X(readline) \
    X(send) X(sep) X(stderr) X(stdin) X(stdout) X(throw) X(update) X(value) X(values) \
    X(write) X(builtins) X(sys) X(displayhook) X(excepthook) X(msg) X(filename) X(lineno) \
    X(offset) X(text) X(end_lineno) X(end_offset) X(code) X(path) X(modules) X(strict) \
    X(key) X(reverse) X(default) X(start) X(step) X(stop) X(fromlist) X(level) X(globals) \
    X(locals) X(exceptions) X(message) X(errno) X(strerror) X(filename2) X(top) \
    X(__bytes__)

#define X(n) extern Obj *name_##n;
NAME_LIST(X)
#undef X
#define NAME(n) (name_##n)

/* Intern every name in NAME_LIST; called once at interpreter start. */
int names_init(void);

#endif
