"""Every route declares who may use it."""

from portal.security.access import rule_for


def test_every_route_declares_an_access_rule(app):
    missing = [
        rule.rule for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and rule_for(app.view_functions[rule.endpoint]) is None
    ]
    assert missing == []


def test_a_view_cannot_declare_two_rules():
    import pytest

    from portal.models import Role
    from portal.security.access import allow, public

    with pytest.raises(TypeError):
        allow(Role.ADMIN)(public(lambda: None))
