"""Models, one module per aggregate; importing this package registers them all."""

from portal.models.audit import AuditEvent
from portal.models.base import Base
from portal.models.care import CarerLink
from portal.models.consultations import Addition, Answer, Consultation, ConsultationStatus, SafetyFlag
from portal.models.invitations import Invitation
from portal.models.kept_forms import KeptForm
from portal.models.people import Organisation, OrganisationKind, Role, User
from portal.models.reviews import Review
from portal.models.young_people import AgeBand, YoungPerson

__all__ = [
    "Addition", "Answer", "Consultation", "ConsultationStatus", "SafetyFlag",
    "AgeBand", "AuditEvent", "Base", "CarerLink", "Invitation", "KeptForm",
    "Organisation", "OrganisationKind", "Review", "Role", "User", "YoungPerson",
]
