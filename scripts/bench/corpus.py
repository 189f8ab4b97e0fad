#!/usr/bin/env python3
"""Builds the replicated benchmark corpus from the gold folders.

Sources, read at build time and never copied into the repository: the `.txt` documents of
`fixtures/gold/*/` (always) and of `<shared>/corpus/*/` when that folder exists (`<shared>` is
`--shared`, `$CROSSCHECK_SHARED`, or the `shared/` folder beside the main checkout).

What it writes (under `target/bench/corpus/` unless `--out` says otherwise):

- `many-<size>/`: copies of the documents, front matter kept, under distinct names
  (`c00042-<folder>-<stem>.txt`, 1,000 files a folder) until the next copy would pass `<size>`;
- `bodies-<size>/` and `one-<size>.txt`: the same bytes twice, once as many files and once as one
  file. The bodies of the documents (front matter removed) are joined by a blank line in the single
  file; `bodies-<size>/` holds exactly those pieces, one a file, so the two differ only by the
  separators.

Sizes are decimal (1 MB = 1,000,000 bytes). A folder already built from the same sources and size
is reused (see its `.manifest.json`).

    python3 scripts/bench/corpus.py many 32MB 64MB
    python3 scripts/bench/corpus.py one 10MB 20MB
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "target" / "bench" / "corpus"
FILES_PER_DIR = 1000


def parse_size(text):
    """'32MB', '1GB', '500KB' or a number of bytes; decimal units."""
    match = re.fullmatch(r"\s*([0-9.]+)\s*([kmg]?)b?\s*", text.lower())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r}")
    scale = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[match.group(2)]
    return int(float(match.group(1)) * scale)


def size_name(size):
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale and size % scale == 0:
            return f"{size // scale}{unit}"
    return f"{size}B"


def find_shared(explicit=None):
    """The shared folder: explicit, $CROSSCHECK_SHARED, ../shared, or beside the main checkout
    (a git worktree's common directory tells where the main checkout is)."""
    candidates = []
    if explicit:
        candidates.append(Path(explicit))
    if os.environ.get("CROSSCHECK_SHARED"):
        candidates.append(Path(os.environ["CROSSCHECK_SHARED"]))
    candidates.append(ROOT.parent / "shared")
    try:
        common = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
                                cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        candidates.append(Path(common).parent.parent / "shared")
    except (OSError, subprocess.CalledProcessError):
        pass
    for candidate in candidates:
        if (candidate / "corpus").is_dir():
            return candidate.resolve()
    return None


def source_documents(shared=None):
    """[(label, bytes)] for every gold document, in a stable order."""
    folders = sorted(p for p in (ROOT / "fixtures" / "gold").iterdir() if p.is_dir())
    if shared is not None:
        folders += sorted(p for p in (shared / "corpus").iterdir() if p.is_dir())
    documents = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            documents.append((f"{folder.name}-{path.stem}", path.read_bytes()))
    if not documents:
        sys.exit("no gold documents found")
    return documents


def declared_language(data):
    """The `lang` a document's front matter declares, or None."""
    text = data.decode("utf-8", "replace")
    if not text.startswith("+++\n"):
        return None
    end = text.find("\n+++", 4)
    match = re.search(r'^lang\s*=\s*"([^"]+)"', text[4:end if end >= 0 else 4], re.M)
    return match.group(1) if match else None


def build_one_per_language(folder, documents):
    """Writes into `folder` (emptied first) the first document of each language the documents
    declare: a run on it loads the rules of every language a replicated corpus uses, and reads
    a few dozen claims. Returns the languages, in order."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    seen = []
    for label, data in documents:
        language = declared_language(data)
        if language is None or language in seen:
            continue
        seen.append(language)
        (folder / f"{label}.txt").write_bytes(data)
    return seen


def strip_front_matter(data):
    """The body of a document: what follows a `+++` front matter block, if any."""
    text = data.decode("utf-8")
    if text.startswith("+++\n"):
        end = text.find("\n+++", 4)
        if end >= 0:
            text = text[end + 4:].lstrip("\r\n")
    return text.strip("\n").encode("utf-8")


def digest(documents, *extra):
    hasher = hashlib.sha256()
    for label, data in documents:
        hasher.update(label.encode())
        hasher.update(hashlib.sha256(data).digest())
    for item in extra:
        hasher.update(str(item).encode())
    return hasher.hexdigest()[:16]


def _fresh(path, manifest):
    """True when `path` was built with this manifest; otherwise clears it."""
    stamp = (path.parent / f".{path.name}.manifest.json")
    if stamp.exists() and path.exists():
        # The stamp also holds what the build found (bytes, files); what it
        # was built from is the manifest's keys.
        try:
            stamped = json.loads(stamp.read_text())
            if {key: stamped.get(key) for key in manifest} == manifest:
                return True
        except (ValueError, AttributeError):
            pass
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    stamp.unlink(missing_ok=True)
    return False


def _stamp(path, manifest):
    (path.parent / f".{path.name}.manifest.json").write_text(json.dumps(manifest))


def _copies(documents, size, body_only):
    """(name, bytes) copies of the documents, in order, until the next would pass `size`."""
    total = 0
    copy = 0
    pieces = [(label, strip_front_matter(data) if body_only else data) for label, data in documents]
    while True:
        for label, data in pieces:
            if total + len(data) > size:
                return
            total += len(data)
            yield f"c{copy:05d}-{label}", data
        copy += 1


def _write_many(folder, copies):
    total = files = 0
    for index, (name, data) in enumerate(copies):
        sub = folder / f"d{index // FILES_PER_DIR:04d}"
        if index % FILES_PER_DIR == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{name}.txt").write_bytes(data)
        total += len(data)
        files += 1
    return total, files


def build_many(size, documents, out=DEFAULT_OUT):
    """Many files with front matter; returns (folder, bytes, files)."""
    folder = out / f"many-{size_name(size)}"
    manifest = {"kind": "many", "size": size, "sources": digest(documents)}
    if not _fresh(folder, manifest):
        folder.mkdir(parents=True)
        manifest["bytes"], manifest["files"] = _write_many(folder, _copies(documents, size, False))
        _stamp(folder, manifest)
    manifest = json.loads((out / f".{folder.name}.manifest.json").read_text())
    return folder, manifest["bytes"], manifest["files"]


def build_one(size, documents, out=DEFAULT_OUT, with_many=True):
    """One file of document bodies and, with `with_many`, the same pieces as many files.
    Returns (file, bytes, folder or None, folder bytes, files)."""
    separator = b"\n\n"
    file = out / f"one-{size_name(size)}.txt"
    manifest = {"kind": "one", "size": size, "sources": digest(documents)}
    if not _fresh(file, manifest):
        out.mkdir(parents=True, exist_ok=True)
        total = 0
        with open(file, "wb") as handle:
            for index, (_name, data) in enumerate(_copies(documents, size, True)):
                if index:
                    handle.write(separator)
                handle.write(data)
                total += len(data) + (len(separator) if index else 0)
        manifest["bytes"] = total
        _stamp(file, manifest)
    one_bytes = file.stat().st_size
    if not with_many:
        return file, one_bytes, None, 0, 0
    folder = out / f"bodies-{size_name(size)}"
    manifest = {"kind": "bodies", "size": size, "sources": digest(documents)}
    if not _fresh(folder, manifest):
        folder.mkdir(parents=True)
        manifest["bytes"], manifest["files"] = _write_many(folder, _copies(documents, size, True))
        _stamp(folder, manifest)
    manifest = json.loads((out / f".{folder.name}.manifest.json").read_text())
    return file, one_bytes, folder, manifest["bytes"], manifest["files"]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["many", "one"])
    parser.add_argument("sizes", nargs="+", type=parse_size)
    parser.add_argument("--shared", help="the shared folder (with corpus/); default: found")
    parser.add_argument("--no-shared", action="store_true", help="use fixtures/gold only")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    shared = None if args.no_shared else find_shared(args.shared)
    documents = source_documents(shared)
    base = sum(len(d) for _, d in documents)
    print(f"{len(documents)} source documents, {base:,} bytes"
          f" ({'with' if shared else 'without'} the shared corpus)")
    for size in args.sizes:
        if args.kind == "many":
            folder, total, files = build_many(size, documents, args.out)
            print(f"{folder}: {files:,} files, {total:,} bytes")
        else:
            file, total, folder, many_bytes, files = build_one(size, documents, args.out)
            print(f"{file}: {total:,} bytes; {folder}: {files:,} files, {many_bytes:,} bytes")


if __name__ == "__main__":
    main()
