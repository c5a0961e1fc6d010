"""Who may choose picture mode: a young person, for themselves only (role × route rows for the matrix)."""

import pytest

from tests.access import ROLES, expect, outcomes, world_ids

MATRIX = [
    ("GET", "/account/pictures", "/account/pictures", expect(403, anonymous=302, young_person=200)),
]
SUBMIT = [
    ("POST", "/account/pictures", "/account/pictures", expect(403, anonymous=401, young_person=303)),
]


@pytest.mark.parametrize("role", list(ROLES))
def test_only_a_young_person_sees_and_changes_their_picture_setting(app, world, role):
    assert outcomes(app, role, MATRIX + SUBMIT, world_ids(world), {"pictures": "on"}) == {}
