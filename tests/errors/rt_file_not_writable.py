with open(__file__) as f:
    try:
        f.write("x")
    except OSError as e:
        print(type(e).__name__, e)
with open("/tmp/vitrine_errtests_out.txt", "w") as f:
    f.read()
