"""Scenario tests for `slipway bundle preflight` and `slipway bundle zip`: real trees, real archives
(tar, tar.gz, tar.xz, tar.zst, zip, 7z made by the usual tools), real readers (a strict streaming
header parser, unzip -t, Python zipfile), the real Capgo CLI for decryption, a real tmpfs for a full disk."""
import hashlib
import io
import json
import os
import random
import shutil
import struct
import subprocess
import tarfile
import tempfile
import time
import unittest
import warnings
import zipfile
import zlib

import zipcheck
from slipway_env import SLIPWAY, TEST_DATA, CapgoCli, run_slipway

VECTORS = os.path.join(TEST_DATA, "vectors", "capgo-cli-8.68.1")
PRIVATE_KEY = os.path.join(VECTORS, "capgo_key_v2.pem")
PUBLIC_KEY = os.path.join(VECTORS, "capgo_key_v2.pub.pem")
MiB = 1024 * 1024


def write(path, data=b""):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def text(rng, n):
    """JavaScript-like text that compresses about as well as a real web build (35%)."""
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 10))) for _ in range(3000)]
    out = []
    size = 0
    while size < n:
        line = ("export const " + rng.choice(words) + " = function(" + ",".join(rng.choices(words, k=3)) + ") { return "
                + " + ".join(rng.choices(words, k=6)) + "; };\n")
        out.append(line)
        size += len(line)
    return "".join(out)[:n].encode()


def make_tree(root):
    """A build with the awkward cases: Unicode and spaces, empty folders, 0-byte files, deep nesting,
    dotfiles, media that must be stored, and files large enough for the chunked paths."""
    rng = random.Random(7)
    write(f"{root}/index.html", "<!doctype html><script src='main.js'></script>\n")
    write(f"{root}/main.js", "import { CapacitorUpdater } from '@capgo/capacitor-updater';\nCapacitorUpdater.notifyAppReady();\n")
    write(f"{root}/assets/app.css", text(rng, 50_000))
    write(f"{root}/assets/büro café/naïve 文字.js", text(rng, 3000))
    write(f"{root}/assets/with space.txt", "space\n")
    write(f"{root}/empty.txt", b"")
    write(f"{root}/.well-known/assetlinks.json", "[]\n")
    write(f"{root}/.env.production", "A=1\n")
    write(f"{root}/img/logo.png", rng.randbytes(40_000))
    write(f"{root}/img/photo.jpg", rng.randbytes(10_000))
    write(f"{root}/media/big.png", rng.randbytes(6 * MiB + 123))        # stored, larger than one job
    write(f"{root}/data/big.js", text(rng, 9 * MiB + 7))                # deflated in chunks
    write(f"{root}/data/noise.bin", rng.randbytes(5 * MiB + 1))          # chunks whose output spills to disk
    deep = root + "".join(f"/d{i}" for i in range(40))
    write(f"{deep}/leaf.js", "leaf\n")
    os.makedirs(f"{root}/empty dir/inner empty", exist_ok=True)


def tree_contents(root):
    """What a bundle of this folder must hold: {name: bytes} with folder entries as name/ -> b''."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        for d in dirnames:
            out[(d if rel == "." else f"{rel}/{d}") + "/"] = b""
        for fn in filenames:
            name = fn if rel == "." else f"{rel}/{fn}"
            with open(os.path.join(dirpath, fn), "rb") as f:
                out[name] = f.read()
    return out


def zip_bundle(*args, check=True, env=None):
    proc = run_slipway("bundle", "zip", *args, "--json", env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"bundle zip failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(MiB), b""):
            h.update(block)
    return h.hexdigest()


def peak_rss_kib(cmd):
    """Runs a command under /usr/bin/time and returns (returncode, stdout, stderr, peak RSS in KiB).
    Measured by a small parent: a child forked from this Python process would inherit its high-water
    mark across exec and report Python's memory, not slipway's."""
    with tempfile.NamedTemporaryFile("r") as report:
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name, *cmd], capture_output=True, stdin=subprocess.DEVNULL)
        rss = int(report.read().strip().splitlines()[-1])
    return proc.returncode, proc.stdout, proc.stderr.decode(errors="replace"), rss


class Workdir(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="slipway-bundle-")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def assertNoOutput(self, folder, allowed=()):
        left = sorted(set(os.listdir(folder)) - set(allowed))
        self.assertEqual(left, [], f"partial output left in {folder}")


class TestLayout(Workdir):
    def test_tree_roundtrip_in_three_readers(self):
        build = self.path("build")
        make_tree(build)
        out = self.path("bundle.zip")
        result = json.loads(zip_bundle("--path", build, "--out", out, "--bundle", "1.2.3").stdout)
        expected = tree_contents(build)
        got = zipcheck.check_all(out)
        self.assertEqual(sorted(got), sorted(expected))
        for name, data in expected.items():
            self.assertEqual(got[name], data, name)
        # Capgo's layout: relative names, sorted, folders as entries, no top folder.
        names = list(got)
        self.assertEqual(names, sorted(names, key=lambda n: n.encode()))
        self.assertIn("index.html", names)
        self.assertIn("empty dir/inner empty/", names)
        self.assertIn("assets/büro café/naïve 文字.js", names)
        self.assertEqual(result["bundle"], "1.2.3")
        self.assertEqual(result["checksum"], sha256(out))
        self.assertEqual(result["files"], sum(1 for n in expected if not n.endswith("/")))
        self.assertEqual(result["bytes"], sum(len(d) for d in expected.values()))
        self.assertEqual(result["filename"], out)

    def test_media_stored_text_deflated_and_modes(self):
        build = self.path("build")
        make_tree(build)
        out = self.path("bundle.zip")
        zip_bundle("--path", build, "--out", out)
        m = zipcheck.methods(out)
        for name in ("img/logo.png", "img/photo.jpg", "media/big.png", "empty.txt"):
            self.assertEqual(m[name], zipfile.ZIP_STORED, name)
        for name in ("main.js", "assets/app.css", "data/big.js"):
            self.assertEqual(m[name], zipfile.ZIP_DEFLATED, name)
        with zipfile.ZipFile(out) as z:
            for info in z.infolist():
                self.assertEqual(info.date_time, (1980, 1, 1, 0, 0, 0))
                self.assertEqual(info.create_system, 3)
                self.assertEqual(info.external_attr >> 16, 0o40755 if info.filename.endswith("/") else 0o100644)
                self.assertTrue(info.flag_bits & 0x800)

    def test_same_input_gives_same_bytes(self):
        build = self.path("build")
        make_tree(build)
        a, b = self.path("a.zip"), self.path("b.zip")
        zip_bundle("--path", build, "--out", a)
        os.utime(os.path.join(build, "main.js"), (1, 1))  # timestamps must not matter
        zip_bundle("--path", build, "--out", b)
        self.assertEqual(sha256(a), sha256(b))

    def test_size_close_to_infozip(self):
        build = self.path("build")
        make_tree(build)
        ours, theirs = self.path("ours.zip"), self.path("infozip.zip")
        zip_bundle("--path", build, "--out", ours)
        subprocess.run(["zip", "-qr", "-6", theirs, "."], cwd=build, check=True)
        self.assertLessEqual(os.path.getsize(ours), os.path.getsize(theirs) * 1.02)

    def test_symlink_inside_build_ships_its_content(self):
        build = self.path("build")
        make_tree(build)
        os.symlink("main.js", os.path.join(build, "alias.js"))
        out = self.path("bundle.zip")
        zip_bundle("--path", build, "--out", out)
        got = zipcheck.check_all(out)
        self.assertEqual(got["alias.js"], got["main.js"])

    def test_junk_reported_and_excluded_on_request(self):
        build = self.path("build")
        make_tree(build)
        write(f"{build}/.git/config", "[core]\n")
        write(f"{build}/.DS_Store", b"\0\0")
        write(f"{build}/main.js.map", "{}")
        pre = run_slipway("bundle", "preflight", "--path", build, "--json")
        self.assertEqual(pre.returncode, 0, pre.stderr)
        checks = {c["id"]: c for c in json.loads(pre.stdout)["checks"]}
        self.assertFalse(checks["junk-files"]["passed"])
        self.assertEqual(checks["junk-files"]["severity"], "warning")
        self.assertEqual(sorted(checks["junk-files"]["items"]), [".DS_Store", ".git/", "main.js.map"])
        kept, dropped = self.path("kept.zip"), self.path("dropped.zip")
        result = json.loads(zip_bundle("--path", build, "--out", kept).stdout)
        self.assertTrue(result["warnings"])
        self.assertIn(".git/config", zipcheck.check_all(kept, keep_data=False))
        zip_bundle("--path", build, "--out", dropped, "--exclude-junk")
        names = zipcheck.check_all(dropped, keep_data=False)
        self.assertFalse([n for n in names if n.startswith(".git") or n.endswith(".map") or n == ".DS_Store"])
        self.assertIn(".well-known/assetlinks.json", names)

    def test_preflight_report(self):
        build = self.path("build")
        make_tree(build)
        proc = run_slipway("bundle", "preflight", "--path", build, "--bundle", "2.0.0-beta.1", "--app-id", "com.example.app", "--json")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        report = json.loads(proc.stdout)
        self.assertTrue(report["ready"])
        ids = [c["id"] for c in report["checks"]]
        for needed in ("index-html", "notify-app-ready", "version", "app-id", "path-safety", "symlinks", "readable",
                       "junk-files", "size-summary"):
            self.assertIn(needed, ids)
        summary = next(c for c in report["checks"] if c["id"] == "size-summary")
        self.assertTrue(summary["items"][0].startswith("data/big.js"))
        human = run_slipway("bundle", "preflight", "--path", build)
        self.assertEqual(human.returncode, 0)
        self.assertIn("Ready to bundle", human.stdout)


def make_archives(src_parent, top, out_dir):
    """The same build as every supported archive kind, made by the usual tools."""
    paths = {}
    paths["tar"] = os.path.join(out_dir, "b.tar")
    subprocess.run(["tar", "-cf", paths["tar"], "-C", src_parent, top], check=True)
    paths["tar.gz"] = os.path.join(out_dir, "b.tar.gz")
    subprocess.run(["tar", "-czf", paths["tar.gz"], "-C", src_parent, top], check=True)
    paths["tar.xz"] = os.path.join(out_dir, "b.tar.xz")
    subprocess.run(["tar", "-cJf", paths["tar.xz"], "-C", src_parent, top], check=True)
    paths["tar.zst"] = os.path.join(out_dir, "b.tar.zst")
    subprocess.run(["tar", "--zstd", "-cf", paths["tar.zst"], "-C", src_parent, top], check=True)
    paths["zip"] = os.path.join(out_dir, "b.zip")
    subprocess.run(["zip", "-qr", "-y", paths["zip"], top], cwd=src_parent, check=True)
    paths["7z"] = os.path.join(out_dir, "b.7z")
    subprocess.run(["7z", "a", "-bd", "-bso0", "-mx=1", paths["7z"], top], cwd=src_parent, check=True)
    return paths


class TestArchives(Workdir):
    def test_every_archive_format_gives_the_folder_bundle(self):
        parent = self.path("src")
        build = os.path.join(parent, "dist")
        make_tree(build)
        os.remove(os.path.join(build, "data", "noise.bin"))  # keep the archives quick to make
        archives = make_archives(parent, "dist", self.dir)
        ref = self.path("folder.zip")
        ref_json = json.loads(zip_bundle("--path", build, "--out", ref).stdout)
        ref_entries = zipcheck.check_all(ref)
        for kind, archive in archives.items():
            with self.subTest(kind=kind):
                out = self.path(f"from-{kind}.zip")
                result = json.loads(zip_bundle("--path", archive, "--out", out).stdout)
                self.assertEqual(zipcheck.check_all(out), ref_entries)
                # Same entries, same order, same compression: the very same bytes.
                self.assertEqual(result["checksum"], ref_json["checksum"])
                self.assertEqual(result["files"], ref_json["files"])

    def test_archive_without_top_folder(self):
        build = self.path("flat")
        make_tree(build)
        archive = self.path("flat.tar.gz")
        subprocess.run(["tar", "-czf", archive, "-C", build, "."], check=True)
        out = self.path("flat.zip")
        zip_bundle("--path", archive, "--out", out)
        self.assertIn("index.html", zipcheck.check_all(out, keep_data=False))


class Refusals(Workdir):
    """Bad input: `bundle zip` must refuse it with a clear message and write nothing, and `bundle preflight
    --json` must show the blocking check that caught it, naming the offending paths."""

    def setUp(self):
        super().setUp()
        self.out_dir = self.path("out")
        os.makedirs(self.out_dir)
        self.out = os.path.join(self.out_dir, "bundle.zip")

    def small_build(self, name="build"):
        build = self.path(name)
        write(f"{build}/index.html", "<html></html>\n")
        write(f"{build}/app.js", "CapacitorUpdater.notifyAppReady()\n")
        return build

    def assertRefused(self, source, *needles, extra=(), check_id=None, items=()):
        proc = run_slipway("bundle", "zip", "--path", source, "--out", self.out, "--key", PRIVATE_KEY, *extra)
        self.assertNotEqual(proc.returncode, 0, proc.stdout)
        self.assertEqual(proc.stdout.strip(), "")
        for needle in needles:
            self.assertIn(needle, proc.stderr)
        self.assertNoOutput(self.out_dir)
        if check_id:
            pre = run_slipway("bundle", "preflight", "--path", source, "--json", *extra)
            self.assertEqual(pre.returncode, 1, pre.stderr)
            checks = {c["id"]: c for c in json.loads(pre.stdout)["checks"]}
            self.assertFalse(checks[check_id]["passed"], checks[check_id])
            self.assertEqual(checks[check_id]["severity"], "blocking")
            for item in items:
                self.assertTrue(any(i.startswith(item) for i in checks[check_id]["items"]), (item, checks[check_id]))
        return proc


class TestBadInput(Refusals):

    def test_missing_index_html(self):
        build = self.small_build()
        os.remove(os.path.join(build, "index.html"))
        self.assertRefused(build, "no index.html at the root", check_id="index-html")

    def test_no_notify_app_ready(self):
        build = self.small_build()
        write(f"{build}/app.js", "console.log('hi')\n")
        self.assertRefused(build, "notifyAppReady", check_id="notify-app-ready")
        zip_bundle("--path", build, "--out", self.out, "--no-code-check")
        zipcheck.check_all(self.out)

    def test_notify_app_ready_found_across_a_read_boundary(self):
        # The check reads large files 1 MiB at a time: a call split between two reads is still found, and a file
        # that only holds its two halves far apart is not taken for one.
        build = self.small_build()
        os.remove(os.path.join(build, "app.js"))
        marker = "notifyAppReady"
        for cut in range(1, len(marker)):
            with self.subTest(cut=cut):
                head = "x" * ((1 << 20) - cut)
                write(f"{build}/vendor.js", head + marker + "();\n" + "y" * (1 << 20))
                pre = run_slipway("bundle", "preflight", "--path", build, "--json")
                checks = {c["id"]: c for c in json.loads(pre.stdout)["checks"]}
                self.assertTrue(checks["notify-app-ready"]["passed"], checks["notify-app-ready"])
        write(f"{build}/vendor.js", "x" * ((1 << 20) - 6) + "notify" + "z" * (1 << 20) + "AppReady();\n")
        self.assertRefused(build, "notifyAppReady", check_id="notify-app-ready")

    def test_bad_version_and_app_id(self):
        build = self.small_build()
        self.assertRefused(build, "not a semantic version", extra=("--bundle", "1.0"), check_id="version")
        self.assertRefused(build, "reverse-domain", extra=("--app-id", "myapp"), check_id="app-id")

    def test_symlink_escaping_the_build(self):
        build = self.small_build()
        os.symlink("/etc/passwd", os.path.join(build, "passwd.txt"))
        os.symlink("../../", os.path.join(build, "up"))
        self.assertRefused(build, "passwd.txt -> /etc/passwd", check_id="symlinks")

    def test_fifo_is_not_a_file(self):
        build = self.small_build()
        os.mkfifo(os.path.join(build, "pipe.js"))
        self.assertRefused(build, "pipe.js", "not a regular file", check_id="readable")

    def test_unreadable_file_as_nobody(self):
        """Root reads a 0000 file anyway, so this runs slipway as `nobody` (setpriv)."""
        build = self.small_build()
        secret = os.path.join(build, "secret.js")
        write(secret, "x")
        os.chmod(secret, 0)
        for p in (self.dir, build, self.out_dir):
            os.chmod(p, 0o777)
        cmd = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", SLIPWAY]
        pre = subprocess.run(cmd + ["bundle", "preflight", "--path", build, "--json"], capture_output=True, text=True)
        self.assertEqual(pre.returncode, 1, pre.stderr)
        readable = next(c for c in json.loads(pre.stdout)["checks"] if c["id"] == "readable")
        self.assertFalse(readable["passed"])
        self.assertIn("secret.js (permission denied)", readable["items"])
        z = subprocess.run(cmd + ["bundle", "zip", "--path", build, "--out", self.out], capture_output=True, text=True)
        self.assertNotEqual(z.returncode, 0)
        self.assertIn("secret.js", z.stderr)
        self.assertNoOutput(self.out_dir)

    def test_archive_entry_climbing_out(self):
        archive = self.path("evil.tar.gz")
        with tarfile.open(archive, "w:gz") as t:
            for name, data in (("index.html", b"<html>"), ("app.js", b"notifyAppReady()"), ("../../etc/passwd", b"root:x:0:0")):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
        self.assertRefused(archive, "../../etc/passwd", "climbs out", check_id="path-safety")
        evil_zip = self.path("evil.zip")
        with zipfile.ZipFile(evil_zip, "w") as z:
            z.writestr("index.html", "<html>")
            z.writestr("app.js", "notifyAppReady()")
            z.writestr("../../etc/passwd", "root")
            z.writestr("a\\b.js", "x")
        self.assertRefused(evil_zip, "../../etc/passwd", "backslash", check_id="path-safety")

    def test_absolute_names_in_tar(self):
        # KArchive would quietly make these relative; the raw headers are checked (ustar, pax, GNU).
        for fmt, mode, suffix in ((tarfile.USTAR_FORMAT, "w", "tar"), (tarfile.PAX_FORMAT, "w:gz", "tar.gz"),
                                  (tarfile.GNU_FORMAT, "w:xz", "tar.xz")):
            with self.subTest(suffix=suffix):
                archive = self.path(f"abs-{fmt}.{suffix}")
                long_dir = "/" + "d" * 120 if fmt != tarfile.USTAR_FORMAT else "/etc"
                with tarfile.open(archive, mode, format=fmt) as t:
                    for name, data in (("index.html", b"<html>"), ("app.js", b"notifyAppReady()"), (long_dir + "/passwd", b"root")):
                        info = tarfile.TarInfo(name)
                        info.size = len(data)
                        t.addfile(info, io.BytesIO(data))
                self.assertRefused(archive, long_dir + "/passwd (is an absolute path)", check_id="path-safety")

    def test_truncated_tar_xz(self):
        parent = self.path("src")
        build = self.small_build("src/dist")
        write(f"{build}/payload.js", text(random.Random(1), 400_000))
        archive = self.path("b.tar.xz")
        subprocess.run(["tar", "-cJf", archive, "-C", parent, "dist"], check=True)
        with open(archive, "rb") as f:
            data = f.read()
        with open(archive, "wb") as f:
            f.write(data[: len(data) // 2])
        self.assertRefused(archive, "damaged or truncated")

    def test_corrupt_7z(self):
        parent = self.path("src")
        self.small_build("src/dist")
        archive = self.path("b.7z")
        subprocess.run(["7z", "a", "-bd", "-bso0", archive, "dist"], cwd=parent, check=True)
        with open(archive, "rb") as f:
            data = bytearray(f.read())
        data[32:64] = b"\xff" * 32
        with open(archive, "wb") as f:
            f.write(data)
        self.assertRefused(archive, "damaged in the archive b.7z")

    def test_not_an_archive_and_missing_path(self):
        junk = self.path("notes.txt")
        write(junk, "hello")
        self.assertRefused(junk, "neither a folder nor a supported archive")
        self.assertRefused(self.path("nope"), "does not exist")

    def test_output_folder_missing(self):
        build = self.small_build()
        missing = self.path("no", "such", "dir", "bundle.zip")
        proc = run_slipway("bundle", "zip", "--path", build, "--out", missing)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("does not exist", proc.stderr)
        self.assertFalse(os.path.exists(self.path("no")))

    def test_full_disk(self):
        if os.geteuid() != 0:
            self.fail("this test mounts a tmpfs and needs root (CI runs as root)")
        build = self.small_build()
        write(f"{build}/media.bin", random.Random(3).randbytes(3 * MiB))      # whole-file job
        write(f"{build}/spill.bin", random.Random(4).randbytes(6 * MiB))      # chunked, spills to a temp file
        mnt = self.path("tiny")
        os.makedirs(mnt)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt], check=True)
        try:
            out = os.path.join(mnt, "bundle.zip")
            for extra in (("--key", PRIVATE_KEY), ()):
                with self.subTest(encrypted=bool(extra)):
                    proc = run_slipway("bundle", "zip", "--path", build, "--out", out, *extra)
                    self.assertNotEqual(proc.returncode, 0)
                    self.assertIn("free space", proc.stderr)
                    # The system's reason and the folder, not Qt's "Unknown error" for a write cut short.
                    self.assertIn("No space left on device", proc.stderr)
                    self.assertIn(f"The disk holding {mnt} is full", proc.stderr)
                    self.assertNotIn("Unknown error", proc.stderr)
                    self.assertEqual(os.listdir(mnt), [], "partial output left on the full disk")
            # A compressed tar is unpacked into $TMPDIR first: a full one is named the same way.
            archive = self.path("build.tar.gz")
            subprocess.run(["tar", "-czf", archive, "-C", build, "."], check=True)
            proc = run_slipway("bundle", "zip", "--path", archive, "--out", self.out, env={"TMPDIR": mnt})
            self.assertNotEqual(proc.returncode, 0)
            self.assertIn(f"No space left on device. The disk holding {mnt} is full", proc.stderr)
            self.assertIn("set TMPDIR to a folder on a larger disk", proc.stderr)
            self.assertEqual(os.listdir(mnt), [], "the unpacked copy stays on the full disk")
            self.assertNoOutput(self.out_dir)
        finally:
            subprocess.run(["umount", mnt], check=True)


class TestFuzzRegressions(Workdir):
    def test_tar_with_a_damaged_size_field_is_read_to_the_end(self):
        """Found by fuzz_archive_import: a header whose size field decoded as negative made the raw-header
        walk step backwards forever. The walk must end. The fuzzer's file also has headers whose checksums
        do not match, so it is refused as damaged (tar itself refuses it) instead of being half read."""
        tar = os.path.join(os.environ.get("SLIPWAY_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data")),
                           "bundle", "fuzz-tar-header-loop.tar")
        proc = subprocess.run([SLIPWAY, "bundle", "preflight", "--path", tar, "--json"], capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL)
        self.assertEqual(proc.returncode, 1, proc.stdout)
        self.assertIn("is damaged: the header at byte 0 has a wrong checksum", proc.stderr)
        self.assertNotEqual(subprocess.run(["tar", "-tf", tar], capture_output=True).returncode, 0)
        # The same loop with a checksum that matches: a negative (base-256) size stops the walk at once.
        good = self.path("negative-size.tar")
        with tarfile.open(good, "w", format=tarfile.USTAR_FORMAT) as t:
            for name, data in (("index.html", b"<html>"), ("app.js", b"notifyAppReady()")):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
        with open(good, "r+b") as f:
            header = bytearray(f.read(512))
            header[124:136] = b"\xff" * 12
            header[148:156] = b" " * 8
            header[148:156] = b"%06o\0 " % sum(header)
            f.seek(0)
            f.write(header)
        proc = subprocess.run([SLIPWAY, "bundle", "preflight", "--path", good, "--json"], capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL)
        self.assertEqual(proc.returncode, 1, proc.stdout)
        self.assertIn("has an unreadable size", proc.stderr)


class TestScale(Workdir):
    def test_ten_thousand_small_files(self):
        build = self.path("many")
        write(f"{build}/index.html", "<html></html>")
        write(f"{build}/main.js", "notifyAppReady()")
        for i in range(10_000):
            write(f"{build}/c{i % 50}/m{i}.js", f"export const v{i} = {i};\n")
        out = self.path("many.zip")
        result = json.loads(zip_bundle("--path", build, "--out", out).stdout)
        self.assertEqual(result["files"], 10_002)
        entries = zipcheck.check_all(out, keep_data=False)
        self.assertEqual(len(entries), 10_002 + 50)

    def test_one_300_mb_file_with_bounded_memory(self):
        build = self.path("huge")
        write(f"{build}/index.html", "<html></html>")
        write(f"{build}/main.js", "notifyAppReady()")
        rng = random.Random(5)
        block = text(rng, 4 * MiB)
        with open(f"{build}/vendor.js", "wb") as f:
            for i in range(75):
                f.write(block[i * 997:] + block[: i * 997])  # 300 MiB, not a trivial repetition for a 32 KiB window
        out = self.path("huge.zip")
        rc, stdout, stderr, rss = peak_rss_kib([SLIPWAY, "bundle", "zip", "--path", build, "--out", out, "--key", PRIVATE_KEY, "--json"])
        self.assertEqual(rc, 0, stderr)
        result = json.loads(stdout)
        self.assertEqual(result["bytes"], 300 * MiB + len("<html></html>") + len("notifyAppReady()"))
        entries = zipcheck.strict_entries(out, keep_data=False)
        self.assertEqual(entries["vendor.js"][0], 300 * MiB)
        zipcheck.unzip_test(out)
        self.assertEqual(zipcheck.python_entries(out, keep_data=False), entries)
        self.assertEqual(os.path.getsize(out + ".encrypted"), (os.path.getsize(out) // 16 + 1) * 16)
        self.assertEqual(sorted(os.listdir(self.dir)), ["huge", "huge.zip", "huge.zip.encrypted"])
        if os.environ.get("SLIPWAY_SANITIZED") == "1":
            self.skipTest("under AddressSanitizer the RSS is mostly shadow memory; the 64 MiB bound is checked in the plain build")
        self.assertLess(rss, 64 * 1024, f"peak RSS {rss} KiB")


class TestEncryptedBundle(Workdir):
    def test_capgo_cli_and_our_verifier_accept_it(self):
        build = self.path("build")
        make_tree(build)
        out = self.path("bundle.zip")
        result = json.loads(zip_bundle("--path", build, "--out", out, "--key", PRIVATE_KEY, "--bundle", "1.0.0").stdout)
        self.assertEqual(result["encryptedFilename"], out + ".encrypted")
        self.assertEqual(len(result["ivSessionKey"]), 369)
        self.assertEqual(len(result["signedChecksum"]), 512)
        self.assertEqual(result["checksum"], sha256(out))
        zipcheck.check_all(out, keep_data=False)
        capgo = CapgoCli()
        proc = capgo.run("bundle", "decrypt", out + ".encrypted", result["ivSessionKey"], "--key", PUBLIC_KEY,
                         "--checksum", result["signedChecksum"])
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("Checksum matches", proc.stdout)
        decrypted = out + ".encrypted_decrypted.zip"
        self.assertEqual(sha256(decrypted), result["checksum"])
        verify = run_slipway("bundle", "verify", out + ".encrypted", "--iv-session-key", result["ivSessionKey"],
                             "--checksum", result["signedChecksum"], "--key", PUBLIC_KEY)
        self.assertEqual(verify.returncode, 0, verify.stderr + verify.stdout)

    def test_fresh_session_key_each_run_same_zip(self):
        build = self.path("build")
        write(f"{build}/index.html", "<html>")
        write(f"{build}/a.js", "notifyAppReady()")
        a = json.loads(zip_bundle("--path", build, "--out", self.path("a.zip"), "--key", PRIVATE_KEY).stdout)
        b = json.loads(zip_bundle("--path", build, "--out", self.path("b.zip"), "--key", PRIVATE_KEY).stdout)
        self.assertEqual(a["checksum"], b["checksum"])
        self.assertEqual(a["signedChecksum"], b["signedChecksum"])  # V3 is deterministic for one key and zip
        self.assertNotEqual(a["ivSessionKey"], b["ivSessionKey"])

    def test_passphrase_protected_key(self):
        build = self.path("build")
        write(f"{build}/index.html", "<html>")
        write(f"{build}/a.js", "notifyAppReady()")
        protected = self.path("key.pem")
        subprocess.run(["openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", PRIVATE_KEY, "-out", protected,
                        "-passout", "pass:correct horse"], check=True, capture_output=True)
        out = self.path("p.zip")
        missing = run_slipway("bundle", "zip", "--path", build, "--out", out, "--key", protected)
        self.assertNotEqual(missing.returncode, 0)
        self.assertIn("SLIPWAY_KEY_PASSPHRASE", missing.stderr)
        wrong = run_slipway("bundle", "zip", "--path", build, "--out", out, "--key", protected, env={"SLIPWAY_KEY_PASSPHRASE": "nope"})
        self.assertNotEqual(wrong.returncode, 0)
        self.assertFalse(os.path.exists(out))
        ok = zip_bundle("--path", build, "--out", out, "--key", protected, env={"SLIPWAY_KEY_PASSPHRASE": "correct horse"})
        result = json.loads(ok.stdout)
        plain = json.loads(zip_bundle("--path", build, "--out", self.path("q.zip"), "--key", PRIVATE_KEY).stdout)
        self.assertEqual(result["signedChecksum"], plain["signedChecksum"])  # the same key inside

    def test_public_key_refused(self):
        build = self.path("build")
        write(f"{build}/index.html", "<html>")
        write(f"{build}/a.js", "notifyAppReady()")
        proc = run_slipway("bundle", "zip", "--path", build, "--out", self.path("x.zip"), "--key", PUBLIC_KEY)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("private key", proc.stderr)
        self.assertFalse(os.path.exists(self.path("x.zip")))

# Forging archives the usual tools would not write: each helper edits real bytes of a real archive.
BUILD_FILES = (("index.html", b"<html></html>\n"), ("app.js", b"CapacitorUpdater.notifyAppReady();\n"))


def forge_zip(path, *members, method=zipfile.ZIP_STORED):
    """A zip (Python's zipfile) with the two files every build needs and `members` ((name, bytes) pairs)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are on purpose
        with zipfile.ZipFile(path, "w") as z:
            for name, data in BUILD_FILES + members:
                z.writestr(name, data, compress_type=method)
    return path


def replace_bytes(path, old, new):
    with open(path, "rb") as f:
        data = f.read()
    assert old in data, old
    write(path, data.replace(old, new))


def flip_byte(path, offset):
    with open(path, "r+b") as f:
        f.seek(offset)
        value = f.read(1)[0]
        f.seek(offset)
        f.write(bytes([value ^ 0x20]))


def zip_member_data(path, name):
    """(offset, length) of a member's stored bytes."""
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(name)
    with open(path, "rb") as f:
        f.seek(info.header_offset + 26)
        name_length, extra_length = struct.unpack("<HH", f.read(4))
    return info.header_offset + 30 + name_length + extra_length, info.compress_size


def set_zip_declaration(path, name, size, crc):
    """Makes the zip declare `size` and `crc` for `name`, in its local header and its central directory."""
    with zipfile.ZipFile(path) as z:
        local = z.getinfo(name).header_offset
    with open(path, "rb") as f:
        data = bytearray(f.read())
    struct.pack_into("<I", data, local + 14, crc)
    struct.pack_into("<I", data, local + 22, size)
    end = data.rindex(b"PK\x05\x06")
    count, = struct.unpack_from("<H", data, end + 10)
    pos, = struct.unpack_from("<I", data, end + 16)
    for _ in range(count):
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, pos + 28)
        if data[pos + 46:pos + 46 + name_length] == name.encode():
            struct.pack_into("<I", data, pos + 16, crc)
            struct.pack_into("<I", data, pos + 24, size)
        pos += 46 + name_length + extra_length + comment_length
    write(path, bytes(data))


def sevenzip(folder, out, *options):
    """A 7z of everything in `folder` (names relative to it), made by the 7z tool."""
    subprocess.run(["7z", "a", "-bd", "-bso0", *options, out, "."], cwd=folder, check=True)
    return out


def seven_zip_number(value, width=None):
    """A 7z NUMBER; `width` forces a longer encoding than needed (7-Zip reads those too)."""
    n = next(n for n in range(9) if n == 8 or value < (1 << (7 * (n + 1))))
    n = max(n, (width or 1) - 1)
    if n == 8:
        return b"\xff" + value.to_bytes(8, "little")
    return bytes([((0xFF00 >> n) & 0xFF) | (value >> (8 * n))]) + value.to_bytes(8, "little")[:n]


def edit_7z_header(path, old, new):
    """Replaces bytes in a 7z's plain header (made with -mhc=off; it is the file's last part) and fixes the
    start header's size and CRCs, so only what the header declares has changed."""
    with open(path, "rb") as f:
        data = bytearray(f.read())
    offset, size = struct.unpack_from("<QQ", data, 12)
    header = bytes(data[32 + offset:32 + offset + size])
    assert header.count(old) == 1, (old, header.count(old))
    header = header.replace(old, new)
    data[32 + offset:] = header
    struct.pack_into("<QQI", data, 12, offset, len(header), zlib.crc32(header))
    struct.pack_into("<I", data, 8, zlib.crc32(bytes(data[12:32])))
    write(path, bytes(data))


class ZeroReader(io.RawIOBase):
    """`size` zero bytes for tarfile, without holding them."""

    def __init__(self, size):
        self.left = size

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.left)
        buffer[:n] = bytes(n)
        self.left -= n
        return n


class TestArchiveIntegrity(Refusals):
    """No archive format hands over bytes it did not check against what the archive declares."""

    def test_zip_entry_with_a_crc_error(self):
        stored = forge_zip(self.path("stored.zip"), ("data/notes.txt", b"hello world data\n" * 10))
        offset, _ = zip_member_data(stored, "data/notes.txt")
        flip_byte(stored, offset + 5)
        self.assertRefused(stored, "data/notes.txt", "CRC-32", "damaged in the archive stored.zip", "Download the CI artifact again",
                           check_id="archive-integrity", items=["data/notes.txt (its CRC-32 is "])
        deflated = forge_zip(self.path("deflated.zip"), ("big.js", text(random.Random(2), 300_000)), method=zipfile.ZIP_DEFLATED)
        offset, length = zip_member_data(deflated, "big.js")
        flip_byte(deflated, offset + length // 2)
        self.assertRefused(deflated, "big.js", "damaged in the archive deflated.zip", check_id="archive-integrity", items=["big.js ("])

    def test_zip_entry_holding_more_than_it_declares(self):
        """Declared sizes can lie: 50 MiB of zeros declared as 1,000 bytes stops after those bytes."""
        archive = forge_zip(self.path("lie.zip"), ("pad.bin", bytes(50 * MiB)), method=zipfile.ZIP_DEFLATED)
        set_zip_declaration(archive, "pad.bin", 1000, zlib.crc32(bytes(1000)))
        start = time.monotonic()
        rc, _, stderr, rss = peak_rss_kib([SLIPWAY, "bundle", "zip", "--path", archive, "--out", self.out])
        self.assertNotEqual(rc, 0)
        self.assertIn("pad.bin (it holds more data than the 1000 bytes the archive declares)", stderr)
        self.assertLess(time.monotonic() - start, 10)
        self.assertNoOutput(self.out_dir)
        if os.environ.get("SLIPWAY_SANITIZED") != "1":
            self.assertLess(rss, 64 * 1024, f"peak RSS {rss} KiB")

    def test_7z_entry_with_a_crc_error(self):
        build = self.small_build("src")
        write(f"{build}/data.txt", "MARKER-DATA 0123456789\n")
        archive = sevenzip(build, self.path("stored.7z"), "-mx=0")
        # KArchive cannot read 7z's Copy method at all; the bytes are read from the archive, checked.
        zip_bundle("--path", archive, "--out", self.path("ok.zip"))
        self.assertEqual(zipcheck.check_all(self.path("ok.zip"))["data.txt"], b"MARKER-DATA 0123456789\n")
        with open(archive, "rb") as f:
            flip_byte(archive, f.read().index(b"MARKER-DATA") + 3)
        self.assertRefused(archive, "data.txt", "CRC-32", check_id="archive-integrity", items=["data.txt (its CRC-32 is "])

    def test_7z_methods_karchive_decodes_wrongly_are_refused(self):
        """KArchive decoded a BCJ-filtered 7z into wrong bytes, and they shipped; a method it cannot decode
        faithfully is now refused up front, by name."""
        build = self.small_build("src")
        write(f"{build}/lib.wasm", random.Random(4).randbytes(200_000))
        for i, (options, method) in enumerate(((("-m0=BCJ", "-m1=LZMA2"), "the x86 (BCJ) filter"),
                                               (("-m0=Delta:4", "-m1=LZMA"), "the Delta filter"),
                                               (("-m0=Deflate",), "Deflate compression"),
                                               (("-m0=BZip2",), "BZip2 compression"))):
            with self.subTest(method=method):
                archive = sevenzip(build, self.path(f"method{i}.7z"), *options)
                self.assertRefused(archive, f"uses {method}, which Slipway cannot read faithfully", "7z a -mf=off")

    def test_7z_declaring_less_than_it_holds(self):
        """KArchive would decode the whole block into memory whatever the header says: the block is checked
        first, streaming, and decoding stops one byte past the declared size."""
        folder = self.path("zeros")
        write(f"{folder}/zeros.bin", bytes(100 * MiB))
        archive = sevenzip(folder, self.path("lie.7z"), "-mx=1", "-mhc=off")
        os.remove(f"{folder}/zeros.bin")
        edit_7z_header(archive, b"\x0c" + seven_zip_number(100 * MiB), b"\x0c" + seven_zip_number(2 * MiB, width=4))
        rc, stdout, _, rss = peak_rss_kib([SLIPWAY, "bundle", "preflight", "--path", archive, "--json"])
        self.assertEqual(rc, 1)
        checks = {c["id"]: c for c in json.loads(stdout)["checks"]}
        self.assertEqual(checks["archive-integrity"]["items"],
                         ["zeros.bin (the compressed block holding it is damaged: it decompresses to more than the 2097152 bytes "
                          "the archive declares)"])
        if os.environ.get("SLIPWAY_SANITIZED") != "1":
            self.assertLess(rss, 64 * 1024, f"peak RSS {rss} KiB")

    def test_compressed_tar_with_a_crc_error(self):
        parent = self.path("src")
        self.small_build("src/dist")
        archive = self.path("b.tar.gz")
        subprocess.run(["tar", "-czf", archive, "-C", parent, "dist"], check=True)
        flip_byte(archive, os.path.getsize(archive) - 6)  # the gzip trailer's CRC-32
        self.assertRefused(archive, "damaged or truncated")

    def test_tar_header_with_a_wrong_checksum(self):
        parent = self.path("src")
        self.small_build("src/dist")
        archive = self.path("b.tar")
        subprocess.run(["tar", "-cf", archive, "-C", parent, "dist"], check=True)
        with open(archive, "rb") as f:
            flip_byte(archive, f.read().index(b"dist/app.js") + 5)  # "dist/aPp.js": a name tar itself refuses
        self.assertRefused(archive, "is damaged: the header at byte", "wrong checksum")


class TestNames(Refusals):
    """One rule for names from every source (folder, zip, tar.*, 7z): a name is shipped exactly as stored or
    the release stops naming it; nothing is renamed, moved or left out on the way."""

    def test_folder_names_that_are_not_utf8(self):
        build = self.small_build()
        os.makedirs(os.path.join(os.fsencode(build), b"assets\xff"))
        write(os.path.join(os.fsencode(build), b"assets\xff", b"app2.js").decode(errors="surrogateescape"), "x")
        write(os.path.join(os.fsencode(build), b"caf\xe9.js").decode(errors="surrogateescape"), "x")
        self.assertRefused(build, "assets\\xff/", "caf\\xe9.js", "is not valid UTF-8", check_id="name-encoding",
                           items=["assets\\xff/ (is not valid UTF-8", "caf\\xe9.js (is not valid UTF-8"])

    def test_archive_names_that_are_not_utf8(self):
        # A zip without the UTF-8 flag whose name is Latin-1 (what old Windows tools write).
        latin1 = forge_zip(self.path("latin1.zip"), ("cafX.js", b"x"))
        replace_bytes(latin1, b"cafX.js", b"caf\xe9.js")
        self.assertRefused(latin1, "caf\\xe9.js (is not valid UTF-8", check_id="name-encoding", items=["caf\\xe9.js ("])
        # A GNU tar, which stores the name's bytes as they are.
        tar = self.path("latin1.tar.gz")
        with tarfile.open(tar, "w:gz", format=tarfile.GNU_FORMAT, encoding="utf-8", errors="surrogateescape") as t:
            for name, data in BUILD_FILES + ((os.fsdecode(b"lib/caf\xe9.js"), b"x"),):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
        self.assertRefused(tar, "lib/caf\\xe9.js (is not valid UTF-8", check_id="name-encoding", items=["lib/caf\\xe9.js ("])
        # A 7z whose UTF-16 name holds a lone surrogate (no UTF-8 form exists).
        build = self.small_build("src")
        write(f"{build}/cafX.js", "x")
        seven = sevenzip(build, self.path("surrogate.7z"), "-mhc=off")
        edit_7z_header(seven, "cafX.js".encode("utf-16-le"), "caf".encode("utf-16-le") + b"\x00\xd8" + ".js".encode("utf-16-le"))
        self.assertRefused(seven, "caf\\ud800.js (is not valid UTF-16", check_id="name-encoding", items=["caf\\ud800.js ("])

    def test_absolute_and_climbing_names_in_a_zip(self):
        """KArchive made "/abs/x.js" relative and "a/../b.js" into "b.js" without a word; tar already refused."""
        archive = forge_zip(self.path("abs.zip"), ("/abs/x.js", b"x"), ("lib/../b.js", b"y"), ("C:/win.js", b"z"))
        self.assertRefused(archive, "/abs/x.js (is an absolute path)", "lib/../b.js (climbs out", check_id="path-safety",
                           items=["/abs/x.js (is an absolute path)", "lib/../b.js (climbs out", "C:/win.js (starts like a Windows drive"])

    def test_names_a_bundle_cannot_carry(self):
        long_part = "n" * 256 + ".js"
        archive = forge_zip(self.path("names.zip"), ("dup.js", b"one"), ("dup.js", b"two"), (long_part, b"x"),
                            ("lib", b"a file"), ("lib/x.js", b"inside it"))
        self.assertRefused(archive, "dup.js (appears more than once", check_id="name-encoding",
                           items=["dup.js (appears more than once", long_part + " (has a name longer than 255 bytes",
                                  "lib/x.js (is inside lib"])

    def test_tar_long_and_unicode_names_arrive_unchanged(self):
        """pax records (Python's default format), GNU long names and ustar prefixes all give the stored name;
        KTar ignored pax records and shipped "b?ro caf?/na?ve ??.js"."""
        names = ["büro café/naïve 文字.js", "deep/" + "x" * 120 + "/long name.js", "plain.js"]
        for fmt in (tarfile.PAX_FORMAT, tarfile.GNU_FORMAT, tarfile.USTAR_FORMAT):
            with self.subTest(format=fmt):
                archive = self.path(f"names-{fmt}.tar.xz")
                with tarfile.open(archive, "w:xz", format=fmt) as t:
                    for name, data in BUILD_FILES + tuple((n, n.encode()) for n in names):
                        info = tarfile.TarInfo("dist/" + name)
                        info.size = len(data)
                        t.addfile(info, io.BytesIO(data))
                out = self.path(f"names-{fmt}.zip")
                zip_bundle("--path", archive, "--out", out)
                got = zipcheck.check_all(out)
                for name in names:
                    self.assertEqual(got.get(name), name.encode(), sorted(got))


class TestBuildLimits(Refusals):
    """A build has a size limit and an archive an expansion limit, checked from what the archive declares
    before anything is unpacked, and again while it streams; an explicit option raises them."""

    def test_zip_bomb_is_refused_before_it_is_unpacked(self):
        bomb = self.path("bomb.zip")
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in BUILD_FILES:
                z.writestr(name, data)
            with z.open("zeros.bin", "w") as f:
                for _ in range(100):
                    f.write(bytes(MiB))
        start = time.monotonic()
        rc, _, stderr, rss = peak_rss_kib([SLIPWAY, "bundle", "zip", "--path", bomb, "--out", self.out])
        self.assertNotEqual(rc, 0)
        self.assertIn("looks like a zip bomb", stderr)
        self.assertIn("--max-expansion", stderr)
        self.assertLess(time.monotonic() - start, 5)
        self.assertNoOutput(self.out_dir)
        if os.environ.get("SLIPWAY_SANITIZED") != "1":
            self.assertLess(rss, 64 * 1024, f"peak RSS {rss} KiB")
        pre = run_slipway("bundle", "preflight", "--path", bomb)
        self.assertEqual(pre.returncode, 1)
        self.assertIn("looks like a zip bomb", pre.stderr)
        # Said explicitly, it is a build like any other.
        result = json.loads(zip_bundle("--path", bomb, "--out", self.out, "--max-expansion", "0").stdout)
        self.assertEqual(result["bytes"], 100 * MiB + sum(len(d) for _, d in BUILD_FILES))

    def test_build_size_limit_and_its_override(self):
        build = self.small_build()
        write(f"{build}/media.bin", random.Random(8).randbytes(3 * MiB))
        archive = self.path("build.zip")
        subprocess.run(["zip", "-qr", archive, "."], cwd=build, check=True)
        for source in (build, archive):
            with self.subTest(source=os.path.basename(source)):
                self.assertRefused(source, "more than the 1.0 MiB a build may have", "--max-build-size",
                                   extra=("--max-build-size", "1M"))
                pre = run_slipway("bundle", "preflight", "--path", source, "--max-build-size", "1M")
                self.assertEqual(pre.returncode, 1)
                self.assertIn("--max-build-size (for example --max-build-size 1G)", pre.stderr)
                zip_bundle("--path", source, "--out", self.out, "--max-build-size", "4M")
                os.remove(self.out)
                os.remove(self.out + ".encrypted") if os.path.exists(self.out + ".encrypted") else None
        usage = run_slipway("bundle", "zip", "--path", build, "--out", self.out, "--max-build-size", "lots")
        self.assertEqual(usage.returncode, 2)
        self.assertIn("is not a size", usage.stderr)

    def test_release_takes_the_same_limits(self):
        build = self.small_build()
        write(f"{build}/media.bin", random.Random(9).randbytes(2 * MiB))
        release = ("release", "--app-id", "com.example.app", "--version", "1.0.0", "--path", build, "--key", PRIVATE_KEY,
                   "--max-build-size", "1M")
        proc = run_slipway(*release, data_dir=self.path("data"))
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("Pre-flight failed: The build folder", proc.stderr)
        self.assertIn("more than the 1.0 MiB a build may have", proc.stderr)

    def test_compressed_tar_bomb_stops_while_unpacking(self):
        archive = self.path("bomb.tar.gz")
        with tarfile.open(archive, "w:gz") as t:
            for name, data in BUILD_FILES:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
            info = tarfile.TarInfo("zeros.bin")
            info.size = 300 * MiB
            t.addfile(info, ZeroReader(info.size))
        tmp = self.path("tmp")
        os.makedirs(tmp)
        start = time.monotonic()
        proc = run_slipway("bundle", "zip", "--path", archive, "--out", self.out, env={"TMPDIR": tmp})
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("unpacks to more than", proc.stderr)
        self.assertIn("looks like a zip bomb", proc.stderr)
        self.assertLess(time.monotonic() - start, 10)
        self.assertEqual(os.listdir(tmp), [], "the unpacked copy stays behind")
        self.assertNoOutput(self.out_dir)

    def test_7z_bomb_and_the_7z_memory_limit(self):
        folder = self.path("src")
        write(f"{folder}/zeros.bin", bytes(100 * MiB))
        bomb = sevenzip(folder, self.path("bomb.7z"), "-mx=1", "-mhc=off")
        os.remove(f"{folder}/zeros.bin")
        rc, _, stderr, rss = peak_rss_kib([SLIPWAY, "bundle", "zip", "--path", bomb, "--out", self.out])
        self.assertNotEqual(rc, 0)
        self.assertIn("looks like a zip bomb", stderr)
        if os.environ.get("SLIPWAY_SANITIZED") != "1":
            self.assertLess(rss, 64 * 1024, f"peak RSS {rss} KiB")
        # KArchive decodes a 7z in memory: past 512 MiB declared, it is refused whatever the options say.
        edit_7z_header(bomb, b"\x0c" + seven_zip_number(100 * MiB), b"\x0c" + seven_zip_number(600 * MiB))
        self.assertRefused(bomb, "a 7z artifact is decoded in memory, so it may hold at most 512.0 MiB",
                           extra=("--max-expansion", "0", "--max-build-size", "0"))



if __name__ == "__main__":
    unittest.main()
