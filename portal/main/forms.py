"""Forms on young people's own pages that belong to no other capability."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Optional, ValidationError

from portal.core.contact import uk_mobile
from portal.forms import PortalForm
from portal.validators import CleanText, MaxLength


class SoonerForm(PortalForm):
    """A young person asking for their review sooner, with why if they want to say."""

    reason = TextAreaField(_l("Why would you like it sooner? (you do not have to say)"),
                           description=_l("Only your IRO reads this."),
                           validators=[Optional(), CleanText(),
                                       MaxLength(1000, _l("This must be 1,000 characters or fewer"))])


class TranslationProblemForm(PortalForm):
    """Someone telling us a sentence in their language is wrong: no name, no account needed."""

    page = HiddenField()
    words = TextAreaField(_l("Which words are wrong? Copy them here."),
                          description=_l("Please do not write your name or anything about you."),
                          validators=[InputRequired(_l("Copy the words that are wrong")), CleanText(),
                                      MaxLength(500, _l("This must be 500 characters or fewer"))])
    suggestion = TextAreaField(_l("What should they say? (you do not have to say)"),
                               validators=[Optional(), CleanText(),
                                           MaxLength(500, _l("This must be 500 characters or fewer"))])


class NewsForm(PortalForm):
    """How a young person or carer wants to hear that something is new: their own choice, easy to undo."""

    channel = RadioField(_l("How should we tell you when something is new, or your review is coming?"),
                         choices=[SelectChoice("sms", _l("A text message")), SelectChoice("email", _l("An email")),
                                  SelectChoice("none", _l("Do not tell me: I will look myself"))],
                         validators=[InputRequired(_l("Choose how we should tell you"))])
    mobile = StringField(_l("Your mobile number"), description=_l("For example 07700 900123"),
                         validators=[Optional(), CleanText(), MaxLength(20, _l("Enter a mobile number like 07700 900123"))])
    email = StringField(_l("Your email address"),
                        validators=[Optional(), CleanText(), MaxLength(254, _l("Enter an email address like name@example.org")),
                                    Email(_l("Enter an email address like name@example.org"))])

    def validate_mobile(self, field):
        if self.channel.data == "sms":
            if not field.data:
                raise ValidationError(_l("Enter your mobile number, or choose another way"))
            if uk_mobile(field.data) is None:
                raise ValidationError(_l("Enter a mobile number like 07700 900123"))

    def validate_email(self, field):
        if self.channel.data == "email" and not field.data:
            raise ValidationError(_l("Enter your email address, or choose another way"))


class PicturesForm(PortalForm):
    """A young person choosing picture mode: big pictures and big buttons (portal/core/picture_mode.py)."""

    pictures = RadioField(_l("Show big pictures?"),
                          description=_l("Big pictures and big buttons, with one short sentence on each screen."),
                          choices=[SelectChoice("on", _l("Yes, show big pictures")), SelectChoice("off", _l("No, show small pictures"))],
                          validators=[InputRequired(_l("Choose whether to show big pictures"))])
