"""Contract test: Slipway's Capgo registrar sends what the real @capgo/cli 8.68.1 sends.

For each case the real CLI runs `bundle upload APP --external URL --iv-session-key KEY
--encrypted-checksum SIGNED -b VERSION -c CHANNEL` against a fresh local stand-in, then Slipway's
`capgo register` runs against another fresh stand-in with the same answers; the requests both
recorded are compared: method, path, decoded query multiset, the headers that matter and the JSON
body (parsed, field order included).
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from capgo_standin import API_KEY, CapgoStandIn, capacitor_project, load_recording
from slipway_env import CAPGO_DIR, CapgoCli, run_slipway

APP = "com.example.contract"
VERSION = "1.0.0"
CHANNEL = "production"
EXTERNAL = "https://cdn.example.com/bundles/com.example.contract/1.0.0.zip"
SESSION_KEY = "AAECAwQFBgcICQoLDA0ODw==:U2Vzc2lvbktleUVuY3J5cHRlZFdpdGhSU0FQcml2YXRlS2V5"
CHECKSUM = "5f2b7c0e9d4a1b3c8e6f0a2d4c6b8e0f1a3c5e7d9b0f2a4c6e8d0b2f4a6c8e0d"

HEADERS_THAT_MATTER = ("capgkey", "authorization", "apikey", "content-type", "prefer", "content-profile",
                       "accept-profile", "capgo_api", "accept")

# CLI requests Slipway deliberately does not send, and why (docs/registry.md says the same).
SKIPPED = {
    "files/config": "upload-size settings for Capgo's own storage; an external bundle is not uploaded there",
    "GET app/:id (via /functions/v1)": "the same app-existence check as GET {api}/app/<id>, which Slipway makes",
    "rpc get_organization_cli_warnings": "messages addressed to @capgo/cli versions",
    "rpc is_trial_org": "billing banner only",
    "rpc is_paying_org": "billing banner only",
    "rpc has_usage_credits_org": "billing banner only",
    "private/events": "telemetry",
}
SKIPPED_PERMISSIONS = {"bundle.delete": "for the CLI's optional clean-up of old bundles, which Slipway never does"}
WRITES = ("UPSERT app_versions", "PUT bundle", "POST channel")


def essential(request):
    """What must match between the CLI and Slipway for one request."""
    headers = tuple((name, request["headers"].get(name)) for name in HEADERS_THAT_MATTER)
    body = request["body"]
    ordered = json.dumps(body) if body is not None else None  # json keeps the wire order of fields
    return (request["method"], request["path"], tuple(sorted(request["query"])), headers, ordered)


def expected_from_cli(requests):
    """The CLI's requests minus the ones Slipway skips on purpose and minus exact repeats."""
    out, seen = [], set()
    for request in requests:
        if request["handler"] in SKIPPED:
            continue
        body = request["body"] if isinstance(request["body"], dict) else {}
        if request["handler"] == "rpc cli_check_permission" and body.get("permission_key") in SKIPPED_PERMISSIONS:
            continue
        key = essential(request)
        if key in seen:
            continue
        seen.add(key)
        out.append(key)
    return out


def describe(keys):
    return "\n".join("  %s %s %s %s" % (k[0], k[1], dict(k[2]) if k[2] else "", (k[4] or "")[:120]) for k in keys)


class CapgoContract(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.capgo = CapgoCli().bin
        if not os.path.exists(cls.capgo):
            raise RuntimeError("the Capgo CLI is missing at %s: run 'bash packaging/setup.sh test'" % cls.capgo)

    def setUp(self):
        self.scratch = tempfile.mkdtemp(prefix="capgo-contract-")
        self.addCleanup(shutil.rmtree, self.scratch, True)

    # -- the two clients ---------------------------------------------------------------------
    def run_cli(self, scenario, extra=(), api_key=API_KEY):
        with CapgoStandIn(scenario) as standin:
            project = capacitor_project(tempfile.mkdtemp(dir=self.scratch), APP, standin.url, CAPGO_DIR)
            env = dict(os.environ, CI="true", CAPGO_DISABLE_TELEMETRY="true", HOME=project)
            env.pop("CAPGO_TOKEN", None)
            proc = subprocess.run([self.capgo, "bundle", "upload", APP, "--external", EXTERNAL, "--iv-session-key",
                                   SESSION_KEY, "--encrypted-checksum", CHECKSUM, "-b", VERSION, "-c", CHANNEL,
                                   "-a", api_key, *extra],
                                  cwd=project, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                  timeout=180)
        return proc, standin.requests

    def run_slipway(self, scenario, extra=(), api_key=API_KEY, overrides=None, supa_host=None, external=EXTERNAL):
        with CapgoStandIn(scenario, overrides=overrides, supa_host=supa_host) as standin:
            proc = run_slipway("capgo", "register", "--app-id", APP, "--version", VERSION, "--channel", CHANNEL,
                               "--external", external, "--iv-session-key", SESSION_KEY, "--checksum", CHECKSUM,
                               "--api-host", standin.url, *extra, env={"CAPGO_TOKEN": api_key},
                               data_dir=os.path.join(self.scratch, "data"), timeout=120)
        return proc, standin.requests

    def assert_same_requests(self, cli_requests, slipway_requests):
        expected = expected_from_cli(cli_requests)
        actual = [essential(r) for r in slipway_requests]
        self.assertEqual(actual, expected, "Slipway's requests differ from the CLI's.\nCLI (essential):\n%s\nSlipway:\n%s"
                         % (describe(expected), describe(actual)))

    def assert_cli_matches_recording(self, scenario, cli_requests):
        """The live CLI still behaves as recorded (so the recordings stay a faithful reference)."""
        recorded = [dict(r, query=[tuple(q) for q in r["query"]],
                         headers={k.lower(): v for k, v in r["headers"].items()}) for r in load_recording(scenario)]
        self.assertEqual(expected_from_cli(cli_requests), expected_from_cli(recorded))

    def contract(self, scenario, cli_extra=(), slipway_extra=()):
        cli, cli_requests = self.run_cli(scenario, cli_extra)
        slip, slip_requests = self.run_slipway(scenario, slipway_extra)
        self.assert_cli_matches_recording(scenario, cli_requests)
        self.assert_same_requests(cli_requests, slip_requests)
        return cli, cli_requests, slip, slip_requests

    # -- cases -------------------------------------------------------------------------------
    def test_existing_channel(self):
        cli, cli_requests, slip, requests = self.contract("baseline")
        self.assertEqual(cli.returncode, 0, cli.stdout + cli.stderr)
        self.assertEqual(slip.returncode, 0, slip.stderr)
        handlers = [r["handler"] for r in requests]
        self.assertEqual(handlers[-3:], ["UPSERT app_versions", "rpc get_app_versions", "PUT bundle"])
        upsert = requests[handlers.index("UPSERT app_versions")]
        self.assertEqual(list(upsert["body"]), ["name", "app_id", "session_key", "external_url", "storage_provider",
                                                "native_packages", "owner_org", "user_id", "checksum", "link",
                                                "comment", "cli_version"])
        self.assertEqual(upsert["body"]["session_key"], SESSION_KEY)
        self.assertEqual(upsert["body"]["checksum"], CHECKSUM)
        self.assertIn("channel production now points to it", slip.stdout)

    def test_new_channel(self):
        cli, _, slip, requests = self.contract("new-channel")
        self.assertEqual(cli.returncode, 0, cli.stdout + cli.stderr)
        self.assertEqual(slip.returncode, 0, slip.stderr)
        self.assertEqual(requests[-1]["handler"], "POST channel")
        self.assertEqual(requests[-1]["body"], {"app_id": APP, "channel": CHANNEL, "version": VERSION})
        self.assertIn("channel production created", slip.stdout)

    def test_version_exists_is_refused_and_nothing_is_written(self):
        cli, cli_requests, slip, requests = self.contract("exists")
        self.assertNotEqual(cli.returncode, 0)
        self.assertIn("already exists", cli.stdout + cli.stderr)
        self.assertEqual(slip.returncode, 3, slip.stderr)
        self.assertIn("Version 1.0.0 already exists for com.example.contract on Capgo: nothing was registered", slip.stderr)
        self.assertEqual(slip.stdout, "")
        for request in cli_requests + requests:
            self.assertNotIn(request["handler"], WRITES)

    def test_min_update_version(self):
        cli, _, slip, requests = self.contract("min-update", ("--min-update-version", "0.9.0"),
                                               ("--min-update-version", "0.9.0"))
        self.assertEqual(cli.returncode, 0, cli.stdout + cli.stderr)
        self.assertEqual(slip.returncode, 0, slip.stderr)
        upsert = next(r for r in requests if r["handler"] == "UPSERT app_versions")
        self.assertEqual(list(upsert["body"])[4:7], ["storage_provider", "min_update_version", "native_packages"])
        self.assertEqual(upsert["body"]["min_update_version"], "0.9.0")

    def test_version_number_channel_needs_a_minimum_like_the_cli(self):
        """min-update's channel targets by version number: without a minimum both refuse before writing."""
        cli, cli_requests = self.run_cli("min-update")
        slip, requests = self.run_slipway("min-update")
        self.assertNotEqual(cli.returncode, 0)
        self.assertIn("min-update-version", cli.stdout + cli.stderr)
        self.assertEqual(slip.returncode, 2, slip.stderr)
        self.assertIn("minimum update version", slip.stderr)
        for request in cli_requests + requests:
            self.assertNotIn(request["handler"], WRITES)
        self.assert_same_requests(cli_requests, requests)

    def test_wrong_api_key_is_a_plain_error(self):
        cli, _ = self.run_cli("baseline", api_key="ak_wrong")
        slip, requests = self.run_slipway("baseline", api_key="ak_wrong")
        self.assertNotEqual(cli.returncode, 0)
        self.assertEqual(slip.returncode, 1, slip.stderr)
        self.assertIn("Capgo refused the API key (HTTP 401)", slip.stderr)
        self.assertIn("CAPGO_TOKEN", slip.stderr)
        self.assertNotIn("ak_wrong", slip.stderr + slip.stdout)
        for request in requests:
            self.assertNotIn(request["handler"], WRITES)

    # -- Slipway-only guarantees ---------------------------------------------------------------
    def test_channel_failure_after_the_upsert_names_both_halves(self):
        slip, requests = self.run_slipway("baseline", overrides={"PUT bundle": (500, {"message": "channel update failed"})})
        self.assertEqual(slip.returncode, 4, slip.stderr)
        self.assertIn("Version 1.0.0 of com.example.contract is registered on Capgo", slip.stderr)
        self.assertIn("channel production was NOT changed", slip.stderr)
        self.assertIn("UPSERT app_versions", [r["handler"] for r in requests])

    def test_repoint_existing_points_the_channel_without_rewriting_the_version(self):
        slip, requests = self.run_slipway("exists", ("--repoint-existing", "--json"))
        self.assertEqual(slip.returncode, 0, slip.stderr)
        handlers = [r["handler"] for r in requests]
        self.assertNotIn("UPSERT app_versions", handlers)
        self.assertEqual(handlers[-2:], ["rpc get_app_versions", "PUT bundle"])
        self.assertTrue(json.loads(slip.stdout)["version_existed"])

    def test_older_backend_without_the_per_app_plan_check(self):
        """Like the CLI, fall back to is_allowed_action_org when the backend lacks the per-app function."""
        missing = (404, {"code": "PGRST202", "message": "Could not find the function"})
        slip, requests = self.run_slipway("baseline", overrides={"rpc is_allowed_action_org_action": missing,
                                                                 "rpc is_allowed_action_org": (200, True)})
        self.assertEqual(slip.returncode, 0, slip.stderr)
        self.assertIn("rpc is_allowed_action_org", [r["handler"] for r in requests])
        refused, requests = self.run_slipway("baseline", overrides={"rpc is_allowed_action_org_action": missing,
                                                                    "rpc is_allowed_action_org": (200, False)})
        self.assertEqual(refused.returncode, 1)
        self.assertIn("plan", refused.stderr)
        for request in requests:
            self.assertNotIn(request["handler"], WRITES)

    def test_plain_http_bundle_url_is_refused_before_any_request(self):
        slip, requests = self.run_slipway("baseline", external="http://cdn.example.com/b.zip")
        self.assertEqual(slip.returncode, 2)
        self.assertIn("https://", slip.stderr)
        self.assertEqual(requests, [])

    def test_key_is_never_sent_to_a_plain_http_supabase_host(self):
        slip, requests = self.run_slipway("baseline", supa_host="http://supabase.example.com")
        self.assertEqual(slip.returncode, 2, slip.stderr)
        self.assertIn("not https", slip.stderr)
        self.assertEqual([r["handler"] for r in requests], ["private/config"])
        self.assertNotIn("capgkey", requests[0]["headers"])

    def status(self, scenario, overrides=None):
        with CapgoStandIn(scenario, overrides=overrides) as standin:
            proc = run_slipway("capgo", "status", "--app-id", APP, "--version", VERSION, "--channel", CHANNEL,
                               "--api-host", standin.url, "--json", env={"CAPGO_TOKEN": API_KEY},
                               data_dir=os.path.join(self.scratch, "data"))
        for request in standin.requests:
            self.assertNotIn(request["handler"], WRITES)
        return proc, standin.handlers()

    def test_status_checks_the_version_and_where_the_channel_points(self):
        missing, handlers = self.status("baseline")
        self.assertEqual(missing.returncode, 1, missing.stderr)
        self.assertFalse(json.loads(missing.stdout)["registered"])
        self.assertEqual(handlers, ["private/config", "rpc exist_app_versions"])
        elsewhere, _ = self.status("exists")  # the channel points at version id 100, 1.0.0 is 101
        self.assertEqual(elsewhere.returncode, 1, elsewhere.stderr)
        served, handlers = self.status("exists", {"GET channels [target-channel]": (200, [
            {"id": 10, "public": True, "version": 101, "rollout_version": None, "rollout_enabled": False,
             "rollout_percentage_bps": 0}])})
        self.assertEqual(served.returncode, 0, served.stderr)
        self.assertTrue(json.loads(served.stdout)["registered"])
        self.assertEqual(handlers, ["private/config", "rpc exist_app_versions", "GET channels [target-channel]",
                                    "rpc get_app_versions"])

    def test_unreachable_api_host_is_a_plain_error(self):
        proc = run_slipway("capgo", "register", "--app-id", APP, "--version", VERSION, "--channel", CHANNEL,
                           "--external", EXTERNAL, "--iv-session-key", SESSION_KEY, "--checksum", CHECKSUM,
                           "--api-host", "http://127.0.0.1:9", env={"CAPGO_TOKEN": API_KEY},
                           data_dir=os.path.join(self.scratch, "data"))
        self.assertEqual(proc.returncode, 1)
        self.assertIn("Cannot reach Capgo at 127.0.0.1:9", proc.stderr)
        self.assertIn("connection refused", proc.stderr)


if __name__ == "__main__":
    unittest.main()
