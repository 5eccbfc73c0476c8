import sys
sys.stderr = None
sys.exit("message with stderr gone")
