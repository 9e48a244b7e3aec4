"""`device simulate` against a hostile update endpoint: every download and answer has a limit, is streamed to
disk, and only http(s) URLs (or files in Slipway's own local storage) are fetched."""
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import unittest

from slipway_env import SLIPWAY, VECTORS, golden

APP = "com.example.hostile"
CHUNK = b"\0" * (1 << 20)


class Hostile(http.server.BaseHTTPRequestHandler):
    """POST /updates answers with the bundle URL the test chose; GET paths misbehave as named."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer_json(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def stream(self, chunks):
        try:
            for chunk in chunks:
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def forever(self):
        while True:
            yield CHUNK

    def raw(self, data):
        """Writes `data` as it is: the status line and framing are the test's, not BaseHTTPRequestHandler's."""
        self.wfile.write(data)
        self.close_connection = True

    @staticmethod
    def chunked(data, sizes=(1, 7, 4096, 65536)):
        """`data` in chunks of varying sizes (one with a chunk extension), then the last chunk and a trailer."""
        out, i, n = [], 0, 0
        while i < len(data):
            part = data[i:i + sizes[n % len(sizes)]]
            out.append(b"%x%s\r\n%s\r\n" % (len(part), b";ext=1" if n == 2 else b"", part))
            i, n = i + len(part), n + 1
        return b"".join(out) + b"0\r\nX-Trailer: yes\r\n\r\n"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/updates":
            g = golden()
            self.answer_json({"version": "9.9.9", "url": self.server.bundle_url, "session_key": g["ivSessionKey"],
                              "checksum": g["encryptedChecksum"]})
        elif self.path == "/interim-then-chunked":
            g = golden()
            answer = json.dumps({"version": "9.9.9", "url": self.server.bundle_url, "session_key": g["ivSessionKey"],
                                 "checksum": g["encryptedChecksum"]}).encode()
            self.raw(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n" + self.chunked(answer))
        elif self.path == "/huge-answer":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Connection", "close")
            self.end_headers()
            self.stream([b'{"version":"1.0.0","url":"http://x/y","pad":"'] + [b"a" * len(CHUNK)] * 64)
        else:
            self.send_error(404)

    REDIRECTS = {"/to-golden": "/golden", "/to-forever": "/forever", "/to-file": "file:///etc/passwd", "/loop": "/loop"}

    def do_GET(self):
        if self.path in self.REDIRECTS:
            self.send_response(302)
            self.send_header("Location", self.REDIRECTS[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/golden":
            with open(os.path.join(VECTORS, "bundle.zip.encrypted"), "rb") as f:
                data = f.read()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        elif self.path == "/forever":
            # no Content-Length: the body ends when the connection closes, i.e. never
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.stream(self.forever())
        elif self.path == "/chunked-golden":
            with open(os.path.join(VECTORS, "bundle.zip.encrypted"), "rb") as f:
                self.raw(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + self.chunked(f.read()))
        elif self.path == "/bad-chunk":
            self.raw(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n")
        elif self.path == "/endless-chunk":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffff\r\n")
            self.stream(self.forever())
        elif self.path == "/endless-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self.stream(b"X-Pad-%d: %s\r\n" % (i, b"a" * 1000) for i in range(10 ** 9))
        elif self.path == "/not-http":
            self.raw(b"SSH-2.0-OpenSSH_9.2\r\n\r\n")
        elif self.path == "/claims-5-gib":
            self.send_response(200)
            self.send_header("Content-Length", str(5 << 30))
            self.end_headers()
            self.stream(self.forever())
        elif self.path == "/claims-5-gib-then-silence":
            self.send_response(200)
            self.send_header("Content-Length", str(5 << 30))
            self.end_headers()
            self.wfile.flush()
            time.sleep(60)  # not one body byte: the announced length alone must be enough to refuse
            self.close_connection = True
        elif self.path == "/short":
            self.send_response(200)
            self.send_header("Content-Length", str(1 << 20))
            self.end_headers()
            self.stream([b"x" * 1000])
        else:
            self.send_error(404)


class HostileEndpoint(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
        cls.server.daemon_threads = True
        cls.base = "http://127.0.0.1:%d" % cls.server.server_address[1]
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="slipway-hostile-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.tmp = os.path.join(self.dir, "tmp")
        os.mkdir(self.tmp)

    def simulate(self, bundle_url, path="/updates"):
        """Runs the phone under /usr/bin/time; returns (exit code, result JSON, peak RSS in KiB)."""
        self.server.bundle_url = bundle_url
        rss = os.path.join(self.dir, "rss")
        env = dict(os.environ, TMPDIR=self.tmp)
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss, SLIPWAY, "--data-dir",
                               os.path.join(self.dir, "data"), "device", "simulate", "--update-url", self.base + path,
                               "--app-id", APP, "--public-key", os.path.join(VECTORS, "capgo_key_v2.pub.pem"), "--json"],
                              capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=300)
        with open(rss) as f:
            peak_kib = int(f.read().split()[-1])
        self.assertEqual(os.listdir(self.tmp), [], "the download must not be left behind")
        return proc.returncode, json.loads(proc.stdout), peak_kib

    def refused(self, bundle_url, step_id, *words, path="/updates"):
        """The phone refuses at `step_id` with `words` in the step's detail, in bounded memory; returns the result."""
        code, result, peak_kib = self.simulate(bundle_url, path)
        self.assertNotEqual(code, 0, result)
        step = next(s for s in result["steps"] if not s["passed"])
        self.assertEqual(step["id"], step_id, step)
        for word in words:
            self.assertIn(word, step["detail"])
        if os.environ.get("SLIPWAY_SANITIZED") != "1":  # under AddressSanitizer the RSS is mostly shadow memory
            self.assertLess(peak_kib, 200 * 1024, "peak memory %d KiB" % peak_kib)
        return result

    def test_an_honest_download_is_applied(self):
        code, result, _ = self.simulate(self.base + "/golden")
        self.assertEqual(code, 0, result)
        self.assertEqual(result["outcome"], "applied")

    def test_a_body_that_never_ends_is_cut_at_the_limit_with_bounded_memory(self):
        self.refused(self.base + "/forever", "download", "more than 2.0 GiB")

    def test_an_announced_size_over_the_limit_is_refused_before_downloading(self):
        self.refused(self.base + "/claims-5-gib", "download", "5.0 GiB", "before downloading")
        self.refused(self.base + "/claims-5-gib-then-silence", "download", "5.0 GiB", "before downloading")

    def test_a_body_shorter_than_announced_is_refused(self):
        self.refused(self.base + "/short", "download", "after 1000 of the 1048576 bytes")

    def test_redirects_are_followed_as_android_does_and_stay_bounded(self):
        code, result, _ = self.simulate(self.base + "/to-golden")
        self.assertEqual(code, 0, result)
        self.assertIn("redirected to", result["steps"][1]["detail"])
        self.refused(self.base + "/to-forever", "download", "more than 2.0 GiB")
        self.refused(self.base + "/to-file", "download", "file:///etc/passwd", "only http(s)")
        self.refused(self.base + "/loop", "download", "more than 5 times")

    def test_a_file_url_from_the_endpoint_is_refused(self):
        result = self.refused("file:///etc/passwd", "download", "file:///etc/passwd", "http")
        self.assertNotIn("decrypt", [s["id"] for s in result["steps"]])

    def test_a_file_url_is_read_only_inside_slipways_local_storage(self):
        storage = os.path.join(self.dir, "data", "storage", APP)
        os.makedirs(storage)
        bundle = os.path.join(storage, "bundle.zip.encrypted")
        shutil.copy(os.path.join(VECTORS, "bundle.zip.encrypted"), bundle)
        code, result, _ = self.simulate("file://" + bundle)
        self.assertEqual(code, 0, result)
        self.assertIn("local storage", result["steps"][1]["detail"])
        link = os.path.join(storage, "passwd.zip.encrypted")
        os.symlink("/etc/passwd", link)
        self.refused("file://" + link, "download", "outside Slipway's local storage")

    def test_other_schemes_are_refused(self):
        for url in ("ftp://127.0.0.1/bundle.zip", "data:application/zip;base64,AAAA"):
            with self.subTest(url):
                self.refused(url, "download", "only over http(s)")

    def test_a_chunked_download_after_an_interim_answer_is_applied(self):
        code, result, _ = self.simulate(self.base + "/chunked-golden", path="/interim-then-chunked")
        self.assertEqual(code, 0, result)
        self.assertEqual(result["outcome"], "applied")
        with open(os.path.join(VECTORS, "bundle.zip.encrypted"), "rb") as f:
            self.assertEqual(result["bytesDownloaded"], len(f.read()))

    def test_malformed_or_endless_framing_is_refused_with_bounded_memory(self):
        self.refused(self.base + "/bad-chunk", "download", "chunked body is malformed", "'zz'")
        self.refused(self.base + "/endless-chunk", "download", "more than 2.0 GiB")
        self.refused(self.base + "/endless-headers", "download", "headers exceed 64.0 KiB")
        self.refused(self.base + "/not-http", "download", "not HTTP/1.x", "SSH-2.0")

    def test_an_endless_answer_is_refused_with_bounded_memory(self):
        self.refused(self.base + "/golden", "ask", "larger than", path="/huge-answer")

if __name__ == "__main__":
    unittest.main()
