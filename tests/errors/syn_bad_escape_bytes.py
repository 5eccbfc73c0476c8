s = b'\q'
print(s)
