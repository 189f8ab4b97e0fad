#!/usr/bin/env bash
# Writes docs/report-seeds.png, the README's picture of the HTML report: the
# seeds report as headless Chromium draws its first screen (the summary and
# the first quantity's chart). Run it after a change to the page's look.
set -euo pipefail
cd "$(dirname "$0")/.."
browser=${CROSSCHECK_CHROMIUM:-$(command -v chromium-headless-shell || command -v chromium || true)}
if [ -z "$browser" ]; then
  echo "no Chromium found: apt-get install chromium-headless-shell, or set CROSSCHECK_CHROMIUM" >&2
  exit 2
fi
cargo build --release --locked -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/crosscheck report fixtures/seeds --format html -o "$work/seeds.html" --quiet
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --user-data-dir="$work/profile" --window-size=1100,1300 \
  --screenshot="$PWD/docs/report-seeds.png" "file://$work/seeds.html" 2>/dev/null
echo "wrote docs/report-seeds.png"
