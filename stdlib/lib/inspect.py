"""inspect: predicates, generator/coroutine states, signatures and frame helpers."""
