"""Nothing corrupt or incomplete is ever called a success (issue 13), on the real binary and real mounts.

- Two releases of the same app, version and channel at once: exactly one completes, the other is
  refused by the claim in the history (several tries, and with the first stopped by SIGSTOP).
- An interrupted release holds the claim until it is resumed or abandoned.
- A full disk under the history: the message says the history could not be written, and readers
  show the release as interrupted (what it is), not as a phantom `running`.
- A read-only data folder: every reading command works, writers name the folder.
- kill -9 during upload, then resume: no `.part` file is left beside the bundle.
- `channel set --channel a/b` is refused by the same name rule as `release`.

Needs root (tmpfs and bind mounts), as the storage server tests do.
"""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import unittest

from slipway_env import SLIPWAY, assert_release_folder, run_slipway
from test_release_robustness import make_build, start_paused_release

APP = "com.example.claims"


def stored_status(data, release_id):
    """The release row exactly as written (no Slipway in between)."""
    db = sqlite3.connect(f"file:{os.path.join(data, 'history.sqlite')}?mode=ro", uri=True)
    try:
        return db.execute("SELECT status FROM releases WHERE id = ?", (release_id,)).fetchone()[0]
    finally:
        db.close()


def files_under(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


def fill_disk(path):
    """Writes a filler file until the file system holding `path` has no byte left."""
    filler = os.path.join(path, "filler.bin")
    with open(filler, "wb", buffering=0) as f:
        for chunk in (1 << 20, 1 << 16, 1 << 12, 1):
            block = b"\0" * chunk
            while True:
                try:
                    f.write(block)
                except OSError:
                    break
    return filler


class ReleaseClaims(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if os.geteuid() != 0:
            raise RuntimeError("these tests need root (tmpfs and read-only bind mounts)")

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="slipway-claims-")
        self.data = os.path.join(self.tmp, "data")
        os.makedirs(self.data)
        self.build = make_build(os.path.join(self.tmp, "build"))
        self.mounts = []

    def tearDown(self):
        for mount in reversed(self.mounts):
            subprocess.run(["umount", "-l", mount], capture_output=True)
        for root, dirs, _ in os.walk(self.tmp):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def mount(self, *args):
        subprocess.run(["mount", *args], check=True)
        self.mounts.append(args[-1])

    def slipway(self, *args, **kw):
        return run_slipway(*args, data_dir=self.data, **kw)

    def popen_release(self, version):
        return subprocess.Popen([SLIPWAY, "--data-dir", self.data, "release", "--app-id", APP, "--version", version,
                                 "--path", self.build, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, text=True)

    def start_paused(self, step, version, seconds=120):
        return start_paused_release(self.data, APP, version, self.build, step, seconds, extra=["--json"])

    def listed(self):
        proc = self.slipway("history", "list", "--json")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return json.loads(proc.stdout)

    def manifest(self, channel="production"):
        with open(os.path.join(self.data, "storage", APP, "channels", channel + ".json")) as f:
            return json.load(f)

    def assert_one_bundle(self, version, result):
        # Every file, hidden ones too: no second bundle, no temporary file.
        assert_release_folder(self, os.path.join(self.data, "storage", APP, version), result)

    # --- the claim -------------------------------------------------------------------------------
    def test_two_releases_of_one_version_at_once_one_is_refused(self):
        for attempt in range(4):
            version = f"10.0.{attempt}"
            procs = [self.popen_release(version) for _ in range(2)]
            outputs = [p.communicate(timeout=300) for p in procs]
            codes = sorted(p.returncode for p in procs)
            self.assertEqual(codes, [0, 5], f"try {attempt}: " + "\n".join(err for _, err in outputs))
            winner = next(json.loads(out) for p, (out, _) in zip(procs, outputs) if p.returncode == 0)
            loser_err = next(err for p, (_, err) in zip(procs, outputs) if p.returncode == 5)
            self.assertIn("Refused", loser_err)
            self.assertIn(f"release {winner['release_id']}", loser_err)
            self.assert_one_bundle(version, winner)
            manifest = self.manifest()
            self.assertEqual((manifest["version"], manifest["url"]), (version, winner["url"]))
        statuses = sorted(r["status"] for r in self.listed())
        self.assertEqual(statuses, ["completed"] * 4 + ["refused"] * 4)
        self.assertEqual(self.slipway("history", "verify").returncode, 0)

    def test_a_stopped_release_still_holds_its_claim(self):
        first, _ = self.start_paused("package", "11.0.0", seconds=2)
        os.kill(first.pid, signal.SIGSTOP)
        try:
            holder = self.listed()[0]["id"]
            second = self.popen_release("11.0.0")
            out, err = second.communicate(timeout=120)
            self.assertEqual(second.returncode, 5, err)
            self.assertIn(f"is being released right now by release {holder}", err)
            self.assertEqual(json.loads(out)["status"], "refused")
        finally:
            os.kill(first.pid, signal.SIGCONT)
        out, err = first.communicate(timeout=300)
        self.assertEqual(first.returncode, 0, err)
        result = json.loads(out)
        self.assert_one_bundle("11.0.0", result)
        self.assertEqual(self.manifest()["url"], result["url"])
        self.assertEqual(sorted(r["status"] for r in self.listed()), ["completed", "refused"])

    def test_an_interrupted_release_holds_the_claim_until_resumed_or_abandoned(self):
        proc, _ = self.start_paused("upload", "12.0.0")
        proc.kill()
        proc.communicate()
        held = self.listed()[0]["id"]
        again = self.slipway("release", "--app-id", APP, "--version", "12.0.0", "--path", self.build)
        self.assertEqual(again.returncode, 5, again.stderr)
        self.assertIn(f"held by release {held}, which was interrupted during upload", again.stderr)
        self.assertIn(f"slipway release --resume {held}", again.stderr)
        self.assertIn(f"slipway release --abandon {held}", again.stderr)
        # Another channel is another claim.
        beta = self.slipway("release", "--app-id", APP, "--version", "12.0.0", "--path", self.build, "--channel", "beta")
        self.assertEqual(beta.returncode, 0, beta.stderr)

        abandoned = self.slipway("release", "--abandon", str(held))
        self.assertEqual(abandoned.returncode, 0, abandoned.stderr)
        self.assertIn("can be released again", abandoned.stdout)
        self.assertEqual(stored_status(self.data, held), "abandoned")
        self.assertFalse(os.path.exists(os.path.join(self.data, "work", str(held))))
        resumed = self.slipway("release", "--resume", str(held))
        self.assertEqual(resumed.returncode, 1)
        self.assertIn("abandoned", resumed.stderr)
        twice = self.slipway("release", "--abandon", str(held))
        self.assertEqual(twice.returncode, 2)

        fresh = self.slipway("release", "--app-id", APP, "--version", "12.0.0", "--path", self.build, "--json")
        self.assertEqual(fresh.returncode, 0, fresh.stderr)
        self.assertEqual(self.manifest()["url"], json.loads(fresh.stdout)["url"])
        self.assertEqual(self.slipway("history", "verify").returncode, 0)

    # --- temporary files -------------------------------------------------------------------------
    def test_kill_during_upload_then_resume_leaves_no_part_file(self):
        proc, _ = self.start_paused("upload", "13.0.0")
        storage = os.path.join(self.data, "storage", APP, "13.0.0")
        parts = [n for n in os.listdir(storage) if n.endswith(".part")]
        self.assertEqual(len(parts), 1, os.listdir(storage))  # the upload was really under way
        proc.kill()
        proc.communicate()
        release_id = self.listed()[0]["id"]
        resumed = self.slipway("release", "--resume", str(release_id), "--json")
        self.assertEqual(resumed.returncode, 0, resumed.stderr)
        result = json.loads(resumed.stdout)
        self.assert_one_bundle("13.0.0", result)
        leftovers = [f for f in files_under(self.data) if f.endswith(".part")]
        self.assertEqual(leftovers, [])
        self.assertFalse(os.path.exists(os.path.join(self.data, "work", str(release_id))))

    # --- a full disk -----------------------------------------------------------------------------
    def test_full_disk_under_the_history_is_reported_as_it_is(self):
        self.mount("-t", "tmpfs", "-o", "size=24m", "tmpfs", self.data)
        proc, _ = self.start_paused("verify", "14.0.0", seconds=3)
        filler = fill_disk(self.data)
        out, err = proc.communicate(timeout=120)
        self.assertEqual(proc.returncode, 1, err)
        release_id = json.loads(out)["release_id"]
        self.assertNotIn("recorded as interrupted", err)
        self.assertIn("could not be written", err)
        self.assertIn(os.strerror(28), err)  # No space left on device
        # What the message says is what the file holds: the row still says running ...
        self.assertIn("still says 'running'", err)
        self.assertEqual(stored_status(self.data, release_id), "running")
        # ... and readers, which cannot write either, show it as the interrupted release it is.
        listed = self.listed()
        self.assertEqual([(r["id"], r["status"]) for r in listed], [(release_id, "interrupted")])
        self.assertIn("killed or crashed", listed[0]["reason"])
        shown = json.loads(self.slipway("history", "show", str(release_id), "--json", check=True).stdout)
        self.assertEqual(shown["status"], "interrupted")
        self.assertNotIn("running", [s["outcome"] for s in shown["steps"]])

        os.remove(filler)
        self.assertEqual(self.listed()[0]["status"], "interrupted")
        self.assertEqual(stored_status(self.data, release_id), "interrupted")
        resumed = self.slipway("release", "--resume", str(release_id), "--json")
        self.assertEqual(resumed.returncode, 0, resumed.stderr)
        self.assert_one_bundle("14.0.0", json.loads(resumed.stdout))
        self.assertEqual([f for f in files_under(self.data) if f.endswith(".part")], [])
        self.assertEqual(self.slipway("history", "verify").returncode, 0)

    # --- a read-only data folder -----------------------------------------------------------------
    def make_read_only(self):
        for root, dirs, files in os.walk(self.data):
            for name in dirs + files:
                os.chmod(os.path.join(root, name), 0o555 if name in dirs else 0o444)
        os.chmod(self.data, 0o555)
        # Root ignores modes: a read-only bind mount makes it real.
        self.mount("--bind", self.data, self.data)
        subprocess.run(["mount", "-o", "remount,bind,ro", self.data], check=True)

    def make_writable(self):
        subprocess.run(["umount", self.data], check=True)
        self.mounts.remove(self.data)
        for root, dirs, files in os.walk(self.data):
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o755)
            for name in files:
                os.chmod(os.path.join(root, name), 0o644)
        os.chmod(self.data, 0o755)

    def check_readers_on_read_only_history(self, completed_id, killed_id):
        listed = self.listed()
        self.assertEqual({r["id"]: r["status"] for r in listed}, {completed_id: "completed", killed_id: "interrupted"})
        shown = self.slipway("history", "show", str(completed_id))
        self.assertEqual(shown.returncode, 0, shown.stderr)
        self.assertIn("completed", shown.stdout)
        verified = self.slipway("history", "verify")
        self.assertEqual(verified.returncode, 0, verified.stderr)
        self.assertIn("History intact", verified.stdout)
        export = os.path.join(self.tmp, "export.json")
        exported = self.slipway("history", "export", "--format", "json", "--out", export)
        self.assertEqual(exported.returncode, 0, exported.stderr)
        with open(export) as f:
            self.assertEqual(len(json.load(f)["releases"]), 2)
        events = self.slipway("device", "events", "--json")
        self.assertEqual(events.returncode, 0, events.stderr)
        # Writers say what is wrong and where.
        for args in (["channel", "set", "--app-id", APP, "--channel", "beta", "--version", "15.0.0"],
                     ["release", "--app-id", APP, "--version", "15.0.9", "--path", self.build]):
            proc = self.slipway(*args)
            self.assertNotEqual(proc.returncode, 0, args)
            self.assertIn("read-only", proc.stderr)
            self.assertIn(self.data, proc.stderr)

    def test_read_only_data_folder_can_still_be_read(self):
        done = self.slipway("release", "--app-id", APP, "--version", "15.0.0", "--path", self.build, "--json")
        self.assertEqual(done.returncode, 0, done.stderr)
        completed_id = json.loads(done.stdout)["release_id"]
        proc, _ = self.start_paused("package", "15.0.1")
        proc.kill()
        proc.communicate()
        killed_id = completed_id + 1
        self.assertEqual(stored_status(self.data, killed_id), "running")
        # With the WAL files a killed process left ...
        self.make_read_only()
        self.check_readers_on_read_only_history(completed_id, killed_id)
        self.make_writable()
        # ... and after a clean close, when only history.sqlite is there.
        self.assertEqual(self.listed()[0]["status"], "interrupted")
        self.assertFalse(os.path.exists(os.path.join(self.data, "history.sqlite-wal")))
        self.make_read_only()
        self.check_readers_on_read_only_history(completed_id, killed_id)

    # --- names -----------------------------------------------------------------------------------
    def test_channel_set_refuses_a_channel_that_is_not_one_name(self):
        done = self.slipway("release", "--app-id", APP, "--version", "16.0.0", "--path", self.build)
        self.assertEqual(done.returncode, 0, done.stderr)
        channels = os.path.join(self.data, "storage", APP, "channels")
        before = files_under(channels)
        for channel in ("a/b", "../x", ".hidden", "x" * 200):
            for command in (["channel", "set", "--app-id", APP, "--channel", channel, "--version", "16.0.0"],
                            ["release", "--app-id", APP, "--version", "16.0.1", "--path", self.build, "--channel",
                             channel]):
                proc = self.slipway(*command)
                self.assertEqual(proc.returncode, 2, (command, proc.stderr))
                self.assertIn("is not usable: a channel name starts with a letter or digit", proc.stderr)
        self.assertEqual(files_under(channels), before)
        bad_app = self.slipway("channel", "set", "--app-id", "com/x", "--channel", "beta", "--version", "16.0.0")
        self.assertEqual(bad_app.returncode, 2)
        self.assertIn("app id", bad_app.stderr)


if __name__ == "__main__":
    unittest.main()
