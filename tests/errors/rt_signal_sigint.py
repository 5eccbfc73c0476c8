import os, signal
def work():
    try:
        os.kill(os.getpid(), signal.SIGINT)
        for i in range(10 ** 7):
            pass
        print("not interrupted")
    finally:
        print("finally after SIGINT")
work()
