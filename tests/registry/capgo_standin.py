"""A local stand-in for the Capgo backend (API host + Supabase PostgREST on one loopback port).

It answers what `capgo bundle upload --external` (@capgo/cli 8.68.1) needs, replaying the answers
recorded from the real CLI in tests/data/capgo-upload-external/<scenario>.jsonl, and records every
request it receives (method, path, decoded query, lower-cased headers, parsed JSON body).
"""
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

TEST_DATA = os.environ.get("SLIPWAY_TEST_DATA",
                           os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
RECORDINGS = os.path.join(TEST_DATA, "capgo-upload-external")
API_KEY = "ak_test_0123456789abcdef"
SUPA_KEY = "standin-anon-key"

# Paths the CLI reaches without the user's API key.
KEYLESS = {"/files/config", "/private/config"}


def load_recording(scenario):
    with open(os.path.join(RECORDINGS, scenario + ".jsonl")) as f:
        return [json.loads(line) for line in f if line.strip()]


def handler_name(method, path, query):
    """The recordings' name for a request (which answer to replay)."""
    if path == "/files/config":
        return "files/config"
    if path == "/private/config":
        return "private/config"
    if path == "/private/events":
        return "private/events"
    if path.startswith("/rest/v1/rpc/"):
        return "rpc " + path[len("/rest/v1/rpc/"):]
    if path.startswith("/functions/v1/app/") and method == "GET":
        return "GET app/:id (via /functions/v1)"
    if path.startswith("/app/") and method == "GET":
        return "GET app/:id"
    if path == "/rest/v1/channels" and method == "GET":
        select = dict(query).get("select", "")
        return "GET channels [compat-check]" if "disable_auto_update" in select else "GET channels [target-channel]"
    if path == "/rest/v1/app_versions" and method == "POST":
        return "UPSERT app_versions"
    if path == "/bundle" and method == "PUT":
        return "PUT bundle"
    if path == "/channel" and method == "POST":
        return "POST channel"
    return None


class CapgoStandIn:
    """Start with `with CapgoStandIn("baseline") as standin:`; `standin.url` is its base URL."""

    def __init__(self, scenario="baseline", api_key=API_KEY, overrides=None, supa_host=None):
        self.api_key = api_key
        self.requests = []
        self.answers = {}
        # Answers not in a short recording (e.g. `exists` stops early) come from the baseline.
        for source in ("baseline", scenario):
            for entry in load_recording(source):
                self.answers[entry["handler"]] = entry["response"]
        self.overrides = overrides or {}
        self.supa_host = supa_host
        self._lock = threading.Lock()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _serve(self):
                standin._handle(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def _key_ok(self, path, headers):
        if path in KEYLESS or path == "/private/events":
            return True
        if headers.get("capgkey") != self.api_key:
            return False
        if path.startswith("/rest/v1/"):
            return headers.get("apikey") == SUPA_KEY and headers.get("authorization") == "Bearer " + SUPA_KEY
        if path.startswith("/functions/v1/"):
            return headers.get("authorization") == "Bearer " + SUPA_KEY
        return headers.get("authorization") == self.api_key

    def _handle(self, req):
        parts = urlsplit(req.path)
        query = parse_qsl(parts.query, keep_blank_values=True)
        headers = {k.lower(): v for k, v in req.headers.items()}
        length = int(headers.get("content-length") or 0)
        raw = req.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = {"__unparsed__": raw.decode("utf-8", "replace")}
        name = handler_name(req.command, parts.path, query)
        with self._lock:
            self.requests.append({"method": req.command, "path": parts.path, "query": query, "headers": headers,
                                  "body": body, "raw_body": raw.decode("utf-8", "replace"), "handler": name})
        if not self._key_ok(parts.path, headers):
            return self._reply(req, 401, {"message": "Invalid API key", "error": "invalid_apikey"})
        if name in self.overrides:
            status, answer = self.overrides[name]
            return self._reply(req, status, answer)
        recorded = self.answers.get(name)
        if recorded is None:
            return self._reply(req, 404, {"message": "the stand-in has no answer for %s %s" % (req.command, parts.path)})
        answer = recorded["body"]
        if name == "private/config":
            answer = dict(answer, supaHost=self.supa_host or self.url)
        return self._reply(req, recorded["status"], answer)

    @staticmethod
    def _reply(req, status, answer):
        data = b"" if answer is None else json.dumps(answer).encode()
        req.send_response(status)
        if data:
            req.send_header("content-type", "application/json; charset=utf-8")
        req.send_header("content-length", str(len(data)))
        req.end_headers()
        req.wfile.write(data)

    def handlers(self):
        return [r["handler"] for r in self.requests]


def capacitor_project(directory, app_id, standin_url, capgo_dir):
    """A scratch Capacitor project whose capacitor.config.json aims the real CLI at the stand-in."""
    os.makedirs(os.path.join(directory, "dist"), exist_ok=True)
    with open(os.path.join(directory, "dist", "index.html"), "w") as f:
        f.write('<!doctype html><script src="app.js"></script>\n')
    with open(os.path.join(directory, "dist", "app.js"), "w") as f:
        f.write("import { CapacitorUpdater } from '@capgo/capacitor-updater';\nCapacitorUpdater.notifyAppReady();\n")
    updater = {"localApi": standin_url, "localHost": standin_url, "localWebHost": standin_url,
               "localApiFiles": standin_url}
    with open(os.path.join(directory, "capacitor.config.json"), "w") as f:
        json.dump({"appId": app_id, "appName": "Contract", "webDir": "dist",
                   "plugins": {"CapacitorUpdater": updater}}, f)
    with open(os.path.join(directory, "package.json"), "w") as f:
        json.dump({"name": "contract", "version": "1.0.0",
                   "dependencies": {"@capgo/capacitor-updater": "8.51.14"}}, f)
    os.symlink(os.path.join(capgo_dir, "node_modules"), os.path.join(directory, "node_modules"))
    return directory


def main():
    """`python3 capgo_standin.py SCENARIO [API_KEY]`: prints its URL, serves until stdin closes, then
    prints every recorded request as one JSON line (for QtTests driving the registrar in-process)."""
    import sys
    scenario = sys.argv[1] if len(sys.argv) > 1 else "baseline"
    api_key = sys.argv[2] if len(sys.argv) > 2 else API_KEY
    with CapgoStandIn(scenario, api_key=api_key) as standin:
        print(standin.url, flush=True)
        sys.stdin.read()
    for request in standin.requests:
        print(json.dumps({k: request[k] for k in ("method", "path", "query", "handler", "body")}), flush=True)


if __name__ == "__main__":
    main()
