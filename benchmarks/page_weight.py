"""Page weight: bytes a phone downloads on a first visit to each young person's and carer's page.

DESIGN.md §4 sets the budget: any young person's page is at most 30 KB transferred in
total on a first visit (HTML + CSS + JS + images, compressed).

Run it from the project folder (nothing else needs to be running):

    .venv/bin/python benchmarks/page_weight.py

It builds the portal with the development settings (compression on) on a throwaway
SQLite database with the demo accounts, serves it on 127.0.0.1, and opens each page in
Debian's Chromium at a phone viewport, in a fresh browser context (an empty cache, as
on a first visit). Chromium asks for compressed responses as usual. The bytes are
counted by Chromium itself (DevTools Network.loadingFinished encodedDataLength: what
came over the wire, headers included) for the page and everything it loads; the
uncompressed size of the bodies is shown beside it. Exits with 1 if any page is over
the budget. "compressed" counts the responses that came compressed (the favicon and
small responses are sent as they are).
"""

import logging
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app, demo, migrate  # noqa: E402  (needs the path above)

BUDGET_KB = 30
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
EXIT_SITE = "https://www.bbc.co.uk/**"


@dataclass
class Weight:
    """What one page load fetched: requests, bytes on the wire, and bytes once decompressed."""

    requests: int = 0
    compressed: int = 0  # responses that came with a Content-Encoding
    transferred: int = 0
    uncompressed: int = 0
    failed: list = field(default_factory=list)


def serve(app):
    """Serve the app on a free port in a daemon thread; returns (server, base URL)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def signed_in_state(browser, base, username):
    """Cookies of a phone signed in as this demo user (signed in through the real form)."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{base}/sign-in")
    page.locator("#username").fill(username)
    page.locator("#password").fill(demo.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/home")
    state = context.storage_state()
    context.close()
    return state


def started_consultation(browser, base, state):
    """The URL of the first question, after pressing Start on "Have your say" (None if there is no review)."""
    context = browser.new_context(**PHONE, storage_state=state)
    page = context.new_page()
    page.goto(f"{base}/have-your-say")
    start = page.locator("form[action$='/have-your-say/start'] button[type=submit]")
    url = None
    if start.count():
        start.click()
        page.wait_for_load_state()
        url = page.url
    context.close()
    return url


def helping_question(browser, base, state):
    """The first question a carer sees helping Sam, 6: picture mode (None if there is no review)."""
    context = browser.new_context(**PHONE, storage_state=state)
    page = context.new_page()
    page.goto(f"{base}/have-your-say/helping")
    button = page.locator("main form[action*='/helping/'] button[type=submit]").filter(has_text="Sam")
    url = None
    if button.count():
        button.click()
        page.wait_for_load_state()
        url = page.url
    context.close()
    return url


def weigh(browser, url, state=None):
    """Load the URL in a fresh context (empty cache) and count what came over the network."""
    context = browser.new_context(**PHONE, storage_state=state)
    context.route(EXIT_SITE, lambda route: route.abort())  # never contact the exit site
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    weight, decoded = Weight(), {}

    def sent(event):
        if not event["request"]["url"].startswith("data:"):
            weight.requests += 1

    def responded(event):
        headers = {name.lower(): value for name, value in event["response"]["headers"].items()}
        if headers.get("content-encoding") in ("br", "gzip", "deflate", "zstd"):
            weight.compressed += 1

    def received(event):
        decoded[event["requestId"]] = decoded.get(event["requestId"], 0) + event["dataLength"]

    def finished(event):
        weight.transferred += event["encodedDataLength"]

    def failed(event):
        weight.failed.append(event.get("errorText"))

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.responseReceived", responded)
    cdp.on("Network.dataReceived", received)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.loadingFailed", failed)
    cdp.send("Network.enable")
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(200)  # late events (the favicon) still count
    weight.uncompressed = sum(decoded.values())
    context.close()
    return weight


def main():
    """Measure every page, print the table, and return the exit status."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    with tempfile.TemporaryDirectory() as folder:
        app = create_app("development", {
            "DATABASE_URL": f"sqlite:///{Path(folder) / 'page-weight.sqlite3'}",
            "COMPRESS_REGISTER": True,
            "RATELIMIT_STORAGE_URI": "memory://",
        })
        with app.app_context():
            migrate.upgrade()
            demo.load()
        server, base = serve(app)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                child = signed_in_state(browser, base, "demo-child")
                carer = signed_in_state(browser, base, "demo-carer")
                pages = [
                    ("/ (start)", f"{base}/", None),
                    ("/sign-in", f"{base}/sign-in", None),
                    ("/join", f"{base}/join", None),
                    ("/get-help", f"{base}/get-help", None),
                    ("/home (demo-child)", f"{base}/home", child),
                    ("/get-help (demo-child)", f"{base}/get-help", child),
                    ("/have-your-say (demo-child)", f"{base}/have-your-say", child),
                    ("/home (demo-carer)", f"{base}/home", carer),
                    ("/have-your-say/helping (demo-carer)", f"{base}/have-your-say/helping", carer),
                    ("404 page", f"{base}/no-such-page", None),
                ]
                question = started_consultation(browser, base, child)
                if question:
                    path = question.removeprefix(base)
                    pages.insert(7, (f"{path} (demo-child)", question, child))
                    check = question.rsplit("/questions/", 1)[0] + "/check"
                    pages.insert(8, (f"{check.removeprefix(base)} (demo-child)", check, child))
                pictures = helping_question(browser, base, carer)
                if pictures:
                    pages.insert(-1, (f"{pictures.removeprefix(base)} (demo-carer, picture mode)", pictures, carer))
                results = [(name, weigh(browser, url, state)) for name, url, state in pages]
                browser.close()
        finally:
            server.shutdown()
            server.server_close()

    width = max(len(name) for name, _weight in results)
    print(f"First visit, phone viewport, compressed: budget {BUDGET_KB} KB per page (DESIGN.md §4)\n")
    print(f"{'page':<{width}}  requests  compressed  transferred KB  uncompressed KB  result")
    over = False
    for name, weight in results:
        kilobytes = weight.transferred / 1024
        result = "PASS" if kilobytes <= BUDGET_KB else "FAIL"
        over |= result == "FAIL"
        note = f"  ({len(weight.failed)} failed: {', '.join(map(str, weight.failed))})" if weight.failed else ""
        print(f"{name:<{width}}  {weight.requests:>8}  {weight.compressed:>10}  {kilobytes:>14.1f}  "
              f"{weight.uncompressed / 1024:>15.1f}  {result}{note}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
