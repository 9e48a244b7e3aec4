"""One release history on PostgreSQL for several desks: releases from separate data folders (separate desks) and
from concurrent processes land in one database with one audit chain, chosen by --history or SLIPWAY_HISTORY, the
password only in PGPASSWORD (never in argv). A real PostgreSQL 15 on loopback (tests/servers/postgresql.sh)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

from slipway_env import SLIPWAY, keyed_workspace, run_slipway, write_web_build
sys.path.insert(0, os.path.join(os.environ.get("SLIPWAY_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..")),
                                "tests", "servers"))
import loopback_servers  # noqa: E402

APP = "com.example.team"
# The two desks' names (SLIPWAY_DESK: both desks run on this one machine as the same user).
DESK_A, DESK_B = "alice@desk-a", "bob@desk-b"
# The issue's load: 4 processes x 25 releases at once.
PROCESSES, RELEASES_EACH = 4, 25


class TeamHistoryOnPostgres(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = loopback_servers.PostgresServer()
        cls.env = {"PGPASSWORD": cls.server.password}

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="slipway-team-")
        self.storage = os.path.join(self.tmp, "storage")
        os.makedirs(self.storage)
        self.build = os.path.join(self.tmp, "build")
        write_web_build(self.build, "team")
        database = "t" + os.path.basename(self.tmp).replace("-", "_").lower()
        self.server.sql(f"CREATE DATABASE {database} OWNER slipway", database="postgres")
        self.url = f"postgresql://slipway@127.0.0.1:{self.server.port}/{database}"
        self.database = database

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def desks(self):
        """Two desks: each its own data folder, both with the team's signing key (the history knows the key
        production's phones hold, whichever desk released last)."""
        root, data_a, key, _ = keyed_workspace("slipway-desks-")
        self.addCleanup(shutil.rmtree, root, True)
        return (data_a, key), (os.path.join(root, "desk-b"), key)

    def release_args(self, data, key, version):
        return ["--data-dir", data, "--history", self.url, "release", "--app-id", APP, "--version", version,
                "--path", self.build, "--channel", "production", "--key", key, "--storage", "file://" + self.storage,
                "--json"]

    def slipway(self, *args, env=None, check=True):
        proc = run_slipway(*args, env=dict(self.env, **(env or {})))
        if check:
            self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc

    def test_desks_and_concurrent_releases_share_one_chain(self):
        (data_a, key_a), (data_b, key_b) = self.desks()
        first = json.loads(self.slipway(*self.release_args(data_a, key_a, "1.0.0"), env={"SLIPWAY_DESK": DESK_A}).stdout)
        # Desk B chooses the same history through the environment, and sees desk A's release, named after its desk.
        listed = json.loads(self.slipway("--data-dir", data_b, "history", "list", "--json",
                                         env={"SLIPWAY_HISTORY": self.url, "SLIPWAY_DESK": DESK_B}).stdout)
        self.assertEqual([(r["id"], r["version"], r["status"], r["desk"]) for r in listed],
                         [(first["release_id"], "1.0.0", "completed", DESK_A)])
        text = self.slipway("--history", self.url, "history", "show", str(first["release_id"])).stdout
        self.assertRegex(text, r"desk +" + DESK_A)

        # 4 processes from 2 desks at once, 25 releases each: every one recorded with every step, no "busy"
        # surfaces.
        procs = []
        started = time.monotonic()
        for p in range(PROCESSES):
            data, key, desk = (data_a, key_a, DESK_A) if p % 2 else (data_b, key_b, DESK_B)
            env = dict(os.environ, **self.env, SLIPWAY_DESK=desk)
            env.pop("SLIPWAY_KEY_PASSPHRASE", None)
            script = " && ".join(subprocess.list2cmdline([SLIPWAY, *self.release_args(data, key, f"2.{p}.{i}")])
                                 for i in range(RELEASES_EACH))
            procs.append(subprocess.Popen(["sh", "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                          stdin=subprocess.DEVNULL, text=True, env=env))
        for proc in procs:
            out, err = proc.communicate(timeout=600)
            self.assertEqual(proc.returncode, 0, err)
            self.assertNotIn("busy", err)
        print(f"\nFIGURE {PROCESSES} x {RELEASES_EACH} concurrent releases on PostgreSQL in "
              f"{time.monotonic() - started:.1f} s", file=sys.stderr)
        listed = json.loads(self.slipway("--history", self.url, "history", "list", "--limit", "0", "--json").stdout)
        total = PROCESSES * RELEASES_EACH + 1
        self.assertEqual(len(listed), total)
        self.assertTrue(all(r["status"] == "completed" for r in listed), listed)
        self.assertEqual(len({r["id"] for r in listed}), total)
        for r in listed:
            if r["version"] != "1.0.0":
                self.assertEqual(r["desk"], DESK_A if int(r["version"].split(".")[1]) % 2 else DESK_B, r)
        # Every step of every release recorded, as the first release's (the same steps, all succeeded).
        steps = self.server.sql("COPY (SELECT release_id, string_agg(name || ':' || outcome, ',' ORDER BY id) FROM "
                                "steps GROUP BY release_id) TO STDOUT", database=self.database).splitlines()
        by_release = dict(line.split("\t") for line in steps)
        self.assertEqual(len(by_release), total)
        self.assertEqual(len(set(by_release.values())), 1, set(by_release.values()))
        self.assertNotIn("running", next(iter(by_release.values())))
        # Each chain entry names the desk that wrote it.
        desks = self.server.sql("COPY (SELECT DISTINCT desk FROM audit_chain ORDER BY desk) TO STDOUT",
                                database=self.database).split()
        self.assertEqual(desks, [DESK_A, DESK_B])
        verify = self.slipway("--history", self.url, "history", "verify", check=False)
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)
        self.assertIn("History intact", verify.stdout)

        # A desk rewritten behind Slipway's back is caught, naming the row.
        other = listed[0]
        self.server.sql(f"UPDATE releases SET desk = 'mallory@elsewhere' WHERE id = {other['id']}",
                        database=self.database)
        verify = self.slipway("--history", self.url, "history", "verify", check=False)
        self.assertNotEqual(verify.returncode, 0)
        self.assertIn("History BROKEN", verify.stdout)
        self.assertIn(f"releases row {other['id']} ({APP} {other['version']} on production) was edited", verify.stdout)

        # The same chain catches an edit made behind Slipway's back on the server.
        self.server.sql(f"UPDATE releases SET sha256 = 'beef' WHERE id = {first['release_id']}", database=self.database)
        verify = self.slipway("--history", self.url, "history", "verify", check=False)
        self.assertNotEqual(verify.returncode, 0)
        self.assertIn(f"releases row {first['release_id']} (com.example.team 1.0.0 on production) was edited",
                      verify.stdout + verify.stderr)

    def test_password_stays_out_of_the_address_and_errors(self):
        proc = self.slipway("--history", self.url.replace("slipway@", "slipway:hunter2@"), "history", "list",
                            check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("PGPASSWORD", proc.stderr)
        self.assertNotIn("hunter2", proc.stderr)
        proc = self.slipway("--history", self.url, "history", "list", env={"PGPASSWORD": "hunter2"}, check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("password authentication failed", proc.stderr)
        self.assertNotIn("hunter2", proc.stderr)


if __name__ == "__main__":
    unittest.main()
