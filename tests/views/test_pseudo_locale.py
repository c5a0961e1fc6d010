"""The pseudo-locale (accented, 40% longer) over every GET route a young person, carer, IRO and admin can reach:
no English left outside people's own text. Routes come from the walker over app.url_map with real ids."""

import time

import pytest
from sqlalchemy import select

from portal import create_app
from portal.extensions import db
from portal.letters import translations
from portal.models import Organisation, Recommendation, Review, User, YoungPerson
from portal.pseudo import KEEP, PSEUDO_LOCALE, pseudo_text
from tests.conftest import sign_in
from tests.letters import answer, write_letter
from tests.pseudo import pseudo_directory, unwrapped_english
from tests.views.test_audit_every_render import _requests

ACCOUNTS = ("demo-child", "demo-carer", "demo-iro", "demo-admin")


def test_the_pseudo_text_keeps_placeholders_and_tags_and_is_longer():
    text = 'Email: <a href="mailto:{{ email }}" dir="ltr">{{ email }}</a> or call %(name)s on %(number)s.'
    pseudo = pseudo_text(text)
    for kept in ('<a href="mailto:{{ email }}" dir="ltr">', "{{ email }}", "</a>", "%(name)s", "%(number)s"):
        assert kept in pseudo
    assert "Éɱàîļ" in pseudo and len(KEEP.sub("", pseudo)) >= len(KEEP.sub("", text)) * 1.35
    assert pseudo_text("%(percent)s%%") == "%(percent)s%%"


def test_the_pseudo_locale_is_not_offered_unless_configured(app):
    assert PSEUDO_LOCALE not in app.config["LANGUAGES"]


@pytest.fixture
def pseudo_app(app, world, database_url):
    """The test app on the same database, with the pseudo-locale, and a letter (answered, translated)."""
    pseudo = create_app("test", {"DATABASE_URL": database_url, "PSEUDO_LOCALE_DIR": str(pseudo_directory())})
    with app.app_context():
        letter = write_letter(world["yp:Alex"], world["demo-iro"])
        answer(letter, 1, world["yp:Alex"])
        asked = translations.request_translation(letter, "ar")
        translations.publish(asked, db.session.get(User, world["demo-iro"]), {"told_us": "قلت لنا"}, {})
        for username in ACCOUNTS:
            db.session.get(User, world[username]).locale = PSEUDO_LOCALE
        db.session.commit()
    yield pseudo
    with pseudo.app_context():
        db.engine.dispose()


def _names(app):
    # People's names and usernames are their own words, shown as they are (the same for organisations), and so
    # is what an IRO wrote down at a review (which held review a route's first link opens differs by database).
    with app.app_context():
        names = [*db.session.scalars(select(User.display_name)), *db.session.scalars(select(User.username)),
                 *db.session.scalars(select(User.email)), *db.session.scalars(select(YoungPerson.first_name)),
                 *db.session.scalars(select(YoungPerson.case_reference)), *db.session.scalars(select(Organisation.name)),
                 *db.session.scalars(select(Organisation.email)), *db.session.scalars(select(Recommendation.what)),
                 *db.session.scalars(select(Recommendation.who)),
                 *db.session.scalars(select(Review.lateness_note))]
    return tuple(sorted({name for name in names if name}, key=len, reverse=True)) + (app.config["SERVICE_NAME"],)


@pytest.mark.parametrize("account", ACCOUNTS)
def test_every_page_a_person_reaches_is_translated_in_the_pseudo_locale(pseudo_app, world, account):
    started = time.monotonic()
    client = pseudo_app.test_client()
    assert sign_in(client, account).status_code == 303
    with pseudo_app.app_context():
        user = db.session.get(User, world[account])
        _ = user.role
    allowed = _names(pseudo_app)
    english, pages, done_rules = [], 0, set()
    for method, url, _form in _requests(pseudo_app, user):
        if method != "GET" or "?" in url:
            continue
        rule = pseudo_app.url_map.bind("localhost").match(url, return_rule=True)[0].rule
        if rule in done_rules:  # one page per route is enough: the words are the template's
            continue
        response = client.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        done_rules.add(rule)
        pages += 1
        assert '<html lang="en_001"' in response.get_data(as_text=True), url
        english += [f"{url}: {text}" for text in unwrapped_english(response.get_data(as_text=True), allowed)]
    print(f"{account}: {pages} pages in {time.monotonic() - started:.1f} s")
    assert pages >= 5
    assert english == [], "\n".join(english)
