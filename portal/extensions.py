"""Extension singletons, bound to an app in create_app()."""

from flask import request
from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from portal.database import Database
from portal.models.people import normalise_username

db = Database()
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
compress = Compress()
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=False)


def submitted_username():
    """Rate-limit key for per-account throttling: the username as typed, case-folded."""
    return "account:" + normalise_username(request.form.get("username"))[:100]
