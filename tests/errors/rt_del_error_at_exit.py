class Res:
    def __del__(self):
        1 / 0

keep = Res()
print("end of script")
