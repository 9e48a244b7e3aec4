"""Robustness of `slipway release` and the history, driving the real binary on real files.

Covers issue 4: zero-configuration release, kill -9 during Package and during Upload then --resume,
concurrent releases on one history, a damaged history file, a refused duplicate release, tampering
detected by `history verify`, cancellation by signal, and the evidence package checked with openssl.

A kill must land mid-step deterministically: the test-only SLIPWAY_TEST_PAUSE_AT=<step> makes the
runner hold that step (after its first bytes) until the process is killed or cancelled.
"""
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import unittest

from slipway_env import SLIPWAY, assert_release_folder, run_slipway

APP = "com.example.robust"


def make_build(root, size=2_000_000, marker="v1"):
    os.makedirs(os.path.join(root, "js"), exist_ok=True)
    os.makedirs(os.path.join(root, "assets"), exist_ok=True)
    with open(os.path.join(root, "index.html"), "w") as f:
        f.write(f"<!doctype html><html><body>{marker}<script src=js/app.js></script></body></html>")
    with open(os.path.join(root, "js", "app.js"), "w") as f:
        f.write("import { CapacitorUpdater } from '@capgo/capacitor-updater';\nCapacitorUpdater.notifyAppReady();\n")
        f.write("// filler\n" * 2000)
    with open(os.path.join(root, "assets", "media.bin"), "wb") as f:
        f.write(os.urandom(size))
    return root


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def openssl(*args, data=None):
    proc = subprocess.run(["openssl", *args], input=data, capture_output=True, check=True)
    return proc.stdout


def device_check_with_openssl(data_dir, release):
    """Verifies the published bundle without Slipway: what a device does, done with openssl."""
    pub = os.path.join(data_dir, "keys", "capgo_key_v2.pub")
    spki = openssl("rsa", "-RSAPublicKey_in", "-in", pub, "-pubout")
    with tempfile.TemporaryDirectory() as tmp:
        spki_path = os.path.join(tmp, "pub.pem")
        with open(spki_path, "wb") as f:
            f.write(spki)
        iv_b64, block_b64 = release["iv_session_key"].split(":")
        import base64
        block = os.path.join(tmp, "block.bin")
        with open(block, "wb") as f:
            f.write(base64.b64decode(block_b64))
        aes_key = openssl("pkeyutl", "-verifyrecover", "-pubin", "-inkey", spki_path, "-pkeyopt",
                          "rsa_padding_mode:pkcs1", "-in", block)
        assert len(aes_key) == 16, aes_key
        url = release["url"]
        assert url.startswith("file://"), url
        encrypted = url[len("file://"):]
        plain = openssl("enc", "-d", "-aes-128-cbc", "-K", aes_key.hex(), "-iv", base64.b64decode(iv_b64).hex(),
                        "-in", encrypted)
        digest = hashlib.sha256(plain).hexdigest()
        signed = os.path.join(tmp, "signed.bin")
        with open(signed, "wb") as f:
            f.write(bytes.fromhex(release["signed_checksum"]))
        recovered = openssl("pkeyutl", "-verifyrecover", "-pubin", "-inkey", spki_path, "-pkeyopt",
                            "rsa_padding_mode:pkcs1", "-in", signed)
        return digest, recovered.hex()


def start_paused_release(data, app, version, build, step, seconds=120, extra=()):
    """Starts `slipway release` held mid-step by SLIPWAY_TEST_PAUSE_AT; returns (process, stderr lines) once
    it waits there, with stderr still open."""
    env = dict(os.environ, SLIPWAY_TEST_PAUSE_AT=step, SLIPWAY_TEST_PAUSE_SECONDS=str(seconds))
    proc = subprocess.Popen([SLIPWAY, "--data-dir", data, "release", "--app-id", app, "--version", version, "--path",
                             build, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            text=True, env=env)
    lines = []
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        if "test pause" in line:
            return proc, lines
    proc.kill()
    proc.communicate()
    raise AssertionError("the release never reached the pause point:\n" + "".join(lines))


class ReleaseRobustness(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="slipway-release-")
        self.data = os.path.join(self.tmp, "data")
        self.build = make_build(os.path.join(self.tmp, "build"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def slipway(self, *args, **kw):
        return run_slipway(*args, data_dir=self.data, **kw)

    def release(self, version, *extra, **kw):
        return self.slipway("release", "--app-id", APP, "--version", version, "--path", self.build, *extra, **kw)

    def show(self, release_id):
        proc = self.slipway("history", "show", str(release_id), "--json", check=True)
        return json.loads(proc.stdout)

    def assert_history_intact(self):
        proc = self.slipway("history", "verify")
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("History intact", proc.stdout)

    def assert_published(self, release_json):
        digest, recovered = device_check_with_openssl(self.data, release_json)
        self.assertEqual(digest, release_json["sha256"])
        self.assertEqual(recovered, release_json["sha256"])
        manifest_path = os.path.join(self.data, "storage", APP, "channels", release_json["channel"] + ".json")
        with open(manifest_path) as f:
            manifest = json.load(f)
        self.assertEqual(manifest["version"], release_json["version"])
        self.assertEqual(manifest["session_key"], release_json["iv_session_key"])
        self.assertEqual(manifest["checksum"], release_json["signed_checksum"])
        self.assertEqual(manifest["url"], release_json["url"])
        self.assertEqual(manifest["key_id"], release_json["key_id"])
        self.assertIn("released_at", manifest)
        self.assertIn("min_update_version", manifest)

    @staticmethod
    def reap(proc):
        proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()

    def start_paused(self, step, version):
        return start_paused_release(self.data, APP, version, self.build, step)

    # --- zero configuration -------------------------------------------------------------------
    def test_release_with_zero_configuration(self):
        proc = self.release("1.0.0", "--json")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        result = json.loads(proc.stdout)
        self.assertEqual(result["status"], "completed")
        self.assertTrue(result["default_key"])
        key = os.path.join(self.data, "keys", "capgo_key_v2")
        self.assertEqual(os.stat(key).st_mode & 0o777, 0o600)
        self.assertTrue(os.path.exists(key + ".pub"))
        self.assert_published(result)
        listed = json.loads(self.slipway("history", "list", "--json", check=True).stdout)
        self.assertEqual([(r["version"], r["status"]) for r in listed], [("1.0.0", "completed")])
        shown = self.show(result["release_id"])
        self.assertEqual([s["name"] for s in shown["steps"]],
                         ["preflight", "package", "encrypt", "verify", "upload", "register", "record"])
        self.assertTrue(all(s["outcome"] == "succeeded" for s in shown["steps"]))
        self.assertEqual(shown["channel_events"][0]["kind"], "set")
        with sqlite3.connect(os.path.join(self.data, "history.sqlite")) as db:
            keys = db.execute("SELECT * FROM keys").fetchall()
            self.assertEqual(len(keys), 1)
            # Private material never reaches the history.
            dump = "\n".join(db.iterdump())
            self.assertNotIn("PRIVATE KEY", dump)
        self.assert_history_intact()

    def test_plan_file_and_storage_url(self):
        target = os.path.join(self.tmp, "elsewhere")
        os.makedirs(target)
        plan = os.path.join(self.tmp, "plan.json")
        with open(plan, "w") as f:
            json.dump({"app_id": APP, "version": "1.5.0", "channel": "beta", "build_source": self.build,
                       "notes": "from a plan", "min_update_version": "1.0.0"}, f)
        proc = self.slipway("release", "--plan", plan, "--version", "1.5.1", "--storage", "file://" + target, "--json")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        result = json.loads(proc.stdout)
        self.assertEqual((result["version"], result["channel"]), ("1.5.1", "beta"))
        self.assertTrue(result["url"].startswith("file://" + target + "/" + APP + "/1.5.1/"))
        with open(os.path.join(target, APP, "channels", "beta.json")) as f:
            manifest = json.load(f)
        self.assertEqual(manifest["comment"], "from a plan")
        self.assertEqual(manifest["min_update_version"], "1.0.0")
        self.assertFalse(os.path.exists(os.path.join(self.data, "storage", APP)))
        # A resume continues the recorded plan and cannot change it.
        proc = self.slipway("release", "--resume", str(result["release_id"]), "--version", "9.9.9")
        self.assertEqual(proc.returncode, 2)
        proc = self.slipway("release", "--resume", str(result["release_id"]))
        self.assertEqual(proc.returncode, 1)
        self.assertIn("already completed", proc.stderr)

    def test_incomplete_build_is_interrupted_with_the_reason(self):
        os.remove(os.path.join(self.build, "index.html"))
        proc = self.release("1.6.0")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("index.html", proc.stderr)
        release_id = json.loads(self.slipway("history", "list", "--json", check=True).stdout)[0]["id"]
        shown = self.show(release_id)
        self.assertEqual(shown["status"], "interrupted")
        self.assertIn("index.html", shown["reason"])
        self.assertEqual(shown["steps"][0]["outcome"], "failed")
        # Fixed build, same release: resume completes it.
        make_build(self.build)
        proc = self.slipway("release", "--resume", str(release_id))
        self.assertEqual(proc.returncode, 0, proc.stderr)

    # --- kill -9 and resume ---------------------------------------------------------------------
    def kill_and_resume(self, step):
        proc, _ = self.start_paused(step, "2.0.0")
        os.kill(proc.pid, signal.SIGKILL)
        self.reap(proc)
        listed = json.loads(self.slipway("history", "list", "--json", check=True).stdout)
        self.assertEqual(len(listed), 1)
        release_id = listed[0]["id"]
        shown = self.show(release_id)
        self.assertEqual(shown["status"], "interrupted")
        self.assertIn("killed or crashed", shown["reason"])
        self.assertEqual(shown["steps"][-1]["name"], step)
        self.assertEqual(shown["steps"][-1]["outcome"], "interrupted")

        resumed = self.slipway("release", "--resume", str(release_id), "--json")
        self.assertEqual(resumed.returncode, 0, resumed.stderr)
        result = json.loads(resumed.stdout)
        self.assertEqual(result["status"], "completed")
        self.assertEqual(result["attempt"], 2)
        self.assert_published(result)
        shown = self.show(release_id)
        self.assertEqual(shown["status"], "completed")
        self.assertEqual(shown["attempts"], 2)
        attempt2 = {s["name"]: s["outcome"] for s in shown["steps"] if s["attempt"] == 2}
        self.assertEqual(len(attempt2), 7)
        self.assertEqual(attempt2["record"], "succeeded")
        self.assert_history_intact()
        # Exactly one bundle object for this release (and its delta objects), nothing else: the resumed upload
        # removed the temporary file the killed one left.
        assert_release_folder(self, os.path.join(self.data, "storage", APP, "2.0.0"), result)
        return attempt2

    def test_kill_during_package_then_resume(self):
        attempt2 = self.kill_and_resume("package")
        self.assertEqual(attempt2["package"], "succeeded")

    def test_kill_during_upload_then_resume(self):
        attempt2 = self.kill_and_resume("upload")
        # The packaged and encrypted files still hash as recorded: reused, not redone.
        self.assertEqual(attempt2["package"], "reused")
        self.assertEqual(attempt2["encrypt"], "reused")
        self.assertEqual(attempt2["upload"], "succeeded")

    def test_resume_repackages_when_work_files_changed(self):
        proc, _ = self.start_paused("upload", "2.1.0")
        os.kill(proc.pid, signal.SIGKILL)
        self.reap(proc)
        release_id = json.loads(self.slipway("history", "list", "--json", check=True).stdout)[0]["id"]
        work = os.path.join(self.data, "work", str(release_id))
        with open(os.path.join(work, "bundle.zip"), "r+b") as f:
            f.seek(100)
            f.write(b"tampered")
        resumed = self.slipway("release", "--resume", str(release_id), "--json")
        self.assertEqual(resumed.returncode, 0, resumed.stderr)
        result = json.loads(resumed.stdout)
        self.assert_published(result)
        attempt2 = {s["name"]: s["outcome"] for s in self.show(release_id)["steps"] if s["attempt"] == 2}
        self.assertEqual(attempt2["package"], "succeeded")

    def test_signal_cancels_promptly_and_leaves_it_resumable(self):
        proc, _ = self.start_paused("package", "3.0.0")
        started = time.time()
        proc.send_signal(signal.SIGTERM)
        self.reap(proc)
        elapsed = time.time() - started
        self.assertEqual(proc.returncode, 130)
        self.assertLess(elapsed, 1.0)
        release_id = json.loads(self.slipway("history", "list", "--json", check=True).stdout)[0]["id"]
        shown = self.show(release_id)
        self.assertEqual(shown["status"], "interrupted")
        self.assertIn("Cancelled", shown["reason"])
        self.assertEqual(shown["steps"][-1]["outcome"], "cancelled")
        resumed = self.slipway("release", "--resume", str(release_id), "--json")
        self.assertEqual(resumed.returncode, 0, resumed.stderr)

    # --- concurrency ---------------------------------------------------------------------------
    def test_concurrent_releases_share_one_history(self):
        procs = [subprocess.Popen([SLIPWAY, "--data-dir", self.data, "release", "--app-id", APP, "--version",
                                   f"4.0.{i}", "--path", self.build, "--json"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True) for i in range(3)]
        # Readers at the same time as the writers.
        while any(p.poll() is None for p in procs):
            for args in (["history", "list", "--json"], ["history", "verify"]):
                reader = self.slipway(*args)
                self.assertEqual(reader.returncode, 0, reader.stdout + reader.stderr)
                self.assertNotIn("locked", reader.stderr.lower())
        outputs = [p.communicate(timeout=300) for p in procs]
        for p, (out, err) in zip(procs, outputs):
            self.assertEqual(p.returncode, 0, err)
            self.assertNotIn("locked", err.lower())
            self.assertEqual(json.loads(out)["status"], "completed")
        listed = json.loads(self.slipway("history", "list", "--json", check=True).stdout)
        self.assertEqual(sorted(r["version"] for r in listed), ["4.0.0", "4.0.1", "4.0.2"])
        self.assertTrue(all(r["status"] == "completed" for r in listed))
        # One default key, created once even with three first releases at the same moment.
        self.assertEqual(len({json.loads(out)["key_fingerprint"] for out, _ in outputs}), 1)
        self.assert_history_intact()

    # --- damaged history -------------------------------------------------------------------------
    def test_damaged_history_is_kept_and_backed_up(self):
        os.makedirs(self.data)
        history = os.path.join(self.data, "history.sqlite")
        with open(history, "wb") as f:
            f.write(b"this is not what Slipway wrote\n" * 300)
        before = sha256_file(history)
        proc = self.release("5.0.0")
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("damaged", proc.stderr)
        self.assertIn(".bak", proc.stderr)
        self.assertEqual(sha256_file(history), before)
        backups = [n for n in os.listdir(self.data) if n.startswith("history.sqlite.damaged-")]
        self.assertEqual(len(backups), 1)
        self.assertEqual(sha256_file(os.path.join(self.data, backups[0])), before)
        for args in (["history", "list"], ["history", "verify"]):
            proc = self.slipway(*args)
            self.assertNotEqual(proc.returncode, 0)
            self.assertIn("damaged", proc.stderr)
        self.assertEqual(sha256_file(history), before)
        self.assertFalse(os.path.exists(os.path.join(self.data, "storage", APP)))

    # --- duplicates ------------------------------------------------------------------------------
    def test_same_version_twice_is_refused_unless_re_released(self):
        self.assertEqual(self.release("6.0.0").returncode, 0)
        again = self.release("6.0.0")
        self.assertEqual(again.returncode, 5)
        self.assertIn("Refused", again.stderr)
        self.assertIn("--re-release", again.stderr)
        listed = json.loads(self.slipway("history", "list", "--json", check=True).stdout)
        self.assertEqual([r["status"] for r in listed], ["refused", "completed"])
        self.assertIn("already released", listed[0]["reason"])
        # Another channel is another release.
        self.assertEqual(self.release("6.0.0", "--channel", "beta").returncode, 0)
        forced = self.release("6.0.0", "--re-release", "--json")
        self.assertEqual(forced.returncode, 0, forced.stderr)
        result = json.loads(forced.stdout)
        shown = self.show(result["release_id"])
        self.assertEqual(shown["re_release_of"], listed[1]["id"])
        self.assertIn("re-release of release", shown["steps"][0]["detail"])
        self.assert_history_intact()

    # --- tampering -------------------------------------------------------------------------------
    def test_history_verify_names_edited_rows(self):
        self.assertEqual(self.release("7.0.0").returncode, 0)
        self.assertEqual(self.release("7.0.1").returncode, 0)
        self.assert_history_intact()
        db_path = os.path.join(self.data, "history.sqlite")
        with sqlite3.connect(db_path) as db:
            db.execute("UPDATE releases SET public_url='https://evil.example/x.zip' WHERE id=1")
            db.execute("UPDATE steps SET detail='nothing to see' WHERE id=(SELECT max(id) FROM steps WHERE release_id=2)")
            db.execute("DELETE FROM channel_events WHERE id=1")
        proc = self.slipway("history", "verify")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("releases row 1", proc.stdout)
        self.assertIn("was edited", proc.stdout)
        self.assertIn("channel_events row 1 was deleted", proc.stdout)
        self.assertRegex(proc.stdout, r"steps row \d+ \(record of release 2\)")
        report = json.loads(self.slipway("history", "verify", "--json").stdout)
        self.assertFalse(report["intact"])
        self.assertEqual(sorted((p["table"], p["row_id"]) for p in report["problems"])[0], ("channel_events", 1))

    # --- export and evidence ---------------------------------------------------------------------
    def test_export_and_evidence_package(self):
        result = json.loads(self.release("8.0.0", "--json", "--notes", "first, with a comma").stdout)
        csv_path = os.path.join(self.tmp, "h.csv")
        json_path = os.path.join(self.tmp, "h.json")
        self.slipway("history", "export", "--format", "csv", "--out", csv_path, check=True)
        self.slipway("history", "export", "--format", "json", "--out", json_path, check=True)
        with open(csv_path) as f:
            text = f.read()
        self.assertTrue(text.startswith("id,app_id,version"))
        self.assertIn('"first, with a comma"', text)
        with open(json_path) as f:
            exported = json.load(f)
        self.assertEqual(exported["releases"][0]["sha256"], result["sha256"])
        self.assertEqual(len(exported["releases"][0]["steps"]), 7)

        evidence = os.path.join(self.tmp, "evidence.tar.xz")
        self.slipway("history", "evidence", str(result["release_id"]), "--out", evidence, check=True)
        out = os.path.join(self.tmp, "evidence")
        with tarfile.open(evidence, "r:xz") as tar:
            tar.extractall(out)
        root = os.path.join(out, f"slipway-evidence-release-{result['release_id']}")
        names = set(os.listdir(root))
        for expected in ("README.txt", "release.json", "steps.json", "public-key.pem", "fingerprint.txt", "sha256.txt",
                         "signed-checksum.txt", "iv-session-key.txt", "channel-manifest.json", "bundle.zip.encrypted",
                         "audit"):
            self.assertIn(expected, names)
        self.assertNotIn("PRIVATE", open(os.path.join(root, "public-key.pem")).read())

        def sh(script):
            return subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=root, capture_output=True, text=True,
                                  check=True).stdout.strip()

        # The README's own commands, run as a reviewer would.
        fingerprint = sh("openssl rsa -RSAPublicKey_in -in public-key.pem -pubout -outform DER 2>/dev/null | openssl dgst -sha256 -r | cut -d' ' -f1")
        self.assertEqual(fingerprint, result["key_fingerprint"])
        self.assertEqual(sh("grep -v -- ----- public-key.pem | tr -d '\\n' | cut -c1-20"), result["key_id"])
        recovered = sh("perl -ne 'chomp; print pack(\"H*\", $_)' signed-checksum.txt > checksum.bin && "
                       "openssl pkeyutl -verifyrecover -pubin -inkey public-key-spki.pem -pkeyopt rsa_padding_mode:pkcs1 "
                       "-in checksum.bin | od -An -v -tx1 | tr -d ' \\n'")
        self.assertEqual(recovered, result["sha256"])
        decrypted = sh("cut -d: -f2 iv-session-key.txt | tr -d '\\n' | base64 -d > session-key.bin; "
                       "KEY=$(openssl pkeyutl -verifyrecover -pubin -inkey public-key-spki.pem -pkeyopt rsa_padding_mode:pkcs1 -in session-key.bin | od -An -v -tx1 | tr -d ' \\n'); "
                       "IV=$(cut -d: -f1 iv-session-key.txt | tr -d '\\n' | base64 -d | od -An -v -tx1 | tr -d ' \\n'); "
                       "openssl enc -d -aes-128-cbc -K \"$KEY\" -iv \"$IV\" -in bundle.zip.encrypted | openssl dgst -sha256 -r | cut -d' ' -f1")
        self.assertEqual(decrypted, result["sha256"])
        chain = json.load(open(os.path.join(root, "audit", "chain.json")))
        release_entries = [e for e in chain if e["table"] == "releases"]
        content = sh("openssl dgst -sha256 -r audit/release-row.json | cut -d' ' -f1")
        self.assertEqual(content, release_entries[-1]["content_sha256"])
        for entry in chain:
            self.assertEqual(sh(f"openssl dgst -sha256 -r audit/entry-{entry['seq']}.txt | cut -d' ' -f1"), entry["entry_sha256"])
        with open(os.path.join(root, "channel-manifest.json")) as f:
            self.assertEqual(json.load(f)["session_key"], result["iv_session_key"])


if __name__ == "__main__":
    unittest.main()
