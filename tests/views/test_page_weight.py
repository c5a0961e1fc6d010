"""Any young person's page weighs at most 30 KB on a first visit (DESIGN.md §4), symbols, illustrations and
glossary included: the page and everything it links to (styles, scripts, icon), gzipped, plus headers.

benchmarks/page_weight.py measures the same in Chromium over the wire; this is the quick check on every run.
"""

import gzip
import re

import pytest

from tests.conftest import csrf_from
from tests.consultation_steps import start

BUDGET = 30 * 1024
HEADERS = 600  # bytes of response headers per request, generously (the benchmark counts the real ones)


def first_visit(client, url):
    """Bytes a phone downloads for this page and what it links to, each gzipped, with headers."""
    html = client.get(url).get_data()
    total = len(gzip.compress(html, 9)) + HEADERS
    for asset in set(re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)):
        total += len(gzip.compress(client.get(asset.decode()).get_data(), 9)) + HEADERS
    return total


@pytest.fixture
def pages(client, signed_in, world):
    signed_in("demo-child")
    question = start(client)
    return ["/home", "/have-your-say", question, question.rsplit("/questions/", 1)[0] + "/check", "/get-support",
            "/review-letters", "/tell-the-council", "/get-help", "/account/pictures"]


def test_every_young_persons_page_is_at_most_30_kb_on_a_first_visit(client, pages):
    weights = {url: first_visit(client, url) for url in pages}
    assert {url: weight for url, weight in weights.items() if weight > BUDGET} == {}, weights


def test_picture_mode_pages_for_a_6_year_old_stay_within_30_kb(client, signed_in, world):
    signed_in("demo-carer")
    helping = client.get("/have-your-say/helping")
    question = client.post(f"/have-your-say/helping/{world['yp:Sam']}", data={"csrf_token": csrf_from(helping)})
    url = question.headers["Location"]
    assert '<body class="pictures"' in client.get(url).get_data(as_text=True)
    assert first_visit(client, url) <= BUDGET
