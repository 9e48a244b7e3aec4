"""Storage targets against real servers on loopback (Ceph RGW for S3, nginx WebDAV, OpenSSH SFTP),
driven through the real `slipway` binary: round trips, faults with clear messages, resume, cancel."""
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.environ.get("SLIPWAY_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..")),
                                "tests", "servers"))
import loopback_servers  # noqa: E402

SLIPWAY = os.environ.get("SLIPWAY_BIN", os.path.join(os.path.dirname(__file__), "..", "..", "build", "app", "slipway"))
MiB = 1024 * 1024
S3 = WEBDAV = SFTP = None
WORK = None


def setUpModule():
    global S3, WEBDAV, SFTP, WORK
    if os.geteuid() != 0:  # a failure, not a skip: skipped server tests must not look like passing ones
        raise RuntimeError("the storage server tests need root (Ceph cluster, sshd, tmpfs mounts)")
    WORK = tempfile.mkdtemp(prefix="slipway-storage-test.")
    WEBDAV = loopback_servers.WebDavServer()
    SFTP = loopback_servers.SftpServer()
    S3 = loopback_servers.S3Server()


def tearDownModule():
    for server in (S3, WEBDAV, SFTP):
        if server:
            server.stop()
    if WORK:
        shutil.rmtree(WORK, ignore_errors=True)


def make_file(name, size):
    path = os.path.join(WORK, name)
    with open(path, "wb") as f:
        left = size
        while left > 0:
            n = min(left, 8 * MiB)
            f.write(os.urandom(n))
            left -= n
    return path


def sha256_of(path_or_bytes):
    if isinstance(path_or_bytes, bytes):
        return hashlib.sha256(path_or_bytes).hexdigest()
    h = hashlib.sha256()
    with open(path_or_bytes, "rb") as f:
        for chunk in iter(lambda: f.read(MiB), b""):
            h.update(chunk)
    return h.hexdigest()


class StorageCase(unittest.TestCase):
    def setUp(self):
        self.data_dir = tempfile.mkdtemp(prefix="data.", dir=WORK)

    def env(self, **extra):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("AWS_") and not k.startswith("SLIPWAY_WEBDAV") and not k.startswith("SLIPWAY_SFTP")}
        env.update({k: v for k, v in extra.items() if v is not None})
        return env

    def s3_env(self, **extra):
        return self.env(**{"AWS_ACCESS_KEY_ID": S3.access_key, "AWS_SECRET_ACCESS_KEY": S3.secret_key, **extra})

    def slipway(self, *args, env=None, input=None, timeout=300):
        return subprocess.run([SLIPWAY, "--data-dir", self.data_dir, *args], capture_output=True, text=True,
                              env=env or self.env(), input=input, timeout=timeout, stdin=None if input else subprocess.DEVNULL)

    def upload_json(self, path, storage, key, env, *extra):
        r = self.slipway("upload", path, "--storage", storage, "--as", key, "--json", "--quiet", *extra, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def s3_url(self, prefix="app", **options):
        query = "&".join([f"endpoint={S3.endpoint}"] + [f"{k}={v}" for k, v in options.items()])
        return f"s3://{S3.bucket}/{prefix}?{query}"

    def s3_get(self, key):
        """The object as an independent client (curl) sees it, or None when absent."""
        out = os.path.join(WORK, "get.bin")
        code, _ = S3.curl("GET", f"/{S3.bucket}/" + quote(key), output=out)
        if code == 404:
            return None
        self.assertEqual(code, 200)
        return out

    def start_upload(self, path, storage, key, env, *extra):
        return subprocess.Popen([SLIPWAY, "--data-dir", self.data_dir, "upload", path, "--storage", storage, "--as", key, "--json",
                                 *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                                stdin=subprocess.DEVNULL)

    @staticmethod
    def wait_for_progress(proc, percent):
        """Reads the progress lines on stderr until `percent` is reached; returns what was read."""
        seen = []
        for line in proc.stderr:
            seen.append(line)
            if "%" in line:
                try:
                    if int(line.split(": ")[-1].split("%")[0]) >= percent:
                        return seen
                except ValueError:
                    pass
        return seen


def quote(key):
    from urllib.parse import quote as q
    return q(key, safe="/-_.~")


class S3Tests(StorageCase):
    def test_round_trips_1B_5MiB_200MiB_multipart(self):
        env = self.s3_env()
        for size, key in ((1, "one byte.bin"), (5 * MiB, "bundles/déjà vu/Ünïcødé €.zip"), (200 * MiB, "big/app 1.0.0.zip")):
            with self.subTest(size=size):
                path = make_file("rt.bin", size)
                result = self.upload_json(path, self.s3_url(), key, env)
                self.assertTrue(result["verified"])
                self.assertEqual(result["sha256"], sha256_of(path))
                self.assertEqual(result["size"], size)
                self.assertEqual(result["parts"], 13 if size == 200 * MiB else 0)
                self.assertEqual(result["url"], f"{S3.endpoint}/{S3.bucket}/app/" + quote(key))
                got = self.s3_get("app/" + key)
                self.assertEqual(sha256_of(got), sha256_of(path), "what curl downloads is what was uploaded")
                code, _ = S3.curl("DELETE", f"/{S3.bucket}/app/" + quote(key))
                self.assertEqual(code, 204)

    def test_storage_test_and_presigned_url(self):
        r = self.slipway("storage", "test", self.s3_url(), env=self.s3_env())
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("ok      read it back and compare", r.stdout)
        path = make_file("presign.bin", 4096)
        self.upload_json(path, self.s3_url(), "presigned/é x.bin", self.s3_env())
        r = self.slipway("storage", "presign", self.s3_url(), "presigned/é x.bin", "--expires", "300", env=self.s3_env())
        self.assertEqual(r.returncode, 0, r.stderr)
        out = os.path.join(WORK, "presigned.out")
        code = subprocess.run(["curl", "-s", "-o", out, "-w", "%{http_code}", r.stdout.strip()], capture_output=True, text=True).stdout
        self.assertEqual(code, "200")
        self.assertEqual(sha256_of(out), sha256_of(path))
        # The same URL with a wrong secret is refused: the signature really is checked.
        r = self.slipway("storage", "presign", self.s3_url(), "presigned/é x.bin", env=self.s3_env(AWS_SECRET_ACCESS_KEY="nope"))
        code = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", r.stdout.strip()], capture_output=True, text=True).stdout
        self.assertEqual(code, "403")

    def test_virtual_host_style(self):
        path = make_file("vh.bin", 1000)
        url = f"s3://{S3.bucket}/vh?endpoint=http://localhost:{S3.port}&style=virtual"
        result = self.upload_json(path, url, "v.bin", self.s3_env())
        self.assertTrue(result["url"].startswith(f"http://{S3.bucket}.localhost:{S3.port}/vh/v.bin"), result["url"])
        self.assertEqual(sha256_of(self.s3_get("vh/v.bin")), sha256_of(path))

    def test_faults_have_clear_messages(self):
        path = make_file("fault.bin", 1000)
        cases = [
            ("wrong secret", self.s3_url(), self.s3_env(AWS_SECRET_ACCESS_KEY="not-the-secret"),
             ["SignatureDoesNotMatch", "secret access key is wrong", "AWS_SECRET_ACCESS_KEY"]),
            ("unknown access key", self.s3_url(), self.s3_env(AWS_ACCESS_KEY_ID="NOSUCHKEY"),
             ["InvalidAccessKeyId", "NOSUCHKEY", "AWS_ACCESS_KEY_ID"]),
            ("missing bucket", f"s3://no-such-bucket/x?endpoint={S3.endpoint}", self.s3_env(),
             ["NoSuchBucket", "'no-such-bucket' does not exist"]),
            ("unreachable endpoint", f"s3://{S3.bucket}/x?endpoint=http://127.0.0.1:{loopback_servers.free_port()}",
             self.s3_env(SLIPWAY_STORAGE_ATTEMPTS="2"), ["Cannot reach the S3 endpoint", "after 2 attempts", "server is running"]),
            ("no credentials", self.s3_url(), self.env(), ["No S3 credentials", "AWS_ACCESS_KEY_ID"]),
        ]
        for name, url, env, expected in cases:
            with self.subTest(name):
                r = self.slipway("upload", path, "--storage", url, "--as", "fault.bin", "--quiet", env=env)
                self.assertEqual(r.returncode, 1, r.stderr)
                for text in expected:
                    self.assertIn(text, r.stderr)
                self.assertNotIn("not-the-secret", r.stderr + r.stdout)

    def test_access_denied(self):
        S3.add_user("outsider", "OUTSIDERKEY", "outsidersecret")
        path = make_file("denied.bin", 1000)
        r = self.slipway("upload", path, "--storage", self.s3_url(), "--as", "denied.bin", "--quiet",
                         env=self.env(AWS_ACCESS_KEY_ID="OUTSIDERKEY", AWS_SECRET_ACCESS_KEY="outsidersecret"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("Access denied (AccessDenied)", r.stderr)
        self.assertIsNone(self.s3_get("app/denied.bin"))

    def test_server_stopped_mid_upload_then_resumed(self):
        path = make_file("resume.bin", 200 * MiB)
        key = "resume/app 2.0.0.zip"
        # 1) The gateway dies at ~40% and stays down longer than the retries: the upload fails, keeping its parts.
        proc = self.start_upload(path, self.s3_url(), key, self.s3_env(SLIPWAY_STORAGE_ATTEMPTS="2"), "--part-size", "8",
                                 "--parallel", "2")
        self.wait_for_progress(proc, 40)
        S3.stop_gateway()
        out, err = proc.communicate(timeout=120)
        self.assertEqual(proc.returncode, 1, out + err)
        self.assertIn("run the same upload again to resume", err)
        S3.start_gateway()
        self.assertIsNone(self.s3_get("app/" + key), "nothing is visible at the key before completion")
        # 2) The same upload again resumes from the stored parts (ListParts) instead of starting over.
        result = self.upload_json(path, self.s3_url(), key, self.s3_env(), "--part-size", "8", "--parallel", "2")
        self.assertEqual(result["parts"], 25)
        self.assertGreaterEqual(result["partsResumed"], 5, result)
        self.assertLess(result["partsResumed"], 25, result)
        self.assertEqual(sha256_of(self.s3_get("app/" + key)), sha256_of(path), "byte-identical after resume")
        self.assertEqual(os.listdir(os.path.join(self.data_dir, "uploads")), [], "the resume record is gone")

        # 3) The gateway restarts within the retry window: the same run carries on by itself.
        key2 = "resume/app 2.0.1.zip"
        proc = self.start_upload(path, self.s3_url(), key2, self.s3_env(), "--part-size", "8", "--parallel", "2")
        self.wait_for_progress(proc, 30)
        S3.stop_gateway()
        time.sleep(1)
        S3.start_gateway()
        out, err = proc.communicate(timeout=180)
        self.assertEqual(proc.returncode, 0, err)
        self.assertEqual(json.loads(out)["sha256"], sha256_of(path))
        self.assertEqual(sha256_of(self.s3_get("app/" + key2)), sha256_of(path))
        for k in (key, key2):
            S3.curl("DELETE", f"/{S3.bucket}/app/" + quote(k))

    def test_cancel_aborts_and_leaves_nothing(self):
        path = make_file("cancel.bin", 200 * MiB)
        key = "cancel/app.zip"
        proc = self.start_upload(path, self.s3_url(), key, self.s3_env(), "--part-size", "8", "--parallel", "2")
        self.wait_for_progress(proc, 20)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
        self.assertEqual(proc.returncode, 130, err)
        self.assertIn("Cancelled: the multipart upload of cancel/app.zip was aborted", err)
        self.assertIsNone(self.s3_get("app/" + key))
        code, body = S3.curl("GET", f"/{S3.bucket}?uploads=")
        self.assertEqual(code, 200)
        self.assertNotIn(b"<Key>app/cancel/app.zip</Key>", body, "the multipart upload was aborted on the server")
        self.assertEqual(os.listdir(os.path.join(self.data_dir, "uploads")), [])

    def test_profile_with_keychain_secret(self):
        if not shutil.which("dbus-run-session") or not shutil.which("gnome-keyring-daemon"):
            self.fail("dbus-run-session and gnome-keyring are needed (tests/servers/install.sh installs them)")
        path = make_file("kc.bin", 3000)
        script = (f'echo -n unlockpass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; '
                  f'echo -n "{S3.secret_key}" | "$SLIPWAY" --data-dir "$DATA" storage add s3prof --url "$URL" '
                  f'--access-key-id "{S3.access_key}" --secret-stdin --public-base-url https://cdn.example.com/rel && '
                  f'"$SLIPWAY" --data-dir "$DATA" upload "$FILE" --storage s3prof --as kc.bin --json --quiet')
        env = self.env(SLIPWAY=SLIPWAY, DATA=self.data_dir, URL=self.s3_url(), FILE=path, HOME=self.data_dir,
                       XDG_RUNTIME_DIR=tempfile.mkdtemp(dir=WORK))
        r = subprocess.run(["dbus-run-session", "--", "sh", "-c", script], capture_output=True, text=True, env=env, timeout=120)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        result = json.loads(r.stdout[r.stdout.index("{"):])
        self.assertEqual(result["url"], "https://cdn.example.com/rel/kc.bin")
        self.assertEqual(result["sha256"], sha256_of(path))
        with open(os.path.join(self.data_dir, "storage-profiles.json")) as f:
            profiles = f.read()
        self.assertIn("s3prof", profiles)
        self.assertNotIn(S3.secret_key, profiles, "the secret is in the keychain, not in the profile file")
        r = self.slipway("storage", "list", "--json")
        self.assertEqual(json.loads(r.stdout)["profiles"][0]["kind"], "s3")
        # Without the keychain session and without the environment: a clear message, not a crash.
        r = self.slipway("upload", path, "--storage", "s3prof", "--as", "kc.bin", env=self.env(DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("No S3 credentials", r.stderr)
        self.assertEqual(self.slipway("storage", "remove", "s3prof").returncode, 0)


class WebDavTests(StorageCase):
    def url(self):
        return WEBDAV.url.replace("http://", f"http://{WEBDAV.user}@") + "/releases"

    def test_round_trips(self):
        env = self.env(SLIPWAY_WEBDAV_PASSWORD=WEBDAV.password)
        for size, key in ((1, "one.bin"), (5 * MiB, "bundles/déjà vu/Ünïcødé €.zip")):
            with self.subTest(size=size):
                path = make_file("dav.bin", size)
                result = self.upload_json(path, self.url(), key, env)
                self.assertEqual(result["sha256"], sha256_of(path))
                self.assertEqual(sha256_of(os.path.join(WEBDAV.root, "releases", key)), sha256_of(path))
                self.assertEqual(result["url"], f"{WEBDAV.url}/releases/" + quote(key))
                leftovers = [n for n in os.listdir(os.path.dirname(os.path.join(WEBDAV.root, "releases", key))) if ".part" in n]
                self.assertEqual(leftovers, [])
        r = self.slipway("storage", "test", self.url(), env=env)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_folders_are_created_with_mkcol(self):
        strict = loopback_servers.WebDavServer(create_folders_on_put=False)  # answers 409 for a missing folder
        try:
            path = make_file("mkcol.bin", 2000)
            url = strict.url.replace("http://", f"http://{strict.user}@") + "/deep"
            result = self.upload_json(path, url, "a b/c/é.zip", self.env(SLIPWAY_WEBDAV_PASSWORD=strict.password))
            self.assertEqual(sha256_of(os.path.join(strict.root, "deep", "a b", "c", "é.zip")), sha256_of(path))
            self.assertEqual(result["sha256"], sha256_of(path))
        finally:
            strict.stop()

    def test_wrong_password(self):
        path = make_file("davbad.bin", 100)
        r = self.slipway("upload", path, "--storage", self.url(), "--as", "bad.bin",
                         env=self.env(SLIPWAY_WEBDAV_PASSWORD="wrong-password"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("refused the login of user 'tester' (HTTP 401)", r.stderr)
        self.assertIn("SLIPWAY_WEBDAV_PASSWORD", r.stderr)
        self.assertNotIn("wrong-password", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(WEBDAV.root, "releases", "bad.bin")))
        r = self.slipway("storage", "test", self.url(), env=self.env(SLIPWAY_WEBDAV_PASSWORD="wrong-password"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("FAILED  write", r.stdout)


class SftpTests(StorageCase):
    def url(self, host_key=True):
        url = f"sftp://{SFTP.user}@127.0.0.1:{SFTP.port}{SFTP.root}/pub?key={SFTP.key}"
        return url + (f"&host-key={SFTP.host_key}" if host_key else "")

    def test_round_trips(self):
        for size, key in ((1, "one.bin"), (5 * MiB, "bundles/déjà vu/Ünïcødé €.zip")):
            with self.subTest(size=size):
                path = make_file("sftp.bin", size)
                result = self.upload_json(path, self.url(), key, self.env())
                self.assertEqual(result["sha256"], sha256_of(path))
                self.assertEqual(sha256_of(os.path.join(SFTP.root, "pub", key)), sha256_of(path))
                folder = os.path.dirname(os.path.join(SFTP.root, "pub", key))
                self.assertEqual([n for n in os.listdir(folder) if ".part" in n], [], "no temporary file is left")

    def test_cancel_leaves_nothing(self):
        path = make_file("sftpcancel.bin", 200 * MiB)
        proc = self.start_upload(path, self.url(), "cancel/app.zip", self.env())
        self.wait_for_progress(proc, 10)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
        self.assertEqual(proc.returncode, 130, err)
        self.assertIn("Cancelled: nothing was stored at cancel/app.zip", err)
        folder = os.path.join(SFTP.root, "pub", "cancel")
        self.assertEqual(os.listdir(folder) if os.path.isdir(folder) else [], [], "no partial or temporary file is left")

    def test_unknown_and_changed_host_key(self):
        path = make_file("hk.bin", 100)
        r = self.slipway("upload", path, "--storage", self.url(host_key=False), "--as", "hk.bin")
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"presented the host key {SFTP.host_key}, which is not pinned", r.stderr)
        self.assertIn(f"--host-key {SFTP.host_key}", r.stderr)
        bogus = "SHA256:" + "A" * 43
        r = self.slipway("upload", path, "--storage", self.url(host_key=False) + f"&host-key={bogus}", "--as", "hk.bin")
        self.assertEqual(r.returncode, 1)
        self.assertIn("intercepting", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(SFTP.root, "pub", "hk.bin")), "nothing was sent")

    def test_profile_requires_confirmed_host_key(self):
        url = f"sftp://{SFTP.user}@127.0.0.1:{SFTP.port}{SFTP.root}/prof"
        r = self.slipway("storage", "add", "box", "--url", url, "--key", SFTP.key)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"presents the host key {SFTP.host_key}", r.stderr)
        self.assertIn("--host-key", r.stderr)
        r = self.slipway("storage", "add", "box", "--url", url, "--key", SFTP.key, "--host-key", SFTP.host_key)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.slipway("storage", "test", "box")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        r = self.slipway("storage", "list")
        self.assertIn("box", r.stdout)
        self.assertIn("sftp", r.stdout)


class FolderCliTests(StorageCase):
    def test_full_tmpfs_is_clear_and_leaves_nothing(self):
        mount = tempfile.mkdtemp(dir=WORK)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount], check=True)
        try:
            small = make_file("small.bin", 1000)
            self.upload_json(small, "file://" + mount, "keep.bin", self.env())
            big = make_file("big5.bin", 5 * MiB)
            r = self.slipway("upload", big, "--storage", "file://" + mount, "--as", "bundles/big.zip", "--quiet")
            self.assertEqual(r.returncode, 1)
            self.assertIn("is full", r.stderr)
            self.assertIn("Nothing was left there", r.stderr)
            leftovers = [os.path.relpath(os.path.join(d, f), mount) for d, _, fs in os.walk(mount) for f in fs]
            self.assertEqual(leftovers, ["keep.bin"])
        finally:
            subprocess.run(["umount", mount])


if __name__ == "__main__":
    unittest.main()
