# --trace=line: each new source line, including the loop's repeated lines.
def count(n):
    total = 0
    for i in range(n):
        total += i
    return total


print(count(2))
