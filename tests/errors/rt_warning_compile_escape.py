import warnings
warnings.simplefilter("always")
compile("s = '\\d'", "snippet.py", "exec")
print("compiled")
