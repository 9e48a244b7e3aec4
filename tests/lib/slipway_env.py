"""Shared helpers for scenario tests: run the built slipway binary and the real Capgo CLI."""
import hashlib
import json
import os
import subprocess
import tempfile

SLIPWAY = os.environ.get("SLIPWAY_BIN", os.path.join(os.environ.get("SLIPWAY_SOURCE_DIR", "."), "build/app/slipway"))
SOURCE_DIR = os.environ.get("SLIPWAY_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
TEST_DATA = os.environ.get("SLIPWAY_TEST_DATA", os.path.join(SOURCE_DIR, "tests", "data"))
VECTORS = os.path.join(TEST_DATA, "vectors", "capgo-cli-8.68.1")
CAPGO_DIR = os.environ.get("SLIPWAY_CAPGO_DIR", os.path.join(SOURCE_DIR, ".deps", "capgo-cli"))


def run_slipway(*args, check=False, env=None, data_dir=None, timeout=600, input=None):
    """Runs slipway; returns CompletedProcess with text stdout/stderr."""
    full_env = dict(os.environ)
    full_env.pop("SLIPWAY_KEY_PASSPHRASE", None)
    if env:
        full_env.update(env)
    cmd = [SLIPWAY]
    if data_dir:
        cmd += ["--data-dir", data_dir]
    cmd += [str(a) for a in args]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=full_env, timeout=timeout,
                          stdin=subprocess.DEVNULL if input is None else None, input=input)
    if check and proc.returncode != 0:
        raise AssertionError(f"slipway {' '.join(map(str, args))} failed ({proc.returncode}):\n{proc.stderr}\n{proc.stdout}")
    return proc


class SlipwayServe:
    """`slipway serve` on a free loopback port, stopped by stop(). With console=PATH its stderr goes to that file
    (console_text() reads it back); otherwise to a pipe. `env` adds to the environment."""

    def __init__(self, data_dir, *extra, console=None, env=None):
        self.console = open(console, "wb") if console else None
        self.console_path = console
        self.proc = subprocess.Popen([SLIPWAY, "--data-dir", data_dir, "serve", "--port", "0", "--json", *extra],
                                     stdout=subprocess.PIPE, stderr=self.console or subprocess.PIPE,
                                     stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})})
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait(timeout=10)
            raise AssertionError("slipway serve did not start: " + self.console_text().decode(errors="replace"))
        self.urls = json.loads(line)
        self.port = self.urls["port"]

    def console_text(self):
        if not self.console:
            return self.proc.stderr.read()
        self.console.flush()
        with open(self.console_path, "rb") as f:
            return f.read()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        finally:
            self.proc.stdout.close()
            (self.console or self.proc.stderr).close()


def rollout_cohort(prefix, devices, rollout_id, percent):
    """How many of `device fleet --id-prefix PREFIX --devices N`'s phones a rollout at `percent` % takes, from the
    rule itself (docs/rollouts.md), sharing no code with the C++ side: a phone's bucket is the first 8 bytes of
    SHA-256(device id NUL rollout id), big-endian, modulo 10,000, and the rollout takes the buckets below percent x
    100. Checking a fleet's count against this is exact where a band around N % fails now and then."""
    width = len(str(devices))
    bound = round(percent * 100)
    taken = 0
    for i in range(1, devices + 1):
        digest = hashlib.sha256(f"{prefix}-{i:0{width}d}".encode() + b"\0" + rollout_id.encode()).digest()
        taken += int.from_bytes(digest[:8], "big") % 10000 < bound
    return taken


def keyed_workspace(prefix):
    """A temporary folder with a data folder and a fresh signing key: (root, data, private key, public key)."""
    root = tempfile.mkdtemp(prefix=prefix)
    keys = os.path.join(root, "keys")
    os.makedirs(keys)
    slipway_json("key", "create", "--out", keys)
    key = os.path.join(keys, ".capgo_key_v2")
    return root, os.path.join(root, "data"), key, key + ".pub"


def write_web_build(folder, version):
    """A minimal web build whose JavaScript calls notifyAppReady, marked with `version`."""
    os.makedirs(os.path.join(folder, "assets"), exist_ok=True)
    with open(os.path.join(folder, "index.html"), "w") as f:
        f.write(f"<!doctype html><html><body>version {version}<script src=assets/app.js></script></body></html>\n")
    with open(os.path.join(folder, "assets", "app.js"), "w") as f:
        f.write(f"CapacitorUpdater.notifyAppReady(); // {version}\n")


def assert_release_folder(test, folder, result):
    """The version folder of a completed release holds its bundle, with a delta its objects' folder (encrypted objects
    live beside their bundle) and its file list, and nothing else: no second bundle, no temporary file, no stray
    object."""
    bundle = os.path.basename(result["url"])
    expected = [bundle]
    delta = result.get("delta", {})
    short_hash = bundle[len("bundle-"):-len(".zip.encrypted")]
    if "files" in delta:
        expected += ["files-" + short_hash, "delta-" + short_hash + ".json"]
    test.assertEqual(sorted(os.listdir(folder)), sorted(expected))
    if "files" in delta:
        with open(os.path.join(folder, "delta-" + short_hash + ".json"), encoding="utf-8") as f:
            kept = json.load(f)
        test.assertEqual(len(kept["manifest"]), delta["files"])
        objects = os.listdir(os.path.join(folder, expected[1]))
        test.assertTrue(objects)
        for name in objects:
            test.assertRegex(name, r"^[0-9a-f]{64}(\.br)?$")


def slipway_json(*args, **kw):
    proc = run_slipway(*args, "--json", check=True, **kw)
    return json.loads(proc.stdout)


def stored_device_events(data_dir, count, *args, within=3.0):
    """`device events` once at least `count` are stored: serve acknowledges /stats at once and writes the events in
    batches (every 200 ms), so an event just answered 200 may take that long to reach the history."""
    import time
    deadline = time.monotonic() + within
    while True:
        events = slipway_json("device", "events", *args, data_dir=data_dir)
        if len(events) >= count or time.monotonic() > deadline:
            return events
        time.sleep(0.05)


def golden():
    with open(os.path.join(VECTORS, "result.json")) as f:
        return json.load(f)


class CapgoCli:
    """The real @capgo/cli from npm (installed by packaging/setup.sh test into .deps/capgo-cli)."""

    def __init__(self):
        self.dir = CAPGO_DIR
        # setup.sh's launcher runs the CLI with a Node.js it accepts (>= 20), whatever `node` is on the PATH
        self.bin = os.path.join(self.dir, "capgo")
        if not os.path.exists(self.bin):
            raise RuntimeError(f"the Capgo CLI is missing at {self.bin}: run 'bash packaging/setup.sh test'")

    def run(self, *args, cwd=None, timeout=300):
        env = dict(os.environ, CI="true", CAPGO_DISABLE_TELEMETRY="true")
        return subprocess.run([self.bin, *map(str, args)], cwd=cwd or self.project(), capture_output=True, text=True,
                              env=env, stdin=subprocess.DEVNULL, timeout=timeout)

    def project(self, app_id="com.example.demo"):
        """A scratch Capacitor project the CLI accepts (config + package.json + updater version 8.x => V3)."""
        proj = tempfile.mkdtemp(prefix="capgo-proj-")
        with open(os.path.join(proj, "capacitor.config.json"), "w") as f:
            json.dump({"appId": app_id, "appName": "Demo", "webDir": "dist"}, f)
        with open(os.path.join(proj, "package.json"), "w") as f:
            json.dump({"name": "demo", "version": "1.0.0", "dependencies": {"@capgo/capacitor-updater": "8.51.14"}}, f)
        os.symlink(os.path.join(self.dir, "node_modules"), os.path.join(proj, "node_modules"))
        return proj

    def version(self):
        with open(os.path.join(self.dir, "node_modules", "@capgo", "cli", "package.json")) as f:
            return json.load(f)["version"]
