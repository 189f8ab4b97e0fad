#!/usr/bin/env python3
"""Pathological inputs for the scaling test (issue 13), each at a size N and 2N.

Each case is generated under `target/bench/pathological/<case>-<n>/` and run with the command
that exercises it; the runner (`bench.py`) times N and 2N together and reports the ratio,
which should stay a little above 2 for linear cost.

| case | N (issue 13) | what | command |
|---|---|---|---|
| long-line | 2 MB | one line of words and figures without punctuation | claims |
| grouped-number | 1 MB | one figure written `1,000,000,...` in a sentence | claims |
| long-word | 80,000 letters | one word that long in a sentence with a figure | claims |
| one-quantity-docs | 8,000 documents | one-claim documents about one quantity | report |
| one-quantity-table | 2,000 rows | a table of values for one quantity | report |

    python3 scripts/bench/pathological.py long-line 2000000
"""

import argparse
import csv
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "target" / "bench" / "pathological"


def _long_line(folder, n):
    # Words and figures, no sentence punctuation and no line break: one sentence of n bytes.
    words = ("officials said 1200 people were killed and 350 were injured in the northern "
             "provinces while 40 thousand fled their homes according to the ministry ")
    text = (words * (n // len(words) + 1))[:n]
    (folder / "line.txt").write_text(text.rstrip() + "\n")


def _grouped_number(folder, n):
    head, tail = "Officials said ", " people were displaced by the floods.\n"
    groups = max(1, (n - len(head) - len(tail) - 1) // 4)
    (folder / "number.txt").write_text(head + "1" + ",000" * groups + tail)


def _long_word(folder, n):
    text = (f"Officials said 1,200 people were killed in {'a' * n} on Monday, "
            "and 350 were injured.\n")
    (folder / "word.txt").write_text(text)


def _one_quantity_docs(folder, n):
    rng = random.Random(n)
    for index in range(n):
        sub = folder / f"d{index // 1000:04d}"
        if index % 1000 == 0:
            sub.mkdir()
        value = rng.randrange(1000, 2000)
        (sub / f"doc{index:06d}.txt").write_text(
            f'+++\nsource = "Outlet {index}"\npublished = "2023-02-{8 + index % 20:02d}"\n'
            f'lang = "en"\n+++\n'
            f"The earthquake in Turkey killed {value:,} people, officials said.\n")


def _one_quantity_table(folder, n):
    rng = random.Random(n)
    with open(folder / "table.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["quantity", "origin", "as_of", "value"])
        for index in range(n):
            writer.writerow(["earthquake-deaths", f"source-{index}",
                             f"2023-02-{8 + index % 20:02d}", rng.randrange(1000, 2000)])


# name -> (generator, N from issue 13, command, unit of N)
CASES = {
    "long-line": (_long_line, 2_000_000, "claims", "bytes"),
    "grouped-number": (_grouped_number, 1_000_000, "claims", "bytes"),
    "long-word": (_long_word, 80_000, "claims", "letters"),
    "one-quantity-docs": (_one_quantity_docs, 8_000, "report", "documents"),
    "one-quantity-table": (_one_quantity_table, 2_000, "report", "rows"),
}


def generate(case, n, out=DEFAULT_OUT):
    """Writes the case at size n (reused when present) and returns its folder."""
    folder = out / f"{case}-{n}"
    done = folder / ".done"
    if not done.exists():
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        CASES[case][0](folder, n)
        done.touch()
    return folder


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("case", choices=sorted(CASES))
    parser.add_argument("n", type=int, nargs="?", help="size; default: the issue's N")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    n = args.n or CASES[args.case][1]
    print(generate(args.case, n, args.out))


if __name__ == "__main__":
    sys.exit(main())
