code = "def g():\n    return 1 / 0\ng()"
exec(code)
