"""Forms of the data rights pages: saying something is wrong, and the IRO's answer."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired

from portal.forms import PortalForm
from portal.validators import CleanText, MaxLength

MAX_WORDS = 2000


class NotRightForm(PortalForm):
    """A young person saying part of a letter or of their record is wrong. The choices come from the route."""

    about = RadioField(_l("What is not right?"), choices=[], validate_choice=True,
                       validators=[InputRequired(_l("Choose what is not right"))])
    what_is_wrong = TextAreaField(
        _l("What is wrong, in your own words?"),
        description=_l("Only your IRO reads this. You can say what it should say instead."),
        validators=[DataRequired(_l("Tell us what is wrong")), CleanText(),
                    MaxLength(MAX_WORDS, _l("This must be 2,000 characters or fewer"))])


class CorrectionAnswerForm(PortalForm):
    """The IRO's answer to a "That's not right about me" request."""

    outcome = RadioField(_l("What did you do?"), choices=[
        SelectChoice("corrected", _l("I corrected it")),
        SelectChoice("not_changed", _l("I did not change it")),
    ], validators=[InputRequired(_l("Choose whether you corrected it"))])
    answer = TextAreaField(
        _l("Your answer to the young person"),
        description=_l("They read this. Say what you changed, or why it stays as it is."),
        validators=[DataRequired(_l("Write your answer to the young person")), CleanText(),
                    MaxLength(MAX_WORDS, _l("This must be 2,000 characters or fewer"))])
