f = open(__file__)
f.close()
f.read()
