e = ValueError("v")
e.__notes__ = "not a list"
raise e
