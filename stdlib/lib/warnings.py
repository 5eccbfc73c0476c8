"""warnings: issue warnings to stderr as 'file:line: Category: message', with simple filters."""
import sys

# Entries are (action, message, category, module, lineno) as in CPython; message and module
# are plain strings here (CPython compiles them as regular expressions): message must prefix
# the warning text, module must equal the module name. Defaults are CPython 3.11's.
filters = [
    ("default", None, DeprecationWarning, "__main__", 0),
    ("ignore", None, DeprecationWarning, None, 0),
    ("ignore", None, PendingDeprecationWarning, None, 0),
    ("ignore", None, ImportWarning, None, 0),
    ("ignore", None, ResourceWarning, None, 0),
]
_seen = set()


def simplefilter(action, category=Warning, lineno=0, append=False):
    entry = (action, None, category, None, lineno)
    if append:
        filters.append(entry)
    else:
        filters.insert(0, entry)


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    entry = (action, message or None, category, module or None, lineno)
    if append:
        filters.append(entry)
    else:
        filters.insert(0, entry)


def resetwarnings():
    filters.clear()


def _action_for(text, category, module, lineno):
    for action, msg, cat, mod, line in filters:
        if ((msg is None or text.lower().startswith(msg.lower())) and issubclass(category, cat)
                and (mod is None or mod == module) and (line == 0 or line == lineno)):
            return action
    return "default"


def formatwarning(message, category, filename, lineno, line=None):
    text = "%s:%s: %s: %s\n" % (filename, lineno, category.__name__, message)
    if line is None:
        try:
            with open(filename, encoding="utf-8") as f:
                line = f.read().splitlines()[lineno - 1]
        except (OSError, IndexError, UnicodeDecodeError):
            line = None
    if line:
        text += "  %s\n" % line.strip()
    return text


def showwarning(message, category, filename, lineno, file=None, line=None):
    (file or sys.stderr).write(formatwarning(message, category, filename, lineno, line))


def warn(message, category=None, stacklevel=1, source=None):
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    frame = sys._getframe(stacklevel)
    filename, lineno = frame.f_code.co_filename, frame.f_lineno
    module = frame.f_globals.get("__name__", "<string>")
    action = _action_for(str(message), category, module, lineno)
    if action == "ignore":
        return
    if action == "error":
        raise category(message) if not isinstance(message, Warning) else message
    if action == "once":
        key = (str(message), category)
    elif action == "module":
        key = (str(message), category, module)
    else:
        key = (str(message), category, filename, lineno)
    if action != "always" and key in _seen:
        return
    _seen.add(key)
    showwarning(message, category, filename, lineno)


class catch_warnings:
    def __init__(self, *, record=False):
        self._record = record

    def __enter__(self):
        global showwarning
        self._filters = filters[:]
        self._showwarning = showwarning
        if self._record:
            log = []
            def showwarning(message, category, filename, lineno, file=None, line=None):
                log.append(WarningMessage(message, category, filename, lineno))
            globals()["showwarning"] = showwarning
            return log
        return None

    def __exit__(self, *exc):
        filters[:] = self._filters
        globals()["showwarning"] = self._showwarning


class WarningMessage:
    def __init__(self, message, category, filename, lineno):
        self.message, self.category, self.filename, self.lineno = message, category, filename, lineno
