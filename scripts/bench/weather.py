#!/usr/bin/env python3
"""Converts the Weather benchmark claims into a claim table that `crosscheck report` reads.

Source: `<shared>/research-data/weather/spectrum_weather_claims.csv.gz` (365,890 claims, 16
sources, 30,317 city-time-property items; see the README beside it). Each row becomes one claim:

| table column | from |
|---|---|
| quantity | `ObjectID/PropertyID`, lower-cased (`sanjosefrijan2908/temperature`) |
| origin | `SourceID` |
| as_of | the date of `TimeStamp` (`fri jan 29 08:45:00 2010` -> `2010-01-29`) |
| value | `PropertyValue` as written |

Every row is written as it is, so the table reader meets what the data holds: 352 negative
values (today's reader rejects them; the target is to accept them) and about 3,700 values that
are no numbers (`N/A`, `*`, `11-Dec`, `2 1/2`), which it reports as bad rows.

    python3 scripts/bench/weather.py [--shared DIR] [--rows N] [--out FILE]
"""

import argparse
import csv
import datetime
import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

SOURCE = Path("research-data") / "weather" / "spectrum_weather_claims.csv.gz"


def convert(shared, out, rows=None):
    """Writes the table; returns (rows written, negative values among them)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    written = negative = 0
    with gzip.open(shared / SOURCE, "rt", encoding="utf-8", newline="") as source, \
            open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["quantity", "origin", "as_of", "value"])
        for row in csv.DictReader(source):
            if rows is not None and written >= rows:
                break
            stamp = row["TimeStamp"].split()
            day = datetime.datetime.strptime(" ".join(stamp[1:3] + stamp[4:5]), "%b %d %Y")
            value = row["PropertyValue"].strip()
            negative += value.startswith("-")
            writer.writerow([f"{row['ObjectID']}/{row['PropertyID']}".lower(), row["SourceID"],
                             day.date().isoformat(), value])
            written += 1
    return written, negative


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", help="the shared folder; default: found")
    parser.add_argument("--rows", type=int, help="only the first N rows")
    parser.add_argument("--out", type=Path, default=corpus.ROOT / "target/bench/weather.csv")
    args = parser.parse_args()
    shared = corpus.find_shared(args.shared)
    if shared is None or not (shared / SOURCE).exists():
        sys.exit("the Weather data (research-data/weather) was not found; pass --shared")
    written, negative = convert(shared, args.out, args.rows)
    print(f"{args.out}: {written:,} rows ({negative:,} negative values)")


if __name__ == "__main__":
    main()
