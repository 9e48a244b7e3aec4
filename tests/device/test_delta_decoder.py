"""The independent Python decoder (delta_decoder.py) against delta fixtures published and installed by the C++ side
(tst_manifest_install writeDecoderFixtures): both must produce the same bundle, byte for byte."""
import json
import os
import subprocess
import tempfile
import unittest
from urllib.parse import unquote, urlparse

from delta_builds import read_tree
from delta_decoder import decode_manifest

BUILD_DIR = os.environ.get("SLIPWAY_BUILD_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "build"))


def read_file_url(url):
    parsed = urlparse(url)
    if parsed.scheme != "file":
        raise ValueError(f"not a file URL: {url}")
    with open(unquote(parsed.path), "rb") as f:
        return f.read()


class DeltaDecoderTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        tool = os.path.join(BUILD_DIR, "tests", "tst_manifest_install")
        proc = subprocess.run([tool, "writeDecoderFixtures"], capture_output=True, text=True, timeout=300,
                              env=dict(os.environ, SLIPWAY_DELTA_FIXTURE_DIR=cls.tmp.name))
        if proc.returncode != 0:
            raise AssertionError(f"fixture writer failed:\n{proc.stdout}\n{proc.stderr}")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def fixture(self, variant):
        folder = os.path.join(self.tmp.name, variant)
        with open(os.path.join(folder, "answer.json"), encoding="utf-8") as f:
            answer = json.load(f)
        pem_path = os.path.join(folder, "public.pem")
        pem = open(pem_path, "rb").read() if os.path.exists(pem_path) else None
        return folder, answer, pem

    def test_agrees_with_the_cpp_installer(self):
        for variant in ("plain", "encrypted"):
            with self.subTest(variant=variant):
                folder, answer, pem = self.fixture(variant)
                self.assertEqual(pem is not None, variant == "encrypted")
                names = [e["file_name"] for e in answer["manifest"]]
                self.assertTrue(any(n.endswith(".br") for n in names), names)
                self.assertTrue(any(" " in n for n in names), names)
                self.assertTrue(any(not n.isascii() for n in names), names)
                decoded = decode_manifest(answer, pem, read_file_url)
                installed = read_tree(os.path.join(folder, "out"))
                self.assertEqual(sorted(decoded), sorted(installed))
                for target, data in decoded.items():
                    self.assertEqual(data, installed[target], target)

    def test_refuses_what_the_plugin_refuses(self):
        folder, answer, pem = self.fixture("encrypted")
        # One changed byte in one object: that entry is named.
        entry = answer["manifest"][1]
        path = unquote(urlparse(entry["download_url"]).path)
        data = bytearray(open(path, "rb").read())
        data[3] ^= 1
        fetch = lambda url: bytes(data) if url == entry["download_url"] else read_file_url(url)  # noqa: E731
        with self.assertRaisesRegex(ValueError, entry["file_name"]):
            decode_manifest(answer, pem, fetch)
        # No session key with a public key, a '..' entry, a duplicate target.
        with self.assertRaisesRegex(ValueError, "session_key"):
            decode_manifest(dict(answer, session_key=""), pem, read_file_url)
        bad = dict(answer, manifest=answer["manifest"] + [dict(entry, file_name="../evil.js")])
        with self.assertRaisesRegex(ValueError, r"\.\./evil\.js"):
            decode_manifest(bad, pem, read_file_url)
        dup = dict(answer, manifest=answer["manifest"] + [dict(answer["manifest"][0], file_name="index.html.br")])
        with self.assertRaisesRegex(ValueError, "duplicate"):
            decode_manifest(dup, pem, read_file_url)


if __name__ == "__main__":
    unittest.main()
