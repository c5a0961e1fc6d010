"""Picture mode (issue 13): big symbols, big tap targets and one short sentence a screen.

On by default for 4 to 7 year olds, and for anyone who asks for it ("Show big pictures" on their
account). A carer helping a child sees the child's pages as the child does.
"""

from portal.extensions import db
from portal.models.young_people import AgeBand


def shows_pictures(chosen: bool | None, band: str | None) -> bool:
    """The young person's own choice if they made one, otherwise on for the under-8 band only."""
    if chosen is not None:
        return chosen
    return band == AgeBand.UNDER_8


def choose(user, on: bool) -> None:
    """Keep a young person's own choice (it then wins over their band's default, in either direction)."""
    user.picture_mode = on
    db.session.commit()
