#!/usr/bin/python3
"""Fails when the build or the CI scripts use something from the system that packaging/setup.sh does not install.

What the build used is read off the build trees: the *_DIR / *_LIBRARY / *_INCLUDE_DIR / FILEPATH entries
of CMakeCache.txt, every file under /usr in the compiler's dependency files, and the shared libraries the
built executables load (ldd). What the scripts run is found by scanning .ci/run, packaging/ and tests/ for
commands in command position, plus the declarations in packaging/declared-deps.txt (commands called
through a variable, plugins loaded with dlopen). Each file is mapped to its Debian package (dpkg-query -S)
and must lie in the closure of setup's packages (apt-cache depends --recurse) plus the Essential and
Priority: required set.

  packaging/check-deps.py [--packages FILE] [--extra-script FILE]... [--verbose] BUILD_DIR...
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DECLARED = os.path.join(ROOT, "packaging", "declared-deps.txt")
SYSTEM_PREFIXES = ("/usr/", "/lib/", "/lib64/", "/bin/", "/sbin/", "/etc/", "/opt/")
APT_DEPENDS = ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
               "--no-breaks", "--no-replaces", "--no-enhances"]


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


# ---------------------------------------------------------------------------------------------------------
# The packages setup installs, and everything they pull in
def setup_packages(path):
    if path:
        with open(path, encoding="utf-8") as f:
            return [w for line in f for w in line.split("#")[0].split()]
    r = run(["bash", os.path.join(ROOT, "packaging", "setup.sh"), "packages"])
    if r.returncode != 0:
        sys.exit("check-deps: 'setup.sh packages' failed: " + r.stderr.strip())
    return r.stdout.split()


def base_system():
    """The Essential and Priority: required packages every Debian has (debootstrap --variant=minbase)."""
    r = run(["dpkg-query", "-W", "-f", "${Package}\t${Essential}\t${Priority}\n"])
    return [p for p, essential, priority in (line.split("\t") for line in r.stdout.splitlines())
            if essential == "yes" or priority == "required"]


def closure(roots):
    r = run(APT_DEPENDS + sorted(set(roots)))
    if r.returncode != 0:
        sys.exit("check-deps: apt-cache depends failed: " + r.stderr.strip())
    names = set()
    for line in r.stdout.splitlines():
        if line and not line[0].isspace():
            names.add(line.strip().strip("<>").split(":")[0])
    return names


# ---------------------------------------------------------------------------------------------------------
# What the build used
def configure_inputs(build):
    """The CMake files the last configure read (the Makefile generator lists them), or None if unknown."""
    listing = os.path.join(build, "CMakeFiles", "Makefile.cmake")
    if not os.path.exists(listing):
        return None
    return set(re.findall(r'"(/[^"]+)"', open(listing, encoding="utf-8", errors="replace").read()))


def cmake_cache_entries(build, optional):
    """(what, path) for each cache entry naming a system path: packages' CMake configs, libraries, headers, tools.
    A config folder no file of which the last configure read is a stale entry (a dependency since removed)."""
    cache = os.path.join(build, "CMakeCache.txt")
    if not os.path.exists(cache):
        sys.exit("check-deps: %s is missing: build first (bash packaging/setup.sh build)" % cache)
    read = configure_inputs(build)
    read_dirs = {os.path.dirname(f) for f in read} if read is not None else None
    out = [("read by CMake at configure", f) for f in sorted(read or ()) if f.startswith(SYSTEM_PREFIXES)]
    pattern = re.compile(r"^([A-Za-z0-9_.+-]+):(PATH|FILEPATH|STRING|INTERNAL)=(/.*)$")
    for line in open(cache, encoding="utf-8", errors="replace"):
        m = pattern.match(line.rstrip("\n"))
        if not m:
            continue
        key, kind, value = m.groups()
        wanted = key.endswith(("_DIR", "_LIBRARY", "_INCLUDE_DIR")) or kind == "FILEPATH"
        if not wanted or key in optional or value.endswith("-NOTFOUND") or not value.startswith(SYSTEM_PREFIXES):
            continue
        if not os.path.exists(value):
            continue
        if os.path.isdir(value) and key.endswith("_DIR") and not key.endswith("_INCLUDE_DIR"):
            if read_dirs is not None and os.path.normpath(value) not in read_dirs:
                continue
            # A package's CMake config folder: every file in it must come from a package.
            for f in sorted(os.listdir(value)):
                full = os.path.join(value, f)
                if os.path.isfile(full):
                    out.append(("CMakeCache %s" % key, full))
        else:
            out.append(("CMakeCache %s" % key, value))
    return out


def depfile_headers(build):
    files = set()
    for depfile in glob.glob(os.path.join(build, "**", "*.d"), recursive=True):
        try:
            text = open(depfile, encoding="utf-8", errors="replace").read()
        except OSError:
            continue
        text = text.replace("\\\n", " ")
        for token in re.split(r"(?<!\\)\s+", text):
            token = token.replace("\\ ", " ").rstrip(":")
            if token.startswith("/usr/"):
                files.add(os.path.normpath(token))
    return [("compiler dependency file", f) for f in sorted(files)]


def elf_files(build):
    for dirpath, dirnames, filenames in os.walk(build):
        dirnames[:] = [d for d in dirnames if d not in ("CMakeFiles", "_CPack_Packages", "deb")]
        for name in filenames:
            path = os.path.join(dirpath, name)
            if os.path.islink(path) or not (os.access(path, os.X_OK) or ".so" in name):
                continue
            try:
                with open(path, "rb") as f:
                    if f.read(4) == b"\x7fELF":
                        yield path
            except OSError:
                continue


def loaded_libraries(build):
    libs = {}
    for exe in elf_files(build):
        r = run(["ldd", exe])
        for line in r.stdout.splitlines():
            m = re.match(r"\s*(\S+)\s+=>\s+(/\S+)", line) or re.match(r"\s*(/\S+)\s+\(", line)
            if m:
                lib = m.groups()[-1]
                if lib.startswith(SYSTEM_PREFIXES):
                    libs.setdefault(lib, os.path.relpath(exe, build))
            elif "not found" in line:
                print("check-deps: %s: %s" % (os.path.relpath(exe, build), line.strip()), file=sys.stderr)
    return [("loaded by %s" % exe, lib) for lib, exe in sorted(libs.items())]


# ---------------------------------------------------------------------------------------------------------
# What the scripts run
SHELL_WORDS = set("""if then else elif fi for while until do done case esac in function select time
  cd echo printf set unset export local readonly return exit read shift source . eval exec wait trap
  true false test [ [[ ]] ] { } ! declare typeset let command builtin type hash ulimit umask pushd popd
  getopts break continue alias jobs disown kill mapfile sudo env nice nohup timeout xargs""".split())
COMMAND_PREFIXES = {"sudo", "$SUDO", "exec", "env", "nice", "nohup", "time", "command", "builtin", "then", "do",
                    "else", "if", "elif", "while", "until", "!", "xargs"}
SEPARATORS = re.compile(r"\|\||&&|\$\(|[|;&`(){}]")
WORD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]*$")


def shell_commands(text):
    """Names in command position in a shell script (also inside quoted `sh -c "..."` snippets)."""
    functions = set(re.findall(r"^\s*(?:function\s+)?([A-Za-z_][A-Za-z0-9_-]*)\s*\(\)", text, re.M))
    found = set()
    heredoc_end = None
    for raw in text.splitlines():
        line = raw.strip()
        if heredoc_end is not None:  # config files written by the script, not commands
            heredoc_end = None if line == heredoc_end else heredoc_end
            continue
        if line.startswith("#"):
            continue
        heredoc = re.search(r"<<-?\s*[\"']?([A-Za-z_]+)[\"']?", line)
        if heredoc:
            heredoc_end = heredoc.group(1)
        line = re.sub(r"\s#.*$", "", line)
        line = re.sub(r"\$\{[^}]*\}", "$V", line)
        line = re.sub(r"\b(sh|bash)\s+(-[a-z]+\s+)*-c\s+[\"']", ";", line)
        for segment in SEPARATORS.split(line):
            words = segment.replace('"', " ").replace("'", " ").split()
            while words and (words[0] in COMMAND_PREFIXES or re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0])
                             or words[0].startswith("-") or (words[0].isdigit())):
                if words[0] == "timeout" and len(words) > 1:
                    words.pop(0)
                words.pop(0)
            if not words:
                continue
            name = words[0]
            if name.startswith("/"):
                if os.path.isfile(name) and os.access(name, os.X_OK):
                    found.add(name)
            elif WORD.match(name) and name not in SHELL_WORDS and name not in functions:
                found.add(name)
    return found


def python_commands(text):
    names = set(re.findall(r"(?:^|[=(,:\s])\[\s*[\"']([A-Za-z0-9/][A-Za-z0-9_.+/-]*)[\"']\s*,", text, re.M))
    names |= set(re.findall(r"which\(\s*[\"']([A-Za-z0-9][A-Za-z0-9_.+-]*)[\"']", text))
    return names


def cpp_commands(text):
    return set(re.findall(r"(?:start|execute|setProgram)\(\s*(?:QStringLiteral\()?\"([A-Za-z0-9/][A-Za-z0-9_.+/-]*)\"", text))


def script_files(extra):
    files = [os.path.join(ROOT, ".ci", "run")]
    files += glob.glob(os.path.join(ROOT, "packaging", "*.sh"))
    for ext in ("sh", "py", "cpp"):
        files += glob.glob(os.path.join(ROOT, "tests", "**", "*." + ext), recursive=True)
    return sorted(set(files)) + list(extra)


def scanned_commands(extra):
    """{command name or absolute path: first script that runs it}"""
    commands = {}
    for path in script_files(extra):
        text = open(path, encoding="utf-8", errors="replace").read()
        if path.endswith(".py"):
            names = python_commands(text)
        elif path.endswith(".cpp"):
            names = cpp_commands(text)
        else:
            names = shell_commands(text)
        for name in names:
            commands.setdefault(name, os.path.relpath(path, ROOT))
    return commands


def read_declared():
    declared = {"command": [], "file": [], "ignore": set(), "optional-cache": set()}
    multiarch = run(["dpkg-architecture", "-qDEB_HOST_MULTIARCH"]).stdout.strip() or "x86_64-linux-gnu"
    for line in open(DECLARED, encoding="utf-8"):
        line = line.split("#")[0].strip()
        if not line:
            continue
        kind, value = line.split(None, 1)
        value = value.replace("{multiarch}", multiarch)
        if kind in ("ignore", "optional-cache"):
            declared[kind].add(value)
        elif kind in declared:
            declared[kind].append(value)
        else:
            sys.exit("check-deps: %s: unknown kind '%s'" % (DECLARED, kind))
    return declared


# ---------------------------------------------------------------------------------------------------------
# Files to packages
def dpkg_owners(paths):
    """{path: set(packages)} for the paths dpkg knows (dpkg-query -S in batches)."""
    owners = {}
    paths = sorted(set(paths))
    for i in range(0, len(paths), 400):
        r = run(["dpkg-query", "-S"] + paths[i:i + 400])
        for line in r.stdout.splitlines():
            if line.startswith("diversion by"):
                continue
            pkgs, _, path = line.partition(": ")
            if path in owners or path in paths[i:i + 400]:
                owners.setdefault(path, set()).update(p.strip().split(":")[0] for p in pkgs.split(","))
    return owners


def candidates(path):
    """The names dpkg may know a file by: as given, across the merged /usr, and with symlinks resolved."""
    names = [path]
    if path.startswith(("/lib/", "/lib64/", "/bin/", "/sbin/")):
        names.append("/usr" + path)
    elif path.startswith(("/usr/lib/", "/usr/lib64/", "/usr/bin/", "/usr/sbin/")):
        names.append(path[4:])
    real = os.path.realpath(path)
    if real != path:
        names += candidates(real) if real not in names else []
    return list(dict.fromkeys(names))


def resolve_command(name):
    if name.startswith("/"):
        return name if os.path.exists(name) else None
    found = shutil.which(name)
    if found and not found.startswith(SYSTEM_PREFIXES):
        # e.g. a pyenv or nvm shim: a fresh machine runs the system's command of that name
        for d in ("/usr/bin", "/usr/sbin", "/bin", "/sbin"):
            if os.access(os.path.join(d, name), os.X_OK):
                return os.path.join(d, name)
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--packages", help="a file with the package list to check against (default: setup.sh packages)")
    ap.add_argument("--extra-script", action="append", default=[], help="scan this script too")
    ap.add_argument("--verbose", action="store_true", help="also list the scanned names that are not commands here")
    ap.add_argument("builds", nargs="+", help="build trees to read")
    args = ap.parse_args()

    packages = setup_packages(args.packages)
    allowed = closure(packages + base_system())
    declared = read_declared()

    used = []  # (why, path)
    for build in args.builds:
        build = os.path.abspath(build)
        used += cmake_cache_entries(build, declared["optional-cache"]) + depfile_headers(build) + loaded_libraries(build)
    problems = []
    for f in declared["file"]:
        matches = glob.glob(f)
        if not matches:
            problems.append("declared file %s is missing: which package of setup.sh provides it?" % f)
        used += [("declared in packaging/declared-deps.txt", m) for m in matches]

    commands = scanned_commands(args.extra_script)
    for name in declared["command"]:
        commands.setdefault(name, "packaging/declared-deps.txt")
    unresolved = []
    for name, script in sorted(commands.items()):
        if name in declared["ignore"]:
            continue
        path = resolve_command(name)
        if path:
            used.append(("command '%s' run by %s" % (name, script), path))
        elif script == "packaging/declared-deps.txt":
            problems.append("declared command '%s' is not installed: add its package to setup.sh" % name)
        else:
            unresolved.append(name)

    owners = dpkg_owners(c for _, p in used for c in candidates(p))
    missing = {}  # package -> [(why, path)]
    checked = set()
    for why, path in used:
        pkgs = set()
        for c in candidates(path):
            pkgs |= owners.get(c, set())
        checked.add(path)
        if not pkgs:
            problems.append("%s: %s belongs to no Debian package (installed by hand?)" % (why, path))
        elif not pkgs & allowed:
            for p in sorted(pkgs):
                missing.setdefault(p, []).append((why, path))

    for pkg, uses in sorted(missing.items()):
        path = uses[0][1]
        more = " and %d more file(s)" % (len(uses) - 1) if len(uses) > 1 else ""
        whys = list(dict.fromkeys(why for why, _ in uses))
        whys = "; ".join(whys[:5]) + ("; ..." if len(whys) > 5 else "")
        problems.append("package %s is used but setup.sh does not install it: %s%s (%s)" % (pkg, path, more, whys))
    if unresolved and args.verbose:
        print("check-deps: names in command position that are not commands here (ignored): "
              + " ".join(unresolved), file=sys.stderr)
    if problems:
        for p in problems:
            print("check-deps: " + p, file=sys.stderr)
        print("check-deps: FAILED: %d problem(s); %d file(s) checked against %d packages (setup: %d)"
              % (len(problems), len(checked), len(allowed), len(set(packages))), file=sys.stderr)
        return 1
    print("check-deps: %d file(s) and %d command(s) from %d packages, all installed by setup.sh (closure of %d packages)"
          % (len(checked), len(commands), len({p for path in checked for c in candidates(path) for p in owners.get(c, ())}),
             len(allowed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
