"""Safe `next` redirects: only paths on this site are followed."""

from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from portal.security.redirects import is_safe_path, safe_next

SITE = "https://portal.example/"


@pytest.mark.parametrize("target", ["/home", "/caseload?x=1", "/caseload/3/invite", "/", "/home#top",
                                    "/get-help?next=https://evil.com"])
def test_local_paths_are_accepted(target):
    assert is_safe_path(target)
    assert safe_next(target, "/fallback") == target


@pytest.mark.parametrize("target", [
    "//evil.com", "///evil.com", "https://evil.com", "http://evil.com/home", "/\\evil.com", "\\\\evil.com",
    "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,hi", "evil.com", "home", "",
    None, "/home\n", "/\tevil", "/\r\n/evil.com", "/home\x00", "/\x1b", " /home",
])
def test_off_site_or_odd_targets_are_refused(target):
    assert not is_safe_path(target)
    assert safe_next(target, "/fallback") == "/fallback"


# Characters that matter to URL parsing, mixed with anything at all.
pieces = st.sampled_from(list("/\\:.@?#%aZ09 \t\n\r\x00\x7f-") + ["evil.com", "http", "https:", "//", "javascript:"])
tricky = st.lists(pieces, max_size=12).map("".join)


@given(st.one_of(tricky, st.text()))
@example("/home")
@example("//evil.com")
@example("/\\evil.com")
def test_anything_accepted_stays_on_this_site(target):
    if not is_safe_path(target):
        assert safe_next(target, "/fallback") == "/fallback"
        return
    assert target.startswith("/") and not target.startswith("//")
    parts = urlsplit(target)
    assert parts.scheme == "" and parts.netloc == ""
    # Browsers ignore tabs and newlines and read "\" as "/": neither may be present.
    assert not any(ch in target for ch in "\t\r\n\\")
    assert urlsplit(urljoin(SITE, target)).netloc == "portal.example"
    assert safe_next(target, "/fallback") == target
