#!/usr/bin/env python3
"""Drive the vitrine REPL through a pseudo-terminal, as a person would: expressions echo their
repr, blocks continue with '...', errors print a traceback and the loop goes on, Ctrl-C
cancels the current input, Ctrl-D leaves with status 0."""
import os, pty, select, sys, time

VITRINE = sys.argv[1]


def read_until(fd, needle, timeout=10.0):
    data = b""
    end = time.time() + timeout
    while needle.encode() not in data and time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
    return data.decode("utf-8", "replace")


def main():
    env = dict(os.environ, HOME=os.environ.get("TMPDIR", "/tmp"), TERM="dumb")
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(VITRINE, [VITRINE], env)
    failures = 0

    def step(send, expect, name):
        nonlocal failures
        if send is not None:
            os.write(fd, send.encode())
        out = read_until(fd, expect)
        ok = expect in out
        print(("ok   " if ok else "FAIL ") + name)
        if not ok:
            failures += 1
            print("  expected %r in %r" % (expect, out))

    step(None, ">>> ", "prompt appears")
    step("6 * 7\r", "42", "expression value is echoed")
    step("def f(x):\r", "... ", "a block asks for more with '...'")
    step("    return x + 1\r\r", ">>> ", "an empty line ends the block")
    step("f(1)\r", "2", "the function defined in the block works")
    step("1/0\r", "ZeroDivisionError: division by zero", "errors print a traceback")
    step("'still here'\r", "'still here'", "the REPL goes on after an error")
    step("x = (1,\r", "... ", "an open bracket continues the line")
    step("\x03", "KeyboardInterrupt", "Ctrl-C cancels the input")
    step("[1, 2][::-1]\r", "[2, 1]", "the REPL works after Ctrl-C")
    # Send Ctrl-D only once the next prompt is up: readline has the terminal in raw mode by
    # then, so the tty driver cannot swallow the EOF character during the mode switch.
    read_until(fd, ">>> ")
    os.write(fd, b"\x04")
    status, deadline = None, time.time() + 20
    while status is None and time.time() < deadline:
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
        else:
            read_until(fd, "\n", 0.2)   # keep draining output so the child never blocks
    if status is None:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    ok = status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    print(("ok   " if ok else "FAIL ") + "Ctrl-D exits with status 0")
    failures += not ok
    total = 11
    print("%d passed, %d failed" % (total - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
