def parse(s):
    return convert(s.split(","))

def convert(parts):
    return [int(p) for p in parts]

def main():
    data = "1,2,x,4"
    total = sum(parse(data))
    print(total)

main()
