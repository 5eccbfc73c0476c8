class Tree:
    def __init__(self, depth):
        self.child = Tree(depth + 1)

try:
    Tree(0)
except RecursionError as e:
    print("caught:", e)
Tree(0)
