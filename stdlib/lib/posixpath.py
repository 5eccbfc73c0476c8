"""posixpath: path name manipulation for POSIX systems (os.path)."""
import posix as _posix

sep = "/"
curdir = "."
pardir = ".."


def _fspath(p):
    import os
    return os.fspath(p)


def isabs(s):
    return _fspath(s).startswith("/")


def join(a, *p):
    path = _fspath(a)
    for b in map(_fspath, p):
        if b.startswith("/"):
            path = b
        elif not path or path.endswith("/"):
            path += b
        else:
            path += "/" + b
    return path


def split(p):
    p = _fspath(p)
    i = p.rfind("/") + 1
    head, tail = p[:i], p[i:]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head, tail


def splitext(p):
    p = _fspath(p)
    sep_index = p.rfind("/")
    dot_index = p.rfind(".")
    if dot_index > sep_index:
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != ".":
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, ""


def basename(p):
    return split(p)[1]


def dirname(p):
    return split(p)[0]


def exists(p):
    try:
        _posix.stat(_fspath(p))
    except (OSError, ValueError):
        return False
    return True


def _mode(p):
    try:
        return _posix.stat(_fspath(p))[0]
    except (OSError, ValueError):
        return None


def isdir(p):
    m = _mode(p)
    return m is not None and (m & 0o170000) == 0o040000


def isfile(p):
    m = _mode(p)
    return m is not None and (m & 0o170000) == 0o100000


def islink(p):
    return False


def getsize(p):
    return _posix.stat(_fspath(p))[6]


def getmtime(p):
    return _posix.stat(_fspath(p))[8]


def normpath(path):
    path = _fspath(path)
    if not path:
        return "."
    initial = 2 if path.startswith("//") and not path.startswith("///") else (1 if path.startswith("/") else 0)
    comps = []
    for comp in path.split("/"):
        if comp in ("", "."):
            continue
        if comp != ".." or (not initial and not comps) or (comps and comps[-1] == ".."):
            comps.append(comp)
        elif comps:
            comps.pop()
    path = "/" * initial + "/".join(comps)
    return path or "."


def abspath(path):
    path = _fspath(path)
    if not isabs(path):
        path = join(_posix.getcwd(), path)
    return normpath(path)


def realpath(path):
    return _posix._realpath(abspath(path))


def expanduser(path):
    path = _fspath(path)
    if not path.startswith("~"):
        return path
    home = _posix.environ.get("HOME", "/")
    i = path.find("/")
    if i < 0:
        i = len(path)
    if i != 1:
        return path
    return (home.rstrip("/") or "/") + path[i:]


def relpath(path, start="."):
    path_list = [x for x in abspath(path).split("/") if x]
    start_list = [x for x in abspath(start).split("/") if x]
    i = 0
    while i < min(len(path_list), len(start_list)) and path_list[i] == start_list[i]:
        i += 1
    rel = [".."] * (len(start_list) - i) + path_list[i:]
    return join(*rel) if rel else "."


def commonprefix(m):
    if not m:
        return ""
    s1, s2 = min(m), max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1
