class HelperError(Exception):
    pass

def explode():
    raise HelperError("from helper")
