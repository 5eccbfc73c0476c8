x = (def f(): pass)
