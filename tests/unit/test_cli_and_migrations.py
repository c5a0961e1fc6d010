"""The `flask` commands and the migrations: idempotent, in step with the models, safe in production."""

import re

from sqlalchemy import func, select

from portal import create_app, demo, migrate
from portal.config import ProductionConfig
from portal.extensions import db
from portal.models import CareEpisode, Review, Role, User, YoungPerson
from tests.conftest import csrf_from, sign_in

CODE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")


def _counts(app):
    with app.app_context():
        return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
                for model in (User, YoungPerson, Review, CareEpisode)}


def test_db_upgrade_can_run_again_and_again(runner):
    for _ in range(2):
        result = runner.invoke(args=["db-upgrade"])
        assert result.exit_code == 0, result.output
        assert "Database is up to date." in result.output


def test_migrations_match_the_models(app):
    with app.app_context():
        assert migrate.pending_changes() == []


def test_demo_data_loads_once_however_often_it_runs(app, runner):
    first = runner.invoke(args=["demo-data"])
    assert first.exit_code == 0, first.output
    loaded = _counts(app)
    # The demo accounts' 4 young people (Alex with three held reviews and one planned) and the history for the figures.
    assert loaded["User"] == len(demo.ACCOUNTS)
    assert loaded["YoungPerson"] == 4 + len(demo.HISTORY)
    assert loaded["Review"] > 7 + len(demo.HISTORY)
    assert loaded["CareEpisode"] >= 3

    second = runner.invoke(args=["demo-data"])
    assert second.exit_code == 0, second.output
    assert _counts(app) == loaded

    assert f"password for all: {demo.PASSWORD}" in second.output
    for username, _description in demo.ACCOUNTS:
        assert re.search(rf"^\s+{re.escape(username)}\s", second.output, re.MULTILINE), username


def test_demo_data_passwords_work(app, runner, client):
    assert runner.invoke(args=["demo-data"]).exit_code == 0
    assert sign_in(client, "demo-iro", demo.PASSWORD).status_code == 303


def test_demo_data_is_refused_under_production_config(app, database_url, monkeypatch):
    from cryptography.fernet import Fernet

    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "p" * 40)
    monkeypatch.setattr(ProductionConfig, "ENCRYPTION_KEYS", [Fernet.generate_key().decode()])
    production = create_app("production", {"DATABASE_URL": database_url})
    try:
        result = production.test_cli_runner().invoke(args=["demo-data"])
        assert result.exit_code != 0
        assert "Demo data is never loaded under the production configuration." in result.output
        assert _counts(production) == {"User": 0, "YoungPerson": 0, "Review": 0, "CareEpisode": 0}
    finally:
        with production.app_context():
            db.engine.dispose()


def test_invite_admin_prints_a_code_that_makes_an_admin(app, runner):
    result = runner.invoke(args=["invite-admin", "Ada"])
    assert result.exit_code == 0, result.output
    assert "Invitation code for Ada" in result.output
    code = CODE.search(result.output).group(0)

    joiner = app.test_client()
    page = joiner.get("/join")
    response = joiner.post("/join", data={"code": code, "csrf_token": csrf_from(page)})
    assert response.status_code == 303 and response.headers["Location"] == "/join/account"
    page = joiner.get("/join/account")
    assert "Hello <bdi>Ada</bdi>." in page.get_data(as_text=True)
    response = joiner.post("/join/account", data={
        "username": "ada", "password": "analytical engine notes", "password_confirm": "analytical engine notes",
        "csrf_token": csrf_from(page)})
    assert response.status_code == 303 and response.headers["Location"] == "/home"

    with app.app_context():
        ada = db.session.scalar(select(User).where(User.username == "ada"))
        assert (ada.role, ada.display_name, ada.organisation_id) == (Role.ADMIN, "Ada", None)
    assert joiner.get("/admin/people").status_code == 200


def test_an_invite_admin_code_works_only_once(app, runner):
    code = CODE.search(runner.invoke(args=["invite-admin", "Ada"]).output).group(0)
    with app.app_context():
        from portal.core.invitations import accept, find_usable

        accept(find_usable(code).id, "ada", "analytical engine notes")
    joiner = app.test_client()
    page = joiner.get("/join")
    response = joiner.post("/join", data={"code": code, "csrf_token": csrf_from(page)})
    assert response.status_code == 400
    assert "This code does not work." in response.get_data(as_text=True)


def test_rotate_keys_with_nothing_stored_changes_nothing(runner):
    result = runner.invoke(args=["rotate-keys"])
    assert result.exit_code == 0, result.output
    assert "Re-encrypted 0 values with the newest key." in result.output
