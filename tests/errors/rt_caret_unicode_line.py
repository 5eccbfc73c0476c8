naïve = {"clé": 1}
print(naïve["clé"], naïve["ключ"])
