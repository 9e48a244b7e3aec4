"""Releases signed on a hardware token (a SoftHSM2 token made for this run), end to end through the real binary:
key create/list-tokens/inspect on the token, a release whose bundle the live Capgo CLI and a simulated phone accept,
wrong PIN and missing token as clear errors that `release --resume` gets past, and the wrong-key guard.

The private key never exists in a file: it is generated on the token (CKA_SENSITIVE, not extractable) and only
`.capgo_key_v2.pub` is written. A token pulled out in the middle of signing cannot be staged with SoftHSM2 (its
tokens are files read at start-up); the missing-token path is the same error at the next step, tested here at
pre-flight.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
import unittest
from urllib.parse import unquote, urlparse

from slipway_env import CapgoCli, SlipwayServe, run_slipway

APP = "com.example.token"
MODULE = "/usr/lib/softhsm/libsofthsm2.so"


def make_build(folder, marker):
    os.makedirs(os.path.join(folder, "js"), exist_ok=True)
    with open(os.path.join(folder, "index.html"), "w") as f:
        f.write(f"<!doctype html><html><body>{marker}<script src=js/app.js></script></body></html>\n")
    with open(os.path.join(folder, "js", "app.js"), "w") as f:
        f.write("import { CapacitorUpdater } from '@capgo/capacitor-updater';\nCapacitorUpdater.notifyAppReady();\n")
        f.write(f"// {marker}\n" * 500)
    return folder


class TokenRelease(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="slipway-token-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.data = os.path.join(self.tmp, "data")
        self.tokens = os.path.join(self.tmp, "tokens")
        os.makedirs(self.tokens)
        self.conf = os.path.join(self.tmp, "softhsm2.conf")
        with open(self.conf, "w") as f:
            f.write(f"directories.tokendir = {self.tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
        self.env = {"SOFTHSM2_CONF": self.conf, "SLIPWAY_PKCS11_PIN": "1234"}
        subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "Release", "--pin", "1234",
                        "--so-pin", "5678"], check=True, capture_output=True, env=dict(os.environ, **self.env))
        self.uri = f"pkcs11:token=Release;object=capgo?module-path={MODULE}"
        self.keys = os.path.join(self.tmp, "keys")
        os.makedirs(self.keys)

    def slipway(self, *args, env=None, **kw):
        return run_slipway(*args, data_dir=self.data, env=dict(self.env, **(env or {})), **kw)

    def json_of(self, *args, **kw):
        proc = self.slipway(*args, "--json", **kw)
        self.assertEqual(proc.returncode, 0, proc.stderr + proc.stdout)
        return json.loads(proc.stdout)

    def create_token_key(self, label="capgo", folder=None):
        folder = folder or self.keys
        os.makedirs(folder, exist_ok=True)
        uri = f"pkcs11:token=Release;object={label}?module-path={MODULE}"
        made = self.json_of("key", "create", "--pkcs11", uri, "--out", folder)
        return uri, made

    def release(self, version, key, *extra, build=None, **kw):
        build = build or make_build(os.path.join(self.tmp, "build-" + version), version)
        return self.slipway("release", "--app-id", APP, "--version", version, "--path", build, "--key", key,
                            *extra, **kw)

    def assert_history_intact(self):
        proc = self.slipway("history", "verify")
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("History intact", proc.stdout)

    # --- key commands ---------------------------------------------------------------------------
    def test_key_created_on_the_token_leaves_only_the_public_file(self):
        uri, made = self.create_token_key()
        self.assertEqual(sorted(os.listdir(self.keys)), [".capgo_key_v2.pub"])
        pub = os.path.join(self.keys, ".capgo_key_v2.pub")
        with open(pub, "rb") as f:
            pem = f.read()
        self.assertTrue(pem.startswith(b"-----BEGIN RSA PUBLIC KEY-----\n"))
        self.assertEqual(len(pem), 426)
        from_file = self.json_of("key", "inspect", pub)
        self.assertEqual(made["fingerprint"], from_file["fingerprint"])
        inspected = self.json_of("key", "inspect", uri)
        self.assertEqual(inspected["token"], "Release")
        self.assertEqual(inspected["manufacturer"], "SoftHSM project")
        self.assertTrue(inspected["serial"])
        self.assertEqual(inspected["keyId"], from_file["keyId"])
        self.assertEqual(inspected["fingerprint"], from_file["fingerprint"])
        self.assertEqual(inspected["algorithm"], "RSA-2048")
        listed = self.json_of("key", "list-tokens", "--module", MODULE)
        tokens = [t for t in listed["tokens"] if t["token"] == "Release"]
        self.assertEqual(len(tokens), 1)
        self.assertEqual([k["label"] for k in tokens[0]["keys"]], ["capgo"])
        # The private key is on the token only, and marked so by the token itself.
        objects = subprocess.run(["pkcs11-tool", "--module", MODULE, "--login", "--pin", "1234", "-O", "--type",
                                  "privkey"], capture_output=True, text=True, env=dict(os.environ, **self.env))
        self.assertIn("never extractable", objects.stdout)
        # The same label again is refused and nothing is replaced.
        os.makedirs(os.path.join(self.tmp, "k2"))
        again = self.slipway("key", "create", "--pkcs11", uri, "--out", os.path.join(self.tmp, "k2"))
        self.assertNotEqual(again.returncode, 0)
        self.assertIn("already holds a key labelled 'capgo'", again.stderr)

    def test_pin_never_in_a_uri(self):
        proc = self.slipway("key", "inspect", "pkcs11:token=Release;object=capgo?pin-value=1234")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("A PIN never goes into a URI", proc.stderr)

    # --- release ---------------------------------------------------------------------------------
    def test_release_signed_on_the_token_is_accepted_by_capgo_cli_and_a_phone(self):
        uri, _ = self.create_token_key()
        pub = os.path.join(self.keys, ".capgo_key_v2.pub")
        started = time.monotonic()
        proc = self.release("1.0.0", uri, "--json")
        elapsed = time.monotonic() - started
        self.assertEqual(proc.returncode, 0, proc.stderr)
        result = json.loads(proc.stdout)
        print(f"\nrelease 1.0.0 signed on SoftHSM2: {elapsed:.2f} s wall (CLI process, small build)")
        self.assertEqual(result["status"], "completed")
        self.assertEqual(result["key_fingerprint"], self.json_of("key", "inspect", pub)["fingerprint"])
        self.assertFalse(result["default_key"])
        encrypted = unquote(urlparse(result["url"]).path)
        self.assertTrue(os.path.isfile(encrypted), result["url"])
        # The live Capgo CLI decrypts it with the token's exported public key and the checksum matches.
        cli = CapgoCli()
        project = cli.project()
        self.addCleanup(shutil.rmtree, project, True)
        copy = os.path.join(project, "bundle.zip.encrypted")
        shutil.copy(encrypted, copy)
        decrypted = cli.run("bundle", "decrypt", copy, result["iv_session_key"], "--key", pub,
                            "--checksum", result["signed_checksum"], cwd=project)
        self.assertEqual(decrypted.returncode, 0, decrypted.stdout + decrypted.stderr)
        self.assertIn("Checksum matches", decrypted.stdout + decrypted.stderr)
        # Our verifier with the public key, as a device does.
        verified = self.slipway("bundle", "verify", encrypted, "--iv-session-key", result["iv_session_key"],
                                "--checksum", result["signed_checksum"], "--key", pub)
        self.assertEqual(verified.returncode, 0, verified.stderr)
        # A simulated phone holding the public key applies it from `serve`.
        server = SlipwayServe(self.data)
        self.addCleanup(server.stop)
        phone = self.slipway("device", "simulate", "--update-url", server.urls["updateUrl"], "--app-id", APP,
                             "--public-key", pub, "--json")
        self.assertEqual(phone.returncode, 0, phone.stdout + phone.stderr)
        self.assertEqual(json.loads(phone.stdout)["outcome"], "applied")
        # No private key anywhere in the workspace or the history.
        with sqlite3.connect(os.path.join(self.data, "history.sqlite")) as db:
            self.assertNotIn("PRIVATE KEY", "\n".join(db.iterdump()))
        for root, _, files in os.walk(self.tmp):
            for name in files:
                if name.endswith((".pem", "capgo_key_v2")):
                    self.fail(f"a private key file appeared: {os.path.join(root, name)}")
        self.assert_history_intact()

    def test_wrong_pin_is_a_clear_error_and_resume_continues(self):
        uri, _ = self.create_token_key()
        wrong = "nope-PIN-x9"
        proc = self.release("1.0.0", uri, "--json", env={"SLIPWAY_PKCS11_PIN": wrong})
        self.assertNotEqual(proc.returncode, 0)
        result = json.loads(proc.stdout)
        self.assertEqual(result["status"], "interrupted")
        self.assertIn("Wrong PIN for token 'Release'", result["error"])
        self.assertIn("will not retry", result["error"])
        self.assertNotIn(wrong, proc.stdout + proc.stderr)
        resumed = self.slipway("release", "--resume", str(result["release_id"]), "--json")
        self.assertEqual(resumed.returncode, 0, resumed.stderr)
        self.assertEqual(json.loads(resumed.stdout)["status"], "completed")
        with sqlite3.connect(os.path.join(self.data, "history.sqlite")) as db:
            self.assertNotIn(wrong, "\n".join(db.iterdump()))
        self.assert_history_intact()

    def test_missing_token_is_a_clear_error_and_resume_continues_once_it_is_back(self):
        uri, _ = self.create_token_key()
        away = self.tokens + ".away"
        os.rename(self.tokens, away)
        os.makedirs(self.tokens)
        proc = self.release("1.0.0", uri, "--json")
        self.assertNotEqual(proc.returncode, 0)
        result = json.loads(proc.stdout)
        self.assertEqual(result["status"], "interrupted")
        self.assertIn("No token matching token=Release", result["error"])
        os.rmdir(self.tokens)
        os.rename(away, self.tokens)
        resumed = self.slipway("release", "--resume", str(result["release_id"]), "--json")
        self.assertEqual(resumed.returncode, 0, resumed.stderr)
        self.assertEqual(json.loads(resumed.stdout)["status"], "completed")

    def test_module_missing_is_a_clear_error(self):
        proc = self.release("1.0.0", "pkcs11:token=Release;object=capgo?module-path=/nonexistent/libtoken.so", "--json")
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("/nonexistent/libtoken.so does not exist", json.loads(proc.stdout)["error"])

    # --- the wrong-key guard --------------------------------------------------------------------
    def test_a_second_key_is_refused_on_the_first_keys_channel_unless_stated(self):
        first, _ = self.create_token_key("first", os.path.join(self.keys, "first"))
        second, _ = self.create_token_key("second", os.path.join(self.keys, "second"))
        first_fp = self.json_of("key", "inspect", first)["fingerprint"]
        second_fp = self.json_of("key", "inspect", second)["fingerprint"]
        self.assertEqual(self.release("1.0.0", first).returncode, 0)
        refused = self.release("1.0.1", second, "--json")
        self.assertNotEqual(refused.returncode, 0)
        error = json.loads(refused.stdout)["error"]
        self.assertIn("Refused: the phones on channel production", error)
        grouped = lambda fp: ":".join(fp[i:i + 2].upper() for i in range(0, len(fp), 2))
        self.assertIn(grouped(first_fp), error)
        self.assertIn(grouped(second_fp), error)
        self.assertIn("--new-key", error)
        # Another channel has no expectation yet: the second key may start it.
        self.assertEqual(self.release("1.0.1", second, "--channel", "beta").returncode, 0)
        # Stated on purpose: accepted, and the change is sealed in the audit chain.
        accepted = self.release("1.0.2", second, "--new-key", "--json")
        self.assertEqual(accepted.returncode, 0, accepted.stderr)
        release_id = json.loads(accepted.stdout)["release_id"]
        shown = self.json_of("history", "show", str(release_id))
        kinds = [e["kind"] for e in shown["channel_events"] if e.get("release_id", release_id) == release_id]
        self.assertIn("key-change", kinds)
        with sqlite3.connect(os.path.join(self.data, "history.sqlite")) as db:
            rows = db.execute("SELECT detail FROM channel_events WHERE kind = 'key-change'").fetchall()
        self.assertEqual(len(rows), 1)
        self.assertIn(first_fp, rows[0][0])
        self.assertIn(second_fp, rows[0][0])
        # From now on the channel expects the second key, and the first one is refused.
        self.assertEqual(self.release("1.0.3", second).returncode, 0)
        back = self.release("1.0.4", first, "--json")
        self.assertNotEqual(back.returncode, 0)
        self.assertIn("Refused", json.loads(back.stdout)["error"])
        self.assert_history_intact()


if __name__ == "__main__":
    unittest.main()
