#!/usr/bin/env python3
"""crosscheck's performance harness (issue 12): side by side with peers, in one run.

    python3 scripts/bench/bench.py --quick     # about a minute or two: small sizes, one repetition
    python3 scripts/bench/bench.py --full      # about 3 minutes once the corpora are built: docs/performance.md
    python3 scripts/bench/bench.py --full --only side,growth --reps 5

Sections (`--only`/`--skip`, comma-separated):

- side: on one replicated corpus (`corpus.py`), `crosscheck claims` with RAYON_NUM_THREADS=1
  and =2, `crosscheck report`, a ripgrep digit scan and Duckling's numbers-only pass
  (pyduckling-native-phihos in `target/bench/venv`, created here), interleaved; MB/s and ratios.
- growth: doubling the input, many files (`claims`, `report`) and one file (`claims`), and one
  file against the same bytes in many files.
- startup: a one-line document, against `crosscheck --version` (process start without rules).
- pathological: the inputs of issue 13 (`pathological.py`) at sizes doubling up to N and 2N, as
  far as a time budget allows; the ratio of each size to the one before.
- weather: `report` on the Weather benchmark table (`weather.py`), all 365,890 rows in --full.
- memory: peak RSS of `claims` on a large corpus of many files and on one large file.
- profile: `perf record -g` on `claims` over about 10 MB; the top functions (--full only,
  or when named in --only).

Every run's wall time, CPU time (user+sys) and peak RSS come from wait4(2), the call that
`/usr/bin/time -v` makes. The output of crosscheck goes through a pipe whose bytes are counted
(as `| wc -c` would). Results: printed, and written as Markdown and JSON under
`target/bench/results/`. The machine is shared: ratios measured in the same run are the figures
to compare; the load average before and after each section is recorded.
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402
import pathological  # noqa: E402
import weather  # noqa: E402

ROOT = corpus.ROOT
BENCH = ROOT / "target" / "bench"
MB = 10**6
SECTIONS = ["side", "growth", "startup", "pathological", "weather", "memory", "profile"]

PROFILES = {
    # main: the side-by-side corpus; double: growth compares it with twice its size (many files);
    # one: one-file size (and twice it); report: report's corpus (and twice it);
    # memory: (many files, one file); path_start: first pathological size as N / 2**k;
    # budget: no pathological run is started when the one before it, times its growth, passes it.
    "quick": dict(main="2MB", one="1MB", report="500KB", memory=("8MB", "4MB"), reps=1,
                  startup_runs=5, path_start=8, budget=3.0, weather_rows=40_000, timeout=120),
    "full": dict(main="32MB", one="10MB", report="4MB", memory=("256MB", "100MB"), reps=3,
                 startup_runs=20, path_start=8, budget=60.0, weather_rows=None, timeout=900),
}


# ---------------------------------------------------------------- running one command

class Result:
    def __init__(self, label, **fields):
        self.label = label
        self.__dict__.update(fields)

    def ok(self):
        return self.status == "ok"

    def to_json(self):
        return {k: v for k, v in self.__dict__.items() if k != "head"}


def run(label, cmd, env=None, timeout=600.0, mem_cap=None, quiet=False):
    """Runs cmd; returns wall, CPU, peak RSS, output size and the first 4 KB of stdout."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    err_path = BENCH / "out" / (re.sub(r"[^A-Za-z0-9_.-]+", "_", label)[:80] + ".err")
    err_path.parent.mkdir(parents=True, exist_ok=True)

    def limit():
        if mem_cap:
            resource.setrlimit(resource.RLIMIT_AS, (mem_cap, mem_cap))

    counted = {"bytes": 0, "head": b""}

    def drain(stream):
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            if len(counted["head"]) < 4096:
                counted["head"] += chunk[:4096 - len(counted["head"])]
            counted["bytes"] += len(chunk)

    with open(err_path, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen([str(c) for c in cmd], stdout=subprocess.PIPE, stderr=err,
                                   stdin=subprocess.DEVNULL, env=full_env, preexec_fn=limit)
        reader = threading.Thread(target=drain, args=(process.stdout,), daemon=True)
        reader.start()
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            process.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        reader.join()
        process.stdout.close()
    tail = err_path.read_text(errors="replace")[-2000:]
    if timed_out.is_set():
        state = f"timeout ({timeout:.0f} s)"
    elif "memory allocation" in tail:
        state = f"out of memory (cap {mem_cap / 10**9:.0f} GB)"
    elif process.returncode != 0:
        state = f"exit {process.returncode}"
    else:
        state = "ok"
    result = Result(label, cmd=" ".join(str(c) for c in cmd),
                    env=" ".join(f"{k}={v}" for k, v in (env or {}).items()),
                    wall=wall, cpu=usage.ru_utime + usage.ru_stime, user=usage.ru_utime,
                    rss_mb=usage.ru_maxrss * 1024 / MB, out_bytes=counted["bytes"],
                    head=counted["head"].decode("utf-8", "replace"), status=state)
    if not quiet:
        print(f"  {label:44} {wall:8.2f} s wall {result.cpu:8.2f} s cpu "
              f"{result.rss_mb:8.1f} MB rss {state if state != 'ok' else ''}", flush=True)
    return result


# ---------------------------------------------------------------- helpers

def median(values):
    return statistics.median(values) if values else float("nan")


def load():
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def autogroup():
    try:
        return Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip()
    except OSError:
        return "?"


def fmt(value, digits=2):
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def ensure_apt(binary, package):
    """The tool, installed with apt-get when missing and this is root; None otherwise."""
    if shutil.which(binary):
        return shutil.which(binary)
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"installing {package} with apt-get", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", package], check=False,
                       stdout=subprocess.DEVNULL)
    return shutil.which(binary)


def ensure_duckling():
    """target/bench/venv with pyduckling-native-phihos; returns (python, version) or None."""
    venv = BENCH / "venv"
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import importlib.metadata as m, duckling; "
             "print(m.version('pyduckling-native-phihos'))"]
    if python.exists():
        found = subprocess.run(probe, capture_output=True, text=True)
        if found.returncode == 0:
            return python, found.stdout.strip()
    print("creating target/bench/venv with pyduckling-native-phihos", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    installed = subprocess.run([str(python), "-m", "pip", "install", "-q",
                                "pyduckling-native-phihos"], capture_output=True, text=True)
    if installed.returncode != 0:
        print(f"cannot install pyduckling-native-phihos: {installed.stderr[-500:]}")
        return None
    found = subprocess.run(probe, capture_output=True, text=True)
    return (python, found.stdout.strip()) if found.returncode == 0 else None


def header_number(text, name):
    # The report writes counts with thousands separators ("Claims: 362,201").
    match = re.search(rf"{name}: ([0-9][0-9,]*)", text)
    return int(match.group(1).replace(",", "")) if match else None


# ---------------------------------------------------------------- the harness

class Harness:
    def __init__(self, args):
        self.args = args
        self.profile = dict(PROFILES["full" if args.full else "quick"])
        if args.reps:
            self.profile["reps"] = args.reps
        if args.size:
            self.profile["main"] = args.size
        if args.memory_size:
            self.profile["memory"] = (args.memory_size, self.profile["memory"][1])
        self.binary = Path(args.binary) if args.binary else ROOT / "target/release/crosscheck"
        self.shared = None if args.no_shared else corpus.find_shared(args.shared)
        self.documents = corpus.source_documents(self.shared)
        self.results = {"runs": []}
        self.md = []
        self.startup = None

    # -- plumbing

    def run(self, label, cmd, env=None, timeout=None, mem_cap=True):
        result = run(label, cmd, env, timeout or self.profile["timeout"],
                     int(self.args.mem_cap * 10**9) if mem_cap else None)
        self.results["runs"].append(result.to_json())
        return result

    def cc(self, *args):
        return [self.binary, *args]

    def section(self, title):
        print(f"\n== {title} (load {load()})", flush=True)
        self.md.append(f"\n## {title}\n")
        return load()

    def say(self, text):
        self.md.append(text)

    def many(self, size):
        folder, total, files = corpus.build_many(corpus.parse_size(size), self.documents)
        return folder, total, files

    # -- sections

    def side(self):
        before = self.section("Side by side")
        reps = self.profile["reps"]
        folder, total, files = self.many(self.profile["main"])
        rg = ensure_apt("rg", "ripgrep")
        duck = None if self.args.no_duckling else ensure_duckling()
        tools = []
        if rg:
            # `\d` is Unicode in ripgrep: Arabic-Indic and Persian digits count too.
            tools.append(("rg digit scan (-j2)", [rg, "--no-ignore", "--count-matches",
                                                  "--no-filename", "-j2", r"\d+", folder], {}))
        tools += [("crosscheck claims, 1 thread", self.cc("claims", folder),
                   {"RAYON_NUM_THREADS": "1"}),
                  ("crosscheck claims, 2 threads", self.cc("claims", folder),
                   {"RAYON_NUM_THREADS": "2"}),
                  # The figure reader alone, the counterpart of Duckling's numbers-only pass.
                  ("crosscheck numbers, 1 thread", self.cc("numbers", folder),
                   {"RAYON_NUM_THREADS": "1"}),
                  ("crosscheck numbers, 2 threads", self.cc("numbers", folder),
                   {"RAYON_NUM_THREADS": "2"})]
        if self.args.baseline:
            # An earlier build on the same bytes in the same run: the speed-up
            # as a ratio, whatever the load.
            tools.append(("crosscheck claims, 2 threads, baseline",
                          [self.args.baseline, "claims", folder], {"RAYON_NUM_THREADS": "2"}))
        report_size = corpus.parse_size(self.profile["report"])
        report_folder, report_total = folder, total
        if report_size < total:
            report_folder, report_total, _ = self.many(self.profile["report"])
        tools.append(("crosscheck report, 2 threads", self.cc("report", report_folder),
                      {"RAYON_NUM_THREADS": "2"}))
        runs = {name: [] for name, _, _ in tools}
        for rep in range(reps):
            for name, cmd, env in tools:
                runs[name].append(self.run(f"{name} #{rep + 1}", cmd, env))
        if duck:
            python, version = duck
            name = f"Duckling numbers (pyduckling-native-phihos {version})"
            result = self.run(name, [python, HERE / "duckling_numbers.py", folder], mem_cap=False)
            runs[name] = [result]
            tools.append((name, None, {}))
            try:
                self.results["duckling"] = json.loads(result.head)
            except ValueError:
                pass
        after = load()
        rows = []
        summary = {}
        for name, _cmd, _env in tools:
            done = [r for r in runs[name] if r.ok()]
            size = report_total if "report" in name else total
            if not done:
                rows.append([name, fmt(size / MB, 1), runs[name][0].status, "-", "-", "-", "-",
                             "-"])
                continue
            wall = median([r.wall for r in done])
            summary[name] = dict(wall=wall, mbps=size / MB / wall, bytes=size,
                                 cpu=median([r.cpu for r in done]),
                                 rss=max(r.rss_mb for r in done),
                                 out=median([r.out_bytes for r in done]))
            s = summary[name]
            spread = (f" ({fmt(min(r.wall for r in done))}-{fmt(max(r.wall for r in done))})"
                      if len(done) > 1 else "")
            rows.append([name, fmt(size / MB, 1), fmt(wall) + spread, fmt(s["mbps"]),
                         fmt(s["cpu"]), fmt(size / MB / s["cpu"]) if s["cpu"] else "-",
                         fmt(s["rss"], 0), fmt(s["out"] / MB, 1)])
        self.results["side"] = summary
        self.say(f"Corpus: `{folder.relative_to(ROOT)}`, {total:,} bytes in {files:,} files "
                 f"(replicated from {len(self.documents)} gold documents); report on "
                 f"{report_total:,} bytes. {reps} repetition(s), interleaved; wall is the median "
                 f"(range). Load average before {before}, after {after}.\n")
        self.say(table(["tool", "input MB", "wall s", "MB/s", "CPU s", "MB per CPU s",
                        "peak RSS MB", "output MB"], rows))
        c1 = summary.get("crosscheck claims, 1 thread")
        c2 = summary.get("crosscheck claims, 2 threads")
        n1 = summary.get("crosscheck numbers, 1 thread")
        n2 = summary.get("crosscheck numbers, 2 threads")
        rep = summary.get("crosscheck report, 2 threads")
        rgs = summary.get("rg digit scan (-j2)")
        duck_s = next((v for k, v in summary.items() if k.startswith("Duckling")), None)
        ratios = []
        if c2 and duck_s:
            ratios.append(("claims (2 threads) / Duckling numbers, MB/s", c2["mbps"] / duck_s["mbps"],
                           ">= 100"))
        if c1 and duck_s:
            ratios.append(("claims (1 thread) / Duckling numbers, MB/s", c1["mbps"] / duck_s["mbps"],
                           ""))
        # Like for like: every figure of the text, as Duckling's numbers-only pass reads them.
        if n2 and duck_s:
            ratios.append(("numbers (2 threads) / Duckling numbers, MB/s",
                           n2["mbps"] / duck_s["mbps"], ""))
        if n1 and duck_s:
            ratios.append(("numbers (1 thread) / Duckling numbers, MB/s",
                           n1["mbps"] / duck_s["mbps"], ""))
        if n2 and c2:
            ratios.append(("numbers / claims (2 threads), MB/s", n2["mbps"] / c2["mbps"], ""))
        if c1 and c2:
            ratios.append(("claims: 2 threads / 1 thread, speed-up", c1["wall"] / c2["wall"],
                           ">= 1.7"))
            ratios.append(("claims: CPU s with 2 threads / with 1", c2["cpu"] / c1["cpu"], ""))
        if c2:
            ratios.append(("claims (2 threads), MB/s", c2["mbps"], ">= 30"))
        base = summary.get("crosscheck claims, 2 threads, baseline")
        if c2 and base:
            ratios.append(("claims (2 threads) / baseline, MB/s", c2["mbps"] / base["mbps"], ""))
            ratios.append(("claims / baseline, MB per CPU s",
                           base["cpu"] / c2["cpu"] if c2["cpu"] else float("nan"), ""))
        if rgs and c2:
            ratios.append(("rg digit scan / claims (2 threads), MB/s", rgs["mbps"] / c2["mbps"], ""))
        if rep and c2:
            ratios.append(("report / claims (2 threads), MB/s", rep["mbps"] / c2["mbps"], ""))
        if rep:
            ratios.append(("report, output bytes per input byte", rep["out"] / rep["bytes"], ""))
        if c2:
            ratios.append(("claims, output bytes per input byte", c2["out"] / c2["bytes"], ""))
        self.results["side_ratios"] = {n: v for n, v, _ in ratios}
        if c1 and c1["cpu"] / c1["wall"] < 0.9:
            share = c1["cpu"] / c1["wall"]
            self.say(f"The one-thread run got {share:.0%} of a core (CPU s / wall s): the machine "
                     "was busy. With the kernel's autogroup scheduling "
                     f"(/proc/sys/kernel/sched_autogroup_enabled = {autogroup()}), a process "
                     "gets a share of the CPUs per session, whatever its threads, so the "
                     "2-thread / 1-thread ratio means little until the machine is idle; "
                     "MB per CPU s is the steadier figure.\n")
        self.say("\n" + table(["ratio", "measured", "target"],
                              [[n, fmt(v), t] for n, v, t in ratios]))

    def growth(self):
        before = self.section("Growth with input")
        reps = self.profile["reps"]
        main = corpus.parse_size(self.profile["main"])
        one = corpus.parse_size(self.profile["one"])
        report = corpus.parse_size(self.profile["report"])
        pairs = []  # (name, target, [(label, cmd, bytes)] x2)
        small, s_total, _ = corpus.build_many(main, self.documents)
        big, b_total, _ = corpus.build_many(2 * main, self.documents)
        pairs.append(("claims, many files, 2 threads", "<= 2.2",
                      [(self.cc("claims", small), s_total), (self.cc("claims", big), b_total)]))
        # At the side-by-side sizes too: a cost in the square of the copies of an article (a
        # denial of every copy of a figure, session 17) barely shows at 4 -> 8 MB.
        pairs.append(("report, many files, side-by-side size, 2 threads", "<= 2.2 (linear in claims)",
                      [(self.cc("report", small), s_total), (self.cc("report", big), b_total)]))
        r1, r1_total, _ = corpus.build_many(report, self.documents)
        r2, r2_total, _ = corpus.build_many(2 * report, self.documents)
        pairs.append(("report, many files, 2 threads", "<= 2.2 (linear in claims)",
                      [(self.cc("report", r1), r1_total), (self.cc("report", r2), r2_total)]))
        f1, f1_total, bodies, bodies_total, _ = corpus.build_one(one, self.documents)
        f2, f2_total, _, _, _ = corpus.build_one(2 * one, self.documents, with_many=False)
        pairs.append(("claims, one file", "<= 2.2",
                      [(self.cc("claims", f1), f1_total), (self.cc("claims", f2), f2_total)]))
        pairs.append(("claims, one file vs the same bytes in many files", "<= 1.3",
                      [(self.cc("claims", bodies), bodies_total), (self.cc("claims", f1), f1_total)]))
        times = {}
        for rep in range(reps):
            for name, _target, runs in pairs:
                for index, (cmd, size) in enumerate(runs):
                    key = " ".join(str(c) for c in cmd)
                    if key in times and len(times[key]) > rep:
                        continue  # the same command in two pairs runs once per repetition
                    label = f"{cmd[1]} {Path(cmd[2]).name} #{rep + 1}"
                    times.setdefault(key, []).append(
                        self.run(label, cmd, {"RAYON_NUM_THREADS": "2"}))
        # What `report` holds a claim (issue 12: at most 1 KB beyond its output, which is
        # streamed): its peak RSS beyond a one-line report's, over the claims in its head.
        one_line = BENCH / "startup" / "one-line.txt"
        one_line.parent.mkdir(parents=True, exist_ok=True)
        one_line.write_text("Officials said 12 people were killed in the floods.\n")
        floor = self.run("report one-line", self.cc("report", one_line), {"RAYON_NUM_THREADS": "2"})
        # And beyond a report on one document of each language: the one-line report loads
        # English alone, while the corpora load seven language packs and their place names, a
        # part that does not grow with the claims (docs/performance.md, "Memory").
        languages_folder = BENCH / "startup" / "one-per-language"
        languages = corpus.build_one_per_language(languages_folder, self.documents)
        languages_floor = self.run(f"report one document per language ({len(languages)})",
                                   self.cc("report", languages_folder), {"RAYON_NUM_THREADS": "2"})
        languages_claims = (header_number(languages_floor.head, "Claims")
                            if languages_floor.ok() else None)
        rows = []
        self.results["growth"] = {}
        for name, target, runs in pairs:
            cells = []
            for cmd, size in runs:
                done = [r for r in times[" ".join(str(c) for c in cmd)] if r.ok()]
                claims = header_number(done[0].head, "Claims") if done else None
                cells.append((Path(cmd[2]).name, size, median([r.wall for r in done]) if done
                              else float("nan"), median([r.cpu for r in done]) if done
                              else float("nan"), max((r.rss_mb for r in done), default=0.0), claims))
            (n1, s1, w1, c1, m1, k1), (n2, s2, w2, c2, m2, k2) = cells
            ratio, cpu_ratio = w2 / w1, c2 / c1
            per_claim = per_claim_languages = ""
            if runs[0][0][1] == "report" and k1 and k2 and floor.ok():
                beyond = [(m - floor.rss_mb) * MB / k for m, k in ((m1, k1), (m2, k2))]
                marginal = (m2 - m1) * MB / (k2 - k1) if k2 > k1 else float("nan")
                per_claim = f"{fmt(beyond[0], 0)} -> {fmt(beyond[1], 0)} (added: {fmt(marginal, 0)})"
                beyond_languages = None
                if languages_claims is not None and min(k1, k2) > languages_claims:
                    beyond_languages = [(m - languages_floor.rss_mb) * MB / (k - languages_claims)
                                        for m, k in ((m1, k1), (m2, k2))]
                    per_claim_languages = (f"{fmt(beyond_languages[0], 0)} -> "
                                           f"{fmt(beyond_languages[1], 0)}")
                self.results["growth"].setdefault("report_bytes_per_claim", {})[name] = dict(
                    claims=[k1, k2], beyond_one_line=beyond, marginal=marginal,
                    one_line_rss_mb=floor.rss_mb, beyond_one_per_language=beyond_languages,
                    one_per_language_rss_mb=languages_floor.rss_mb,
                    one_per_language_claims=languages_claims, languages=languages)
            self.results["growth"][name] = dict(wall=[w1, w2], cpu=[c1, c2], bytes=[s1, s2],
                                                rss=[m1, m2], ratio=ratio, cpu_ratio=cpu_ratio)
            rows.append([name, f"`{n1}` {fmt(s1 / MB, 1)} MB", fmt(w1), f"`{n2}` {fmt(s2 / MB, 1)} MB",
                         fmt(w2), fmt(ratio), fmt(cpu_ratio), f"{fmt(m1, 0)} -> {fmt(m2, 0)}",
                         per_claim, per_claim_languages, target])
        self.say(f"RAYON_NUM_THREADS=2; median of {reps} interleaved repetition(s). `one-*` files "
                 "are document bodies joined by blank lines; `bodies-*` folders hold the same "
                 "pieces one a file. A report's bytes a claim are its peak RSS beyond a one-line "
                 f"report's ({fmt(floor.rss_mb, 0)} MB) over its claims, and (added) the RSS the "
                 "doubling added over the claims it added (target: at most 1 KB); then its peak "
                 "RSS beyond a report on the first document of each language the sources declare "
                 f"({', '.join(languages)}: {fmt(languages_floor.rss_mb, 0)} MB, "
                 f"{fmt(languages_claims)} claims) over the claims beyond that report's, which "
                 "leaves out the rules and place names of the languages a corpus loads once. "
                 f"Load average before {before}, after {load()}.\n")
        self.say(table(["what", "input", "wall s", "doubled (or other) input", "wall s",
                        "wall ratio", "CPU ratio", "peak RSS MB",
                        "report: bytes a claim beyond a one-line report",
                        "beyond one document per language", "target"], rows))

    def startup_section(self):
        before = self.section("Start-up")
        doc = BENCH / "startup" / "one-line.txt"
        doc.parent.mkdir(parents=True, exist_ok=True)
        doc.write_text("Officials said 12 people were killed in the floods.\n")
        claims, version = [], []
        for index in range(self.profile["startup_runs"]):
            claims.append(run("claims one-line", self.cc("claims", doc), quiet=True))
            version.append(run("--version", self.cc("--version"), quiet=True))
        c = median([r.wall for r in claims])
        v = median([r.wall for r in version])
        self.startup = c
        self.results["startup"] = dict(claims_median=c, claims_min=min(r.wall for r in claims),
                                       version_median=v, rss_mb=max(r.rss_mb for r in claims),
                                       runs=len(claims))
        print(f"  claims on a one-line document: median {c * 1000:.1f} ms, "
              f"--version {v * 1000:.1f} ms")
        self.say(f"{len(claims)} runs each, interleaved. Load average before {before}, "
                 f"after {load()}.\n")
        self.say(table(["command", "median ms", "min ms", "peak RSS MB"], [
            ["`crosscheck claims one-line.txt`", fmt(c * 1000, 1),
             fmt(min(r.wall for r in claims) * 1000, 1), fmt(max(r.rss_mb for r in claims), 1)],
            ["`crosscheck --version` (no rules built)", fmt(v * 1000, 1),
             fmt(min(r.wall for r in version) * 1000, 1), fmt(max(r.rss_mb for r in version), 1)],
            ["difference: building the rules and one tiny document", fmt((c - v) * 1000, 1),
             "", ""]]))

    def pathological_section(self):
        before = self.section("Pathological inputs (issue 13)")
        budget = self.profile["budget"]
        start = self.profile["path_start"]
        base = self.startup or 0.0
        rows = []
        self.results["pathological"] = {}
        for case, (_gen, n_issue, command, unit) in pathological.CASES.items():
            sizes = [n_issue >> k for k in range(start, 0, -1)] + [n_issue, 2 * n_issue]
            previous = None
            growth = 2.0
            series = []
            for n in sizes:
                if previous is not None and previous.wall * growth > budget:
                    rows.append([case, f"{n:,} {unit}", "not run",
                                 f"{previous.wall * growth:,.0f} s expected > budget", "", "", ""])
                    break
                folder = pathological.generate(case, n)
                result = self.run(f"{case} {n}", self.cc(command, folder),
                                  {"RAYON_NUM_THREADS": "2"})
                ratio = net = ""
                if previous is not None and result.ok() and previous.ok():
                    growth = result.wall / previous.wall
                    ratio = fmt(growth)
                    if base and previous.wall > base:
                        net = fmt((result.wall - base) / (previous.wall - base))
                series.append(dict(n=n, wall=result.wall, cpu=result.cpu, rss=result.rss_mb,
                                   status=result.status))
                rows.append([case, f"{n:,} {unit}", fmt(result.wall) if result.ok()
                             else result.status, fmt(result.cpu), ratio, net,
                             fmt(result.rss_mb, 0)])
                if not result.ok():
                    break
                previous = result
            self.results["pathological"][case] = dict(command=command, unit=unit,
                                                      issue_n=n_issue, series=series)
        summary = []
        for case, info in self.results["pathological"].items():
            done = [s for s in info["series"] if s["status"] == "ok"]
            if len(done) < 2:
                continue
            last, before_last = done[-1], done[-2]
            growth = last["wall"] / before_last["wall"]
            exponent = math.log2(growth) if growth > 0 else float("nan")
            steps = math.log2(info["issue_n"] / last["n"])
            at_n = last["wall"] * growth ** steps if steps > 0 else None
            info.update(last_ratio=growth, exponent=exponent, extrapolated_at_n=at_n)
            summary.append([case, f"{info['issue_n']:,} {info['unit']}",
                            f"{last['n']:,}", fmt(last["wall"]), fmt(growth), fmt(exponent),
                            fmt(at_n, 0) if at_n else "measured"])
        self.say(f"Each case at sizes doubling up to the issue's N and 2N; a size is not run when "
                 f"the time before it times the last growth would pass {budget:.0f} s. "
                 "`ratio` is the wall time over that of half the size (linear: 2); `net` "
                 "subtracts the one-line start-up first. Load average before "
                 f"{before}, after {load()}.\n")
        self.say(table(["case", "size", "wall s", "CPU s", "ratio", "net ratio", "peak RSS MB"],
                       rows))
        self.say("\nSummary: the last doubling measured, the exponent k of time ~ size^k it "
                 "implies, and the wall time at the issue's N if that growth held (extrapolated, "
                 "not measured).\n")
        self.say(table(["case", "issue's N", "largest size run", "wall s", "last ratio", "k",
                        "extrapolated s at N"], summary))

    def weather_section(self):
        before = self.section("Weather table")
        if self.shared is None or not (self.shared / weather.SOURCE).exists():
            self.say("The Weather data was not found (`--shared`); skipped.")
            return
        rows = self.profile["weather_rows"]
        table_path = BENCH / ("weather.csv" if rows is None else f"weather-{rows}.csv")
        written, negative = weather.convert(self.shared, table_path, rows)
        # As many runs as the other sections' repetitions, the median reported: the host's
        # system time for the same run varies by 0.4 s (docs/performance-history.md, session 19), and
        # one run took whatever it drew against a bound of 1.5 s.
        runs = [self.run(f"report weather ({written} rows) #{rep + 1}", self.cc("report", table_path),
                         {"RAYON_NUM_THREADS": "2"}) for rep in range(self.profile["reps"])]
        done = [r for r in runs if r.ok()]
        result = sorted(done, key=lambda r: r.wall)[(len(done) - 1) // 2] if done else runs[0]
        walls = [r.wall for r in done]
        wall_text = (f"{fmt(median(walls))} ({fmt(min(walls))}-{fmt(max(walls))})" if len(walls) > 1
                     else fmt(result.wall))
        rss_mb = max((r.rss_mb for r in done), default=result.rss_mb)
        read = header_number(result.head, "Table rows read")
        skipped = header_number(result.head, "skipped")
        claims = header_number(result.head, "Claims")
        # The report is streamed, not held: its output takes no memory, so all the RSS
        # beyond a one-line run's counts against the claims (subtracting the output's
        # bytes, as this did, left ~90 bytes a claim for 357 MB of RSS).
        per_claim = ((rss_mb * MB - (self.results.get("startup") or {})
                      .get("rss_mb", 0) * MB) / claims if claims else None)
        self.results["weather"] = dict(rows=written, negative=negative, read=read,
                                       skipped=skipped, wall=result.wall, walls=walls,
                                       cpu=result.cpu, rss_mb=rss_mb, out_bytes=result.out_bytes,
                                       bytes_per_claim=per_claim, status=result.status)
        self.say(f"`crosscheck report {table_path.relative_to(ROOT)}` ({written:,} rows, "
                 f"{negative:,} negative values), output piped and counted; {len(runs)} run(s), "
                 "wall and CPU of the median run (the range of the walls), the peak RSS of all. "
                 f"Load average before {before}, after {load()}.\n")
        self.say(table(["rows", "read", "skipped (bad rows)", "wall s", "CPU s", "peak RSS MB",
                        "output MB", "RSS beyond a one-line run, bytes per claim", "target"],
                       [[fmt(written), fmt(read), fmt(skipped), wall_text if result.ok()
                         else result.status, fmt(result.cpu), fmt(rss_mb, 0),
                         fmt(result.out_bytes / MB, 1), fmt(per_claim, 0),
                         "< 1.5 s, all rows read"]]))

    def memory(self):
        before = self.section("Memory")
        many_size, one_size = self.profile["memory"]
        folder, total, files = self.many(many_size)
        one, one_total, _, _, _ = corpus.build_one(corpus.parse_size(one_size), self.documents,
                                                   with_many=False)
        rows = []
        self.results["memory"] = {}
        for name, cmd, size in [(f"claims, {files:,} files", self.cc("claims", folder), total),
                                ("claims, one file", self.cc("claims", one), one_total)]:
            result = self.run(name, cmd, {"RAYON_NUM_THREADS": "2"})
            self.results["memory"][name] = dict(bytes=size, wall=result.wall, cpu=result.cpu,
                                                rss_mb=result.rss_mb, out_bytes=result.out_bytes,
                                                status=result.status)
            # A run killed at the time-out had reached at least this peak.
            rss = fmt(result.rss_mb, 0) if result.ok() else f">= {fmt(result.rss_mb, 0)}"
            rows.append([name, fmt(size / MB, 1), fmt(result.wall) if result.ok() else
                         result.status, fmt(size / MB / result.wall) if result.ok() else "-",
                         rss, fmt(result.out_bytes / MB, 0) if result.ok() else "-",
                         fmt(result.rss_mb * MB / size, 2)])
        notes = []
        # Extrapolations, linear through two measured points.
        side = (self.results.get("side") or {}).get("crosscheck claims, 2 threads")
        many = self.results["memory"][f"claims, {files:,} files"]
        if side and total < 10**9 and many["status"] == "ok" and total > side["bytes"]:
            slope = (many["rss_mb"] - side["rss"]) / (total - side["bytes"])
            at_gb = many["rss_mb"] + slope * (10**9 - total)
            self.results["memory"]["extrapolated_1GB_rss_mb"] = at_gb
            notes.append(f"Linear through ({side['bytes'] / MB:.0f} MB, {side['rss']:.0f} MB) and "
                         f"({total / MB:.0f} MB, {many['rss_mb']:.0f} MB), 1 GB of many files "
                         f"would peak at about {at_gb:,.0f} MB (extrapolated, not measured).")
        single = self.results["memory"]["claims, one file"]
        pair = (self.results.get("growth") or {}).get("claims, one file")
        if pair and "rss" in pair and pair["bytes"][1] < one_total:
            (s1, s2), (r1, r2) = pair["bytes"], pair["rss"]
            at_one = r2 + (r2 - r1) / (s2 - s1) * (one_total - s2)
            self.results["memory"]["extrapolated_one_file_rss_mb"] = at_one
            notes.append(f"Linear through the one-file growth runs ({s1 / MB:.0f} MB, {r1:.0f} MB) "
                         f"and ({s2 / MB:.0f} MB, {r2:.0f} MB), one {one_total / MB:.0f} MB file "
                         f"would peak at about {at_one:,.0f} MB (extrapolated"
                         f"{'' if single['status'] == 'ok' else '; the run above was stopped'}).")
        self.say(f"RAYON_NUM_THREADS=2, one run each, output piped and counted. The target is "
                 f"< 256 MB peak RSS on 1 GB of many files and on one 100 MB file. Load average "
                 f"before {before}, after {load()}.\n")
        self.say(table(["run", "input MB", "wall s", "MB/s", "peak RSS MB", "output MB",
                        "RSS / input"], rows) + "".join("\n\n" + n for n in notes))

    def profile_section(self):
        before = self.section("Profile")
        perf = ensure_apt("perf", "linux-perf")
        if not perf:
            self.say("perf is not available; skipped.")
            return
        folder, total, files = self.many(self.args.profile_size or "10MB")
        data = BENCH / "perf.data"
        # DWARF call graphs: the release build keeps no frame pointers, but has debug=1.
        recorded = self.run("perf record claims", [perf, "record", "-F", "499", "--call-graph",
                                                   "dwarf,16384", "-o", data, "--",
                                                   *self.cc("claims", folder)],
                            {"RAYON_NUM_THREADS": "2"}, mem_cap=False)
        if not recorded.ok():
            self.say(f"perf record failed: {recorded.status}; see target/bench/out.")
            return

        def report(*extra):
            out = subprocess.run([perf, "report", "-i", data, "--stdio", *extra],
                                 capture_output=True, text=True).stdout
            return [re.sub(r"[\s-]+$", "", line) for line in out.splitlines()
                    if line.strip() and not line.startswith("#")]

        own = report("--no-children", "-g", "none", "--sort", "symbol", "--percent-limit", "1")
        incl = report("--children", "-g", "none", "--sort", "symbol", "--percent-limit", "1")
        # Inclusive time of the engine's own functions: where each stage's time goes.
        seen, stages = set(), []
        for line in incl:
            match = re.match(r"\s*([0-9.]+)%\s+([0-9.]+)%\s+\[.\]\s+(.*)", line)
            if not match:
                continue
            name = re.sub(r" \(inlined\)$", "", match.group(3))
            wanted = (name.startswith(("crosscheck::", "strsim::", "serde_json::", "regex"))
                      and "{{closure}}" not in name)
            if wanted and name not in seen:
                seen.add(name)
                stages.append(f"{float(match.group(1)):6.2f}%  {name}")
        # Samples per thread ("pid" is the thread id); the main thread is the first started.
        threads = report("--no-children", "-g", "none", "--sort", "pid")
        shares = {}
        for line in threads:
            match = re.match(r"\s*([0-9.]+)%\s+(\d+):crosscheck", line)
            if match:
                shares[int(match.group(2))] = float(match.group(1))
        main_share = shares[min(shares)] if shares else None
        (BENCH / "profile.txt").write_text("\n".join(own) + "\n\n" + "\n".join(incl) + "\n")
        self.results["profile"] = dict(self_time=own[:30], stages=stages[:30], threads=threads,
                                       main_thread_share=main_share)
        self.say(f"`perf record -F 499 --call-graph dwarf` on `crosscheck claims` over "
                 f"`{folder.relative_to(ROOT)}` ({total:,} bytes, {files:,} files), "
                 f"RAYON_NUM_THREADS=2. Load average before {before}, after {load()}. "
                 "All of it: `target/bench/profile.txt`.\n")
        self.say("Self time, top symbols:\n\n```\n" + "\n".join(own[:20]) + "\n```\n")
        self.say("Time including callees, the engine's functions (a name listed twice in perf, "
                 "inlined and not, is shown once, with the larger share):\n\n```\n"
                 + "\n".join(stages[:25]) + "\n```\n")
        if main_share is not None:
            self.say(f"Samples on the main thread (reading the rules, grouping, writing the "
                     f"output; the rest runs on rayon's workers): {main_share:.1f}%. With "
                     f"that share serial, two threads can at best be "
                     f"{1 / (main_share / 100 + (1 - main_share / 100) / 2):.2f}x one "
                     "(Amdahl).")

    # -- all

    def build(self):
        if self.args.binary or self.args.no_build:
            return
        print("== cargo build --release", flush=True)
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)

    def main(self):
        chosen = [s for s in SECTIONS if s != "profile" or self.args.full]
        if self.args.only:
            chosen = [s for s in SECTIONS if s in self.args.only.split(",")]
        if self.args.skip:
            chosen = [s for s in chosen if s not in self.args.skip.split(",")]
        self.build()
        if not self.binary.exists():
            sys.exit(f"no binary at {self.binary}")
        commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip()
        engine = subprocess.run(["git", "log", "-1", "--format=%h", "--", "src", "rules"],
                                cwd=ROOT, capture_output=True, text=True).stdout.strip()
        mode = "full" if self.args.full else "quick"
        stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
        self.results["meta"] = dict(mode=mode, date=stamp, commit=commit, engine=engine,
                                    nproc=os.cpu_count(),
                                    binary=str(self.binary), load_start=load(),
                                    python=platform.python_version(), profile=self.profile,
                                    shared=str(self.shared) if self.shared else None,
                                    sections=chosen)
        self.md.append(f"# crosscheck benchmark ({mode}, {stamp})\n")
        self.md.append(f"Commit `{commit}` (engine: `{engine}`, the last commit to touch src/ or "
                       f"rules/), binary `{self.binary}`, {os.cpu_count()} cores, "
                       f"load average at start {load()}; sources: {len(self.documents)} gold "
                       f"documents ({'fixtures/gold and ' + str(self.shared / 'corpus') if self.shared else 'fixtures/gold only'}). "
                       "MB = 10^6 bytes.")
        started = time.perf_counter()
        for name in chosen:
            {"side": self.side, "growth": self.growth, "startup": self.startup_section,
             "pathological": self.pathological_section, "weather": self.weather_section,
             "memory": self.memory, "profile": self.profile_section}[name]()
        elapsed = time.perf_counter() - started
        self.md.append(f"\nHarness time {elapsed / 60:.1f} min; load average at end {load()}.\n")
        self.results["meta"]["elapsed_s"] = elapsed
        out = BENCH / "results"
        out.mkdir(parents=True, exist_ok=True)
        base = out / f"{datetime.datetime.now():%Y%m%d-%H%M%S}-{mode}"
        text = "\n".join(self.md) + "\n"
        base.with_suffix(".md").write_text(text)
        base.with_suffix(".json").write_text(json.dumps(self.results, indent=1, default=str))
        print("\n" + text)
        print(f"written: {base}.md and .json")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="small sizes (the default)")
    mode.add_argument("--full", action="store_true", help="the sizes of docs/performance.md")
    parser.add_argument("--only", help=f"comma-separated sections: {','.join(SECTIONS)}")
    parser.add_argument("--skip", help="comma-separated sections to leave out")
    parser.add_argument("--reps", type=int, help="repetitions of timed runs")
    parser.add_argument("--size", help="side-by-side corpus size, e.g. 64MB")
    parser.add_argument("--memory-size", help="many-files corpus of the memory run, e.g. 1GB")
    parser.add_argument("--profile-size", help="corpus of the profile run (default 10MB)")
    parser.add_argument("--mem-cap", type=float, default=8.0,
                        help="address-space cap of each crosscheck run, GB (default 8)")
    parser.add_argument("--binary", help="crosscheck binary (default: build target/release)")
    parser.add_argument("--baseline", help="an earlier crosscheck binary: side by side runs its "
                        "claims too, for the speed-up in the same run")
    parser.add_argument("--no-build", action="store_true", help="use target/release as it is")
    parser.add_argument("--no-duckling", action="store_true", help="leave Duckling out")
    parser.add_argument("--shared", help="the shared folder (corpus/, research-data/)")
    parser.add_argument("--no-shared", action="store_true", help="fixtures/gold only")
    args = parser.parse_args()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    Harness(args).main()


if __name__ == "__main__":
    main()
