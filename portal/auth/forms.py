"""Forms for signing in and joining."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, ValidationError

from portal.core.passwords import MAX_LENGTH, refusal
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


class NewPasswordFields:
    """A new password typed twice, checked against the password rules (portal.core.passwords).

    The page sets `rules_username` (when the form has no username field) and `rules_staff`
    (staff need longer passwords) before validating.
    """

    rules_username = None
    rules_staff = False

    password = PasswordField(
        _l("Choose a password"),
        description=_l("At least 8 characters. Three or four random words you will remember make a good password."),
        validators=[DataRequired(_l("Choose a password"))],
    )
    password_confirm = PasswordField(
        _l("Type your password again"),
        validators=[DataRequired(_l("Type your password again"))],
    )

    def _username_for_rules(self):
        field = getattr(self, "username", None)
        return self.rules_username or (normalise_username(field.data) if field is not None else None)

    def validate_password(self, field):
        problem = refusal(field.data or "", username=self._username_for_rules(), staff=self.rules_staff)
        if problem:
            raise ValidationError(problem)

    def validate_password_confirm(self, field):
        if field.data != self.password.data:
            raise ValidationError(_l("The two passwords are different. Type them again."))


class ChooseAccountForm(NewPasswordFields, PortalForm):
    """The username and password a new person chooses."""

    username = StringField(
        _l("Choose a username"),
        description=_l("3 to 40 letters or numbers. You can use . - and _ too. Do not use your full name."),
        validators=[DataRequired(_l("Choose a username")), CleanText(),
                    MaxLength(40, _l("Usernames are 40 characters or fewer"))],
    )

    def validate_username(self, field):
        if not USERNAME.match(normalise_username(field.data)):
            raise ValidationError(_l("Use 3 to 40 letters or numbers. You can also use . - and _, but start with a letter or number."))


class ChangePasswordForm(NewPasswordFields, PortalForm):
    """The password now, and a new one."""

    current_password = PasswordField(_l("Your password now"), validators=[
        DataRequired(_l("Enter the password you use now")),
        MaxLength(MAX_LENGTH, _l("Passwords are 200 characters or fewer")),
    ])
    password = PasswordField(
        _l("New password"),
        description=_l("Three or four random words you will remember make a good password."),
        validators=[DataRequired(_l("Choose a new password"))],
    )


class ResetWithCodeForm(NewPasswordFields, PortalForm):
    """A young person's or carer's username, the reset code their IRO gave them, and a new password."""

    username = StringField(_l("Username"), validators=[
        DataRequired(_l("Enter your username")), CleanText(),
        MaxLength(40, _l("Usernames are 40 characters or fewer")),
    ])
    code = StringField(
        _l("Reset code"),
        description=_l("It is 12 letters and numbers, like ABCD-EFGH-JK23. Your IRO can give you one."),
        validators=[DataRequired(_l("Enter your reset code")), CleanText(),
                    MaxLength(40, _l("Reset codes are 12 letters and numbers"))],
    )
    password = PasswordField(
        _l("New password"),
        description=_l("At least 8 characters. Three or four random words you will remember make a good password."),
        validators=[DataRequired(_l("Choose a new password"))],
    )


class StaffResetForm(PortalForm):
    """A member of staff's username, to email them a reset link."""

    username = StringField(_l("Username"), validators=[
        DataRequired(_l("Enter your username")), CleanText(),
        MaxLength(40, _l("Usernames are 40 characters or fewer")),
    ])


class LinkResetForm(NewPasswordFields, PortalForm):
    """A new password, through an emailed link."""

    password = PasswordField(
        _l("New password"),
        description=_l("At least 12 characters. Three or four random words you will remember make a good password."),
        validators=[DataRequired(_l("Choose a new password"))],
    )


class TwoStepForm(PortalForm):
    """The code from the authenticator app, or a recovery code."""

    code = StringField(
        _l("Code"),
        description=_l("The 6-digit code your authenticator app shows now, or one of your recovery codes."),
        validators=[DataRequired(_l("Enter the code")), CleanText(),
                    MaxLength(20, _l("Codes are 6 digits, or 10 letters and numbers"))],
    )


class AddPasskeyForm(PortalForm):
    """A name for the new passkey; the browser fills in `credential` (the passkey's public key, signed)."""

    name = StringField(_l("Name this passkey"), default=_l("My phone"),
                       description=_l("So you can tell your passkeys apart, like \"My phone\"."),
                       validators=[DataRequired(_l("Give this passkey a name, like \"My phone\"")), CleanText(),
                                   MaxLength(60, _l("Passkey names are 60 characters or fewer"))])
    # Asked again so that a phone left signed in cannot be given a stranger's passkey, which would outlast a new password.
    password = PasswordField(_l("Your password"), validators=[
        DataRequired(_l("Enter the password you use now")),
        MaxLength(MAX_LENGTH, _l("Passwords are 200 characters or fewer")),
    ])
    credential = HiddenField()


class PasskeySignInForm(PortalForm):
    """Filled in by the browser after the person unlocks their passkey; `next` is where they were going."""

    credential = HiddenField()
    next = HiddenField()


class ReferredAsForm(PortalForm):
    """How a member of staff is referred to in languages whose titles are gendered ("your IRO")."""

    referred_as = RadioField(
        _l("How should we refer to you in other languages?"),
        description=_l("In some languages \u201cyour IRO\u201d is a different word for a woman and for a man. "
                       "We use this only for those words."),
        choices=[SelectChoice("she", _l("She (as a woman)")), SelectChoice("he", _l("He (as a man)")),
                 SelectChoice("not_say", _l("I would rather not say (we use wording that fits anyone)"))],
        validators=[InputRequired(_l("Choose how we should refer to you"))])
