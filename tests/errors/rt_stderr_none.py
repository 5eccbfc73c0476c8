import sys
print("out")
sys.stderr = None
raise ValueError("nowhere to print")
