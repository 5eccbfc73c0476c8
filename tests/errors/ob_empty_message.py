class Custom(Exception):
    pass

def go():
    raise Custom

go()
