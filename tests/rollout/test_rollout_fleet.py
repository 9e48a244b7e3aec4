"""Staged rollouts end to end: releases -> channel rollout -> slipway serve (loopback) -> device fleet -> the health
policy halts a bad rollout by itself; promote / abort / pause / resume change what the next round gets; bad input."""
import json
import os
import shutil
import time
import unittest
import urllib.error
import urllib.request

from slipway_env import SlipwayServe, keyed_workspace, rollout_cohort, run_slipway, slipway_json, write_web_build

STABLE, NEXT = "1.0.0", "1.1.0"


def post(url, body):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, json.loads(reply.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


class Rollouts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root, cls.data, cls.key, cls.pub = keyed_workspace("slipway-rollout-")
        cls.releases = {}
        for app in ("com.example.halt", "com.example.calm", "com.example.ops", "com.example.abort"):
            for version, channel in ((STABLE, "production"), (NEXT, "beta")):
                build = os.path.join(cls.root, f"build-{app}-{version}")
                write_web_build(build, version)
                cls.releases[(app, version)] = slipway_json(
                    "release", "--app-id", app, "--version", version, "--channel", channel, "--path", build,
                    "--key", cls.key, data_dir=cls.data)
        cls.server = SlipwayServe(cls.data, "--manifest-ttl", "0.05", console=os.path.join(cls.root, "serve.log"))
        cls.update_url = cls.server.urls["updateUrl"]
        cls.stats_url = cls.server.urls["statsUrl"]

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.root, True)

    def slipway(self, *args):
        return run_slipway(*args, data_dir=self.data)

    def rollout(self, app, *args):
        return slipway_json("channel", "rollout", "--app-id", app, "--channel", "production", *args,
                            data_dir=self.data)

    def status(self, app):
        result = slipway_json("channel", "status", "--app-id", app, "--channel", "production", data_dir=self.data)
        return result["channels"][0]

    def fleet(self, app, devices, *args):
        state = os.path.join(self.root, app + ".fleet.json")
        result = slipway_json("device", "fleet", "--update-url", self.update_url, "--app-id", app, "--public-key",
                              self.pub, "--devices", devices, "--state", state, "--id-prefix", app, *args,
                              data_dir=self.data)
        self.assertEqual(result["errors"], 0, result)
        return result["rounds"][-1]

    def settle(self):
        time.sleep(1.5)  # serve writes stats every 200 ms and judges each app's rollouts at most once a second

    def test_1_bad_input(self):
        app = "com.example.ops"
        for percent in ("150", "-1", "nan", "ten"):
            proc = self.slipway("channel", "rollout", "--app-id", app, "--version", NEXT, "--percent", percent)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn("percent", proc.stderr)
        proc = self.slipway("channel", "rollout", "--app-id", app, "--version", "9.9.9", "--percent", "10")
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("No completed release", proc.stderr)
        proc = self.slipway("channel", "rollout", "--app-id", app, "--pause")
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("no rollout", proc.stderr)
        proc = self.slipway("channel", "rollout", "--app-id", app, "--version", NEXT, "--percent", "10", "--pause")
        self.assertEqual(proc.returncode, 2)
        proc = self.slipway("channel", "rollout", "--app-id", app, "--version", NEXT, "--percent", "10",
                            "--on-failure", "explode")
        self.assertEqual(proc.returncode, 2)
        proc = self.slipway("channel", "rollout", "--app-id", app, "--version", STABLE, "--percent", "10")
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("already serves", proc.stderr)

        # A flood of malformed stats: each refused with 400, and the endpoint keeps answering.
        for body in (b"{", b"[]", b"null", b'{"app_id": 3}', b'{"action": "set"}', b"[" + b'{"app_id":"a","action":"set"},' * 40 + b"{}]",
                     b'{"app_id": "com.example.ops", "action": "set!"}'):
            for _ in range(20):
                status, answer = post(self.stats_url, body)
                self.assertEqual(status, 400, (body, answer))
        status, answer = post(self.update_url, {"app_id": app, "device_id": "after-flood", "version_name": "builtin",
                                                "version_build": "1.0.0", "platform": "android"})
        self.assertEqual(status, 200)
        self.assertEqual(answer["version"], STABLE)

        # An action nobody knows is recorded, not refused.
        status, answer = post(self.stats_url, {"app_id": app, "device_id": "odd-phone", "action": "teleport_done",
                                               "version_name": STABLE})
        self.assertEqual((status, answer.get("status")), (200, "ok"), answer)
        self.settle()
        events = slipway_json("device", "events", "--app-id", app, data_dir=self.data)
        self.assertIn("teleport_done", [e["action"] for e in events])

    def test_2_thirty_percent_failures_halt_the_rollout(self):
        app = "com.example.halt"
        first = self.fleet(app, 1000)
        self.assertEqual(first["running"], {STABLE: 1000})
        started = self.rollout(app, "--version", NEXT, "--percent", "10", "--reason", "canary")
        self.assertEqual(started["kind"], "rollout-start")
        cohort = rollout_cohort(app, 1000, self.status(app)["rollout"]["id"], 10)
        rollout_round = self.fleet(app, 1000, "--fail-rate", "0.3", "--fail-version", NEXT)
        offered = rollout_round["offered"].get(NEXT, 0)
        # The cohort, unless the halt came before the round's last phones asked (as the band of 70-130 allowed).
        self.assertTrue(min(70, cohort) <= offered <= cohort, (cohort, rollout_round))
        self.assertGreater(rollout_round["failed"], 10, rollout_round)
        self.settle()
        status = self.status(app)
        rollout = status["rollout"]
        self.assertEqual(rollout["state"], "halted", status)
        halt = rollout["halt"]
        self.assertEqual(halt["action"], "pause")
        tally = halt["tally"]
        self.assertGreaterEqual(tally["devices"], 50)
        self.assertGreater(tally["failed"], 0)
        self.assertIn(f"{tally['failed']} of {tally['devices']} devices", halt["reason"])
        self.assertTrue(tally["example_devices"] and tally["top_failures"], tally)
        # The halt is in the audit chain, with its numbers, and the chain verifies.
        halts = [e for e in status["events"] if e["kind"] == "rollout-halt"]
        self.assertEqual(len(halts), 1, status["events"])
        detail = json.loads(halts[0]["detail"])
        self.assertEqual(detail["tally"]["failed"], tally["failed"])
        verify = self.slipway("history", "verify")
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)
        # Stable is served again: the next round offers the rollout to nobody new.
        after = self.fleet(app, 1000, "--fail-rate", "0.3", "--fail-version", NEXT)
        self.assertNotIn(NEXT, after["offered"], after)
        # ...and explain says why for a device that failed.
        failing = tally["example_devices"][0]
        explained = slipway_json("device", "explain", "--app-id", app, "--device-id", failing, data_dir=self.data)
        self.assertEqual(explained["served"], STABLE, explained)
        self.assertIn("halted", explained["why"])
        self.assertTrue(any(v["version"] == NEXT and v["failed"] for v in explained["versions"]), explained)

    def test_3_one_percent_failures_do_not_halt(self):
        app = "com.example.calm"
        self.fleet(app, 1000)
        self.rollout(app, "--version", NEXT, "--percent", "10")
        cohort = rollout_cohort(app, 1000, self.status(app)["rollout"]["id"], 10)
        rollout_round = self.fleet(app, 1000, "--fail-rate", "0.01", "--fail-version", NEXT)
        self.assertEqual(rollout_round["offered"].get(NEXT, 0), cohort, rollout_round)
        self.settle()
        status = self.status(app)
        self.assertEqual(status["rollout"]["state"], "active", status)
        self.assertFalse(status["rollout"]["health"]["halt"])
        self.assertGreaterEqual(status["rollout"]["tally"]["devices"], 70)

    def test_4_operations_change_the_next_round(self):
        app = "com.example.ops"
        self.fleet(app, 400)
        self.rollout(app, "--version", NEXT, "--percent", "10", "--reason", "first tenth")
        rollout_id = self.status(app)["rollout"]["id"]
        r = self.fleet(app, 400)
        first = r["offered"].get(NEXT, 0)
        self.assertEqual(first, rollout_cohort(app, 400, rollout_id, 10), r)

        self.rollout(app, "--pause", "--reason", "weekend")
        self.rollout(app, "--version", NEXT, "--percent", "50")  # widened while paused: still nobody new
        r = self.fleet(app, 400)
        self.assertNotIn(NEXT, r["offered"], r)
        self.assertEqual(r["running"][NEXT], first)

        self.rollout(app, "--resume", "--reason", "monday")
        r = self.fleet(app, 400)
        self.assertGreater(r["offered"].get(NEXT, 0), 100, r)  # the rest of the half
        widened = r["running"][NEXT]
        self.assertEqual(widened, rollout_cohort(app, 400, rollout_id, 50), r)  # the same cohort seed, widened

        # Raising kept every device: explain a device and check it stays in at 50 %.
        explained = slipway_json("device", "explain", "--app-id", app, "--device-id", f"{app}-001", data_dir=self.data)
        self.assertIn("bucket", explained["why"])

        self.rollout(app, "--abort", "--reason", "bad reviews")
        r = self.fleet(app, 400)
        self.assertEqual(r["offered"].get(STABLE, 0), widened, r)  # everyone on the rollout goes back
        self.assertEqual(r["running"], {STABLE: 400})

        self.rollout(app, "--version", NEXT, "--percent", "5")
        self.rollout(app, "--promote", "--reason", "good after all")
        r = self.fleet(app, 400)
        self.assertEqual(r["running"], {NEXT: 400}, r)
        status = self.status(app)
        self.assertEqual(status["stable"], NEXT)
        self.assertNotIn("rollout", status)
        kinds = [e["kind"] for e in status["events"]]
        for kind in ("rollout-start", "rollout-pause", "rollout-percent", "rollout-resume", "rollout-abort",
                     "rollout-promote"):
            self.assertIn(kind, kinds)
        self.assertTrue(all(e["os_user"] and e["at"] for e in status["events"]))
        verify = self.slipway("history", "verify")
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)

    def test_5_an_aborting_policy_sends_everyone_back(self):
        app = "com.example.abort"
        self.fleet(app, 600)
        self.rollout(app, "--version", NEXT, "--percent", "30", "--on-failure", "abort", "--min-devices", "40")
        r = self.fleet(app, 600, "--fail-rate", "0.5", "--fail-version", NEXT)
        on_next = r["running"].get(NEXT, 0)
        self.assertGreater(on_next, 0, r)
        self.settle()
        self.assertEqual(self.status(app)["rollout"]["state"], "aborted")
        r = self.fleet(app, 600)
        self.assertEqual(r["offered"].get(STABLE, 0), on_next, r)
        self.assertEqual(r["running"], {STABLE: 600})


if __name__ == "__main__":
    unittest.main()
