"""Forms for signing in and joining."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, ValidationError

from portal.core.passwords import MAX_LENGTH, MIN_LENGTH, is_common
from portal.forms import PortalForm
from portal.models.people import normalise_username
from portal.validators import CleanText, MaxLength

# Letters in any alphabet, digits, and . - _ (not first): a child may write their name in Arabic.
USERNAME = re.compile(r"^[^\W_][\w.-]{2,39}$")


class SignInForm(PortalForm):
    """Username and password."""

    username = StringField(_l("Username"), validators=[
        DataRequired(_l("Enter your username")), CleanText(),
        MaxLength(40, _l("Usernames are 40 characters or fewer")),
    ])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Enter your password")),
        MaxLength(MAX_LENGTH, _l("Passwords are 200 characters or fewer")),
    ])
    next = HiddenField()


class InvitationCodeForm(PortalForm):
    """The code from an invitation."""

    code = StringField(
        _l("Invitation code"),
        description=_l("It is 12 letters and numbers, like ABCD-EFGH-JK23. Your IRO or carer can give it to you."),
        validators=[DataRequired(_l("Enter your invitation code")), CleanText(),
                    MaxLength(40, _l("Invitation codes are 12 letters and numbers"))],
    )


class ChooseAccountForm(PortalForm):
    """The username and password a new person chooses."""

    username = StringField(
        _l("Choose a username"),
        description=_l("3 to 40 letters or numbers. You can use . - and _ too. Do not use your full name."),
        validators=[DataRequired(_l("Choose a username")), CleanText(),
                    MaxLength(40, _l("Usernames are 40 characters or fewer"))],
    )
    password = PasswordField(
        _l("Choose a password"),
        description=_l("At least 8 characters. A few words you will remember, like a short sentence, make a good password."),
        validators=[DataRequired(_l("Choose a password"))],
    )
    password_confirm = PasswordField(
        _l("Type your password again"),
        validators=[DataRequired(_l("Type your password again"))],
    )

    def validate_username(self, field):
        if not USERNAME.match(normalise_username(field.data)):
            raise ValidationError(_l("Use 3 to 40 letters or numbers. You can also use . - and _, but start with a letter or number."))

    def validate_password(self, field):
        password = field.data or ""
        if len(password) < MIN_LENGTH:
            raise ValidationError(_l("Your password needs at least 8 characters"))
        if len(password) > MAX_LENGTH:
            raise ValidationError(_l("Passwords are 200 characters or fewer"))
        if is_common(password):
            raise ValidationError(_l("That password is too easy to guess. Try a few words you will remember."))
        if normalise_username(password) == normalise_username(self.username.data):
            raise ValidationError(_l("Your password must be different from your username"))

    def validate_password_confirm(self, field):
        if field.data != self.password.data:
            raise ValidationError(_l("The two passwords are different. Type them again."))
