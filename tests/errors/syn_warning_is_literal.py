x = "abc"
if x is "abc":
    print("same")
print("done")
