try:
    open("/nonexistent/x")
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename, e.args)
e = OSError(13, "Permission denied", "/root/x")
print(type(e).__name__, e)
raise FileNotFoundError(2, "No such file or directory", "a.txt")
