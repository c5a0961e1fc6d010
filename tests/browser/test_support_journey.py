"""Get support in real Chromium on a phone: Jordan (9) asks for an Independent Visitor, the service
acknowledges and allocates, and Jordan sees each step; a carer asks on behalf of Sam. axe-core checks
every screen, in English and in Arabic."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import SupportRequest
from tests.browser.conftest import assert_accessible, choose_language

pytestmark = pytest.mark.browser




def _count_requests(live_server, young_person):
    with live_server.app.app_context():
        return db.session.scalar(select(func.count(SupportRequest.id)).where(
            SupportRequest.young_person_id == live_server.ids[young_person]))


def test_jordan_asks_for_an_independent_visitor_and_sees_each_step(open_page, live_server):
    base = live_server.url
    child = open_page("demo-child-2")
    child.goto(f"{base}/home")
    child.get_by_role("link", name="Ask for an advocate or an Independent Visitor, and see your requests").click()
    expect(child.locator("h1")).to_have_text("Get support")
    assert_accessible(child, "get support")

    child.get_by_role("link", name="Ask for an Independent Visitor").click()
    expect(child.locator("h1")).to_have_text("Ask for an Independent Visitor")
    assert_accessible(child, "ask for an Independent Visitor")
    child.get_by_label("Is there anything you want them to know? (optional)").fill("I like drawing and football.")
    child.get_by_label("A text message").check()
    child.get_by_label("Through my carer").check()
    child.get_by_label("When is a good time to get in touch? (optional)").fill("After school")
    child.get_by_label(re.compile(r"^I need this before my review on ")).check()
    child.get_by_role("button", name="Continue").click()

    expect(child.locator("h1")).to_have_text("Check and send")
    expect(child.locator("main")).to_contain_text("I like drawing and football.")
    expect(child.locator("main")).to_contain_text("Through my carer")
    assert_accessible(child, "check and send")
    child.get_by_role("button", name="Send", exact=True).click()

    expect(child.locator("h1")).to_have_text("Request for an Independent Visitor")
    expect(child.get_by_role("status").first).to_have_text("Your request has been sent.")
    expect(child.locator(".status-line")).to_have_text("Sent")
    expect(child.locator(".timeline")).to_contain_text("You asked for this. It was sent to Demo Independent Visitor Service.")
    assert_accessible(child, "the request, sent")
    request_url = child.url

    # The Independent Visitor service, on its own laptop (here: another phone).
    service = open_page("demo-visitor")
    service.goto(f"{base}/home")
    service.get_by_role("link", name="Requests for your service").click()
    expect(service.locator("h1")).to_have_text("Requests for support")
    assert_accessible(service, "the service's list")
    service.get_by_role("link", name="Jordan", exact=True).first.click()
    expect(service.locator("h1")).to_have_text("Request from Jordan")
    expect(service.locator("main")).to_contain_text("I like drawing and football.")
    assert_accessible(service, "the service's request page")
    service.get_by_label("A note for the young person (optional)").fill("Hello Jordan! We will ring your carer this week.")
    service.get_by_role("button", name="Acknowledge the request").click()
    expect(service.locator(".banner--success")).to_contain_text("Done.")

    child.reload()
    expect(child.locator(".status-line")).to_have_text("Seen by the service")
    expect(child.locator(".timeline")).to_contain_text("Demo Independent Visitor Service has seen the request.")
    expect(child.locator(".timeline")).to_contain_text("Hello Jordan! We will ring your carer this week.")
    assert_accessible(child, "the request, acknowledged")

    service.get_by_label("First name of the advocate or visitor").fill("Chris")
    service.get_by_role("button", name="Tell them who it is").click()
    expect(service.locator(".banner--success")).to_contain_text("first name of the person you found")
    assert_accessible(service, "the service's request page, allocated")

    child.reload()
    expect(child.locator(".status-line")).to_have_text("Someone has been found")
    expect(child.locator("main")).to_contain_text("The Independent Visitor is Chris.")
    expect(child.locator(".timeline")).to_contain_text(
        "Demo Independent Visitor Service has found an Independent Visitor: Chris.")
    expect(child.locator(".timeline li")).to_have_count(3)
    assert_accessible(child, "the request, allocated")

    child.goto(f"{base}/my-requests")
    expect(child.locator("main")).to_contain_text("Someone has been found")
    assert_accessible(child, "my requests")

    # The same screens in Arabic, right to left (the language is saved on Jordan's account).
    child.goto(request_url)
    choose_language(child, "ar")
    try:
        for path in (request_url.removeprefix(base), "/my-requests", "/get-support", "/get-support/independent-visitor"):
            child.goto(base + path)
            expect(child.locator("html")).to_have_attribute("dir", "rtl")
            assert_accessible(child, f"{path} in Arabic")
    finally:
        choose_language(child, "en")


def test_a_carer_asks_for_an_advocate_on_behalf_of_sam(open_page, live_server):
    base = live_server.url
    carer = open_page("demo-carer")
    carer.goto(f"{base}/home")
    carer.get_by_role("link", name="Ask for an advocate or an Independent Visitor for Sam").click()
    expect(carer.locator("h1")).to_have_text("Get support for Sam")
    assert_accessible(carer, "get support for Sam")
    carer.get_by_role("link", name="Ask for an advocate").click()
    expect(carer.locator("h1")).to_have_text("Ask for an advocate for Sam")
    assert_accessible(carer, "ask for an advocate for Sam")

    carer.get_by_label("Seeing their family").check()
    carer.get_by_role("button", name="Continue").click()
    expect(carer).to_have_title(re.compile(r"^Error: Ask for an advocate for Sam"))
    expect(carer.locator(".error-summary")).to_contain_text("Only ask if the young person agreed.")
    expect(carer.get_by_label("Seeing their family")).to_be_checked()  # nothing chosen is lost
    assert_accessible(carer, "ask for Sam, with an error")

    carer.get_by_label("Sam knows about this request and agreed to it").check()
    carer.get_by_role("button", name="Continue").click()
    expect(carer.locator("h1")).to_have_text("Check and send")
    assert_accessible(carer, "check and send for Sam")
    carer.get_by_role("button", name="Send", exact=True).click()
    expect(carer.locator(".timeline")).to_contain_text("You asked for this for Sam, with their agreement.")
    assert_accessible(carer, "the request for Sam")

    advocacy = open_page("demo-advocacy")
    advocacy.goto(f"{base}/support-requests")
    expect(advocacy.get_by_role("link", name="Sam", exact=True)).to_have_count(1)
    visitors = open_page("demo-visitor")
    visitors.goto(f"{base}/support-requests")
    expect(visitors.get_by_role("link", name="Sam", exact=True)).to_have_count(0)


def test_asking_works_without_javascript_and_a_double_tap_sends_once(open_page, live_server):
    base = live_server.url
    before = _count_requests(live_server, "Alex")
    child = open_page("demo-child", java_script_enabled=False)
    child.goto(f"{base}/get-support/advocate")
    child.get_by_label("Making a complaint").check()
    child.get_by_role("button", name="Continue").click()
    expect(child.locator("h1")).to_have_text("Check and send")
    child.get_by_role("button", name="Send", exact=True).dblclick()
    expect(child.locator("h1")).to_have_text("Request for an advocate")
    assert _count_requests(live_server, "Alex") == before + 1
