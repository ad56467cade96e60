#!/usr/bin/env python3
"""Time to first frame: run a terminal program in a pseudo-terminal and time how long it
takes until what it has drawn contains MARKER; then end it. Prints the median in ms.

    first_frame.py [--runs N] [--size COLSxROWS] MARKER -- COMMAND [ARGS...]
"""
import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time


def once(marker: bytes, argv, cols: int, rows: int, timeout: float) -> float:
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    seen = b""
    elapsed = None
    while time.perf_counter() - start < timeout:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        # A terminal asking where its cursor is gets an answer, as a real one would.
        if b"\x1b[6n" in chunk:
            os.write(fd, b"\x1b[1;1R")
        if marker in seen:
            elapsed = time.perf_counter() - start
            break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    if elapsed is None:
        sys.exit(f"first_frame: {argv[0]} never drew {marker!r}")
    return elapsed * 1000


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--size", default="200x60")
    p.add_argument("--timeout", type=float, default=30)
    p.add_argument("marker")
    p.add_argument("command", nargs=argparse.REMAINDER)
    a = p.parse_args()
    argv = a.command[1:] if a.command[:1] == ["--"] else a.command
    cols, rows = (int(x) for x in a.size.split("x"))
    times = [once(a.marker.encode(), argv, cols, rows, a.timeout) for _ in range(a.runs)]
    print(f"{statistics.median(times):.1f}")


if __name__ == "__main__":
    main()
