"""Bisection algorithms: binary search and insertion into sorted sequences.

The work is done by the C module _bisect; this module re-exports it with the
historical short names bisect() and insort()."""

from _bisect import bisect_left, bisect_right, insort_left, insort_right

__all__ = ["bisect", "bisect_left", "bisect_right", "insort", "insort_left", "insort_right"]

# The plain names search/insert to the right of existing equal items.
bisect = bisect_right
insort = insort_right
