"""Live interop with the real @capgo/cli from npm, in both directions."""
import json
import os
import shutil
import tempfile
import unittest

from slipway_env import VECTORS, CapgoCli, golden, run_slipway, slipway_json


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


class CapgoInterop(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cli = CapgoCli()
        assert cls.cli.version() == "8.68.1", cls.cli.version()

    def setUp(self):
        self.project = self.cli.project()
        self.addCleanup(shutil.rmtree, self.project, True)
        self.zip = os.path.join(self.project, "bundle.zip")
        shutil.copy(os.path.join(VECTORS, "bundle.zip"), self.zip)
        os.chmod(self.zip, 0o644)

    def capgo_json(self, *args):
        proc = self.cli.run(*args, "--json", cwd=self.project)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        start = proc.stdout.index("{")
        return json.loads(proc.stdout[start:proc.stdout.rindex("}") + 1])

    def test_our_key_pair_is_used_by_the_cli(self):
        """slipway key create -> capgo bundle encrypt -> slipway bundle verify."""
        slipway_json("key", "create", "--out", self.project)
        sha = golden()["zipSha256"]
        out = self.capgo_json("bundle", "encrypt", self.zip, sha, "--key", os.path.join(self.project, ".capgo_key_v2"))
        self.assertEqual(len(out["checksum"]), 512)
        proc = run_slipway("bundle", "verify", out["filename"], "--iv-session-key", out["ivSessionKey"],
                           "--checksum", out["checksum"], "--key", os.path.join(self.project, ".capgo_key_v2.pub"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        # and our V3 signature over the same zip is the CLI's, byte for byte
        ours = slipway_json("bundle", "encrypt", self.zip, "--key", os.path.join(self.project, ".capgo_key_v2"),
                            "--out", os.path.join(self.project, "ours.enc"))
        self.assertEqual(ours["checksum"], out["checksum"])

    def test_cli_decrypts_our_bundle_and_the_checksum_matches(self):
        """slipway bundle encrypt -> capgo bundle decrypt --checksum: 'Checksum matches', identical bytes."""
        slipway_json("key", "create", "--out", self.project)
        ours = slipway_json("bundle", "encrypt", self.zip, "--key", os.path.join(self.project, ".capgo_key_v2"))
        proc = self.cli.run("bundle", "decrypt", ours["filename"], ours["ivSessionKey"],
                            "--key", os.path.join(self.project, ".capgo_key_v2.pub"), "--checksum", ours["checksum"],
                            cwd=self.project)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("Checksum matches", proc.stdout + proc.stderr)
        self.assertEqual(read_bytes(ours["filename"] + "_decrypted.zip"), read_bytes(self.zip))

    def test_cli_rejects_our_bundle_with_a_tampered_checksum(self):
        """The reference client is strict too: a check that cannot fail proves nothing."""
        slipway_json("key", "create", "--out", self.project)
        ours = slipway_json("bundle", "encrypt", self.zip, "--key", os.path.join(self.project, ".capgo_key_v2"))
        other = slipway_json("bundle", "encrypt", os.path.join(VECTORS, "bundle.zip"), "--key",
                             os.path.join(VECTORS, "capgo_key_v2.pem"), "--out", os.path.join(self.project, "o.enc"))
        proc = self.cli.run("bundle", "decrypt", ours["filename"], ours["ivSessionKey"],
                            "--key", os.path.join(self.project, ".capgo_key_v2.pub"), "--checksum", other["checksum"],
                            cwd=self.project)
        self.assertNotIn("Checksum matches", proc.stdout + proc.stderr)

    def test_cli_key_pair_and_bundle_are_accepted_by_us(self):
        """capgo key create + bundle encrypt -> slipway bundle verify and decrypt give the same zip."""
        proc = self.cli.run("key", "create", cwd=self.project)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        priv = os.path.join(self.project, ".capgo_key_v2")
        pub = os.path.join(self.project, ".capgo_key_v2.pub")
        info = slipway_json("key", "inspect", pub)
        self.assertEqual(info["bits"], 2048)
        self.assertEqual(slipway_json("key", "inspect", priv)["fingerprint"], info["fingerprint"])
        # our re-serialisation of the CLI's key files is byte-identical
        exported = os.path.join(self.project, "re.pub")
        run_slipway("key", "export", priv, "--public", "--out", exported, check=True)
        self.assertEqual(read_bytes(exported), read_bytes(pub))
        out = self.capgo_json("bundle", "encrypt", self.zip, golden()["zipSha256"])
        proc = run_slipway("bundle", "verify", out["filename"], "--iv-session-key", out["ivSessionKey"],
                           "--checksum", out["checksum"], "--key", pub, "--json")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertTrue(json.loads(proc.stdout)["accepted"])
        plain = os.path.join(self.project, "plain.zip")
        run_slipway("bundle", "decrypt", out["filename"], "--iv-session-key", out["ivSessionKey"], "--key", pub,
                    "--checksum", out["checksum"], "--out", plain, check=True)
        self.assertEqual(read_bytes(plain), read_bytes(self.zip))

    def test_cli_golden_files_are_accepted(self):
        g = golden()
        proc = run_slipway("bundle", "verify", os.path.join(VECTORS, "bundle.zip.encrypted"), "--iv-session-key",
                           g["ivSessionKey"], "--checksum", g["encryptedChecksum"], "--key",
                           os.path.join(VECTORS, "capgo_key_v2.pub.pem"))
        self.assertEqual(proc.returncode, 0, proc.stderr)


if __name__ == "__main__":
    unittest.main()
