"""Two `slipway serve` replicas on different ports, one PostgreSQL history and one storage folder (as behind a load
balancer): what a device tells one replica, the other answers from. A channel chosen through one is served by the
other; delta failures reported to both make either answer with the zip alone; failures reported to one halt the
rollout the other serves, once, with one event in a chain that verifies. A real PostgreSQL 15 on loopback."""
import json
import os
import shutil
import sys
import time
import unittest
import urllib.error
import urllib.request

from slipway_env import SlipwayServe, keyed_workspace, rollout_cohort, run_slipway, slipway_json, write_web_build
sys.path.insert(0, os.path.join(os.environ.get("SLIPWAY_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..")),
                                "tests", "servers"))
import loopback_servers  # noqa: E402

STABLE, NEXT = "1.0.0", "1.1.0"
CHOOSER, DELTA, HALT = "com.example.chooser", "com.example.delta", "com.example.halt"
# serve writes stats every 200 ms and judges an app's rollouts at most once a second; manifests are cached 50 ms here.
SETTLE = 1.5


def post(url, body, method="POST"):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, json.loads(reply.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def device(app, device_id, **fields):
    return {"app_id": app, "device_id": device_id, "version_name": "builtin", "version_build": "1.0.0",
            "platform": "android", "plugin_version": "8.0.0", **fields}


class ServeReplicasOnOnePostgres(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = loopback_servers.PostgresServer()
        cls.server.sql("CREATE DATABASE replicas OWNER slipway", database="postgres")
        cls.env = {"PGPASSWORD": cls.server.password,
                   "SLIPWAY_HISTORY": f"postgresql://slipway@127.0.0.1:{cls.server.port}/replicas"}
        cls.root, cls.data, cls.key, cls.pub = keyed_workspace("slipway-replicas-")
        for app in (CHOOSER, DELTA, HALT):
            for version, channel in ((STABLE, "production"), (NEXT, "beta")):
                build = os.path.join(cls.root, f"build-{app}-{version}")
                write_web_build(build, version)
                slipway_json("release", "--app-id", app, "--version", version, "--channel", channel, "--path", build,
                             "--key", cls.key, data_dir=cls.data, env=cls.env)
        cls.a = SlipwayServe(cls.data, "--manifest-ttl", "0.05", console=os.path.join(cls.root, "a.log"), env=cls.env)
        cls.b = SlipwayServe(cls.data, "--manifest-ttl", "0.05", console=os.path.join(cls.root, "b.log"), env=cls.env)

    @classmethod
    def tearDownClass(cls):
        for replica in (cls.a, cls.b):
            replica.stop()
        cls.server.stop()
        shutil.rmtree(cls.root, True)

    def slipway_json(self, *args):
        return slipway_json(*args, data_dir=self.data, env=self.env)

    def ask(self, replica, app, device_id, **fields):
        status, answer = post(replica.urls["updateUrl"], device(app, device_id, **fields))
        self.assertEqual(status, 200, answer)
        return answer

    def report(self, replica, app, device_id, action, version):
        status, answer = post(replica.urls["statsUrl"], device(app, device_id, action=action, version_name=version))
        self.assertEqual((status, answer.get("status")), (200, "ok"), answer)

    def test_a_channel_chosen_through_one_replica_is_served_by_the_other(self):
        phone = "0f0e0d0c-0000-4000-8000-00000000c001"
        self.assertEqual(self.ask(self.b, CHOOSER, phone)["version"], STABLE)
        status, answer = post(self.a.urls["channelUrl"], {"app_id": CHOOSER, "device_id": phone, "channel": "beta"})
        self.assertEqual(status, 200, answer)
        time.sleep(0.2)  # past B's 50 ms cache of what it last read for this phone
        self.assertEqual(self.ask(self.b, CHOOSER, phone)["version"], NEXT)
        status, answer = post(self.b.urls["channelUrl"], {"app_id": CHOOSER, "device_id": phone}, method="PUT")
        self.assertEqual((status, answer["channel"]), (200, "beta"), answer)
        # Another phone of the app, and the same phone id in another app, keep their default channel.
        self.assertEqual(self.ask(self.b, CHOOSER, "0f0e0d0c-0000-4000-8000-00000000c002")["version"], STABLE)
        self.assertEqual(self.ask(self.b, DELTA, phone)["version"], STABLE)
        # Back to production through B: A follows.
        status, _ = post(self.b.urls["channelUrl"], {"app_id": CHOOSER, "device_id": phone, "channel": "production"})
        self.assertEqual(status, 200)
        time.sleep(0.2)
        self.assertEqual(self.ask(self.a, CHOOSER, phone)["version"], STABLE)
        stored = self.server.sql(f"COPY (SELECT channel FROM device_channels WHERE app_id = '{CHOOSER}' AND "
                                 f"device_id = '{phone}') TO STDOUT", database="replicas")
        self.assertEqual(stored.strip(), "production")

    def test_delta_failures_reported_to_both_replicas_send_the_zip_from_either(self):
        phone = "0f0e0d0c-0000-4000-8000-00000000d001"
        first = self.ask(self.a, DELTA, phone)
        self.assertIn("manifest", first)  # the plugin handles a delta: it is offered one
        self.report(self.a, DELTA, phone, "download_manifest_checksum_fail", STABLE)
        self.report(self.b, DELTA, phone, "download_manifest_file_fail", STABLE)
        time.sleep(SETTLE)
        for replica in (self.a, self.b):
            answer = self.ask(replica, DELTA, phone)
            self.assertEqual(answer["version"], STABLE)
            self.assertNotIn("manifest", answer)  # neither replica alone saw two failures
        self.assertIn("manifest", self.ask(self.b, DELTA, "0f0e0d0c-0000-4000-8000-00000000d002"))

    def test_failures_reported_to_one_replica_halt_the_rollout_the_other_serves(self):
        state = os.path.join(self.root, "halt.fleet.json")

        def fleet(*args):
            result = self.slipway_json("device", "fleet", "--update-url", self.a.urls["updateUrl"], "--stats-url",
                                       self.b.urls["statsUrl"], "--app-id", HALT, "--public-key", self.pub,
                                       "--devices", "1000", "--state", state, "--id-prefix", "halt", *args)
            self.assertEqual(result["errors"], 0, result)
            return result["rounds"][-1]

        self.assertEqual(fleet()["running"], {STABLE: 1000})
        self.slipway_json("channel", "rollout", "--app-id", HALT, "--channel", "production", "--version", NEXT,
                          "--percent", "10", "--reason", "canary on two replicas")
        rollout_id = self.slipway_json("channel", "status", "--app-id", HALT, "--channel",
                                       "production")["channels"][0]["rollout"]["id"]
        cohort = rollout_cohort("halt", 1000, rollout_id, 10)
        # Updates from A, stats to B. The cohort, unless the halt came before the round's last phones asked.
        rollout_round = fleet("--fail-rate", "0.3", "--fail-version", NEXT)
        self.assertTrue(min(70, cohort) <= rollout_round["offered"].get(NEXT, 0) <= cohort, (cohort, rollout_round))
        self.assertGreater(rollout_round["failed"], 10, rollout_round)
        time.sleep(SETTLE)
        status = self.slipway_json("channel", "status", "--app-id", HALT, "--channel", "production")["channels"][0]
        self.assertEqual(status["rollout"]["state"], "halted", status)
        halts = [e for e in status["events"] if e["kind"] == "rollout-halt"]
        self.assertEqual(len(halts), 1, status["events"])  # both replicas judge it; one halts it
        self.assertEqual(json.loads(halts[0]["detail"])["tally"]["failed"], status["rollout"]["halt"]["tally"]["failed"])
        # A, which never received a failure report, now serves stable to the phones it has not updated yet.
        after = fleet("--fail-rate", "0.3", "--fail-version", NEXT)
        self.assertNotIn(NEXT, after["offered"], after)
        verify = run_slipway("history", "verify", data_dir=self.data, env=self.env)
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)
        for replica in (self.a, self.b):
            self.assertNotIn(b"could not", replica.console_text())


if __name__ == "__main__":
    unittest.main()
