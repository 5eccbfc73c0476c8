def chain(n):
    try:
        if n == 0:
            raise ValueError("root")
        chain(n - 1)
    except Exception as e:
        raise RuntimeError(f"level {n}") from (e if n % 2 else None)
chain(4)
