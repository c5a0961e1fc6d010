"""Forms for asking for support, and for the services moving a request along."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from portal.forms import PortalForm
from portal.models.support import ContactMethod, SupportKind, SupportReason
from portal.support.words import CONTACT_MINE, CONTACT_THEIRS, REASONS_MINE, REASONS_THEIRS
from portal.validators import CleanText, MaxLength

DETAILS_LIMIT = 2000
NOTE_LIMIT = 500


class _Reason:
    # Optional on purpose: asking must never be harder than it needs to be.
    reason = RadioField(_l("What would you like help with?"), description=_l("You can skip this."),
                        choices=[], validate_choice=True, validators=[Optional()])


class RequestForm(PortalForm):
    """Asking for an advocate or an Independent Visitor: everything but the token is optional."""

    token = HiddenField()
    details = TextAreaField(
        _l("Is there anything you want them to know? (optional)"),
        description=_l("Only the service you are asking will read this. You can write up to 2,000 characters."),
        validators=[Optional(), CleanText(), MaxLength(DETAILS_LIMIT, _l(
            "This is longer than 2,000 characters. Make it a little shorter: nothing you wrote has been lost."))])
    contact = SelectMultipleField(_l("How would you like them to get in touch?"),
                                  description=_l("Tick all the ways that are OK."), choices=[], validators=[Optional()],
                                  widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    contact_details = StringField(
        _l("Your phone number or email address (optional)"),
        description=_l("Only needed if you ticked a phone call, a text message or an email."),
        validators=[Optional(), CleanText(), MaxLength(200, _l("This must be 200 characters or fewer"))])
    contact_when = StringField(
        _l("When is a good time to get in touch? (optional)"), description=_l("For example: after school, or at weekends."),
        validators=[Optional(), CleanText(), MaxLength(200, _l("This must be 200 characters or fewer"))])
    before_review = BooleanField()


class _Agreed:
    agreed = BooleanField(validators=[DataRequired(_l(
        "Only ask if the young person agreed. Tick the box to say that they did."))])


class AdvocateRequestForm(_Reason, RequestForm):
    """Asking for an advocate, for myself."""


class VisitorRequestForm(RequestForm):
    """Asking for an Independent Visitor, for myself."""


class AdvocateRequestForSomeoneForm(_Reason, RequestForm, _Agreed):
    """A carer or IRO asking for an advocate for a young person, with their agreement."""


class VisitorRequestForSomeoneForm(RequestForm, _Agreed):
    """A carer or IRO asking for an Independent Visitor for a young person, with their agreement."""


FORMS = {
    (SupportKind.ADVOCATE, False): AdvocateRequestForm,
    (SupportKind.INDEPENDENT_VISITOR, False): VisitorRequestForm,
    (SupportKind.ADVOCATE, True): AdvocateRequestForSomeoneForm,
    (SupportKind.INDEPENDENT_VISITOR, True): VisitorRequestForSomeoneForm,
}


def request_form(kind: SupportKind, on_behalf: bool, first_name: str, review_day_text: str | None):
    """The request form for this kind, worded for the young person or for the adult asking for them."""
    form = FORMS[kind, on_behalf]()
    reasons, contact = (REASONS_THEIRS, CONTACT_THEIRS) if on_behalf else (REASONS_MINE, CONTACT_MINE)
    form.contact.choices = [SelectChoice(method.value, contact[method]) for method in ContactMethod]
    if "reason" in form:
        form.reason.choices = [SelectChoice(reason.value, reasons[reason]) for reason in SupportReason]
    if on_behalf:
        form.agreed.label.text = _("%(name)s knows about this request and agreed to it", name=first_name)
        form.details.label.text = _("Is there anything the service should know? (optional)")
        form.details.description = _("Only the service you are asking will read this, and %(name)s if they have an "
                                     "account. You can write up to 2,000 characters.", name=first_name)
        form.contact.label.text = _("How would %(name)s like them to get in touch?", name=first_name)
        form.contact_details.label.text = _("A phone number or email address to use (optional)")
        form.contact_when.label.text = _("When is a good time to get in touch with %(name)s? (optional)", name=first_name)
        if "reason" in form:
            form.reason.label.text = _("What would %(name)s like help with?", name=first_name)
    if review_day_text is None:
        del form.before_review
    elif on_behalf:
        form.before_review.label.text = _("%(name)s needs this before their review on %(day)s",
                                          name=first_name, day=review_day_text)
    else:
        form.before_review.label.text = _("I need this before my review on %(day)s", day=review_day_text)
    return form


NOTE_HINT = _l("The young person will read this. Use short, plain words.")


def _note(label, required_message=None, description=NOTE_HINT):
    checks = [DataRequired(required_message)] if required_message else [Optional()]
    return TextAreaField(label, description=description, validators=[
        *checks, CleanText(), MaxLength(NOTE_LIMIT, _l("Notes are 500 characters or fewer"))])


# Field names differ from form to form: several of these forms share one page.
class AcknowledgeForm(PortalForm):
    """The service has seen the request."""

    acknowledge_note = _note(_l("A note for the young person (optional)"))

    def note(self):
        return self.acknowledge_note.data


class AllocateForm(PortalForm):
    """Someone has been found: the young person sees their first name."""

    allocate_name = StringField(
        _l("First name of the advocate or visitor"), description=_l("The young person will see this name."),
        validators=[DataRequired(_l("Enter the first name of the person you have found")), CleanText(),
                    MaxLength(60, _l("First names are 60 characters or fewer"))])
    allocate_note = _note(_l("A note for the young person (optional)"))

    def note(self):
        return self.allocate_note.data


class NoteForm(PortalForm):
    """A note on the timeline the young person sees."""

    note_text = _note(_l("Note for the young person"), _l("Write the note"))

    def note(self):
        return self.note_text.data


class CloseForm(PortalForm):
    """The support has finished."""

    close_note = _note(_l("A note for the young person (optional)"))

    def note(self):
        return self.close_note.data


class DeclineForm(PortalForm):
    """The service cannot help, with the reason."""

    decline_reason = _note(_l("Why the service cannot help"), _l("Say why the service cannot help"),
                           description=_l("The young person will read this. If you can, say where else they could get help."))

    def note(self):
        return self.decline_reason.data


class ActionForm(PortalForm):
    """A button that changes something (CSRF only)."""


ACTION_FORMS = {"acknowledge": AcknowledgeForm, "allocate": AllocateForm, "note": NoteForm,
                "close": CloseForm, "decline": DeclineForm}
