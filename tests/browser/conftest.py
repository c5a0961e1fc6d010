"""Fixtures for browser tests: Debian's Chromium at a phone viewport, and the portal served live.

One live server per database (and per xdist worker) serves every module: starting an
app costs seconds, so each module instead starts from the same state, the demo world
put back in one INSERT per table (as first loaded), with the test settings and no
rate-limit counts. A module that needs other settings from start-up starts its own
server (start_live_server; see test_idle.py). Tests do not rely on each other's state: each starts from a
fresh browser context (`open_page`, signed in from a storage state cached per account
and server) or from a page whose cookies, the only state the portal keeps in a
browser, are reset; and each sets the language it needs itself.

The exit site is never contacted: every context answers https://www.bbc.co.uk/**
itself with a small neutral page, and counts the requests it answered.
"""

import threading
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select
from werkzeug.serving import make_server

from portal import create_app, demo
from portal.extensions import db
from portal.models import User, YoungPerson
from tests.conftest import MARKUP_BACKEND, SharedApp, _empty_all_tables, _restore, _snapshot

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
EXIT_SITE = "https://www.bbc.co.uk/**"
NEUTRAL_PAGE = "<!doctype html><html lang=en><title>Weather</title><h1>Weather</h1></html>"
AXE = Axe()
# The ports of live servers on MARKUP_BACKEND: axe runs on pages they serve (see assert_accessible).
MARKUP_PORTS = set()


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """Debian's Chromium, headless, with nothing that talks to Google."""
    return {"executable_path": "/usr/bin/chromium", "headless": True, "args": list(CHROMIUM_ARGS)}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A phone: 390×844, touch, high-density screen."""
    return {**browser_context_args, **PHONE}


class LiveServer:
    """A portal app served by werkzeug in a daemon thread.

    `url` is its address, `ids` the demo young people's ids by first name, and
    `states` the signed-in storage states made so far, by username.
    """

    def __init__(self, app):
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        if app.config["DATABASE_URL"].partition(":")[0] == MARKUP_BACKEND:
            MARKUP_PORTS.add(self._server.server_port)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.states = {}
        self.ids = self._young_people()

    def _young_people(self):
        with self.app.app_context():
            return {p.first_name: p.id for p in db.session.scalars(select(YoungPerson))}

    def start_again(self, rows):
        """Back to the demo world as first loaded (`rows`, from _snapshot), forgetting who signed in."""
        with self.app.app_context():
            db.session.close()
            _empty_all_tables()
            _restore(rows)
        self.states.clear()
        self.ids = self._young_people()

    def session_token(self, username):
        """The user's current session token, read from the database."""
        with self.app.app_context():
            return db.session.scalar(select(User.session_token).where(User.username == username))

    def stop(self):
        """Stop serving and wait for the thread to end."""
        self._server.shutdown()
        self._thread.join(timeout=10)
        self._server.server_close()


def start_live_server(database_url, **overrides):
    """Build the app on this database, load the demo world and serve it."""
    app = create_app("test", {"DATABASE_URL": database_url, **overrides})
    with app.app_context():
        demo.load()
    return LiveServer(app)


def start_localhost_server(database_url, **overrides):
    """Like start_live_server, reached at http://localhost:PORT with PUBLIC_URL set to that address.

    For passkeys: a WebAuthn relying party id is a host name, never an IP address, so Chromium refuses
    passkeys on http://127.0.0.1 (localhost is the one plain-HTTP host it treats as secure).
    """
    server = start_live_server(database_url, **overrides)
    server.url = server.url.replace("://127.0.0.1:", "://localhost:")
    server.app.config["PUBLIC_URL"] = server.url
    return server


def stop_live_server(server):
    """Stop serving and empty every table for the next user of the database."""
    server.stop()
    with server.app.app_context():
        db.session.close()
        _empty_all_tables()
        db.engine.dispose()


@pytest.fixture(scope="session")
def _served():
    """The session's live servers, by database URL: (server, its SharedApp, the demo world's rows)."""
    served = {}
    yield served
    for server, _shared, _rows in served.values():
        stop_live_server(server)


@pytest.fixture(scope="module")
def live_server(database_url, _served):
    """A live portal with the demo world, fresh for each module on each database (one server per database)."""
    if database_url not in _served:
        shared = SharedApp(database_url)
        with shared.app.app_context():
            demo.load()
            rows = _snapshot()
        _served[database_url] = (LiveServer(shared.app), shared, rows)
    server, shared, rows = _served[database_url]
    shared.fresh()
    server.start_again(rows)
    yield server
    with server.app.app_context():
        db.session.close()
        _empty_all_tables()  # the next user of this database (an `app` test) expects it empty


def neutral_exit_site(context):
    """Answer the exit site inside the browser; `context.exit_hits` lists the URLs answered."""
    context.exit_hits = []

    def answer(route):
        context.exit_hits.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)

    context.route(EXIT_SITE, answer)
    return context


def sign_in_through_form(page, base, username, password=demo.PASSWORD):
    """Sign in with the real form, as a person would, and wait for the home page."""
    page.goto(f"{base}/sign-in")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/home")


def choose_language(page, locale):
    """Use the footer's language switcher (works with or without JavaScript)."""
    page.locator("#language-choice").select_option(locale)
    with page.expect_navigation():
        page.locator("form.language button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", locale)


def axe_violations(page):
    """axe-core's violations on the page, as AxeResults (violations_count, generate_report()).

    Like Axe().run(page), but only the violations are carried back from the page:
    the full results (every rule that passed) take longer to carry than to compute.
    """
    page.evaluate(AXE.axe_script)
    violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    return AxeResults({"violations": violations})


def assert_accessible(page, where=""):
    """The page has one h1 and, where its server is on MARKUP_BACKEND, axe-core finds nothing on it.

    axe checks markup, which does not depend on the database (tests/conftest.py, page_markup): a journey
    runs every step on both databases and has axe check its screens on one.
    """
    expect(page.locator("h1")).to_have_count(1)
    if urlsplit(page.url).port in MARKUP_PORTS:
        results = axe_violations(page)
        assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"


@pytest.fixture
def open_page(browser, browser_context_args, live_server):
    """A function(username=None, **context_args) giving a page in a fresh context, signed in if asked.

    Signing in goes through the real form once per account and server; the storage
    state is then reused, which saves a sign-in per test.
    """
    contexts = []

    def open_as(username=None, **context_args):
        state = signed_in_state(browser, browser_context_args, live_server, username) if username else None
        context = browser.new_context(**{**browser_context_args, **context_args}, storage_state=state)
        contexts.append(neutral_exit_site(context))
        return context.new_page()

    yield open_as
    for context in contexts:
        context.close()


def signed_in_state(browser, context_args, server, username):
    """The storage state of a browser signed in as this user on this server (signed in once, then reused)."""
    if username not in server.states:
        context = neutral_exit_site(browser.new_context(**context_args))
        try:
            sign_in_through_form(context.new_page(), server.url, username)
            server.states[username] = context.storage_state()
        finally:
            context.close()
    return server.states[username]
