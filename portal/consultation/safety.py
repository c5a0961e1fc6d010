"""Compatibility: the consultation's safety check, now portal.core.safety (callers move there later)."""

from portal.core.safety import assess


def suggests_risk(text: str | None) -> bool:
    """True when the text suggests any concern (urgent or soon), checked against every language's rules."""
    return assess(text) is not None
