"""Escalations for tests: the demo world's, and new ones raised through the same service the IRO's pages use."""

from datetime import date

from sqlalchemy import select

from portal.escalations import services
from portal.extensions import db
from portal.models import Escalation, EscalationCategory, EscalationKind, User, YoungPerson


def demo_escalations(world):
    """The demo world's escalations by young person's name: Alex's (informal, resolved), Jordan's (formal,
    stage 2, answer overdue), Sam's (closed, not resolved). Call inside an app context."""
    names = {world["yp:Alex"]: "alex", world["yp:Jordan"]: "jordan", world["yp:Sam"]: "sam"}
    return {names[escalation.young_person_id]: escalation.id for escalation in db.session.scalars(
        select(Escalation).where(Escalation.young_person_id.in_(list(names))))}


def raise_one(young_person_id, iro_id, asked_on=date(2026, 1, 5), kind=EscalationKind.FORMAL,
              category=EscalationCategory.HEALTH, follow_up=None):
    """A new open escalation at the team manager (call inside an app context); returns it."""
    return services.raise_escalation(
        db.session.get(User, iro_id), db.session.get(YoungPerson, young_person_id), kind, category,
        "The dentist appointment keeps being cancelled.", "Jo Bloggs, team manager", asked_on,
        sources=services.Sources(follow_up=follow_up))
