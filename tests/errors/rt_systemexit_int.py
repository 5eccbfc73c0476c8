import sys
print("exiting")
sys.exit(42)
