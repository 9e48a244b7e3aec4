"""`device simulate` with a device state (--builtin, --cache, --out) against an update endpoint on loopback that
answers with a delta manifest (objects published by tst_manifest_install) or with the zip alone: the phone takes
the manifest path when there is one, reuses the builtin build and its cache, and writes the bundle as it would
have it; the zip path is unpacked with QuaZip and fills the cache."""
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
import unittest
import zipfile

from delta_builds import read_tree
from slipway_env import SLIPWAY, VECTORS, golden

BUILD_DIR = os.environ.get("SLIPWAY_BUILD_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "build"))
APP = "com.example.delta"


class Endpoint(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_bytes(self, data, content_type="application/octet-stream"):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_bytes(json.dumps(self.server.answer).encode(), "application/json")

    def do_GET(self):
        self.server.fetched.append(self.path)
        data = self.server.objects.get(self.path)
        if data is None:
            self.send_error(404)
        else:
            self.send_bytes(data)


class DeltaSimulate(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fixtures = tempfile.mkdtemp(prefix="slipway-delta-fixtures-")
        tool = os.path.join(BUILD_DIR, "tests", "tst_manifest_install")
        proc = subprocess.run([tool, "writeDecoderFixtures"], capture_output=True, text=True, timeout=300,
                              env=dict(os.environ, SLIPWAY_DELTA_FIXTURE_DIR=cls.fixtures))
        if proc.returncode != 0:
            raise AssertionError(f"fixture writer failed:\n{proc.stdout}\n{proc.stderr}")
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
        cls.server.daemon_threads = True
        cls.base = "http://127.0.0.1:%d" % cls.server.server_address[1]
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        shutil.rmtree(cls.fixtures, True)

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="slipway-delta-sim-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.server.fetched = []

    def serve_delta(self):
        """Answers with the encrypted fixture's manifest, its objects served over HTTP."""
        folder = os.path.join(self.fixtures, "encrypted")
        with open(os.path.join(folder, "answer.json"), encoding="utf-8") as f:
            answer = json.load(f)
        objects = {}
        for i, entry in enumerate(answer["manifest"]):
            with open(os.path.join(folder, "objects", str(i)), "rb") as f:
                objects[f"/objects/{i}"] = f.read()
            entry["download_url"] = f"{self.base}/objects/{i}"
        answer["url"] = f"{self.base}/never-downloaded.zip"
        self.server.answer, self.server.objects = answer, objects
        return folder, answer

    def simulate(self, public_key, *state):
        proc = subprocess.run([SLIPWAY, "--data-dir", os.path.join(self.dir, "data"), "device", "simulate",
                               "--update-url", self.base + "/updates", "--app-id", APP, "--public-key", public_key,
                               "--json", *state], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
        return proc.returncode, json.loads(proc.stdout)

    def test_manifest_path_downloads_only_what_the_phone_lacks(self):
        folder, answer = self.serve_delta()
        pem = os.path.join(folder, "public.pem")
        expected = read_tree(os.path.join(folder, "out"))
        total = len(answer["manifest"])
        cache = os.path.join(self.dir, "cache")
        out1 = os.path.join(self.dir, "out1")
        code, result = self.simulate(pem, "--cache", cache, "--out", out1)
        self.assertEqual(code, 0, result)
        self.assertEqual((result["path"], result["filesTotal"], result["filesDownloaded"], result["reusedCache"]),
                         ("manifest", total, total, 0))
        self.assertEqual(result["bytesDownloaded"], sum(len(v) for v in self.server.objects.values()))
        self.assertNotIn("/never-downloaded.zip", self.server.fetched)
        self.assertEqual(read_tree(out1), expected)
        self.assertEqual(len(os.listdir(cache)), total)

        # The same phone again: everything from its cache, nothing fetched.
        self.server.fetched = []
        code, result = self.simulate(pem, "--cache", cache, "--out", os.path.join(self.dir, "out2"))
        self.assertEqual(code, 0, result)
        self.assertEqual((result["filesDownloaded"], result["reusedCache"], result["bytesDownloaded"]), (0, total, 0))
        self.assertEqual(self.server.fetched, [])
        self.assertEqual(read_tree(os.path.join(self.dir, "out2")), expected)

        # A fresh phone whose builtin build has all but one file: one download.
        builtin = os.path.join(self.dir, "builtin")
        shutil.copytree(os.path.join(folder, "out"), builtin)
        with open(os.path.join(builtin, "index.html"), "ab") as f:
            f.write(b"<!-- older -->")
        code, result = self.simulate(pem, "--builtin", builtin, "--out", os.path.join(self.dir, "out3"))
        self.assertEqual(code, 0, result)
        self.assertEqual((result["filesDownloaded"], result["reusedBuiltin"], result["reusedCache"]), (1, total - 1, 0))
        self.assertEqual(read_tree(os.path.join(self.dir, "out3")), expected)

    def test_a_missing_object_fails_naming_its_url_and_writes_nothing(self):
        folder, answer = self.serve_delta()
        del self.server.objects["/objects/2"]
        out = os.path.join(self.dir, "out")
        code, result = self.simulate(os.path.join(folder, "public.pem"), "--out", out)
        self.assertNotEqual(code, 0)
        step = next(s for s in result["steps"] if not s["passed"])
        self.assertEqual(step["id"], "manifest-files")
        self.assertIn(answer["manifest"][2]["file_name"], step["detail"])
        self.assertIn(f"{self.base}/objects/2", step["detail"])
        self.assertIn("HTTP 404", step["detail"])
        self.assertEqual((result["failureAction"], result["failedFile"]),
                         ("download_manifest_file_fail", answer["manifest"][2]["file_name"]))
        self.assertFalse(os.path.exists(out))
        self.assertEqual(os.listdir(self.dir), ["data"] if os.path.exists(os.path.join(self.dir, "data")) else [])

    def test_zip_path_unpacks_with_quazip_and_fills_the_cache(self):
        g = golden()
        with open(os.path.join(VECTORS, "bundle.zip.encrypted"), "rb") as f:
            self.server.objects = {"/bundle.zip.encrypted": f.read()}
        self.server.answer = {"version": "9.9.9", "url": f"{self.base}/bundle.zip.encrypted",
                              "session_key": g["ivSessionKey"], "checksum": g["encryptedChecksum"]}
        out, cache = os.path.join(self.dir, "out"), os.path.join(self.dir, "cache")
        code, result = self.simulate(os.path.join(VECTORS, "capgo_key_v2.pub.pem"), "--out", out, "--cache", cache)
        self.assertEqual(code, 0, result)
        self.assertEqual(result["path"], "zip")
        with zipfile.ZipFile(os.path.join(VECTORS, "bundle.zip")) as z:
            expected = {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}
        self.assertEqual(read_tree(out), expected)
        self.assertEqual(result["filesTotal"], len(expected))
        self.assertEqual(result["bytesDownloaded"], len(self.server.objects["/bundle.zip.encrypted"]))
        cached = {hashlib.sha256(data).hexdigest() + "_" + os.path.basename(name): data
                  for name, data in expected.items()}
        self.assertEqual(read_tree(cache), cached)


if __name__ == "__main__":
    unittest.main()
