print(list(filter(lambda x: 10 / x, [5, 0])))
