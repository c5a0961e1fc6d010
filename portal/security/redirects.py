"""Safe `next` redirects: only paths on this site."""

from urllib.parse import urlsplit


def is_safe_path(target: str | None) -> bool:
    """True for a local absolute path such as /home?x=1, False for anything off-site."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None, fallback: str) -> str:
    """The target when it is a safe local path, otherwise the fallback."""
    return target if is_safe_path(target) else fallback
