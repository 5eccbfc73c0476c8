import warnings
def old():
    warnings.warn("old() is deprecated", DeprecationWarning, stacklevel=2)
    warnings.warn("careful")
old()
warnings.warn("module level", RuntimeWarning)
warnings.warn("same twice")
warnings.warn("same twice")
print("done")
