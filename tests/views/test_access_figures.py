"""Role × route matrix for the service's figures and annual report: admins and service managers only."""

import pytest

from tests.access import ROLES, expect, outcomes, world_ids

READERS = {"admin": 200, "manager": 200}

MATRIX = [
    ("GET", "/figures", "/figures", expect(403, anonymous=302, **READERS)),
    ("GET", "/figures/tables/reviews.csv", "/figures/tables/<string(maxlength=40):key>.csv",
     expect(403, anonymous=302, **READERS)),
    ("GET", "/figures/annual-report", "/figures/annual-report", expect(403, anonymous=302, **READERS)),
]


@pytest.mark.parametrize("role", list(ROLES))
def test_role_gets_declared_outcome_on_every_figures_route(app, world, role):
    assert outcomes(app, role, MATRIX, world_ids(world)) == {}, "(got, expected) per route"
