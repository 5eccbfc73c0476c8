import os
try:
    os.listdir("/nonexistent")
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename)
open("/", "w")
