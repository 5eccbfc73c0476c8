for expr in ("f'{1:xyz}'", "'{0} {1}'.format(1)", "'{name}'.format()", "'%s %s' % (1,)",
             "'%d' % 'x'", "format(1.5, 'd')", "'{:>{w}}'.format(1)", "f'{\"a\":d}'",
             "'%(k)s' % {}", "'{0!x}'.format(1)"):
    try:
        eval(expr)
    except Exception as e:
        print(type(e).__name__ + ":", e)
print(f"{3.14159:.2f} {'x':>3}")
"{}".format(1, 2) + "{1}".format(1)
