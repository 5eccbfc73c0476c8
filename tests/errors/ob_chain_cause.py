class AppError(Exception):
    pass

def load():
    try:
        {}["k"]
    except KeyError as e:
        raise AppError("load failed") from e

load()
