class Bad:
    def __enter__(self):
        raise OSError("enter failed")
    def __exit__(self, *a):
        print("never")

with Bad():
    print("never either")
