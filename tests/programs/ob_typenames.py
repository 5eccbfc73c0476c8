# Type names in error messages: tp_name (dotted for static types) vs __name__.
import sys, types
for f in (lambda: sys.stdout.foo, lambda: print >> sys.stderr, lambda: types.SimpleNamespace().x, lambda: len(sys.stdout), lambda: sys.stdout + 1):
    try: f()
    except Exception as e: print(type(e).__name__, e)
print(type(sys.stdout), type(sys.stdout).__name__, type(sys.stdout).__module__, type(sys.stdout).__qualname__)
print(type(types.SimpleNamespace()), types.SimpleNamespace.__module__)
