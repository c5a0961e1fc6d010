"""'We kept what you typed': kept only for a genuine submission, given back on the form's own page, once.

The walk sends every POST route's form, as it is on its page, after an idle timeout, then signs in again.
"""

import time
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from flask import g
from sqlalchemy import event, func, select, update
from werkzeug.datastructures import MultiDict

from portal.core.clock import local_today
from portal.extensions import db
from portal.forms import PortalForm
from portal.models import CareEpisode, KeptForm, LegalStatus, Review, ReviewRequest, SafetyFlag, YoungPerson
from portal.models.base import utcnow
from portal.records import services as records
from tests.access import ROLES
from tests.conftest import csrf_from, sign_in
from tests.escalations import demo_escalations
from tests.views.test_access_consultation import alex_consultation  # noqa: F401 (fixture)
from tests.views.test_access_letters import letters  # noqa: F401 (fixture)
from tests.views.test_access_support import requests_made  # noqa: F401 (fixture)
from tests.views.test_access_voice import voice_ids  # noqa: F401 (fixture)

PASSWORD = "demo-pass-2026"
NEW_PERSON = {"first_name": "Riley", "date_of_birth": "2014-03-02", "case_reference": "R-77"}

# Every POST route in url_map: (rule, who may use it, the page its form is on, the address the form is sent to).
# Pages and addresses use the {names} of the fixtures below.
POST_ROUTES = [
    ("/admin/council-permissions/<id:user_id>", "admin", "/admin/council-permissions",
     "/admin/council-permissions/{member}"),
    ("/admin/council-themes", "admin", "/admin/council-themes", "/admin/council-themes"),
    ("/admin/council-themes/new", "admin", "/admin/council-themes/new", "/admin/council-themes/new"),
    ("/admin/organisations", "admin", "/admin/organisations", "/admin/organisations"),
    ("/admin/outbox/<id:message_id>/retry", "admin", "/admin/outbox", "/admin/outbox/{message}/retry"),
    ("/admin/people/<id:user_id>/deactivate", "admin", "/admin/people", "/admin/people/{carer_2}/deactivate"),
    ("/admin/people/invite", "admin", "/admin/people/invite", "/admin/people/invite"),
    ("/admin/people/<id:user_id>/reset-two-step", "admin", "/admin/people", "/admin/people/{iro_user}/reset-two-step"),
    ("/account/password", "young_person", "/account/password", "/account/password"),
    ("/account/passkeys", "young_person", "/account", "/account/passkeys"),
    ("/account/passkeys/options", "young_person", "/account", "/account/passkeys/options"),  # sent by script
    ("/account/passkeys/<id:passkey_id>/remove", "young_person", "/account", "/account/passkeys/999999/remove"),
    ("/my-news", "young_person", "/my-news", "/my-news"),
    ("/account/pictures", "young_person", "/account/pictures", "/account/pictures"),
    ("/my-records/not-right", "young_person", "/my-records/not-right", "/my-records/not-right"),
    ("/how-was-your-review/<id:review_id>", "young_person", "/how-was-your-review/{feedback_review}",
     "/how-was-your-review/{feedback_review}"),
    ("/caseload/not-right/<id:correction_id>", "iro", "/caseload/not-right/{correction}",
     "/caseload/not-right/{correction}"),
    ("/translation-problem", "young_person", "/translation-problem", "/translation-problem"),
    ("/account/two-step", "iro", "/account/two-step", "/account/two-step"),
    ("/account/referred-as", "iro", "/account", "/account/referred-as"),
    ("/reset-codes/<id:user_id>", "iro", "/caseload/{alex}", "/reset-codes/{alex_user}"),
    ("/caseload/<id:young_person_id>/invite", "iro", "/caseload/{alex}/invite", "/caseload/{alex}/invite"),
    ("/caseload/<id:young_person_id>/reviews/new", "iro", "/caseload/{alex}/reviews/new",
     "/caseload/{alex}/reviews/new"),
    ("/caseload/<id:young_person_id>/episodes/new", "iro", "/caseload/{alex}/episodes/new",
     "/caseload/{alex}/episodes/new"),
    ("/caseload/<id:young_person_id>/episodes/end", "iro", "/caseload/{alex}/episodes/end",
     "/caseload/{alex}/episodes/end"),
    ("/caseload/<id:young_person_id>/midway-check", "iro", "/caseload/{alex}/midway-check",
     "/caseload/{alex}/midway-check"),
    ("/caseload/reviews/<id:review_id>/record", "iro", "/caseload/reviews/{held}/record",
     "/caseload/reviews/{held}/record"),
    ("/caseload/review-requests/<id:request_id>/answer", "iro", "/caseload/{alex}",
     "/caseload/review-requests/{sooner}/answer"),
    ("/my-review/sooner", "young_person", "/my-review/sooner", "/my-review/sooner"),
    ("/caseload/consultations/<id:consultation_id>/interpreter", "iro", "/caseload/consultations/{cid}",
     "/caseload/consultations/{cid}/interpreter"),
    ("/caseload/consultations/<id:consultation_id>/read", "iro", "/caseload/consultations/{cid}",
     "/caseload/consultations/{cid}/read"),
    ("/caseload/flags/<id:flag_id>", "iro", "/caseload/flags/{flag}", "/caseload/flags/{flag}"),
    ("/caseload/new", "iro", "/caseload/new", "/caseload/new"),
    ("/council-campaigns/<id:campaign_id>", "young_person", "/council-campaigns/{campaign}",
     "/council-campaigns/{campaign}"),
    ("/council/campaigns/<id:campaign_id>/close", "council", "/council/campaigns/{campaign}",
     "/council/campaigns/{campaign}/close"),
    ("/council/campaigns/new", "council", "/council/campaigns/new", "/council/campaigns/new"),
    ("/council/moderation/<string(length=22):token>", "council", "/council/moderation/{token}",
     "/council/moderation/{token}"),
    ("/council/updates", "council", "/council/updates", "/council/updates"),
    ("/council/updates/<id:update_id>/delete", "council", "/council/updates", "/council/updates/{update}/delete"),
    ("/escalations/young-people/<id:young_person_id>/new", "iro", "/escalations/young-people/{alex}/new",
     "/escalations/young-people/{alex}/new"),
    ("/escalations/<id:escalation_id>/response", "iro", "/escalations/{escalation}",
     "/escalations/{escalation}/response"),
    ("/escalations/<id:escalation_id>/next-stage", "iro", "/escalations/{escalation}",
     "/escalations/{escalation}/next-stage"),
    ("/escalations/<id:escalation_id>/close", "iro", "/escalations/{escalation}", "/escalations/{escalation}/close"),
    ("/exit", "young_person", "/home", "/exit"),
    ("/get-support/<any(advocate, 'independent-visitor'):kind>", "young_person", "/get-support/advocate",
     "/get-support/advocate"),
    ("/get-support/for/<id:young_person_id>/<any(advocate, 'independent-visitor'):kind>", "carer",
     "/get-support/for/{sam}/independent-visitor", "/get-support/for/{sam}/independent-visitor"),
    ("/have-your-say/<id:consultation_id>/check", "young_person", "/have-your-say/{cid}/check",
     "/have-your-say/{cid}/check"),
    ("/have-your-say/<id:consultation_id>/questions/<int:number>", "young_person",
     "/have-your-say/{cid}/questions/2", "/have-your-say/{cid}/questions/2"),
    ("/have-your-say/<id:consultation_id>/send", "young_person", "/have-your-say/{cid}/check",
     "/have-your-say/{cid}/send"),
    ("/have-your-say/<id:consultation_id>/topics", "young_person", "/have-your-say/{cid}/topics",
     "/have-your-say/{cid}/topics"),
    ("/have-your-say/<id:consultation_id>/sent", "young_person", "/have-your-say/{cid}/sent",
     "/have-your-say/{cid}/sent"),
    ("/have-your-say/<id:consultation_id>/stop-helping", "young_person", "/have-your-say/{cid}/check",
     "/have-your-say/{cid}/stop-helping"),
    ("/have-your-say/helping/<id:young_person_id>", "carer", "/have-your-say/helping", "/have-your-say/helping/{sam}"),
    ("/have-your-say/start", "young_person", "/have-your-say", "/have-your-say/start"),
    ("/keep-alive", "young_person", None, "/keep-alive"),  # sent by script, from no form
    ("/language", "young_person", "/home", "/language"),
    ("/letters/<id:letter_id>/edit", "iro", "/letters/{draft}/edit", "/letters/{draft}/edit"),
    ("/letters/<id:letter_id>/correct", "iro", "/letters/{published}", "/letters/{published}/correct"),
    ("/letters/<id:letter_id>/correction", "iro", "/letters/{correcting}/correction",
     "/letters/{correcting}/correction"),
    ("/letters/<id:letter_id>/translations/<language>", "iro", "/letters/{published}/translations/ti",
     "/letters/{published}/translations/ti"),
    ("/letters/<id:letter_id>/publish", "iro", "/letters/{draft}/preview", "/letters/{draft}/publish"),
    ("/letters/follow-ups/<id:response_id>", "iro", "/letters", "/letters/follow-ups/{follow_up}"),
    ("/letters/reviews/<id:review_id>/held", "iro", "/letters/young-people/{alex}", "/letters/reviews/{held}/held"),
    ("/letters/reviews/<id:review_id>/letter", "iro", "/letters/young-people/{alex}",
     "/letters/reviews/{held}/letter"),
    ("/my-requests/<id:request_id>/withdraw", "young_person", "/my-requests/{alex_request}/withdraw",
     "/my-requests/{alex_request}/withdraw"),
    ("/my-shared-words/<string(length=22):key>/withdraw", "young_person", "/my-shared-words",
     "/my-shared-words/{key}/withdraw"),
    ("/review-letters/<id:letter_id>/decisions/<id:decision_id>", "young_person", "/review-letters/{published}",
     "/review-letters/{published}/decisions/{decision}"),
    ("/review-letters/<id:letter_id>/language", "young_person", "/review-letters/{published}",
     "/review-letters/{published}/language"),
    ("/review-letters/sharing", "young_person", "/review-letters", "/review-letters/sharing"),
    ("/sign-out", "young_person", "/home", "/sign-out"),
    ("/support-requests/<id:request_id>/acknowledge", "advocacy", "/support-requests/{alex_request}",
     "/support-requests/{alex_request}/acknowledge"),
    ("/support-requests/<id:request_id>/allocate", "visitor", "/support-requests/{jordan_request}",
     "/support-requests/{jordan_request}/allocate"),
    ("/support-requests/<id:request_id>/close", "visitor", "/support-requests/{jordan_request}",
     "/support-requests/{jordan_request}/close"),
    ("/support-requests/<id:request_id>/decline", "advocacy", "/support-requests/{alex_request}",
     "/support-requests/{alex_request}/decline"),
    ("/support-requests/<id:request_id>/note", "advocacy", "/support-requests/{alex_request}",
     "/support-requests/{alex_request}/note"),
    ("/support-requests/<id:request_id>/send-to-service", "admin", "/support-requests/{alex_request}",
     "/support-requests/{alex_request}/send-to-service"),
    ("/tell-the-council", "young_person", "/tell-the-council", "/tell-the-council"),
]
# Forms for people who are not signed in: there is no session to time out.
PUBLIC_FORMS = {"/join", "/join/account", "/sign-in", "/sign-in/two-step", "/sign-in/two-step/set-up",
                "/forgot-password", "/forgot-password/staff", "/reset-password/<token>", "/sign-in/passkey/options",
                "/sign-in/passkey"}
# Forms with words to type: the walk fails unless the form is on its page and the words come back.
FREE_TEXT = {
    "/escalations/young-people/<id:young_person_id>/new", "/escalations/<id:escalation_id>/response",
    "/escalations/<id:escalation_id>/next-stage", "/escalations/<id:escalation_id>/close",
    "/admin/council-themes/new", "/admin/organisations", "/admin/people/invite", "/caseload/new",
    "/caseload/<id:young_person_id>/invite", "/caseload/<id:young_person_id>/episodes/end",
    "/caseload/review-requests/<id:request_id>/answer", "/my-review/sooner", "/caseload/flags/<id:flag_id>",
    "/council-campaigns/<id:campaign_id>", "/council/campaigns/new",
    "/council/moderation/<string(length=22):token>", "/council/updates",
    "/get-support/<any(advocate, 'independent-visitor'):kind>",
    "/get-support/for/<id:young_person_id>/<any(advocate, 'independent-visitor'):kind>",
    "/have-your-say/<id:consultation_id>/questions/<int:number>", "/letters/<id:letter_id>/edit",
    "/letters/<id:letter_id>/correction", "/letters/follow-ups/<id:response_id>",
    "/review-letters/<id:letter_id>/decisions/<id:decision_id>",
    "/support-requests/<id:request_id>/acknowledge", "/support-requests/<id:request_id>/allocate",
    "/support-requests/<id:request_id>/close", "/support-requests/<id:request_id>/decline",
    "/support-requests/<id:request_id>/note", "/tell-the-council",
}
TEXT_INPUTS = {"text", "search", "email", "tel", ""}


class _Forms(HTMLParser):
    """The POST forms of a page: their action and the fields a browser would send, words typed into the text."""

    def __init__(self, words):
        super().__init__(convert_charrefs=True)
        self.words, self.forms, self._form, self._textarea, self._select = words, [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = {"action": attrs.get("action"), "fields": [], "typed": False}
            self.forms.append(self._form)
        if self._form is None or not attrs.get("name"):
            return
        name, kind = attrs["name"], (attrs.get("type") or "").lower()
        fields = self._form["fields"]
        if tag == "textarea":
            fields.append((name, self.words))
            self._form["typed"] = True
        elif tag == "select":
            self._select = name
        elif tag == "input" and kind in TEXT_INPUTS:
            fields.append((name, self.words))
            self._form["typed"] = True
        elif tag == "input" and kind == "radio" and name not in {key for key, _value in fields}:
            fields.append((name, attrs.get("value", "on")))
        elif tag == "input" and kind == "checkbox" and "checked" in attrs:
            fields.append((name, attrs.get("value", "y")))
        elif tag == "input" and kind not in ("submit", "button", "radio", "checkbox"):
            fields.append((name, attrs.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def _forms(body, words):
    parser = _Forms(words)
    parser.feed(body)
    return parser.forms


def _go_idle(client, minutes=31):
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - minutes * 60


def _next_on_sign_in_page(body):
    return body.split('name="next" type="hidden" value="')[1].split('"')[0]


def _sign_in_again(client, username, next_page):
    page = client.get("/sign-in")
    return client.post("/sign-in", data={"username": username, "password": PASSWORD, "next": next_page,
                                         "csrf_token": csrf_from(page)})


def _kept_rows(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(KeptForm))


@pytest.fixture
def everything(app, world, alex_consultation, letters, requests_made, voice_ids):  # noqa: F811
    """The records every POST route's form needs, with Jordan's request acknowledged (to allocate or close)."""
    visitor = app.test_client()
    sign_in(visitor, "demo-visitor")
    url = f"/support-requests/{requests_made['jordan_request']}"
    response = visitor.post(f"{url}/acknowledge", data={"csrf_token": csrf_from(visitor.get(url))})
    assert response.status_code == 303
    # An urgent answer: the one thing the IRO may open (and act on) before Alex sends the form.
    alex = app.test_client()
    sign_in(alex, "demo-child")
    page = alex.get(f"/have-your-say/{alex_consultation}/questions/3")
    alex.post(f"/have-your-say/{alex_consultation}/questions/3",
              data={"csrf_token": csrf_from(page), "action": "save", "text": "he hits me"})
    with app.app_context():
        flag = db.session.scalar(select(SafetyFlag.id))
        # Alex's care episode, open (to end).
        db.session.add(CareEpisode(young_person_id=world["yp:Alex"], started_on=date(2025, 1, 6),
                                   legal_status=LegalStatus.CARE_ORDER))
        # Alex asked for a sooner review (to answer).
        sooner = ReviewRequest(young_person_id=world["yp:Alex"])
        db.session.add(sooner)
        db.session.commit()
        sooner = sooner.id
        escalation = demo_escalations(world)["jordan"]  # open, at stage 2, not answered yet
        # Alex says part of his record is not right (to answer).
        alex_record = db.session.get(YoungPerson, world["yp:Alex"])
        part = next(iter(records.RECORD_PARTS))
        correction = records.ask_for_correction(alex_record, records.Target(f"record-{part}", part, part), "Wrong school").id
        # A review of Alex's held 3 days ago (to say how it was).
        feedback_review = Review(young_person_id=alex_record.id, scheduled_for=utcnow() - timedelta(days=3),
                                 held_on=local_today() - timedelta(days=3))
        db.session.add(feedback_review)
        db.session.commit()
        feedback_review = feedback_review.id
    return {"feedback_review": feedback_review, **requests_made, **voice_ids, **letters, "cid": alex_consultation,
            "flag": flag, "sooner": sooner, "escalation": escalation, "alex_user": world["demo-child"], "iro_user": world["demo-iro"],
            "correction": correction}


def test_the_walk_holds_every_post_route(app):
    walked = {rule for rule, _role, _page, _action in POST_ROUTES} | PUBLIC_FORMS
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            assert rule.rule in walked, f"POST {rule.rule} is missing from POST_ROUTES"


def test_we_kept_what_you_typed_after_a_timeout_on_every_post_route(app, everything):
    problems = []
    for number, (rule, role, page_pattern, action_pattern) in enumerate(POST_ROUTES):
        username = ROLES[role]
        page, action = (page_pattern or "").format(**everything), action_pattern.format(**everything)
        words = f"Kept words {number} for you"
        client = app.test_client()
        assert sign_in(client, username).status_code == 303
        shown = client.get(page or "/home")
        form = next((found for found in _forms(shown.get_data(as_text=True), words)
                     if (found["action"] or page) == action), None)
        if rule in FREE_TEXT and (form is None or not form["typed"]):
            problems.append(f"{rule}: no form with words to type on {page}")
            continue
        # A form not shown in this state (a message that has not failed, say): sent as its page would send it.
        data = form["fields"] if form else [("csrf_token", csrf_from(client.get("/get-help"))), ("from_page", page)]
        _go_idle(client)
        if rule == "/keep-alive":
            response = client.post(action, headers={"X-CSRFToken": csrf_from(client.get("/get-help"))})
        else:
            response = client.post(action, data=MultiDict(data))
        if rule == "/exit":  # leaving never waits for a sign-in
            if response.status_code != 303 or response.headers["Location"] != app.config["EXIT_URL"]:
                problems.append(f"{rule}: {response.status_code}")
            continue
        if response.status_code != 401:
            problems.append(f"{rule}: idle POST gave {response.status_code}")
            continue
        expected_next = page or ""
        if _next_on_sign_in_page(response.get_data(as_text=True)) != expected_next:
            problems.append(f"{rule}: sign-in goes to {_next_on_sign_in_page(response.get_data(as_text=True))!r}")
        signed_in = _sign_in_again(client, username, expected_next)
        location = signed_in.headers.get("Location")
        if signed_in.status_code != 303 or location != (page or "/home"):
            problems.append(f"{rule}: sign-in went to {signed_in.status_code} {location}")
            continue
        landed = client.get(location)
        body = landed.get_data(as_text=True)
        if landed.status_code not in (200, 302, 303):
            problems.append(f"{rule}: the form page answered {landed.status_code}")
        if rule in FREE_TEXT and (words not in body or "We kept what you typed" not in body):
            problems.append(f"{rule}: the words typed are not in the form on {page}")
        if _kept_rows(app):
            problems.append(f"{rule}: kept typing was not deleted once given back")
            with app.app_context():
                db.session.execute(KeptForm.__table__.delete())
                db.session.commit()
    assert problems == [], "\n".join(problems)


def test_a_cross_site_post_plants_nothing_in_a_form(app, world):
    victim = app.test_client()
    sign_in(victim, "demo-iro")
    victim.get("/caseload/new")
    _go_idle(victim)
    # The attacker's page sends the form with no token, or with a real token of the attacker's own session.
    attacker = app.test_client()
    attackers_token = csrf_from(attacker.get("/sign-in"))
    planted = {**NEW_PERSON, "first_name": "Planted", "from_page": "/caseload/new"}
    for token in (None, "forged", attackers_token):
        data = planted if token is None else {**planted, "csrf_token": token}
        response = victim.post("/caseload/new", data=data)
        assert response.status_code == 401
        assert "We could not keep what you typed" in response.get_data(as_text=True)
        assert _kept_rows(app) == 0
    # A browser sends no cookie with a cross-site POST (SameSite=Lax): nothing to keep it for either.
    response = app.test_client().post("/caseload/new", data={**planted, "csrf_token": attackers_token})
    assert response.status_code == 401 and _kept_rows(app) == 0
    assert _sign_in_again(victim, "demo-iro", "/caseload/new").headers["Location"] == "/caseload/new"
    body = victim.get("/caseload/new").get_data(as_text=True)
    assert "Planted" not in body and "We kept what you typed" not in body


def test_a_post_without_a_session_keeps_nothing_and_says_so(client, world):
    # The browser lost its session (or it was cleared): the token cannot be checked, so nothing is kept.
    page = client.get("/sign-in")
    with client.session_transaction() as session:
        session.clear()
    response = client.post("/caseload/new", data={**NEW_PERSON, "csrf_token": csrf_from(page)})
    assert response.status_code == 401
    body = response.get_data(as_text=True)
    assert "We could not keep what you typed" in body and "Riley" not in body
    assert _kept_rows(client.application) == 0


def test_typing_sent_from_another_tab_after_an_idle_sign_out_comes_back(app, world):
    client = app.test_client()
    sign_in(client, "demo-child")
    token = csrf_from(client.get("/tell-the-council"))
    _go_idle(client)
    assert client.get("/review-letters").status_code == 401  # another tab found the session ended
    response = client.post("/tell-the-council", data={"csrf_token": token, "from_page": "/tell-the-council",
                                                     "text": "My words from the old tab"})
    assert response.status_code == 401
    assert "we kept what you typed" in response.get_data(as_text=True)
    assert _sign_in_again(client, "demo-child", "/tell-the-council").headers["Location"] == "/tell-the-council"
    assert "My words from the old tab" in client.get("/tell-the-council").get_data(as_text=True)


def test_typing_kept_for_one_person_is_never_shown_to_another(app, world):
    client = app.test_client()
    sign_in(client, "demo-iro")
    token = csrf_from(client.get("/caseload/new"))
    _go_idle(client)
    client.post("/caseload/new", data={**NEW_PERSON, "csrf_token": token, "from_page": "/caseload/new"})
    # Someone else signs in on the same phone and opens the same page.
    assert _sign_in_again(client, "demo-iro-2", "/caseload/new").status_code == 303
    assert 'value="Riley"' not in client.get("/caseload/new").get_data(as_text=True)
    assert _kept_rows(app) == 1
    other = app.test_client()
    sign_in(other, "demo-iro")
    assert 'value="Riley"' in other.get("/caseload/new").get_data(as_text=True)
    assert _kept_rows(app) == 0


def test_kept_typing_is_deleted_after_24_hours(app, world, runner):
    client = app.test_client()
    sign_in(client, "demo-iro")
    token = csrf_from(client.get("/caseload/new"))
    _go_idle(client)
    client.post("/caseload/new", data={**NEW_PERSON, "csrf_token": token, "from_page": "/caseload/new"})
    with app.app_context():
        (kept,) = db.session.scalars(select(KeptForm)).all()
        assert (kept.expires_at - kept.created_at).total_seconds() == 24 * 3600
        db.session.execute(update(KeptForm).values(expires_at=utcnow()))  # as it is 24 hours later
        db.session.commit()
    _sign_in_again(client, "demo-iro", "/caseload/new")
    assert _kept_rows(app) == 0  # purged at sign-in
    assert 'value="Riley"' not in client.get("/caseload/new").get_data(as_text=True)


def test_the_purge_command_deletes_only_expired_typing(app, world, runner):
    with app.app_context():
        now = utcnow()
        for name, expires_at in (("old", now), ("new", now.replace(year=now.year + 1))):
            db.session.add(KeptForm(user_id=world["demo-iro"], path=f"/{name}", data="{}", expires_at=expires_at))
        db.session.commit()
    result = runner.invoke(args=["purge-kept-typing"])
    assert "Deleted 1 kept forms" in result.output
    with app.app_context():
        assert db.session.scalars(select(KeptForm.path)).all() == ["/new"]


def test_building_a_form_reads_nothing_from_the_database(app, world):
    from portal.staff.forms import YoungPersonForm  # noqa: PLC0415

    statements = []

    def count(_connection, _cursor, statement, *_args):
        statements.append(statement)

    with app.test_request_context("/caseload/new"):
        g.kept_fields = {"first_name": ["Riley"]}  # what the before-request hook puts there
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            form = YoungPersonForm()
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    assert isinstance(form, PortalForm)
    assert form.first_name.data == "Riley"
    assert statements == []
