print("hello)
print("next")
