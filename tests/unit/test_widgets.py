"""The portal's direct rendering of inputs, textareas and selects writes exactly what WTForms writes."""

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
    RadioField,
    SearchField,
    SelectField,
    SelectMultipleField,
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
    colour = SelectField("Colour", choices=[("r", "Red & <pink>"), ("g", "")], validators=[DataRequired()])
    sizes = SelectMultipleField("Sizes", choices=[("s", "Small"), ("m", 'M "mid"')])
    shelf = SelectField("Shelf", choices={"Top": [("a", "A")], "Bottom": [("b", "B")]})
    kind = RadioField("Kind", choices=[("yes", "Yes"), ("no", "No <b>")], validators=[InputRequired()])


TYPED = MultiDict({"name": 'Zoë <b>"bold"</b> & co', "note": "it's", "secret": "hunter22", "hidden": "7",
                   "email": "a@b.c", "age": "12x", "day": "2026-02-30", "phone": "+44 1", "found": "q",
                   "site": "http://x/?a=1&b=2", "agreed": "y", "story": "line one\r\n<script>two</script>",
                   "colour": "g", "sizes": ["s", "m"], "shelf": "b", "kind": "no"})

RENDER_KWARGS = [
    {},
    {"class_": "input input--20", "autocomplete": "username", "type": None},
    {"class_": "input textarea", "rows": 5, "aria_describedby": "x-hint x-error", "aria_invalid": "true"},
    {"required": False, "disabled": True, "value": 'given "value"', "id": "other-id"},
    {"data_exit_url": "/a&b", "maxlength": 3},
]


@pytest.mark.parametrize("formdata", [None, TYPED], ids=["empty", "typed"])
@pytest.mark.parametrize("kwargs", RENDER_KWARGS)
def test_inputs_textareas_and_selects_are_written_exactly_as_wtforms_writes_them(formdata, kwargs):
    form = EveryKind(formdata=formdata)
    form.validate()
    rendered = 0
    for field in [*form, *form.kind]:  # the radio buttons one by one, as the radios macro renders them
        fast = widgets.render(field, dict(kwargs))
        if fast is None:
            continue
        rendered += 1
        assert fast == DefaultMeta().render_field(field, dict(kwargs)), field.name
        assert str(fast) == str(field(**kwargs)), field.name
    assert rendered == len(form._fields) - 2 + 2  # all but the grouped select and the radio list; both buttons


def test_a_password_is_never_written_back_into_the_page():
    form = EveryKind(formdata=TYPED)
    assert 'value=""' in widgets.render(form.secret, {})
    assert "hunter22" not in widgets.render(form.secret, {})


def test_other_widgets_are_left_to_wtforms():
    form = EveryKind()
    assert widgets.render(form.shelf, {}) is None  # option groups
    assert widgets.render(form.kind, {}) is None  # the list of radios: each button is rendered here
