"""Every page a young person (or their carer, or anyone signed out) can open is valid HTML.

Browsers forgive broken markup in different ways, and assistive technology forgives less: a
`<time datetime>` a machine cannot read, or a required select whose first option is a real choice,
reaches a screen reader as something else. The Nu Html Checker (vnu.jar, the W3C's checker, from
npm's `vnu-jar`, run with Debian's Java) reads every page in one run.

The walk takes every rule in `app.url_map` the account may use (a new route is checked without
anyone listing it), fills its arguments with the real ids of the demo world, and keeps each page
that answers 200 with HTML; then every question of a started consultation and its check page,
in English and in Arabic. `scripts/dev.py test` installs the checker and sets VNU_JAR.
"""

import itertools
import json
import os
import shutil
import subprocess
from pathlib import Path

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
from tests.letters import write_letter
from tests.support_requests import make_request

VNU_JAR = os.environ.get("VNU_JAR", "")
ACCOUNTS = (None, "demo-child", "demo-carer")
# Where the real values of each URL argument come from (the young person's own, by the walk's rules).
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
# Leaving or ending the session stops the walk; these pages are checked signed out instead.
SKIPPED = {"auth.sign_out", "main.exit_page"}

pytestmark = pytest.mark.skipif(
    not (VNU_JAR and Path(VNU_JAR).is_file() and shutil.which("java")),
    reason="the Nu Html Checker runs through scripts/dev.py test (it installs vnu-jar and sets VNU_JAR)")


def _values(app, name):
    source = ARGUMENTS.get(name)
    if source is None:
        return []  # a staff-only kind of object: not on a young person's page
    if isinstance(source, list):
        return source
    with app.app_context():
        return db.session.scalars(source).all()


def _pages(app, client, user):
    """(url, html) for every GET page this account may open that answers 200 with HTML."""
    pages = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in SKIPPED or rule.endpoint == "static":
            continue
        access = rule_for(app.view_functions[rule.endpoint])
        with app.app_context():  # a council account's permissions are read from the database
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


def _consultation_pages(app, client, world):
    """Each question of a consultation Alex has started, and its check page."""
    with app.app_context():
        alex = db.session.get(YoungPerson, world["yp:Alex"])
        consultation = consultation_services.start(alex, consultation_services.next_review(alex),
                                                   db.session.get(User, world["demo-child"]), "en")
        total = len(consultation_services.form_of(consultation).questions)
        consultation_id = consultation.id
    pages = {}
    for number in range(1, total + 1):
        url = f"/have-your-say/{consultation_id}/questions/{number}"
        response = client.get(url)
        if response.status_code == 200:
            pages[url] = response.get_data(as_text=True)
    url = f"/have-your-say/{consultation_id}/check"
    pages[url] = client.get(url).get_data(as_text=True)
    return pages


def _validate(pages, folder):
    """Run vnu once over every page; returns its error messages as 'url: line: message'."""
    files = {}
    for number, (name, html) in enumerate(sorted(pages.items())):
        path = folder / f"page-{number:04d}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    command = ["java", "-Xss8m", "-jar", VNU_JAR, "--errors-only", "--format", "json", *map(str, sorted(folder.glob("page-*.html")))]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{files.get(m.get('url', '').rpartition('/')[2], m.get('url'))}:{m.get('lastLine')}: {m.get('message')}"
            for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_every_page_a_young_person_can_open_is_valid_html(app, world, tmp_path, locale, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("markup does not depend on the database: checked once, on SQLite")
    with app.app_context():
        published = write_letter(world["yp:Alex"], world["demo-iro"])
        assert published
    make_request(app, world, "demo-child", "Alex")
    pages = {}
    for account in ACCOUNTS:
        client = app.test_client()
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = locale  # the browser's language, for every account here
        user = AnonymousUserMixin()
        if account:
            assert sign_in(client, account).status_code == 303
            with app.app_context():
                user = db.session.get(User, world[account])
        found = _pages(app, client, user)
        if account == "demo-child":
            found.update(_consultation_pages(app, client, world))
        pages.update({f"{account or 'signed out'} {url}": html for url, html in found.items()})
    assert len(pages) >= 25, sorted(pages)  # the walk reached the young person's pages
    assert _validate(pages, tmp_path) == []
