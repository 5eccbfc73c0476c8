#!/bin/sh
# `cmake --install` puts the binary and the Python-source stdlib side by side; the installed
# vitrine must find its modules there, not in the source tree it was built from.
set -e
build_dir=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix" > /dev/null
out=$(VITRINE_LIB= "$prefix/bin/vitrine" -c 'import functools, sys; print(functools.__file__)')
case "$out" in
    "$prefix/lib/vitrine/functools.py") echo "1 passed, 0 failed" ;;
    *) echo "installed vitrine imported functools from: $out"; echo "0 passed, 1 failed"; exit 1 ;;
esac
