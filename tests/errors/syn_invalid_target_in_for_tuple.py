for a, f() in pairs:
    pass
