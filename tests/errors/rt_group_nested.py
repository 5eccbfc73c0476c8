inner = ExceptionGroup("inner", [KeyError("k"), OSError(2, "No such file")])
outer = BaseExceptionGroup("outer", [inner, ValueError("v")])
raise outer
