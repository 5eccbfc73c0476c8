def get():
    return None
get()()
