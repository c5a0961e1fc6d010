"""Forms for escalations: raising one, a stage's answer, going up a stage, closing it. They never touch the database."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError

from portal.core.escalation_labels import CATEGORY_NAMES, KIND_NAMES, OUTCOME_NAMES
from portal.escalations.services import Resolved
from portal.forms import PortalForm
from portal.validators import CleanText, MaxLength, NotInFuture


def _asked(label):
    return StringField(label, description=_l("A name and role, such as \u201cJo Bloggs, team manager\u201d."),
                       validators=[DataRequired(_l("Enter who you asked")), CleanText(),
                                   MaxLength(200, _l("Who you asked must be 200 characters or fewer"))])


def _day(label, required_message, future_message):
    return DateField(label, validators=[DataRequired(required_message), NotInFuture(future_message)])


def _note(label, required=False):
    first = DataRequired(_l("Enter what they said")) if required else Optional()
    return TextAreaField(label, validators=[first, CleanText(),
                                            MaxLength(5000, _l("This must be 5,000 characters or fewer"))])


class RaiseForm(PortalForm):
    """Raise an escalation: informal in a few taps (kind, category, who you asked), formal the same way."""

    class Meta:
        csrf = False  # the app checks every POST's token

    kind = RadioField(_l("Informal or formal?"), choices=[SelectChoice(kind.value, name) for kind, name in KIND_NAMES.items()],
                      description=_l("Informal: a conversation, usually with the team manager. Formal: the written "
                                     "dispute resolution process."),
                      validators=[InputRequired(_l("Choose informal or formal"))])
    category = RadioField(_l("What is it about?"),
                          choices=[SelectChoice(category.value, name) for category, name in CATEGORY_NAMES.items()],
                          validators=[InputRequired(_l("Choose what the escalation is about"))])
    concern = _note(_l("The concern (optional)"))
    asked = _asked(_l("Who did you raise it with?"))
    asked_on = _day(_l("When did you raise it?"), _l("Enter the day you raised it as a real date"),
                    _l("The day you raised it cannot be in the future"))
    response = _note(_l("What did they say? (optional)"))
    resolved = RadioField(_l("Did that sort it out?"), choices=[
        SelectChoice(Resolved.NOT_YET.value, _l("No answer yet")),
        SelectChoice(Resolved.YES.value, _l("Yes: close it as resolved")),
        SelectChoice(Resolved.NO.value, _l("No: keep it open")),
    ], default=Resolved.NOT_YET.value, validators=[InputRequired(_l("Choose whether that sorted it out"))])

    def validate_resolved(self, field):
        # What they said is kept only with whether it sorted it out: never dropped without a word.
        if field.data == Resolved.NOT_YET.value and (self.response.data or "").strip():
            raise ValidationError(_l("You wrote what they said: choose whether that sorted it out"))


class ResponseForm(PortalForm):
    """The answer of the stage the escalation is at."""

    class Meta:
        csrf = False

    stage = HiddenField()
    response = _note(_l("What did they say?"), required=True)
    responded_on = _day(_l("When did they answer?"), _l("Enter the day they answered as a real date"),
                        _l("The day they answered cannot be in the future"))
    resolved = RadioField(_l("Did their answer resolve it?"), choices=[
        SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        validators=[InputRequired(_l("Choose whether their answer resolved it"))])


class EscalateForm(PortalForm):
    """Take it to the next stage in one action."""

    class Meta:
        csrf = False

    stage = HiddenField()
    asked = _asked(_l("Who are you taking it to?"))
    asked_on = _day(_l("When did you ask them?"), _l("Enter the day you asked them as a real date"),
                    _l("The day you asked them cannot be in the future"))


class CloseForm(PortalForm):
    """Close it with an outcome."""

    class Meta:
        csrf = False

    outcome = RadioField(_l("How did it end?"),
                         choices=[SelectChoice(outcome.value, name) for outcome, name in OUTCOME_NAMES.items()],
                         validators=[InputRequired(_l("Choose how it ended"))])
    closed_on = _day(_l("When did it end?"), _l("Enter the day it ended as a real date"),
                     _l("The day it ended cannot be in the future"))
    note = _note(_l("Anything to add? (optional)"))
