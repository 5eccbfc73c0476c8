"""Helpers that call back into the caller's functions."""

def apply(fn, items):
    out = []
    for item in items:
        out.append(transform(fn, item))
    return out

def transform(fn, item):
    return fn(item)
