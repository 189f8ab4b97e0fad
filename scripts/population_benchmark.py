#!/usr/bin/env python3
"""Reconciliation on a real multi-source benchmark: Wikipedia city populations.

Converts ../shared/research-data/population (Pasternack & Roth 2010, preprocessed as in
Zhao & Han 2012: one claim per editor and city-year) into a CSV of claims, runs
`crosscheck report --format json` on it with and without source reliability, and
prints the mean absolute error of each consensus `best` against the known truth and the
share of estimates more than 1% off. Published figures on the same claims: TruthFinder and
KDEm about 1,720 and 15.5%; the median of the claims 10,378 and 32%.

    python3 scripts/population_benchmark.py [--data DIR] [--binary PATH]
"""
import argparse
import csv
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_claims(data):
    claims = []
    # The file is Latin-1: some city names carry accented letters.
    for line in (data / "daz45_population-new-new.txt").read_text("latin-1").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            claims.append((parts[0].lower(), parts[1], parts[2]))
    return claims


def load_truth(data):
    truth = {}
    with open(data / "daz45_population-gd.txt", encoding="latin-1") as handle:
        for row in csv.reader(handle):
            row = [cell.strip() for cell in row]
            if len(row) == 4:
                city, state, year, value = row
                key = f"{city}, {state}_{year}" if state else f"{city}_{year}"
            elif len(row) == 3:
                city, year, value = row
                key = f"{city}_{year}"
            else:
                continue
            truth[key.lower()] = float(value)
    return truth


def run_engine(binary, table, extra):
    result = subprocess.run([binary, "report", str(table), "--format", "json", *extra],
                            check=True, capture_output=True, text=True)
    report = json.loads(result.stdout)
    return {g["id"]: g["consensus"]["best"] for g in report["groups"] if g.get("consensus")}


def score(estimates, truth):
    keys = [k for k in truth if k in estimates and truth[k] > 0]
    errors = [abs(estimates[k] - truth[k]) for k in keys]
    off = sum(e / truth[k] > 0.01 for e, k in zip(errors, keys))
    return statistics.mean(errors), off / len(keys), len(keys)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/research-data/population")
    parser.add_argument("--binary", default=str(ROOT / "target/release/crosscheck"))
    args = parser.parse_args()
    if not (args.data / "daz45_population-new-new.txt").exists():
        sys.exit(f"no population data in {args.data}")
    out = ROOT / "target/bench"
    out.mkdir(parents=True, exist_ok=True)
    table = out / "population.csv"
    claims = load_claims(args.data)
    with open(table, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["quantity", "origin", "value"])
        writer.writerows(claims)
    truth = load_truth(args.data)
    by_item = {}
    for item, _source, value in claims:
        by_item.setdefault(item, []).append(float(value))
    median = {k: statistics.median(v) for k, v in by_item.items()}
    rows = [("median of the claims", *score(median, truth))]
    rows.append(("crosscheck best", *score(run_engine(args.binary, table, []), truth)))
    rows.append(("crosscheck best, --reliability", *score(run_engine(args.binary, table, ["--reliability"]), truth)))
    print(f"{len(claims)} claims, {len(by_item)} city-years, {rows[0][3]} with known truth")
    print(f"{'method':34} {'MAE':>10} {'>1% off':>8}")
    for name, mae, off, _ in rows:
        print(f"{name:34} {mae:10,.0f} {off:8.1%}")
    print(f"{'TruthFinder / KDEm (published)':34} {1720:10,} {0.155:8.1%}")


if __name__ == "__main__":
    main()
