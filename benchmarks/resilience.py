"""Resilience: many young people at once, then faults (database, worker, Redis, SMTP); nothing lost or doubled.

Issue 16 ("Resilience"). Prints a line of figures per scenario with PASS or FAIL, and exits 1 when a promise fails.

    .venv/bin/python benchmarks/resilience.py [--short] [--people N] [--workers W]

Run as root, it starts its own PostgreSQL (initdb in a temporary folder, on a free port, as the `postgres`
OS user), its own redis-server on a free port, the portal under gunicorn (4 workers; 2 in --short) and an
SMTP server in this process; it never touches the shared servers on 5432 and 6379, and removes everything
at the end. Without root or initdb it runs on SQLite and skips the database-stop scenario.

a. N young people (200; 30 in --short) at once: sign in, answer every question, send, tell the council;
   then, decrypted through the app's models, every answer and council queue entry is stored exactly once
   and matches what was typed, and no response was a 5xx.
b. Another N/2 (10 in --short) with the database stopped for 10 s (3 s in --short) mid-run: every answer
   posted meanwhile gets the 503 page holding the typed words, never a 500; clients try again; everything
   is stored exactly once, and the same workers serve again (no restart).
c. Another N/2 (10) with two gunicorn workers SIGKILLed mid-run: clients retry dropped connections; no
   partial writes (a sent consultation holds every answer), no duplicates, nothing lost.
d. Redis stopped: sign-ins still succeed (limits fall back to per-process counting); and after it returns.
e. SMTP refusing for 16 s (4 s) while `send-notifications --loop` runs and N/4 (5) young people send (one
   writes words that raise an urgent flag): every outbox message is delivered exactly once after SMTP
   returns, the urgent one within OUTBOX_URGENT_RETRY_SECONDS (60 s) of it. --short sets that to 2 s and the
   ordinary back-off to 6 s (through the environment) so that it takes seconds; the rule is the same.

Clients retry a step on a 503 or a dropped connection for at most 120 s. Every server is stopped and the
temporary folder removed at the end, whatever happens.
"""

import argparse
import glob
import html
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.throughput import free_port, stop, wait_for  # noqa: E402
from tests.smtp_server import SmtpServer  # noqa: E402

PYTHON = sys.executable
FLASK = str(Path(PYTHON).with_name("flask"))
URGENT_WORDS = "I get hit at home"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SUBMISSION = re.compile(r'name="submission"[^>]*value="([^"]+)"')
CHOICE = re.compile(r'<input[^>]*name="choice"[^>]*value="([^"]*)"')
QUESTION = re.compile(r"/have-your-say/(\d+)/questions/(\d+)$")
PROGRESS = re.compile(r'<progress[^>]*max="(\d+)"')
RETRY_FOR = 120  # seconds a client keeps trying one step before it gives up (bounded, never forever)


# ---- Figures ----------------------------------------------------------------------------------


class Tally:
    """Responses seen by every client of a scenario (thread-safe)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = self.status_503 = self.other_5xx = self.connection_errors = 0
        self.posts_503_with_words = self.posts_503_without_words = 0
        self.problems = []

    def count(self, status):
        with self.lock:
            self.requests += 1
            if status == 503:
                self.status_503 += 1
            elif status >= 500:
                self.other_5xx += 1

    def add(self, name, amount=1):
        with self.lock:
            setattr(self, name, getattr(self, name) + amount)

    def problem(self, text):
        with self.lock:
            if len(self.problems) < 20:
                self.problems.append(text)


# ---- A young person's browser ----------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """Cookies, no automatic redirects, HTTP errors as responses, and a retry on 503 or a dropped connection."""

    def __init__(self, base, tally):
        self.base, self.tally = base, tally
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(), _NoRedirect())

    def once(self, path, data=None):
        """(status, body, location) of one request; raises OSError when the connection fails."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                result = response.status, response.read().decode("utf-8"), response.headers.get("Location")
        except urllib.error.HTTPError as error:
            result = error.code, error.read().decode("utf-8", "replace"), error.headers.get("Location")
        self.tally.count(result[0])
        return result

    def request(self, path, data=None, words=None):
        """Try until the answer is neither a 503 nor a dropped connection (at most RETRY_FOR seconds).

        A 503 to a POST must hold what was typed (`words`): that is the promise of the busy page."""
        deadline = time.monotonic() + RETRY_FOR
        while True:
            try:
                status, body, location = self.once(path, data)
            except (OSError, http.client.HTTPException) as error:
                self.tally.add("connection_errors")
                self.tally.problem(f"connection error on {'POST' if data is not None else 'GET'} {path}: {error!r}")
                status = body = location = None
            if status is not None and status != 503:
                return status, body, location
            if status == 503 and data is not None and words is not None:
                if words in html.unescape(body):
                    self.tally.add("posts_503_with_words")
                else:
                    self.tally.add("posts_503_without_words")
                    self.tally.problem(f"503 to POST {path} without the typed words")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{path}: still failing after {RETRY_FOR} s")
            time.sleep(0.3)

    def page(self, path):
        """GET a page that must answer 200; returns (body, its CSRF token)."""
        status, body, _location = self.request(path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        token = CSRF.search(body)
        return body, token.group(1) if token else None

    def post(self, path, token, words=None, **fields):
        """POST a form that must answer 303; returns where it points."""
        status, body, location = self.request(path, {"csrf_token": token, **fields}, words)
        if status != 303:
            text = re.sub(r"<[^>]+>|\s+", " ", body)[:200]
            raise RuntimeError(f"POST {path}: {status} {text}")
        return urllib.parse.urlparse(location).path

    def sign_in(self, username, password):
        _body, token = self.page("/sign-in")
        return self.post("/sign-in", token, username=username, password=password)


def answer_text(username, number, run):
    return f"Answer {number} from {username} run {run}"


def council_text(username, run):
    return f"For the council from {username} run {run}"


@dataclass
class Outcome:
    """What one young person's client managed (as it believes)."""

    username: str
    answered: set = field(default_factory=set)
    questions: int = 0  # how many questions the form has, read off the first question page
    sent: bool = False
    told: bool = False
    error: str | None = None


def fill_in(client, outcome, run, tell=True, first_words=None):
    """Answer every question (text with a unique marker, and the first choice), send, then tell the council."""
    _body, token = client.page("/have-your-say")
    where = client.post("/have-your-say/start", token)
    while True:
        if where.endswith("/topics"):  # "Do you want to tell us about…?": no more topics, on to the check page
            _body, token = client.page(where)
            where = client.post(where, token)
            continue
        found = QUESTION.search(where)
        if found is None:
            break
        number = int(found.group(2))
        body, token = client.page(where)
        total = PROGRESS.search(body)
        if total and not outcome.questions:
            outcome.questions = int(total.group(1))
        words = first_words if (first_words and number == 1) else answer_text(outcome.username, number, run)
        # A screen of several questions (the review arrangements) has its words in `text_1`.
        fields = {"action": "save", "text" if 'name="text"' in body else "text_1": words}
        choices = CHOICE.findall(body)
        if choices:
            fields["choice"] = choices[0]
        where = client.post(where, token, words=words, **fields)
        outcome.answered.add(number)
    if not where.endswith("/check"):
        raise RuntimeError(f"expected the check page, got {where}")
    _body, token = client.page(where)
    client.post(where.replace("/check", "/send"), token)
    outcome.sent = True
    if tell:
        body, token = client.page("/tell-the-council")
        words = council_text(outcome.username, run)
        client.post("/tell-the-council", token, words=words, text=words, submission=SUBMISSION.search(body).group(1))
        outcome.told = True


def run_people(base, usernames, password, run, tally, *, during=None, tell=True, first_words=None):
    """Sign everyone in, then all fill in at once (threads) while `during()` injects a fault; returns outcomes."""
    clients = {name: Client(base, tally) for name in usernames}
    outcomes = {name: Outcome(name) for name in usernames}

    def each(work):
        threads = [threading.Thread(target=work, args=(name,), daemon=True) for name in usernames]
        for thread in threads:
            thread.start()
        return threads

    def signing_in(name):
        try:
            clients[name].sign_in(name, password)
        except Exception as error:  # noqa: BLE001 (reported with the figures)
            outcomes[name].error = f"sign-in: {error}"

    def filling_in(name):
        if outcomes[name].error:
            return
        try:
            fill_in(clients[name], outcomes[name], run, tell, first_words if name == usernames[0] else None)
        except Exception as error:  # noqa: BLE001
            outcomes[name].error = str(error)

    for thread in each(signing_in):
        thread.join()
    threads = each(filling_in)
    if during:
        during(outcomes)
    for thread in threads:
        thread.join()
    return outcomes


# ---- Servers ------------------------------------------------------------------------------------


def mid_run(outcomes, share=0.3, limit=120):
    """Wait until the clients have answered about this share of all their questions (so a fault lands among
    answers being posted, however slow the machine), or until `limit` seconds have passed.

    The number of questions is read off the form (its progress bar), not assumed: when the consultation
    became a short core the old fixed count made this wait out its whole limit after everyone had finished."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        people = list(outcomes.values())
        questions = max((outcome.questions for outcome in people), default=0)
        if questions and sum(len(outcome.answered) for outcome in people) >= share * len(people) * questions:
            return
        time.sleep(0.05)


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


class Postgres:
    """A throwaway cluster in a temporary folder, run by the postgres OS user on a free port."""

    def __init__(self, work):
        self.bin = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))[-1]).parent
        self.data, self.sockets, self.port = work / "pgdata", work / "pgsock", free_port()
        self.sockets.mkdir()
        shutil.chown(work, "postgres")
        shutil.chown(self.sockets, "postgres")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/portal"
        self.started = False

    def _as_postgres(self, *command):
        return run(["runuser", "-u", "postgres", "--", *command])

    def init(self):
        self._as_postgres(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()
        self._as_postgres(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "portal")

    def start(self):
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c max_connections=200"
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.data.parent / "pg.log"),
                          "-w", "start")
        self.started = True

    def stop(self, mode="fast"):
        if self.started:
            self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")
            self.started = False

    @staticmethod
    def available():
        return os.geteuid() == 0 and bool(glob.glob("/usr/lib/postgresql/*/bin/initdb")) and shutil.which("runuser")


class Redis:
    """A redis-server of our own, on a free port, that can be stopped and started again."""

    def __init__(self, work):
        self.port, self.work = free_port(), work
        self.pidfile = work / "redis.pid"
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        run(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "yes", "--pidfile", str(self.pidfile), "--dir", str(self.work)])
        deadline = time.monotonic() + 10
        while not self.pidfile.exists() and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self):
        try:
            pid = int(self.pidfile.read_text())
        except (OSError, ValueError):
            return
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        self.pidfile.unlink(missing_ok=True)


def worker_pids(master_pid):
    """The gunicorn workers: the master's children."""
    found = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            found.append(int(stat.split("/")[2]))
    return found


# ---- Setting up and checking through the app's own models --------------------------------------------


def create_people(app, usernames):
    """Young people aged 14 with the demo IRO and a review in 12 days, each signing in with the demo password."""
    from datetime import date, datetime, timedelta
    from datetime import time as clock
    from zoneinfo import ZoneInfo

    from sqlalchemy import select

    from portal.core.passwords import hash_password
    from portal.demo import PASSWORD, _birthday
    from portal.extensions import db
    from portal.models import Review, Role, User, YoungPerson

    with app.app_context():
        iro = db.session.scalar(select(User).where(User.username == "demo-iro"))
        hashed = hash_password(PASSWORD)  # one hash for all: hashing hundreds would take minutes
        zone = ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"])
        when = datetime.combine(date.today() + timedelta(days=12), clock(16, 0), tzinfo=zone)
        for name in usernames:
            user = User(username=name, role=Role.YOUNG_PERSON, display_name=name, password_hash=hashed)
            db.session.add(user)
            db.session.flush()
            person = YoungPerson(first_name=name, case_reference=name.upper(), date_of_birth=_birthday(14, date.today()),
                                 iro_id=iro.id, user_id=user.id)
            db.session.add(person)
            db.session.flush()
            db.session.add(Review(young_person_id=person.id, scheduled_for=when, place="Home"))
        db.session.commit()
    return PASSWORD


@dataclass
class Stored:
    """What the database holds for a group, decrypted and compared with what the clients typed."""

    answers: int = 0
    council: int = 0
    sent: int = 0
    duplicates: int = 0
    lost: int = 0
    wrong: int = 0
    partial: int = 0
    notes: list = field(default_factory=list)


def check_stored(app, outcomes, run, tell=True):
    """Every answer and council entry exactly once, decryptable and identical; nothing a client was told
    was saved is missing; a consultation is either sent with every answer, or in progress and consistent."""
    from sqlalchemy import func, select

    from portal.consultation.services import screens_of
    from portal.extensions import db
    from portal.models import Answer, Consultation, ConsultationStatus, User, YoungPerson
    from portal.voice import queue

    stored = Stored()
    with app.app_context():
        people = dict(db.session.execute(select(User.username, YoungPerson.id).join(YoungPerson, YoungPerson.user_id == User.id)
                                         .where(User.username.in_(list(outcomes)))).all())
        entries = {}
        for entry in queue.entries():
            if entry.kind == queue.NEW:
                entries.setdefault(entry.young_person_id, []).append(entry.data.get("text"))
        for name, outcome in outcomes.items():
            consultations = db.session.scalars(select(Consultation).where(Consultation.young_person_id == people[name])).all()
            if len(consultations) > 1:
                stored.duplicates += len(consultations) - 1
            if not consultations:
                stored.lost += len(outcome.answered) + outcome.sent
                continue
            consultation = consultations[0]
            screens = screens_of(consultation)
            questions = len(screens)
            number_of = {leaf.key: n for n, screen in enumerate(screens, start=1) for leaf in screen.leaves}
            rows = db.session.execute(select(Answer.question_key, func.count()).where(Answer.consultation_id == consultation.id)
                                      .group_by(Answer.question_key)).all()
            stored.duplicates += sum(count - 1 for _key, count in rows)
            answers = db.session.scalars(select(Answer).where(Answer.consultation_id == consultation.id)).all()
            numbers, texts = set(), {}
            for answer in answers:
                number = number_of[answer.question_key]
                numbers.add(number)
                texts.setdefault(number, []).append(answer.text)  # decrypts here
            for number, found in texts.items():  # on a screen of several questions, one holds the words
                if answer_text(name, number, run) not in found:
                    stored.wrong += 1
                    stored.notes.append(f"{name} q{number}: stored {found!r}")
            stored.answers += len(numbers)
            stored.lost += len(outcome.answered - numbers)
            if consultation.status == ConsultationStatus.SENT:
                stored.sent += 1
                if len(numbers) != questions:
                    stored.partial += 1
                    stored.notes.append(f"{name}: sent with {len(numbers)} of {questions} answers")
            elif outcome.sent:
                stored.lost += 1
            if tell:
                mine = entries.get(people[name], [])
                stored.council += len(mine)
                stored.duplicates += max(0, len(mine) - 1)
                stored.wrong += sum(1 for text in mine if text != council_text(name, run))
                if outcome.told and not mine:
                    stored.lost += 1
    return stored


# ---- Scenarios ------------------------------------------------------------------------------------


class Report:
    """One line per scenario; remembers failures for the exit status."""

    def __init__(self):
        self.failed = []
        self.since = time.monotonic()

    def line(self, name, ok, figures, tally=None, notes=()):
        parts = [f"{key}={value}" for key, value in figures.items()]
        if tally is not None:
            parts[:0] = [f"requests={tally.requests}", f"503s={tally.status_503}", f"other_5xx={tally.other_5xx}",
                         f"connection_errors={tally.connection_errors}"]
        parts.append(f"seconds={time.monotonic() - self.since:.1f}")
        self.since = time.monotonic()
        print(f"{'PASS' if ok else 'FAIL'} {name}: {', '.join(parts)}", flush=True)
        for note in list(notes)[:10]:
            print(f"     {note}", flush=True)
        if not ok:
            self.failed.append(name)


def group_figures(outcomes, stored):
    errors = [f"{o.username}: {o.error}" for o in outcomes.values() if o.error]
    figures = {"people": len(outcomes), "answers_stored": stored.answers, "sent": stored.sent,
               "council_entries": stored.council, "duplicates": stored.duplicates, "lost": stored.lost,
               "wrong": stored.wrong, "partial": stored.partial, "clients_gave_up": len(errors)}
    ok = not errors and stored.duplicates == stored.lost == stored.wrong == stored.partial == 0
    return ok, figures, errors + stored.notes


def scenario_load(report, app, base, names, password, run):
    tally = Tally()
    outcomes = run_people(base, names, password, run, tally)
    stored = check_stored(app, outcomes, run)
    ok, figures, notes = group_figures(outcomes, stored)
    ok = ok and stored.sent == stored.council == len(names) and tally.status_503 == tally.other_5xx == 0
    report.line(f"a. {len(names)} young people at once", ok, figures, tally,
                notes + tally.problems)


def scenario_database_stops(report, app, base, names, password, run, postgres, outage, master_pid):
    tally = Tally()
    workers_before = sorted(worker_pids(master_pid))
    timing = {}
    probe = Client(base, Tally())  # a signed-in young person asking for their home page: it needs the database
    probe.sign_in(names[0], password)

    def outage_now(outcomes):
        mid_run(outcomes)
        postgres.stop("fast")
        timing["stopped"] = time.monotonic()
        time.sleep(outage)
        postgres.start()
        timing["started"] = time.monotonic()
        while time.monotonic() - timing["started"] < 60:  # the app recovers by itself: no restart
            try:
                if probe.once("/home")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.05)
        timing["recovered"] = time.monotonic()

    outcomes = run_people(base, names, password, run, tally, during=outage_now)
    stored = check_stored(app, outcomes, run)
    ok, figures, notes = group_figures(outcomes, stored)
    recovery = timing["recovered"] - timing["started"]
    restarted = sorted(worker_pids(master_pid)) != workers_before  # recovering must not need new workers
    ok = (ok and stored.sent == stored.council == len(names) and tally.other_5xx == 0 and tally.posts_503_with_words > 0
          and tally.posts_503_without_words == 0 and recovery < 30 and not restarted)
    report.line(f"b. database stopped {outage} s mid-run", ok,
                {**figures, "answer_posts_503_with_words": tally.posts_503_with_words,
                 "answer_posts_503_without_words": tally.posts_503_without_words, "recovery_seconds": f"{recovery:.2f}",
                 "workers_restarted": restarted},
                tally, notes + tally.problems)


def scenario_worker_killed(report, app, base, names, password, run, master_pid):
    tally = Tally()
    killed = []

    def kill_one(outcomes):
        for share in (0.2, 0.5):  # two kills: gunicorn starts a new worker after each
            mid_run(outcomes, share)
            pids = worker_pids(master_pid)
            if pids:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

    outcomes = run_people(base, names, password, run, tally, during=kill_one)
    stored = check_stored(app, outcomes, run)
    ok, figures, notes = group_figures(outcomes, stored)
    ok = ok and killed and stored.sent == stored.council == len(names) and tally.other_5xx == 0
    report.line("c. two gunicorn workers SIGKILLed mid-run", ok, {**figures, "workers_killed": len(killed)}, tally,
                notes + tally.problems)


def scenario_redis_stops(report, base, names, password, redis, gunicorn_log):
    tally = Tally()
    results = {"down": [], "back": []}

    def sign_in_all(when):
        def one(name):
            try:
                results[when].append(Client(base, tally).sign_in(name, password))
            except Exception as error:  # noqa: BLE001
                results[when].append(f"error: {error}")
        threads = [threading.Thread(target=one, args=(name,), daemon=True) for name in names]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    redis.stop()
    sign_in_all("down")
    redis.start()
    time.sleep(1)
    sign_in_all("back")
    good = {when: sum(1 for where in found if where == "/home") for when, found in results.items()}
    warnings = gunicorn_log.read_text(errors="replace").count("falling back to in-memory storage")
    ok = good["down"] == good["back"] == len(names) and tally.status_503 == tally.other_5xx == 0
    notes = [where for found in results.values() for where in found if where != "/home"]
    report.line("d. Redis stopped, then back", ok, {"sign_ins_while_down_ok": f"{good['down']}/{len(names)}",
                                                     "sign_ins_after_return_ok": f"{good['back']}/{len(names)}",
                                                     "fallback_warnings_in_log": warnings}, tally, notes)


def scenario_smtp_refuses(report, app, base, names, password, run, env, outage, urgent_retry, work):
    """The worker runs while SMTP refuses and young people send (one raising an urgent flag)."""
    from sqlalchemy import func, select

    from portal.core.message_kinds import URGENT_KINDS
    from portal.extensions import db
    from portal.models.outbox import OutboxMessage, OutboxStatus

    smtp = SmtpServer()  # not started yet: connections to its port are refused
    worker_env = {**env, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp.port)}
    log = open(work / "worker.log", "w")  # noqa: SIM115 (closed in finally)
    worker = subprocess.Popen([FLASK, "--app", "wsgi", "send-notifications", "--loop", "--interval", "1"], cwd=ROOT,
                              env=worker_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    tally = Tally()
    seen = {}
    try:
        started = time.monotonic()
        outcomes = run_people(base, names, password, run, tally, tell=False, first_words=URGENT_WORDS)
        time.sleep(max(0.0, outage - (time.monotonic() - started)))
        smtp.start()
        returned = time.monotonic()
        deadline = returned + (60 if urgent_retry < 60 else 240)
        with app.app_context():
            while time.monotonic() < deadline:
                for _recipients, message in list(smtp.inbox.messages):
                    seen.setdefault(message["Message-ID"], time.monotonic())
                pending = db.session.scalar(select(func.count()).select_from(OutboxMessage)
                                            .where(OutboxMessage.status == OutboxStatus.PENDING))
                db.session.rollback()
                if not pending:
                    break
                time.sleep(0.2)
            time.sleep(2)  # a message sent twice would arrive now
            rows = db.session.scalars(select(OutboxMessage)).all()
            statuses = {}
            for row in rows:
                statuses[row.status] = statuses.get(row.status, 0) + 1
            expected = {f"<outbox-{row.id}-{row.created_at:%Y%m%d%H%M%S}@" for row in rows if row.status == OutboxStatus.SENT}
            urgent = {f"<outbox-{row.id}-{row.created_at:%Y%m%d%H%M%S}@" for row in rows if row.kind in URGENT_KINDS}
            db.session.rollback()
        for _recipients, message in list(smtp.inbox.messages):
            seen.setdefault(message["Message-ID"], time.monotonic())
        delivered = [message["Message-ID"].split("@")[0] + "@" for _r, message in smtp.inbox.messages]
        duplicates = len(delivered) - len(set(delivered))
        lost = len(expected - set(delivered)) + statuses.get(OutboxStatus.PENDING, 0) + statuses.get(OutboxStatus.FAILED, 0)
        urgent_after = [seen[mid] - returned for mid in seen if mid.split("@")[0] + "@" in urgent]
        urgent_seconds = max(urgent_after) if urgent_after and len(urgent_after) == len(urgent) else None
        errors = [f"{o.username}: {o.error}" for o in outcomes.values() if o.error]
        ok = (not errors and duplicates == lost == 0 and urgent and urgent_seconds is not None
              and urgent_seconds <= urgent_retry + 15 and tally.other_5xx == 0)
        report.line(f"e. SMTP refusing for {outage} s while {len(names)} young people send", ok,
                    {"outbox_messages": len(rows), "delivered": len(delivered), "duplicates": duplicates, "lost": lost,
                     "urgent": len(urgent), "urgent_after_return_seconds": "never" if urgent_seconds is None else f"{urgent_seconds:.1f}",
                     "urgent_retry_seconds": urgent_retry}, tally, errors + tally.problems)
    finally:
        stop(worker)
        log.close()
        smtp.stop()


# ---- The run ----------------------------------------------------------------------------------


def _terminated(signum, _frame):
    raise SystemExit(f"stopped by {signal.Signals(signum).name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="the CI form: 30 young people, 2 workers, short outages")
    parser.add_argument("--people", type=int, help="young people in scenario a (default 200; 30 with --short)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default 4; 2 with --short)")
    parser.add_argument("--sqlite", action="store_true", help="run on SQLite even as root (skips the database stop)")
    args = parser.parse_args()
    people = args.people or (30 if args.short else 200)
    workers = args.workers or (2 if args.short else 4)
    fault_people = max(5, people // 3 if args.short else people // 2)  # the fault scenarios: 10 / 100 young people
    db_outage, smtp_outage = (3, 4) if args.short else (10, 16)
    urgent_retry = 2 if args.short else 60
    run_id = uuid.uuid4().hex[:8]
    signal.signal(signal.SIGTERM, _terminated)  # stopped from outside: still clean up (the finally below)

    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="resilience-"))
    postgres = redis = portal = None
    try:
        if Postgres.available() and not args.sqlite:
            postgres = Postgres(work)
            postgres.init()
            database = postgres.url
        else:
            print("SQLite (asked for, or not root, or no initdb): skipping the database-stop scenario.")
            database = f"sqlite:///{work / 'portal.sqlite3'}"
        redis = Redis(work)
        redis.start()
        env = {**os.environ, "PORTAL_ENV": "development", "DATABASE_URL": database, "REDIS_URL": redis.url,
               "FLASK_DEBUG": "0", "PUBLIC_URL": "http://127.0.0.1", "SMTP_TIMEOUT": "5"}
        if args.short:  # so that scenario e takes seconds, not minutes; the rule (urgent first, capped) is the same
            env.update(OUTBOX_URGENT_RETRY_SECONDS=str(urgent_retry), OUTBOX_BACKOFF_SECONDS="6", OUTBOX_BACKOFF_MAX_SECONDS="6")
        os.environ.update({key: env[key] for key in env if key.startswith(("PORTAL_", "DATABASE_", "REDIS_", "OUTBOX_"))})
        run([FLASK, "--app", "wsgi", "db-upgrade"], cwd=ROOT, env=env)
        run([FLASK, "--app", "wsgi", "demo-data"], cwd=ROOT, env=env)

        from portal import create_app  # after the environment is set: the settings are read at import

        app = create_app()
        groups = {name: [f"res-{name}-{number:03d}" for number in range(size)]
                  for name, size in (("a", people), ("b", fault_people), ("c", fault_people), ("e", max(5, fault_people // 2)))}
        password = create_people(app, [name for names in groups.values() for name in names])

        port = free_port()
        log = open(work / "gunicorn.log", "w")  # noqa: SIM115
        command = [str(Path(PYTHON).with_name("gunicorn")), "-w", str(workers), "-b", f"127.0.0.1:{port}",
                   "--log-level", "warning", "--backlog", "2048", "wsgi:app"]
        portal = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/sign-in")
        print(f"gunicorn, {workers} workers, {'PostgreSQL (own cluster)' if postgres else 'SQLite'}, Redis (own), "
              f"{'--short' if args.short else 'full'} form, run {run_id}, set-up {time.monotonic() - started:.0f} s", flush=True)
        report = Report()
        scenario_load(report, app, base, groups["a"], password, run_id)
        if postgres:
            scenario_database_stops(report, app, base, groups["b"], password, run_id, postgres, db_outage, portal.pid)
        scenario_worker_killed(report, app, base, groups["c"], password, run_id, portal.pid)
        scenario_redis_stops(report, base, groups["a"][:5 if args.short else 20], password, redis, work / "gunicorn.log")
        scenario_smtp_refuses(report, app, base, groups["e"], password, run_id, env, smtp_outage, urgent_retry, work)
        seconds = time.monotonic() - started
        if report.failed:
            log.flush()
            tail = (work / "gunicorn.log").read_text().splitlines()[-15:]
            print("gunicorn log (last lines):\n  " + "\n  ".join(tail))
            print(f"FAILED: {', '.join(report.failed)} ({seconds:.0f} s)")
            return 1
        timeouts = (work / "gunicorn.log").read_text(errors="replace").count("WORKER TIMEOUT")
        if timeouts:
            print(f"gunicorn killed {timeouts} worker(s) for a request over its 30 s timeout (the clients retried).")
        print(f"Every promise held ({seconds:.0f} s).")
        return 0
    finally:
        if portal is not None:
            stop(portal)
        if redis is not None:
            redis.stop()
        if postgres is not None:
            try:
                postgres.stop("immediate")
            except subprocess.CalledProcessError:
                pass
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
