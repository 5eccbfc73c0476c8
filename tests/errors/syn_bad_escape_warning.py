s = '\d'
print(len(s))
