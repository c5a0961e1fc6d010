"""Security headers, cookies and the request size limit."""

import re

from portal import create_app
from tests.conftest import sign_in


def test_strict_headers_on_every_page(client, world):
    sign_in(client, "demo-child")
    for url in ("/sign-in", "/home", "/get-help", "/no-such-page"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp
        assert re.search(r"script-src 'self' 'nonce-[\w-]{16,}'", csp)
        assert "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert "form-action 'self' https://www.bbc.co.uk" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        for feature in ("geolocation=()", "camera=()", "microphone=()"):
            assert feature in headers["Permissions-Policy"]
        assert headers["Cache-Control"] == "no-store"
        assert "Strict-Transport-Security" not in headers  # only in production


def test_nonce_changes_per_request(client):
    first = client.get("/sign-in").headers["Content-Security-Policy"]
    second = client.get("/sign-in").headers["Content-Security-Policy"]
    assert first != second


def test_pages_carry_no_inline_script_or_style(client, world):
    sign_in(client, "demo-iro")
    for url in ("/sign-in", "/home", "/caseload", "/caseload/new"):
        body = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", body), url
        assert "<style" not in body and " style=" not in body, url
        assert not re.search(r"\son[a-z]+=", body), url


def test_static_files_are_cached_and_versioned(client):
    body = client.get("/sign-in").get_data(as_text=True)
    css = re.search(r'href="(/static/css/portal.css\?v=[0-9a-f]{10})"', body).group(1)
    response = client.get(css)
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]


def test_session_cookie_is_httponly_and_samesite(client, world):
    response = sign_in(client, "demo-child")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # development over http; production below


def test_production_sets_secure_cookies_and_hsts(database_url, monkeypatch):
    from portal.config import ProductionConfig

    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "x" * 40)
    monkeypatch.setattr(ProductionConfig, "ENCRYPTION_KEYS", ["ZGV2LW9ubHktbm90LXNlY3JldC1lbmNyeXB0aW9uLWs="])
    app = create_app("production", {"DATABASE_URL": database_url})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.debug is False
    response = app.test_client().get("/sign-in")
    assert "max-age=63072000" in response.headers["Strict-Transport-Security"]
    assert "Secure" in response.headers["Set-Cookie"]


def test_a_request_that_is_too_big_gets_a_friendly_413(client, check_page):
    response = client.post("/sign-in", data={"username": "x" * 300_000, "password": "y"})
    page = check_page(response, status=413)
    assert "too much to send" in page.h1
