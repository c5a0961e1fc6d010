"""Translated names for the codes the figures count by: age bands, kinds of support, outcomes, checklist questions."""

from flask_babel import lazy_gettext as _l

from portal.models import AgeBand
from portal.models.support import SupportKind, SupportStatus

AGE_BAND_NAMES = {
    AgeBand.UNDER_8: _l("4 to 7"),
    AgeBand.FROM_8: _l("8 to 11"),
    AgeBand.FROM_12: _l("12 to 15"),
    AgeBand.FROM_16: _l("16 and over"),
}

SUPPORT_KIND_NAMES = {
    SupportKind.ADVOCATE: _l("Advocacy"),
    SupportKind.INDEPENDENT_VISITOR: _l("Independent Visitors"),
}

OUTCOME_NAMES = {
    SupportStatus.SENT: _l("Not yet acknowledged"),
    SupportStatus.ACKNOWLEDGED: _l("Acknowledged, nobody allocated yet"),
    SupportStatus.ALLOCATED: _l("Allocated, still open"),
    SupportStatus.CLOSED: _l("Closed"),
    SupportStatus.DECLINED: _l("Declined by the service"),
    SupportStatus.WITHDRAWN: _l("Withdrawn"),
}

CHECKLIST_NAMES = {
    "knows_why_in_care": _l("Knows why they are in care"),
    "knows_how_to_get_advocate": _l("Knows how to get an advocate"),
    "knows_how_to_complain": _l("Knows how to complain"),
}

NOT_RECORDED_NAME = _l("Not recorded")
