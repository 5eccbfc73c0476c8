#!/bin/sh
# Regenerate expected results from CPython 3.11, exactly as tests/tools/run_one.py runs cases
# (cwd = the case's folder, the file's base name as the argument, no stdin).
#   tests/tools/regen-expected.sh tests/programs/foo.py tests/errors/bar.py ...
# programs: X.out (stdout); errors: X.err (stderr), X.status, and X.out when stdout is non-empty.
# `python3` on PATH (3.11.7 here) is the reference for expected output; 3.11.2 differs in
# a few traceback caret details.
PY=${PYTHON:-python3}
# Buffered stdio as in a normal run (PYTHONUNBUFFERED changes interleaving of stdout.buffer).
unset PYTHONUNBUFFERED
for case in "$@"; do
    dir=$(dirname "$case"); base=$(basename "$case" .py)
    kind=$(basename "$dir")
    (
        cd "$dir" || exit 1
        "$PY" "$base.py" < /dev/null > "/tmp/regen.$$.out" 2> "/tmp/regen.$$.err"
        status=$?
        # CPython names the script by its absolute path; store it relative, as run_one.py
        # normalises the actual output the same way.
        here=$(pwd)
        sed -i "s|$here/||g" "/tmp/regen.$$.out" "/tmp/regen.$$.err"
        if [ "$kind" = errors ]; then
            mv "/tmp/regen.$$.err" "$base.err"
            echo "$status" > "$base.status"
            if [ -s "/tmp/regen.$$.out" ]; then mv "/tmp/regen.$$.out" "$base.out"; else rm -f "$base.out" "/tmp/regen.$$.out"; fi
        else
            mv "/tmp/regen.$$.out" "$base.out"
            rm -f "/tmp/regen.$$.err"
            [ "$status" = 0 ] || echo "$status" > "$base.status"
        fi
    )
done
