"""Rendering the common form inputs without WTForms' general machinery: the same HTML, a fraction of the calls.

WTForms renders each `<input>` by listing the field's flags with dir(), sorting the attributes and
formatting each one through Markup.format: about a tenth of a sign-in page's time went there. For
the plain widgets below, `render` writes exactly what WTForms writes (same attributes, same order,
same escaping; tests/unit/test_widgets.py compares the two); any other widget goes through WTForms.
"""

from markupsafe import Markup, escape
from wtforms import widgets

# Widgets rendered here: <input> types whose __call__ WTForms does not change (password, checkbox
# and radio add one rule each, handled below), <textarea>, and <select> without option groups.
INPUTS = frozenset({widgets.TextInput, widgets.PasswordInput, widgets.HiddenInput, widgets.EmailInput,
                    widgets.NumberInput, widgets.DateInput, widgets.TelInput, widgets.SearchInput,
                    widgets.URLInput, widgets.CheckboxInput, widgets.RadioInput})
TEXTAREA = widgets.TextArea
SELECT = widgets.Select


def _clean_key(key):
    key = key.rstrip("_")
    if key.startswith(("data_", "aria_")):
        key = key.replace("_", "-")
    return key


def html_params(params):
    """wtforms.widgets.html_params: sorted by name, True as a bare attribute, False left out, values escaped."""
    parts = []
    for key, value in sorted(params.items()):
        if value is True:
            parts.append(str(escape(key)))
        elif value is not False:
            parts.append(f'{escape(key)}="{escape(value)}"')
    return " ".join(parts)


def _flags(field, widget, params, call):
    """The validation attributes (required, maxlength…) the field's flags add, as WTForms adds them
    (its <input> calls a callable flag, its <textarea> does not)."""
    for name, value in vars(field.flags).items():
        if name in widget.validation_attrs and name not in params:
            params[name] = value() if call and callable(value) else value


def _params(field, render_kw):
    params = {_clean_key(key): value for key, value in render_kw.items()}
    other = getattr(field, "render_kw", None)
    if other is not None:
        params = {**{_clean_key(key): value for key, value in other.items()}, **params}
    params.setdefault("id", field.id)
    return params


def _select(field, widget, render_kw):
    """wtforms.widgets.Select, without option groups (those go through WTForms)."""
    if field.has_groups():
        return None
    params = _params(field, render_kw)
    if widget.multiple:
        params["multiple"] = True
    _flags(field, widget, params, call=False)
    params["name"] = field.name
    html = [f"<select {html_params(params)}>"]
    for choice in field._iter_choices_normalized():  # noqa: SLF001 (what WTForms' Select itself reads)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        option = {"value": value, **{_clean_key(key): item for key, item in (choice.render_kw or {}).items()}}
        if choice.selected:
            option["selected"] = True
        html.append(f"<option {html_params(option)}>{escape(choice.label or choice.value)}</option>")
    html.append("</select>")
    return Markup("".join(html))


def render(field, render_kw):
    """The field's HTML, or None when its widget is not one rendered here."""
    widget = field.widget
    kind = type(widget)
    if kind is SELECT:
        return _select(field, widget, render_kw)
    if (kind not in INPUTS and kind is not TEXTAREA) or getattr(field, "_datalist", None) is not None:
        return None
    params = _params(field, render_kw)
    if kind is TEXTAREA:
        _flags(field, widget, params, call=False)
        params["name"] = field.name
        return Markup(f"<textarea {html_params(params)}>\r\n{escape(field._value())}</textarea>")
    if kind is widgets.PasswordInput and widget.hide_value:
        params["value"] = ""
    elif kind is widgets.CheckboxInput and getattr(field, "checked", field.data):
        params.setdefault("checked", True)
    elif kind is widgets.RadioInput and field.checked:
        params.setdefault("checked", True)
    params.setdefault("type", widget.input_type)
    if "value" not in params:
        params["value"] = field._value()
    _flags(field, widget, params, call=True)
    params["name"] = field.name
    return Markup(f"<input {html_params(params)}>")
