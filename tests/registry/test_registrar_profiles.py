"""Registrar profiles: only non-secret parts on disk; the Capgo API key from CAPGO_TOKEN or the keychain."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from capgo_standin import CapgoStandIn
from slipway_env import SLIPWAY, run_slipway

SECRET = "ak_profile_secret_4242424242"
REGISTER = ["capgo", "register", "--app-id", "com.example.contract", "--version", "1.0.0", "--channel", "production",
            "--external", "https://cdn.example.com/bundles/com.example.contract/1.0.0.zip",
            "--iv-session-key", "AAECAwQFBgcICQoLDA0ODw==:U2Vzc2lvbktleUVuY3J5cHRlZFdpdGhSU0FQcml2YXRlS2V5",
            "--checksum", "5f2b7c0e9d4a1b3c8e6f0a2d4c6b8e0f1a3c5e7d9b0f2a4c6e8d0b2f4a6c8e0d"]


def files_contain(root, needle):
    for folder, _, names in os.walk(root):
        for name in names:
            with open(os.path.join(folder, name), "rb") as f:
                if needle.encode() in f.read():
                    return os.path.join(folder, name)
    return None


class RegistrarProfiles(unittest.TestCase):
    def setUp(self):
        self.data = tempfile.mkdtemp(prefix="slipway-registrar-")
        self.addCleanup(shutil.rmtree, self.data, True)
        # No Secret Service in this process's environment unless a test starts one.
        self.env = {"CAPGO_TOKEN": "", "DBUS_SESSION_BUS_ADDRESS": "", "DISPLAY": ""}

    def slipway(self, *args, env=None):
        merged = dict(self.env)
        merged.update(env or {})
        return run_slipway(*args, env=merged, data_dir=self.data)

    def test_profile_file_holds_no_secret_and_capgo_token_is_used(self):
        with CapgoStandIn("baseline", api_key=SECRET) as standin:
            added = self.slipway("registrar", "add", "capgo-test", "--capgo", "--api-host", standin.url, "--json")
            self.assertEqual(added.returncode, 0, added.stderr)
            with open(os.path.join(self.data, "registrar-profiles.json")) as f:
                saved = json.load(f)
            self.assertEqual(saved, {"profiles": [{"name": "capgo-test", "kind": "capgo", "api_host": standin.url}]})
            proc = self.slipway(*REGISTER, "--profile", "capgo-test", env={"CAPGO_TOKEN": SECRET})
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertIn("(profile capgo-test)", proc.stdout)
            keyed = [r for r in standin.requests if "capgkey" in r["headers"]]
            self.assertTrue(keyed)
            self.assertTrue(all(r["headers"]["capgkey"] == SECRET for r in keyed))
        self.assertIsNone(files_contain(self.data, SECRET))
        self.assertNotIn(SECRET, proc.stdout + proc.stderr)

    def test_missing_token_says_where_to_put_it(self):
        self.assertEqual(self.slipway("registrar", "add", "prod", "--capgo").returncode, 0)
        proc = self.slipway(*REGISTER, "--profile", "prod")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("No Capgo API key for registrar profile 'prod'", proc.stderr)
        self.assertIn("CAPGO_TOKEN", proc.stderr)
        self.assertIn("slipway registrar add prod --capgo --api-key-stdin", proc.stderr)
        bare = self.slipway(*REGISTER)
        self.assertEqual(bare.returncode, 2)
        self.assertIn("set the environment variable CAPGO_TOKEN", bare.stderr)

    def test_list_remove_and_validation(self):
        self.assertEqual(self.slipway("registrar", "add", "cloud", "--capgo").returncode, 0)
        self.assertEqual(self.slipway("registrar", "add", "selfhosted", "--capgo", "--api-host",
                                      "https://capgo.internal.example.com/api").returncode, 0)
        listed = json.loads(self.slipway("registrar", "list", "--json").stdout)
        self.assertEqual([(p["name"], p["api_host"]) for p in listed["profiles"]],
                         [("cloud", "https://api.capgo.app"), ("selfhosted", "https://capgo.internal.example.com/api")])
        plain = self.slipway("registrar", "add", "bad", "--capgo", "--api-host", "http://capgo.example.com")
        self.assertEqual(plain.returncode, 2)
        self.assertIn("not https", plain.stderr)
        self.assertEqual(self.slipway("registrar", "add", "local", "--capgo").returncode, 2)
        self.assertEqual(self.slipway("registrar", "remove", "cloud").returncode, 0)
        listed = json.loads(self.slipway("registrar", "list", "--json").stdout)
        self.assertEqual([p["name"] for p in listed["profiles"]], ["selfhosted"])
        gone = self.slipway(*REGISTER, "--profile", "cloud", env={"CAPGO_TOKEN": SECRET})
        self.assertEqual(gone.returncode, 2)
        self.assertIn("There is no registrar profile named 'cloud'", gone.stderr)

    def test_keychain_round_trip(self):
        """A real Secret Service (gnome-keyring in a private D-Bus session): store, use, remove."""
        for tool in ("dbus-run-session", "gnome-keyring-daemon"):
            self.assertTrue(shutil.which(tool), "%s is missing: run 'bash packaging/setup.sh test'" % tool)
        with CapgoStandIn("baseline", api_key=SECRET) as standin:
            script = tempfile.NamedTemporaryFile("w", suffix=".sh", dir=self.data, delete=False)
            slip = [SLIPWAY, "--data-dir", self.data]
            q = lambda words: " ".join("'%s'" % w for w in words)
            script.write("""set -u
export HOME='{data}'
export XDG_DATA_HOME='{data}/xdg'
echo -n unlockpass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
printf '%s' '{secret}' | {add} || exit 10
{register} >/dev/null || exit 11
{remove} >/dev/null || exit 12
{readd} >/dev/null || exit 14
{register} 2>'{data}/after-remove.err' && exit 13
exit 0
""".format(data=self.data, secret=SECRET,
           add=q(slip + ["registrar", "add", "kc", "--capgo", "--api-host", standin.url, "--api-key-stdin"]),
           register=q(slip + REGISTER + ["--profile", "kc"]),
           remove=q(slip + ["registrar", "remove", "kc"]),
           readd=q(slip + ["registrar", "add", "kc", "--capgo", "--api-host", standin.url])))
            script.close()
            env = {k: v for k, v in os.environ.items() if k not in ("CAPGO_TOKEN", "DBUS_SESSION_BUS_ADDRESS", "DISPLAY")}
            proc = subprocess.run(["dbus-run-session", "--", "sh", script.name], env=env, capture_output=True,
                                  text=True, timeout=120, stdin=subprocess.DEVNULL)
            self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
            keyed = [r for r in standin.requests if "capgkey" in r["headers"]]
            self.assertTrue(keyed)
            self.assertTrue(all(r["headers"]["capgkey"] == SECRET for r in keyed))
        with open(os.path.join(self.data, "after-remove.err")) as f:
            self.assertIn("the keychain holds no key for profile 'kc'", f.read())
        with open(os.path.join(self.data, "registrar-profiles.json")) as f:
            self.assertNotIn(SECRET, f.read())


if __name__ == "__main__":
    unittest.main()
