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
from zipforge import write_zip


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
        make_zip(zpath, {"dist/index.html": "x", "dist/app.js": "notifyAppReady()"})
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



INDEX = {"name": "index.html", "data": "<!doctype html><title>x</title><script src=app.js></script>"}
APP_JS = "import { CapacitorUpdater } from '@capgo/capacitor-updater';\nCapacitorUpdater.notifyAppReady();\n" * 20


def app_js(**kw):
    return dict({"name": "app.js", "data": APP_JS}, **kw)


class PhoneUnzip(unittest.TestCase):
    """Inner zips forged byte by byte, signed and encrypted with the golden key: `bundle verify` refuses each one
    as a phone does (Android's ZipInputStream reads local headers front to back and checks every CRC and size;
    iOS reads the central directory; both must extract the same files), naming the step and the entry."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="slipway-phoneunzip-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.priv = os.path.join(VECTORS, "capgo_key_v2.pem")
        self.pub = os.path.join(VECTORS, "capgo_key_v2.pub.pem")

    def verify_forged(self, entries, **kw):
        zpath = write_zip(os.path.join(self.dir, "forged.zip"), entries, **kw)
        out = slipway_json("bundle", "encrypt", zpath, "--key", self.priv, "--out", zpath + ".enc")
        return run_slipway("bundle", "verify", zpath + ".enc", "--iv-session-key", out["ivSessionKey"],
                           "--checksum", out["checksum"], "--key", self.pub, "--json")

    def assert_refused(self, entries, step, *words, **kw):
        proc = self.verify_forged(entries, **kw)
        self.assertNotEqual(proc.returncode, 0, proc.stdout)
        report = json.loads(proc.stdout)
        self.assertFalse(report["accepted"])
        self.assertEqual(report["failedStep"], step, report["summary"])
        self.assertIn("A phone would reject this bundle", proc.stderr)
        for word in words:
            self.assertIn(word, report["summary"])
        return report

    def test_the_forger_makes_a_bundle_a_phone_accepts(self):
        for method in (0, 8):
            proc = self.verify_forged([dict(INDEX, method=method), app_js(method=method), {"name": "assets/"},
                                       {"name": "assets/café.css", "data": "body{}"}])
            self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
            self.assertEqual(json.loads(proc.stdout)["entries"], 4)

    def test_bad_crc_in_a_stored_entry(self):
        self.assert_refused([INDEX, app_js(method=0, crc=0x12345678)], "zip-entries", "'app.js'", "CRC")

    def test_bad_crc_in_a_deflated_entry(self):
        self.assert_refused([INDEX, app_js(crc=0xDEADBEEF)], "zip-entries", "'app.js'", "CRC")

    def test_duplicate_entry(self):
        self.assert_refused([INDEX, app_js(), app_js(data="other")], "zip-entries", "'app.js'", "same file")

    def test_two_index_html_as_the_phone_sees_them(self):
        cases = {
            "case": [INDEX, dict(INDEX, name="INDEX.HTML")],
            "dot folder": [INDEX, dict(INDEX, name="./index.html")],
            "double slash": [dict(INDEX, name="dist/index.html"), dict(INDEX, name="dist//index.html")],
        }
        for label, entries in cases.items():
            with self.subTest(label):
                self.assert_refused(entries, "zip-entries", "index.html", "same file")

    def test_a_file_and_a_folder_with_one_name(self):
        self.assert_refused([INDEX, {"name": "lib", "data": "x"}, {"name": "lib/x.js", "data": "x"}], "zip-entries",
                            "'lib'")

    def test_sizes_that_disagree(self):
        cases = {
            "local header vs central directory": app_js(local={"usize": len(APP_JS) + 1}),
            "both headers vs the inflated content": app_js(local={"usize": len(APP_JS) + 5},
                                                           central={"usize": len(APP_JS) + 5}),
            "compressed size vs the deflate stream": app_js(local={"csize": 40}, central={"csize": 40}),
            "stored entry whose two sizes differ": app_js(method=0, local={"csize": len(APP_JS) - 4},
                                                          central={"csize": len(APP_JS) - 4}),
        }
        for label, entry in cases.items():
            with self.subTest(label):
                self.assert_refused([INDEX, entry, {"name": "z.css", "data": "a{}"}], "zip-entries", "'app.js'", "size")

    def test_truncated_entry(self):
        self.assert_refused([INDEX, app_js(method=0, truncate=100)], "zip-entries", "'app.js'", "cut short")
        self.assert_refused([INDEX, app_js(truncate=30)], "zip-entries", "'app.js'", "cut short")

    def test_stored_entry_with_a_data_descriptor(self):
        self.assert_refused([INDEX, app_js(method=0, descriptor=True)], "zip-entries", "'app.js'", "data descriptor")

    def test_deflated_entry_with_a_data_descriptor_is_read_as_android_does(self):
        proc = self.verify_forged([INDEX, app_js(descriptor=True), {"name": "z.css", "data": "a{}"}])
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assert_refused([INDEX, app_js(descriptor=True, crc=7)], "zip-entries", "'app.js'", "CRC")

    def test_encrypted_entry(self):
        self.assert_refused([INDEX, app_js(flags=1)], "zip-entries", "'app.js'", "encrypted")

    def test_unsupported_compression_method(self):
        self.assert_refused([INDEX, app_js(method=12)], "zip-entries", "'app.js'", "compression method 12")

    def test_names_a_phone_refuses(self):
        cases = {
            "parent folder that stays inside": ({"name": "assets/../x.js"}, "'..'"),
            "parent folder that escapes": ({"name": "../x.js"}, "escapes"),
            "absolute": ({"name": "/x.js"}, "absolute"),
            "non-ASCII name without the UTF-8 flag": ({"name": "café.js", "utf8": False}, "UTF-8"),
            "invalid UTF-8": ({"name": b"caf\xe9.js", "flags": 0x0800}, "UTF-8"),
        }
        for label, (entry, words) in cases.items():
            with self.subTest(label):
                self.assert_refused([INDEX, dict(entry, data="x")], "zip-entries", words)

    def test_symbolic_link_entry(self):
        self.assert_refused([INDEX, {"name": "link.js", "data": "app.js", "method": 0, "unix_mode": 0o120777}],
                            "zip-entries", "'link.js'", "symbolic link")

    def test_entries_android_would_never_reach(self):
        # Android's stream reader stops at the first bytes that are not a local header; iOS reads the directory.
        self.assert_refused([INDEX, app_js(), {"name": "z.css", "data": "a{}"}], "zip-entries", "'app.js'",
                            gap_after=0)
        self.assert_refused([INDEX, app_js()], "zip-entries", "does not start", prefix=b"MZ" + b"\0" * 62)

    def test_central_directory_that_names_another_file(self):
        self.assert_refused([INDEX, app_js(central={"name": b"other.js"})], "zip-entries", "'app.js'", "other.js")

    def test_single_folder_next_to_mac_junk_is_not_flattened_on_ios(self):
        self.assert_refused([dict(INDEX, name="dist/index.html"), {"name": "__MACOSX/._index.html", "data": "junk"}],
                            "index-html", "__MACOSX", "iOS")

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
