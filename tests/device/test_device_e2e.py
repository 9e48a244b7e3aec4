"""End to end: release -> local storage + channel manifest -> slipway serve -> device simulate, rollback, tampering.
The zip path: these releases are zip only (--no-delta); the delta path is test_delta_e2e.py."""
import json
import os
import shutil
import tempfile
import unittest

from slipway_env import SlipwayServe as Server, run_slipway, slipway_json, stored_device_events, write_web_build

APP = "com.example.e2e"


class DeviceEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="slipway-e2e-")
        cls.data = os.path.join(cls.root, "data")
        cls.keys = os.path.join(cls.root, "keys")
        os.makedirs(cls.keys)
        slipway_json("key", "create", "--out", cls.keys)
        cls.pub = os.path.join(cls.keys, ".capgo_key_v2.pub")
        cls.releases = {}
        for version in ("1.0.0", "1.0.1"):
            build = os.path.join(cls.root, "build-" + version)
            write_web_build(build, version)
            cls.releases[version] = slipway_json("release", "--app-id", APP, "--version", version, "--path", build,
                                                 "--key", os.path.join(cls.keys, ".capgo_key_v2"), "--no-delta",
                                                 data_dir=cls.data)
        cls.server = Server(cls.data)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.root, True)

    def simulate(self, *extra, key=None):
        # the phone's data folder is the workspace's: its local storage is where the manifest's file:// URLs point
        proc = run_slipway("device", "simulate", "--update-url", self.server.urls["updateUrl"], "--app-id", APP,
                           "--public-key", key or self.pub, "--json", *extra, data_dir=self.data)
        return proc.returncode, json.loads(proc.stdout)

    def steps(self, result):
        return {s["id"]: s for s in result["steps"]}

    def test_1_phone_gets_the_newest_release_then_rollback_then_up_to_date(self):
        code, result = self.simulate()
        self.assertEqual(code, 0, result)
        self.assertEqual(result["outcome"], "applied")
        self.assertEqual(result["version"], "1.0.1")
        self.assertTrue(all(s["passed"] for s in result["steps"]))
        self.assertIn("index-html", self.steps(result))
        self.assertEqual(result["response"]["session_key"], self.releases["1.0.1"]["iv_session_key"])

        change = slipway_json("channel", "set", "--app-id", APP, "--channel", "production", "--version", "1.0.0",
                              data_dir=self.data)
        self.assertEqual(change["kind"], "rollback")
        self.assertEqual(change["previousVersion"], "1.0.1")
        code, result = self.simulate()
        self.assertEqual(code, 0, result)
        self.assertEqual(result["version"], "1.0.0")

        code, result = self.simulate("--version-name", "1.0.0")
        self.assertNotEqual(code, 0)
        self.assertEqual(result["outcome"], "up_to_date")

        events = slipway_json("history", "show", str(self.releases["1.0.0"]["release_id"]), data_dir=self.data)
        self.assertIn("rollback", json.dumps(events))
        change = slipway_json("channel", "set", "--app-id", APP, "--channel", "production", "--version", "1.0.1",
                              data_dir=self.data)
        self.assertEqual(change["kind"], "promote")
        verify = run_slipway("history", "verify", data_dir=self.data)
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)

    def test_2_wrong_public_key_is_a_named_decryption_failure(self):
        other = os.path.join(self.root, "other-key")
        os.makedirs(other, exist_ok=True)
        slipway_json("key", "create", "--out", other, "--force")
        # the device announces another key_id, so the endpoint refuses to serve a bundle it cannot open
        code, result = self.simulate(key=os.path.join(other, ".capgo_key_v2.pub"))
        self.assertNotEqual(code, 0)
        self.assertEqual(result["outcome"], "blocked")
        self.assertIn("key", result["summary"])

    def test_4_stats_are_recorded_in_the_history(self):
        import urllib.request
        events = [{"app_id": APP, "device_id": "dev-1", "action": "download_complete", "version_name": "1.0.1",
                   "platform": "android"},
                  {"app_id": APP, "device_id": "dev-1", "action": "set", "version_name": "1.0.1", "platform": "android"}]
        request = urllib.request.Request(self.server.urls["statsUrl"], data=json.dumps(events).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=10) as answer:
            self.assertEqual(json.load(answer)["recorded"], 2)
        listed = stored_device_events(self.data, 2, "--app-id", APP)
        self.assertEqual([e["action"] for e in listed][:2], ["set", "download_complete"])
        self.assertEqual(listed[0]["device_id"], "dev-1")

    def test_3_unknown_channel_and_unreachable_endpoint(self):
        code, result = self.simulate("--channel", "beta")
        self.assertNotEqual(code, 0)
        self.assertEqual(result["outcome"], "failed")
        self.assertIn("beta", result["summary"])
        proc = run_slipway("device", "simulate", "--update-url", "http://127.0.0.1:9/updates", "--app-id", APP,
                           "--public-key", self.pub)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("Cannot reach", proc.stderr)


class Tampering(unittest.TestCase):
    """Each case gets its own workspace so the damage stays contained."""

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="slipway-tamper-")
        self.addCleanup(shutil.rmtree, self.root, True)
        self.data = os.path.join(self.root, "data")
        keys = os.path.join(self.root, "keys")
        os.makedirs(keys)
        slipway_json("key", "create", "--out", keys)
        self.pub = os.path.join(keys, ".capgo_key_v2.pub")
        build = os.path.join(self.root, "build")
        write_web_build(build, "2.0.0")
        self.release = slipway_json("release", "--app-id", APP, "--version", "2.0.0", "--path", build,
                                    "--key", os.path.join(keys, ".capgo_key_v2"), "--no-delta", data_dir=self.data)
        self.server = Server(self.data)
        self.addCleanup(self.server.stop)
        manifest = os.path.join(self.data, "storage", APP, "channels", "production.json")
        with open(manifest) as f:
            self.manifest = json.load(f)
        self.assertTrue(self.manifest["url"].startswith("file://"), self.manifest["url"])
        self.bundle = self.manifest["url"][len("file://"):]

    def simulate(self, key=None):
        proc = run_slipway("device", "simulate", "--update-url", self.server.urls["updateUrl"], "--app-id", APP,
                           "--public-key", key or self.pub, "--json", data_dir=self.data)
        return proc.returncode, json.loads(proc.stdout)

    def failed(self, result):
        return next(s for s in result["steps"] if not s["passed"])

    def test_one_changed_byte_is_a_checksum_failure(self):
        with open(self.bundle, "r+b") as f:
            f.seek(64)
            b = f.read(1)
            f.seek(64)
            f.write(bytes([b[0] ^ 0xFF]))
        code, result = self.simulate()
        self.assertNotEqual(code, 0)
        step = self.failed(result)
        self.assertIn(step["id"], ("compare-checksum", "decrypt"))
        self.assertIn("altered", step["detail"] + result["summary"])

    def test_missing_object_is_a_download_failure_with_the_url(self):
        os.remove(self.bundle)
        code, result = self.simulate()
        self.assertNotEqual(code, 0)
        step = self.failed(result)
        self.assertEqual(step["id"], "download")
        # The URL the phone was given: serve's own /files/ URL for the bundle in the local storage folder.
        self.assertIn(result["response"]["url"], step["detail"])
        self.assertTrue(result["response"]["url"].startswith(self.server.urls["updateUrl"].rsplit("/", 1)[0] + "/files/"))
        self.assertTrue(result["response"]["url"].endswith(os.path.basename(self.bundle)))
        self.assertIn("404", step["detail"])

    def test_wrong_key_with_matching_key_id_is_a_decryption_failure(self):
        # A key that claims the same key_id (the first 20 base64 characters are nearly constant) but differs:
        # the endpoint serves the bundle and the phone fails to unwrap its session key.
        other = os.path.join(self.root, "other")
        os.makedirs(other)
        slipway_json("key", "create", "--out", other)
        with open(os.path.join(self.data, "storage", APP, "channels", "production.json"), "w") as f:
            json.dump({k: v for k, v in self.manifest.items() if k != "key_id"}, f)
        code, result = self.simulate(key=os.path.join(other, ".capgo_key_v2.pub"))
        self.assertNotEqual(code, 0)
        step = self.failed(result)
        self.assertEqual(step["id"], "unwrap-key")
        self.assertIn("does not open with this public key", step["detail"])


if __name__ == "__main__":
    unittest.main()
