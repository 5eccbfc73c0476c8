raise IndentationError("bad indent", ("<made-up>", 1, 3, "x = 1", 1, 4))
