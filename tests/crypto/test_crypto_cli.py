"""The crypto CLI (key create/inspect/match, bundle encrypt/decrypt/verify): outcomes and bad input."""
import json
import os
import shutil
import stat
import subprocess
import tempfile
import unittest
import zipfile

from slipway_env import SLIPWAY, VECTORS, golden, run_slipway, slipway_json


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def write_bytes(path, data):
    with open(path, "wb") as f:
        f.write(data)


def make_zip(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)


class KeyCommands(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="slipway-key-")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def test_create_writes_capgo_files_and_inspect_reads_them(self):
        out = slipway_json("key", "create", "--out", self.dir)
        priv = os.path.join(self.dir, ".capgo_key_v2")
        pub = os.path.join(self.dir, ".capgo_key_v2.pub")
        self.assertEqual(out["privateKey"], priv)
        self.assertEqual(stat.S_IMODE(os.stat(priv).st_mode), 0o600)
        self.assertEqual(os.path.getsize(pub), 426)
        with open(priv) as f:
            self.assertTrue(f.read().startswith("-----BEGIN RSA PRIVATE KEY-----\n"))
        info = slipway_json("key", "inspect", pub)
        self.assertEqual(info["kind"], "public")
        self.assertEqual(info["bits"], 2048)
        self.assertEqual(info["keyId"], out["keyId"])
        self.assertEqual(len(info["fingerprint"]), 64)
        self.assertEqual(info["fingerprint"], out["fingerprint"])
        # OpenSSL agrees on the fingerprint (SHA-256 of the DER SubjectPublicKeyInfo)
        der = subprocess.run(["openssl", "rsa", "-RSAPublicKey_in", "-in", pub, "-pubout", "-outform", "DER"],
                             capture_output=True, check=True).stdout
        import hashlib
        self.assertEqual(hashlib.sha256(der).hexdigest(), info["fingerprint"])
        self.assertEqual(run_slipway("key", "match", priv, pub).returncode, 0)

    def test_existing_key_files_are_kept_without_force(self):
        slipway_json("key", "create", "--out", self.dir)
        with open(os.path.join(self.dir, ".capgo_key_v2"), "rb") as f:
            before = f.read()
        proc = run_slipway("key", "create", "--out", self.dir)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("already exists", proc.stderr)
        self.assertIn("--force", proc.stderr)
        with open(os.path.join(self.dir, ".capgo_key_v2"), "rb") as f:
            self.assertEqual(f.read(), before)
        self.assertEqual(run_slipway("key", "create", "--out", self.dir, "--force").returncode, 0)
        with open(os.path.join(self.dir, ".capgo_key_v2"), "rb") as f:
            self.assertNotEqual(f.read(), before)

    def test_unwritable_output_folder_is_a_clear_error_with_nothing_written(self):
        target = os.path.join(self.dir, "ro")
        os.mkdir(target)
        if os.geteuid() == 0:
            # root ignores permission bits: a read-only mount is the real thing
            subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", target], check=True)
            self.addCleanup(subprocess.run, ["umount", target])
        else:
            os.chmod(target, 0o500)
        proc = run_slipway("key", "create", "--out", target)
        self.assertNotEqual(proc.returncode, 0)
        self.assertRegex(proc.stderr, "not writable|Cannot write|Read-only")
        self.assertEqual(os.listdir(target), [])

    def test_missing_output_folder(self):
        proc = run_slipway("key", "create", "--out", os.path.join(self.dir, "nope"))
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("does not exist", proc.stderr)

    def test_bad_pem_files(self):
        cases = {}
        garbage = os.path.join(self.dir, "garbage.pem")
        with open(garbage, "w") as f:
            f.write("not a key at all\n")
        cases[garbage] = "not a PEM key file"
        ec = os.path.join(self.dir, "ec.pem")
        subprocess.run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", ec], check=True, capture_output=True)
        cases[ec] = "EC key"
        for path, message in cases.items():
            proc = run_slipway("key", "inspect", path)
            self.assertNotEqual(proc.returncode, 0, path)
            self.assertIn(message, proc.stderr)
            self.assertEqual(proc.stdout, "")

    def test_rsa4096_is_reported_and_refused_for_bundles(self):
        big = os.path.join(self.dir, "big.pem")
        subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096", "-out", big], check=True, capture_output=True)
        info = slipway_json("key", "inspect", big)
        self.assertEqual(info["bits"], 4096)
        self.assertFalse(info["capgoCompatible"])
        zpath = os.path.join(self.dir, "b.zip")
        make_zip(zpath, {"index.html": "<html></html>"})
        proc = run_slipway("bundle", "encrypt", zpath, "--key", big)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("RSA-2048", proc.stderr)
        self.assertFalse(os.path.exists(zpath + ".encrypted"))

    def test_passphrase_protected_key(self):
        env = {"SLIPWAY_KEY_PASSPHRASE": "s3cret passphrase"}
        out = slipway_json("key", "create", "--out", self.dir, "--passphrase", env=env)
        enc = os.path.join(self.dir, ".capgo_key_v2.enc")
        self.assertEqual(out["privateKey"], enc)
        self.assertFalse(os.path.exists(os.path.join(self.dir, ".capgo_key_v2")))
        with open(enc) as f:
            self.assertIn("ENCRYPTED PRIVATE KEY", f.read())
        proc = run_slipway("key", "inspect", enc)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("SLIPWAY_KEY_PASSPHRASE", proc.stderr)
        proc = run_slipway("key", "inspect", enc, env={"SLIPWAY_KEY_PASSPHRASE": "wrong"})
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("passphrase is wrong", proc.stderr)
        self.assertEqual(slipway_json("key", "inspect", enc, env=env)["keyId"], out["keyId"])
        plain = os.path.join(self.dir, "exported")
        run_slipway("key", "export", enc, "--out", plain, env=env, check=True)
        self.assertEqual(stat.S_IMODE(os.stat(plain).st_mode), 0o600)
        self.assertEqual(slipway_json("key", "inspect", plain)["fingerprint"], out["fingerprint"])

    def test_capacitor_config(self):
        cfg = os.path.join(self.dir, "capacitor.config.json")
        with open(cfg, "w") as f:
            f.write('{\n  "appId": "com.example.app",\n  "webDir": "dist"\n}\n')
        out = slipway_json("key", "create", "--out", self.dir, "--capacitor-config", cfg)
        self.assertTrue(out["capacitorConfigUpdated"])
        with open(cfg) as f:
            config = json.load(f)
        with open(os.path.join(self.dir, ".capgo_key_v2.pub")) as f:
            self.assertEqual(config["plugins"]["CapacitorUpdater"]["publicKey"], f.read())
        self.assertEqual(config["appId"], "com.example.app")
        ts = os.path.join(self.dir, "capacitor.config.ts")
        with open(ts, "w") as f:
            f.write("export default { appId: 'com.example.app' };\n")
        proc = run_slipway("key", "config", os.path.join(self.dir, ".capgo_key_v2.pub"), "--capacitor-config", ts)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("publicKey: '-----BEGIN RSA PUBLIC KEY-----\\n", proc.stderr)
        with open(ts) as f:
            self.assertEqual(f.read(), "export default { appId: 'com.example.app' };\n")


class LostOutput(unittest.TestCase):
    """Output that cannot be written (a full disk) is a failure, never a silent success."""

    def run_into_full_disk(self, *args):
        with open("/dev/full", "w") as full:
            return subprocess.run([SLIPWAY, *args], stdout=full, stderr=subprocess.PIPE, text=True,
                                  stdin=subprocess.DEVNULL, timeout=120)

    def test_version_into_a_full_disk(self):
        proc = self.run_into_full_disk("--version")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("the output could not be written (No space left on device)", proc.stderr)

    def test_json_into_a_full_disk(self):
        proc = self.run_into_full_disk("key", "inspect", os.path.join(VECTORS, "capgo_key_v2.pub.pem"), "--json")
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("could not be written", proc.stderr)

    def test_a_failing_command_keeps_its_own_exit_code(self):
        proc = self.run_into_full_disk("key", "inspect", "/nonexistent/key.pub", "--json")
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("does not exist", proc.stderr)


class BundleCommands(unittest.TestCase):
    """The device verifier through the CLI, on the CLI's golden bundle and on damaged copies of it."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="slipway-bundle-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.g = golden()
        self.enc = os.path.join(self.dir, "bundle.zip.encrypted")
        shutil.copy(os.path.join(VECTORS, "bundle.zip.encrypted"), self.enc)
        self.pub = os.path.join(VECTORS, "capgo_key_v2.pub.pem")
        self.priv = os.path.join(VECTORS, "capgo_key_v2.pem")

    def verify(self, enc=None, iv=None, checksum=None, key=None):
        return run_slipway("bundle", "verify", enc or self.enc, "--iv-session-key", iv or self.g["ivSessionKey"],
                           "--checksum", checksum or self.g["encryptedChecksum"], "--key", key or self.pub, "--json")

    def failed_step(self, proc):
        self.assertNotEqual(proc.returncode, 0)
        report = json.loads(proc.stdout)
        self.assertFalse(report["accepted"])
        self.assertIn("A phone would reject this bundle", proc.stderr)
        return report["failedStep"], report

    def test_golden_bundle_is_accepted(self):
        proc = self.verify()
        self.assertEqual(proc.returncode, 0, proc.stderr)
        report = json.loads(proc.stdout)
        self.assertTrue(report["accepted"])
        self.assertEqual(report["sha256"], self.g["zipSha256"])
        self.assertEqual([s["id"] for s in report["steps"]],
                         ["session-key", "unwrap-key", "decrypt", "signed-checksum", "compare-checksum", "zip-entries", "index-html"])

    def test_private_key_file_verifies_with_its_public_half(self):
        self.assertEqual(self.verify(key=self.priv).returncode, 0)

    def test_wrong_public_key(self):
        other = os.path.join(self.dir, "other")
        os.mkdir(other)
        slipway_json("key", "create", "--out", other)
        step, report = self.failed_step(self.verify(key=os.path.join(other, ".capgo_key_v2.pub")))
        self.assertEqual(step, "unwrap-key")
        self.assertIn("does not open with this public key", report["summary"])

    def test_one_flipped_bit_in_the_ciphertext(self):
        data = bytearray(read_bytes(self.enc))
        data[100] ^= 0x01
        write_bytes(self.enc, data)
        step, report = self.failed_step(self.verify())
        self.assertIn(step, ("compare-checksum", "decrypt"))
        self.assertIn("altered", report["summary"])

    def test_flipped_bit_in_last_block_breaks_padding(self):
        data = bytearray(read_bytes(self.enc))
        data[-1] ^= 0x80
        write_bytes(self.enc, data)
        step, report = self.failed_step(self.verify())
        self.assertIn(step, ("decrypt", "compare-checksum"))

    def test_truncated_file(self):
        data = read_bytes(self.enc)
        write_bytes(self.enc, data[:-7])
        step, report = self.failed_step(self.verify())
        self.assertEqual(step, "decrypt")
        self.assertIn("truncated", report["summary"])

    def test_malformed_iv_session_key(self):
        for bad in ("nocolon", "a:b:c", "AAAA:" + self.g["ivSessionKey"].split(":")[1], "%%%:" + self.g["ivSessionKey"].split(":")[1]):
            step, _ = self.failed_step(self.verify(iv=bad))
            self.assertEqual(step, "session-key", bad)

    def test_v2_checksum_where_v3_is_expected(self):
        zpath = os.path.join(self.dir, "b.zip")
        shutil.copy(os.path.join(VECTORS, "bundle.zip"), zpath)
        os.chmod(zpath, 0o644)
        out = slipway_json("bundle", "encrypt", zpath, "--key", self.priv, "--checksum-format", "v2")
        self.assertEqual(out["checksumFormat"], "v2")
        step, report = self.failed_step(self.verify(enc=out["filename"], iv=out["ivSessionKey"], checksum=out["checksum"]))
        self.assertEqual(step, "compare-checksum")
        self.assertIn("legacy V2", report["summary"])

    def test_plain_sha_given_as_signed_checksum(self):
        step, report = self.failed_step(self.verify(checksum=self.g["zipSha256"]))
        self.assertEqual(step, "signed-checksum")
        self.assertIn("plain SHA-256", report["summary"])

    def test_unsafe_zip_names_and_missing_index(self):
        cases = {
            "escape": ({"index.html": "x", "../evil.js": "x"}, "zip-entries", "escapes"),
            "absolute": ({"index.html": "x", "/etc/evil": "x"}, "zip-entries", "absolute"),
            "backslash": ({"index.html": "x", "a\\b.js": "x"}, "zip-entries", "backslash"),
            "no index": ({"main.js": "x"}, "index-html", "no index.html"),
            "two folders": ({"a/index.html": "x", "b/x.js": "x"}, "index-html", "no index.html"),
        }
        for label, (entries, expected_step, words) in cases.items():
            zpath = os.path.join(self.dir, "z.zip")
            make_zip(zpath, entries)
            out = slipway_json("bundle", "encrypt", zpath, "--key", self.priv, "--out", zpath + ".enc")
            step, report = self.failed_step(self.verify(enc=zpath + ".enc", iv=out["ivSessionKey"], checksum=out["checksum"]))
            self.assertEqual(step, expected_step, label)
            self.assertIn(words, report["summary"], label)

    def test_single_top_folder_is_flattened(self):
        zpath = os.path.join(self.dir, "dist.zip")
        make_zip(zpath, {"dist/index.html": "x", "dist/app.js": "notifyAppReady()", "__MACOSX/._x": "junk"})
        out = slipway_json("bundle", "encrypt", zpath, "--key", self.priv)
        proc = self.verify(enc=out["filename"], iv=out["ivSessionKey"], checksum=out["checksum"])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("'dist/' becomes the root", proc.stdout)

    def test_decrypt_writes_nothing_on_checksum_mismatch(self):
        data = bytearray(read_bytes(self.enc))
        data[40] ^= 0x01
        write_bytes(self.enc, data)
        out = os.path.join(self.dir, "plain.zip")
        proc = run_slipway("bundle", "decrypt", self.enc, "--iv-session-key", self.g["ivSessionKey"], "--key", self.pub,
                           "--checksum", self.g["encryptedChecksum"], "--out", out)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("Checksum mismatch", proc.stderr)
        self.assertEqual(sorted(os.listdir(self.dir)), ["bundle.zip.encrypted"])

    def test_encrypt_checks_a_given_sha256_and_leaves_nothing_on_mismatch(self):
        zpath = os.path.join(self.dir, "b.zip")
        shutil.copy(os.path.join(VECTORS, "bundle.zip"), zpath)
        proc = run_slipway("bundle", "encrypt", zpath, "0" * 64, "--key", self.priv)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("not the", proc.stderr)
        self.assertFalse(os.path.exists(zpath + ".encrypted"))
        ok = slipway_json("bundle", "encrypt", zpath, self.g["zipSha256"], "--key", self.priv)
        self.assertEqual(ok["checksum"], self.g["encryptedChecksum"])

    def test_encrypt_into_a_missing_folder(self):
        zpath = os.path.join(self.dir, "b.zip")
        shutil.copy(os.path.join(VECTORS, "bundle.zip"), zpath)
        proc = run_slipway("bundle", "encrypt", zpath, "--key", self.priv, "--out", os.path.join(self.dir, "missing", "x.enc"))
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("does not exist", proc.stderr)

    def test_encrypt_with_a_public_key_is_refused(self):
        zpath = os.path.join(self.dir, "b.zip")
        shutil.copy(os.path.join(VECTORS, "bundle.zip"), zpath)
        proc = run_slipway("bundle", "encrypt", zpath, "--key", self.pub)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("public key", proc.stderr)


class KeyFilesWithLimits(unittest.TestCase):
    """Every key file is read with a size limit; a device, FIFO or folder is refused at once, never read forever."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="slipway-keylimit-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.zip = os.path.join(self.dir, "b.zip")
        shutil.copy(os.path.join(VECTORS, "bundle.zip"), self.zip)

    def assert_refused(self, key, message, *commands):
        for command in commands or (("bundle", "encrypt", self.zip, "--key", key),
                                    ("key", "inspect", key),
                                    ("bundle", "zip", "--path", os.path.join(VECTORS, "build"), "--out",
                                     os.path.join(self.dir, "o.zip"), "--key", key)):
            proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", os.path.join(self.dir, "rss"), SLIPWAY, *command],
                                  capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30)
            self.assertNotEqual(proc.returncode, 0, command)
            self.assertIn(message, proc.stderr, command)
            with open(os.path.join(self.dir, "rss")) as f:
                peak_kib = int(f.read().split()[-1])
            self.assertLess(peak_kib, 200 * 1024, "%s read too much: %d KiB" % (command, peak_kib))
        self.assertFalse(os.path.exists(self.zip + ".encrypted"))

    def test_a_symlink_to_dev_zero(self):
        key = os.path.join(self.dir, "zero-key")
        os.symlink("/dev/zero", key)
        self.assert_refused(key, "is a device; give a regular file")

    def test_a_fifo_without_a_writer_does_not_hang(self):
        fifo = os.path.join(self.dir, "fifo-key")
        os.mkfifo(fifo)
        self.assert_refused(fifo, "is a FIFO (named pipe)")

    def test_a_folder(self):
        self.assert_refused(self.dir, "is a folder")

    def test_a_huge_file(self):
        big = os.path.join(self.dir, "big.pem")
        with open(big, "wb") as f:
            f.truncate(3 * 1024 * 1024 * 1024)  # sparse 3 GiB
        self.assert_refused(big, "is larger than 64.0 KiB")

    def test_a_release_plan_from_dev_zero(self):
        plan = os.path.join(self.dir, "plan.json")
        os.symlink("/dev/zero", plan)
        self.assert_refused(plan, "is a device", ("--data-dir", os.path.join(self.dir, "d"), "release", "--plan", plan))

    def test_secret_on_stdin_has_a_limit(self):
        data = os.path.join(self.dir, "data")
        proc = subprocess.run([SLIPWAY, "--data-dir", data, "storage", "add", "s", "--url", "s3://bucket?endpoint=http://127.0.0.1:1&style=path",
                               "--access-key-id", "AK", "--secret-stdin"], input=b"x" * (1024 * 1024),
                              capture_output=True, timeout=30)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn(b"more than 65536 bytes on standard input", proc.stderr)

    def test_a_private_key_readable_by_others_is_warned_about(self):
        key = os.path.join(self.dir, "open.pem")
        shutil.copy(os.path.join(VECTORS, "capgo_key_v2.pem"), key)
        os.chmod(key, 0o644)
        proc = run_slipway("bundle", "encrypt", self.zip, "--key", key, "--json")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("can be read by other users of this computer (mode 0644)", proc.stderr)
        self.assertIn("chmod 600", proc.stderr)
        os.chmod(key, 0o600)
        os.unlink(self.zip + ".encrypted")
        quiet = run_slipway("bundle", "encrypt", self.zip, "--key", key, "--json")
        self.assertEqual(quiet.returncode, 0, quiet.stderr)
        self.assertNotIn("other users", quiet.stderr)


if __name__ == "__main__":
    unittest.main()
