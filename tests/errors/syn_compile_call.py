try:
    compile('x = (', 'cmod', 'exec')
except SyntaxError as e:
    print(e.msg, e.lineno, e.offset, e.text, e.filename)
compile('1 +* 2', '<thing>', 'eval')
