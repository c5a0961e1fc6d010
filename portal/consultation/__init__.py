"""Have your say: the consultation a young person fills in before each review."""

from flask import Blueprint

bp = Blueprint("consultation", __name__)

from portal.consultation import routes  # noqa: E402,F401  (routes register themselves on bp)
