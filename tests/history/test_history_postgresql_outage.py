"""A team history on PostgreSQL that goes away in the middle of a release: the release says so, waits for the
server, carries on once it is back, and nothing is lost (every step recorded, the audit chain intact). A real
PostgreSQL 15 on loopback (tests/servers/postgresql.sh), stopped with a fast shutdown and started again on the
same data."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

from slipway_env import SLIPWAY, keyed_workspace, run_slipway, write_web_build
sys.path.insert(0, os.path.join(os.environ.get("SLIPWAY_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..")),
                                "tests", "servers"))
import loopback_servers  # noqa: E402

APP = "com.example.outage"


class HistoryServerOutage(unittest.TestCase):
    def setUp(self):
        self.server = loopback_servers.PostgresServer()
        self.addCleanup(self.server.stop)
        self.tmp = tempfile.mkdtemp(prefix="slipway-outage-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.url = self.server.url
        self.env = dict(os.environ, PGPASSWORD=self.server.password)
        self.env.pop("SLIPWAY_KEY_PASSPHRASE", None)

    def slipway(self, *args, env=None):
        proc = run_slipway(*args, env=dict({"PGPASSWORD": self.server.password}, **(env or {})))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc

    def paused_release(self, data, key, build, version, reconnect_seconds, pause_seconds):
        """Starts a release that pauses at its upload step; returns it and its stderr up to the pause."""
        storage = os.path.join(self.tmp, "storage")
        os.makedirs(storage, exist_ok=True)
        env = dict(self.env, SLIPWAY_TEST_PAUSE_AT="upload", SLIPWAY_TEST_PAUSE_SECONDS=str(pause_seconds),
                   SLIPWAY_HISTORY_RECONNECT_SECONDS=str(reconnect_seconds))
        proc = subprocess.Popen([SLIPWAY, "--data-dir", data, "--history", self.url, "release", "--app-id", APP,
                                 "--version", version, "--path", build, "--channel", "production", "--key", key,
                                 "--storage", "file://" + storage, "--json"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                                env=env)
        head = []
        for line in proc.stderr:
            head.append(line)
            if "test pause" in line:
                break
        return proc, "".join(head)

    @staticmethod
    def finished(proc, timeout):
        """Its stdout and the rest of its stderr (the same buffered reader: nothing it read ahead is lost)."""
        rest = proc.stderr.read()
        out = proc.stdout.read()
        proc.wait(timeout=timeout)
        proc.stdout.close()
        proc.stderr.close()
        return out, rest

    def test_a_release_waits_for_the_history_server_and_loses_nothing(self):
        root, data, key, _ = keyed_workspace("slipway-outage-desk-")
        self.addCleanup(shutil.rmtree, root, True)
        build = os.path.join(self.tmp, "build")
        write_web_build(build, "outage")
        proc, head = self.paused_release(data, key, build, "1.0.0", reconnect_seconds=60, pause_seconds=2)
        # The server goes away while the release is in its upload step, and comes back 6 s later.
        self.server.halt()
        down_at = time.monotonic()
        back = threading.Timer(6, self.server.resume)
        back.start()
        out, rest = self.finished(proc, timeout=180)
        back.join()
        stderr = head + rest
        self.assertEqual(proc.returncode, 0, stderr)
        self.assertGreater(time.monotonic() - down_at, 5, "the release cannot have finished while the server was down")
        self.assertIn("lost the connection to the release history", stderr)
        self.assertIn("reconnected to the release history", stderr)
        self.assertNotIn(self.server.password, stderr)
        result = json.loads(out)
        self.assertEqual(result["status"], "completed")

        shown = json.loads(self.slipway("--history", self.url, "history", "show", str(result["release_id"]),
                                        "--json").stdout)
        self.assertEqual(shown["status"], "completed")
        self.assertEqual([s["name"] for s in shown["steps"]],
                         ["preflight", "package", "encrypt", "verify", "upload", "register", "record"])
        verify = run_slipway("--history", self.url, "history", "verify", env={"PGPASSWORD": self.server.password})
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)
        self.assertIn("History intact", verify.stdout)

    def test_a_server_that_stays_away_fails_the_write_clearly(self):
        self.slipway("--history", self.url, "history", "list")  # the schema exists
        root, data, key, _ = keyed_workspace("slipway-outage-desk-")
        self.addCleanup(shutil.rmtree, root, True)
        build = os.path.join(self.tmp, "build")
        write_web_build(build, "outage")
        proc, head = self.paused_release(data, key, build, "1.0.1", reconnect_seconds=3, pause_seconds=1)
        self.server.halt()
        started = time.monotonic()
        _, rest = self.finished(proc, timeout=120)
        self.assertNotEqual(proc.returncode, 0)
        self.assertLess(time.monotonic() - started, 60)
        self.assertIn("stayed unreachable for 3 s", head + rest)
        # Once the server is back the release is resumed where it stopped, and completes.
        self.server.resume()
        listed = json.loads(self.slipway("--data-dir", data, "--history", self.url, "history", "list", "--json").stdout)
        self.assertEqual([r["version"] for r in listed], ["1.0.1"])
        resumed = self.slipway("--data-dir", data, "--history", self.url, "release", "--resume", str(listed[0]["id"]),
                               "--json")
        self.assertEqual(json.loads(resumed.stdout)["status"], "completed")
        verify = run_slipway("--history", self.url, "history", "verify", env={"PGPASSWORD": self.server.password})
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)


if __name__ == "__main__":
    unittest.main()
