import sys
def stop():
    sys.exit(5)
try:
    stop()
except SystemExit as e:
    print("caught", e.code)
stop()
