"""Get support, as the young person, a carer and an IRO use it: ask, check, send, follow, stop."""

import re
import threading
from datetime import timedelta

from sqlalchemy import delete, func, select

from portal.dates import format_date
from portal.extensions import db
from portal.models import AuditEvent, Organisation, OrganisationKind, SupportRequest, User, YoungPerson
from portal.models.support import SupportKind
from portal.support import services
from tests.conftest import csrf_from, sign_in
from tests.support_requests import make_request, outbox, stored

TOKEN = re.compile(r'name="token" type="hidden" value="([^"]+)"')


def _open_form(client, url):
    page = client.get(url)
    body = page.get_data(as_text=True)
    return page, {"csrf_token": csrf_from(page), "token": TOKEN.search(body).group(1)}


def _ask(client, url, **answers):
    """Fill in the form, press Continue, then Send; returns (check page, response to Send)."""
    _page, hidden = _open_form(client, url)
    data = {**hidden, **answers, "step": "check"}
    check = client.post(url, data=data)
    return check, client.post(url, data={**data, "step": "send"})


def _requests(app):
    with app.app_context():
        return db.session.scalars(select(SupportRequest).order_by(SupportRequest.id)).all()


def _as(app, username):
    """A fresh client signed in as someone else."""
    client = app.test_client()
    assert sign_in(client, username).status_code == 303
    return client


def _text(response):
    # <bdi> isolates a name inside a sentence: it is read as part of the sentence, not as a break in it.
    text = re.sub(r"</?bdi>", "", response.get_data(as_text=True))
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def test_the_young_persons_home_leads_to_get_support(signed_in, check_page):
    client = signed_in("demo-child-2")
    home = client.get("/home")
    assert 'href="/get-support"' in home.get_data(as_text=True)
    page = check_page(client.get("/get-support"))
    assert page.h1 == "Get support"
    text = _text(client.get("/get-support"))
    assert "An advocate is on your side." in text
    assert "An Independent Visitor is a volunteer who visits you" in text
    assert "You can ask even if none of these sound like you." in text  # guidance, never a barrier


def test_a_young_person_asks_for_an_independent_visitor_in_a_few_taps(app, world, signed_in, check_page):
    client = signed_in("demo-child-2")
    page = check_page(client.get("/get-support/independent-visitor"))
    assert page.h1 == "Ask for an Independent Visitor"
    body = client.get("/get-support/independent-visitor").get_data(as_text=True)
    with app.test_request_context():
        review_day = services.next_review_day(db.session.get(YoungPerson, world["yp:Jordan"]))
        when = format_date(review_day, "full")
    assert when.startswith(f"{review_day:%A} {review_day.day} {review_day:%B}")  # the British way, for a child
    assert f"I need this before my review on {when}" in body
    assert 'name="reason"' not in body  # no reasons to give for a visitor

    _page, hidden = _open_form(client, "/get-support/independent-visitor")
    answers = {**hidden, "details": "I like football and drawing.", "contact": ["text", "carer"],
               "contact_details": "07700 900123", "contact_when": "After school", "before_review": "y"}
    check = client.post("/get-support/independent-visitor", data={**answers, "step": "check"})
    assert check_page(check).h1 == "Check and send"
    text = _text(check)
    for shown in ("An Independent Visitor", "I like football and drawing.", "A text message", "Through my carer",
                  "07700 900123", "After school", "I need this before my review on"):
        assert shown in text
    assert _requests(app) == []  # nothing is sent until Send

    # Send carries exactly what was checked (the check page holds it in hidden fields).
    carried = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', check.get_data(as_text=True)))
    assert carried["details"] == "I like football and drawing." and carried["before_review"] == "y"
    sent = client.post("/get-support/independent-visitor", data={**answers, "step": "send"})
    assert sent.status_code == 303
    (saved,) = _requests(app)
    assert sent.headers["Location"] == f"/my-requests/{saved.id}"
    assert (saved.kind, saved.status, saved.details, saved.contact_methods, saved.contact_details, saved.contact_when) == (
        "independent_visitor", "sent", "I like football and drawing.", "text,carer", "07700 900123", "After school")
    assert saved.before_review_on == review_day
    assert (saved.requested_by_id, saved.on_behalf, saved.urgent) == (world["demo-child-2"], False, False)
    with app.app_context():
        visitors = db.session.scalar(select(Organisation).where(Organisation.kind == OrganisationKind.INDEPENDENT_VISITOR))
        assert saved.organisation_id == visitors.id
    # The service's contact address is told, in the same transaction; SMTP is not touched here.
    assert outbox(app) == [("support_new_request", "visitors@example.org", "pending")]

    request_page = client.get(sent.headers["Location"])
    assert check_page(request_page).h1 == "Request for an Independent Visitor"
    text = _text(request_page)
    assert "Your request has been sent." in text
    assert "You asked for this. It was sent to Demo Independent Visitor Service." in text
    assert "Demo Independent Visitor Service should tell you they have seen it by" in text
    assert check_page(client.get("/my-requests")).h1 == "My requests"
    assert "Sent" in _text(client.get("/my-requests"))


def test_pressing_send_twice_makes_one_request(app, world, signed_in):
    client = signed_in("demo-child")
    _page, hidden = _open_form(client, "/get-support/advocate")
    data = {**hidden, "reason": "complaint", "step": "send"}
    first = client.post("/get-support/advocate", data=data)
    second = client.post("/get-support/advocate", data=data)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert len(_requests(app)) == 1
    assert len(outbox(app)) == 1
    assert "This request had already been sent. Here it is." in _text(client.get(second.headers["Location"]))


def test_the_same_form_sent_twice_at_the_same_moment_makes_one_request(app, world):
    """Two workers handling the two taps at once (each with its own database session)."""
    token = services.new_token()
    results, barrier = [], threading.Barrier(2)

    def send():
        with app.app_context():
            requester = db.session.get(User, world["demo-child"])
            person = db.session.get(YoungPerson, world["yp:Alex"])
            barrier.wait()
            support_request, created = services.create_request(requester, person, SupportKind.ADVOCATE, token)
            results.append((support_request.id, created))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(created for _id, created in results) == [False, True]
    assert len({request_id for request_id, _created in results}) == 1
    assert len(_requests(app)) == 1
    assert len(outbox(app)) == 1


def test_an_advocate_request_records_the_reason(app, world, signed_in, check_page):
    client = signed_in("demo-child")
    body = client.get("/get-support/advocate").get_data(as_text=True)
    for reason in ("Having my say at my review", "Making a complaint", "Moving home", "Seeing my family", "Leaving care",
                   "Something else"):
        assert reason in body
    check, sent = _ask(client, "/get-support/advocate", reason="family")
    assert "Seeing my family" in _text(check)
    assert sent.status_code == 303
    (saved,) = _requests(app)
    assert (saved.kind, saved.reason, saved.details, saved.contact_methods) == ("advocate", "family", None, "")
    assert "Seeing my family" in _text(client.get(sent.headers["Location"]))


def test_every_question_can_be_skipped(app, world, signed_in):
    _check, sent = _ask(signed_in("demo-child"), "/get-support/advocate")
    assert sent.status_code == 303
    assert _requests(app)[0].reason is None


def test_a_made_up_reason_or_contact_is_refused(app, world, signed_in, check_page):
    client = signed_in("demo-child")
    _check, sent = _ask(client, "/get-support/advocate", reason="money")
    check_page(sent, status=400)
    _check, sent = _ask(client, "/get-support/advocate", contact=["pigeon"])
    check_page(sent, status=400)
    assert _requests(app) == []


def test_too_long_a_message_is_refused_and_kept(app, world, signed_in, check_page):
    client = signed_in("demo-child")
    long_text = "Words that matter. " * 106  # 2,014 characters
    _page, hidden = _open_form(client, "/get-support/advocate")
    response = client.post("/get-support/advocate", data={**hidden, "details": long_text, "step": "check"})
    page = check_page(response, status=400)
    assert page.title_text.startswith("Error: Ask for an advocate")
    body = response.get_data(as_text=True)
    assert "This is longer than 2,000 characters. Make it a little shorter: nothing you wrote has been lost." in body
    assert long_text.strip() in body
    assert hidden["token"] in body  # the same form: sending it later still makes one request
    # Pressing Send on a tampered page is refused the same way.
    response = client.post("/get-support/advocate", data={**hidden, "details": long_text, "step": "send"})
    check_page(response, status=400)
    assert _requests(app) == []


def test_change_something_goes_back_to_the_form_with_the_answers(app, world, signed_in, check_page):
    client = signed_in("demo-child")
    _page, hidden = _open_form(client, "/get-support/advocate")
    response = client.post("/get-support/advocate", data={**hidden, "details": "Change me", "contact": ["iro"],
                                                          "step": "change"})
    page = check_page(response)
    assert page.h1 == "Ask for an advocate"
    body = response.get_data(as_text=True)
    assert "Change me</textarea>" in body
    assert re.search(r'<input[^>]*checked[^>]*value="iro"|<input[^>]*value="iro"[^>]*checked', body)


def test_words_that_suggest_risk_show_help_now_and_mark_the_request_urgent(app, world, signed_in, check_page):
    client = signed_in("demo-child")
    _check, sent = _ask(client, "/get-support/advocate", details="I am scared to go home")
    assert _requests(app)[0].urgent is True
    text = _text(client.get(sent.headers["Location"]))
    assert "If you are not safe right now" in text and "0800 1111" in text
    service = _as(app, "demo-advocacy")
    assert "Act today: may not be safe" in _text(service.get("/support-requests"))
    page = service.get(sent.headers["Location"].replace("/my-requests/", "/support-requests/"))
    check_page(page)
    assert "Follow your safeguarding procedure today." in _text(page)


def test_no_review_planned_means_no_review_question(app, world, signed_in):
    with app.app_context():
        from portal.models import Review

        # Only the planned ones: the demo also has reviews of Alex held months ago.
        db.session.execute(delete(Review).where(Review.young_person_id == world["yp:Alex"], Review.held_on.is_(None)))
        db.session.commit()
    body = signed_in("demo-child").get("/get-support/advocate").get_data(as_text=True)
    assert "before my review" not in body


def test_a_carer_asks_on_behalf_of_sam_with_sams_agreement(app, world, signed_in, check_page):
    client = signed_in("demo-carer")
    home = client.get("/home").get_data(as_text=True)
    assert f'href="/get-support/for/{world["yp:Sam"]}"' in home
    start = client.get(f"/get-support/for/{world['yp:Sam']}")
    assert check_page(start).h1 == "Get support for Sam"
    url = f"/get-support/for/{world['yp:Sam']}/advocate"
    form = client.get(url)
    assert check_page(form).h1 == "Ask for an advocate for Sam"
    assert "Seeing their family" in form.get_data(as_text=True)

    _check, refused = _ask(client, url, reason="family")
    check_page(refused, status=400)
    assert "Only ask if the young person agreed. Tick the box to say that they did." in _text(refused)
    assert _requests(app) == []

    check, sent = _ask(client, url, reason="family", agreed="y", contact=["carer"])
    assert "Sam knows about this request and agreed to it" in _text(check)
    assert sent.status_code == 303
    (saved,) = _requests(app)
    assert (saved.young_person_id, saved.requested_by_id, saved.on_behalf, saved.young_person_agreed) == (
        world["yp:Sam"], world["demo-carer"], True, True)
    # Sam has no account: only the service is told.
    assert outbox(app) == [("support_new_request", "advocacy@example.org", "pending")]
    text = _text(client.get(sent.headers["Location"]))
    assert "You asked for this for Sam, with their agreement." in text
    assert "For Sam" in _text(client.get("/my-requests"))


def test_a_young_person_sees_what_their_carer_asked_for_them(app, world, signed_in):
    request_id = make_request(app, world, "demo-carer", "Jordan", SupportKind.INDEPENDENT_VISITOR)
    # Jordan has an account (without an email address): the notification is kept, marked as having nowhere to go.
    assert outbox(app) == [("support_new_request", "visitors@example.org", "pending"),
                           ("support_status_changed", "demo-child-2", "no_address")]
    client = signed_in("demo-child-2")
    assert f"/my-requests/{request_id}" in client.get("/my-requests").get_data(as_text=True)
    text = _text(client.get(f"/my-requests/{request_id}"))
    assert "Morgan Ellis asked for this for you, and said that you agreed." in text


def test_an_iro_asks_from_the_young_persons_record(app, world, signed_in, check_page):
    client = signed_in("demo-iro")
    record = client.get(f"/caseload/{world['yp:Alex']}").get_data(as_text=True)
    assert f'href="/get-support/for/{world["yp:Alex"]}"' in record
    _check, sent = _ask(client, f"/get-support/for/{world['yp:Alex']}/independent-visitor", agreed="y")
    assert sent.status_code == 303
    (saved,) = _requests(app)
    assert (saved.requested_by_id, saved.on_behalf) == (world["demo-iro"], True)
    page = client.get(sent.headers["Location"])
    check_page(page)
    with app.app_context():  # an IRO reading a young person's request is audited
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.subject == "support_request", AuditEvent.actor_id == world["demo-iro"])) == 1
    assert f"/my-requests/{saved.id}" in _as(app, "demo-child").get("/my-requests").get_data(as_text=True)
    assert 'href="/my-requests"' in client.get("/home").get_data(as_text=True)


def _service_post(client, request_id, action, **data):
    page = client.get(f"/support-requests/{request_id}")
    return client.post(f"/support-requests/{request_id}/{action}", data={"csrf_token": csrf_from(page), **data})


def test_the_service_moves_a_request_along_and_the_young_person_sees_each_step(app, world, signed_in, check_page):
    request_id = make_request(app, world, "demo-child-2", "Jordan", SupportKind.INDEPENDENT_VISITOR)
    service = signed_in("demo-visitor")
    listing = service.get("/support-requests")
    assert check_page(listing).h1 == "Requests for support"
    assert "Acknowledge by" in _text(listing)
    page = service.get(f"/support-requests/{request_id}")
    assert check_page(page).h1 == "Request from Jordan"

    assert _service_post(service, request_id, "acknowledge", acknowledge_note="We will call your carer.").status_code == 303
    assert "Done. The young person can see that you have seen their request." in _text(service.get(f"/support-requests/{request_id}"))
    assert stored(app, request_id).status == "acknowledged"

    refused = _service_post(service, request_id, "allocate", allocate_name="")
    check_page(refused, status=400)
    assert "Enter the first name of the person you have found" in _text(refused)
    assert _service_post(service, request_id, "allocate", allocate_name="Chris").status_code == 303
    assert _service_post(service, request_id, "note", note_text="Chris will visit on Saturday.").status_code == 303
    assert _service_post(service, request_id, "close", close_note="Enjoy!").status_code == 303

    saved = stored(app, request_id)
    assert (saved.status, saved.allocated_name) == ("closed", "Chris")
    assert [event.kind for event in saved.events] == ["sent", "acknowledged", "allocated", "note", "closed"]
    # Every step told Jordan (no email address, so each is kept as having nowhere to go) and nobody else.
    assert outbox(app)[1:] == [("support_status_changed", "demo-child-2", "no_address")] * 4

    child = _as(app, "demo-child-2")
    page = child.get(f"/my-requests/{request_id}")
    check_page(page)
    text = _text(page)
    for step in ("Demo Independent Visitor Service has seen the request.", "We will call your carer.",
                 "Demo Independent Visitor Service has found an Independent Visitor: Chris.",
                 "A message from Demo Independent Visitor Service: Chris will visit on Saturday.",
                 "Demo Independent Visitor Service says this support has finished.", "Enjoy!", "Finished"):
        assert step in text
    assert " at " in text  # each step has its time
    assert "Stop this request" not in text


def test_a_step_that_was_already_taken_is_not_taken_twice(app, world, signed_in):
    request_id = make_request(app, world, "demo-child", "Alex")
    service = signed_in("demo-advocacy")
    assert _service_post(service, request_id, "acknowledge").status_code == 303
    again = _service_post(service, request_id, "acknowledge")
    assert again.status_code == 303
    assert "That was not done, because the request had already moved on." in _text(service.get(again.headers["Location"]))
    assert [event.kind for event in stored(app, request_id).events] == ["sent", "acknowledged"]
    # Closing straight from "sent" is not a step either.
    other = make_request(app, world, "demo-child", "Alex")
    _service_post(service, other, "close")
    assert stored(app, other).status == "sent"


def test_declining_says_why(app, world, signed_in, check_page):
    request_id = make_request(app, world, "demo-child", "Alex")
    service = signed_in("demo-advocacy")
    check_page(_service_post(service, request_id, "decline"), status=400)
    assert _service_post(service, request_id, "decline", decline_reason="We only work with over 16s. Ask your IRO.").status_code == 303
    text = _text(_as(app, "demo-child").get(f"/my-requests/{request_id}"))
    assert "Demo Advocacy Service cannot help with this request. They said why: We only work with over 16s. Ask your IRO." in text
    assert "The service cannot help" in text


def test_the_young_person_can_stop_a_request(app, world, signed_in, check_page):
    request_id = make_request(app, world, "demo-child", "Alex")
    client = signed_in("demo-child")
    page = client.get(f"/my-requests/{request_id}/withdraw")
    assert check_page(page).h1 == "Stop this request?"
    assert client.get(f"/my-requests/{request_id}/withdraw").status_code == 200
    assert stored(app, request_id).status == "sent"  # asking to make sure changes nothing
    response = client.post(f"/my-requests/{request_id}/withdraw", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 303
    assert stored(app, request_id).status == "withdrawn"
    assert outbox(app)[-1] == ("support_request_withdrawn", "advocacy@example.org", "pending")
    text = _text(client.get(f"/my-requests/{request_id}"))
    assert "You stopped this request." in text and "Stop this request" not in text.replace("You stopped this request.", "")
    again = client.get(f"/my-requests/{request_id}/withdraw")
    assert again.status_code == 303
    service = _as(app, "demo-advocacy")
    assert "Alex stopped this request." in _text(service.get(f"/support-requests/{request_id}"))


def test_a_request_needs_a_post_to_change(app, world, signed_in):
    request_id = make_request(app, world, "demo-child", "Alex")
    service = signed_in("demo-advocacy")
    assert service.get(f"/support-requests/{request_id}/acknowledge").status_code == 405
    assert service.post(f"/support-requests/{request_id}/acknowledge").status_code == 400  # no CSRF token
    assert stored(app, request_id).status == "sent"


def _age(app, request_id, days):
    """Make a request look as if it was sent `days` calendar days ago."""
    with app.app_context():
        support_request = db.session.get(SupportRequest, request_id)
        sent_at = support_request.created_at - timedelta(days=days)
        support_request.created_at = sent_at
        support_request.acknowledge_by, support_request.allocate_by = services.due_dates(services.local_day(sent_at))
        db.session.commit()


def test_the_oldest_unacknowledged_request_comes_first_and_late_ones_are_marked(app, world, signed_in, check_page):
    newest = make_request(app, world, "demo-child", "Alex", details="newest")
    late = make_request(app, world, "demo-carer", "Sam")
    acknowledged = make_request(app, world, "demo-child", "Alex")
    _age(app, late, 10)
    _age(app, acknowledged, 20)
    service = signed_in("demo-advocacy")
    _service_post(service, acknowledged, "acknowledge")

    listing = service.get("/support-requests")
    check_page(listing)
    body = listing.get_data(as_text=True)
    order = [int(found) for found in re.findall(r'href="/support-requests/(\d+)"', body)]
    assert order == [late, newest, acknowledged]
    rows = body.split("<tr>")[2:]
    assert "Overdue" in rows[0] and "Overdue" not in rows[1] and "Overdue" in rows[2]
    assert "Show only the 2 overdue requests" in _text(listing)

    only_late = service.get("/support-requests?show=overdue")
    check_page(only_late)
    assert [int(found) for found in re.findall(r'href="/support-requests/(\d+)"', only_late.get_data(as_text=True))] == [
        late, acknowledged]
    page = service.get(f"/support-requests/{late}")
    assert "Overdue: this request should have been acknowledged by" in _text(page)

    admin = _as(app, "demo-admin")
    assert "Show only the 2 overdue requests" in _text(admin.get("/support-requests"))


def test_a_request_with_no_service_configured_is_kept_and_shown_to_admins(app, world, signed_in, check_page):
    with app.app_context():
        db.session.execute(delete(User).where(User.username == "demo-visitor"))
        db.session.execute(delete(Organisation).where(Organisation.kind == OrganisationKind.INDEPENDENT_VISITOR))
        db.session.commit()
    child = signed_in("demo-child")
    _check, sent = _ask(child, "/get-support/independent-visitor")
    (saved,) = _requests(app)
    assert saved.organisation_id is None
    assert outbox(app) == []
    text = _text(child.get(sent.headers["Location"]))
    assert "Your request has been saved. It will go to the right service as soon as one is set up." in text
    assert "It is saved until the right service is set up." in text

    admin = _as(app, "demo-admin")
    assert "No service configured" in _text(admin.get("/support-requests"))
    page = admin.get(f"/support-requests/{saved.id}")
    check_page(page)
    assert "Send it to" not in _text(page)  # nowhere to send it yet

    with app.app_context():
        db.session.add(Organisation(name="New Visitors", kind=OrganisationKind.INDEPENDENT_VISITOR, email="new@example.org"))
        db.session.commit()
    page = admin.get(f"/support-requests/{saved.id}")
    assert "Send it to New Visitors" in _text(page)
    response = admin.post(f"/support-requests/{saved.id}/send-to-service", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 303
    assert stored(app, saved.id).organisation.name == "New Visitors"
    assert outbox(app) == [("support_new_request", "new@example.org", "pending")]
    assert "It was sent to New Visitors." in _text(child.get(sent.headers["Location"]))


def test_the_service_page_is_audited_and_the_list_is_not(app, world, signed_in):
    request_id = make_request(app, world, "demo-child", "Alex")
    service = signed_in("demo-advocacy")
    service.get("/support-requests")
    service.get(f"/support-requests/{request_id}")
    with app.app_context():
        events = db.session.execute(select(AuditEvent.actor_id, AuditEvent.young_person_id, AuditEvent.subject,
                                           AuditEvent.subject_id)).all()
    assert events == [(world["demo-advocacy"], world["yp:Alex"], "support_request", request_id)]


def test_the_service_sees_how_to_reach_the_young_person(app, world, signed_in):
    request_id = make_request(app, world, "demo-child", "Alex", methods=["iro", "phone"], contact_details="07700 900456")
    page = signed_in("demo-advocacy").get(f"/support-requests/{request_id}")
    text = _text(page)
    assert "Priya Shah, 01632 960 001 , iro@example.org" in text  # the number is a link, kept left to right
    assert '<bdi dir="ltr"><a class="phone" href="tel:01632960001">01632 960 001</a></bdi>' in page.get_data(as_text=True)
    assert "07700 900456" in text and "A phone call" in text
    assert "Alex, for themselves" in text


def test_the_service_home_links_to_its_requests(signed_in):
    assert 'href="/support-requests"' in signed_in("demo-visitor").get("/home").get_data(as_text=True)


def test_a_stale_page_keeps_what_was_typed_and_still_sends_once(app, world, signed_in, check_page):
    client = signed_in("demo-child")
    _page, hidden = _open_form(client, "/get-support/advocate")
    typed = {"token": hidden["token"], "details": "Please help me with my review", "step": "check"}
    response = client.post("/get-support/advocate", data={**typed, "csrf_token": "stale"})
    check_page(response, status=400)
    body = response.get_data(as_text=True)
    assert "Please help me with my review</textarea>" in body
    assert hidden["token"] in body
    resent = {**typed, "csrf_token": csrf_from(response), "step": "send"}
    assert client.post("/get-support/advocate", data=resent).status_code == 303
    assert client.post("/get-support/advocate", data=resent).status_code == 303
    assert len(_requests(app)) == 1


def test_the_pages_work_in_arabic(app, world, signed_in, check_page):
    request_id = make_request(app, world, "demo-child-2", "Jordan", SupportKind.INDEPENDENT_VISITOR)
    client = signed_in("demo-child-2")
    client.post("/language", data={"locale": "ar", "next": "/home", "csrf_token": csrf_from(client.get("/get-help"))})
    for url in ("/get-support", "/get-support/independent-visitor", "/my-requests", f"/my-requests/{request_id}",
                f"/my-requests/{request_id}/withdraw"):
        check_page(client.get(url), locale="ar")
    service = _as(app, "demo-visitor")
    service.post("/language", data={"locale": "ar", "next": "/home", "csrf_token": csrf_from(service.get("/get-help"))})
    for url in ("/support-requests", f"/support-requests/{request_id}"):
        check_page(service.get(url), locale="ar")
