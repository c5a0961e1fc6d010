"""Every kind of notification, with its name for admins.

Each kind has an email template, templates/emails/<kind>.txt, which sets `subject`
and says only that there is something new and where to sign in: never a name, a
reason or anything a young person wrote. Other capabilities add their kinds here.
"""

from flask_babel import lazy_gettext as _l

KINDS = {
    "support_new_request": _l("New request for a service"),
    "support_request_withdrawn": _l("Request withdrawn, for the service"),
    "support_status_changed": _l("News about a request, for the young person or the person who asked"),
    "letter_published": _l("A review letter is ready, for the young person"),
    "letter_corrected": _l("A review letter was corrected, for the young person"),
    "consultation_sent": _l("A young person has sent their views before a review, for their IRO"),
    "urgent_flag": _l("Something a young person wrote needs looking at soon, for their IRO"),
    "urgent_flag_duty": _l("An urgent safety flag out of hours, for the duty contact"),
    "review_next_week": _l("A review is a week away, for the young person"),
    "review_tomorrow": _l("A review is tomorrow, for the young person"),
    "carer_review_next_week": _l("A review is a week away, for the carer"),
    "carer_review_tomorrow": _l("A review is tomorrow, for the carer"),
    "iro_replied": _l("The IRO answered a question about a decision, for the young person"),
    "password_reset_link": _l("A link to choose a new password, for a member of staff who asked"),
    "correction_requested": _l("A young person says something about them is not right, for their IRO"),
    "correction_answered": _l("The IRO has answered what a young person said was not right, for the young person"),
}


# Safety messages: sent first and retried at least every minute while the mail server is down.
URGENT_KINDS = frozenset({"urgent_flag", "urgent_flag_duty"})


def template_for(kind: str) -> str:
    """The email template of a kind (its `subject` is also the text message)."""
    return f"emails/{kind}.txt"
