"""Emails and text messages reach each person in their own language, for every one of the portal's languages.

A message is rendered in the language saved on the recipient's account (portal.core.outbox keeps it on
the outbox row) through that language's catalog: every kind of message, in every language the portal
offers, differs from the English one in its subject and in every sentence of its body, and says it is
in that language. Only the service's name, the sign-in address and the IRO's acronym may stay as they are.
"""

import re

import pytest

from portal.config import LANGUAGES
from portal.core.message_kinds import KINDS
from portal.core.outbox import notify
from portal.extensions import db
from portal.models import OutboxMessage, Role
from portal.notifications.sender import build_email, render, text_message
from tests import factories

OTHER_LANGUAGES = sorted(code for code in LANGUAGES if code != "en")
LINK = "https://portal.example/reset/abc"


def _sentences(body, app):
    """The body's lines that are words (not the sign-in address, a link or the service's name)."""
    keep = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line == app.config["SERVICE_NAME"] or re.fullmatch(r"https?://\S+", line):
            continue
        keep.append(line)
    return keep


@pytest.mark.parametrize("locale", OTHER_LANGUAGES)
def test_every_message_is_written_in_the_recipients_language(app, locale):
    untranslated = []
    with app.test_request_context():
        for kind in KINDS:
            subject_en, body_en = render(kind, "en", LINK)
            subject, body = render(kind, locale, LINK)
            if subject == subject_en:
                untranslated.append(f"{kind}: subject")
            english_lines = set(_sentences(body_en, app))
            untranslated += [f"{kind}: {line}" for line in _sentences(body, app) if line in english_lines]
            assert text_message(kind, locale).startswith(subject)
    assert untranslated == []


@pytest.mark.parametrize("locale", ["ar", "fa", "ti", "pl"])
def test_a_person_who_chose_a_language_gets_their_email_in_it(app, locale):
    with app.app_context():
        person = factories.user(f"reader-{locale}", Role.YOUNG_PERSON, locale=locale)
        message = notify(person, "review_next_week")
        db.session.commit()
        stored = db.session.get(OutboxMessage, message.id)
        assert stored.locale == locale
        with app.test_request_context():
            email = build_email(stored, "reader@example.org")
            subject, _body = render("review_next_week", locale)
    assert email["Content-Language"] == locale
    assert email["Subject"] == subject
