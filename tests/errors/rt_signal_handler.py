import os, signal
def handler(signum, frame):
    print("got signal", signum)
    raise RuntimeError("from handler")
signal.signal(signal.SIGUSR1, handler)
os.kill(os.getpid(), signal.SIGUSR1)
for i in range(10 ** 6):
    pass
