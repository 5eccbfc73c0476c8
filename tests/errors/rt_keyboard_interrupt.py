def work():
    try:
        raise KeyboardInterrupt
    finally:
        print("cleanup ran")

work()
