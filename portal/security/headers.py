"""Strict security headers on every response, and a fresh CSP nonce per request."""

import secrets
from urllib.parse import urlsplit

from flask import current_app, g, request


def csp_nonce() -> str:
    """This request's nonce for the few inline tags that need one."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def init_app(app):
    """Register the headers hook and expose csp_nonce() to templates."""
    app.after_request(_secure)
    app.jinja_env.globals["csp_nonce"] = csp_nonce


def _exit_origin():
    parts = urlsplit(current_app.config["EXIT_URL"])
    return f"{parts.scheme}://{parts.netloc}"


def _secure(response):
    nonce = csp_nonce()
    # form-action must admit the exit site: Chromium checks redirects after a form post.
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; "
        f"script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; "
        "img-src 'self' data:; connect-src 'self'; font-src 'none'; manifest-src 'self'; "
        f"form-action 'self' {_exit_origin()}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Permissions-Policy"] = (
        "geolocation=(), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()"
    )
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if current_app.config.get("HSTS"):
        response.headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    if request.endpoint != "static":
        # No page may be kept by a shared phone's browser cache; static files are versioned.
        response.headers["Cache-Control"] = "no-store"
    return response
