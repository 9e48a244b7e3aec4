"""Delta (manifest) releases end to end, from the default workspace: `slipway release` of 1.0.0 and then 1.0.1 with one
file changed in a build of ~300 files, `slipway serve` handing out its own HTTP URLs, and phones simulated by
`slipway device simulate` with a device state. An independent decoder (delta_decoder.py, Python, from the spec)
decodes every entry of the same answers. Tampering, plugin gates, the zip fallback after manifest failures, and a
kill -9 during the object uploads are covered here too; the storage servers are in test_delta_storage.py."""
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
import urllib.parse
import urllib.request

from delta_builds import make_build, read_tree
from delta_decoder import decode_manifest
from slipway_env import SLIPWAY, SlipwayServe, assert_release_folder, keyed_workspace, run_slipway, slipway_json

APP = "com.example.deltae2e"
CHANGED = "assets/chunk 3/mod-66.js"


def builds_with_one_file_changed(root):
    """1.0.0's build (300 files) and 1.0.1's with one file changed: (build, tree, build, tree)."""
    v1 = os.path.join(root, "build-1.0.0")
    tree1 = make_build(v1)
    v2 = os.path.join(root, "build-1.0.1")
    shutil.copytree(v1, v2)
    with open(os.path.join(v2, CHANGED), "ab") as f:
        f.write(b"export const fixed = true;\n")
    return v1, tree1, v2, read_tree(v2)


class DeltaEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root, cls.data, cls.key, cls.pub = keyed_workspace("slipway-delta-e2e-")
        cls.v1, cls.tree1, cls.v2, cls.tree2 = builds_with_one_file_changed(cls.root)
        cls.changed = CHANGED
        cls.r1 = cls.release("1.0.0", cls.v1)
        cls.server = SlipwayServe(cls.data)
        # A phone that installed 1.0.0 through the delta: its cache holds every 1.0.0 file.
        cls.cache = os.path.join(cls.root, "cache")
        code, first = cls.simulate_cls("--cache", cls.cache, "--out", os.path.join(cls.root, "installed-1.0.0"))
        assert code == 0 and first["version"] == "1.0.0", first
        cls.first = first
        cls.r2 = cls.release("1.0.1", cls.v2)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.root, True)

    @classmethod
    def release(cls, version, build, *extra):
        return slipway_json("release", "--app-id", APP, "--version", version, "--path", build, "--key", cls.key, *extra,
                            data_dir=cls.data)

    @classmethod
    def simulate_cls(cls, *extra, pub=None):
        proc = run_slipway("device", "simulate", "--update-url", cls.server.urls["updateUrl"], "--app-id", APP,
                           "--public-key", pub or cls.pub, "--json", *extra)
        return proc.returncode, json.loads(proc.stdout)

    def simulate(self, *extra, pub=None):
        return self.simulate_cls(*extra, pub=pub)

    def cache_of_1_0_0(self):
        """A copy of the cache the phone had after installing 1.0.0 (each install fills the cache it is given)."""
        copy = tempfile.mkdtemp(prefix="cache-", dir=self.root)
        shutil.rmtree(copy)
        shutil.copytree(self.cache, copy)
        return copy

    def ask(self, version_name="1.0.0", plugin="8.51.23", device_id="0f0e0d0c-0000-4000-8000-000000000001"):
        body = json.dumps({"app_id": APP, "device_id": device_id, "version_name": version_name,
                           "version_build": "1.0.0", "platform": "android", "plugin_version": plugin,
                           "is_emulator": False, "is_prod": True}).encode()
        request = urllib.request.Request(self.server.urls["updateUrl"], data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as r:
            return json.loads(r.read())

    def stats(self, action, device_id, version="1.0.1"):
        body = json.dumps({"app_id": APP, "device_id": device_id, "action": action, "version_name": version,
                           "platform": "android"}).encode()
        request = urllib.request.Request(self.server.urls["statsUrl"], data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as r:
            self.assertEqual(r.status, 200)

    def object_path(self, entry):
        """The storage file behind a download_url of serve (http://host/files/KEY)."""
        key = urllib.parse.unquote(urllib.parse.urlparse(entry["download_url"]).path[len("/files/"):])
        return os.path.join(self.data, "storage", key)

    # --- what the release says ------------------------------------------------------------------
    def test_the_release_reports_the_saving(self):
        self.assertEqual(self.r1["delta"]["files"], 300)
        saving = self.r2["delta"]
        self.assertEqual((saving["previous_version"], saving["files"], saving["files_to_download"]), ("1.0.0", 300, 1))
        self.assertLess(saving["bytes_to_download"], saving["zip_bytes"] / 100)
        shown = slipway_json("history", "show", str(self.r2["release_id"]), data_dir=self.data)
        upload = next(s for s in shown["steps"] if s["name"] == "upload")
        self.assertIn("a phone on 1.0.0 downloads 1 of 300 files", upload["detail"])
        verify = next(s for s in shown["steps"] if s["name"] == "verify")
        self.assertIn("delta", verify["detail"])

    # --- phones ---------------------------------------------------------------------------------
    def test_a_phone_with_the_cache_downloads_exactly_the_changed_file(self):
        self.assertEqual((self.first["path"], self.first["filesDownloaded"]), ("manifest", 300))
        out = os.path.join(self.root, "out-cache")
        code, result = self.simulate("--version-name", "1.0.0", "--cache", self.cache_of_1_0_0(), "--out", out)
        self.assertEqual(code, 0, result)
        self.assertEqual((result["version"], result["path"]), ("1.0.1", "manifest"))
        self.assertEqual((result["filesDownloaded"], result["reusedCache"], result["reusedBuiltin"]), (1, 299, 0))
        self.assertEqual(read_tree(out), self.tree2)

    def test_a_phone_with_only_its_builtin_build_downloads_what_differs(self):
        out = os.path.join(self.root, "out-builtin")
        code, result = self.simulate("--version-name", "builtin", "--builtin", self.v1,
                                     "--cache", os.path.join(self.root, "empty-cache"), "--out", out)
        self.assertEqual(code, 0, result)
        self.assertEqual((result["filesDownloaded"], result["reusedBuiltin"]), (1, 299))
        self.assertEqual(read_tree(out), self.tree2)

    def test_the_independent_decoder_agrees(self):
        answer = self.ask()
        self.assertEqual(len(answer["manifest"]), 300)
        self.assertTrue(answer["url"].startswith("http://"), answer["url"])  # never file:// for a phone
        with open(self.pub, "rb") as f:
            pem = f.read()

        def fetch(url):
            with urllib.request.urlopen(url, timeout=30) as r:
                self.assertIsNone(r.headers.get("Content-Encoding"))
                return r.read()

        self.assertEqual(decode_manifest(answer, pem, fetch), self.tree2)
        self.assertTrue(any(e["file_name"].endswith(".br") for e in answer["manifest"]))
        self.assertTrue(any(e["file_name"] == "media/img 2.png" for e in answer["manifest"]))

    def test_the_zip_path_unpacks_the_same_tree(self):
        out = os.path.join(self.root, "out-zip")
        code, result = self.simulate("--plugin-version", "7.0.37", "--out", out)
        self.assertEqual(code, 0, result)
        self.assertEqual(result["path"], "zip")
        self.assertEqual(read_tree(out), self.tree2)

    # --- gates and fallback ---------------------------------------------------------------------
    def test_only_plugins_that_handle_a_manifest_get_one(self):
        for plugin, expected in (("8.0.0", True), ("8.51.23", True), ("7.0.38", True), ("7.0.37", False),
                                 ("6.25.0", False), ("5.10.0", False)):
            answer = self.ask(plugin=plugin)
            self.assertEqual("manifest" in answer, expected, plugin)
            self.assertTrue(answer["url"] and answer["checksum"] and answer["session_key"], plugin)

    def test_a_device_failing_twice_on_the_delta_gets_the_zip(self):
        device = "0f0e0d0c-0000-4000-8000-0000000000f1"
        self.assertIn("manifest", self.ask(device_id=device))
        self.stats("download_manifest_checksum_fail", device)
        self.assertIn("manifest", self.ask(device_id=device))
        self.stats("download_manifest_file_fail", device)
        self.assertNotIn("manifest", self.ask(device_id=device))
        self.assertIn("manifest", self.ask())

    # --- a phone refuses what is wrong ----------------------------------------------------------
    def test_one_changed_byte_in_one_object_fails_naming_that_file(self):
        entry = next(e for e in self.ask()["manifest"] if e["file_name"].startswith(self.changed))
        path = self.object_path(entry)
        with open(path, "rb") as f:
            original = f.read()
        try:
            with open(path, "r+b") as f:
                f.seek(len(original) // 2)
                f.write(bytes([original[len(original) // 2] ^ 1]))
            code, result = self.simulate("--version-name", "1.0.0", "--cache", self.cache_of_1_0_0(),
                                         "--out", os.path.join(self.root, "out-tampered"))
            self.assertNotEqual(code, 0)
            self.assertEqual(result["outcome"], "failed")
            self.assertIn(self.changed, json.dumps(result, ensure_ascii=False))
            self.assertFalse(os.path.exists(os.path.join(self.root, "out-tampered", "index.html")))
        finally:
            with open(path, "wb") as f:
                f.write(original)

    def test_a_missing_object_is_a_download_failure_with_its_url(self):
        entry = next(e for e in self.ask()["manifest"] if e["file_name"].startswith(self.changed))
        path = self.object_path(entry)
        os.rename(path, path + ".away")
        try:
            code, result = self.simulate("--version-name", "1.0.0", "--cache", self.cache_of_1_0_0())
            self.assertNotEqual(code, 0)
            self.assertIn(entry["download_url"], json.dumps(result))
        finally:
            os.rename(path + ".away", path)

    def test_a_wrong_public_key_is_refused(self):
        other = os.path.join(self.root, "other-key")
        os.makedirs(other)
        slipway_json("key", "create", "--out", other)
        code, result = self.simulate("--version-name", "1.0.0", pub=os.path.join(other, ".capgo_key_v2.pub"))
        self.assertNotEqual(code, 0)
        self.assertNotEqual(result["outcome"], "applied")

    def test_a_manifest_entry_with_dotdot_is_refused(self):
        channel = os.path.join(self.data, "storage", APP, "channels", "production.json")
        with open(channel) as f:
            original = f.read()
        manifest = json.loads(original)
        manifest["manifest"][0]["file_name"] = "../escape.js"
        try:
            with open(channel, "w") as f:
                json.dump(manifest, f)
            time.sleep(1.2)  # serve re-reads a channel manifest after one second
            code, result = self.simulate("--version-name", "1.0.0", "--out", os.path.join(self.root, "out-dotdot"))
            self.assertNotEqual(code, 0)
            self.assertIn("../escape.js", json.dumps(result))
            self.assertFalse(os.path.exists(os.path.join(self.root, "escape.js")))
        finally:
            with open(channel, "w") as f:
                f.write(original)
            time.sleep(1.2)


class DeltaUploadResume(unittest.TestCase):
    """kill -9 while the delta objects upload, then resume: objects proven before the kill are not sent again, the
    release completes, the history chain verifies, and a phone gets the release."""

    def test_kill_during_the_object_uploads_then_resume(self):
        root, data, key, pub = keyed_workspace("slipway-delta-resume-")
        try:
            build = os.path.join(root, "build")
            make_build(build)
            env = dict(os.environ, SLIPWAY_TEST_PAUSE_AT="upload-objects", SLIPWAY_TEST_PAUSE_SECONDS="60")
            proc = subprocess.Popen([SLIPWAY, "--data-dir", data, "release", "--app-id", APP, "--version", "2.0.0",
                                     "--path", build, "--key", key], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                    text=True, env=env)
            for line in proc.stderr:
                if "test pause" in line:
                    break
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            proc.stderr.close()
            # The objects the killed run proved (its journal: "proven\tKEY\tSIZE\tMTIME"); up to 8 were in flight.
            listed = slipway_json("history", "list", data_dir=data)
            journal = os.path.join(data, "work", str(listed[0]["id"]), "objects.journal")
            with open(journal, encoding="utf-8") as f:
                proven = [line.split("\t")[1] for line in f.read().splitlines()[1:] if line.startswith("proven\t")]
            self.assertGreater(len(proven), 10, "too few objects were proven before the kill")
            self.assertLess(len(proven), 300)
            before = {}
            for key in proven:
                path = os.path.join(data, "storage", key)
                before[path] = os.stat(path).st_mtime_ns
            resumed = run_slipway("release", "--resume", str(listed[0]["id"]), "--json", data_dir=data)
            self.assertEqual(resumed.returncode, 0, resumed.stderr)
            result = json.loads(resumed.stdout)
            self.assertEqual(result["status"], "completed")
            for path, mtime in before.items():
                self.assertEqual(os.stat(path).st_mtime_ns, mtime, f"{path} was sent again")
            assert_release_folder(self, os.path.join(data, "storage", APP, "2.0.0"), result)  # no temporary left
            shown = slipway_json("history", "show", str(result["release_id"]), data_dir=data)
            upload = [s for s in shown["steps"] if s["name"] == "upload"][-1]
            self.assertRegex(upload["detail"], r"proven by the interrupted run")
            self.assertNotRegex(upload["detail"], r"\(\d+ sent, 0 proven")
            verified = slipway_json("history", "verify", data_dir=data)
            self.assertTrue(verified["intact"], verified)
            server = SlipwayServe(data)
            try:
                code = run_slipway("device", "simulate", "--update-url", server.urls["updateUrl"], "--app-id", APP,
                                   "--public-key", pub, "--json").returncode
                self.assertEqual(code, 0)
            finally:
                server.stop()
        finally:
            shutil.rmtree(root, True)


    def test_a_storage_that_fills_up_fails_the_release_then_resume_completes_it(self):
        """The bundle and the objects go up at once, into a real 1.5 MiB tmpfs: whichever fills it, the release fails
        naming the full folder and stays resumable; with room made, the resume completes it and leaves nothing
        stray."""
        self.assertEqual(os.geteuid(), 0, "mounting a tmpfs needs root: run the device tests as root")
        root, data, key, pub = keyed_workspace("slipway-delta-full-")
        storage = os.path.join(data, "storage")
        os.makedirs(storage)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1536k", "tmpfs", storage], check=True)
        try:
            build = os.path.join(root, "build")
            make_build(build)
            failed = run_slipway("release", "--app-id", APP, "--version", "3.0.0", "--path", build, "--key", key,
                                 data_dir=data)
            self.assertNotEqual(failed.returncode, 0, failed.stdout)
            self.assertIn("is full", failed.stderr)
            listed = slipway_json("history", "list", data_dir=data)
            self.assertEqual(listed[0]["status"], "interrupted", listed)
            subprocess.run(["mount", "-o", "remount,size=64m", storage], check=True)
            resumed = run_slipway("release", "--resume", str(listed[0]["id"]), "--json", data_dir=data)
            self.assertEqual(resumed.returncode, 0, resumed.stderr)
            result = json.loads(resumed.stdout)
            self.assertEqual(result["delta"]["files"], 300)
            assert_release_folder(self, os.path.join(storage, APP, "3.0.0"), result)
            self.assertTrue(slipway_json("history", "verify", data_dir=data)["intact"])
        finally:
            subprocess.run(["umount", storage], check=False)
            shutil.rmtree(root, True)


class DeltaAfterRollBack(unittest.TestCase):
    """Rolling a channel back (or rolling an earlier release out) serves that release's delta again, from the file
    list it kept beside its bundle; a damaged list is said and the zip alone is served."""

    @classmethod
    def setUpClass(cls):
        cls.root, cls.data, cls.key, cls.pub = keyed_workspace("slipway-delta-rollback-")
        cls.v1, cls.tree1, cls.v2, _ = builds_with_one_file_changed(cls.root)
        for version, build in (("1.0.0", cls.v1), ("1.0.1", cls.v2)):
            slipway_json("release", "--app-id", APP, "--version", version, "--path", build, "--key", cls.key,
                         data_dir=cls.data)
        cls.server = SlipwayServe(cls.data)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.root, True)

    def set_channel(self, version):
        proc = run_slipway("channel", "set", "--app-id", APP, "--channel", "production", "--version", version,
                           data_dir=self.data)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout

    def phone_on_1_0_1(self, name):
        """A phone that shipped 1.0.1 in the app and has an empty download cache."""
        out = os.path.join(self.root, name)
        proc = run_slipway("device", "simulate", "--update-url", self.server.urls["updateUrl"], "--app-id", APP,
                           "--public-key", self.pub, "--json", "--version-name", "builtin", "--builtin", self.v2,
                           "--cache", os.path.join(self.root, name + "-cache"), "--out", out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return json.loads(proc.stdout), out

    def test_a_roll_back_serves_the_earlier_delta_then_a_damaged_list_the_zip(self):
        said = self.set_channel("1.0.0")
        self.assertIn("rollback", said)
        self.assertIn("Served with its delta of 300 files.", said)
        result, out = self.phone_on_1_0_1("rolled-back")
        self.assertEqual((result["version"], result["path"]), ("1.0.0", "manifest"))
        self.assertEqual((result["filesDownloaded"], result["reusedBuiltin"]), (1, 299))
        self.assertEqual(read_tree(out), self.tree1)

        self.set_channel("1.0.1")
        [kept] = [os.path.join(folder, name) for folder, _, names in os.walk(os.path.join(self.data, "storage", APP, "1.0.0"))
                  for name in names if name.startswith("delta-")]
        with open(kept, encoding="utf-8") as f:
            intact = f.read()
        damaged = json.loads(intact)
        damaged["manifest"][7]["file_name"] = "../outside.js"
        try:
            with open(kept, "w", encoding="utf-8") as f:
                json.dump(damaged, f)
            said = self.set_channel("1.0.0")
            self.assertRegex(said, r"Served as the zip alone: The delta file list \S+delta-[0-9a-f]+\.json is damaged")
            self.assertIn("../outside.js", said)
            result, out = self.phone_on_1_0_1("zip-after-damage")
            self.assertEqual((result["version"], result["path"]), ("1.0.0", "zip"))
            self.assertEqual(read_tree(out), self.tree1)
        finally:
            with open(kept, "w", encoding="utf-8") as f:
                f.write(intact)

    def test_a_rollout_of_an_earlier_release_carries_its_delta(self):
        self.set_channel("1.0.1")
        proc = run_slipway("channel", "rollout", "--app-id", APP, "--channel", "production", "--version", "1.0.0",
                           "--percent", "50", "--reason", "back for half", data_dir=self.data)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        try:
            with open(os.path.join(self.data, "storage", APP, "channels", "production.json"), encoding="utf-8") as f:
                manifest = json.load(f)
            self.assertEqual(manifest["rollout"]["version"], "1.0.0")
            self.assertEqual(len(manifest["rollout"]["release"]["manifest"]), 300)
        finally:
            run_slipway("channel", "rollout", "--app-id", APP, "--channel", "production", "--abort", "--reason", "done",
                        data_dir=self.data)


if __name__ == "__main__":
    unittest.main()
