"""The portal's direct rendering of plain inputs writes exactly what WTForms writes."""

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    Form,
    HiddenField,
    IntegerField,
    PasswordField,
    SearchField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
    URLField,
)
from wtforms.meta import DefaultMeta
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal import widgets


class EveryKind(Form):
    name = StringField("Name", validators=[DataRequired(), Length(max=40)], description="Your first name")
    note = StringField("Note", render_kw={"placeholder": 'say "hi" & <wave>', "data_thing": "x"})
    secret = PasswordField("Password", validators=[InputRequired(), Length(min=8)])
    hidden = HiddenField()
    email = EmailField("Email", validators=[Optional()])
    age = IntegerField("Age")
    day = DateField("Day")
    phone = TelField("Phone")
    found = SearchField("Search")
    site = URLField("Site")
    agreed = BooleanField("Agreed", validators=[DataRequired()])
    story = TextAreaField("Story", validators=[Length(max=2000)])
    colour = SelectField("Colour", choices=["r"])


TYPED = MultiDict({"name": 'Zoë <b>"bold"</b> & co', "note": "it's", "secret": "hunter22", "hidden": "7",
                   "email": "a@b.c", "age": "12x", "day": "2026-02-30", "phone": "+44 1", "found": "q",
                   "site": "http://x/?a=1&b=2", "agreed": "y", "story": "line one\r\n<script>two</script>"})

RENDER_KWARGS = [
    {},
    {"class_": "input input--20", "autocomplete": "username", "type": None},
    {"class_": "input textarea", "rows": 5, "aria_describedby": "x-hint x-error", "aria_invalid": "true"},
    {"required": False, "disabled": True, "value": 'given "value"', "id": "other-id"},
    {"data_exit_url": "/a&b", "maxlength": 3},
]


@pytest.mark.parametrize("formdata", [None, TYPED], ids=["empty", "typed"])
@pytest.mark.parametrize("kwargs", RENDER_KWARGS)
def test_plain_inputs_are_written_exactly_as_wtforms_writes_them(formdata, kwargs):
    form = EveryKind(formdata=formdata)
    form.validate()
    for field in form:
        fast = widgets.render(field, dict(kwargs))
        if type(field.widget) not in widgets.INPUTS and type(field.widget) is not widgets.TEXTAREA:
            assert fast is None, field.name
            continue
        assert fast == DefaultMeta().render_field(field, dict(kwargs)), field.name
        assert str(fast) == str(field(**kwargs)), field.name


def test_a_password_is_never_written_back_into_the_page():
    form = EveryKind(formdata=TYPED)
    assert 'value=""' in widgets.render(form.secret, {})
    assert "hunter22" not in widgets.render(form.secret, {})


def test_other_widgets_are_left_to_wtforms():
    form = EveryKind()
    assert widgets.render(form.colour, {}) is None
