def reader():
    try:
        yield "line"
    finally:
        print("generator cleanup at exit")

class Conn:
    def __del__(self):
        print("connection closed at exit")

g = reader()
print(next(g))
conn = Conn()
print("end of script")
