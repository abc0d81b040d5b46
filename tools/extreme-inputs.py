#!/usr/bin/env python3
"""Writes one gloss site per extreme input under the folder given, for the
figures in RELIABILITY.md: python3 tools/extreme-inputs.py /tmp/edge"""

import os, sys
out = sys.argv[1]
fm = '+++\ntitle = "Edge"\n+++\n'
para = "The majlis met at the caravanserai and read the firman aloud; the scribes wrote down what each said.\n\n"
term = '+++\ntitle = "Majlis"\nsummary = "An assembly."\n+++\nAn assembly.\n'
aliases = ", ".join(f'"alias {i}"' for i in range(20000))
cases = {
    "big50": fm + para * (50 * 2**20 // len(para)),
    "big15": fm + para * (15 * 2**20 // len(para)),
    "list10k": fm + "- " * 10000 + "majlis\n",
    "quote10k": fm + ">" * 10000 + " majlis\n",
    "list1m": fm + "- " * 1000000 + "majlis\n",
    "line1m": fm + "the majlis met again and " * (2**20 // 25) + "\n",
    "aliases20k": fm + "First alias 19999, then alias 7 and the majlis.\n" * 1000,
    "html100k": fm + "<div>" * 100000 + "majlis\n",
    "html100k-text": fm + "<div>" * 100000 + "majlis\n",
    "list8m": fm + "- " * (8 * 2**20 - 20) + "x\n",
}
for name, text in cases.items():
    d = os.path.join(out, name)
    os.makedirs(d + "/content/articles", exist_ok=True)
    os.makedirs(d + "/content/glossary", exist_ok=True)
    settings = 'title = "Edge"\nbase_url = "https://example.org/"\n'
    # Raw HTML reaches the page only on a site that trusts its content; by
    # default (`html100k-text`) it is shown as text.
    if name == "html100k":
        settings += "[markdown]\nunsafe_html = true\n"
    open(d + "/site.toml", "w").write(settings)
    open(d + "/content/glossary/majlis.md", "w").write(term)
    if name == "aliases20k":
        open(d + "/content/glossary/many.md", "w").write(
            f'+++\ntitle = "Many"\naliases = [{aliases}]\nsummary = "x"\n+++\nMany.\n')
    open(d + "/content/articles/edge.md", "w").write(text)
