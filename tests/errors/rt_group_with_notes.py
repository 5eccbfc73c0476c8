e = ValueError("inner")
e.add_note("inner note")
g = ExceptionGroup("grp", [e])
g.add_note("group note")
raise g
