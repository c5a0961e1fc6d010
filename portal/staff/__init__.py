"""The IRO's side: caseload, young people's records, reviews and invitations."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/caseload")

from portal.staff import caseload, routes  # noqa: E402,F401  (routes register themselves on bp)

bp.record_once(caseload.register_home_section)
