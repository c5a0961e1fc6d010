"""Have Your Say: a participation portal for children and young people in care."""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import cli, errors, frame, i18n, routing, templating
from portal.admin import bp as admin_bp
from portal.auth import bp as auth_bp
from portal.config import ROOT, load
from portal.consultation import bp as consultation_bp
from portal.core import audit
from portal.escalations import bp as escalations_bp
from portal.extensions import babel, compress, csrf, db, limiter, login_manager
from portal.feedback import bp as feedback_bp
from portal.figures import bp as figures_bp
from portal.letters import bp as letters_bp
from portal.main import bp as main_bp
from portal.models import encryption
from portal.notifications import bp as notifications_bp
from portal.records import bp as records_bp
from portal.security import headers, sessions
from portal.staff import bp as staff_bp
from portal.support import bp as support_bp
from portal.voice import bp as council_bp

APP_WIDE_LIMITS = ("RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION", "RATELIMIT_META", "RATELIMIT_IN_MEMORY_FALLBACK")


def _limit_only_where_declared(app):
    """Drop Flask-Limiter's check before every request when no app-wide limit exists.

    That check only applies default, application-wide and fallback limits; the portal has none
    (its limits sit on the routes that need them, which check them themselves, storage fallback
    and recovery included), yet it cost every page a little and the sign-in page a tenth of its time.
    """
    if any(app.config.get(name) for name in APP_WIDE_LIMITS):
        return
    hooks = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in hooks:  # noqa: SLF001 (the hook Flask-Limiter registers)
        hooks.remove(limiter._check_request_limit)


def create_app(config_name=None, overrides=None):
    """Build the Flask app for an environment (default: PORTAL_ENV) with optional overrides."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.from_object(load(config_name))
    app.config.update(overrides or {})
    if app.config["ENV_NAME"] == "production":
        app.debug = False
    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    routing.init_app(app)
    encryption.install_keyring(app)
    db.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    limiter.init_app(app)
    _limit_only_where_declared(app)
    compress.init_app(app)
    sessions.init_app(app)
    headers.init_app(app)
    i18n.init_app(app)
    templating.init_app(app)
    frame.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    audit.init_app(app)

    for blueprint in (main_bp, auth_bp, staff_bp, admin_bp, consultation_bp, support_bp, notifications_bp, letters_bp,
                      council_bp, escalations_bp, records_bp, figures_bp, feedback_bp):
        app.register_blueprint(blueprint)
    return app
