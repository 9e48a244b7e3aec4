"""packaging/check-deps.py passes on this build with setup's package list and names what is missing when
setup forgets a package, or when a script runs a command no Debian package provides."""
import os
import stat
import subprocess
import tempfile
import unittest

from slipway_env import SOURCE_DIR

CHECK = os.path.join(SOURCE_DIR, "packaging", "check-deps.py")
BUILD = os.environ.get("SLIPWAY_BUILD_DIR", os.path.join(SOURCE_DIR, "build"))


def setup_packages():
    out = subprocess.run(["bash", os.path.join(SOURCE_DIR, "packaging", "setup.sh"), "packages"],
                         capture_output=True, text=True, check=True).stdout.split()
    assert len(out) > 20, out
    return out


class CheckDepsTest(unittest.TestCase):
    def run_check(self, packages, *extra, env=None):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write("\n".join(packages) + "\n")
        self.addCleanup(os.unlink, f.name)
        return subprocess.run(["/usr/bin/python3", CHECK, "--packages", f.name, *extra, BUILD],
                              capture_output=True, text=True, timeout=600, env=env)

    def without(self, name):
        packages = setup_packages()
        self.assertIn(name, packages)
        return [p for p in packages if p != name]

    def test_setup_list_covers_the_build(self):
        r = self.run_check(setup_packages())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"check-deps: \d{3,} file\(s\)")

    def test_names_a_removed_build_package(self):
        # qt6-charts-dev does not pull Qt6OpenGL's CMake files: the very package a fresh machine missed.
        r = self.run_check(self.without("libqt6opengl6-dev"))
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertIn("package libqt6opengl6-dev is used but setup.sh does not install it", r.stderr)
        self.assertIn("Qt6OpenGL", r.stderr)

    def test_names_a_removed_library(self):
        r = self.run_check(self.without("libquazip1-qt6-dev"))
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertIn("package libquazip1-qt6-dev is used", r.stderr)

    def test_names_a_removed_test_command(self):
        # tests/bundle/test_bundle_zip.py runs 7z; nothing else of setup's list pulls p7zip-full
        r = self.run_check(self.without("p7zip-full"))
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertRegex(r.stderr, r"package p7zip-full is used but setup.sh does not install it: \S+/7z \(.*command '7z' run by tests/")

    def test_a_command_from_no_package_fails(self):
        with tempfile.TemporaryDirectory() as bindir:
            tool = os.path.join(bindir, "slipway-handmade-tool")
            with open(tool, "w") as f:
                f.write("#!/bin/sh\nexit 0\n")
            os.chmod(tool, stat.S_IRWXU)
            script = os.path.join(bindir, "stage.sh")
            with open(script, "w") as f:
                f.write("#!/usr/bin/env bash\nset -e\nslipway-handmade-tool --check | sort\n")
            env = dict(os.environ, PATH=bindir + ":" + os.environ["PATH"])
            r = self.run_check(setup_packages(), "--extra-script", script, env=env)
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertIn("command 'slipway-handmade-tool' run by", r.stderr)
        self.assertIn("belongs to no Debian package", r.stderr)


if __name__ == "__main__":
    unittest.main()
