"""Tell the Children in Care Council, in a real browser at phone size, from the young person to the council and back.

A 16-year-old shares an answer from their review form and tells the council something; the
moderator (demo-council) redacts the shared answer and approves it; a council member with no
permissions sees the theme counts and the quote; the young person withdraws what they told the
council, and the count goes down again. Every screen on the way is checked with axe.
"""

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal import demo
from portal.core.passwords import hash_password
from portal.extensions import db
from portal.models import Review, Role, User, YoungPerson
from portal.voice import mixing
from tests.browser.conftest import assert_accessible
from tests.voice_steps import counted

pytestmark = pytest.mark.browser

SHARED = "My brother Tyler and I want to live closer to Oakfield School"
REDACTED = "My brother [name] and I want to live closer to [place]"
TOLD = "Sibling contact gets cancelled and nobody tells us why"



@pytest.fixture
def people(live_server):
    """A 16-year-old with an account and a review coming up, a council member with no permissions,
    and earlier contributions this month: six about family, five about money."""
    app = live_server.app
    with app.app_context():
        iro = db.session.scalar(select(User).where(User.username == "demo-iro"))
        riley = User(username="riley-16", role=Role.YOUNG_PERSON, display_name="Riley",
                     password_hash=hash_password(demo.PASSWORD))
        member = User(username="council-member", role=Role.COUNCIL, display_name="Sam Member",
                      password_hash=hash_password(demo.PASSWORD))
        db.session.add_all([riley, member])
        db.session.flush()
        today = date.today()
        born = today.replace(year=today.year - 16) - timedelta(days=40)
        person = YoungPerson(first_name="Riley", date_of_birth=born, iro_id=iro.id, user_id=riley.id)
        db.session.add(person)
        db.session.flush()
        zone = ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"])
        db.session.add(Review(young_person_id=person.id, place="Home",
                              scheduled_for=datetime.combine(today + timedelta(days=10), time(16, 0), tzinfo=zone)))
        db.session.commit()
    this_month = date.today().replace(day=1)
    counted(app, [("family", this_month, "12-15", 6), ("money", this_month, "16+", 5)])
    return {"young": "riley-16", "member": "council-member"}


def _this_month(page, theme):
    row = page.locator("table.table--figures tbody tr", has=page.locator("th", has_text=theme))
    return row.locator("td").all_inner_texts()[-2]


def test_a_16_year_old_shares_the_moderator_redacts_the_council_reads_and_the_young_person_withdraws(
        open_page, live_server, people):
    base = live_server.url

    # The young person shares one answer from their review form, and sends the form.
    young = open_page(people["young"])
    young.goto(f"{base}/home")
    assert_accessible(young, "young person's home")
    young.locator("main a[href='/have-your-say']").click()
    young.locator("main form button[type=submit]").click()
    young.wait_for_url(re.compile(r".*/questions/1$"))
    expect(young.locator("h1")).to_contain_text("Question 1 of")
    young.locator("input[name=choice][value=okay]").check()
    young.locator("details.more summary").click()
    young.locator("#text").fill(SHARED)
    assert_accessible(young, "question 1, with words")
    young.locator("button[name=action][value=save]").click()
    young.wait_for_url(re.compile(r".*/questions/2$"))
    young.locator("main a[href$='/check']").click()
    # Sharing is one choice, on the check page.
    young.locator("input[name=share_key][value='home.feel']").check()
    assert_accessible(young, "check page, choosing what the council may see")
    young.locator("button[name=share][value=chosen]").click()
    expect(young.locator("main")).to_contain_text("Shared with the Children in Care Council, without your name")
    young.locator("main form[action$='/send'] button").click()
    young.wait_for_url(re.compile(r".*/sent$"))
    assert_accessible(young, "review form sent")

    # ... and tells the council something, having read what the council will and won't see.
    young.goto(f"{base}/home")
    young.locator("main a[href='/tell-the-council']").click()
    expect(young.locator("h1")).to_have_text("Tell the council")
    expect(young.locator("#what-council-sees")).to_be_visible()
    assert_accessible(young, "tell the council")
    young.locator("#text").fill(TOLD)
    young.locator("input[name=themes][value=family]").check()
    young.locator("main form button[type=submit]").click()
    young.wait_for_url(f"{base}/tell-the-council/sent")
    expect(young.locator("h1")).to_have_text("Sent to the council")
    assert_accessible(young, "sent to the council")

    # The outbox worker's mixing job moves what was queued (a batch of one here: the demo has one young
    # person sharing; in production it waits for COUNCIL_MIX_MIN_PEOPLE).
    with live_server.app.app_context():
        assert mixing.mix(min_people=1) == 2

    # The moderator sees both, with identifying details highlighted, redacts the shared answer and approves it.
    moderator = open_page("demo-council")
    moderator.goto(f"{base}/home")
    assert_accessible(moderator, "council home (moderator)")
    moderator.locator("main a[href='/council/moderation']").click()
    expect(moderator.locator("main .lead")).to_have_text("2 waiting to be checked.")
    assert_accessible(moderator, "moderation queue")
    moderator.locator("li.card", has_text="Tyler").locator("a").click()
    expect(moderator.locator("mark", has_text="Tyler")).to_be_visible()
    expect(moderator.locator("mark", has_text="Oakfield School")).to_be_visible()
    expect(moderator.locator("#redacted")).to_have_value("My brother [name] and I want to live closer to [place]")
    assert_accessible(moderator, "checking the shared answer")
    moderator.locator("#redacted").fill(REDACTED)
    moderator.locator("button[name=decision][value=approve]").click()
    moderator.wait_for_url(f"{base}/council/moderation")
    expect(moderator.locator(".banner--success")).to_contain_text("Approved")
    expect(moderator.locator("main .lead")).to_have_text("1 waiting to be checked.")
    assert_accessible(moderator, "moderation queue after approving")

    # A council member with no permissions sees the theme counts and the approved quote, never unchecked words.
    member = open_page(people["member"])
    member.goto(f"{base}/home")
    assert_accessible(member, "council home (member)")
    member.locator("main a[href='/council']").click()
    expect(member.locator("h1")).to_have_text("Council figures")
    assert _this_month(member, "Family and sibling contact") == "7"  # six earlier, and what the young person said
    assert _this_month(member, "Where I live") == "fewer than 5"  # the one shared answer
    assert _this_month(member, "Money and savings") == "hidden"  # else the month's total would give the 1 away
    expect(member.locator("svg[role=img]").first).to_be_visible()
    assert_accessible(member, "council figures")
    member.locator("main a[href^='/council/quotes']").first.click()
    expect(member.locator("main")).to_contain_text(REDACTED)
    expect(member.locator("main")).not_to_contain_text("Tyler")
    expect(member.locator("main")).not_to_contain_text(TOLD)  # still waiting to be checked
    assert_accessible(member, "quotes")

    # The young person takes back what they told the council.
    young.goto(f"{base}/home")
    young.locator("main a[href='/my-shared-words']").click()
    expect(young.locator("li.card")).to_have_count(2)
    assert_accessible(young, "your shared words")
    young.locator("li.card", has_text=TOLD).get_by_role("button", name="Withdraw this").click()
    young.wait_for_url(f"{base}/my-shared-words")
    expect(young.locator(".banner--success")).to_contain_text("The council can no longer see it")
    expect(young.locator("li.card")).to_have_count(1)
    expect(young.locator("main")).not_to_contain_text(TOLD)
    assert_accessible(young, "your shared words after withdrawing")

    member.goto(f"{base}/council")
    assert _this_month(member, "Family and sibling contact") == "6"
    moderator.goto(f"{base}/council/moderation")
    expect(moderator.locator("main .lead")).to_have_text("0 waiting to be checked.")


# ---- Every council voice page, in English and in Arabic, as shown and with form errors ---------------


@pytest.fixture
def council_places(live_server):
    """An open campaign in English and one in Arabic, an update, words waiting and words approved."""
    from portal.models import Moderation
    from portal.voice import campaigns, services

    app = live_server.app
    this_month = date.today().replace(day=1)
    counted(app, [("family", this_month, "16+", 7, Moderation.APPROVED, "We want to see our brothers more."),
                  ("money", this_month, "12-15", 2, Moderation.PENDING, "Pocket money is late. Ask Tyler.")])
    with app.app_context():
        council = db.session.scalar(select(User).where(User.username == "demo-council"))
        fields = {"question": "How often do you see your brothers and sisters?", "answer_type": "choice",
                  "choices": ["Every week", "Every month", "Never"], "themes": ["family"],
                  "opens_on": date.today(), "closes_on": date.today() + timedelta(days=10)}
        english = campaigns.create(council, title="Sibling contact matters to me", written_in="en",
                                   languages=["en"], **fields).id
        arabic = campaigns.create(council, title="التواصل مع الإخوة مهم لي", written_in="ar", languages=["ar"],
                                  **fields).id
        services.post_update(council, "Contact is cancelled at short notice.", "We asked for 48 hours' notice.",
                             ["family"])
        from portal.models import Contribution
        token = db.session.scalar(select(Contribution.token).where(Contribution.status == Moderation.PENDING))
    return {"en": english, "ar": arabic, "token": token}


def _submit_empty(page):
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state()


VOICE_PAGES = [
    ("demo-child", "/home", None), ("demo-child", "/tell-the-council", None),
    ("demo-child", "/tell-the-council", _submit_empty), ("demo-child", "/tell-the-council/sent", None),
    ("demo-child", "/my-shared-words", None), ("demo-child", "/council-campaigns/{campaign}", None),
    ("demo-child", "/council-campaigns/{campaign}", _submit_empty), ("demo-child", "/you-said-we-did", None),
    ("demo-council", "/home", None), ("demo-council", "/council", None),
    ("demo-council", "/council?by=quarter&theme=family&age_band=16%2B", None), ("demo-council", "/council/quotes", None),
    ("demo-council", "/council/moderation", None), ("demo-council", "/council/moderation/{token}", None),
    ("demo-council", "/council/campaigns", None), ("demo-council", "/council/campaigns/new", None),
    ("demo-council", "/council/campaigns/new", _submit_empty), ("demo-council", "/council/campaigns/{campaign}", None),
    ("demo-council", "/council/updates", None), ("demo-council", "/council/updates", _submit_empty),
    ("demo-admin", "/admin", None), ("demo-admin", "/admin/council-permissions", None),
    ("demo-admin", "/admin/council-themes", None), ("demo-admin", "/admin/council-themes/new", None),
    ("demo-admin", "/admin/council-themes/new", _submit_empty),
]


@pytest.mark.page_markup
@pytest.mark.parametrize("locale", ["en", "ar"])
def test_every_council_voice_page_is_accessible(open_page, live_server, council_places, locale):
    from tests.browser.conftest import choose_language

    tell = open_page("demo-child")
    tell.goto(f"{live_server.url}/home")
    pages = {}
    try:
        for username, path, then in VOICE_PAGES:
            if username not in pages:
                pages[username] = open_page(username)
                pages[username].goto(f"{live_server.url}/get-help")
                choose_language(pages[username], locale)
            page = pages[username]
            url = live_server.url + path.format(campaign=council_places[locale], token=council_places["token"])
            page.goto(url)
            if then:
                then(page)
            expect(page.locator("html")).to_have_attribute("lang", locale)
            expect(page.locator("h1")).to_have_count(1)
            assert_accessible(page, f"{username} {path}{' (with errors)' if then else ''} [{locale}]")
    finally:
        for page in pages.values():
            choose_language(page, "en")  # the language is saved on the account: leave it as it was
