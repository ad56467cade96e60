#!/usr/bin/env python3
"""Peak memory of the reader after one search, driven as a person would: run COMMAND in a
pseudo-terminal, wait until READY is on screen, type `/QUERY`, wait until the results'
count is on screen, press Enter, let the screen settle, then read the process's peak
resident size (VmHWM in /proc/PID/status) and end it.

    reader_memory.py [--size COLSxROWS] [--query WORD] [--ready TEXT] -- COMMAND [ARGS...]

Prints one line: `peak_kb=… rss_kb=… ready_ms=… results_ms=… matches=…` (ready: from the
start until READY showed; results: from the last key typed until the count showed).
`--dump` prints the screen at each step, to see what the reader drew.

The screen is a small emulator of what the reader sends (cursor moves, clears, text;
colours ignored), enough to read words off it wherever ratatui chose to redraw.
"""
import argparse
import codecs
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
import unicodedata


class Screen:
    """The cells of a terminal, fed the bytes a program writes to it."""

    def __init__(self, cols: int, rows: int):
        self.cols, self.rows = cols, rows
        self.clear()
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.pending = ""  # an escape sequence cut between two reads

    def clear(self):
        self.cells = [[" "] * self.cols for _ in range(self.rows)]
        self.row = self.col = 0

    def text(self) -> str:
        return "\n".join("".join(r).rstrip() for r in self.cells)

    def feed(self, data: bytes):
        s = self.pending + self.decoder.decode(data)
        self.pending = ""
        i, n = 0, len(s)
        while i < n:
            c = s[i]
            if c == "\x1b":
                end = self._escape(s, i)
                if end is None:
                    self.pending = s[i:]
                    return
                i = end
                continue
            i += 1
            if c == "\r":
                self.col = 0
            elif c == "\n":
                self.row = min(self.row + 1, self.rows - 1)
            elif c == "\b":
                self.col = max(self.col - 1, 0)
            elif c >= " ":
                self._put(c)

    def _put(self, c: str):
        if unicodedata.combining(c):
            return
        wide = unicodedata.east_asian_width(c) in "WF"
        if self.col >= self.cols:
            self.col = 0
            self.row = min(self.row + 1, self.rows - 1)
        self.cells[self.row][self.col] = c
        self.col += 2 if wide else 1

    def _escape(self, s: str, i: int):
        """Apply the escape sequence at s[i]; where it ends, or None if cut short."""
        if i + 1 >= len(s):
            return None
        kind = s[i + 1]
        if kind == "[":
            j = i + 2
            while j < len(s) and not ("\x40" <= s[j] <= "\x7e"):
                j += 1
            if j >= len(s):
                return None
            self._csi(s[i + 2 : j], s[j])
            return j + 1
        if kind == "]":  # OSC, to BEL or ST
            for j in range(i + 2, len(s)):
                if s[j] == "\x07":
                    return j + 1
                if s[j] == "\x1b" and j + 1 < len(s) and s[j + 1] == "\\":
                    return j + 2
            return None
        if kind in "()":
            return i + 3 if i + 2 < len(s) else None
        return i + 2

    def _csi(self, params: str, final: str):
        private = params.startswith("?")
        nums = [int(p) if p.isdigit() else 0 for p in params.lstrip("?").split(";")]
        first = nums[0] if nums else 0
        if private:
            if final in "hl" and first in (47, 1047, 1049):
                self.clear()
            return
        one = max(first, 1)
        if final in "Hf":
            row = nums[0] if nums and nums[0] else 1
            col = nums[1] if len(nums) > 1 and nums[1] else 1
            self.row = min(row, self.rows) - 1
            self.col = min(col, self.cols) - 1
        elif final == "A":
            self.row = max(self.row - one, 0)
        elif final == "B":
            self.row = min(self.row + one, self.rows - 1)
        elif final == "C":
            self.col = min(self.col + one, self.cols - 1)
        elif final == "D":
            self.col = max(self.col - one, 0)
        elif final == "G":
            self.col = min(one, self.cols) - 1
        elif final == "d":
            self.row = min(one, self.rows) - 1
        elif final == "J":
            if first == 2 or first == 3:
                self.cells = [[" "] * self.cols for _ in range(self.rows)]
            elif first == 0:
                self.cells[self.row][self.col :] = [" "] * (self.cols - self.col)
                for r in range(self.row + 1, self.rows):
                    self.cells[r] = [" "] * self.cols
        elif final == "K":
            if first == 0:
                self.cells[self.row][self.col :] = [" "] * (self.cols - self.col)
            elif first == 2:
                self.cells[self.row] = [" "] * self.cols


class Session:
    def __init__(self, argv, cols: int, rows: int):
        self.start = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["TERM"] = "xterm-256color"
            try:
                os.execvp(argv[0], argv)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.screen = Screen(cols, rows)
        self.last_output = time.perf_counter()

    def pump(self, wait: float) -> bool:
        """Read what the program drew within `wait` seconds; False once it has ended."""
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        # A terminal asked where its cursor is answers, as a real one would.
        if b"\x1b[6n" in chunk:
            os.write(self.fd, b"\x1b[1;1R")
        self.screen.feed(chunk)
        self.last_output = time.perf_counter()
        return True

    def until(self, test, timeout: float, what: str):
        """Pump until test(screen text) is true; the time it took."""
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            if not self.pump(0.02):
                sys.exit(f"reader_memory: the program ended before {what}\n{self.screen.text()}")
            found = test(self.screen.text())
            if found:
                return time.perf_counter(), found
        sys.exit(f"reader_memory: no {what} within {timeout} s; the screen:\n{self.screen.text()}")

    def settle(self, quiet: float, timeout: float):
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            if not self.pump(0.02):
                return
            if time.perf_counter() - self.last_output >= quiet:
                return

    def status(self) -> dict:
        out = {}
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                out[k] = v.strip()
        return out

    def end(self):
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


COUNT = re.compile(r"(\d+) match(?:es)?\b|(No) match")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--size", default="100x30")
    p.add_argument("--query", default="multistakeholder")
    p.add_argument("--ready", default="(1)", help="text on screen once the briefs are shown")
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--dump", action="store_true")
    p.add_argument("command", nargs=argparse.REMAINDER)
    a = p.parse_args()
    argv = a.command[1:] if a.command[:1] == ["--"] else a.command
    cols, rows = (int(x) for x in a.size.split("x"))

    s = Session(argv, cols, rows)
    dump = (lambda what: print(f"--- {what}\n{s.screen.text()}", file=sys.stderr)) if a.dump else (lambda _: None)
    ready_at, _ = s.until(
        lambda t: a.ready in t and "loading briefs" not in t, a.timeout, f"{a.ready!r} on screen"
    )
    dump("briefs on screen")
    os.write(s.fd, ("/" + a.query).encode())
    typed_at = time.perf_counter()
    # The count, once the search worker has answered the whole query.
    def counted(text):
        if "earching…" in text or f"/{a.query}" not in text:
            return None
        m = COUNT.search(text)
        return m and (m.group(1) or "0")

    results_at, matches = s.until(counted, a.timeout, "count of matches")
    dump("results")
    os.write(s.fd, b"\r")
    s.until(lambda t: f"/{a.query}" not in t, a.timeout, "leaving the search prompt")
    s.settle(0.5, 10)
    dump("after Enter")
    st = s.status()
    s.end()
    kb = lambda k: int(st[k].split()[0])
    print(
        f"peak_kb={kb('VmHWM')} rss_kb={kb('VmRSS')} "
        f"ready_ms={(ready_at - s.start) * 1000:.0f} results_ms={(results_at - typed_at) * 1000:.0f} "
        f"matches={matches}"
    )


if __name__ == "__main__":
    main()
