"""Every page a young person, a carer or someone signed out can open, as HTML, in one language.

The walk takes every GET rule in `app.url_map` the account may use (a new route is walked without anyone
listing it), fills its arguments with the demo world's real ids, and keeps each page that answers 200 with
HTML; then every question of a consultation Alex starts, and its check page. Used by the checks that read
every young person's page (valid HTML, no English left).
"""

import itertools

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

ACCOUNTS = (None, "demo-child", "demo-carer")
# Where the real values of each URL argument come from; a staff-only kind of object has none here.
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
# Leaving or ending the session stops the walk.
SKIPPED = {"auth.sign_out", "main.exit_page", "static"}


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
        if "GET" not in rule.methods or rule.endpoint in SKIPPED:
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


def every_page(app, world, locale):
    """{"<account> <url>": html} for every account in ACCOUNTS, the browser asking for `locale`."""
    pages = {}
    for account in ACCOUNTS:
        client = app.test_client()
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = locale
        user = AnonymousUserMixin()
        if account:
            assert sign_in(client, account).status_code == 303
            with app.app_context():
                user = db.session.get(User, world[account])
        found = _pages(app, client, user)
        if account == "demo-child":
            found.update(_question_pages(app, client, world))
        pages.update({f"{account or 'signed out'} {url}": html for url, html in found.items()})
    return pages
