print("bye")
raise SystemExit(2 ** 70)
