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


def test_council_permissions_are_declared_on_the_route_and_templates_ask_the_same_rule(app, world):
    from flask_login import login_user
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import User
    from portal.security.access import may_use
    from tests.conftest import sign_in
    from tests.voice_steps import council_account

    council_account(app, "council-no-rights")  # a council account with neither permission
    client = app.test_client()
    sign_in(client, "council-no-rights")
    refused = client.get("/council/moderation")
    assert refused.status_code == 403
    assert "moderator permission" in refused.get_data(as_text=True)
    assert client.get("/council/campaigns/new").status_code == 403
    assert "/council/moderation" not in client.get("/council").get_data(as_text=True)
    with app.test_request_context():
        for username, moderation in (("council-no-rights", False), ("demo-council", True), ("demo-admin", False)):
            login_user(db.session.scalar(select(User).where(User.username == username)))
            assert may_use("council.moderation") is moderation, username
        assert may_use("council.delete_update")  # admins may take updates down
