"""axe-core finds no accessibility problem on any page, for any role, in English and in Arabic.

Every page each role can reach is opened in Chromium at a phone viewport, as a
fresh visit by that person after choosing the language with the footer's switcher.
Forms are also checked as shown with their error messages, the one-time code pages
as shown after creating a code, and "Have your say" at each step. A failure names
the person, the page and the language, and prints axe's report.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.consultation import services as consultations
from portal.core.invitations import create_invitation
from portal.extensions import db
from portal.models import ConsultationStatus, Review, Role, User, YoungPerson
from portal.models.base import utcnow
from tests.browser.conftest import axe_violations, choose_language, neutral_exit_site, sign_in_through_form

pytestmark = pytest.mark.browser

LANGUAGES = {"en": "ltr", "ar": "rtl"}
# The languages many unaccompanied young people read (two right to left, one in Ge'ez script), checked on
# every young person's page at the phone viewport.
YOUNG_PEOPLES_LANGUAGES = {"fa": "rtl", "ps": "rtl", "ti": "ltr"}
YOUNG_PEOPLE = ("demo-child", "demo-child-2", "demo-child-3", None)


def submit(page):
    """Press the page's main form button."""
    page.locator("main form[method=post] button[type=submit]").first.click()


def join_with_a_fresh_code(page, server):
    """Enter a valid invitation code (a carer's, for Sam), as a new person would."""
    with server.app.app_context():
        sam = db.session.get(YoungPerson, server.ids["Sam"])
        code = create_invitation(role=Role.CARER, display_name="New Carer", created_by=None, young_person=sam)
        db.session.commit()
    page.locator("#code").fill(code)
    submit(page)


def join_then_submit_empty(page, server):
    join_with_a_fresh_code(page, server)
    page.wait_for_url("**/join/account")
    submit(page)


def invite_a_carer(page, _server):
    page.locator("input[name=who][value=carer]").check()
    page.locator("#carer_name").fill("Pat Carer")
    submit(page)


def invite_an_iro(page, _server):
    page.locator("#display_name").fill("New Officer")
    page.locator("input[name=role][value=iro]").check()
    submit(page)


def submit_empty(page, _server):
    submit(page)


@dataclass(frozen=True)
class Visit:
    """A page as one person sees it: where they go, what they do there, what they get."""

    who: str | None  # demo account, or None for someone not signed in
    name: str
    path: str  # may name ids and numbers from `places`: {Alex}, {Alex_consultation}
    then: Callable | None = None  # what the person does on the page before it is checked
    status: int = 200
    lands_on: str | None = None  # the final path (regex) when it is not `path`


# Every page each role can reach. Where one template serves several roles with the
# same markup, the page is checked once (the layout differs between people not signed
# in, young people and carers, who see the exit control, and staff, who do not).
VISITS = [
    Visit(None, "start", "/"),
    Visit(None, "sign-in", "/sign-in"),
    Visit(None, "sign-in-with-errors", "/sign-in", submit_empty, status=400),
    Visit(None, "join", "/join"),
    Visit(None, "join-account", "/join", join_with_a_fresh_code, lands_on="/join/account"),
    Visit(None, "join-account-with-errors", "/join", join_then_submit_empty, status=400, lands_on="/join/account"),
    Visit(None, "get-help", "/get-help"),
    Visit(None, "not-found", "/no-such-page", status=404),
    Visit("demo-child", "home", "/home"),
    Visit("demo-child", "get-help", "/get-help"),  # names their IRO
    Visit("demo-child", "forbidden", "/admin", status=403),
    Visit("demo-child", "have-your-say", "/have-your-say"),
    Visit("demo-child", "question-scale", "/have-your-say/{Alex_consultation}/questions/{Alex_scale_question}"),
    Visit("demo-child", "question-choice", "/have-your-say/{Alex_consultation}/questions/{Alex_choice_question}"),
    Visit("demo-child", "question-text", "/have-your-say/{Alex_consultation}/questions/{Alex_text_question}"),
    Visit("demo-child", "check-answers", "/have-your-say/{Alex_consultation}/check"),
    Visit("demo-child", "topics", "/have-your-say/{Alex_consultation}/topics"),
    Visit("demo-child", "review-arrangements", "/have-your-say/{Alex_consultation}/questions/6"),
    Visit("demo-child-2", "question-under-12", "/have-your-say/{Jordan_consultation}/questions/1"),
    Visit("demo-child-3", "answers-sent", "/have-your-say/{Casey_consultation}/sent"),
    Visit("demo-carer", "home", "/home"),
    Visit("demo-carer", "helping", "/have-your-say/helping"),
    Visit("demo-iro", "home", "/home"),
    Visit("demo-iro", "caseload", "/caseload"),
    Visit("demo-iro", "add-young-person", "/caseload/new"),
    Visit("demo-iro", "add-young-person-with-errors", "/caseload/new", submit_empty, status=400),
    Visit("demo-iro", "young-person", "/caseload/{Alex}"),
    Visit("demo-iro", "plan-review", "/caseload/{Alex}/reviews/new"),
    Visit("demo-iro", "plan-review-with-errors", "/caseload/{Alex}/reviews/new", submit_empty, status=400),
    Visit("demo-iro", "caseload-filtered", "/caseload?filter=overdue&q=jor"),
    Visit("demo-iro", "midway-check", "/caseload/{Alex}/midway-check"),
    Visit("demo-iro", "midway-check-with-errors", "/caseload/{Alex}/midway-check", submit_empty, status=400),
    Visit("demo-iro", "midway-check-before-any-review", "/caseload/{Jordan}/midway-check"),
    Visit("demo-iro", "record-review", "/caseload/reviews/{Alex_held_review}/record"),
    Visit("demo-iro", "invite", "/caseload/{Sam}/invite"),
    Visit("demo-iro", "invitation-code", "/caseload/{Sam}/invite", invite_a_carer),
    Visit("demo-iro", "not-found", "/caseload/{Casey}", status=404),  # another IRO's young person
    Visit("demo-iro-2", "consultation", "/caseload/consultations/{Casey_consultation}"),
    Visit("demo-advocacy", "home", "/home"),
    Visit("demo-visitor", "home", "/home"),
    Visit("demo-council", "home", "/home"),
    Visit("demo-admin", "home", "/home"),
    Visit("demo-admin", "caseload", "/caseload"),
    Visit("demo-admin", "young-person", "/caseload/{Casey}"),
    Visit("demo-admin", "plan-review", "/caseload/{Casey}/reviews/new"),
    Visit("demo-admin", "invite", "/caseload/{Casey}/invite"),
    Visit("demo-admin", "invitation-code", "/caseload/{Casey}/invite", invite_a_carer),
    Visit("demo-admin", "admin", "/admin"),
    Visit("demo-admin", "people", "/admin/people"),
    Visit("demo-admin", "invite-staff", "/admin/people/invite"),
    Visit("demo-admin", "invite-staff-with-errors", "/admin/people/invite", submit_empty, status=400),
    Visit("demo-admin", "staff-code", "/admin/people/invite", invite_an_iro),
    Visit("demo-admin", "organisations", "/admin/organisations"),
    Visit("demo-admin", "organisations-with-errors", "/admin/organisations", submit_empty, status=400),
    Visit("demo-admin", "audit", "/admin/audit"),
]


def _id(visit):
    return f"{visit.who or 'anonymous'}:{visit.name}"


@pytest.fixture(scope="module")
def places(live_server):
    """What paths name: young people's ids, and consultations (Alex's and Jordan's started, Casey's sent).

    Also the number of the first question of each kind (scale, choice, text) on Alex's form.
    """
    with live_server.app.app_context():
        found = dict(live_server.ids)
        found["Alex_held_review"] = db.session.scalar(  # the demo's newest held review of Alex
            select(Review.id).where(Review.young_person_id == live_server.ids["Alex"], Review.held_on.is_not(None))
            .order_by(Review.held_on.desc()).limit(1))
        for name in ("Alex", "Jordan", "Casey"):
            person = db.session.get(YoungPerson, live_server.ids[name])
            user = db.session.get(User, person.user_id)
            consultation = consultations.start(person, consultations.next_review(person), user, "en")
            if name == "Casey":
                # Marked as sent directly: sending also queues notifications, not the subject here.
                consultation.status, consultation.sent_at = ConsultationStatus.SENT, utcnow()
                db.session.commit()
            found[f"{name}_consultation"] = consultation.id
            if name == "Alex":
                questions = consultations.form_of(consultation).questions
                for number, question in reversed(list(enumerate(questions, start=1))):
                    found[f"Alex_{question.kind}_question"] = number
    return found


@pytest.fixture(scope="module")
def page_for(browser, browser_context_args, live_server):
    """A function(who, locale) giving a page that starts as a fresh visit by that person.

    Opening a context per test costs more than the check itself, so each person keeps
    one page (signed in through the form) for the module, and its cookies are reset
    at every call: to those saved once the language was chosen, if it has been, or
    else to those saved just after signing in. Cookies are all the state the portal
    keeps in a browser. `page_for.language_chosen(page, who, locale)` saves them.
    """
    pages, states = {}, {}

    def page_for(who, locale):
        if who not in pages:
            page = neutral_exit_site(browser.new_context(**browser_context_args)).new_page()
            if who:
                sign_in_through_form(page, live_server.url, who)
            pages[who], states[who, None] = page, page.context.cookies()
        page = pages[who]
        page.context.clear_cookies()
        page.context.add_cookies(states.get((who, locale)) or states[who, None])
        return page

    def language_chosen(page, who, locale):
        states[who, locale] = page.context.cookies()

    page_for.language_chosen = language_chosen
    yield page_for
    for page in pages.values():
        page.context.close()


# Locale first, so all English pages are checked before all Arabic ones and a signed-in
# person's saved language changes once rather than at every test.
@pytest.mark.page_markup
@pytest.mark.parametrize("visit", VISITS, ids=_id)
@pytest.mark.parametrize("locale", list(LANGUAGES))
def test_page_has_no_accessibility_violations(page_for, live_server, places, visit, locale):
    _check(page_for, live_server, places, visit, locale, LANGUAGES[locale])


@pytest.mark.page_markup
@pytest.mark.parametrize("visit", [visit for visit in VISITS if visit.who in YOUNG_PEOPLE], ids=_id)
@pytest.mark.parametrize("locale", list(YOUNG_PEOPLES_LANGUAGES))
def test_young_peoples_pages_have_no_violations_in_persian_pashto_and_tigrinya(
        page_for, live_server, places, visit, locale):
    _check(page_for, live_server, places, visit, locale, YOUNG_PEOPLES_LANGUAGES[locale])


def _check(page_for, live_server, places, visit, locale, direction):
    page = page_for(visit.who, locale)
    documents = []

    def record(response):
        if response.request.is_navigation_request() and response.frame == page.main_frame:
            documents.append(response)

    page.on("response", record)
    path = visit.path.format(**places)
    page.goto(live_server.url + path)
    if page.locator("html").get_attribute("lang") != locale:
        # The first time for this person and language, or the language saved on a
        # signed-in person's account was changed by another test: choose it with
        # the footer's switcher, which comes back to this page.
        choose_language(page, locale)
        page_for.language_chosen(page, visit.who, locale)
    if visit.then:
        visit.then(page, live_server)
    page.wait_for_load_state()
    page.remove_listener("response", record)

    final = documents[-1]
    assert re.fullmatch(re.escape(live_server.url) + (visit.lands_on or re.escape(path)), page.url), page.url
    assert final.status == visit.status, f"{page.url} answered {final.status}"
    expect(page.locator("html")).to_have_attribute("lang", locale)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.locator("h1")).to_have_count(1)
    _assert_no_violations(page, f"{_id(visit)} ({path})", locale)


def _assert_no_violations(page, page_name, locale):
    results = axe_violations(page)
    assert results.violations_count == 0, f"axe found violations on {page_name} [{locale}]:\n{results.generate_report()}"
