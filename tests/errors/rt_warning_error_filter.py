import warnings
warnings.simplefilter("error")
try:
    warnings.warn("now an error")
except UserWarning as e:
    print("caught", e)
warnings.warn("uncaught", RuntimeWarning)
