"""Server speed: the portal beside a bare Flask app serving the same bytes, measured side by side with wrk.

DESIGN.md §4: every main page serves at least half the requests per second of a bare Flask app
serving byte-identical copies of it, with p99 latency under 50 ms at 16 connections.

    .venv/bin/python benchmarks/throughput.py [--seconds 5] [--rounds 2] [--workers 2]

It starts the portal under gunicorn (2 workers; PostgreSQL when DATABASE_URL points there,
else a throwaway SQLite file) with the demo accounts, signs in as a young person, an IRO and a
council member, saves each page's bytes, starts a bare Flask app under gunicorn (same workers)
that serves those bytes, then measures both with Debian's wrk, alternating portal, bare,
portal, bare, so that a noisy neighbour on the machine hurts both alike. It prints requests per
second, the ratio, and the portal's p99 latency per page, and exits 1 when a target is missed.
Needs `wrk` (apt-get install wrk).
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RATIO_TARGET = 0.5
P99_TARGET_MS = 50
CONNECTIONS = 16

BARE_APP = textwrap.dedent('''
    """A bare Flask app serving saved bytes: the yardstick for the portal."""
    import json, os
    from flask import Flask, Response
    pages = json.load(open(os.environ["BARE_PAGES"]))
    app = Flask(__name__)

    def make(body, mimetype):
        return lambda: Response(body, mimetype=mimetype)

    for number, (path, body, mimetype) in enumerate(pages):
        app.add_url_rule(path, f"page{number}", make(body.encode("utf-8"), mimetype))
''')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {timeout} s")


def gunicorn(app_module, port, workers, env, cwd):
    command = [str(Path(PYTHON).with_name("gunicorn")), "-w", str(workers), "-b", f"127.0.0.1:{port}",
               "--log-level", "warning", app_module]
    return subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True)


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


class Browser:
    """Just enough of a browser: cookies, and forms posted with their CSRF token."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path):
        with self.opener.open(self.base + path) as response:
            return response.read().decode("utf-8"), response.headers.get_content_type(), response.geturl()

    def post(self, path, form_page, **fields):
        page, _type, _url = self.get(form_page)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrf_token": token, **fields}).encode()
        with self.opener.open(self.base + path, data=data) as response:
            return response.geturl()

    def cookie_header(self):
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)


def sign_in(base, username):
    browser = Browser(base)
    browser.post("/sign-in", "/sign-in", username=username, password="demo-pass-2026")
    return browser


def wrk(url, seconds, cookie=None):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, float(p99.group(1)) * scale, int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=2, help="portal/bare pairs per page")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")

    work = Path(tempfile.mkdtemp(prefix="throughput-"))
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        database = f"sqlite:///{work / 'portal.sqlite3'}"
    env = {**os.environ, "PORTAL_ENV": "development", "DATABASE_URL": database, "FLASK_DEBUG": "0"}
    env.pop("REDIS_URL", None)
    flask = str(Path(PYTHON).with_name("flask"))
    subprocess.run([flask, "--app", "wsgi", "db-upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([flask, "--app", "wsgi", "demo-data"], cwd=ROOT, env=env, check=True, capture_output=True)

    port = free_port()
    portal = gunicorn("wsgi:app", port, args.workers, env, ROOT)
    bare = None
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/sign-in")
        child, iro, council = sign_in(base, "demo-child"), sign_in(base, "demo-iro"), sign_in(base, "demo-council")
        question = urllib.parse.urlparse(child.post("/have-your-say/start", "/have-your-say")).path
        pages = [("/sign-in", None, "sign-in"), ("/home", child, "young person's home"),
                 (question, child, "a consultation question"), ("/caseload", iro, "IRO's caseload"),
                 ("/council", council, "council dashboard")]
        saved = []
        for path, who, _name in pages:
            body, mimetype, _url = (who or Browser(base)).get(path)
            saved.append((path, body, mimetype))
        pages_file = work / "pages.json"
        pages_file.write_text(json.dumps(saved))
        (work / "bare.py").write_text(BARE_APP)
        bare_port = free_port()
        bare = gunicorn("bare:app", bare_port, args.workers, {**env, "BARE_PAGES": str(pages_file)}, work)
        wait_for(f"http://127.0.0.1:{bare_port}/sign-in")

        print(f"gunicorn, {args.workers} workers, wrk -t2 -c{CONNECTIONS} -d{args.seconds}s, {args.rounds} rounds, "
              f"database: {'PostgreSQL' if database.startswith('postgres') else 'SQLite'}")
        print(f"{'page':26} {'portal req/s':>12} {'bare req/s':>11} {'ratio':>6} {'p99 ms':>7} {'non-2xx':>7}")
        missed = []
        for path, who, name in pages:
            cookie = who.cookie_header() if who else None
            ours, theirs, p99s, errors = [], [], [], 0
            for _round in range(args.rounds):
                rate, p99, bad = wrk(base + path, args.seconds, cookie)
                ours.append(rate)
                p99s.append(p99)
                errors += bad
                theirs.append(wrk(f"http://127.0.0.1:{bare_port}{path}", args.seconds)[0])
            ratio = statistics.mean(ours) / statistics.mean(theirs)
            p99 = max(p99s)
            print(f"{name:26} {statistics.mean(ours):12.0f} {statistics.mean(theirs):11.0f} {ratio:6.2f} {p99:7.1f} "
                  f"{errors:7d}")
            if ratio < RATIO_TARGET or p99 > P99_TARGET_MS or errors:
                missed.append(name)
        if missed:
            print(f"Missed the targets (ratio ≥ {RATIO_TARGET}, p99 ≤ {P99_TARGET_MS} ms, no errors): {', '.join(missed)}")
            return 1
        print(f"Every page met the targets (ratio ≥ {RATIO_TARGET}, p99 ≤ {P99_TARGET_MS} ms).")
        return 0
    finally:
        stop(portal)
        if bare is not None:
            stop(bare)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
