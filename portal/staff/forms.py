"""Forms an IRO uses to add a young person, plan a review and invite people."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional, ValidationError

from portal.forms import PortalForm
from portal.labels import LATENESS_NAMES, LEGAL_STATUS_NAMES
from portal.templating import local_today
from portal.validators import CleanText, MaxLength


class YoungPersonForm(PortalForm):
    """A young person's record: only what the service needs."""

    first_name = StringField(_l("First name"), description=_l("The name they like to be called. No surname is needed."),
                             validators=[DataRequired(_l("Enter their first name")), CleanText(),
                                         MaxLength(60, _l("First names are 60 characters or fewer"))])
    date_of_birth = DateField(_l("Date of birth"), description=_l("Used to choose the right form for their age."),
                              validators=[DataRequired(_l("Enter their date of birth as a real date"))])
    case_reference = StringField(_l("Case reference (optional)"),
                                 validators=[Optional(), CleanText(),
                                             MaxLength(40, _l("Case references are 40 characters or fewer"))])

    def validate_date_of_birth(self, field):
        if field.data is None:
            return
        today = date.today()
        if field.data > today:
            raise ValidationError(_l("Date of birth must be in the past"))
        if (today - field.data).days > 26 * 366:
            raise ValidationError(_l("This service is for young people up to 25"))


class ReviewForm(PortalForm):
    """When and where a review will be held."""

    day = DateField(_l("Date of the review"), validators=[DataRequired(_l("Enter the date of the review as a real date"))])
    time = TimeField(_l("Time"), validators=[DataRequired(_l("Enter the time of the review, like 16:30"))])
    place = StringField(_l("Place (optional)"),
                        description=_l("The young person sees this. Not at school, unless the young person asked for it."),
                        validators=[Optional(), CleanText(), MaxLength(200, _l("The place must be 200 characters or fewer"))])
    staff_notes = TextAreaField(_l("Notes for staff (optional)"),
                                description=_l("Only staff see these notes, never the young person."),
                                validators=[Optional(), CleanText(),
                                            MaxLength(1000, _l("Notes must be 1000 characters or fewer"))])
    lateness_reason = SelectField(_l("Why is the review planned after its due date?"),
                                  choices=[SelectChoice("", _l("Choose a reason"))]
                                  + [SelectChoice(code.value, name) for code, name in LATENESS_NAMES.items()],
                                  validators=[Optional()])
    lateness_note = StringField(_l("Say a little more about why it is late"),
                                validators=[Optional(), CleanText(),
                                            MaxLength(300, _l("This must be 300 characters or fewer"))])
    sure = BooleanField(_l("Yes, I am sure about this date and place"))

    def validate_day(self, field):
        if field.data is not None and field.data < local_today():
            raise ValidationError(_l("The review date must be today or in the future"))


class InvitationForm(PortalForm):
    """Invite a young person, or one of their carers, to make an account."""

    who = RadioField(_l("Who is this code for?"), choices=[
        SelectChoice("young_person", _l("The young person")),
        SelectChoice("carer", _l("A carer who helps them")),
    ], validators=[DataRequired(_l("Choose who the code is for"))])
    carer_name = StringField(_l("Carer's name"), description=_l("Only needed for a carer."),
                             validators=[CleanText(), MaxLength(80, _l("Names are 80 characters or fewer"))])

    def validate_carer_name(self, field):
        if self.who.data == "carer" and not (field.data or "").strip():
            raise ValidationError(_l("Enter the carer's name"))


class EpisodeForm(PortalForm):
    """A care episode: when the young person started to be looked after, and on what legal basis."""

    started_on = DateField(_l("The day they started to be looked after"),
                           description=_l("The first review is due within 20 working days of this day."),
                           validators=[DataRequired(_l("Enter the day they started to be looked after as a real date"))])
    legal_status = RadioField(_l("Legal status"), choices=[SelectChoice(code.value, name)
                                                           for code, name in LEGAL_STATUS_NAMES.items()],
                              validators=[DataRequired(_l("Choose the legal status"))])

    def validate_started_on(self, field):
        if field.data is not None and field.data > local_today():
            raise ValidationError(_l("The day they started to be looked after cannot be in the future"))


class EndEpisodeForm(PortalForm):
    """The end of a care episode."""

    ended_on = DateField(_l("The day the episode ended"),
                         validators=[DataRequired(_l("Enter the day the episode ended as a real date"))])
    end_reason = StringField(_l("Why it ended"), description=_l("For example: returned home, adopted, turned 18."),
                             validators=[DataRequired(_l("Enter why the episode ended")), CleanText(),
                                         MaxLength(200, _l("The reason must be 200 characters or fewer"))])

    def validate_ended_on(self, field):
        if field.data is not None and field.data > local_today():
            raise ValidationError(_l("The day the episode ended cannot be in the future"))
