import pytest
from tests.browser.conftest import axe_violations, choose_language

PAGES = [("demo-child", p) for p in ["/get-support", "/get-support/advocate", "/my-requests", "/review-letters", "/my-shared-words", "/tell-the-council", "/you-said-we-did"]] + \
        [("demo-carer", p) for p in ["/get-support/for/3", "/my-requests", "/review-letters"]] + \
        [("demo-advocacy", "/support-requests")] + \
        [("demo-council", p) for p in ["/council", "/council/campaigns", "/council/quotes", "/council/updates", "/council/moderation", "/council/campaigns/new"]] + \
        [("demo-iro", p) for p in ["/letters", "/my-requests"]] + \
        [("demo-admin", p) for p in ["/admin/outbox", "/admin/council-permissions", "/admin/council-themes", "/admin/council-themes/new", "/letters"]]

@pytest.mark.parametrize("locale", ["en", "ar"])
def test_probe(open_page, live_server, locale):
    pages = {}
    for who, path in PAGES:
        if who not in pages:
            pages[who] = open_page(who)
            pages[who].goto(live_server.url + "/get-help")
            choose_language(pages[who], locale)
        page = pages[who]
        r = page.goto(live_server.url + path)
        res = axe_violations(page)
        print("PROBE", locale, who, path, r.status, page.locator("html").get_attribute("lang"), res.violations_count)
        if res.violations_count:
            print(res.generate_report())
