"""Reprs of callbacks as CPython prints them in Handle and Future reprs."""
import functools


def _format_args_and_kwargs(args, kwargs):
    items = [short_repr(arg) for arg in args or ()]
    items.extend(f'{k}={short_repr(v)}' for k, v in (kwargs or {}).items())
    return '({})'.format(', '.join(items))


def _function_source(func):
    """(file, line) for plain Python functions (and partials of them); None otherwise."""
    if getattr(func, '_vt_builtin', False):   # stands for a C function in CPython
        return None
    if isinstance(func, functools.partial):
        return _function_source(func.func)
    if isinstance(func, _FunctionType):
        code = func.__code__
        return code.co_filename, code.co_firstlineno
    return None


def format_callback(func, args=(), kwargs=None, suffix=''):
    """'f(1, 2)' style; a partial shows its own args then the call's."""
    if isinstance(func, functools.partial):
        suffix = _format_args_and_kwargs(args, kwargs) + suffix
        return format_callback(func.func, func.args, func.keywords, suffix)
    name = getattr(func, '__qualname__', None) or getattr(func, '__name__', None) or repr(func)
    return name + _format_args_and_kwargs(args, kwargs) + suffix


def format_callback_source(func, args=()):
    """format_callback plus ' at file:line' for Python functions, as CPython's reprs."""
    text = format_callback(func, args)
    source = _function_source(func)
    if source:
        text += f' at {source[0]}:{source[1]}'
    return text


_FunctionType = type(_function_source)


# ---- short reprs of results in Future/Task reprs, with reprlib.repr()'s default limits ----
_MAXLEVEL, _MAXITER, _MAXDICT, _MAXSTRING, _MAXLONG, _MAXOTHER = 6, 6, 4, 30, 40, 30


def _cut(s, limit):
    if len(s) > limit:
        i = max(0, (limit - 3) // 2)
        j = max(0, limit - 3 - i)
        s = s[:i] + '...' + s[len(s) - j:]
    return s


def _sorted(x):
    try:
        return sorted(x)
    except Exception:
        return list(x)


def _iterable(x, level, left, right, trail=''):
    n = len(x)
    if level <= 0 and n:
        s = '...'
    else:
        pieces = [_repr1(e, level - 1) for e in list(x)[:_MAXITER]]
        if n > _MAXITER:
            pieces.append('...')
        s = ', '.join(pieces)
        if n == 1 and trail:
            right = trail + right
    return f'{left}{s}{right}'


def _repr1(x, level):
    t = type(x)
    if t is str:
        s = repr(x[:_MAXSTRING])
        if len(s) > _MAXSTRING:
            i = max(0, (_MAXSTRING - 3) // 2)
            j = max(0, _MAXSTRING - 3 - i)
            s = repr(x[:i] + x[len(x) - j:])
            s = s[:i] + '...' + s[len(s) - j:]
        return s
    if t is int:
        return _cut(repr(x), _MAXLONG)
    if t is list:
        return _iterable(x, level, '[', ']')
    if t is tuple:
        return _iterable(x, level, '(', ')', ',')
    if t is set:
        return _iterable(_sorted(x), level, '{', '}') if x else 'set()'
    if t is frozenset:
        return _iterable(_sorted(x), level, 'frozenset({', '})') if x else 'frozenset()'
    if t is dict:
        if not x:
            return '{}'
        if level <= 0:
            return '{...}'
        keys = _sorted(x)
        pieces = [f'{_repr1(k, level - 1)}: {_repr1(x[k], level - 1)}' for k in keys[:_MAXDICT]]
        if len(x) > _MAXDICT:
            pieces.append('...')
        return '{%s}' % ', '.join(pieces)
    try:
        s = repr(x)
    except Exception:
        return '<%s instance at %#x>' % (t.__name__, id(x))
    return _cut(s, _MAXOTHER)


def short_repr(obj):
    """reprlib.repr(obj) with its default limits, as CPython's future reprs use it."""
    return _repr1(obj, _MAXLEVEL)


_GenericAlias = type(list[int])


def class_getitem(cls, item):
    """Queue[int], Future[int]: a types.GenericAlias (or the class itself if this build
    cannot create GenericAlias objects from Python)."""
    try:
        return _GenericAlias(cls, item)
    except TypeError:
        return cls
