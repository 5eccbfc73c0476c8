class Plugin:
    registry = {}
    def __init_subclass__(cls, name, **kw):
        super().__init_subclass__(**kw)
        if name in Plugin.registry:
            raise ValueError(f"duplicate plugin {name!r}")
        Plugin.registry[name] = cls

class A(Plugin, name="a"):
    pass

class B(Plugin, name="a"):
    pass
