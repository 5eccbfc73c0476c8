def cleanup():
    raise OSError("cleanup failed")

try:
    raise ValueError("primary")
finally:
    cleanup()
