"""importlib: the import_module entry point of the import system (vm/import.c does the work)."""
import sys


def import_module(name, package=None):
    level = 0
    if name.startswith("."):
        if not package:
            raise TypeError("the 'package' argument is required to perform a relative "
                            "import for {!r}".format(name))
        while level < len(name) and name[level] == ".":
            level += 1
    __import__(name[level:], {"__package__": package, "__name__": package or ""}, None,
               ["*"] if level else None, level)
    if level:
        base = package.rsplit(".", level - 1)[0]
        name = base + "." + name[level:] if name[level:] else base
    return sys.modules[name]


def reload(module):
    raise NotImplementedError("importlib.reload is not supported by Vitrine yet")


def invalidate_caches():
    pass
