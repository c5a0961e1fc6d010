"""Translated names for stored codes (roles, services, audit subjects)."""

from flask_babel import lazy_gettext as _l

from portal.models import OrganisationKind, Role

ROLE_NAMES = {
    Role.YOUNG_PERSON: _l("Young person"),
    Role.CARER: _l("Carer"),
    Role.IRO: _l("Independent Reviewing Officer"),
    Role.ADVOCACY: _l("Advocacy service"),
    Role.VISITOR: _l("Independent Visitor service"),
    Role.COUNCIL: _l("Children in Care Council member"),
    Role.ADMIN: _l("Admin"),
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
}
