for i in range(3):
    try:
        if i == 1:
            break
    finally:
        print("finally", i)
try:
    raise ValueError("x")
finally:
    print("last finally")
