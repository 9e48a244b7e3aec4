"""Real servers on loopback for the storage and history tests: Ceph RADOS Gateway (S3), nginx WebDAV,
OpenSSH SFTP, PostgreSQL 15. Each is started by the shell script next to this file and stopped by the test that
started it. Needs root (Ceph, sshd's privilege separation) and the packages of install.sh."""
import os
import re
import socket
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _exports(text):
    """Parses the scripts' `export A=1 B='x y'` line into a dict."""
    line = [l for l in text.splitlines() if l.startswith("export ")][-1][len("export "):]
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
            for m in re.finditer(r"(\w+)=(?:'([^']*)'|(\S*))", line)}


def _run(args, env=None, timeout=120):
    r = subprocess.run(args, capture_output=True, text=True, env=env, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({r.returncode}): {r.stderr[-2000:]}")
    return r.stdout


class S3Server:
    """A throw-away single-node Ceph cluster with radosgw; bucket 'releases'."""
    def __init__(self, access_key="testkey", secret_key="testsecret", bucket="releases"):
        self.port = free_port()
        self.access_key, self.secret_key, self.bucket = access_key, secret_key, bucket
        env = dict(os.environ, CEPH_MON_PORT=str(free_port()))
        out = _run([os.path.join(HERE, "s3-radosgw-ceph.sh"), "start", str(self.port), access_key, secret_key], env=env, timeout=180)
        v = _exports(out)
        self.endpoint, self.dir = v["S3_ENDPOINT"], v["CEPH_DIR"]
        self.pids = v["CEPH_PIDS"].split()
        self.curl("PUT", "/" + bucket)

    @property
    def rgw_pid(self):
        return int(self.pids[0])

    def curl(self, method, path, *extra, secret=None, access=None, output=None):
        """A request signed by the curl tool (an independent client): returns (status, body)."""
        args = ["curl", "-s", "-o", output or "-", "-w", "\n%{http_code}", "--aws-sigv4", "aws:amz:us-east-1:s3",
                "--user", f"{access or self.access_key}:{secret or self.secret_key}",
                "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", "-X", method, self.endpoint + path, *extra]
        r = subprocess.run(args, capture_output=True, timeout=120)
        body, _, code = r.stdout.rpartition(b"\n")
        return int(code or 0), body

    def stop_gateway(self):
        os.kill(self.rgw_pid, 9)
        for _ in range(100):
            try:
                with open(f"/proc/{self.rgw_pid}/stat") as f:
                    if f.read().split()[2] == "Z":
                        break
            except FileNotFoundError:
                break
            time.sleep(0.05)

    def start_gateway(self):
        out = _run([os.path.join(HERE, "s3-radosgw-ceph.sh"), "rgw-start", self.dir, str(self.port)], timeout=120)
        self.pids[0] = out.strip().splitlines()[-1]

    def add_user(self, uid, access_key, secret_key):
        _run(["radosgw-admin", "-c", os.path.join(self.dir, "ceph.conf"), "user", "create", f"--uid={uid}",
              f"--display-name={uid}", f"--access-key={access_key}", f"--secret-key={secret_key}"], timeout=60)

    def stop(self):
        subprocess.run([os.path.join(HERE, "s3-radosgw-ceph.sh"), "stop", self.dir, " ".join(self.pids)], timeout=60)


class WebDavServer:
    def __init__(self, user="tester", password="secret", create_folders_on_put=True):
        self.port = free_port()
        env = dict(os.environ, WEBDAV_CREATE_FULL_PUT_PATH="on" if create_folders_on_put else "off")
        v = _exports(_run([os.path.join(HERE, "webdav-nginx.sh"), "start", str(self.port), user, password], env=env))
        self.url, self.pid, self.dir = v["WEBDAV_URL"], v["WEBDAV_PID"], v["WEBDAV_DIR"]
        self.user, self.password = user, password
        self.root = os.path.join(self.dir, "root")

    def stop(self):
        subprocess.run([os.path.join(HERE, "webdav-nginx.sh"), "stop", self.pid, self.dir], timeout=60)


class SftpServer:
    def __init__(self):
        self.port = free_port()
        v = _exports(_run([os.path.join(HERE, "sftp-openssh.sh"), "start", str(self.port)]))
        self.pid, self.dir, self.user = v["SFTP_PID"], v["SFTP_DIR"], v["SFTP_USER"]
        self.key, self.root = v["SFTP_KEY"], v["SFTP_ROOT"]
        self.host_key = "SHA256:" + v["SFTP_HOSTKEY_SHA256"]

    def stop(self):
        subprocess.run([os.path.join(HERE, "sftp-openssh.sh"), "stop", self.pid, self.dir], timeout=60)


class PostgresServer:
    """A throw-away PostgreSQL 15 cluster; role `slipway` (its password for PGPASSWORD) owning database `history`."""
    def __init__(self):
        self.port = free_port()
        v = _exports(_run([os.path.join(HERE, "postgresql.sh"), "start", str(self.port)]))
        self.pid, self.dir, self.password = v["PG_PID"], v["PG_DIR"], v["PG_PASSWORD"]
        self.url = v["PG_URL"]
        self.database = v["PG_DATABASE"]

    def sql(self, statement, database=None):
        """Runs `statement` as the server's superuser; returns psql's output."""
        return _run([os.path.join(HERE, "postgresql.sh"), "sql", self.dir, str(self.port),
                     database or self.database, statement])

    def halt(self):
        """Stops the server as an outage would (sessions cut); resume() brings it back with its data."""
        _run([os.path.join(HERE, "postgresql.sh"), "halt", self.pid])

    def resume(self):
        self.pid = _exports(_run([os.path.join(HERE, "postgresql.sh"), "resume", self.dir, str(self.port)]))["PG_PID"]

    def stop(self):
        subprocess.run([os.path.join(HERE, "postgresql.sh"), "stop", self.pid, self.dir], timeout=60)
