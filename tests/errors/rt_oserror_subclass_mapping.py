for code in (2, 13, 17, 21, 20, 32, 12345):
    e = OSError(code, "msg")
    print(code, type(e).__name__, e.errno, e.strerror, str(e))
raise OSError(13, "Permission denied", "/etc/shadow")
