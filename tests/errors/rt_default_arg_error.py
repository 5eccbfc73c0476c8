def make(limit=int("ten")):
    return limit
