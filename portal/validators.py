"""Field checks shared by every form, each with a whole-sentence translated message."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from portal.core.clock import local_today
from portal.dates import format_date


class CleanText:
    """Refuse control characters such as NUL that cannot be stored or shown."""

    message = _l("Remove the unusual characters from this answer.")

    def __call__(self, form, field):
        value = field.data or ""
        if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in value):
            raise ValidationError(self.message)


class NotInFuture:
    """A date that has already happened (or is today, where the service runs)."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if field.data is not None and field.data > local_today():
            raise ValidationError(self.message)


class HeldOnDay:
    """The day a review took place: not in the future, and not before the review was planned.

    The form says how early the day can be in `form.earliest` (portal.core.reviews.planned_on);
    one rule for every form that records a held review.
    """

    def __call__(self, form, field):
        if field.data is None:
            return
        if field.data > local_today():
            raise ValidationError(_("The day the review took place cannot be in the future"))
        earliest = getattr(form, "earliest", None)
        if earliest is not None and field.data < earliest:
            raise ValidationError(_("The day the review took place cannot be before the review was planned "
                                    "(%(day)s)", day=format_date(earliest, "long")))


class MaxLength:
    """A length limit that keeps the text and says how much too long it is."""

    def __init__(self, maximum, message):
        self.maximum = maximum
        self.message = message

    def __call__(self, form, field):
        if len(field.data or "") > self.maximum:
            raise ValidationError(self.message)
