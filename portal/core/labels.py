"""Translated names for stored codes (roles, services, audit subjects)."""

from flask_babel import lazy_gettext as _l

from portal.core.timetable import DueStatus, MidwayStatus
from portal.models import LatenessReason, LegalStatus, MidwayAnswer, OrganisationKind, Participation, Role
from portal.models.support import SupportKind, SupportReason, SupportStatus

ROLE_NAMES = {
    Role.YOUNG_PERSON: _l("Young person"),
    Role.CARER: _l("Carer"),
    Role.IRO: _l("Independent Reviewing Officer"),
    Role.ADVOCACY: _l("Advocacy service"),
    Role.VISITOR: _l("Independent Visitor service"),
    Role.COUNCIL: _l("Children in Care Council member"),
    Role.ADMIN: _l("Admin"),
    Role.MANAGER: _l("Service manager"),
}

KIND_NAMES = {
    OrganisationKind.ADVOCACY: _l("Advocacy"),
    OrganisationKind.INDEPENDENT_VISITOR: _l("Independent Visitors"),
}

SUBJECT_NAMES = {
    "young_person": _l("Record"),
    "support_request": _l("Request for an advocate or Independent Visitor"),
    "letters": _l("Review letters"),
    "letter": _l("Review letter"),
    "follow_up": _l("Question about a review letter decision"),
    "consultation": _l("Views before a review"),
    "safety_flag": _l("Safety flag"),
    "review_record": _l("Record of a review"),
    "case_record": _l("Case record (JSON)"),
    "review_request": _l("Request for a sooner review"),
    "escalation": _l("Escalation"),
    "midway_check": _l("Mid-way check between reviews"),
    "two_step_reset": _l("Reset a member of staff's two-step sign-in"),
    "subject_access": _l("Subject access export: everything held"),
    "correction": _l("\"That's not right about me\" request"),
}

DUE_STATUS_NAMES = {
    DueStatus.PLANNED: _l("Planned in time"),
    DueStatus.NOT_PLANNED: _l("Not planned yet"),
    DueStatus.DUE_SOON: _l("Due within 10 working days"),
    DueStatus.PLANNED_LATE: _l("Planned after the due date"),
    DueStatus.OVERDUE: _l("Overdue"),
}

LEGAL_STATUS_NAMES = {
    LegalStatus.S20: _l("Accommodated (section 20)"),
    LegalStatus.INTERIM_CARE_ORDER: _l("Interim care order"),
    LegalStatus.CARE_ORDER: _l("Care order"),
    LegalStatus.PLACEMENT_ORDER: _l("Placement order"),
    LegalStatus.REMANDED: _l("Remanded"),
    LegalStatus.SHORT_BREAKS: _l("Short breaks"),
}

PARTICIPATION_NAMES = {
    Participation.PN0: _l("PN0: under 4 at the time of the review"),
    Participation.PN1: _l("PN1: attended and spoke for themselves"),
    Participation.PN2: _l("PN2: attended, and an advocate spoke for them"),
    Participation.PN3: _l("PN3: attended and gave their views in a non-verbal way"),
    Participation.PN4: _l("PN4: attended without contributing"),
    Participation.PN5: _l("PN5: did not attend, and an advocate gave their views"),
    Participation.PN6: _l("PN6: did not attend, and gave their views another way (this portal, or meeting the IRO first)"),
    Participation.PN7: _l("PN7: did not attend or give their views"),
}

LATENESS_NAMES = {
    LatenessReason.YOUNG_PERSON_ASKED: _l("The young person asked for a later date"),
    LatenessReason.KEY_PERSON_UNAVAILABLE: _l("Someone who needs to be there could not come earlier"),
    LatenessReason.IRO_UNAVAILABLE: _l("The IRO was not available"),
    LatenessReason.CANCELLED_AT_SHORT_NOTICE: _l("An earlier date was cancelled at short notice"),
    LatenessReason.REPORTS_NOT_READY: _l("Reports or the care plan were not ready"),
    LatenessReason.NOT_KNOWN_IN_TIME: _l("The IRO was told about the young person too late"),
    LatenessReason.OTHER: _l("Another reason"),
}

MIDWAY_STATUS_NAMES = {
    MidwayStatus.LATER: _l("Mid-way check not due yet"),
    MidwayStatus.DUE: _l("Mid-way check due"),
    MidwayStatus.OVERDUE: _l("Mid-way check overdue"),
    MidwayStatus.DONE: _l("Mid-way check done"),
}

MIDWAY_ANSWER_NAMES = {
    MidwayAnswer.YES: _l("Yes"),
    MidwayAnswer.PARTLY: _l("Partly"),
    MidwayAnswer.NO: _l("No"),
    MidwayAnswer.NOT_APPLICABLE: _l("Does not apply"),
}

# Support asked for "through my IRO", as the IRO reads it on the young person's record (same words as
# the support pages, so one translation serves both).
SUPPORT_KIND_NAMES = {
    SupportKind.ADVOCATE: _l("An advocate"),
    SupportKind.INDEPENDENT_VISITOR: _l("An Independent Visitor"),
}
SUPPORT_REASON_NAMES = {
    SupportReason.REVIEW: _l("Having their say at their review"),
    SupportReason.COMPLAINT: _l("Making a complaint"),
    SupportReason.MOVING_HOME: _l("Moving home"),
    SupportReason.FAMILY: _l("Seeing their family"),
    SupportReason.LEAVING_CARE: _l("Leaving care"),
    SupportReason.OTHER: _l("Something else"),
}
SUPPORT_STATUS_NAMES = {
    SupportStatus.SENT: _l("Sent"),
    SupportStatus.ACKNOWLEDGED: _l("Seen by the service"),
    SupportStatus.ALLOCATED: _l("Someone has been found"),
    SupportStatus.CLOSED: _l("Finished"),
    SupportStatus.DECLINED: _l("The service cannot help"),
    SupportStatus.WITHDRAWN: _l("Stopped"),
}
