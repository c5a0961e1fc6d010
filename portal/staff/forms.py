"""Forms an IRO uses to add a young person, plan a review and invite people."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.core.clock import local_today
from portal.core.labels import LATENESS_NAMES, LEGAL_STATUS_NAMES, PARTICIPATION_NAMES
from portal.forms import PortalForm
from portal.validators import CleanText, HeldOnDay, MaxLength, NotInFuture


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
    staff_notes = TextAreaField(_l("Notes for staff: only staff see this (optional)"),
                                description=_l("The young person never sees these notes. For example, who must "
                                               "not be told the address."),
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
                           validators=[DataRequired(_l("Enter the day they started to be looked after as a real date")),
                                       NotInFuture(_l("The day they started to be looked after cannot be in the future"))])
    legal_status = RadioField(_l("Legal status"), choices=[SelectChoice(code.value, name)
                                                           for code, name in LEGAL_STATUS_NAMES.items()],
                              validators=[DataRequired(_l("Choose the legal status"))])


class EndEpisodeForm(PortalForm):
    """The end of a care episode."""

    ended_on = DateField(_l("The day the episode ended"),
                         validators=[DataRequired(_l("Enter the day the episode ended as a real date")),
                                     NotInFuture(_l("The day the episode ended cannot be in the future"))])
    end_reason = StringField(_l("Why it ended"), description=_l("For example: returned home, adopted, turned 18."),
                             validators=[DataRequired(_l("Enter why the episode ended")), CleanText(),
                                         MaxLength(200, _l("The reason must be 200 characters or fewer"))])


YES_NO = [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]
CHAIRED = [SelectChoice("chaired", _l("They chaired it")), SelectChoice("co_chaired", _l("They co-chaired it")),
           SelectChoice("no", _l("No"))]
SEEN_BEFORE = [SelectChoice("in_person", _l("Yes, in person")), SelectChoice("video", _l("Yes, by video call")),
               SelectChoice("phone", _l("Yes, by phone")), SelectChoice("no", _l("No"))]
ATTENDEES = [
    SelectChoice("young_person", _l("The young person")), SelectChoice("parent", _l("A parent")),
    SelectChoice("carer", _l("Carer")), SelectChoice("social_worker", _l("Social worker")),
    SelectChoice("team_manager", _l("Social work team manager")), SelectChoice("advocate", _l("Advocate")),
    SelectChoice("independent_visitor", _l("Independent Visitor")), SelectChoice("teacher", _l("Teacher or designated teacher")),
    SelectChoice("health", _l("Health professional")), SelectChoice("family", _l("Other family member")),
    SelectChoice("interpreter", _l("Interpreter")), SelectChoice("other", _l("Someone else")),
]
PARENTS = [SelectChoice("attended", _l("They came to the review")),
           SelectChoice("views_given", _l("They gave their views another way")),
           SelectChoice("invited_not_involved", _l("They were invited but did not take part")),
           SelectChoice("not_invited", _l("They were not invited")),
           SelectChoice("not_applicable", _l("Does not apply"))]

# The stored codes of the choices above, as words for the record and its print view.
ANSWER_NAMES = {choice.value: choice.label for choices in (CHAIRED, SEEN_BEFORE, PARENTS) for choice in choices}


class RecommendationRow(Form):
    """One recommendation: what, who, by when. A row left empty is ignored."""

    what = TextAreaField(_l("What will happen"), validators=[
        Optional(), CleanText(), MaxLength(1000, _l("What will happen must be 1,000 characters or fewer"))])
    who = StringField(_l("Who will do it"), validators=[
        Optional(), CleanText(), MaxLength(120, _l("Who will do it must be 120 characters or fewer"))])
    by_when = DateField(_l("By when"), validators=[Optional()])

    def is_blank(self):
        return not any((field.raw_data or [""])[0].strip() for field in (self.what, self.who, self.by_when))

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.is_blank():
            return valid
        for field, message in ((self.what, _l("Enter what will happen")), (self.who, _l("Enter who will do it")),
                               (self.by_when, _l("Enter the date this should happen by as a real date"))):
            if not field.errors and field.data in (None, ""):
                field.errors.append(message)
                valid = False
        return valid


def _yes_no(label, message):
    return RadioField(label, choices=YES_NO, validators=[DataRequired(message)])


class HeldReviewForm(PortalForm):
    """The IRO's record of a held review."""

    held_on = DateField(_l("The day the review took place"),
                        validators=[DataRequired(_l("Enter the day the review took place as a real date")), HeldOnDay()])
    participation = RadioField(_l("How did the young person take part?"),
                               description=_l("The national participation code."),
                               choices=[SelectChoice(code.value, name) for code, name in PARTICIPATION_NAMES.items()],
                               validators=[DataRequired(_l("Choose how the young person took part"))])
    chaired = RadioField(_l("Did the young person chair or co-chair their review?"), choices=CHAIRED,
                         validators=[DataRequired(_l("Choose whether they chaired their review"))])
    seen_before = RadioField(_l("Did you see the young person before the review?"), choices=SEEN_BEFORE,
                             validators=[DataRequired(_l("Choose whether you saw them before the review"))])
    attendees = SelectMultipleField(_l("Who came?"), description=_l("Tick everyone who took part."), choices=ATTENDEES,
                                    validators=[Optional()], widget=ListWidget(prefix_label=False),
                                    option_widget=CheckboxInput())
    parents = RadioField(_l("Did their parents take part?"), choices=PARENTS,
                         validators=[DataRequired(_l("Choose whether their parents took part"))])
    care_plan_endorsed = _yes_no(_l("Was the care plan endorsed?"), _l("Choose whether the care plan was endorsed"))
    knows_why_in_care = RadioField(_l("Do they know why they are in care?"), choices=YES_NO, validators=[Optional()])
    knows_how_to_get_advocate = RadioField(_l("Do they know how to get an advocate?"), choices=YES_NO,
                                           validators=[Optional()])
    knows_how_to_complain = RadioField(_l("Do they know how to complain?"), choices=YES_NO, validators=[Optional()])
    recommendations = FieldList(FormField(RecommendationRow), min_entries=3, max_entries=20)

    def __init__(self, *args, earliest=None, first_review=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.earliest, self.first_review = earliest, first_review

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.first_review:
            for item, message in ((self.knows_why_in_care, _l("Say whether they know why they are in care")),
                                  (self.knows_how_to_get_advocate, _l("Say whether they know how to get an advocate")),
                                  (self.knows_how_to_complain, _l("Say whether they know how to complain"))):
                if not item.data:
                    item.errors = [*item.errors, message]
                    valid = False
        return valid


class RequestAnswerForm(PortalForm):
    """The IRO's answer to a young person who asked for their review sooner, when it is not brought forward.

    One per request on a page, so CSRF is checked by the app (its token is in the page)."""

    class Meta:
        csrf = False

    answer = TextAreaField(_l("Your answer to the young person"),
                           description=_l("They will read this. Say why the review is not brought forward, kindly and plainly."),
                           validators=[DataRequired(_l("Write your answer to the young person")), CleanText(),
                                       MaxLength(1000, _l("The answer must be 1,000 characters or fewer"))])


MIDWAY_YES_NO_NA = [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No")),
                    SelectChoice("not_applicable", _l("Does not apply"))]
MIDWAY_YES_NO = [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]
MIDWAY_ON_TRACK = [SelectChoice("yes", _l("Yes")), SelectChoice("partly", _l("Partly")), SelectChoice("no", _l("No"))]


class MidwayCheckForm(PortalForm):
    """The IRO's check half-way between two reviews."""

    checked_on = DateField(_l("The day of the check"),
                           validators=[DataRequired(_l("Enter the day of the check as a real date")),
                                       NotInFuture(_l("The day of the check cannot be in the future"))])
    education_plan = RadioField(_l("Is their education plan (PEP) in place and reviewed?"), choices=MIDWAY_YES_NO_NA,
                                validators=[DataRequired(_l("Choose whether their education plan is in place"))])
    health_assessment = RadioField(_l("Is their health assessment up to date?"), choices=MIDWAY_YES_NO,
                                   validators=[DataRequired(_l("Choose whether their health assessment is up to date"))])
    decisions_on_track = RadioField(_l("Are the decisions of the last review on track?"), choices=MIDWAY_ON_TRACK,
                                    validators=[DataRequired(_l("Choose whether the decisions are on track"))])
    note = TextAreaField(_l("Note for staff: only staff see this (optional)"),
                         description=_l("The young person never sees this note."),
                         validators=[Optional(), CleanText(), MaxLength(1000, _l("The note must be 1,000 characters or fewer"))])

    def __init__(self, *args, earliest=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.earliest = earliest  # the last held review: a check is between two reviews

    def validate_checked_on(self, field):
        if field.data is not None and self.earliest is not None and field.data <= self.earliest:
            raise ValidationError(_l("The check must be after the last review"))
