"""Reprs of callbacks as CPython prints them in Handle and Future reprs."""
import functools


def _format_args(args):
    s = repr(args)
    return s[:-2] + ')' if len(args) == 1 else s


def _source(func):
    code = getattr(func, '__code__', None)
    if code is not None:
        return f' at {code.co_filename}:{code.co_firstlineno}'
    return ''


def format_callback(func, args=(), suffix=''):
    """'f(1, 2) at x.py:3' style."""
    if isinstance(func, functools.partial):
        return format_callback(func.func, func.args + tuple(args), suffix)
    name = getattr(func, '__qualname__', None) or getattr(func, '__name__', None) or repr(func)
    return name + _format_args(tuple(args)) + suffix


def format_callback_source(func, args=()):
    return format_callback(func, args) + _source(getattr(func, '__func__', func))
