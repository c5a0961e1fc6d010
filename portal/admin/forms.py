"""Forms for managing staff accounts and organisations."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Optional, ValidationError

from portal.forms import PortalForm
from portal.models import OrganisationKind, Role
from portal.validators import CleanText, MaxLength

STAFF_ROLE_CHOICES = [
    SelectChoice(Role.IRO.value, _l("Independent Reviewing Officer")),
    SelectChoice(Role.ADVOCACY.value, _l("Advocacy service")),
    SelectChoice(Role.VISITOR.value, _l("Independent Visitor service")),
    SelectChoice(Role.COUNCIL.value, _l("Children in Care Council member")),
    SelectChoice(Role.MANAGER.value, _l("Service manager (figures and caseloads, read-only)")),
    SelectChoice(Role.ADMIN.value, _l("Admin")),
]
SERVICE_ROLES = {Role.ADVOCACY.value, Role.VISITOR.value}


class StaffInvitationForm(PortalForm):
    """Invite a member of staff to make an account."""

    display_name = StringField(_l("Name"), validators=[DataRequired(_l("Enter their name")), CleanText(),
                                                      MaxLength(80, _l("Names are 80 characters or fewer"))])
    email = EmailField(_l("Work email address (optional)"), validators=[
        Optional(), Email(_l("Enter an email address like name@example.org")),
        MaxLength(254, _l("Email addresses are 254 characters or fewer"))])
    role = RadioField(_l("Role"), choices=STAFF_ROLE_CHOICES, validators=[DataRequired(_l("Choose their role"))])
    organisation = SelectField(_l("Organisation"), description=_l("Only for advocacy and Independent Visitor services."),
                               choices=[], validate_choice=False)

    def validate_organisation(self, field):
        valid = {choice.value for choice in field.choices if choice.value}
        if self.role.data in SERVICE_ROLES and field.data not in valid:
            raise ValidationError(_l("Choose the service they work for"))
        if field.data and field.data not in valid:
            raise ValidationError(_l("Choose an organisation from the list"))


class OrganisationForm(PortalForm):
    """An advocacy or Independent Visitor service."""

    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the organisation's name")), CleanText(),
                                              MaxLength(120, _l("Names are 120 characters or fewer"))])
    kind = RadioField(_l("What does it provide?"), choices=[
        SelectChoice(OrganisationKind.ADVOCACY.value, _l("Advocacy")),
        SelectChoice(OrganisationKind.INDEPENDENT_VISITOR.value, _l("Independent Visitors")),
    ], validators=[DataRequired(_l("Choose what the organisation provides"))])
    email = EmailField(_l("Email address for new requests (optional)"), validators=[
        Optional(), Email(_l("Enter an email address like name@example.org")),
        MaxLength(254, _l("Email addresses are 254 characters or fewer"))])
