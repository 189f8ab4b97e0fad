#!/usr/bin/env python3
"""Score `crosscheck numbers` on the peers' own test specs, as the shared scorer does and as
their authors meant them.

    python3 scripts/score_peer_specs.py [--bin PATH] [--specs DIR] [--floors FILE] [--cases DIR]

Runs `crosscheck numbers` on every case of ../shared/peer-specs/recognizers-text (written as
files by the shared scorer), then prints two tables per spec: `strict`, the shared
`score_specs.py` unchanged; and `as meant`, the same scorer with two systematic defects of the
spec files undone (docs/numbers.md lists them):

- values written with a decimal comma ("0,5", "1234567,89") are read as numbers; the shared
  scorer cannot read them, so every such case fails for every system;
- an `End` that is exclusive (End - Start == len(Text), as in most French cases) is taken as
  exclusive; the scorer adds one to every `End`, so those spans can never be matched.

Cases the files get wrong in substance (docs/numbers.md) are not changed: they still fail.
With --floors FILE (lines `SPEC STRICT AS_MEANT`), exits 1 when a pass rate falls below its
floor. Exits 0, with a message, when ../shared/peer-specs is not there.
"""
import argparse
import importlib.util
import io
import re
import subprocess
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPECS = ROOT.parent / "shared" / "peer-specs"


def load_scorer(specs):
    spec = importlib.util.spec_from_file_location("score_specs", specs / "score_specs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DECIMAL_COMMA = re.compile(r"^-?\d+,\d+(E[+-]?\d+)?%?$")


def as_meant(scorer):
    """Patches the scorer's reading of the spec files, not its matching."""
    strict_as_number = scorer.as_number

    def as_number(v):
        if isinstance(v, str) and DECIMAL_COMMA.match(v.strip()):
            v = v.strip().replace(",", ".")
        return strict_as_number(v)

    def expected(case):
        out = []
        for r in case.get("Results", []):
            res = r.get("Resolution") or {}
            value = res.get("value")
            if value is None:
                continue
            text = case["Input"]
            start = r.get("Start", text.find(r["Text"]))
            end = r.get("End")
            if end is None:
                end = start + len(r["Text"])
            elif end - start != len(r["Text"]):
                end += 1
            out.append((start, end, value))
        return out

    scorer.as_number = as_number
    scorer.expected = expected


def table(scorer, cases_dir, system, root):
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        scorer.score(str(cases_dir), str(system), root)
    rows = {}
    for line in buffer.getvalue().splitlines()[1:]:
        parts = line.split()
        rows[parts[0]] = (int(parts[1]), float(parts[2]), float(parts[3]))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=str(ROOT / "target" / "release" / "crosscheck"))
    parser.add_argument("--specs", default=str(DEFAULT_SPECS))
    parser.add_argument("--floors", help="lines `SPEC STRICT AS_MEANT`; exit 1 below a floor")
    parser.add_argument("--cases", help="where to write the cases (default: a temporary folder)")
    args = parser.parse_args()
    specs = Path(args.specs)
    if not (specs / "score_specs.py").exists():
        print(f"== {specs} not found: peer specs not scored")
        return 0
    root = specs / "recognizers-text"
    with tempfile.TemporaryDirectory() as tmp:
        cases_dir = Path(args.cases or tmp) / "cases"
        scorer = load_scorer(specs)
        with redirect_stdout(io.StringIO()):
            scorer.write(str(cases_dir), root)
        system = Path(tmp) / "numbers.jsonl"
        with open(system, "w", encoding="utf-8") as out:
            subprocess.run([args.bin, "numbers", str(cases_dir)], stdout=out, check=True)
        strict = table(scorer, cases_dir, system, root)
        as_meant(scorer)
        meant = table(scorer, cases_dir, system, root)
    print(f"{'spec':26} {'cases':>6} {'strict':>7} {'as meant':>9}")
    for key, (n, rate, _) in strict.items():
        print(f"{key:26} {n:6d} {rate:7.3f} {meant[key][1]:9.3f}")
    if not args.floors:
        return 0
    low = []
    for line in Path(args.floors).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        key, strict_floor, meant_floor = line.split()
        if strict[key][1] < float(strict_floor) or meant[key][1] < float(meant_floor):
            low.append(f"{key} (strict {strict[key][1]:.3f} floor {strict_floor}, "
                       f"as meant {meant[key][1]:.3f} floor {meant_floor})")
    if low:
        print("peer specs below their floors: " + "; ".join(low))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
