"""No English left on a young person's pages in Arabic, Persian and Pashto (issue 14).

A child who reads Pashto and meets an English sentence on a page about their own safety learns that
the page was not written for them. The walk opens every page a young person, a carer and someone
signed out can reach (every GET rule of `app.url_map` they may use, with the demo world's ids, and
each question of a consultation) and reads the text a person sees, leaving out what is not the
portal's to translate: people's own words and names (marked `dir="auto"` or `<bdi>`), other
languages marked with their own `lang` (the language switcher), scripts and styles.

What remains may hold Latin letters only for names of services and organisations that have no
translation (Childline, the council's service name), acronyms the glossaries keep (IRO), numbers
and addresses. Anything else is English that a translator never saw.
"""

import itertools
import re
from html.parser import HTMLParser

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from portal.consultation import services as consultation_services
from portal.extensions import db
from portal.models import Consultation, Review, User, YoungPerson
from portal.models.letters import Decision, ReviewLetter
from portal.models.support import SupportRequest
from portal.models.voice import Campaign, CouncilUpdate, MyContribution
from portal.security.access import rule_for
from tests.conftest import sign_in

LOCALES = ["ar", "fa", "ps"]
ACCOUNTS = (None, "demo-child", "demo-carer")
SKIPPED_ENDPOINTS = {"auth.sign_out", "main.exit_page", "static"}
ARGUMENTS = {
    "young_person_id": select(YoungPerson.id),
    "review_id": select(Review.id),
    "consultation_id": select(Consultation.id),
    "letter_id": select(ReviewLetter.id),
    "decision_id": select(Decision.id),
    "request_id": select(SupportRequest.id),
    "campaign_id": select(Campaign.id),
    "update_id": select(CouncilUpdate.id),
    "key": select(MyContribution.id),
    "kind": ["advocate", "independent-visitor"],
    "number": [1],
}
# Names with no translation: services, organisations, the acronym every glossary keeps, and the
# words of phone numbers and addresses (the help lines' own names are proper names too).
PROPER_NAMES = {
    "iro", "iros", "childline", "coram", "voice", "shout", "samaritans", "help", "at", "hand", "nspcc",
    "www", "https", "http", "org", "uk", "gov", "co", "com", "bbc", "cafcass", "ofsted", "sms", "pdf", "csv",
    "zip", "json", "email", "pin",
    "shift",  # the key is labelled Shift on keyboards whatever their language
}
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Addresses are not words: emails, web addresses and domains (ico.org.uk) are shown as they are.
ADDRESS = re.compile(r"[\w.+-]+@[\w.-]+|(?:https?://)?[\w-]+(?:\.[\w-]+)+\S*")
SKIP_TAGS = {"script", "style", "bdi", "code", "kbd", "samp", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _VisibleText(HTMLParser):
    """The page's own text, without people's words, other languages' text, scripts and styles."""

    def __init__(self, page_locale):
        super().__init__(convert_charrefs=True)
        self.page_locale, self.stack, self.words = page_locale, [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        # dir="ltr" inside a right-to-left page isolates numbers, codes and addresses.
        skip = (tag in SKIP_TAGS or attrs.get("dir") in ("auto", "ltr") or attrs.get("translate") == "no"
                or (attrs.get("lang") not in (None, self.page_locale)) or "hidden" in attrs)
        self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if not any(skip for _tag, skip in self.stack):
            self.words += LATIN_WORD.findall(ADDRESS.sub(" ", data))


def _values(app, name):
    source = ARGUMENTS.get(name)
    if source is None:
        return []
    if isinstance(source, list):
        return source
    with app.app_context():
        return db.session.scalars(source).all()


def _pages(app, client, user):
    pages = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        access = rule_for(app.view_functions[rule.endpoint])
        with app.app_context():
            admitted = access is not None and access.admits(db.session.merge(user) if user.is_authenticated else user)
        if not admitted:
            continue
        names = sorted(rule.arguments)
        for values in itertools.product(*(_values(app, name) for name in names)):
            url = rule.build(dict(zip(names, values, strict=True)))[1]
            response = client.get(url)
            if response.status_code == 200 and response.mimetype == "text/html":
                pages[url] = response.get_data(as_text=True)
    return pages


def _question_pages(app, client, world):
    with app.app_context():
        alex = db.session.get(YoungPerson, world["yp:Alex"])
        consultation = consultation_services.start(alex, consultation_services.next_review(alex),
                                                   db.session.get(User, world["demo-child"]), "en")
        total = len(consultation_services.form_of(consultation).questions)
        consultation_id = consultation.id
    urls = [f"/have-your-say/{consultation_id}/questions/{n}" for n in range(1, total + 1)]
    urls.append(f"/have-your-say/{consultation_id}/check")
    return {url: client.get(url).get_data(as_text=True) for url in urls}


def _allowed_words(app):
    """Proper names: the configured service name, and people's names (shown in <bdi> where they are typed)."""
    with app.app_context():
        people = [f"{u.display_name} {u.username}" for u in db.session.scalars(select(User))]
        people += [p.first_name for p in db.session.scalars(select(YoungPerson))]
        service = app.config["SERVICE_NAME"]
    return PROPER_NAMES | {word.lower() for text in (*people, service) for word in LATIN_WORD.findall(text)}


@pytest.mark.parametrize("locale", LOCALES)
def test_no_english_is_left_on_a_young_persons_pages(app, world, locale, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("the words on a page do not depend on the database: checked once, on SQLite")
    allowed = _allowed_words(app)
    left = {}
    for account in ACCOUNTS:
        client = app.test_client()
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = locale
        user = AnonymousUserMixin()
        if account:
            assert sign_in(client, account).status_code == 303
            with app.app_context():
                user = db.session.get(User, world[account])
        pages = _pages(app, client, user)
        if account == "demo-child":
            pages.update(_question_pages(app, client, world))
        for url, html in pages.items():
            assert f'lang="{locale}"' in html[:200], url
            parser = _VisibleText(locale)
            parser.feed(html)
            # Codes and their examples (ABCD-EFGH) and acronyms are capitals only.
            english = sorted({word for word in parser.words if word.lower() not in allowed and not word.isupper()})
            if english:
                left[f"{account or 'signed out'} {url}"] = english
    assert left == {}, "\n".join(f"{page}: {words}" for page, words in sorted(left.items()))
