"""Extension singletons, bound to an app in create_app()."""

from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from portal.database import Database

db = Database()
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
compress = Compress()
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=False)

