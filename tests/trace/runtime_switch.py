# The vitrine module switches tracing at run time: only the block inside `with` is traced.
import vitrine


def traced(x):
    return x * 2


def untraced(x):
    return x * 3


untraced(1)
with vitrine.trace("call"):
    traced(1)
untraced(2)
vitrine.enable("line")
y = 1
vitrine.disable("line")
print(vitrine.enabled())
