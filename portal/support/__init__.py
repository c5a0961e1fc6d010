"""Get support: asking for an advocate or an Independent Visitor, following the request, and the services' side."""

from flask import Blueprint

bp = Blueprint("support", __name__)

from portal.support import routes  # noqa: E402,F401  (routes register themselves on bp)
