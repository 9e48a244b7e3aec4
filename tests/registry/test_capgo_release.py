"""slipway release --registrar <capgo profile> against the Capgo stand-in (needs openRegistrar wired to
openCapgoRegistrar). Drop into tests/registry/test_capgo_release.py once the wiring is in."""
import json
import os
import shutil
import tempfile
import unittest

from capgo_standin import API_KEY, CapgoStandIn
from slipway_env import TEST_DATA, run_slipway

BUILD = os.path.join(TEST_DATA, "vectors", "capgo-cli-8.68.1", "build")
APP = "com.example.contract"


class CapgoRelease(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.mkdtemp(prefix="capgo-release-")
        self.addCleanup(shutil.rmtree, self.scratch, True)
        self.data = os.path.join(self.scratch, "data")
        os.makedirs(os.path.join(self.scratch, "cdn"))
        proc = run_slipway("storage", "add", "cdn", "--url", "file://" + os.path.join(self.scratch, "cdn"),
                           "--public-base-url", "https://cdn.example.com/bundles", data_dir=self.data)
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def release(self, scenario, version):
        with CapgoStandIn(scenario) as standin:
            added = run_slipway("registrar", "add", "capgo-test", "--capgo", "--api-host", standin.url, data_dir=self.data)
            self.assertEqual(added.returncode, 0, added.stderr)
            proc = run_slipway("release", "--app-id", APP, "--version", version, "--path", BUILD, "--storage", "cdn",
                               "--registrar", "capgo-test", "--no-code-check", "--json",
                               env={"CAPGO_TOKEN": API_KEY}, data_dir=self.data)
        return proc, standin.requests

    def test_release_registers_what_it_uploaded(self):
        proc, requests = self.release("new-channel", "1.0.0")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        result = json.loads(proc.stdout)
        upsert = next(r for r in requests if r["handler"] == "UPSERT app_versions")
        self.assertEqual(upsert["body"]["external_url"], result["url"])
        self.assertEqual(upsert["body"]["session_key"], result["iv_session_key"])
        self.assertEqual(upsert["body"]["checksum"], result["signed_checksum"])
        self.assertEqual(requests[-1]["handler"], "POST channel")
        self.assertTrue(os.path.exists(os.path.join(self.scratch, "cdn", result["storage_key"])))

    def test_existing_version_fails_the_release_plainly(self):
        proc, requests = self.release("exists", "1.0.0")
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("already exists for com.example.contract on Capgo: nothing was registered", proc.stderr)
        self.assertNotEqual(json.loads(proc.stdout)["status"], "completed")
        self.assertNotIn("UPSERT app_versions", [r["handler"] for r in requests])


if __name__ == "__main__":
    unittest.main()
