"""traceback: extract, format and print exceptions and their tracebacks, as CPython's
traceback module does (without 3.11's column carets in the Python-level formatters)."""
import sys

__all__ = ["extract_tb", "format_exc", "format_exception", "format_exception_only",
           "format_tb", "print_exc", "print_exception", "print_tb", "FrameSummary",
           "StackSummary", "format_list", "extract_stack", "print_stack", "format_stack"]

_cause_message = "\nThe above exception was the direct cause of the following exception:\n\n"
_context_message = "\nDuring handling of the above exception, another exception occurred:\n\n"


def _source_line(filename, lineno):
    try:
        with open(filename, encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                if i == lineno:
                    return line.strip()
    except (OSError, UnicodeDecodeError):
        pass
    return ""


class FrameSummary:
    __slots__ = ("filename", "lineno", "name", "_line")

    def __init__(self, filename, lineno, name, line=None):
        self.filename, self.lineno, self.name, self._line = filename, lineno, name, line

    @property
    def line(self):
        if self._line is None:
            self._line = _source_line(self.filename, self.lineno)
        return self._line

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __getitem__(self, i):
        return (self.filename, self.lineno, self.name, self.line)[i]

    def __len__(self):
        return 4

    def __repr__(self):
        return "<FrameSummary file {filename}, line {lineno} in {name}>".format(
            filename=self.filename, lineno=self.lineno, name=self.name)


class StackSummary(list):
    def format(self):
        out = []
        for fs in self:
            row = '  File "{}", line {}, in {}\n'.format(fs.filename, fs.lineno, fs.name)
            if fs.line:
                row += "    {}\n".format(fs.line)
            out.append(row)
        return out


def extract_tb(tb, limit=None):
    result = StackSummary()
    while tb is not None and (limit is None or len(result) < limit):
        code = tb.tb_frame.f_code
        result.append(FrameSummary(code.co_filename, tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    return result


def extract_stack(f=None, limit=None):
    if f is None:
        f = sys._getframe().f_back
    result = StackSummary()
    while f is not None and (limit is None or len(result) < limit):
        result.append(FrameSummary(f.f_code.co_filename, f.f_lineno, f.f_code.co_name))
        f = f.f_back
    result.reverse()
    return result


def format_list(extracted_list):
    return StackSummary(extracted_list).format()


def format_tb(tb, limit=None):
    return extract_tb(tb, limit).format()


def format_stack(f=None, limit=None):
    if f is None:
        f = sys._getframe().f_back
    return format_list(extract_stack(f, limit))


def _exc_name(etype):
    mod = getattr(etype, "__module__", None)
    qual = getattr(etype, "__qualname__", etype.__name__)
    if mod not in ("__main__", "builtins", None):
        return mod + "." + qual
    return qual


def format_exception_only(exc, /, value=None):
    if value is None and not isinstance(exc, type):
        value = exc
    if value is None:
        return ["%s\n" % _exc_name(exc)]
    etype = type(value)
    name = _exc_name(etype)
    if issubclass(etype, SyntaxError):
        lines = ['  File "{}", line {}\n'.format(value.filename or "<string>", value.lineno)]
        if value.text:
            text = value.text.rstrip("\n")
            stripped = text.lstrip()
            lines.append("    {}\n".format(stripped))
            if value.offset:
                start = value.offset - 1 - (len(text) - len(stripped))
                end = (value.end_offset or value.offset) - 1 - (len(text) - len(stripped))
                width = max(end - start, 1)
                lines.append("    {}{}\n".format(" " * max(start, 0), "^" * width))
        lines.append("{}: {}\n".format(name, value.msg))
        return lines
    try:
        text = str(value)
    except Exception:
        text = "<exception str() failed>"
    lines = ["{}: {}\n".format(name, text) if text else "{}\n".format(name)]
    for note in getattr(value, "__notes__", None) or ():
        lines.append("{}\n".format(note))
    return lines


def format_exception(exc, /, value=None, tb=None, limit=None, chain=True):
    if value is None and not isinstance(exc, type):
        value, tb = exc, exc.__traceback__
    out = []
    seen = set()

    def walk(v, t):
        seen.add(id(v))
        if chain:
            if v.__cause__ is not None and id(v.__cause__) not in seen:
                walk(v.__cause__, v.__cause__.__traceback__)
                out.append(_cause_message)
            elif (v.__context__ is not None and not v.__suppress_context__
                  and id(v.__context__) not in seen):
                walk(v.__context__, v.__context__.__traceback__)
                out.append(_context_message)
        if t is not None:
            out.append("Traceback (most recent call last):\n")
            out.extend(format_tb(t, limit))
        out.extend(format_exception_only(v))

    if value is None:
        return format_exception_only(exc)
    walk(value, tb)
    return out


def format_exc(limit=None, chain=True):
    exc = sys.exception()
    if exc is None:
        return "NoneType: None\n"
    return "".join(format_exception(exc, limit=limit, chain=chain))


def print_exception(exc, /, value=None, tb=None, limit=None, file=None, chain=True):
    if file is None:
        file = sys.stderr
    for line in format_exception(exc, value, tb, limit, chain):
        print(line, file=file, end="")


def print_exc(limit=None, file=None, chain=True):
    exc = sys.exception()
    if exc is not None:
        print_exception(exc, limit=limit, file=file, chain=chain)


def print_tb(tb, limit=None, file=None):
    for line in format_tb(tb, limit):
        print(line, file=file or sys.stderr, end="")


def print_stack(f=None, limit=None, file=None):
    if f is None:
        f = sys._getframe().f_back
    for line in format_stack(f, limit):
        print(line, file=file or sys.stderr, end="")
