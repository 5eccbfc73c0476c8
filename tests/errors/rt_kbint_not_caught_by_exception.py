try:
    try:
        raise KeyboardInterrupt
    except Exception:
        print("wrong: caught by Exception")
except BaseException as e:
    print("caught as BaseException:", type(e).__name__)
try:
    raise SystemExit(2)
except Exception:
    print("wrong")
finally:
    print("finally before exit")
