e = TypeError("wrong type")
e.add_note("first note")
e.add_note("multi\nline note")
raise e
