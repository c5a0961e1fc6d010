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

A third app, the floor, serves the same bytes through only what every page of a portal built on
the required packages must do (Flask's signed session, Flask-Login loading the person with one ORM
query, Flask-Babel choosing the language, Flask-WTF's CSRF token in a Jinja template of the page):
its ratio to the bare app is the most any implementation on that stack could reach.
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

    for number, (path, body, mimetype, _signed_in) in enumerate(pages):
        app.add_url_rule(path, f"page{number}", make(body.encode("utf-8"), mimetype))
''')

# The same pages served by the packages the portal must be built on doing only what every page needs:
# Flask's signed session, Flask-Login loading the signed-in person through the SQLAlchemy ORM (one
# row, one query), Flask-Babel choosing the language, Flask-WTF's CSRF token in a Jinja template of the
# page. What is left between this and the bare app is the price of the required stack, before any
# page does its own work; it bounds the ratio any implementation on that stack can reach.
FLOOR_APP = textwrap.dedent('''
    """The required stack and nothing else, serving the saved pages."""
    import json, os, re
    from flask import Flask, Response, abort, redirect, request, session
    from flask_babel import Babel, get_locale
    from flask_login import LoginManager, UserMixin, current_user, login_user
    from flask_wtf.csrf import CSRFProtect, generate_csrf
    from sqlalchemy import Integer, String, create_engine
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker

    class Base(DeclarativeBase):
        pass

    class Person(UserMixin, Base):
        __tablename__ = "throughput_floor_people"
        id: Mapped[int] = mapped_column(Integer, primary_key=True)
        username: Mapped[str] = mapped_column(String(80))

    engine = create_engine(os.environ["FLOOR_DATABASE_URL"])
    Base.metadata.create_all(engine)
    orm = scoped_session(sessionmaker(engine))
    if orm.get(Person, 1) is None:
        orm.add(Person(id=1, username="someone"))
        orm.commit()
    orm.remove()

    app = Flask(__name__)
    app.secret_key = "throughput floor"
    CSRFProtect(app)
    Babel(app, locale_selector=lambda: session.get("locale") or request.accept_languages.best_match(["en", "ar"]))
    logins = LoginManager(app)
    logins.user_loader(lambda identity: orm.get(Person, int(identity)))
    app.teardown_appcontext(lambda _error: orm.remove())
    pages = json.load(open(os.environ["BARE_PAGES"]))
    TOKEN = re.compile(r\'(name="csrf_token"[^>]*value=")[^"]+"\')

    @app.get("/floor-sign-in")
    def sign_in():
        login_user(orm.get(Person, 1))
        return "signed in"

    def make(template, mimetype, signed_in):
        def page():
            if signed_in and not current_user.is_authenticated:
                return redirect("/sign-in")
            get_locale()
            return Response(template.render(csrf_token=generate_csrf), mimetype=mimetype)
        return page

    for number, (path, body, mimetype, signed_in) in enumerate(pages):
        text = TOKEN.sub(lambda match: match.group(1) + \'{{ csrf_token() }}"\', body.replace("{", "{{ \'{\' }}"))
        app.add_url_rule(path, f"page{number}", make(app.jinja_env.from_string(text), mimetype, signed_in))
''')


def normalised(url):
    """The database address for SQLAlchemy with the driver the portal uses (psycopg 3 for PostgreSQL)."""
    return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url


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
    bare = floor = None
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
            saved.append((path, body, mimetype, who is not None))
        pages_file = work / "pages.json"
        pages_file.write_text(json.dumps(saved))
        (work / "bare.py").write_text(BARE_APP)
        (work / "floor.py").write_text(FLOOR_APP)
        bare_port, floor_port = free_port(), free_port()
        bare = gunicorn("bare:app", bare_port, args.workers, {**env, "BARE_PAGES": str(pages_file)}, work)
        floor = gunicorn("floor:app", floor_port, args.workers,
                         {**env, "BARE_PAGES": str(pages_file), "FLOOR_DATABASE_URL": normalised(database)}, work)
        wait_for(f"http://127.0.0.1:{bare_port}/sign-in")
        wait_for(f"http://127.0.0.1:{floor_port}/sign-in")
        floor_browser = Browser(f"http://127.0.0.1:{floor_port}")
        floor_browser.get("/floor-sign-in")

        print(f"gunicorn, {args.workers} workers, wrk -t2 -c{CONNECTIONS} -d{args.seconds}s, {args.rounds} rounds, "
              f"database: {'PostgreSQL' if database.startswith('postgres') else 'SQLite'}")
        print("bare: a Flask app returning the saved bytes; floor: the required stack only (session, Flask-Login "
              "with one ORM query, Flask-Babel, a CSRF token in a Jinja template of the page)")
        print(f"{'page':24} {'portal':>7} {'floor':>7} {'bare':>7} {'ratio':>6} {'floor ratio':>11} {'p99 ms':>7} "
              f"{'non-2xx':>7}")
        missed = []
        for path, who, name in pages:
            cookie = who.cookie_header() if who else None
            ours, floors, theirs, p99s, errors = [], [], [], [], 0
            for _round in range(args.rounds):
                rate, p99, bad = wrk(base + path, args.seconds, cookie)
                ours.append(rate)
                p99s.append(p99)
                errors += bad
                theirs.append(wrk(f"http://127.0.0.1:{bare_port}{path}", args.seconds)[0])
                rate, _p99, bad = wrk(f"http://127.0.0.1:{floor_port}{path}", args.seconds,
                                      floor_browser.cookie_header() if who else None)
                floors.append(rate)
                errors += bad
            ratio = statistics.mean(ours) / statistics.mean(theirs)
            floor_ratio = statistics.mean(floors) / statistics.mean(theirs)
            p99 = max(p99s)
            print(f"{name:24} {statistics.mean(ours):7.0f} {statistics.mean(floors):7.0f} {statistics.mean(theirs):7.0f} "
                  f"{ratio:6.2f} {floor_ratio:11.2f} {p99:7.1f} {errors:7d}")
            if ratio < RATIO_TARGET or p99 > P99_TARGET_MS or errors:
                missed.append(name)
        if missed:
            print(f"Missed the targets (ratio ≥ {RATIO_TARGET}, p99 ≤ {P99_TARGET_MS} ms, no errors): {', '.join(missed)}")
            return 1
        print(f"Every page met the targets (ratio ≥ {RATIO_TARGET}, p99 ≤ {P99_TARGET_MS} ms).")
        return 0
    finally:
        stop(portal)
        for process in (bare, floor):
            if process is not None:
                stop(process)
        if floor is not None and database.startswith("postgres"):  # its table would outlive the run there
            from sqlalchemy import create_engine, text  # noqa: PLC0415 (only needed here)

            engine = create_engine(normalised(database))
            with engine.begin() as connection:
                connection.execute(text("DROP TABLE IF EXISTS throughput_floor_people"))
            engine.dispose()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
