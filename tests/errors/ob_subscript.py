data = {"a": 1}
value = data["a"] + data["missing"]
