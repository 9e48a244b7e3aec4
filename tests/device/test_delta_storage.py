"""Delta releases on every storage server kind, on real servers on loopback (Ceph RGW for S3, nginx WebDAV, OpenSSH
SFTP): release 1.0.0, a phone installs it through the delta, release 1.0.1 with one file changed, and `slipway serve`
(reading the channel manifest from that storage) hands the phone on 1.0.0 a delta it completes by downloading the one
changed file. Phones download from where the storage publishes: the bucket itself (public read, as a bucket behind a
CDN), and for WebDAV and SFTP a plain web server in front of their folders (the profile's public base URL)."""
import functools
import http.server
import json
import os
import shutil
import sys
import tempfile
import threading
import unittest

from delta_builds import make_build, read_tree
from slipway_env import SOURCE_DIR, SlipwayServe, keyed_workspace, run_slipway, slipway_json

sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "servers"))
import loopback_servers  # noqa: E402


class QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def web_server_over(folder):
    """A read-only web server in front of a storage folder: (server, base URL)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietFiles, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class DeltaOnStorageServers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root, cls.data, cls.key, cls.pub = keyed_workspace("slipway-delta-storage-")
        cls.s3 = loopback_servers.S3Server()
        cls.webdav = loopback_servers.WebDavServer()
        cls.sftp = loopback_servers.SftpServer()
        cls.env = {"AWS_ACCESS_KEY_ID": cls.s3.access_key, "AWS_SECRET_ACCESS_KEY": cls.s3.secret_key,
                   "AWS_REGION": "us-east-1", "SLIPWAY_WEBDAV_PASSWORD": cls.webdav.password}
        os.environ.update(cls.env)  # `slipway serve` reads the channel manifests with the same credentials
        policy = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
             "Resource": f"arn:aws:s3:::{cls.s3.bucket}/*"}]})
        status, body = cls.s3.curl("PUT", f"/{cls.s3.bucket}?policy=", "--data-binary", policy)
        assert status in (200, 204), (status, body)
        cls.web = []
        dav_web, dav_base = web_server_over(os.path.join(cls.webdav.root, "delta"))
        sftp_web, sftp_base = web_server_over(os.path.join(cls.sftp.root, "delta"))
        cls.web += [dav_web, sftp_web]
        profiles = {
            "rgw": (f"s3://{cls.s3.bucket}/apps?endpoint={cls.s3.endpoint}&region=us-east-1&style=path", None),
            "dav": (cls.webdav.url.replace("http://", f"http://{cls.webdav.user}@") + "/delta", dav_base),
            "sftp": (f"sftp://{cls.sftp.user}@127.0.0.1:{cls.sftp.port}{cls.sftp.root}/delta?key={cls.sftp.key}"
                     f"&host-key={cls.sftp.host_key}", sftp_base),
        }
        for name, (url, public) in profiles.items():
            args = ["storage", "add", name, "--url", url] + (["--public-base-url", public] if public else [])
            run_slipway(*args, data_dir=cls.data, env=cls.env, check=True)
        cls.v1 = os.path.join(cls.root, "build-1.0.0")
        make_build(cls.v1)
        cls.v2 = os.path.join(cls.root, "build-1.0.1")
        shutil.copytree(cls.v1, cls.v2)
        with open(os.path.join(cls.v2, "assets", "app.js"), "ab") as f:
            f.write(b"// 1.0.1\n")
        cls.tree2 = read_tree(cls.v2)

    @classmethod
    def tearDownClass(cls):
        for server in cls.web:
            server.shutdown()
        cls.sftp.stop()
        cls.webdav.stop()
        cls.s3.stop()
        shutil.rmtree(cls.root, True)

    def one_file_update_on(self, storage):
        app = f"com.example.delta{storage}"
        release = lambda version, build: slipway_json(  # noqa: E731
            "release", "--app-id", app, "--version", version, "--path", build, "--key", self.key, "--storage", storage,
            data_dir=self.data, env=self.env)
        first = release("1.0.0", self.v1)
        self.assertEqual(first["delta"]["files"], 300)
        server = SlipwayServe(self.data, "--storage", storage)
        try:
            cache = tempfile.mkdtemp(prefix="cache-", dir=self.root)
            phone = ["device", "simulate", "--update-url", server.urls["updateUrl"], "--app-id", app,
                     "--public-key", self.pub, "--cache", cache, "--json"]
            installed = run_slipway(*phone)
            self.assertEqual(installed.returncode, 0, installed.stdout)
            self.assertEqual(json.loads(installed.stdout)["filesDownloaded"], 300)
            second = release("1.0.1", self.v2)
            self.assertEqual(second["delta"]["files_to_download"], 1)
            out = os.path.join(self.root, f"out-{storage}")
            proc = run_slipway(*phone, "--version-name", "1.0.0", "--out", out)
            self.assertEqual(proc.returncode, 0, proc.stdout)
            result = json.loads(proc.stdout)
            self.assertEqual((result["version"], result["path"]), ("1.0.1", "manifest"))
            self.assertEqual((result["filesDownloaded"], result["reusedCache"]), (1, 299))
            self.assertEqual(read_tree(out), self.tree2)
            return result
        finally:
            server.stop()

    def test_s3(self):
        self.one_file_update_on("rgw")

    def test_webdav(self):
        self.one_file_update_on("dav")

    def test_sftp(self):
        self.one_file_update_on("sftp")


if __name__ == "__main__":
    unittest.main()
