config = {"servers": [{"name": "a", "ports": {"http": 80}}]}
print(config["servers"][0]["ports"]["https"])
