import sys
try:
    print("work")
finally:
    print("finally runs before exit")
sys.exit("fatal: giving up")
