import sys
x = 10 ** 5000
try:
    str(x)
except ValueError as e:
    print(e)
sys.set_int_max_str_digits(0)
print(len(str(x)))
sys.set_int_max_str_digits(5000)
int("1" * 6000)
