"""axe-core finds no accessibility problem on the figures page, the annual report and a service manager's caseload.

Checked in Chromium at a phone viewport, in English and in Arabic (right to left), with two years of
demo history loaded so that every table and chart has numbers.
"""

import pytest
from playwright.sync_api import expect

from portal import demo
from tests.browser.conftest import axe_violations, choose_language

pytestmark = pytest.mark.browser

PAGES = [
    ("figures", "/figures", 200),
    ("figures-other-period", "/figures?start=2025-04-01&end=2025-09-30", 200),
    ("figures-bad-date", "/figures?start=2025-02-30&end=2025-03-31", 400),
    ("annual-report", "/figures/annual-report", 200),
    ("caseload", "/caseload", 200),
]


@pytest.fixture(scope="module")
def with_history(live_server):
    with live_server.app.app_context():
        demo.load_history()
    return live_server


@pytest.mark.page_markup
@pytest.mark.parametrize("name,path,status", PAGES, ids=[name for name, _path, _status in PAGES])
@pytest.mark.parametrize("locale", ["en", "ar"])
def test_a_service_managers_figures_pages_have_no_accessibility_violations(open_page, with_history, name, path, status,
                                                                         locale):
    page = open_page("demo-manager")
    page.goto(with_history.url + "/home")
    if page.locator("html").get_attribute("lang") != locale:
        choose_language(page, locale)
    response = page.goto(with_history.url + path)
    assert response.status == status
    expect(page.locator("h1")).to_have_count(1)
    if name in ("figures", "annual-report"):
        expect(page.locator("table").first).to_be_visible()
    results = axe_violations(page)
    assert results.violations_count == 0, f"axe found violations on {path} [{locale}]:\n{results.generate_report()}"
