"""pickle: serialize objects to bytes (protocols 0-5) and back.

The Pickler reproduces the byte stream of CPython 3.11's C pickler (_pickle.c): same opcode
choices, memo numbering, batching of list/dict/set items and protocol-4 framing, so pickles
can be exchanged with CPython in both directions.
"""
import sys
import _codecs
import copyreg
from struct import pack, unpack
from copyreg import dispatch_table, _extension_registry, _inverted_registry, \
    _extension_cache

__all__ = ['PickleError', 'PicklingError', 'UnpicklingError', 'Pickler', 'Unpickler',
           'dump', 'dumps', 'load', 'loads', 'PickleBuffer', 'HIGHEST_PROTOCOL',
           'DEFAULT_PROTOCOL']

HIGHEST_PROTOCOL = 5
DEFAULT_PROTOCOL = 4
format_version = "4.0"
compatible_formats = ["1.0", "1.1", "1.2", "1.3", "2.0", "3.0", "4.0", "5.0"]


class PickleError(Exception):
    """A common base class for the other pickling exceptions."""


class PicklingError(PickleError):
    """This exception is raised when an unpicklable object is passed to dump()."""


class UnpicklingError(PickleError):
    """This exception is raised when there is a problem unpickling an object."""


for _cls in (PickleError, PicklingError, UnpicklingError):
    _cls.__module__ = '_pickle'
del _cls


class _Stop(Exception):
    def __init__(self, value):
        self.value = value


class PickleBuffer:
    """Wrapper for a buffer handed out-of-band (protocol 5)."""

    def __init__(self, buffer):
        self._view = memoryview(buffer)

    def raw(self):
        return self._view.cast('B') if self._view.format != 'B' else self._view

    def release(self):
        self._view.release()


# Opcodes (single bytes).
MARK = b'('
STOP = b'.'
POP = b'0'
POP_MARK = b'1'
DUP = b'2'
FLOAT = b'F'
INT = b'I'
BININT = b'J'
BININT1 = b'K'
LONG = b'L'
BININT2 = b'M'
NONE = b'N'
PERSID = b'P'
BINPERSID = b'Q'
REDUCE = b'R'
STRING = b'S'
BINSTRING = b'T'
SHORT_BINSTRING = b'U'
UNICODE = b'V'
BINUNICODE = b'X'
APPEND = b'a'
BUILD = b'b'
GLOBAL = b'c'
DICT = b'd'
EMPTY_DICT = b'}'
APPENDS = b'e'
GET = b'g'
BINGET = b'h'
INST = b'i'
LONG_BINGET = b'j'
LIST = b'l'
EMPTY_LIST = b']'
OBJ = b'o'
PUT = b'p'
BINPUT = b'q'
LONG_BINPUT = b'r'
SETITEM = b's'
TUPLE = b't'
EMPTY_TUPLE = b')'
SETITEMS = b'u'
BINFLOAT = b'G'
TRUE = b'I01\n'
FALSE = b'I00\n'
PROTO = b'\x80'
NEWOBJ = b'\x81'
EXT1 = b'\x82'
EXT2 = b'\x83'
EXT4 = b'\x84'
TUPLE1 = b'\x85'
TUPLE2 = b'\x86'
TUPLE3 = b'\x87'
NEWTRUE = b'\x88'
NEWFALSE = b'\x89'
LONG1 = b'\x8a'
LONG4 = b'\x8b'
BINBYTES = b'B'
SHORT_BINBYTES = b'C'
SHORT_BINUNICODE = b'\x8c'
BINUNICODE8 = b'\x8d'
BINBYTES8 = b'\x8e'
EMPTY_SET = b'\x8f'
ADDITEMS = b'\x90'
FROZENSET = b'\x91'
NEWOBJ_EX = b'\x92'
STACK_GLOBAL = b'\x93'
MEMOIZE = b'\x94'
FRAME = b'\x95'
BYTEARRAY8 = b'\x96'
NEXT_BUFFER = b'\x97'
READONLY_BUFFER = b'\x98'

_tuplesize2code = [EMPTY_TUPLE, TUPLE1, TUPLE2, TUPLE3]
_BYTE = [bytes((i,)) for i in range(256)]

_BATCHSIZE = 1000
_FRAME_SIZE_MIN = 4
_FRAME_SIZE_TARGET = 64 * 1024

# Python 2 <-> 3 renames applied with fix_imports (protocols < 3), the builtins subset.
_NAME_MAPPING_2TO3 = {'__builtin__': 'builtins', 'copy_reg': 'copyreg', 'Queue': 'queue',
                      'cPickle': 'pickle', 'StringIO': 'io', 'cStringIO': 'io',
                      'exceptions': 'builtins', 'UserDict': 'collections',
                      'UserList': 'collections', 'UserString': 'collections'}
_NAME_MAPPING_3TO2 = {'builtins': '__builtin__', 'copyreg': 'copy_reg', 'queue': 'Queue',
                      '_functools': 'functools', '_pickle': 'pickle'}
_GLOBAL_2TO3 = {('__builtin__', 'xrange'): ('builtins', 'range'),
                ('__builtin__', 'reduce'): ('functools', 'reduce'),
                ('__builtin__', 'intern'): ('sys', 'intern'),
                ('__builtin__', 'unichr'): ('builtins', 'chr'),
                ('__builtin__', 'unicode'): ('builtins', 'str'),
                ('__builtin__', 'long'): ('builtins', 'int'),
                ('__builtin__', 'basestring'): ('builtins', 'str')}
_GLOBAL_3TO2 = {('builtins', 'range'): ('__builtin__', 'xrange'),
                ('builtins', 'chr'): ('__builtin__', 'unichr'),
                ('builtins', 'str'): ('__builtin__', 'unicode'),
                ('builtins', 'int'): ('__builtin__', 'long'),
                ('builtins', 'zip'): ('itertools', 'izip'),
                ('builtins', 'map'): ('itertools', 'imap'),
                ('builtins', 'filter'): ('itertools', 'ifilter')}
for _n in ('ArithmeticError AssertionError AttributeError BaseException BufferError '
           'BytesWarning DeprecationWarning EOFError EnvironmentError Exception '
           'FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning '
           'IndentationError IndexError KeyError KeyboardInterrupt LookupError MemoryError '
           'NameError NotImplementedError OSError OverflowError PendingDeprecationWarning '
           'ReferenceError RuntimeError RuntimeWarning StopIteration SyntaxError '
           'SyntaxWarning SystemError SystemExit TabError TypeError UnboundLocalError '
           'UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError '
           'UnicodeWarning UserWarning ValueError Warning ZeroDivisionError').split():
    _GLOBAL_3TO2[('builtins', _n)] = ('exceptions', _n)
for _n in ('BrokenPipeError ChildProcessError ConnectionAbortedError ConnectionError '
           'ConnectionRefusedError ConnectionResetError FileExistsError FileNotFoundError '
           'InterruptedError IsADirectoryError NotADirectoryError PermissionError '
           'ProcessLookupError TimeoutError').split():
    _GLOBAL_3TO2[('builtins', _n)] = ('exceptions', 'OSError')
_GLOBAL_3TO2[('builtins', 'ModuleNotFoundError')] = ('exceptions', 'ImportError')
del _n


def encode_long(x):
    """Minimal little-endian two's-complement bytes of x (b'' for 0)."""
    if x == 0:
        return b''
    nbytes = (x.bit_length() >> 3) + 1
    result = x.to_bytes(nbytes, byteorder='little', signed=True)
    if x < 0 and nbytes > 1:
        if result[-1] == 0xff and (result[-2] & 0x80) != 0:
            result = result[:-1]
    return result


def _escape_decode(data):
    """Undo Python-2 repr escaping in a protocol-0 STRING argument."""
    return data.decode('latin-1').encode('latin-1').decode('unicode_escape').encode('latin-1')


def decode_long(data):
    """Inverse of encode_long."""
    return int.from_bytes(data, byteorder='little', signed=True)


def _getattribute(obj, name):
    for subpath in name.split('.'):
        if subpath == '<locals>':
            raise AttributeError("Can't get local attribute {!r} on {!r}".format(name, obj))
        try:
            parent = obj
            obj = getattr(obj, subpath)
        except AttributeError:
            raise AttributeError("Can't get attribute {!r} on {!r}".format(name, obj)) \
                from None
    return obj, parent


def whichmodule(obj, name):
    """Find the module an object belongs to."""
    module_name = getattr(obj, '__module__', None)
    if module_name is not None:
        return module_name
    for module_name, module in sys.modules.copy().items():
        if module_name == '__main__' or module_name == '__mp_main__' or module is None:
            continue
        try:
            if _getattribute(module, name)[0] is obj:
                return module_name
        except AttributeError:
            pass
    return '__main__'


_NoneType = type(None)
_FunctionType = type(whichmodule)
_BuiltinFunctionType = type(len)


class Pickler:
    """Write pickles of objects to a binary file (anything with .write(bytes))."""

    def __init__(self, file, protocol=None, *, fix_imports=True, buffer_callback=None):
        if protocol is None:
            protocol = DEFAULT_PROTOCOL
        if protocol < 0:
            protocol = HIGHEST_PROTOCOL
        elif not 0 <= protocol <= HIGHEST_PROTOCOL:
            raise ValueError("pickle protocol must be <= %d" % HIGHEST_PROTOCOL)
        if buffer_callback is not None and protocol < 5:
            raise ValueError("buffer_callback needs protocol >= 5")
        self._buffer_callback = buffer_callback
        try:
            self._file_write = file.write
        except AttributeError:
            raise TypeError("file must have a 'write' attribute")
        self.memo = {}
        self._has_pid = True
        self._has_override = True
        self.proto = int(protocol)
        self.bin = int(protocol >= 1)
        self.fast = 0
        self.fix_imports = fix_imports and protocol < 3
        self._out = []
        self._frame = None

    def clear_memo(self):
        """Forget what has been pickled so far (shared objects are re-emitted)."""
        self.memo.clear()

    # -- output with protocol-4 framing, as _pickle.c does it
    def write(self, data):
        if self._frame is not None:
            self._frame += data
        else:
            self._out.append(bytes(data))

    def _start_frame(self):
        self._frame = bytearray()

    def _commit_frame(self):
        f = self._frame
        if f is None:
            return
        if len(f) >= _FRAME_SIZE_MIN:
            self._out.append(FRAME + pack('<Q', len(f)) + bytes(f))
        elif f:
            self._out.append(bytes(f))
        self._frame = bytearray()

    def _opcode_boundary(self):
        if self._frame is not None and len(self._frame) >= _FRAME_SIZE_TARGET:
            self._commit_frame()

    def _write_large(self, header, payload):
        if self._frame is not None and len(payload) >= _FRAME_SIZE_TARGET:
            self._commit_frame()
            self._out.append(bytes(header))
            self._out.append(bytes(payload))
        else:
            self.write(header)
            self.write(payload)

    def dump(self, obj):
        """Write a pickled representation of obj to the open file."""
        if not hasattr(self, '_file_write'):
            raise PicklingError("Pickler.__init__() was not called by %s.__init__()"
                                % (self.__class__.__name__,))
        # Skip the per-object hook calls unless the pickler actually provides them.
        self._has_pid = getattr(self.persistent_id, '__func__', None) is not \
            Pickler.persistent_id
        self._has_override = getattr(self, 'reducer_override', None) is not None
        if self.proto >= 2:
            self.write(PROTO + pack("<B", self.proto))
        if self.proto >= 4:
            self._start_frame()
        try:
            self.save(obj)
            self.write(STOP)
            self._commit_frame()
        finally:
            self._frame = None
            data = b''.join(self._out)
            self._out = []
        self._file_write(data)

    # -- memo
    def memoize(self, obj):
        if self.fast:
            return
        idx = len(self.memo)
        self.write(self.put(idx))
        self.memo[id(obj)] = idx, obj

    def put(self, idx):
        if self.proto >= 4:
            return MEMOIZE
        elif self.bin:
            if idx < 256:
                return BINPUT + pack("<B", idx)
            return LONG_BINPUT + pack("<I", idx)
        return PUT + repr(idx).encode("ascii") + b'\n'

    def get(self, i):
        if self.bin:
            if i < 256:
                return BINGET + pack("<B", i)
            return LONG_BINGET + pack("<I", i)
        return GET + repr(i).encode("ascii") + b'\n'

    # -- the dispatcher
    def save(self, obj, save_persistent_id=True):
        if save_persistent_id and self._has_pid:
            pid = self.persistent_id(obj)
            if pid is not None:
                self.save_pers(pid)
                self._opcode_boundary()
                return
        t = type(obj)
        if obj is None:
            self.write(NONE)
        elif t is int and self.bin and 0 <= obj <= 0xff:
            self.write(BININT1 + _BYTE[obj])
        elif t is bool:
            self.save_bool(obj)
        elif t is int:
            self.save_long(obj)
        elif t is float:
            self.save_float(obj)
        else:
            x = self.memo.get(id(obj))
            if x is not None:
                self.write(self.get(x[0]))
            else:
                f = self.dispatch.get(t) if not self._has_override else None
                if f is not None:
                    f(self, obj)
                else:
                    self._save_other(obj, t)
        frame = self._frame
        if frame is not None and len(frame) >= _FRAME_SIZE_TARGET:
            self._commit_frame()

    def _save_other(self, obj, t):
        reduce = getattr(self, 'reducer_override', None)
        if reduce is not None:
            rv = reduce(obj)
            if rv is not NotImplemented:
                self._save_rv(obj, rv)
                return
        f = self.dispatch.get(t)
        if f is not None:
            f(self, obj)
            return
        if t is type or t is _FunctionType or t is _BuiltinFunctionType:
            self.save_global(obj)
            return
        table = getattr(self, 'dispatch_table', dispatch_table)
        reduce = table.get(t)
        if reduce is not None:
            rv = reduce(obj)
        else:
            if issubclass(t, type):
                self.save_global(obj)
                return
            reduce = getattr(obj, "__reduce_ex__", None)
            if (self.proto < 2 and getattr(t, '__reduce_ex__', None) is _object_reduce_ex
                    and getattr(t, '__reduce__', None) is _object_reduce):
                rv = _reduce_ex_compat(obj, self.proto)
            elif reduce is not None:
                rv = reduce(self.proto)
            else:
                reduce = getattr(obj, "__reduce__", None)
                if reduce is not None:
                    rv = reduce()
                else:
                    raise PicklingError("Can't pickle %r object: %r" % (t.__name__, obj))
            if (type(rv) is tuple and rv and rv[0] is copyreg.__newobj__ and
                    len(rv) > 1 and rv[1] and _is_builtin_unpicklable(rv[1][0])):
                raise TypeError(f"cannot pickle {t.__name__!r} object")
        self._save_rv(obj, rv)

    def _save_rv(self, obj, rv):
        if isinstance(rv, str):
            self.save_global(obj, rv)
            return
        if not isinstance(rv, tuple):
            raise PicklingError("__reduce__ must return a string or tuple")
        l = len(rv)
        if not (2 <= l <= 6):
            raise PicklingError("tuple returned by __reduce__ must contain 2 through 6 "
                                "elements")
        self.save_reduce(obj=obj, *rv)

    def persistent_id(self, obj):
        return None

    def save_pers(self, pid):
        if self.bin:
            self.save(pid, save_persistent_id=False)
            self.write(BINPERSID)
        else:
            try:
                self.write(PERSID + str(pid).encode("ascii") + b'\n')
            except UnicodeEncodeError:
                raise PicklingError("persistent IDs in protocol 0 must be ASCII strings")

    def save_reduce(self, func, args, state=None, listitems=None, dictitems=None,
                    state_setter=None, *, obj=None):
        if not isinstance(args, tuple):
            raise PicklingError("second item of the tuple returned by __reduce__ must be "
                                "a tuple")
        if not callable(func):
            raise PicklingError("first item of the tuple returned by __reduce__ must be "
                                "callable")
        save = self.save
        write = self.write
        func_name = getattr(func, "__name__", "")
        if self.proto >= 2 and func_name == "__newobj_ex__":
            cls, args, kwargs = args
            if not hasattr(cls, "__new__"):
                raise PicklingError("args[0] from __newobj_ex__ args has no __new__")
            if obj is not None and cls is not obj.__class__:
                raise PicklingError("args[0] from __newobj_ex__ args has the wrong class")
            if self.proto >= 4:
                save(cls)
                save(args)
                save(kwargs)
                write(NEWOBJ_EX)
            else:
                import functools
                func = functools.partial(cls.__new__, cls, *args, **kwargs)
                save(func)
                save(())
                write(REDUCE)
        elif self.proto >= 2 and func_name == "__newobj__":
            cls = args[0]
            if not hasattr(cls, "__new__"):
                raise PicklingError("args[0] from __newobj__ args has no __new__")
            if obj is not None and cls is not obj.__class__:
                raise PicklingError("args[0] from __newobj__ args has the wrong class")
            args = args[1:]
            save(cls)
            save(args)
            write(NEWOBJ)
        else:
            save(func)
            save(args)
            write(REDUCE)
        if obj is not None:
            if id(obj) in self.memo:
                write(POP + self.get(self.memo[id(obj)][0]))
            else:
                self.memoize(obj)
        if listitems is not None:
            self._batch_appends(listitems)
        if dictitems is not None:
            self._batch_setitems(dictitems)
        if state is not None:
            if state_setter is None:
                save(state)
                write(BUILD)
            else:
                save(state_setter)
                save(obj)
                save(state)
                write(TUPLE2)
                write(REDUCE)
                write(POP)

    # -- per-type savers
    dispatch = {}

    def save_bool(self, obj):
        if self.proto >= 2:
            self.write(NEWTRUE if obj else NEWFALSE)
        else:
            self.write(TRUE if obj else FALSE)

    def save_long(self, obj):
        if -0x80000000 <= obj <= 0x7fffffff:
            if self.bin:
                if 0 <= obj <= 0xff:
                    self.write(BININT1 + pack("<B", obj))
                elif 0 <= obj <= 0xffff:
                    self.write(BININT2 + pack("<H", obj))
                else:
                    self.write(BININT + pack("<i", obj))
            else:
                self.write(INT + repr(obj).encode("ascii") + b'\n')
            return
        if self.proto >= 2:
            encoded = encode_long(obj)
            n = len(encoded)
            if n < 256:
                self.write(LONG1 + pack("<B", n) + encoded)
            else:
                self.write(LONG4 + pack("<i", n) + encoded)
            return
        self.write(LONG + repr(obj).encode("ascii") + b'L\n')

    def save_float(self, obj):
        if self.bin:
            self.write(BINFLOAT + pack('>d', obj))
        else:
            self.write(FLOAT + repr(obj).encode("ascii") + b'\n')

    def save_bytes(self, obj):
        if self.proto < 3:
            if not obj:
                self.save_reduce(bytes, (), obj=obj)
            else:
                self.save_reduce(_codecs.encode, (str(obj, 'latin1'), 'latin1'), obj=obj)
            return
        n = len(obj)
        if n <= 0xff:
            self.write(SHORT_BINBYTES + pack("<B", n) + obj)
        elif n > 0xffffffff and self.proto >= 4:
            self._write_large(BINBYTES8 + pack("<Q", n), obj)
        else:
            self._write_large(BINBYTES + pack("<I", n), obj)
        self.memoize(obj)
    dispatch[bytes] = save_bytes

    def save_bytearray(self, obj):
        if self.proto < 5:
            if not obj:
                self.save_reduce(bytearray, (), obj=obj)
            else:
                self.save_reduce(bytearray, (bytes(obj),), obj=obj)
            return
        n = len(obj)
        self._write_large(BYTEARRAY8 + pack("<Q", n), obj)
        self.memoize(obj)
    dispatch[bytearray] = save_bytearray

    def save_str(self, obj):
        if self.bin:
            encoded = obj.encode('utf-8', 'surrogatepass')
            n = len(encoded)
            if n <= 0xff and self.proto >= 4:
                self.write(SHORT_BINUNICODE + pack("<B", n) + encoded)
            elif n > 0xffffffff and self.proto >= 4:
                self._write_large(BINUNICODE8 + pack("<Q", n), encoded)
            else:
                self._write_large(BINUNICODE + pack("<I", n), encoded)
        else:
            tmp = obj.replace("\\", "\\u005c")
            tmp = tmp.replace("\0", "\\u0000")
            tmp = tmp.replace("\n", "\\u000a")
            tmp = tmp.replace("\r", "\\u000d")
            tmp = tmp.replace("\x1a", "\\u001a")
            self.write(UNICODE + tmp.encode('raw-unicode-escape') + b'\n')
        self.memoize(obj)
    dispatch[str] = save_str

    def save_tuple(self, obj):
        if not obj:
            if self.bin:
                self.write(EMPTY_TUPLE)
            else:
                self.write(MARK + TUPLE)
            return
        n = len(obj)
        save = self.save
        memo = self.memo
        if n <= 3 and self.proto >= 2:
            for element in obj:
                save(element)
            if id(obj) in memo:
                get = self.get(memo[id(obj)][0])
                self.write(POP * n + get)
            else:
                self.write(_tuplesize2code[n])
                self.memoize(obj)
            return
        write = self.write
        write(MARK)
        for element in obj:
            save(element)
        if id(obj) in memo:
            get = self.get(memo[id(obj)][0])
            if self.bin:
                write(POP_MARK + get)
            else:
                write(POP * (n + 1) + get)
            return
        write(TUPLE)
        self.memoize(obj)
    dispatch[tuple] = save_tuple

    def save_list(self, obj):
        if self.bin:
            self.write(EMPTY_LIST)
        else:
            self.write(MARK + LIST)
        self.memoize(obj)
        if not obj:
            return
        if not self.bin:
            for x in obj:
                self.save(x)
                self.write(APPEND)
            return
        # _pickle.c batch_list_exact: a lone item uses APPEND, otherwise MARK..APPENDS
        # batches, with no trailing empty batch.
        if len(obj) == 1:
            self.save(obj[0])
            self.write(APPEND)
            return
        total = 0
        while True:
            this_batch = 0
            self.write(MARK)
            while total < len(obj):
                self.save(obj[total])
                total += 1
                this_batch += 1
                if this_batch == _BATCHSIZE:
                    break
            self.write(APPENDS)
            if total >= len(obj):
                break
    dispatch[list] = save_list

    def _batch_appends(self, items):
        save = self.save
        write = self.write
        if not self.bin:
            for x in items:
                save(x)
                write(APPEND)
            return
        it = iter(items)
        while True:
            tmp = []
            for x in it:
                tmp.append(x)
                if len(tmp) == _BATCHSIZE:
                    break
            n = len(tmp)
            if n > 1:
                write(MARK)
                for x in tmp:
                    save(x)
                write(APPENDS)
            elif n:
                save(tmp[0])
                write(APPEND)
            if n < _BATCHSIZE:
                return

    def save_dict(self, obj):
        if self.bin:
            self.write(EMPTY_DICT)
        else:
            self.write(MARK + DICT)
        self.memoize(obj)
        if not obj:
            return
        if not self.bin:
            self._batch_setitems(obj.items())
            return
        # _pickle.c batch_dict_exact: one pair -> SETITEM; else batches that repeat while
        # the last one was full (so exactly 1000 items gives a trailing empty batch).
        size = len(obj)
        if size == 1:
            for k, v in obj.items():
                self.save(k)
                self.save(v)
            self.write(SETITEM)
            return
        it = iter(obj.items())
        while True:
            i = 0
            self.write(MARK)
            for k, v in it:
                self.save(k)
                self.save(v)
                i += 1
                if i == _BATCHSIZE:
                    break
            self.write(SETITEMS)
            if len(obj) != size:
                raise RuntimeError("dictionary changed size during iteration")
            if i != _BATCHSIZE:
                break
    dispatch[dict] = save_dict

    def _batch_setitems(self, items):
        save = self.save
        write = self.write
        if not self.bin:
            for k, v in items:
                save(k)
                save(v)
                write(SETITEM)
            return
        it = iter(items)
        while True:
            tmp = []
            for x in it:
                tmp.append(x)
                if len(tmp) == _BATCHSIZE:
                    break
            n = len(tmp)
            if n > 1:
                write(MARK)
                for k, v in tmp:
                    save(k)
                    save(v)
                write(SETITEMS)
            elif n:
                k, v = tmp[0]
                save(k)
                save(v)
                write(SETITEM)
            if n < _BATCHSIZE:
                return

    def save_set(self, obj):
        if self.proto < 4:
            self.save_reduce(set, (list(obj),), obj=obj)
            return
        self.write(EMPTY_SET)
        self.memoize(obj)
        size = len(obj)
        if not size:
            return
        it = iter(obj)
        while True:
            i = 0
            self.write(MARK)
            for item in it:
                self.save(item)
                i += 1
                if i == _BATCHSIZE:
                    break
            self.write(ADDITEMS)
            if len(obj) != size:
                raise RuntimeError("set changed size during iteration")
            if i != _BATCHSIZE:
                break
    dispatch[set] = save_set

    def save_frozenset(self, obj):
        if self.proto < 4:
            self.save_reduce(frozenset, (list(obj),), obj=obj)
            return
        self.write(MARK)
        for item in obj:
            self.save(item)
        if id(obj) in self.memo:
            self.write(POP_MARK + self.get(self.memo[id(obj)][0]))
            return
        self.write(FROZENSET)
        self.memoize(obj)
    dispatch[frozenset] = save_frozenset

    def save_global(self, obj, name=None):
        write = self.write
        memo = self.memo
        if name is None:
            name = getattr(obj, '__qualname__', None)
            if name is None:
                name = obj.__name__
        module_name = whichmodule(obj, name)
        if '<locals>' in name.split('.'):
            raise AttributeError("Can't pickle local object %r" % (name,))
        try:
            __import__(module_name, level=0)
            module = sys.modules[module_name]
            obj2, parent = _getattribute(module, name)
        except (ImportError, KeyError, AttributeError):
            last = name.rpartition('.')[2]
            raise PicklingError("Can't pickle %r: attribute lookup %s on %s failed"
                                % (obj, last, module_name)) from None
        if obj2 is not obj:
            raise PicklingError("Can't pickle %r: it's not the same object as %s.%s"
                                % (obj, module_name, name))
        if self.proto >= 2:
            code = _extension_registry.get((module_name, name))
            if code:
                if code <= 0xff:
                    write(EXT1 + pack("<B", code))
                elif code <= 0xffff:
                    write(EXT2 + pack("<H", code))
                else:
                    write(EXT4 + pack("<i", code))
                return
        lastname = name.rpartition('.')[2]
        if parent is module:
            name = lastname
        if self.proto >= 4:
            self.save(module_name)
            self.save(name)
            write(STACK_GLOBAL)
        elif parent is not module:
            self.save_reduce(getattr, (parent, lastname))
        elif self.proto >= 3:
            write(GLOBAL + bytes(module_name, "utf-8") + b'\n' + bytes(name, "utf-8") + b'\n')
        else:
            if self.fix_imports:
                if (module_name, name) in _GLOBAL_3TO2:
                    module_name, name = _GLOBAL_3TO2[(module_name, name)]
                else:
                    module_name = _NAME_MAPPING_3TO2.get(module_name, module_name)
            try:
                write(GLOBAL + bytes(module_name, "ascii") + b'\n' + bytes(name, "ascii") +
                      b'\n')
            except UnicodeEncodeError:
                raise PicklingError("can't pickle global identifier '%s.%s' using "
                                    "pickle protocol %i" % (module_name, name, self.proto)) \
                    from None
        self.memoize(obj)

    def save_type(self, obj):
        if obj is type(None):
            return self.save_reduce(type, (None,), obj=obj)
        elif obj is type(NotImplemented):
            return self.save_reduce(type, (NotImplemented,), obj=obj)
        elif obj is type(...):
            return self.save_reduce(type, (...,), obj=obj)
        return self.save_global(obj)
    dispatch[type] = save_type

    def save_complex(self, obj):
        # copyreg registers complex in CPython; do the same reduction if it is missing.
        reduce = getattr(self, 'dispatch_table', dispatch_table).get(complex)
        if reduce is not None:
            self._save_rv(obj, reduce(obj))
        else:
            self.save_reduce(complex, (obj.real, obj.imag), obj=obj)
    dispatch[complex] = save_complex
    dispatch[_FunctionType] = save_global
    dispatch[_BuiltinFunctionType] = save_global


_object_reduce_ex = object.__reduce_ex__
_object_reduce = object.__reduce__


def _reduce_ex_compat(obj, proto):
    """object.__reduce_ex__(0 or 1) as CPython computes it via copyreg._reduce_ex."""
    cls = obj.__class__
    base = object
    for b in cls.__mro__:
        if b.__module__ == 'builtins' and b is not object:
            base = b
            break
    if base is object:
        state = None
    else:
        if base is cls:
            raise TypeError(f"cannot pickle {cls.__name__!r} object")
        state = base(obj)
    args = (cls, base, state)
    getstate = getattr(obj, '__getstate__', None)
    if getstate is None:
        state_dict = getattr(obj, '__dict__', None)
    else:
        if (getattr(cls, '__getstate__', None) is getattr(object, '__getstate__', 0) and
                getattr(obj, "__slots__", None)):
            raise TypeError("a class that defines __slots__ without defining __getstate__ "
                            "cannot be pickled")
        state_dict = getstate()
    if state_dict:
        return copyreg._reconstructor, args, state_dict
    return copyreg._reconstructor, args


def _is_builtin_unpicklable(cls):
    """Types implemented in C that CPython refuses to pickle without a __reduce__."""
    return cls.__module__ == 'builtins' and cls is not object and cls.__name__ in (
        'generator', 'coroutine', 'async_generator', 'frame', 'code', 'traceback',
        'module', 'cell', 'list_iterator', 'tuple_iterator', 'mappingproxy',
        'method', 'builtin_function_or_method', 'TextIOWrapper', 'BufferedReader',
        'BufferedWriter', 'FileIO')


class _BytesReader:
    """Minimal in-memory reader (read/readline) so pickle does not depend on io."""
    __slots__ = ('data', 'pos')

    def __init__(self, data):
        self.data = bytes(data)
        self.pos = 0

    def read(self, n=-1):
        start = self.pos
        if n is None or n < 0:
            end = len(self.data)
        else:
            end = min(start + n, len(self.data))
        self.pos = end
        return self.data[start:end]

    def readline(self):
        start = self.pos
        i = self.data.find(b'\n', start)
        end = len(self.data) if i < 0 else i + 1
        self.pos = end
        return self.data[start:end]


class _Unframer:
    def __init__(self, file_read, file_readline):
        self.file_read = file_read
        self.file_readline = file_readline
        self.current_frame = None

    def read(self, n):
        if self.current_frame:
            data = self.current_frame.read(n)
            if not data and n != 0:
                self.current_frame = None
                return self.file_read(n)
            if len(data) < n:
                raise UnpicklingError("pickle exhausted before end of frame")
            return data
        return self.file_read(n)

    def readline(self):
        if self.current_frame:
            data = self.current_frame.readline()
            if not data:
                self.current_frame = None
                return self.file_readline()
            if data[-1] != 10:
                raise UnpicklingError("pickle exhausted before end of frame")
            return data
        return self.file_readline()

    def load_frame(self, frame_size):
        if self.current_frame and self.current_frame.read() != b'':
            raise UnpicklingError("beginning of a new frame before end of current frame")
        data = self.file_read(frame_size)
        if len(data) < frame_size:
            raise UnpicklingError("pickle data was truncated")
        self.current_frame = _BytesReader(data)


class Unpickler:
    """Read pickles from a binary file (anything with .read(n) and .readline())."""

    def __init__(self, file, *, fix_imports=True, encoding="ASCII", errors="strict",
                 buffers=None):
        self._buffers = iter(buffers) if buffers is not None else None
        self._file_readline = file.readline
        self._file_read = file.read
        self.memo = {}
        self.encoding = encoding
        self.errors = errors
        self.proto = 0
        self.fix_imports = fix_imports

    def load(self):
        """Read one pickled object from the file and return it."""
        if not hasattr(self, "_file_read"):
            raise UnpicklingError("Unpickler.__init__() was not called by "
                                  "%s.__init__()" % (self.__class__.__name__,))
        src = getattr(self._file_read, '__self__', None)
        if type(src) is _BytesReader:
            # In memory, a frame is just the next bytes of the same buffer: read straight
            # through and only check that each announced frame is complete.
            self._unframer = None
            self._src = src
            self.read = src.read
            self.readline = src.readline
        else:
            self._unframer = _Unframer(self._file_read, self._file_readline)
            self.read = self._unframer.read
            self.readline = self._unframer.readline
        self.metastack = []
        self.stack = []
        self.append = self.stack.append
        self.proto = 0
        read = self.read
        dispatch = self.dispatch
        try:
            while True:
                key = read(1)
                if not key:
                    raise EOFError("Ran out of input")
                f = dispatch.get(key[0])
                if f is None:
                    raise UnpicklingError("invalid load key, %r." % (chr(key[0]),))
                f(self)
        except _Stop as stopinst:
            return stopinst.value

    def _read_exact(self, n):
        data = self.read(n)
        if len(data) != n:
            raise UnpicklingError("pickle data was truncated")
        return data

    def pop_mark(self):
        items = self.stack
        self.stack = self.metastack.pop()
        self.append = self.stack.append
        return items

    def persistent_load(self, pid):
        raise UnpicklingError("A load persistent id instruction was encountered,\n"
                              "but no persistent_load function was specified.")

    def find_class(self, module, name):
        """Return the object module.name (imports module if needed)."""
        if self.proto < 3 and self.fix_imports:
            if (module, name) in _GLOBAL_2TO3:
                module, name = _GLOBAL_2TO3[(module, name)]
            else:
                module = _NAME_MAPPING_2TO3.get(module, module)
        __import__(module, level=0)
        if self.proto >= 4:
            return _getattribute(sys.modules[module], name)[0]
        return getattr(sys.modules[module], name)

    dispatch = {}

    def load_proto(self):
        proto = self._read_exact(1)[0]
        if not 0 <= proto <= HIGHEST_PROTOCOL:
            raise ValueError("unsupported pickle protocol: %d" % proto)
        self.proto = proto
    dispatch[PROTO[0]] = load_proto

    def load_frame(self):
        frame_size, = unpack('<Q', self._read_exact(8))
        if frame_size > sys.maxsize:
            raise ValueError("frame size > sys.maxsize: %d" % frame_size)
        if self._unframer is None:
            if len(self._src.data) - self._src.pos < frame_size:
                raise UnpicklingError("pickle data was truncated")
        else:
            self._unframer.load_frame(frame_size)
    dispatch[FRAME[0]] = load_frame

    def load_persid(self):
        try:
            pid = self.readline()[:-1].decode("ascii")
        except UnicodeDecodeError:
            raise UnpicklingError("persistent IDs in protocol 0 must be ASCII strings")
        self.append(self.persistent_load(pid))
    dispatch[PERSID[0]] = load_persid

    def load_binpersid(self):
        pid = self.stack.pop()
        self.append(self.persistent_load(pid))
    dispatch[BINPERSID[0]] = load_binpersid

    def load_none(self):
        self.append(None)
    dispatch[NONE[0]] = load_none

    def load_false(self):
        self.append(False)
    dispatch[NEWFALSE[0]] = load_false

    def load_true(self):
        self.append(True)
    dispatch[NEWTRUE[0]] = load_true

    def load_int(self):
        data = self.readline()
        if data == b'00\n':
            val = False
        elif data == b'01\n':
            val = True
        else:
            val = int(data, 0)
        self.append(val)
    dispatch[INT[0]] = load_int

    def load_binint(self):
        self.append(unpack('<i', self._read_exact(4))[0])
    dispatch[BININT[0]] = load_binint

    def load_binint1(self):
        self.append(self._read_exact(1)[0])
    dispatch[BININT1[0]] = load_binint1

    def load_binint2(self):
        self.append(unpack('<H', self._read_exact(2))[0])
    dispatch[BININT2[0]] = load_binint2

    def load_long(self):
        val = self.readline()[:-1]
        if val and val[-1] == b'L'[0]:
            val = val[:-1]
        self.append(int(val, 0))
    dispatch[LONG[0]] = load_long

    def load_long1(self):
        n = self._read_exact(1)[0]
        self.append(decode_long(self._read_exact(n)))
    dispatch[LONG1[0]] = load_long1

    def load_long4(self):
        n, = unpack('<i', self._read_exact(4))
        if n < 0:
            raise UnpicklingError("LONG pickle has negative byte count")
        self.append(decode_long(self._read_exact(n)))
    dispatch[LONG4[0]] = load_long4

    def load_float(self):
        self.append(float(self.readline()[:-1]))
    dispatch[FLOAT[0]] = load_float

    def load_binfloat(self):
        self.append(unpack('>d', self._read_exact(8))[0])
    dispatch[BINFLOAT[0]] = load_binfloat

    def _decode_string(self, value):
        if self.encoding == "bytes":
            return value
        return value.decode(self.encoding, self.errors)

    def load_string(self):
        data = self.readline()[:-1]
        if len(data) >= 2 and data[0] == data[-1] and data[0] in b'"\'':
            data = data[1:-1]
        else:
            raise UnpicklingError("the STRING opcode argument must be quoted")
        self.append(self._decode_string(_escape_decode(data)))
    dispatch[STRING[0]] = load_string

    def load_binstring(self):
        n, = unpack('<i', self._read_exact(4))
        if n < 0:
            raise UnpicklingError("BINSTRING pickle has negative byte count")
        self.append(self._decode_string(self._read_exact(n)))
    dispatch[BINSTRING[0]] = load_binstring

    def load_short_binstring(self):
        n = self._read_exact(1)[0]
        self.append(self._decode_string(self._read_exact(n)))
    dispatch[SHORT_BINSTRING[0]] = load_short_binstring

    def load_unicode(self):
        self.append(str(self.readline()[:-1], 'raw-unicode-escape'))
    dispatch[UNICODE[0]] = load_unicode

    def load_binunicode(self):
        n, = unpack('<I', self._read_exact(4))
        self.append(str(self._read_exact(n), 'utf-8', 'surrogatepass'))
    dispatch[BINUNICODE[0]] = load_binunicode

    def load_binunicode8(self):
        n, = unpack('<Q', self._read_exact(8))
        self.append(str(self._read_exact(n), 'utf-8', 'surrogatepass'))
    dispatch[BINUNICODE8[0]] = load_binunicode8

    def load_short_binunicode(self):
        n = self._read_exact(1)[0]
        self.append(str(self._read_exact(n), 'utf-8', 'surrogatepass'))
    dispatch[SHORT_BINUNICODE[0]] = load_short_binunicode

    def load_binbytes(self):
        n, = unpack('<I', self._read_exact(4))
        self.append(self._read_exact(n))
    dispatch[BINBYTES[0]] = load_binbytes

    def load_binbytes8(self):
        n, = unpack('<Q', self._read_exact(8))
        self.append(self._read_exact(n))
    dispatch[BINBYTES8[0]] = load_binbytes8

    def load_short_binbytes(self):
        n = self._read_exact(1)[0]
        self.append(self._read_exact(n))
    dispatch[SHORT_BINBYTES[0]] = load_short_binbytes

    def load_bytearray8(self):
        n, = unpack('<Q', self._read_exact(8))
        self.append(bytearray(self._read_exact(n)))
    dispatch[BYTEARRAY8[0]] = load_bytearray8

    def load_next_buffer(self):
        if self._buffers is None:
            raise UnpicklingError("pickle stream refers to out-of-band data "
                                  "but no *buffers* argument was given")
        try:
            buf = next(self._buffers)
        except StopIteration:
            raise UnpicklingError("not enough out-of-band buffers")
        self.append(buf)
    dispatch[NEXT_BUFFER[0]] = load_next_buffer

    def load_readonly_buffer(self):
        pass
    dispatch[READONLY_BUFFER[0]] = load_readonly_buffer

    def load_tuple(self):
        items = self.pop_mark()
        self.append(tuple(items))
    dispatch[TUPLE[0]] = load_tuple

    def load_empty_tuple(self):
        self.append(())
    dispatch[EMPTY_TUPLE[0]] = load_empty_tuple

    def load_tuple1(self):
        self.stack[-1] = (self.stack[-1],)
    dispatch[TUPLE1[0]] = load_tuple1

    def load_tuple2(self):
        self.stack[-2:] = [(self.stack[-2], self.stack[-1])]
    dispatch[TUPLE2[0]] = load_tuple2

    def load_tuple3(self):
        self.stack[-3:] = [(self.stack[-3], self.stack[-2], self.stack[-1])]
    dispatch[TUPLE3[0]] = load_tuple3

    def load_empty_list(self):
        self.append([])
    dispatch[EMPTY_LIST[0]] = load_empty_list

    def load_empty_dictionary(self):
        self.append({})
    dispatch[EMPTY_DICT[0]] = load_empty_dictionary

    def load_empty_set(self):
        self.append(set())
    dispatch[EMPTY_SET[0]] = load_empty_set

    def load_frozenset(self):
        items = self.pop_mark()
        self.append(frozenset(items))
    dispatch[FROZENSET[0]] = load_frozenset

    def load_list(self):
        items = self.pop_mark()
        self.append(items)
    dispatch[LIST[0]] = load_list

    def load_dict(self):
        items = self.pop_mark()
        d = {items[i]: items[i + 1] for i in range(0, len(items), 2)}
        self.append(d)
    dispatch[DICT[0]] = load_dict

    def _instantiate(self, klass, args):
        if (args or not isinstance(klass, type) or hasattr(klass, "__getinitargs__")):
            try:
                value = klass(*args)
            except TypeError as err:
                raise TypeError("in constructor for %s: %s" % (klass.__name__, str(err)),
                                err.__traceback__)
        else:
            value = klass.__new__(klass)
        self.append(value)

    def load_inst(self):
        module = self.readline()[:-1].decode("ascii")
        name = self.readline()[:-1].decode("ascii")
        klass = self.find_class(module, name)
        self._instantiate(klass, self.pop_mark())
    dispatch[INST[0]] = load_inst

    def load_obj(self):
        args = self.pop_mark()
        cls = args.pop(0)
        self._instantiate(cls, args)
    dispatch[OBJ[0]] = load_obj

    def load_newobj(self):
        args = self.stack.pop()
        cls = self.stack.pop()
        obj = cls.__new__(cls, *args)
        self.append(obj)
    dispatch[NEWOBJ[0]] = load_newobj

    def load_newobj_ex(self):
        kwargs = self.stack.pop()
        args = self.stack.pop()
        cls = self.stack.pop()
        obj = cls.__new__(cls, *args, **kwargs)
        self.append(obj)
    dispatch[NEWOBJ_EX[0]] = load_newobj_ex

    def load_global(self):
        module = self.readline()[:-1].decode("utf-8")
        name = self.readline()[:-1].decode("utf-8")
        klass = self.find_class(module, name)
        self.append(klass)
    dispatch[GLOBAL[0]] = load_global

    def load_stack_global(self):
        name = self.stack.pop()
        module = self.stack.pop()
        if type(name) is not str or type(module) is not str:
            raise UnpicklingError("STACK_GLOBAL requires str")
        self.append(self.find_class(module, name))
    dispatch[STACK_GLOBAL[0]] = load_stack_global

    def load_ext1(self):
        self.get_extension(self._read_exact(1)[0])
    dispatch[EXT1[0]] = load_ext1

    def load_ext2(self):
        self.get_extension(unpack('<H', self._read_exact(2))[0])
    dispatch[EXT2[0]] = load_ext2

    def load_ext4(self):
        self.get_extension(unpack('<i', self._read_exact(4))[0])
    dispatch[EXT4[0]] = load_ext4

    def get_extension(self, code):
        nil = []
        obj = _extension_cache.get(code, nil)
        if obj is not nil:
            self.append(obj)
            return
        key = _inverted_registry.get(code)
        if not key:
            if code <= 0:
                raise UnpicklingError("EXT specifies code <= 0")
            raise ValueError("unregistered extension code %d" % code)
        obj = self.find_class(*key)
        _extension_cache[code] = obj
        self.append(obj)

    def load_reduce(self):
        stack = self.stack
        args = stack.pop()
        func = stack[-1]
        stack[-1] = func(*args)
    dispatch[REDUCE[0]] = load_reduce

    def load_pop(self):
        if self.stack:
            del self.stack[-1]
        else:
            self.pop_mark()
    dispatch[POP[0]] = load_pop

    def load_pop_mark(self):
        self.pop_mark()
    dispatch[POP_MARK[0]] = load_pop_mark

    def load_dup(self):
        self.append(self.stack[-1])
    dispatch[DUP[0]] = load_dup

    def _memo_get(self, i):
        try:
            self.append(self.memo[i])
        except KeyError:
            raise UnpicklingError("Memo value not found at index %d" % i) from None

    def load_get(self):
        self._memo_get(int(self.readline()[:-1]))
    dispatch[GET[0]] = load_get

    def load_binget(self):
        self._memo_get(self._read_exact(1)[0])
    dispatch[BINGET[0]] = load_binget

    def load_long_binget(self):
        self._memo_get(unpack('<I', self._read_exact(4))[0])
    dispatch[LONG_BINGET[0]] = load_long_binget

    def load_put(self):
        i = int(self.readline()[:-1])
        if i < 0:
            raise ValueError("negative PUT argument")
        self.memo[i] = self.stack[-1]
    dispatch[PUT[0]] = load_put

    def load_binput(self):
        self.memo[self._read_exact(1)[0]] = self.stack[-1]
    dispatch[BINPUT[0]] = load_binput

    def load_long_binput(self):
        i, = unpack('<I', self._read_exact(4))
        if i > sys.maxsize:
            raise ValueError("negative LONG_BINPUT argument")
        self.memo[i] = self.stack[-1]
    dispatch[LONG_BINPUT[0]] = load_long_binput

    def load_memoize(self):
        memo = self.memo
        memo[len(memo)] = self.stack[-1]
    dispatch[MEMOIZE[0]] = load_memoize

    def load_append(self):
        stack = self.stack
        value = stack.pop()
        stack[-1].append(value)
    dispatch[APPEND[0]] = load_append

    def load_appends(self):
        items = self.pop_mark()
        list_obj = self.stack[-1]
        try:
            extend = list_obj.extend
        except AttributeError:
            pass
        else:
            extend(items)
            return
        append = list_obj.append
        for item in items:
            append(item)
    dispatch[APPENDS[0]] = load_appends

    def load_setitem(self):
        stack = self.stack
        value = stack.pop()
        key = stack.pop()
        stack[-1][key] = value
    dispatch[SETITEM[0]] = load_setitem

    def load_setitems(self):
        items = self.pop_mark()
        d = self.stack[-1]
        for i in range(0, len(items), 2):
            d[items[i]] = items[i + 1]
    dispatch[SETITEMS[0]] = load_setitems

    def load_additems(self):
        items = self.pop_mark()
        set_obj = self.stack[-1]
        if isinstance(set_obj, set):
            set_obj.update(items)
        else:
            add = set_obj.add
            for item in items:
                add(item)
    dispatch[ADDITEMS[0]] = load_additems

    def load_build(self):
        stack = self.stack
        state = stack.pop()
        inst = stack[-1]
        setstate = getattr(inst, "__setstate__", None)
        if setstate is not None:
            setstate(state)
            return
        slotstate = None
        if isinstance(state, tuple) and len(state) == 2:
            state, slotstate = state
        if state:
            inst_dict = inst.__dict__
            intern = sys.intern
            for k, v in state.items():
                if type(k) is str:
                    inst_dict[intern(k)] = v
                else:
                    inst_dict[k] = v
        if slotstate:
            for k, v in slotstate.items():
                setattr(inst, k, v)
    dispatch[BUILD[0]] = load_build

    def load_mark(self):
        self.metastack.append(self.stack)
        self.stack = []
        self.append = self.stack.append
    dispatch[MARK[0]] = load_mark

    def load_stop(self):
        value = self.stack.pop()
        raise _Stop(value)
    dispatch[STOP[0]] = load_stop


def dump(obj, file, protocol=None, *, fix_imports=True, buffer_callback=None):
    """Write a pickled representation of obj to the open binary file."""
    Pickler(file, protocol, fix_imports=fix_imports,
            buffer_callback=buffer_callback).dump(obj)


class _BytesSink:
    __slots__ = ('data',)

    def __init__(self):
        self.data = b''

    def write(self, b):
        self.data += b


def dumps(obj, protocol=None, *, fix_imports=True, buffer_callback=None):
    """Return the pickled representation of obj as a bytes object."""
    sink = _BytesSink()
    Pickler(sink, protocol, fix_imports=fix_imports,
            buffer_callback=buffer_callback).dump(obj)
    return sink.data


def load(file, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    """Read and return an object from the pickle data stored in a file."""
    return Unpickler(file, fix_imports=fix_imports, buffers=buffers, encoding=encoding,
                     errors=errors).load()


def loads(data, /, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    """Read and return an object from the given pickle data."""
    if isinstance(data, str):
        raise TypeError("Can't load pickle from unicode string")
    file = _BytesReader(data)
    return Unpickler(file, fix_imports=fix_imports, buffers=buffers, encoding=encoding,
                     errors=errors).load()


# CPython exposes the C implementations under these names too.
_Pickler = Pickler
_Unpickler = Unpickler
_dump = dump
_dumps = dumps
_load = load
_loads = loads
