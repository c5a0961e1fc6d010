"""Queries and changes for the admin's pages."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.core.invitations import create_invitation
from portal.extensions import db
from portal.models import AuditEvent, Organisation, OrganisationKind, Role, User, YoungPerson
from portal.models.people import new_session_token

PAGE_SIZE = 100


def people():
    """Every account, staff first."""
    return db.session.scalars(select(User).order_by(User.role, User.display_name)).all()


def organisations():
    """Every organisation, by name."""
    return db.session.scalars(select(Organisation).order_by(Organisation.name)).all()


def invite_staff(admin, display_name, email, role, organisation_id):
    """A one-time code for a new member of staff."""
    organisation = int(organisation_id) if organisation_id and role in (Role.ADVOCACY, Role.VISITOR) else None
    code = create_invitation(role=Role(role), display_name=display_name.strip(), email=email or None,
                             created_by=admin, organisation_id=organisation)
    db.session.commit()
    return code


def add_organisation(name, kind, email):
    """A new advocacy or Independent Visitor service."""
    organisation = Organisation(name=name.strip(), kind=OrganisationKind(kind), email=email or None)
    db.session.add(organisation)
    db.session.commit()
    return organisation


def deactivate(user_id, admin):
    """Stop an account signing in and end its sessions; an admin cannot lock themselves out."""
    user = db.session.get(User, user_id)
    if user is None or user.id == admin.id:
        return None
    user.active = False
    user.session_token = new_session_token()
    db.session.commit()
    return user


def audit_events(young_person_id=None, actor_id=None, before_id=None):
    """The newest audit events, filtered by young person and/or member of staff, a page at a time."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(PAGE_SIZE)
    if young_person_id:
        query = query.where(AuditEvent.young_person_id == young_person_id)
    if actor_id:
        query = query.where(AuditEvent.actor_id == actor_id)
    if before_id:
        query = query.where(AuditEvent.id < before_id)
    return db.session.scalars(query.options(selectinload(AuditEvent.actor), selectinload(AuditEvent.young_person))).all()


def audit_filters():
    """Choices for the audit filters: young people and members of staff."""
    young_people = db.session.execute(select(YoungPerson.id, YoungPerson.first_name, YoungPerson.case_reference)
                                      .order_by(YoungPerson.first_name)).all()
    staff = db.session.execute(select(User.id, User.display_name).where(User.role.in_(
        [Role.IRO, Role.ADVOCACY, Role.VISITOR, Role.COUNCIL, Role.MANAGER, Role.ADMIN])).order_by(User.display_name)).all()
    return young_people, staff
