def add(a, b):
    return a + b

def main():
    x = add(1, 2)
    y = add(x, "s")
    print(y)

main()
