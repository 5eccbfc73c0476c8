def reader(lines):
    for i, line in enumerate(lines):
        key, value = line.split("=")
        yield key, value

def load(lines):
    return dict(reader(lines))

print(load(["a=1", "b=2", "c"]))
