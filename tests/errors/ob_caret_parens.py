def t(f):
    try: f()
    except Exception: 
        import sys, traceback
        tb = sys.exc_info()[2].tb_next
        traceback.print_exception(*sys.exc_info()) if False else None
a = "s"
def f1(): return ((a)) + 1
def f2(): return (a)//0
def f3(): return (a )  +  1
def f4(): return a[(0)] + 1
def f5(): return {"k": 1}[("x")]
def f6(): return (a)[5]
for f in (f1, f2, f3, f4, f5, f6):
    try: f()
    except Exception as e:
        import sys
        sys.excepthook(*sys.exc_info())
