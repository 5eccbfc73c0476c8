import sys
print("start")
sys.stdout.flush()
raise KeyboardInterrupt("stop now")
