"""Heap queue algorithm (a.k.a. priority queue).

Heaps are lists for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for all k.
The primitives come from the C module _heapq; merge, nlargest and nsmallest
are written here on top of them."""

__about__ = "Heap queues"

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']

from _heapq import (heappush, heappop, heapify, heapreplace, heappushpop,
                    _heapify_max, _heappop_max, _heapreplace_max)


def merge(*iterables, key=None, reverse=False):
    """Merge sorted inputs into a single sorted iterator (lazily).

    Equal items come out in the order of the inputs they belong to, so the
    result equals sorted(itertools.chain(*iterables), key=key, reverse=reverse)."""
    # Each heap entry is [sort key, tie-breaker, value, next-function]. The
    # tie-breaker is the input's position (negated for max-heaps) so that ties
    # always favour the earlier input and values themselves are never compared
    # once their keys are equal.
    sign = -1 if reverse else 1
    if reverse:
        make_heap, pop_top, replace_top = _heapify_max, _heappop_max, _heapreplace_max
    else:
        make_heap, pop_top, replace_top = heapify, heappop, heapreplace
    entries = []
    for position, iterable in enumerate(iterables):
        advance = iter(iterable).__next__
        try:
            value = advance()
        except StopIteration:
            continue
        entries.append([value if key is None else key(value), position * sign, value, advance])
    make_heap(entries)
    while len(entries) > 1:
        try:
            while True:
                entry = entries[0]
                yield entry[2]
                value = entry[3]()
                entry[0] = value if key is None else key(value)
                entry[2] = value
                replace_top(entries, entry)
        except StopIteration:
            pop_top(entries)
    if entries:
        # Only one input left: stream the rest of it directly.
        entry = entries[0]
        yield entry[2]
        advance = entry[3]
        while True:
            try:
                value = advance()
            except StopIteration:
                return
            yield value


def _select(n, iterable, key, largest):
    """Common body of nsmallest/nlargest: keep a bounded heap of the best n."""
    if n <= 0:
        return []
    if n == 1:
        marker = object()
        pick = max if largest else min
        best = pick(iter(iterable), default=marker, key=key)
        return [] if best is marker else [best]
    try:
        size = len(iterable)
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(iterable, key=key, reverse=largest)[:n]
    # The heap holds (sort key, tie-breaker, value); its root is the worst kept item.
    # Tie-breakers make earlier items win among equal keys, as a stable sort would.
    it = iter(iterable)
    kept = []
    for index, value in zip(range(n), it):
        k = value if key is None else key(value)
        kept.append((k, -index if largest else index, value))
    if not kept:
        return []
    if largest:
        heapify(kept)
        worst = kept[0][0]
        counter = -n
        for value in it:
            k = value if key is None else key(value)
            if worst < k:
                heapreplace(kept, (k, counter, value))
                worst = kept[0][0]
                counter -= 1
        kept.sort(reverse=True)
    else:
        _heapify_max(kept)
        worst = kept[0][0]
        counter = n
        for value in it:
            k = value if key is None else key(value)
            if k < worst:
                _heapreplace_max(kept, (k, counter, value))
                worst = kept[0][0]
                counter += 1
        kept.sort()
    return [entry[2] for entry in kept]


def nsmallest(n, iterable, key=None):
    """Find the n smallest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key)[:n]"""
    return _select(n, iterable, key, False)


def nlargest(n, iterable, key=None):
    """Find the n largest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key, reverse=True)[:n]"""
    return _select(n, iterable, key, True)
