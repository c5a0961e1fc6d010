"""The IRO's side: caseload, young people's records, reviews and invitations."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/caseload")

from portal.staff import routes  # noqa: E402,F401  (routes register themselves on bp)
