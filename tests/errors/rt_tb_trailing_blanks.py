def foo(a, b):
    1/0
foo(1,   
   2)
