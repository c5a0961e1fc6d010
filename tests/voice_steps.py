"""Steps and set-up shared by the council voice tests: telling the council, extra accounts, counted contributions."""

import re
from contextlib import contextmanager
from datetime import date

from sqlalchemy import event, select

from portal.core.passwords import hash_password
from portal.demo import PASSWORD
from portal.extensions import db
from portal.models import (
    AgeBand,
    Contribution,
    ContributionTheme,
    CouncilPermission,
    Moderation,
    MyContribution,
    Role,
    Source,
    User,
    YoungPerson,
)
from portal.models.voice import new_token
from portal.voice import mixing
from tests.conftest import csrf_from

SUBMISSION = re.compile(r'name="submission" type="hidden" value="([^"]+)"')


def tell(client, text, themes=(), submission=None, *, mixed=True):
    """Tell the council something through the real form, then (unless mixed=False) run the mixing job as if a
    batch were full; returns the response to the POST."""
    page = client.get("/tell-the-council")
    data = {"csrf_token": csrf_from(page), "text": text, "themes": list(themes),
            "submission": submission or SUBMISSION.search(page.get_data(as_text=True)).group(1)}
    response = client.post("/tell-the-council", data=data)
    if mixed:
        mix(client.application)
    return response


def mix(app, min_people=1, rng=None):
    """Run the mixing job (by default moving whatever is queued, even from one young person); returns rows moved."""
    with app.app_context():
        return mixing.mix(min_people=min_people, rng=rng)


def council_account(app, username, *, moderate=False, campaigns=False, name="Council Two"):
    """Another council account (password as the demo accounts), with the permissions asked for."""
    with app.app_context():
        user = User(username=username, role=Role.COUNCIL, display_name=name, password_hash=hash_password(PASSWORD))
        db.session.add(user)
        db.session.flush()
        if moderate or campaigns:
            db.session.add(CouncilPermission(user_id=user.id, can_moderate=moderate, can_run_campaigns=campaigns))
        db.session.commit()
        return user.id


def counted(app, rows):
    """Contributions made directly in the database: (theme(s), month, age band, how many[, status, text])."""
    with app.app_context():
        for row in rows:
            themes, period, band, number = row[:4]
            status = row[4] if len(row) > 4 else Moderation.NO_TEXT
            text = row[5] if len(row) > 5 else None
            for _ in range(number):
                contribution = Contribution(token=new_token(), source=Source.DIRECT, period=period, age_band=AgeBand(band),
                                            language="en", text=text, redacted=text if status == Moderation.APPROVED else None,
                                            status=status)
                db.session.add(contribution)
                for theme in ([themes] if isinstance(themes, str) else themes):
                    db.session.add(ContributionTheme(contribution_token=contribution.token, theme=theme,
                                                     period=period, age_band=AgeBand(band)))
        db.session.commit()


def this_month():
    return date.today().replace(day=1)


def contributions(app):
    """Every contribution with its themes, as plain dicts."""
    with app.app_context():
        found = []
        for c in db.session.scalars(select(Contribution)):
            themes = sorted(db.session.scalars(select(ContributionTheme.theme)
                                               .where(ContributionTheme.contribution_token == c.token)))
            found.append({"token": c.token, "source": c.source, "period": c.period, "age_band": c.age_band,
                          "language": c.language, "text": c.text, "redacted": c.redacted, "status": c.status,
                          "campaign_id": c.campaign_id, "answer": c.answer, "themes": themes})
        return found


def sealed_tokens(app, young_person_id):
    """The tokens in a young person's sealed list, unsealed."""
    with app.app_context():
        return sorted(db.session.scalars(select(MyContribution.sealed)
                                         .where(MyContribution.young_person_id == young_person_id)))


def pending_tokens(app):
    with app.app_context():
        return sorted(db.session.scalars(select(Contribution.token).where(Contribution.status == Moderation.PENDING)))


@contextmanager
def sql_statements(app):
    """Every SQL statement the app runs inside the block."""
    with app.app_context():
        engine = db.engine
    seen = []

    def record(_connection, _cursor, statement, _parameters, _context, _many):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def young_person_id(app, username):
    with app.app_context():
        return db.session.scalar(select(YoungPerson.id).join(User, User.id == YoungPerson.user_id)
                                 .where(User.username == username))
