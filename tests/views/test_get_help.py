"""The "Get help now" page: every place to get help, the right ones for each person, every number left to right."""

import re
from datetime import timedelta
from html.parser import HTMLParser

from portal.core.clock import local_today
from portal.extensions import db
from portal.models import YoungPerson
from tests.conftest import sign_in

# What is shown, and what the link dials or texts.
EVERYONE = {"999": "tel:999", "0800 1111": "tel:08001111", "85258": "sms:85258", "0800 528 0731": "tel:08005280731",
            "0808 800 5792": "tel:08088005792"}
SAMARITANS = {"116 123": "tel:116123"}
CHILDLINE_CHAT = "https://www.childline.org.uk/get-support/1-2-1-counsellor-chat/"


class _NumberLinks(HTMLParser):
    """Every tel: and sms: link: its text, its href and the element it sits in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self._open, self._link = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and (attrs.get("href") or "").startswith(("tel:", "sms:")):
            parent = self._open[-1] if self._open else (None, {})
            self._link = {"href": attrs["href"], "text": "", "parent": parent}
            self.links.append(self._link)
        self._open.append((tag, attrs))

    def handle_endtag(self, tag):
        while self._open and self._open.pop()[0] != tag:
            pass
        if tag == "a":
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"] += data


def number_links(response):
    """{shown number: href} for every tel:/sms: link, after checking each sits alone in a left-to-right <bdi>."""
    parser = _NumberLinks()
    parser.feed(response.get_data(as_text=True))
    for link in parser.links:
        tag, attrs = link["parent"]
        assert (tag, attrs.get("dir")) == ("bdi", "ltr"), link
    return {link["text"]: link["href"] for link in parser.links}


def _make_older(app, world, name, years):
    with app.app_context():
        person = db.session.get(YoungPerson, world[f"yp:{name}"])
        person.date_of_birth = local_today() - timedelta(days=years * 366)  # `years` old, whatever today is
        db.session.commit()


def test_everyone_is_given_999_childline_shout_advocacy_and_help_at_hand_each_number_left_to_right(
        client, world, check_page):
    response = client.get("/get-help")
    check_page(response)
    links = number_links(response)
    assert EVERYONE.items() <= links.items()
    body = response.get_data(as_text=True)
    assert f'href="{CHILDLINE_CHAT}"' in body
    for words in ("Childline", "Shout", "Coram Voice", "Help at Hand", "ask for the police or an ambulance"):
        assert words in body


def test_the_page_stays_light_no_images_no_scripts_of_its_own_no_third_party_requests(client, world):
    body = client.get("/get-help").get_data(as_text=True)
    main = body.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<img" not in main and "<script" not in main and "<iframe" not in main and "<svg" not in main
    # Everything the page loads comes from the portal itself: Childline's chat is a plain link.
    assert all(url.startswith("/") for url in re.findall(r'(?:src|<link[^>]*href)="([^"]*)"', body))
    assert len(body.encode()) < 8_000


def test_a_young_person_under_16_is_not_shown_samaritans(client, world):
    sign_in(client, "demo-child")  # Alex, 14
    response = client.get("/get-help")
    links = number_links(response)
    assert "116 123" not in links and "Samaritans" not in response.get_data(as_text=True)
    assert EVERYONE.items() <= links.items()


def test_a_young_person_of_16_or_over_is_shown_samaritans(app, client, world):
    _make_older(app, world, "Alex", 16)
    sign_in(client, "demo-child")
    response = client.get("/get-help")
    assert SAMARITANS.items() <= number_links(response).items()
    assert "If you are 16 or older, you can call Samaritans" in response.get_data(as_text=True)


def test_carers_staff_and_visitors_not_signed_in_are_shown_every_number_including_samaritans(app, world):
    for username in (None, "demo-carer", "demo-iro"):
        client = app.test_client()
        if username:
            sign_in(client, username)
        links = number_links(client.get("/get-help"))
        assert (EVERYONE | SAMARITANS).items() <= links.items(), username


def test_the_duty_number_is_shown_only_when_configured(app, client, world):
    before = client.get("/get-help")
    assert "emergency social work team" not in before.get_data(as_text=True)
    app.config["DUTY_PHONE"] = "01632 960 999"
    after = client.get("/get-help")
    assert number_links(after)["01632 960 999"] == "tel:01632960999"
    assert "emergency social work team" in after.get_data(as_text=True)


def test_a_young_person_is_given_their_own_iros_number_left_to_right(client, world, check_page):
    sign_in(client, "demo-child")
    response = client.get("/get-help")
    check_page(response)
    assert number_links(response)["01632 960 001"] == "tel:01632960001"
    assert "Priya Shah" in response.get_data(as_text=True)


def test_in_arabic_every_number_is_still_there_and_left_to_right(client, world, check_page):
    client.get("/get-help", headers={"Accept-Language": "ar"})
    response = client.get("/get-help", headers={"Accept-Language": "ar"})
    check_page(response, locale="ar")
    assert (EVERYONE | SAMARITANS).items() <= number_links(response).items()
