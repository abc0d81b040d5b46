#!/usr/bin/env python3
"""Times gloss binaries on one article repeating a construct n times, for
the linear-time table in BENCHMARKS.md:

    python3 tools/linear-table.py OLD_GLOSS NEW_GLOSS

Each site has two terms (Termt0, Termt1), a second article b.md and, for
the citations, a bibliography of one work. The binaries are alternated,
and each figure is the best of three builds, in milliseconds.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

SIZES = (2000, 4000, 8000)


def body(kind, n):
    if kind == "footnotes":
        return "".join(f"Text[^{i}].\n" for i in range(n)) + "\n" + "".join(
            f"[^{i}]: Note {i}.\n" for i in range(n))
    if kind == "one footnote":
        return "Text[^a].\n" * n + "\n[^a]: The note.\n"
    if kind == "same heading":
        return "".join(f"## Same\n\nPara {i}.\n\n" for i in range(n))
    lines = {
        "wiki links": lambda i: "[[t0]]",
        "wiki links with text": lambda i: "[[t1|x]]",
        "links": lambda i: "[see](b.md)",
        "mentions, link = all": lambda i: "Termt0 Termt0 Termt0 Termt0.",
        "citations (n/2)": lambda i: f"Claim [@k1, p. {i}].",
        "unknown wiki links": lambda i: "[[nope]]",
    }[kind]
    count = n // 2 if kind == "citations (n/2)" else n
    return "\n\n".join(lines(i) for i in range(count))


def write_site(root, kind, n):
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(f"{root}/content/articles")
    os.makedirs(f"{root}/content/glossary")
    settings = '[glossary]\nlink = "all"\n' if kind == "mentions, link = all" else ""
    with open(f"{root}/site.toml", "w") as f:
        f.write(f'title = "P"\nbase_url = "https://e.org/"\n{settings}')
    for t in ("t0", "t1"):
        with open(f"{root}/content/glossary/{t}.md", "w") as f:
            f.write(f'+++\ntitle = "Term{t}"\nsummary = "S."\n+++\nBody.\n')
    with open(f"{root}/content/articles/b.md", "w") as f:
        f.write('+++\ntitle = "B"\ndate = 2025-01-01\n+++\nB.\n')
    if kind.startswith("citations"):
        with open(f"{root}/content/sources.bib", "w") as f:
            f.write("@book{k1, author = {Afary, Janet}, title = {The Iranian Constitutional "
                    "Revolution}, publisher = {Columbia University Press}, year = {1996}}\n")
    with open(f"{root}/content/articles/a.md", "w") as f:
        f.write('+++\ntitle = "A"\ndate = 2025-01-02\n+++\n' + body(kind, n) + "\n")


def best_ms(binary, root, out):
    best = None
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([binary, "build", "-q", "--root", root, "--output", out],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        took = (time.perf_counter() - start) * 1000
        best = took if best is None else min(best, took)
    return best


def main():
    binaries = sys.argv[1:]
    if not binaries:
        sys.exit(__doc__)
    kinds = ["footnotes", "one footnote", "same heading", "wiki links",
             "wiki links with text", "links", "mentions, link = all",
             "citations (n/2)", "unknown wiki links"]
    with tempfile.TemporaryDirectory() as tmp:
        root, out = f"{tmp}/site", f"{tmp}/out"
        for kind in kinds:
            times = {b: [] for b in binaries}
            for n in SIZES:
                write_site(root, kind, n)
                for b in binaries:
                    times[b].append(best_ms(b, root, out))
            cells = []
            for b in binaries:
                t = times[b]
                cells.append(" / ".join(f"{x:,.0f}" for x in t) + f" ms | x{t[-1] / t[0]:.1f}")
            print(f"| {kind} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
