try:
    try:
        1 / 0
    except 5:
        pass
except TypeError as e:
    print(e)
try:
    1 / 0
except (ValueError, "str"):
    pass
