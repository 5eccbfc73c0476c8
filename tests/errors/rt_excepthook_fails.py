import sys
def hook(t, v, tb):
    raise RuntimeError("hook is broken")
sys.excepthook = hook
def main():
    raise ValueError("original")
main()
