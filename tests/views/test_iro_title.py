"""The IRO's own grammatical gender where a title is used: chosen on their account page, used by every such sentence."""

import re
from io import BytesIO

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import Translations

from portal.extensions import babel, db
from portal.i18n import by_title
from portal.models import User
from tests.conftest import csrf_from
from tests.letters import write_letter

INTRO = "I am %(name)s, your Independent Reviewing Officer (IRO)."
YOUR_IRO = "Your IRO is %(name)s."


def _marked_catalog():
    """A catalog in which each form of the gendered sentences says which form it is."""
    catalog = Catalog(locale="ar")
    for msgid in (INTRO, YOUR_IRO):
        catalog.add(msgid, f"NEUTRAL {msgid}")
        catalog.add(msgid, f"FEMALE {msgid}", context="iro female")
        catalog.add(msgid, f"MALE {msgid}", context="iro male")
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


@pytest.fixture
def marked(app, monkeypatch):
    translations = _marked_catalog()
    monkeypatch.setattr(babel.domain_instance, "get_translations", lambda: translations)


def test_the_helper_picks_the_form_the_person_chose_and_neutral_when_not_said():
    def pick(choice):
        return by_title(User(referred_as=choice), female="f", male="m", neutral="n")
    assert (pick("she"), pick("he"), pick(None), pick("something else")) == ("f", "m", "n", "n")


def test_staff_choose_how_they_are_referred_to_on_their_account_page(app, world, signed_in, check_page):
    iro = signed_in("demo-iro")
    page = iro.get("/account")
    check_page(page)
    assert "How should we refer to you in other languages?" in page.get_data(as_text=True)
    assert re.findall(r'<input checked [^>]*value="([a-z_]+)"', page.get_data(as_text=True)) == ["not_say"]
    bad = iro.post("/account/referred-as", data={"csrf_token": csrf_from(page), "referred_as": "they"})
    check_page(bad, status=400)
    assert iro.post("/account/referred-as", data={"csrf_token": csrf_from(page), "referred_as": "she"}).status_code == 303
    with app.app_context():
        assert db.session.get(User, world["demo-iro"]).referred_as == "she"
    assert iro.post("/account/referred-as", data={"csrf_token": csrf_from(page), "referred_as": "not_say"}).status_code == 303
    with app.app_context():
        assert db.session.get(User, world["demo-iro"]).referred_as is None


def test_a_young_persons_account_page_does_not_ask(app, world, signed_in):
    assert "How should we refer to you" not in signed_in("demo-child").get("/account").get_data(as_text=True)


@pytest.mark.parametrize(("choice", "form"), [("she", "FEMALE"), ("he", "MALE"), (None, "NEUTRAL")])
def test_the_letter_and_the_home_page_use_the_iros_chosen_form(app, world, signed_in, marked, choice, form):
    with app.app_context():
        db.session.get(User, world["demo-iro"]).referred_as = choice
        db.session.commit()
        letter = write_letter(world["yp:Alex"], world["demo-iro"])
    alex = signed_in("demo-child")
    body = alex.get(f"/review-letters/{letter.id}").get_data(as_text=True)
    assert f"{form} I am <bdi>" in body
    assert f"{form} Your IRO is <bdi>" in alex.get("/home").get_data(as_text=True)
