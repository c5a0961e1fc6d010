"""The words shown for stored codes: kinds of support, reasons, contact methods and statuses."""

from flask_babel import lazy_gettext as _l

from portal.models.support import ContactMethod, SupportKind, SupportReason, SupportStatus

# URL part <-> kind of support.
SLUGS = {"advocate": SupportKind.ADVOCATE, "independent-visitor": SupportKind.INDEPENDENT_VISITOR}
SLUG_OF = {kind: slug for slug, kind in SLUGS.items()}

KIND_NAMES = {
    SupportKind.ADVOCATE: _l("An advocate"),
    SupportKind.INDEPENDENT_VISITOR: _l("An Independent Visitor"),
}

# What an advocate could help with, as the young person says it ...
REASONS_MINE = {
    SupportReason.REVIEW: _l("Having my say at my review"),
    SupportReason.COMPLAINT: _l("Making a complaint"),
    SupportReason.MOVING_HOME: _l("Moving home"),
    SupportReason.FAMILY: _l("Seeing my family"),
    SupportReason.LEAVING_CARE: _l("Leaving care"),
    SupportReason.OTHER: _l("Something else"),
}
# ... and as a carer, an IRO or the service reads it.
REASONS_THEIRS = {
    SupportReason.REVIEW: _l("Having their say at their review"),
    SupportReason.COMPLAINT: _l("Making a complaint"),
    SupportReason.MOVING_HOME: _l("Moving home"),
    SupportReason.FAMILY: _l("Seeing their family"),
    SupportReason.LEAVING_CARE: _l("Leaving care"),
    SupportReason.OTHER: _l("Something else"),
}

CONTACT_MINE = {
    ContactMethod.PHONE: _l("A phone call"),
    ContactMethod.TEXT: _l("A text message"),
    ContactMethod.EMAIL: _l("An email"),
    ContactMethod.CARER: _l("Through my carer"),
    ContactMethod.IRO: _l("Through my IRO"),
}
CONTACT_THEIRS = {
    ContactMethod.PHONE: _l("A phone call"),
    ContactMethod.TEXT: _l("A text message"),
    ContactMethod.EMAIL: _l("An email"),
    ContactMethod.CARER: _l("Through their carer"),
    ContactMethod.IRO: _l("Through their IRO"),
}

STATUS_NAMES = {
    SupportStatus.SENT: _l("Sent"),
    SupportStatus.ACKNOWLEDGED: _l("Seen by the service"),
    SupportStatus.ALLOCATED: _l("Someone has been found"),
    SupportStatus.CLOSED: _l("Finished"),
    SupportStatus.DECLINED: _l("The service cannot help"),
    SupportStatus.WITHDRAWN: _l("Stopped"),
}
