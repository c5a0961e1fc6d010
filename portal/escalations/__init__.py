"""Escalations (dispute resolution): an IRO takes a concern about a young person's care further, informally or
formally, stage by stage from the team manager to a referral to Cafcass, until it is closed with an outcome."""

from flask import Blueprint

bp = Blueprint("escalations", __name__, url_prefix="/escalations")

from portal.escalations import routes  # noqa: E402,F401  (routes register themselves on bp)
