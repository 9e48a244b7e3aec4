#!/usr/bin/env python3
"""Runs clang-tidy-14 over the translation units of core/, ui/ and app/ that match a regex, remembering the
units it found clean. A unit is skipped when clang-tidy already found it clean with the same preprocessed
source (every header it includes), the same flags, the same .clang-tidy and the same clang-tidy: the
result cannot differ, as ccache reasons for the compiler. Checkout paths are replaced before hashing, so
two clones of one commit share the memory. Findings are never remembered: a unit with a finding runs
again every time.

usage: tidy_units.py BUILD_DIR ROOT FILE_REGEX JOBS LOG
Exit status 0 when every unit is clean; prints a summary line either way."""
import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys

TIDY = "clang-tidy-14"
FINDING = re.compile(r"^/.*: (warning|error): ", re.M)
GENERATED = re.compile(r"^\d+ warnings? generated\.$")


def cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "slipway-tidy")


def preprocess_command(entry):
    """The unit's compile command, printing the preprocessed source without line markers instead of compiling."""
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out, skip = [], False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg == "-o":
            skip = True
            continue
        if arg == "-c":
            continue
        out.append(arg)
    return out + ["-E", "-P"]


def unit_key(entry, root, salt):
    source = subprocess.run(preprocess_command(entry), cwd=entry["directory"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, check=False)
    if source.returncode != 0:
        return None  # clang-tidy reports why
    digest = hashlib.sha256(salt)
    flags = " ".join(preprocess_command(entry)).replace(root, "@ROOT@")
    digest.update(flags.encode())
    digest.update(entry["file"].replace(root, "@ROOT@").encode())
    digest.update(source.stdout.replace(root.encode(), b"@ROOT@"))
    return digest.hexdigest()


def check(entry, build, root, salt):
    key = unit_key(entry, root, salt)
    marker = os.path.join(cache_dir(), key) if key else None
    if marker and os.path.exists(marker):
        return entry["file"], True, ""
    proc = subprocess.run([TIDY, "-p", build, "-quiet", entry["file"]], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, check=False)
    clean = proc.returncode == 0 and not FINDING.search(proc.stdout)
    if clean and marker:
        os.makedirs(cache_dir(), exist_ok=True)
        with open(marker, "w", encoding="utf-8") as f:
            f.write(entry["file"] + "\n")
    report = "".join(line for line in proc.stdout.splitlines(True) if not GENERATED.match(line))
    return entry["file"], False, "" if clean else report


def main():
    build, root, regex, jobs, log = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    with open(os.path.join(build, "compile_commands.json"), encoding="utf-8") as f:
        entries = [e for e in json.load(f) if re.search(regex, e["file"])]
    with open(os.path.join(root, ".clang-tidy"), "rb") as f:
        config = f.read()
    version = subprocess.run([TIDY, "--version"], stdout=subprocess.PIPE, check=True).stdout
    salt = version + b"\0" + config + b"\0"
    findings, remembered = [], 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for file, cached, output in pool.map(lambda e: check(e, build, root, salt), entries):
            remembered += cached
            if output:
                findings.append((file, output))
    with open(log, "w", encoding="utf-8") as f:
        for file, output in findings:
            f.write(f"{TIDY} {file}\n{output}\n")
    if not entries:
        print(f"tidy: no translation unit matched; is {build} configured for this tree?", file=sys.stderr)
        return 1
    if findings:
        for _, output in findings:
            sys.stdout.write(output)
        count = sum(len(FINDING.findall(output)) or 1 for _, output in findings)
        print(f"tidy: {count} finding(s) in {len(findings)} of {len(entries)} translation units (log: {log})",
              file=sys.stderr)
        return 1
    print(f"tidy: {len(entries)} translation units, no finding ({remembered} unchanged since found clean)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
