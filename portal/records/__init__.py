"""Data rights: "See my records" downloads and subject access exports, "That's not right about me",
retention, and the privacy notice for children."""

from flask import Blueprint

bp = Blueprint("records", __name__, cli_group=None)

from portal.records import cli, routes  # noqa: E402,F401  (routes and the retention command register themselves on bp)

bp.record_once(routes.register_young_person_section)
