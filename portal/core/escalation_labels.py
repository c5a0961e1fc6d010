"""Translated names for the stored escalation codes (the escalations pages and the figures share them)."""

from flask_babel import lazy_gettext as _l

from portal.core.escalations import YoungPersonSees
from portal.models import EscalationCategory, EscalationKind, EscalationOutcome, EscalationStage

KIND_NAMES = {
    EscalationKind.INFORMAL: _l("Informal"),
    EscalationKind.FORMAL: _l("Formal"),
}

# The annual report's wording, in its order.
CATEGORY_NAMES = {
    EscalationCategory.CARE_PLAN: _l("Incomplete or inadequate care plan"),
    EscalationCategory.DRIFT_OR_DELAY: _l("Drift or delay in care planning"),
    EscalationCategory.SAFEGUARDING: _l("Safeguarding concerns including missing episodes, criminal or sexual exploitation"),
    EscalationCategory.SOCIAL_WORK: _l("Concerns around social work provision"),
    EscalationCategory.PLACEMENT: _l("Placement concerns"),
    EscalationCategory.EDUCATION: _l("Education"),
    EscalationCategory.HEALTH: _l("Health"),
    EscalationCategory.EIGHTEEN_PLUS: _l("18+ planning (including Staying Put)"),
    EscalationCategory.MANAGEMENT: _l("Action and effectiveness of management"),
    EscalationCategory.REVIEW_DECISIONS: _l("Non-completion of review decisions"),
    EscalationCategory.OTHER: _l("Other"),
}

STAGE_NAMES = {
    EscalationStage.TEAM_MANAGER: _l("Team manager"),
    EscalationStage.SERVICE_MANAGER: _l("Service manager"),
    EscalationStage.HEAD_OF_SERVICE: _l("Head of service"),
    EscalationStage.DIRECTOR: _l("Assistant director or director of children's services"),
    EscalationStage.CAFCASS: _l("Referral to Cafcass"),
}

OUTCOME_NAMES = {
    EscalationOutcome.RESOLVED: _l("Resolved"),
    EscalationOutcome.PARTLY_RESOLVED: _l("Partly resolved"),
    EscalationOutcome.NOT_RESOLVED: _l("Not resolved"),
    EscalationOutcome.WITHDRAWN: _l("Withdrawn"),
}

OPEN_NAME = _l("Still open")

# What a young person reads on the decision they raised it from: plain words, no stages, no answers.
YOUNG_PERSON_READS = {
    YoungPersonSees.TAKING_FURTHER: _l("Your IRO is taking this further, to make sure it is sorted out."),
    YoungPersonSees.SORTED_OUT: _l("Your IRO took this further, and it has now been sorted out."),
    YoungPersonSees.FINISHED: _l("Your IRO took this further. They will talk to you about what happens next."),
}
