"""The desktop app in a real X server with a window manager (Xvfb + openbox), driven by real X input
(xdotool): a person creates a key and releases a build with nothing but the keyboard, typing every
field of the Key and Build pages. Each typed value must end up in the recorded release, which is
only possible when every keystroke reached the field it was meant for (a field that lost the focus
after one key sent the rest to the sidebar or to a button)."""
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest

from slipway_env import SLIPWAY, SOURCE_DIR, run_slipway

DEMO_BUILD = os.path.join(SOURCE_DIR, "resources", "demo")


class X11Session:
    """A private Xvfb display with openbox on it; closed by stop()."""

    def __init__(self, root):
        self.root = root
        read_fd, write_fd = os.pipe()
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                                      "-nolisten", "tcp"], pass_fds=(write_fd,),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_fd)
        with os.fdopen(read_fd) as f:
            number = f.readline().strip()
        if not number:
            raise AssertionError("Xvfb did not start")
        self.display = ":" + number
        runtime = os.path.join(root, "runtime")
        os.makedirs(runtime, mode=0o700)
        self.env = dict(os.environ)
        self.env.update({"DISPLAY": self.display, "XDG_RUNTIME_DIR": runtime,
                         "XDG_CONFIG_HOME": os.path.join(root, "config"), "HOME": os.path.join(root, "home")})
        self.env.pop("QT_QPA_PLATFORM", None)  # ctest sets offscreen; this test wants the real X server
        self.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        os.makedirs(self.env["HOME"])
        self.openbox = subprocess.Popen(["openbox"], env=self.env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while time.time() < deadline:  # openbox owns the WM_S0 selection once it manages the screen
            probe = subprocess.run(["xdotool", "getactivewindow"], env=self.env, capture_output=True, text=True)
            if self.openbox.poll() is not None:
                raise AssertionError("openbox stopped")
            if probe.returncode == 0 or "_NET_ACTIVE_WINDOW" not in probe.stderr:
                break
            time.sleep(0.1)

    def xdotool(self, *args, check=True):
        proc = subprocess.run(["xdotool", *map(str, args)], env=self.env, capture_output=True, text=True, timeout=60)
        if check and proc.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(map(str, args))}: {proc.stderr}")
        return proc.stdout.strip()

    def stop(self):
        for proc in (self.openbox, self.xvfb):
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


class TypingInARealWindow(unittest.TestCase):
    def setUp(self):
        for tool in ("Xvfb", "openbox", "xdotool"):
            self.assertIsNotNone(shutil.which(tool), f"{tool} is missing: bash packaging/setup.sh test installs it")
        self.tmp = tempfile.mkdtemp(prefix="slipway-x11-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.data = os.path.join(self.tmp, "data")
        self.x = X11Session(self.tmp)
        self.addCleanup(self.x.stop)
        self.app = subprocess.Popen([SLIPWAY, "--data-dir", self.data], env=self.x.env,
                                    stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.tmp, "app.log"), "wb"))
        self.addCleanup(self.stop_app)
        self.window = self.x.xdotool("search", "--sync", "--onlyvisible", "--name", "Slipway").split()[0]
        self.x.xdotool("windowactivate", "--sync", self.window)
        time.sleep(1.0)

    def stop_app(self):
        if self.app.poll() is None:
            self.app.terminate()
            try:
                self.app.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.app.kill()
                self.app.wait()

    def keys(self, *keys):
        self.x.xdotool("key", "--clearmodifiers", "--delay", "60", *keys)
        time.sleep(0.3)

    def type(self, text):
        # One X key event pair per character, 80 ms apart: slower than a fast typist, so any
        # focus change after a keystroke has happened before the next key arrives.
        self.x.xdotool("type", "--clearmodifiers", "--delay", "80", text)
        time.sleep(0.3)

    def released(self):
        listed = run_slipway("history", "list", "--json", data_dir=self.data)
        self.assertEqual(listed.returncode, 0, listed.stderr)
        return json.loads(listed.stdout)

    def test_key_and_build_pages_typed_by_keyboard(self):
        keys_folder = os.path.join(self.data, "keys")
        self.keys("ctrl+2")  # New release: the Key page
        time.sleep(1.0)
        # Repeat (Alt+R), then back along the Tab chain to Name: the way a person reaches fields.
        self.keys("alt+r", "shift+Tab", "shift+Tab")
        self.type("production-key")
        self.keys("Tab")
        self.type("correct horse battery")
        self.keys("Tab")
        self.type("correct horse battery")
        self.keys("Return")  # Enter in Repeat creates the key
        deadline = time.time() + 60
        while time.time() < deadline and not os.path.isdir(os.path.join(keys_folder, "production-key")):
            time.sleep(0.2)
        self.assertTrue(os.path.isdir(os.path.join(keys_folder, "production-key")),
                        f"no key 'production key' in {os.listdir(keys_folder) if os.path.isdir(keys_folder) else '-'}")
        time.sleep(1.0)
        self.keys("alt+p", "Return")  # the key passphrase is filled in: Enter goes to the Build page
        time.sleep(1.0)

        build = os.path.join(self.tmp, "my build")
        shutil.copytree(os.path.join(DEMO_BUILD, "www") if os.path.isdir(os.path.join(DEMO_BUILD, "www")) else DEMO_BUILD,
                        build)
        self.keys("alt+p")  # App id, then back along the chain to the build path
        self.type("com.example.typed")
        self.keys("alt+v")
        self.type("3.1.4")
        self.keys("alt+h")
        self.type("beta")
        self.keys("Tab")
        self.type("typed by hand, with spaces")
        self.keys("alt+p", "shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab")
        self.type(build)
        self.keys("Return")  # Next: Checks
        time.sleep(3.0)
        self.keys("Return")  # Next: Review
        time.sleep(1.0)
        self.keys("Return")  # Release
        deadline = time.time() + 120
        releases = []
        while time.time() < deadline:
            releases = [r for r in self.released() if r.get("appId", r.get("app_id")) == "com.example.typed"]
            if releases and releases[0].get("status") not in ("running",):
                break
            time.sleep(1.0)
        self.assertEqual(self.app.poll(), None, "the app stopped")
        self.assertEqual(len(releases), 1, json.dumps(self.released(), indent=1))
        r = releases[0]
        self.assertEqual(r.get("status"), "completed", json.dumps(r, indent=1))
        self.assertEqual(r.get("version"), "3.1.4")
        self.assertEqual(r.get("channel"), "beta")
        self.assertEqual(r.get("notes"), "typed by hand, with spaces")


if __name__ == "__main__":
    unittest.main()
