# abc: ABCMeta, abstract methods, instantiation errors, register, __subclasshook__.
from abc import ABC, ABCMeta, abstractmethod, abstractproperty
import abc
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def perim(self): ...
class Sq(Shape):
    def area(self): return 4
try: Shape()
except TypeError as e: print(e)
try: Sq()
except TypeError as e: print(e)
class Full(Sq):
    def perim(self): return 8
f = Full(); print(f.area(), f.perim(), sorted(Shape.__abstractmethods__), Full.__abstractmethods__)
print(isinstance(f, Shape), issubclass(Full, Shape), issubclass(int, Shape))
class Proto(metaclass=ABCMeta): pass
Proto.register(int)
print(isinstance(3, Proto), issubclass(bool, Proto), isinstance('a', Proto))
@Proto.register
class X: pass
print(isinstance(X(), Proto), type(Proto), type(ABC), ABC.__abstractmethods__)
class Hook(ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if hasattr(C, 'quack'): return True
        return NotImplemented
class Duck:
    def quack(self): pass
print(isinstance(Duck(), Hook), issubclass(int, Hook))
try: Proto.register(3)
except TypeError as e: print(e)
class P(ABC):
    @property
    @abstractmethod
    def x(self): ...
try: P()
except TypeError as e: print(e)
print(abc.get_cache_token() >= 0)
class Multi(ABC):
    @abstractmethod
    def b(self): ...
    @abstractmethod
    def a(self): ...
    @abstractmethod
    def c(self): ...
try: Multi()
except TypeError as e: print(e)
class Base(ABC):
    @classmethod
    @abstractmethod
    def make(cls): ...
    @staticmethod
    @abstractmethod
    def util(): ...
print(sorted(Base.__abstractmethods__))
class Impl(Base):
    @classmethod
    def make(cls): return cls.__name__
    @staticmethod
    def util(): return 'u'
print(Impl.make(), Impl.util(), Impl().make())
class Old(ABC):
    @abstractproperty
    def p(self): ...
try: Old()
except TypeError as e: print(e)
print(abc.ABCMeta.__name__, type(abc.ABC).__name__, isinstance(ABC, ABCMeta))
class M(ABCMeta): pass
class WithMeta(metaclass=M):
    @abstractmethod
    def f(self): ...
try: WithMeta()
except TypeError as e: print(e)
class Later(ABC):
    def f(self): ...
Later.f = abstractmethod(lambda self: 0)
abc.update_abstractmethods(Later)
try: Later()
except TypeError as e: print(e)
try: Proto.register(Proto)
except RuntimeError as e: print("RuntimeError", e)
class Sub(Proto): pass
try: Sub.register(Proto)
except RuntimeError as e: print("RuntimeError", e)
print(issubclass(Sub, Proto), isinstance(Sub(), Proto), Proto.register(Sub) is Sub)
