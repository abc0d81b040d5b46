#!/usr/bin/env python3
"""Times commands in alternating rounds, in one run, and prints each one's
median wall time and peak memory (the child's maximum resident set, from
wait4), with its ratio to the first command's.

    python3 benches/ab.py --rounds 5 \\
        'old: target-old/release/gloss build --root SITE --output /dev/shm/a' \\
        'new: target/release/gloss build --root SITE --output /dev/shm/b'

Each command is `name: shell words` (no shell: split on spaces). Its
output is discarded; a command that fails stops the run.
"""

import argparse
import os
import statistics
import subprocess
import tempfile
import time


def run(words):
    # Standard error goes to a file, not a pipe: a command that warns more
    # than a pipe holds would wait for a reader that is waiting for it.
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(words, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        if status != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(words)} failed:\n{errors.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("commands", nargs="+")
    args = parser.parse_args()
    named = [c.split(": ", 1) for c in args.commands]
    times = {name: [] for name, _ in named}
    memory = {name: 0.0 for name, _ in named}
    for _ in range(args.rounds):
        for name, command in named:
            wall, rss = run(command.split())
            times[name].append(wall)
            memory[name] = max(memory[name], rss)
    first = statistics.median(times[named[0][0]])
    for name, _ in named:
        median = statistics.median(times[name])
        spread = f"{min(times[name]):.3f}-{max(times[name]):.3f}"
        print(f"{name}\t{median:.3f} s (range {spread})\t{memory[name]:.0f} MiB\t{median / first:.3f}x")


if __name__ == "__main__":
    main()
