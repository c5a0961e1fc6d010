"""Tell the Children in Care Council: what young people share, what moderators check, what the council sees."""

import csv
import io
import re
from datetime import date, timedelta

from sqlalchemy import func, select, text

from portal.extensions import db
from portal.models import Campaign, ContributionTheme, CouncilPermission, Moderation, User
from portal.voice.dashboard import add_months
from tests.conftest import csrf_from, sign_in
from tests.consultation_steps import answer, consultation_id, question_url, share_on_check_page, start
from tests.voice_steps import (
    SUBMISSION,
    contributions,
    council_account,
    counted,
    mix,
    pending_tokens,
    sealed_tokens,
    sql_statements,
    tell,
    this_month,
)

WORDS = "Nobody tells us when contact with our brothers and sisters is cancelled."


# ---- Telling the council --------------------------------------------------------------------------


def test_the_home_page_leads_to_the_council_and_the_tell_page_says_what_it_will_and_wont_see_first(
        client, world, check_page):
    sign_in(client, "demo-child")
    home = client.get("/home")
    check_page(home)
    assert 'href="/tell-the-council"' in home.get_data(as_text=True)
    assert 'href="/my-shared-words"' in home.get_data(as_text=True)
    page = client.get("/tell-the-council")
    parsed = check_page(page)
    assert "care" not in parsed.title_text.lower()
    body = page.get_data(as_text=True)
    box = body.index("What the council will and won't see")
    assert box < body.index('<form method="post" novalidate>')
    for promise in ("Your name, your username", "The day or the time you sent it", "Which words came from you",
                    "Numbers smaller than 5 are never shown", "could find out, but they are not allowed to"):
        assert promise in body
    assert 'type="checkbox"' in body and "Family and sibling contact" in body


def test_words_for_the_council_are_stored_without_the_young_person_and_sealed_on_their_side(app, client, world):
    sign_in(client, "demo-child")
    response = tell(client, WORDS, themes=["family", "listened_to"])
    assert response.status_code == 303 and response.headers["Location"] == "/tell-the-council/sent"
    (stored,) = contributions(app)
    assert stored["text"] == WORDS and stored["status"] == Moderation.PENDING and stored["source"] == "direct"
    assert stored["themes"] == ["family", "listened_to"]
    assert stored["period"] == this_month() and stored["age_band"] == "12-15" and stored["language"] == "en"
    assert len(stored["token"]) == 22
    # The young person's side: the token, sealed (encrypted with a random IV, so the raw value is not the token).
    assert sealed_tokens(app, world["yp:Alex"]) == [stored["token"]]
    with app.app_context():
        raw = db.session.execute(text("SELECT sealed FROM my_contributions")).scalar_one()
        raw_text = db.session.execute(text("SELECT text FROM contributions")).scalar_one()
    assert stored["token"] not in raw and WORDS not in raw_text


def test_the_confirmation_says_what_happens_next(client, world, check_page):
    sign_in(client, "demo-child")
    tell(client, WORDS)
    page = client.get("/tell-the-council/sent")
    check_page(page)
    body = page.get_data(as_text=True)
    assert "Your words are on their way to the council, without your name" in body
    assert "If you are not safe" not in body


def test_words_that_suggest_danger_show_where_to_get_help_without_blocking(app, client, world, check_page):
    sign_in(client, "demo-child")
    told = tell(client, "He hits me when nobody is home")  # first: who can help, since the council cannot reply
    assert told.status_code == 200 and "Before you send this" in told.get_data(as_text=True)
    assert client.post("/tell-the-council", data={"csrf_token": csrf_from(told), "text": "He hits me when nobody is home",
                                                   "submission": SUBMISSION.search(told.get_data(as_text=True)).group(1),
                                                   "help_shown": "1"}).status_code == 303
    page = client.get("/tell-the-council/sent")
    check_page(page)
    body = page.get_data(as_text=True)
    assert "If you are not safe" in body and "0800 1111" in body
    assert "they cannot come and help you" in body
    mix(app)
    assert len(contributions(app)) == 1
    assert "If you are not safe" not in client.get("/tell-the-council/sent").get_data(as_text=True)  # shown once


def test_without_a_theme_it_goes_under_something_else(app, client, world):
    sign_in(client, "demo-child")
    tell(client, WORDS)
    assert contributions(app)[0]["themes"] == ["other"]


def test_too_long_words_are_refused_and_kept(app, client, world, check_page):
    sign_in(client, "demo-child")
    long_words = "a" * 2001
    response = tell(client, long_words, themes=["money"])
    check_page(response, status=400)
    body = response.get_data(as_text=True)
    assert "longer than 2,000 characters" in body and "nothing you wrote has been lost" in body
    assert long_words in body and re.search(r'<input checked[^>]*value="money"', body)
    assert contributions(app) == []


def test_empty_words_are_refused(app, client, world, check_page):
    sign_in(client, "demo-child")
    response = tell(client, "   ")
    check_page(response, status=400)
    assert "Write what you want to tell the council" in response.get_data(as_text=True)
    assert contributions(app) == []


def test_a_double_tap_stores_the_words_once(app, client, world):
    sign_in(client, "demo-child")
    page = client.get("/tell-the-council")
    submission = re.search(r'name="submission" type="hidden" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    for _ in range(2):
        response = client.post("/tell-the-council", data={"csrf_token": csrf_from(page), "text": WORDS,
                                                           "submission": submission})
        assert response.status_code == 303
    mix(app)
    assert len(contributions(app)) == 1
    assert len(sealed_tokens(app, world["yp:Alex"])) == 1


# ---- Your shared words, and taking them back ------------------------------------------------------


def test_my_shared_words_lists_only_mine_and_withdrawing_deletes_it_everywhere(app, client, world, check_page):
    sign_in(client, "demo-child")
    tell(client, WORDS, themes=["family"])
    other = app.test_client()
    sign_in(other, "demo-child-3")
    tell(other, "Casey's words about money", themes=["money"])

    page = client.get("/my-shared-words")
    check_page(page)
    body = page.get_data(as_text=True)
    assert WORDS in body and "Casey&#39;s words" not in body
    assert "Family and sibling contact" in body and "Waiting to be checked" in body
    mine = next(c for c in contributions(app) if c["text"] == WORDS)
    assert mine["token"] not in body  # the page names the sealed row, never the contribution
    key = re.search(r'/my-shared-words/([\w-]{22})/withdraw', body).group(1)

    response = client.post(f"/my-shared-words/{key}/withdraw", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 303 and response.headers["Location"] == "/my-shared-words"
    after = client.get("/my-shared-words")
    check_page(after)
    assert "The council can no longer see it" in after.get_data(as_text=True)
    assert WORDS not in after.get_data(as_text=True)
    assert [c["text"] for c in contributions(app)] == ["Casey's words about money"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ContributionTheme)
                                 .where(ContributionTheme.contribution_token == mine["token"])) == 0
    assert sealed_tokens(app, world["yp:Alex"]) == []
    assert len(sealed_tokens(app, world["yp:Casey"])) == 1


def test_a_young_person_cannot_withdraw_someone_elses_words(app, client, world):
    other = app.test_client()
    sign_in(other, "demo-child-3")
    tell(other, "Casey's words")
    page = other.get("/my-shared-words").get_data(as_text=True)
    key = re.search(r'/my-shared-words/([\w-]{22})/withdraw', page).group(1)
    sign_in(client, "demo-child")
    response = client.post(f"/my-shared-words/{key}/withdraw", data={"csrf_token": csrf_from(client.get("/get-help"))})
    assert response.status_code == 404
    assert len(contributions(app)) == 1


def test_what_the_council_reads_is_shown_to_the_young_person_once_checked(app, client, world):
    sign_in(client, "demo-child")
    tell(client, "Tyler my brother is at Oakfield School")
    moderator = app.test_client()
    sign_in(moderator, "demo-council")
    (token,) = pending_tokens(app)
    page = moderator.get(f"/council/moderation/{token}")
    moderator.post(f"/council/moderation/{token}", data={"csrf_token": csrf_from(page), "decision": "approve",
                                                         "redacted": "[name] my brother is at [place]"})
    body = client.get("/my-shared-words").get_data(as_text=True)
    assert "What the council reads" in body and "[name] my brother is at [place]" in body


# ---- Shared consultation answers ------------------------------------------------------------------


def test_answers_shared_in_a_review_form_reach_the_council_when_it_is_sent(app, client, world):
    sign_in(client, "demo-child")
    url = start(client)
    answer(client, url, choice="good", text="I like my room")  # home.feel: shared, with words
    answer(client, question_url(url, 2), choice="yes")  # home.safe: shared, a choice only
    answer(client, question_url(url, 3), text="Private words")  # not shared
    share_on_check_page(client, url, "home.feel", "home.safe")
    cid = consultation_id(url)
    assert contributions(app) == []  # nothing reaches the council before the form is sent
    token = csrf_from(client.get(f"/have-your-say/{cid}/check"))
    client.post(f"/have-your-say/{cid}/send", data={"csrf_token": token})
    client.post(f"/have-your-say/{cid}/send", data={"csrf_token": token})  # a double tap
    assert contributions(app) == []  # queued, encrypted: the mixing job makes them, not the sending
    waiting = client.get("/my-shared-words").get_data(as_text=True)
    assert "I like my room" in waiting and "On its way to the council" in waiting
    mix(app)

    stored = sorted(contributions(app), key=lambda c: c["themes"])
    assert [(c["themes"], c["text"], c["status"], c["source"]) for c in stored] == [
        (["home"], "I like my room", Moderation.PENDING, "consultation"),
        (["safety"], None, Moderation.NO_TEXT, "consultation"),
    ]
    assert all(c["age_band"] == "12-15" and c["period"] == this_month() for c in stored)
    assert "Private words" not in str(contributions(app))
    assert sorted(sealed_tokens(app, world["yp:Alex"])) == sorted(c["token"] for c in stored)
    mine = client.get("/my-shared-words").get_data(as_text=True)
    assert "I like my room" in mine and "You shared a choice from your review form, with no words." in mine
    assert "Your IRO still has this answer" in mine


# ---- Moderation ---------------------------------------------------------------------------------------


def test_the_moderator_sees_new_words_with_identifying_details_highlighted_and_a_suggested_redaction(
        app, client, world, check_page):
    young = app.test_client()
    sign_in(young, "demo-child")
    tell(young, "My brother Tyler is at Oakfield School, call him on 07700 900123", themes=["family"])
    sign_in(client, "demo-council")
    queue = client.get("/council/moderation")
    parsed = check_page(queue)
    assert "care" not in parsed.title_text.lower()
    assert "1 waiting to be checked" in queue.get_data(as_text=True)
    (token,) = pending_tokens(app)
    page = client.get(f"/council/moderation/{token}")
    check_page(page)
    body = page.get_data(as_text=True)
    assert '<mark class="highlight">Tyler<span class="visually-hidden"> (possibly a name)</span></mark>' in body
    assert '<mark class="highlight">Oakfield School' in body and '<mark class="highlight">07700 900123' in body
    assert "My brother [name] is at [place], call him on [phone]</textarea>" in body
    assert "&lt;mark" not in body  # built by the template, not escaped HTML from Python


def test_approving_shows_only_the_redacted_words_to_the_council(app, client, world, check_page):
    young = app.test_client()
    sign_in(young, "demo-child")
    tell(young, "My brother Tyler is at Oakfield School", themes=["family"])
    (token,) = pending_tokens(app)
    reader_id = council_account(app, "council-reader")
    reader = app.test_client()
    sign_in(reader, "council-reader")
    assert "Tyler" not in reader.get("/council/quotes").get_data(as_text=True)  # not before it is checked

    sign_in(client, "demo-council")
    page = client.get(f"/council/moderation/{token}")
    response = client.post(f"/council/moderation/{token}", data={
        "csrf_token": csrf_from(page), "decision": "approve", "redacted": "My brother [name] is at a school near us"})
    assert response.status_code == 303 and response.headers["Location"] == "/council/moderation"
    assert "Approved" in client.get("/council/moderation").get_data(as_text=True)

    quotes = reader.get("/council/quotes")
    check_page(quotes)
    body = quotes.get_data(as_text=True)
    assert "My brother [name] is at a school near us" in body and "Tyler" not in body and "Oakfield" not in body
    assert reader_id  # a plain council member, with no permissions
    assert client.get(f"/council/moderation/{token}").status_code == 404  # checked: no longer in the queue


def test_rejected_words_are_never_shown_but_still_counted(app, client, world):
    young = app.test_client()
    sign_in(young, "demo-child")
    tell(young, "Some words", themes=["money"])
    (token,) = pending_tokens(app)
    sign_in(client, "demo-council")
    page = client.get(f"/council/moderation/{token}")
    client.post(f"/council/moderation/{token}", data={"csrf_token": csrf_from(page), "decision": "reject",
                                                      "redacted": "Some words"})
    assert contributions(app)[0]["status"] == Moderation.REJECTED
    assert "Some words" not in client.get("/council/quotes").get_data(as_text=True)
    table = client.get("/council").get_data(as_text=True)
    money_row = re.search(r"<th scope=\"row\">Money and savings</th>(.*?)</tr>", table, re.S).group(1)
    assert "fewer than 5" in money_row


def test_approving_needs_words_and_a_decision(app, client, world, check_page):
    young = app.test_client()
    sign_in(young, "demo-child")
    tell(young, "Some words")
    (token,) = pending_tokens(app)
    sign_in(client, "demo-council")
    page = client.get(f"/council/moderation/{token}")
    response = client.post(f"/council/moderation/{token}", data={"csrf_token": csrf_from(page), "decision": "approve",
                                                                 "redacted": "  "})
    check_page(response, status=400)
    assert "Enter the words the council will read, or reject them" in response.get_data(as_text=True)
    assert client.post(f"/council/moderation/{token}", data={"csrf_token": csrf_from(page), "decision": "maybe",
                                                             "redacted": "x"}).status_code == 400
    assert contributions(app)[0]["status"] == Moderation.PENDING


def test_two_moderators_at_once_the_second_is_told(app, client, world):
    young = app.test_client()
    sign_in(young, "demo-child")
    tell(young, "Some words")
    (token,) = pending_tokens(app)
    council_account(app, "moderator-2", moderate=True)
    second = app.test_client()
    sign_in(second, "moderator-2")
    sign_in(client, "demo-council")
    first_page, second_page = client.get(f"/council/moderation/{token}"), second.get(f"/council/moderation/{token}")
    client.post(f"/council/moderation/{token}", data={"csrf_token": csrf_from(first_page), "decision": "approve",
                                                      "redacted": "First"})
    response = second.post(f"/council/moderation/{token}", data={"csrf_token": csrf_from(second_page),
                                                                 "decision": "reject", "redacted": ""})
    assert response.status_code == 404  # no longer waiting
    assert contributions(app)[0]["redacted"] == "First"


def test_council_members_without_the_moderator_permission_never_see_unchecked_words(app, client, world, check_page):
    young = app.test_client()
    sign_in(young, "demo-child")
    tell(young, "Unchecked words about money", themes=["money"])
    (token,) = pending_tokens(app)
    council_account(app, "council-reader")
    sign_in(client, "council-reader")
    refused = client.get("/council/moderation")
    check_page(refused, status=403)
    assert "moderator permission" in refused.get_data(as_text=True)
    assert client.get(f"/council/moderation/{token}").status_code == 403
    for url in ("/council", "/council/quotes", "/council/figures.csv", "/home"):
        assert "Unchecked words" not in client.get(url).get_data(as_text=True)
    assert 'href="/council/moderation"' not in client.get("/home").get_data(as_text=True)


# ---- Figures: table, charts, CSV ------------------------------------------------------------------


def _table(body):
    """{row name: [cell texts]} of the figures table, and its header."""
    table = re.search(r'<table class="table table--figures">(.*?)</table>', body, re.S).group(1)
    header = re.findall(r'<th scope="col">(.*?)</th>', table)
    rows = {}
    for name, cells in re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', table, re.S):
        rows[name] = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", cells, re.S)]
    return header, rows


def test_the_dashboard_counts_every_contribution_by_theme_and_month_and_suppresses_small_numbers(
        app, client, world, check_page):
    now = this_month()
    counted(app, [("family", now, "16+", 7), ("family", add_months(now, -1), "12-15", 3),
                  ("money", now, "12-15", 12), (["money", "family"], add_months(now, -2), "8-11", 6),
                  ("family", now, "12-15", 1, Moderation.PENDING, "pending words")])
    sign_in(client, "demo-council")
    page = client.get("/council")
    parsed = check_page(page)
    assert parsed.h1 == "Council figures" and "care" not in parsed.title_text.lower()
    body = page.get_data(as_text=True)
    header, rows = _table(body)
    assert header[0] == "Theme" and header[-1] == "Total" and len(header) == 14  # 12 months
    family, money = rows["Family and sibling contact"], rows["Money and savings"]
    # Family: 6 two months ago (that contribution is about money too), 3 last month, 7 + 1 waiting this month.
    assert family[-3] == "fewer than 5"
    assert family[-1] == "17" and money[-1] == "18"  # totals stay shown (pending words counted)...
    assert family.count("hidden") == 2 and money.count("hidden") == 2  # ...because numbers beside the 3 are hidden
    assert rows["Total"][-3] == "fewer than 5" and rows["Total"][-1] == "35"
    assert "3" not in family + money + rows["Total"]
    assert "pending words" not in body
    # Charts: server-drawn SVG with a title, a description, and suppressed bars drawn the same way.
    assert body.count('role="img"') == 2 and "<title id=\"chart-over-time-title\">" in body
    assert "<desc id=\"chart-by-theme-desc\">" in body and 'fill="url(#chart-over-time-hatch)"' in body
    assert 'aria-labelledby="chart-over-time-title chart-over-time-desc"' in body


def test_the_csv_is_exactly_the_table_on_screen_with_the_same_filters(app, client, world):
    now = this_month()
    counted(app, [("family", now, "16+", 7), ("family", add_months(now, -1), "16+", 3), ("money", now, "12-15", 9),
                  ("health", add_months(now, -4), "16+", 20)])
    sign_in(client, "demo-council")
    for query in ("", "?by=quarter", "?age_band=16%2B", "?theme=family",
                  f"?start={add_months(now, -5):%Y-%m}&end={add_months(now, -1):%Y-%m}"):
        page = client.get(f"/council{query}")
        header, rows = _table(page.get_data(as_text=True))
        csv_link = re.search(r'href="(/council/figures\.csv[^"]*)"', page.get_data(as_text=True)).group(1)
        download = client.get(csv_link.replace("&amp;", "&"))
        assert download.mimetype == "text/csv" and "attachment" in download.headers["Content-Disposition"]
        table = list(csv.reader(io.StringIO(download.get_data(as_text=True).lstrip("\ufeff"))))
        assert table[0] == header, query
        assert {row[0]: row[1:] for row in table[1:]} == {name: [c.replace(",", "") for c in cells]
                                                           for name, cells in rows.items()}, query
    only_family = client.get("/council?theme=family").get_data(as_text=True)
    assert list(_table(only_family)[1]) == ["Family and sibling contact"]


def test_the_csv_cannot_carry_a_formula(app, client, world):
    admin = app.test_client()
    sign_in(admin, "demo-admin")
    page = admin.get("/admin/council-themes/new")
    admin.post("/admin/council-themes/new", data={"csrf_token": csrf_from(page), "name_en": "=HYPERLINK(\"http://x\")"})
    sign_in(client, "demo-council")
    table = list(csv.reader(io.StringIO(client.get("/council/figures.csv").get_data(as_text=True).lstrip("\ufeff"))))
    names = [row[0] for row in table]
    assert "'=HYPERLINK(\"http://x\")" in names
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in table for cell in row)


def test_filters_are_a_get_form_that_works_without_javascript(app, client, world, check_page):
    sign_in(client, "demo-council")
    page = client.get("/council?by=quarter&age_band=8-11&theme=money")
    check_page(page)
    body = page.get_data(as_text=True)
    assert '<form class="filters" method="get" action="/council">' in body
    assert re.search(r'<option selected value="quarter">', body) and re.search(r'<option selected value="money">', body)
    assert "every theme" not in body.split("Showing:")[1][:200]
    assert "8 to 11" in body.split("Showing:")[1][:300]
    assert client.get("/council?start=garbage&by=decade").status_code == 200


def test_the_dashboard_runs_the_same_few_queries_whatever_the_data(app, client, world):
    sign_in(client, "demo-council")
    client.get("/council")  # warm up: the first request loads the user and settles the session
    with sql_statements(app) as empty:
        assert client.get("/council").status_code == 200
    now = this_month()
    counted(app, [(theme, add_months(now, -m), band, 2 + m % 7) for theme in ("family", "money", "health", "other")
                  for m in range(12) for band in ("8-11", "12-15", "16+")])
    with sql_statements(app) as full:
        assert client.get("/council").status_code == 200
    assert len(full) == len(empty) <= 10
    grouped = [s for s in full if "GROUP BY" in s.upper()]
    assert len(grouped) == 1 and "contribution_themes" in grouped[0]
    with sql_statements(app) as exported:
        client.get("/council/figures.csv")
    assert len(exported) <= 10


def test_quotes_can_be_filtered_and_come_a_page_at_a_time(app, client, world, check_page):
    now = this_month()
    counted(app, [("family", now, "16+", 25, Moderation.APPROVED, "Family words"),
                  ("money", add_months(now, -1), "12-15", 2, Moderation.APPROVED, "Money words")])
    sign_in(client, "demo-council")
    first = client.get("/council/quotes?theme=family")
    check_page(first)
    body = first.get_data(as_text=True)
    assert body.count("Family words") == 20 and "Money words" not in body
    following = re.search(r'href="(/council/quotes\?after=[^"]+)"', body).group(1).replace("&amp;", "&")
    second = client.get(following).get_data(as_text=True)
    assert second.count("Family words") == 5 and "More quotes" not in second
    assert client.get("/council/quotes?age_band=12-15").get_data(as_text=True).count("Money words") == 2


# ---- Campaigns ----------------------------------------------------------------------------------------


def _new_campaign(client, **fields):
    page = client.get("/council/campaigns/new")
    data = {"csrf_token": csrf_from(page), "title": "Sibling contact matters to me",
            "question": "How often do you see your brothers and sisters?", "answer_type": "choice",
            "choices": "Every week\nEvery month\nLess than that\nNever", "themes": ["family"], "written_in": "en",
            "languages": ["en"], "opens_on": date.today().isoformat(),
            "closes_on": (date.today() + timedelta(days=14)).isoformat(), **fields}
    return client.post("/council/campaigns/new", data=data)


def _answer_campaign(client, campaign_id, **fields):
    page = client.get(f"/council-campaigns/{campaign_id}")
    submission = re.search(r'name="submission" type="hidden" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    response = client.post(f"/council-campaigns/{campaign_id}", data={"csrf_token": csrf_from(page),
                                                                       "submission": submission, **fields})
    mix(client.application)
    return response


def test_a_campaign_runs_from_the_council_to_young_peoples_home_pages_and_back_as_suppressed_results(
        app, client, world, check_page):
    sign_in(client, "demo-council")
    form = client.get("/council/campaigns/new")
    check_page(form)
    response = _new_campaign(client)
    assert response.status_code == 303
    campaign_id = int(response.headers["Location"].rsplit("/", 1)[1])

    young = app.test_client()
    sign_in(young, "demo-child")
    home = young.get("/home").get_data(as_text=True)
    assert "The council is asking" in home and f'href="/council-campaigns/{campaign_id}"' in home
    page = young.get(f"/council-campaigns/{campaign_id}")
    parsed = check_page(page)
    assert "care" not in parsed.title_text.lower()
    body = page.get_data(as_text=True)
    assert "Sibling contact matters to me" in body and "Every month" in body
    assert body.index("What the council will and won't see") < body.index('<form method="post" novalidate>')
    assert _answer_campaign(young, campaign_id, answer="2", text="I miss them").status_code == 303
    (stored,) = contributions(app)
    assert (stored["source"], stored["campaign_id"], stored["answer"], stored["themes"], stored["text"]) == \
        ("campaign", campaign_id, "2", ["family"], "I miss them")
    assert sealed_tokens(app, world["yp:Alex"]) == [stored["token"]]
    again = young.get(f"/council-campaigns/{campaign_id}")
    check_page(again)
    assert "You have already answered this" in again.get_data(as_text=True)
    assert "You have answered this" in young.get("/home").get_data(as_text=True)

    results = client.get(f"/council/campaigns/{campaign_id}")
    check_page(results)
    body = results.get_data(as_text=True)
    row = re.search(r'<th scope="row"[^>]*>Every month</th><td>(.*?)</td>', body).group(1)
    assert "fewer than 5" in row and ">1<" not in body.split('id="results"')[1]


def test_campaign_results_show_numbers_of_5_or_more_and_hide_what_would_give_a_small_one_away(app, client, world):
    sign_in(client, "demo-council")
    campaign_id = int(_new_campaign(client).headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        campaign = db.session.get(Campaign, campaign_id)
        from portal.models import YoungPerson
        from portal.voice import services
        alex = db.session.get(YoungPerson, world["yp:Alex"])
        for value, number in (("1", 9), ("2", 6), ("3", 2)):
            for _ in range(number):
                services.answer_campaign(alex, campaign, value, None, "en", None)
    mix(app)
    body = client.get(f"/council/campaigns/{campaign_id}").get_data(as_text=True)
    cells = dict(re.findall(r'<th scope="row"[^>]*>(.*?)</th><td>(.*?)</td>', body))
    assert cells["Every week"] == "9"
    assert "fewer than 5" in cells["Less than that"]
    assert "hidden" in cells["Every month"]  # 17 - 9 - 0 would otherwise give the 2 away
    assert cells["Never"] == "0" and cells["Total"] == "17"


def test_a_campaign_is_only_offered_in_its_languages_and_while_open(app, client, world):
    sign_in(client, "demo-council")
    arabic = int(_new_campaign(client, title="حملة", written_in="ar", languages=["ar"]).headers["Location"]
                 .rsplit("/", 1)[1])
    later = int(_new_campaign(client, title="Later", opens_on=(date.today() + timedelta(days=3)).isoformat())
                .headers["Location"].rsplit("/", 1)[1])
    young = app.test_client()
    sign_in(young, "demo-child")
    home = young.get("/home").get_data(as_text=True)
    assert "حملة" not in home and "Later" not in home
    assert young.get(f"/council-campaigns/{arabic}").status_code == 404
    assert young.get(f"/council-campaigns/{later}").status_code == 404
    open_now = int(_new_campaign(client, title="Open now").headers["Location"].rsplit("/", 1)[1])
    assert "Open now" in young.get("/home").get_data(as_text=True)
    page = client.get(f"/council/campaigns/{open_now}")
    client.post(f"/council/campaigns/{open_now}/close", data={"csrf_token": csrf_from(page)})
    assert "Open now" not in young.get("/home").get_data(as_text=True)
    assert young.get(f"/council-campaigns/{open_now}").status_code == 404


def test_a_free_text_campaign_needs_words_and_its_quotes_follow_moderation(app, client, world, check_page):
    sign_in(client, "demo-council")
    campaign_id = int(_new_campaign(client, answer_type="text", choices="").headers["Location"].rsplit("/", 1)[1])
    young = app.test_client()
    sign_in(young, "demo-child")
    refused = _answer_campaign(young, campaign_id, text="")
    check_page(refused, status=400)
    assert "Write your answer" in refused.get_data(as_text=True)
    assert _answer_campaign(young, campaign_id, text="Every week would be good").status_code == 303
    assert "Every week would be good" not in client.get(f"/council/campaigns/{campaign_id}").get_data(as_text=True)
    (token,) = pending_tokens(app)
    page = client.get(f"/council/moderation/{token}")
    client.post(f"/council/moderation/{token}", data={"csrf_token": csrf_from(page), "decision": "approve",
                                                      "redacted": "Every week would be good"})
    assert "Every week would be good" in client.get(f"/council/campaigns/{campaign_id}").get_data(as_text=True)


def test_campaign_form_mistakes_are_explained(app, client, world, check_page):
    sign_in(client, "demo-council")
    response = _new_campaign(client, title="", choices="Only one", themes=[], languages=[],
                             closes_on=(date.today() - timedelta(days=1)).isoformat())
    check_page(response, status=400)
    body = response.get_data(as_text=True)
    for message in ("Enter a title", "Write 2 to 8 answers, one on each line", "Choose at least one theme",
                    "Choose at least one language", "The closing date must be on or after the opening date"):
        assert message in body
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Campaign)) == 0


def test_only_council_members_with_the_campaigns_permission_start_campaigns(app, client, world, check_page):
    council_account(app, "council-reader")
    sign_in(client, "council-reader")
    page = client.get("/council/campaigns")
    check_page(page)
    assert 'href="/council/campaigns/new"' not in page.get_data(as_text=True)
    check_page(client.get("/council/campaigns/new"), status=403)


# ---- "You said, we did" ---------------------------------------------------------------------------------


def test_you_said_we_did_reaches_young_peoples_home_pages(app, client, world, check_page):
    sign_in(client, "demo-council")
    page = client.get("/council/updates")
    check_page(page)
    response = client.post("/council/updates", data={
        "csrf_token": csrf_from(page), "you_said": "Contact gets cancelled at short notice.",
        "we_did": "We asked for 48 hours' notice and the Director agreed.", "themes": ["family"]})
    assert response.status_code == 303
    young = app.test_client()
    sign_in(young, "demo-child")
    home = young.get("/home")
    check_page(home)
    assert "We asked for 48 hours&#39; notice" in home.get_data(as_text=True)
    everything = young.get("/you-said-we-did")
    check_page(everything)
    assert "Contact gets cancelled at short notice." in everything.get_data(as_text=True)

    update_id = re.search(r'/council/updates/(\d+)/delete', client.get("/council/updates").get_data(as_text=True)).group(1)
    client.post(f"/council/updates/{update_id}/delete", data={"csrf_token": csrf_from(page)})
    assert "Contact gets cancelled" not in young.get("/home").get_data(as_text=True)


def test_updates_need_words_and_the_right_permission(app, client, world, check_page):
    sign_in(client, "demo-admin")
    page = client.get("/council/updates")
    response = client.post("/council/updates", data={"csrf_token": csrf_from(page), "you_said": "", "we_did": ""})
    check_page(response, status=400)
    assert "Enter what young people said" in response.get_data(as_text=True)
    council_account(app, "council-reader")
    reader = app.test_client()
    sign_in(reader, "council-reader")
    page = reader.get("/council/updates")
    check_page(page)
    assert "Post an update" not in page.get_data(as_text=True)
    refused = reader.post("/council/updates", data={"csrf_token": csrf_from(page), "you_said": "x", "we_did": "y",
                                                    "themes": ["family"]})
    check_page(refused, status=403)


# ---- Admins: permissions and themes -------------------------------------------------------------------


def test_the_demo_council_member_moderates_and_runs_campaigns(app, world):
    with app.app_context():
        permission = db.session.get(CouncilPermission, world["demo-council"])
        assert permission.can_moderate and permission.can_run_campaigns
        from portal import demo
        demo.load()
        assert db.session.scalar(select(func.count()).select_from(CouncilPermission)) == 1


def test_an_admin_grants_and_removes_council_permissions(app, client, world, check_page):
    member = council_account(app, "council-reader", name="Riley Reader")
    sign_in(client, "demo-admin")
    page = client.get("/admin/council-permissions")
    check_page(page)
    body = page.get_data(as_text=True)
    assert "Riley Reader" in body and "Jamie Council" in body
    response = client.post(f"/admin/council-permissions/{member}", data={
        "csrf_token": csrf_from(page), f"member-{member}-can_moderate": "y"})
    assert response.status_code == 303
    with app.app_context():
        permission = db.session.get(CouncilPermission, member)
        assert permission.can_moderate and not permission.can_run_campaigns
    client.post(f"/admin/council-permissions/{member}", data={"csrf_token": csrf_from(page)})
    with app.app_context():
        assert not db.session.get(CouncilPermission, member).can_moderate
    assert client.post(f"/admin/council-permissions/{world['demo-iro']}",
                       data={"csrf_token": csrf_from(page)}).status_code == 404
    with app.app_context():
        assert db.session.get(User, world["demo-iro"]).role == "iro"


def test_an_admin_chooses_the_themes_offered_and_adds_one_named_in_each_language(app, client, world, check_page):
    sign_in(client, "demo-admin")
    page = client.get("/admin/council-themes")
    check_page(page)
    offered = re.findall(r'<input checked[^>]*value="([\w-]+)"', page.get_data(as_text=True))
    assert "money" in offered and len(offered) == 11
    response = client.post("/admin/council-themes", data={"csrf_token": csrf_from(page),
                                                           "offered": [k for k in offered if k != "money"]})
    assert response.status_code == 303
    form = client.get("/admin/council-themes/new")
    check_page(form)
    refused = client.post("/admin/council-themes/new", data={"csrf_token": csrf_from(form), "name_ar": "مال"})
    check_page(refused, status=400)
    client.post("/admin/council-themes/new", data={"csrf_token": csrf_from(form), "name_en": "Sport and clubs",
                                                    "name_ar": "الرياضة والنوادي"})
    young = app.test_client()
    sign_in(young, "demo-child")
    tell_page = young.get("/tell-the-council").get_data(as_text=True)
    assert "Money and savings" not in tell_page and "Sport and clubs" in tell_page
    young.post("/language", data={"csrf_token": csrf_from(young.get("/get-help")), "locale": "ar", "next": "/home"})
    assert "الرياضة والنوادي" in young.get("/tell-the-council").get_data(as_text=True)
    # Figures still count every theme, offered or not.
    council = app.test_client()
    sign_in(council, "demo-council")
    _header, rows = _table(council.get("/council").get_data(as_text=True))
    assert "Money and savings" in rows and "Sport and clubs" in rows


def test_a_young_person_without_a_record_has_nothing_to_share(app, client, world):
    from portal.core.passwords import hash_password
    from portal.demo import PASSWORD
    from portal.models import Role

    with app.app_context():
        db.session.add(User(username="no-record", role=Role.YOUNG_PERSON, display_name="No Record",
                            password_hash=hash_password(PASSWORD)))
        db.session.commit()
    sign_in(client, "no-record")
    assert client.get("/tell-the-council").status_code == 404
    assert client.get("/my-shared-words").status_code == 404
    assert client.get("/home").status_code == 200
