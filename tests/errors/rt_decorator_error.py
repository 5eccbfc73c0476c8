def register(fn):
    return fn.missing_attribute

@register
def handler():
    pass
