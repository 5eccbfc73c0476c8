items = []
items.append(1, 2)
