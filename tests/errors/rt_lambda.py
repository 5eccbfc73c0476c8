ops = {"half": lambda x: x / 0, "neg": lambda x: -x}
results = list(map(ops["half"], [1, 2]))
