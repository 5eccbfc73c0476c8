data = {"items": [1, 2]}
data["items"].append(3, 4)
