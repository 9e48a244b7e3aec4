"""End to end on real S3 (Ceph RGW on loopback): release -> S3 -> manifest -> slipway serve -> simulated phone. The zip
path (--no-delta releases); deltas on S3 are in test_delta_storage.py."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import urllib.parse

from slipway_env import SLIPWAY, SOURCE_DIR, SlipwayServe as Server, run_slipway, slipway_json, write_web_build

sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "servers"))
import loopback_servers  # noqa: E402

APP = "com.example.s3e2e"


class S3EndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s3 = loopback_servers.S3Server()
        cls.root = tempfile.mkdtemp(prefix="slipway-s3-e2e-")
        cls.data = os.path.join(cls.root, "data")
        cls.env = {"AWS_ACCESS_KEY_ID": cls.s3.access_key, "AWS_SECRET_ACCESS_KEY": cls.s3.secret_key,
                   "AWS_REGION": "us-east-1"}
        os.environ.update(cls.env)  # `slipway serve` reads the manifests with the same credentials
        url = f"s3://{cls.s3.bucket}/apps?endpoint={cls.s3.endpoint}&region=us-east-1&style=path"
        run_slipway("storage", "add", "rgw", "--url", url, data_dir=cls.data, env=cls.env, check=True)
        keys = os.path.join(cls.root, "keys")
        os.makedirs(keys)
        slipway_json("key", "create", "--out", keys)
        cls.pub = os.path.join(keys, ".capgo_key_v2.pub")
        cls.releases = {}
        for version in ("3.0.0", "3.1.0"):
            build = os.path.join(cls.root, "build-" + version)
            write_web_build(build, version)
            release = slipway_json("release", "--app-id", APP, "--version", version, "--path", build, "--storage", "rgw",
                                   "--key", os.path.join(keys, ".capgo_key_v2"), "--no-delta", data_dir=cls.data,
                                   env=cls.env)
            cls.releases[version] = release
            # A bucket behind a CDN is world-readable: grant anonymous read on the bundle as such a bucket would.
            key = urllib.parse.urlparse(release["url"]).path
            status, body = cls.s3.curl("PUT", key + "?acl=", "-H", "x-amz-acl: public-read", "--data-binary", "")
            assert status == 200, (status, body)
        cls.server = Server(cls.data, "--storage", "rgw")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.s3.stop()
        shutil.rmtree(cls.root, True)

    def simulate(self, *extra):
        proc = run_slipway("device", "simulate", "--update-url", self.server.urls["updateUrl"], "--app-id", APP,
                           "--public-key", self.pub, "--json", *extra)
        return proc.returncode, json.loads(proc.stdout)

    def test_phone_applies_the_s3_release_and_follows_a_rollback(self):
        self.assertTrue(self.releases["3.1.0"]["url"].startswith(self.s3.endpoint), self.releases["3.1.0"]["url"])
        code, result = self.simulate()
        self.assertEqual(code, 0, result)
        self.assertEqual(result["version"], "3.1.0")
        self.assertEqual(result["outcome"], "applied")
        change = slipway_json("channel", "set", "--app-id", APP, "--channel", "production", "--version", "3.0.0",
                              data_dir=self.data, env=self.env)
        self.assertEqual(change["kind"], "rollback")
        code, result = self.simulate()
        self.assertEqual(code, 0, result)
        self.assertEqual(result["version"], "3.0.0")
        code, result = self.simulate("--version-name", "3.0.0")
        self.assertEqual(result["outcome"], "up_to_date")

    def test_tampered_object_on_s3_is_a_checksum_failure(self):
        # Overwrite the published 3.0.0 object with a copy that differs in one byte (a compromised bucket).
        key = urllib.parse.urlparse(self.releases["3.0.0"]["url"]).path
        local = os.path.join(self.root, "tampered.enc")
        status, _ = self.s3.curl("GET", key, output=local)
        self.assertEqual(status, 200)
        with open(local, "r+b") as f:
            f.seek(100)
            b = f.read(1)
            f.seek(100)
            f.write(bytes([b[0] ^ 1]))
        status, _ = self.s3.curl("PUT", key, "-T", local, "-H", "x-amz-acl: public-read")
        self.assertEqual(status, 200)
        slipway_json("channel", "set", "--app-id", APP, "--channel", "beta", "--version", "3.0.0",
                     data_dir=self.data, env=self.env)
        code, result = self.simulate("--channel", "beta")
        self.assertNotEqual(code, 0)
        failed = next(s for s in result["steps"] if not s["passed"])
        self.assertIn(failed["id"], ("compare-checksum", "decrypt"))


if __name__ == "__main__":
    unittest.main()
