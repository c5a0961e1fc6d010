"""Encryption at rest: what is stored is ciphertext, keys rotate, and start-up refuses bad keys."""

import json
from datetime import UTC, date, datetime

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from portal import create_app
from portal.config import ProductionConfig
from portal.extensions import db
from portal.models import KeptForm, Review, Role, User, YoungPerson

PLACE = "Flat 3, 12 Quiet Road, near the library"
TYPED = json.dumps({"worries": ["I do not like my new school"]})


def _new_key():
    return Fernet.generate_key().decode()


@pytest.fixture
def make_app(app, database_url):
    """Apps on the test database with their own settings; their engines are closed afterwards."""
    made = []

    def build(**overrides):
        other = create_app("test", {"DATABASE_URL": database_url, **overrides})
        made.append(other)
        return other

    yield build
    for other in made:
        with other.app_context():
            db.engine.dispose()


def _store_records(some_app):
    """A young person with two reviews (one with a place) and a kept form; returns their ids."""
    with some_app.app_context():
        iro = User(username="crypto-iro", password_hash="x", role=Role.IRO, display_name="Iro")
        db.session.add(iro)
        db.session.flush()
        person = YoungPerson(first_name="Kit", date_of_birth=date(2012, 5, 1), iro_id=iro.id)
        db.session.add(person)
        db.session.flush()
        when = datetime(2030, 1, 10, 16, tzinfo=UTC)
        with_place = Review(young_person_id=person.id, scheduled_for=when, place=PLACE)
        no_place = Review(young_person_id=person.id, scheduled_for=when, place=None)
        kept = KeptForm(user_id=iro.id, path="/have-your-say", data=TYPED)
        db.session.add_all([with_place, no_place, kept])
        db.session.commit()
        return {"review": with_place.id, "empty_review": no_place.id, "kept": kept.id}


def _raw(some_app, sql, **params):
    with some_app.app_context(), db.engine.connect() as connection:
        return connection.execute(text(sql), params).scalar_one()


def _read_through_orm(some_app, ids):
    with some_app.app_context():
        return (db.session.get(Review, ids["review"]).place,
                db.session.get(Review, ids["empty_review"]).place,
                db.session.get(KeptForm, ids["kept"]).data)


def test_review_place_and_kept_form_are_stored_encrypted_and_read_back_plain(app):
    ids = _store_records(app)

    stored_place = _raw(app, "SELECT place FROM reviews WHERE id = :id", id=ids["review"])
    stored_data = _raw(app, "SELECT data FROM kept_forms WHERE id = :id", id=ids["kept"])
    for stored in (stored_place, stored_data):
        assert stored.startswith("gAAAAA")  # a Fernet token
    assert "Quiet Road" not in stored_place
    assert "school" not in stored_data
    assert _raw(app, "SELECT place FROM reviews WHERE id = :id", id=ids["empty_review"]) is None

    assert _read_through_orm(app, ids) == (PLACE, None, TYPED)


def test_the_same_text_is_stored_differently_each_time(app):
    first = _store_records(app)
    with app.app_context():
        person_id = db.session.scalar(select(YoungPerson.id))
        review = Review(young_person_id=person_id, scheduled_for=datetime(2030, 2, 1, tzinfo=UTC),
                        place=PLACE)
        db.session.add(review)
        db.session.commit()
        second = review.id
    assert (_raw(app, "SELECT place FROM reviews WHERE id = :id", id=first["review"])
            != _raw(app, "SELECT place FROM reviews WHERE id = :id", id=second))


def test_rotating_keys_re_encrypts_everything_with_the_newest_key(make_app):
    old, new = _new_key(), _new_key()
    old_only = make_app(ENCRYPTION_KEYS=[old])
    ids = _store_records(old_only)
    before = _raw(old_only, "SELECT place FROM reviews WHERE id = :id", id=ids["review"])

    both = make_app(ENCRYPTION_KEYS=[new, old])
    result = both.test_cli_runner().invoke(args=["rotate-keys"])
    assert result.exit_code == 0, result.output
    assert "Re-encrypted 2 values with the newest key." in result.output  # the empty place is not counted

    after = _raw(old_only, "SELECT place FROM reviews WHERE id = :id", id=ids["review"])
    assert after != before and "Quiet Road" not in after

    new_only = make_app(ENCRYPTION_KEYS=[new])
    assert _read_through_orm(new_only, ids) == (PLACE, None, TYPED)

    with pytest.raises(RuntimeError, match="cannot be decrypted"):
        _read_through_orm(old_only, ids)

    again = both.test_cli_runner().invoke(args=["rotate-keys"])
    assert again.exit_code == 0, again.output
    assert "Re-encrypted 0 values with the newest key." in again.output
    assert _raw(old_only, "SELECT place FROM reviews WHERE id = :id", id=ids["review"]) == after


def test_before_rotation_an_app_with_only_the_new_key_cannot_read_old_values(make_app):
    old, new = _new_key(), _new_key()
    ids = _store_records(make_app(ENCRYPTION_KEYS=[old]))
    with pytest.raises(RuntimeError, match="cannot be decrypted"):
        _read_through_orm(make_app(ENCRYPTION_KEYS=[new]), ids)
    # ... while the new key first and the old one still listed reads everything.
    assert _read_through_orm(make_app(ENCRYPTION_KEYS=[new, old]), ids) == (PLACE, None, TYPED)


def test_writing_with_two_keys_uses_the_newest(make_app):
    old, new = _new_key(), _new_key()
    ids = _store_records(make_app(ENCRYPTION_KEYS=[new, old]))
    assert _read_through_orm(make_app(ENCRYPTION_KEYS=[new]), ids) == (PLACE, None, TYPED)


# Start-up refusals. ProductionConfig reads the environment once, at import, into class attributes.

@pytest.fixture
def production_secrets(monkeypatch):
    """Valid production secrets, which a test then breaks one at a time."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("ENCRYPTION_KEYS", raising=False)
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "s" * 40)
    monkeypatch.setattr(ProductionConfig, "ENCRYPTION_KEYS", [_new_key()])
    return monkeypatch


def test_production_starts_with_its_secrets(production_secrets, tmp_path):
    app = create_app("production", {"DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    assert app.config["SESSION_COOKIE_SECURE"] and not app.debug


@pytest.mark.parametrize("secret", [None, "", "too-short-to-be-safe"])
def test_production_refuses_to_start_without_a_proper_secret_key(production_secrets, secret):
    production_secrets.setattr(ProductionConfig, "SECRET_KEY", secret)
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app("production")


def test_production_refuses_to_start_without_encryption_keys(production_secrets):
    production_secrets.setattr(ProductionConfig, "ENCRYPTION_KEYS", [])
    with pytest.raises(RuntimeError, match="ENCRYPTION_KEYS must be set"):
        create_app("production")


# The last one is a real key cut short (fixed, so the test ids are the same on every run and in every worker).
@pytest.mark.parametrize("bad", ["not-a-fernet-key", "", "x3hG2m0cAAgSSWphRhzOqEEfKE0IDApcS0ZjRzeD"])
def test_a_malformed_key_stops_start_up(bad):
    with pytest.raises(ValueError):
        create_app("test", {"DATABASE_URL": "sqlite://", "ENCRYPTION_KEYS": [_new_key(), bad]})


def test_a_malformed_key_stops_production_start_up(production_secrets):
    production_secrets.setattr(ProductionConfig, "ENCRYPTION_KEYS", ["not-a-fernet-key"])
    with pytest.raises(ValueError):
        create_app("production")


def test_an_empty_keyring_stops_start_up():
    with pytest.raises(RuntimeError, match="ENCRYPTION_KEYS is empty"):
        create_app("test", {"DATABASE_URL": "sqlite://", "ENCRYPTION_KEYS": []})
