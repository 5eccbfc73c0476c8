import atexit
atexit.register(print, "atexit after error")
raise ValueError("main failed")
