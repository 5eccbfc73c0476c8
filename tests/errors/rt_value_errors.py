for expr in ("int('12a')", "float('x')", "int('5', 99)", "[1].index(2)", "'abc'.index('z')",
             "a, b = [1, 2, 3]", "a, b, c = [1]", "range(1, 2, 0)", "chr(-1)",
             "[].pop()", "{}.popitem()", "set().pop()", "divmod(1, 0)", "1.0 / 0", "2 ** -1 % 0",
             "'x'.encode('nope')", "bytes([300])", "list(range(3))[5]", "(1,)[2]",
             "''.join([1])", "pow(2, 3, 0)", "10 ** 10000 * 1.0", "float('inf') // 1 + int(float('inf'))"):
    try:
        exec(expr)
    except Exception as e:
        print(type(e).__name__, e)
import math
math.sqrt(-1)
