def f():
    try:
        {}["gone"]
    except KeyError:
        print("logging and re-raising")
        raise

f()
