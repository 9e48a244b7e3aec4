"""Many small objects (the per-file objects of a delta release) to each real server on loopback
(Ceph RGW, nginx WebDAV, OpenSSH SFTP) through `slipway upload --objects`: 2,000 objects, the run
killed with SIGKILL in the middle, then resumed: nothing proven is sent again, nothing is missing.
And bytes that change between hashing and sending are caught on every target."""
import hashlib
import json
import os
import re
import signal
import subprocess
import time
import unittest

import test_storage_servers as servers  # the same real servers, started the same way

SLIPWAY = servers.SLIPWAY
MiB = servers.MiB
OBJECTS = 2000
PARALLEL = 8
quote = servers.quote


def setUpModule():
    servers.setUpModule()


def tearDownModule():
    servers.tearDownModule()


def make_objects(name, count=OBJECTS):
    """`count` files of 4-64 KiB in 20 folders; returns the folder and {relative path: md5 hex}."""
    folder = os.path.join(servers.WORK, name)
    digests = {}
    for i in range(count):
        rel = f"d{i % 20:02d}/f{i:04d}.bin"
        os.makedirs(os.path.join(folder, os.path.dirname(rel)), exist_ok=True)
        data = os.urandom(4096 + (i * 7919) % (60 * 1024))
        with open(os.path.join(folder, rel), "wb") as f:
            f.write(data)
        digests[rel] = hashlib.md5(data).hexdigest()
    return folder, digests


class ObjectSetCase(servers.StorageCase):
    def env(self, **extra):
        return super().env(AWS_ACCESS_KEY_ID=servers.S3.access_key, AWS_SECRET_ACCESS_KEY=servers.S3.secret_key,
                           SLIPWAY_WEBDAV_PASSWORD=servers.WEBDAV.password, **extra)

    def command(self, folder, storage, prefix, *extra):
        return [SLIPWAY, "--data-dir", self.data_dir, "upload", "--objects", folder, "--storage", storage, "--as", prefix,
                "--json", "--parallel", str(PARALLEL), *extra]

    def kill_midway_then_resume(self, folder, storage, prefix, stored):
        """Runs the upload, kills it (SIGKILL) once about a third is sent, then resumes it. `stored()` gives
        {key: (version, md5-or-None)} of what the server holds. Returns the resumed run's JSON and what
        the server held before the resume."""
        proc = subprocess.Popen(self.command(folder, storage, prefix), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=self.env(), stdin=subprocess.DEVNULL)
        for line in proc.stderr:
            m = re.search(r": (\d+)% \(", line)
            if m and int(m.group(1)) >= 30:
                break
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, -signal.SIGKILL)
        before = stored()
        self.assertGreater(len(before), 0, "some objects were stored before the kill")
        self.assertLess(len(before), OBJECTS, "the kill came before the end")
        time.sleep(1.2)  # so a second upload of an object shows in a modification time of whole seconds
        r = subprocess.run(self.command(folder, storage, prefix, "--quiet"), capture_output=True, text=True, env=self.env(),
                           stdin=subprocess.DEVNULL, timeout=900)
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout), before

    def check_resumed(self, result, before, after, digests, prefix):
        self.assertEqual(result["objects"], OBJECTS)
        self.assertEqual(result["sent"] + result["skipped"], OBJECTS)
        # None missing, every one byte-identical.
        self.assertEqual(sorted(after), sorted(f"{prefix}/{rel}" for rel in digests))
        for rel, md5 in digests.items():
            self.assertEqual(after[f"{prefix}/{rel}"][1], md5, rel)
        # None re-sent: what the first run proved stays as it was; only the objects in flight at the
        # kill (stored but not yet recorded as proven) may go up again.
        resent = [k for k, (version, _) in before.items() if after[k][0] != version]
        self.assertLessEqual(len(resent), PARALLEL, resent[:20])
        self.assertGreaterEqual(result["skipped"], len(before) - PARALLEL, result)
        self.assertEqual(result["sent"], OBJECTS - result["skipped"])
        self.assertLessEqual(result["sent"], OBJECTS - len(before) + PARALLEL, result)


class S3ObjectSets(ObjectSetCase):
    def listing(self, prefix):
        """{key: (LastModified, md5)} of everything under prefix/, as the curl tool lists it."""
        objects, token = {}, None
        while True:
            # curl 7.88 signs the query as written: sorted by name, values fully percent-encoded.
            from urllib.parse import quote as encode
            query = ((f"?continuation-token={encode(token, safe='')}&" if token else "?")
                     + f"list-type=2&prefix={encode(prefix + '/', safe='')}")
            code, body = servers.S3.curl("GET", f"/{servers.S3.bucket}{query}")
            self.assertEqual(code, 200, body[:300])
            text = body.decode()
            for m in re.finditer(r"<Contents>(.*?)</Contents>", text, re.S):
                c = m.group(1)
                key = re.search(r"<Key>(.*?)</Key>", c).group(1)
                etag = re.search(r"<ETag>(.*?)</ETag>", c).group(1).replace("&quot;", "").replace('"', "")
                objects[key] = (re.search(r"<LastModified>(.*?)</LastModified>", c).group(1), etag)
            m = re.search(r"<NextContinuationToken>(.*?)</NextContinuationToken>", text)
            if "<IsTruncated>true</IsTruncated>" not in text or not m:
                return objects
            token = m.group(1)

    def test_2000_objects_killed_and_resumed(self):
        folder, digests = make_objects("s3objects")
        url = f"s3://{servers.S3.bucket}/app?endpoint={servers.S3.endpoint}"
        result, before = self.kill_midway_then_resume(folder, url, "delta", lambda: self.listing("app/delta"))
        after = {k[len("app/"):]: v for k, v in self.listing("app/delta").items()}
        before = {k[len("app/"):]: v for k, v in before.items()}
        self.check_resumed(result, before, after, digests, "delta")

    def test_bytes_changed_after_hashing_are_refused(self):
        path = os.path.join(servers.WORK, "changing.bin")
        with open(path, "wb") as f:
            f.write(os.urandom(24 * MiB))
        url = f"s3://{servers.S3.bucket}/app?endpoint={servers.S3.endpoint}"
        for name, extra in (("multipart", ["--part-size", "5", "--multipart-threshold", "8"]), ("one PUT", [])):
            with self.subTest(name):
                key = f"changed/{name.replace(' ', '-')}.zip"
                r = subprocess.run([SLIPWAY, "--data-dir", self.data_dir, "upload", path, "--storage", url, "--as", key, "--quiet",
                                    *extra], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                                   env=self.env(SLIPWAY_TEST_DAMAGE_BODY_AT=str(7 * MiB + 123)), timeout=300)
                self.assertEqual(r.returncode, 1, r.stderr)
                self.assertIn("not the ones hashed before sending (BadDigest)", r.stderr)
                self.assertIn("nothing was published", r.stderr)
                code, _ = servers.S3.curl("HEAD", f"/{servers.S3.bucket}/app/{key}")
                self.assertEqual(code, 404, "nothing at the final name")
                code, body = servers.S3.curl("GET", f"/{servers.S3.bucket}?uploads=")
                self.assertNotIn(f"<Key>app/{key}</Key>".encode(), body, "the multipart upload was aborted")
                uploads = os.path.join(self.data_dir, "uploads")
                self.assertEqual(os.listdir(uploads) if os.path.isdir(uploads) else [], [])


class FileServerObjectSets(ObjectSetCase):
    """WebDAV and SFTP: objects are files on the server's disk."""
    def files(self, root):
        found = {}
        for d, _, names in os.walk(root):
            for n in names:
                p = os.path.join(d, n)
                with open(p, "rb") as f:
                    found[os.path.relpath(p, root)] = (os.stat(p).st_mtime_ns, hashlib.md5(f.read()).hexdigest())
        return found

    def final_files(self, root):
        return {k: v for k, v in self.files(root).items() if ".slipway-" not in k}

    def check_no_leftovers(self, root):
        self.assertEqual([k for k in self.files(root) if ".slipway-" in k], [], "no temporary file is left")

    def test_webdav_2000_objects_killed_and_resumed(self):
        folder, digests = make_objects("davobjects")
        root = os.path.join(servers.WEBDAV.root, "sets")
        url = servers.WEBDAV.url.replace("http://", f"http://{servers.WEBDAV.user}@") + "/sets"
        result, before = self.kill_midway_then_resume(folder, url, "delta", lambda: self.final_files(root))
        self.check_resumed(result, before, self.final_files(root), digests, "delta")
        self.check_no_leftovers(root)

    def test_sftp_2000_objects_killed_and_resumed(self):
        folder, digests = make_objects("sftpobjects")
        root = os.path.join(servers.SFTP.root, "sets")
        url = f"sftp://{servers.SFTP.user}@127.0.0.1:{servers.SFTP.port}{servers.SFTP.root}/sets?key={servers.SFTP.key}&host-key={servers.SFTP.host_key}"
        result, before = self.kill_midway_then_resume(folder, url, "delta", lambda: self.final_files(root))
        self.check_resumed(result, before, self.final_files(root), digests, "delta")
        self.check_no_leftovers(root)

    def test_bytes_damaged_on_the_way_are_caught(self):
        path = os.path.join(servers.WORK, "damaged.bin")
        with open(path, "wb") as f:
            f.write(os.urandom(3 * MiB))
        targets = (("webdav", servers.WEBDAV.url.replace("http://", f"http://{servers.WEBDAV.user}@") + "/dmg", os.path.join(servers.WEBDAV.root, "dmg")),
                   ("sftp", f"sftp://{servers.SFTP.user}@127.0.0.1:{servers.SFTP.port}{servers.SFTP.root}/dmg?key={servers.SFTP.key}&host-key={servers.SFTP.host_key}",
                    os.path.join(servers.SFTP.root, "dmg")))
        for name, url, root in targets:
            with self.subTest(name):
                r = subprocess.run([SLIPWAY, "--data-dir", self.data_dir, "upload", path, "--storage", url, "--as", "a/b.zip",
                                    "--quiet"], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                                   env=self.env(SLIPWAY_TEST_DAMAGE_BODY_AT=str(MiB + 5)), timeout=300)
                self.assertEqual(r.returncode, 1, r.stderr)
                self.assertIn("differs from the local file (SHA-256 mismatch)", r.stderr)
                self.assertEqual(self.files(root) if os.path.isdir(root) else {}, {}, "nothing at the final name, no temporary file")


if __name__ == "__main__":
    unittest.main()
