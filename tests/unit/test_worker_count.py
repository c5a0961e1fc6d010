"""Production refuses to start without REDIS_URL when more than one worker would count sign-in failures apart."""

import pytest

from portal.config import ProductionConfig, worker_count

SECRETS = {"SECRET_KEY": "x" * 40, "ENCRYPTION_KEYS": ["ZGV2LW9ubHktbm90LXNlY3JldC1lbmNyeXB0aW9uLWs="]}


@pytest.mark.parametrize("environ,argv,expected", [
    ({}, [], 1),
    ({"WEB_CONCURRENCY": "4"}, [], 4),
    ({"GUNICORN_CMD_ARGS": "--workers 3 -b 0.0.0.0:8000"}, [], 3),
    ({"GUNICORN_CMD_ARGS": "--workers=5"}, [], 5),
    ({"GUNICORN_CMD_ARGS": "-w 2"}, [], 2),
    ({"GUNICORN_CMD_ARGS": "-w6"}, [], 6),
    ({}, ["/srv/.venv/bin/gunicorn", "-w", "4", "wsgi:app"], 4),
    ({}, ["/usr/bin/flask", "-w", "4"], 1),  # not gunicorn: its arguments mean something else
    ({"WEB_CONCURRENCY": "lots"}, [], 1),
])
def test_worker_count(environ, argv, expected):
    assert worker_count(environ, argv) == expected


def _production(monkeypatch, **environ):
    for name in ("WEB_CONCURRENCY", "GUNICORN_CMD_ARGS", "FLASK_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.argv", ["wsgi"])
    config = ProductionConfig()
    config.SECRET_KEY, config.ENCRYPTION_KEYS = SECRETS["SECRET_KEY"], SECRETS["ENCRYPTION_KEYS"]
    return config


def test_production_refuses_several_workers_without_redis(monkeypatch):
    config = _production(monkeypatch, WEB_CONCURRENCY="4")
    config.REDIS_URL = None
    with pytest.raises(RuntimeError, match="REDIS_URL must be set when more than one worker runs"):
        config.validate()


def test_production_refuses_gunicorn_workers_without_redis(monkeypatch):
    config = _production(monkeypatch, GUNICORN_CMD_ARGS="--workers 2")
    config.REDIS_URL = None
    with pytest.raises(RuntimeError, match="REDIS_URL"):
        config.validate()


def test_production_starts_with_redis_or_one_worker(monkeypatch):
    # validate() raises RuntimeError when it refuses to start; it returns None when the settings are safe.
    config = _production(monkeypatch, WEB_CONCURRENCY="4")
    config.REDIS_URL = "redis://127.0.0.1:6379/0"
    assert config.validate() is None
    single = _production(monkeypatch, WEB_CONCURRENCY="1")
    single.REDIS_URL = None
    assert single.validate() is None
    many = _production(monkeypatch, WEB_CONCURRENCY="4")
    many.REDIS_URL = None
    with pytest.raises(RuntimeError, match="REDIS_URL"):  # the same settings without Redis: refused
        many.validate()


def test_two_step_sign_in_is_required_in_production_and_optional_elsewhere(monkeypatch):
    from portal.config import DevelopmentConfig, TestConfig

    monkeypatch.delenv("STAFF_TWO_FACTOR", raising=False)
    assert ProductionConfig.STAFF_TWO_FACTOR == "required"
    assert DevelopmentConfig.STAFF_TWO_FACTOR == "optional" and TestConfig.STAFF_TWO_FACTOR == "optional"
