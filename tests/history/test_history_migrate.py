"""Moving a team onto PostgreSQL: `slipway history migrate --to postgresql://...` copies an SQLite history (ids,
steps, events, device stats, the audit chain) and verifies it before and after; it never merges into another
history nor copies a broken one. Faults of the server connection (wrong password, unreachable host, a read-only
role) end in clear messages within seconds. A real PostgreSQL 15 on loopback (tests/servers/postgresql.sh); the
SQLite histories are written by history_generator through the real History API."""
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

from slipway_env import keyed_workspace, run_slipway, write_web_build
sys.path.insert(0, os.path.join(os.environ.get("SLIPWAY_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..")),
                                "tests", "servers"))
import loopback_servers  # noqa: E402

GENERATOR = os.environ.get("SLIPWAY_HISTORY_GENERATOR",
                           os.path.join(os.environ.get("SLIPWAY_BUILD_DIR", "build"), "tests", "history_generator"))
TABLES = ["releases", "steps", "keys", "channel_events", "audit_chain", "device_events", "device_versions"]


class HistoryMigration(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = loopback_servers.PostgresServer()
        cls.env = {"PGPASSWORD": cls.server.password}
        cls.databases = 0

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="slipway-migrate-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.data = os.path.join(self.tmp, "data")
        os.makedirs(self.data)
        self.sqlite = os.path.join(self.data, "history.sqlite")

    def new_database(self):
        HistoryMigration.databases += 1
        name = f"m{os.getpid()}_{HistoryMigration.databases}"
        self.server.sql(f"CREATE DATABASE {name} OWNER slipway", database="postgres")
        return name, f"postgresql://slipway@127.0.0.1:{self.server.port}/{name}"

    def generate(self, location, releases):
        started = time.monotonic()
        proc = subprocess.run([GENERATOR, location, str(releases)], capture_output=True, text=True, timeout=300,
                              env=dict(os.environ, **self.env))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return time.monotonic() - started

    def slipway(self, *args, env=None, check=True):
        proc = run_slipway("--data-dir", self.data, *args, env=dict(self.env, **(env or {})))
        if check:
            self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        return proc

    def sqlite_counts(self):
        with sqlite3.connect(self.sqlite) as db:
            return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def server_counts(self, database):
        out = self.server.sql("COPY (SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in TABLES) +
                              ") TO STDOUT WITH (DELIMITER '|')", database=database)
        return dict(zip(TABLES, (int(v) for v in out.strip().split("|"))))

    # Per table with ids: the ids and a digest of every row's text, the same on both sides when the copy is exact.
    ROWS = {"releases": "id", "steps": "id", "keys": "id", "channel_events": "id", "audit_chain": "seq",
            "device_events": "id"}

    def sqlite_rows(self):
        with sqlite3.connect(self.sqlite) as db:
            return {t: db.execute(f"SELECT count(*), min({k}), max({k}), sum({k}), "
                                  f"sum(length(coalesce(content_sha256, '')) + length(coalesce(desk, ''))) FROM {t}"
                                  if t in ("releases", "audit_chain") else
                                  f"SELECT count(*), min({k}), max({k}), sum({k}), 0 FROM {t}").fetchone()
                    for t, k in self.ROWS.items()}

    def server_rows(self, database):
        rows = {}
        for t, k in self.ROWS.items():
            extra = ("sum(length(coalesce(content_sha256, '')) + length(coalesce(desk, '')))"
                     if t in ("releases", "audit_chain") else "0")
            out = self.server.sql(f"COPY (SELECT count(*), min({k}), max({k}), sum({k}), {extra} FROM {t}) TO STDOUT",
                                  database=database)
            rows[t] = tuple(int(v) for v in out.split())
        return rows

    def verify(self, *history):
        proc = self.slipway(*history, "history", "verify", "--json", check=False)
        return proc.returncode, json.loads(proc.stdout)

    def test_ten_thousand_releases_migrate_verified_once(self):
        generated = self.generate(self.sqlite, 10000)
        source = self.sqlite_counts()
        self.assertEqual(source["releases"], 10000)
        database, url = self.new_database()

        started = time.monotonic()
        proc = self.slipway("history", "migrate", "--to", url)
        elapsed = time.monotonic() - started
        print(f"\nFIGURE 10,000 releases ({source['steps']} steps, {source['audit_chain']} chain entries): generated "
              f"in {generated:.1f} s, migrated in {elapsed:.1f} s (verify before and after included)", file=sys.stderr)
        self.assertIn("Migrated", proc.stdout)
        self.assertIn("verifies on both sides", proc.stdout)
        self.assertIn("Copying audit_chain", proc.stderr)  # progress on stderr
        self.assertLess(elapsed, 60)
        self.assertEqual(self.server_counts(database), source)

        code, on_sqlite = self.verify()
        self.assertEqual(code, 0, on_sqlite)
        code, on_server = self.verify("--history", url)
        self.assertEqual(code, 0, on_server)
        self.assertEqual(on_server["head"], on_sqlite["head"])
        self.assertEqual((on_server["entries"], on_server["rows"]), (on_sqlite["entries"], on_sqlite["rows"]))
        self.assertEqual(self.server_rows(database), self.sqlite_rows())  # the same ids on both sides
        listed = {h: json.loads(self.slipway(*h, "history", "list", "--limit", "100", "--json").stdout)
                  for h in [(), ("--history", url)]}
        self.assertEqual(listed[()], listed[("--history", url)])  # the same rows, as Slipway reads them
        self.assertEqual([r["id"] for r in listed[()]], list(range(10000, 9900, -1)))

        # The same migration again writes nothing and says so.
        again = self.slipway("history", "migrate", "--to", url)
        self.assertIn("Nothing to do", again.stdout)
        self.assertEqual(self.server_counts(database), source)

        # The team carries on where the file stopped: new rows take the next ids and extend the same chain.
        self.generate(url, 1)
        self.assertEqual(self.server_counts(database)["releases"], 10001)
        shown = json.loads(self.slipway("--history", url, "history", "show", "10001", "--json").stdout)
        self.assertEqual((shown["id"], len(shown["steps"]), shown["steps"][0]["id"]), (10001, 7, source["steps"] + 1))
        # ... and the file, now behind, is refused rather than merged.
        behind = self.slipway("history", "migrate", "--to", url, check=False)
        self.assertNotEqual(behind.returncode, 0)
        self.assertIn("does not merge two histories", behind.stderr)

        # An edit on the server after the migration is caught, naming the row.
        # Nothing else is reported: the release added after the migration extends the copied chain.
        self.server.sql("UPDATE releases SET notes = 'edited' WHERE id = 5000", database=database)
        proc = self.slipway("--history", url, "history", "verify", check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("History BROKEN: 1 problem(s)", proc.stdout)
        self.assertIn("releases row 5000 (", proc.stdout)

    def test_refuses_a_target_with_another_history(self):
        self.generate(self.sqlite, 30)
        database, url = self.new_database()
        self.generate(url, 5)  # another team's history is already there
        before = self.server_counts(database)
        proc = self.slipway("history", "migrate", "--to", url, check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn(f"{url} is not empty (5 releases", proc.stderr)
        self.assertIn("Slipway does not merge two histories", proc.stderr)
        self.assertEqual(self.server_counts(database), before)

    def test_an_empty_history_has_nothing_to_migrate(self):
        database, url = self.new_database()
        proc = self.slipway("history", "migrate", "--to", url)
        self.assertIn("is empty: there was nothing to migrate", proc.stdout)
        self.assertEqual(sum(self.server_counts(database).values()), 0)
        usage = self.slipway("history", "migrate", "--to", os.path.join(self.tmp, "other.sqlite"), check=False)
        self.assertEqual(usage.returncode, 2, usage.stderr)
        self.assertIn("--to must be a PostgreSQL history", usage.stderr)

    def test_refuses_a_broken_source(self):
        self.generate(self.sqlite, 30)
        with sqlite3.connect(self.sqlite) as db:
            db.execute("UPDATE releases SET sha256 = 'beef' WHERE id = 7")
        database, url = self.new_database()
        proc = self.slipway("history", "migrate", "--to", url, check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("does not verify", proc.stderr)
        self.assertIn("releases row 7 (", proc.stderr)
        self.assertEqual(sum(self.server_counts(database).values()), 0)

    def timed_failure(self, *args, env=None):
        started = time.monotonic()
        proc = self.slipway(*args, env=env, check=False)
        elapsed = time.monotonic() - started
        self.assertNotEqual(proc.returncode, 0)
        return proc, elapsed

    def test_connection_faults_are_clear_and_quick(self):
        self.generate(self.sqlite, 3)
        database, url = self.new_database()
        proc, elapsed = self.timed_failure("history", "migrate", "--to", url, env={"PGPASSWORD": "hunter2-wrong"})
        self.assertIn("password authentication failed", proc.stderr)
        self.assertNotIn("hunter2", proc.stderr + proc.stdout)
        timings = [f"wrong password {elapsed:.2f} s"]

        closed = loopback_servers.free_port()
        # A server that takes the connection and never answers: only libpq's connect_timeout ends the wait.
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        self.addCleanup(silent.close)
        for host, label in [(f"127.0.0.1:{closed}", "closed loopback port"), ("10.255.255.1:5432", "blackholed address"),
                            (f"127.0.0.1:{silent.getsockname()[1]}", "silent server")]:
            proc, elapsed = self.timed_failure("history", "migrate", "--to", f"postgresql://slipway@{host}/team")
            self.assertIn("the PostgreSQL server did not let Slipway in", proc.stderr)
            self.assertIn(host.split(":")[0], proc.stderr)
            self.assertLess(elapsed, 10, proc.stderr)
            timings.append(f"{label} {elapsed:.2f} s")
        print("\nFIGURE connection faults: " + ", ".join(timings), file=sys.stderr)
        tables = self.server.sql("COPY (SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public') "
                                 "TO STDOUT", database=database)
        self.assertEqual(tables.strip(), "0")  # nothing was written

    def test_read_only_role_reads_but_cannot_release(self):
        self.generate(self.sqlite, 3)
        database, url = self.new_database()
        self.slipway("history", "migrate", "--to", url)
        self.server.sql("DO $$ BEGIN CREATE ROLE auditor LOGIN PASSWORD 'auditor-pass'; "
                        "EXCEPTION WHEN duplicate_object THEN NULL; END $$", database="postgres")
        self.server.sql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO auditor", database=database)
        reader = {"PGPASSWORD": "auditor-pass"}
        reader_url = url.replace("slipway@", "auditor@")
        listed = json.loads(self.slipway("--history", reader_url, "history", "list", "--json", env=reader).stdout)
        self.assertEqual(len(listed), 3)

        root, data, key, _ = keyed_workspace("slipway-auditor-")
        self.addCleanup(shutil.rmtree, root, True)
        build = os.path.join(self.tmp, "build")
        write_web_build(build, "ro")
        storage = os.path.join(self.tmp, "storage")
        os.makedirs(storage)
        proc = run_slipway("--data-dir", data, "--history", reader_url, "release", "--app-id", "com.example.ro",
                           "--version", "1.0.0", "--path", build, "--channel", "production", "--key", key,
                           "--storage", "file://" + storage, env=reader)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("this PostgreSQL role may only read it", proc.stderr)
        self.assertIn("permission denied", proc.stderr)
        self.assertEqual(self.server_counts(database)["releases"], 3)


if __name__ == "__main__":
    unittest.main()
