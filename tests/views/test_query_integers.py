"""No number in a query string (or a page number in a path) can make a 500: 2^31, 2^63, 10^20 and -1 sent
to every GET route, with every query parameter the code reads, as every role.

Query-string integers are read by one helper, portal.routing.int_arg, checked like the `<id:>` converter.
"""

import re
from pathlib import Path

import pytest

from portal.routing import MAX_ID
from tests.access import ROLES
from tests.conftest import sign_in

PORTAL = Path(__file__).resolve().parents[2] / "portal"
VALUES = [str(2**31), str(2**63), str(10**20), "-1"]
READS = re.compile(r"""(?:int_arg|request\.args\.get|\bargs\.get)\(\s*["'](\w+)["']""")


def query_parameters():
    """Every query parameter any code reads, found in the source."""
    found = set()
    for path in PORTAL.rglob("*.py"):
        found.update(READS.findall(path.read_text(encoding="utf-8")))
    return sorted(found)


def test_the_parameters_are_found():
    assert {"young_person", "staff", "before", "next", "start", "end", "after", "print"} <= set(query_parameters())


def test_query_string_integers_are_read_by_the_one_helper_only():
    for path in PORTAL.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"args\.get\([^)]*type\s*=\s*int", source), path
        assert not re.search(r"int\(\s*request\.args", source), path


def _url(rule, value):
    """The rule's URL with every id 1 (the demo world's first rows) and page numbers set to the value."""
    def fill(match):
        converter, _sep, _name = match.group(1).rpartition(":")
        if converter.startswith("int"):
            return value
        if converter.startswith("any("):
            return re.search(r"\(\s*'?([\w-]+)", converter).group(1)
        if converter.startswith("string(length="):
            return "a" * int(re.search(r"length=(\d+)", converter).group(1))
        if converter == "id":
            return "1"
        return "x"
    return re.sub(r"<([^>]+)>", fill, rule.rule)


# Every kind of page: what each role reaches differs (services see what the IRO sees of a request).
@pytest.mark.parametrize("role", ["anonymous", "young_person", "carer", "iro", "council", "admin"])
def test_huge_and_negative_numbers_are_never_a_500(app, world, role):
    client = app.test_client()
    if ROLES[role]:
        assert sign_in(client, ROLES[role]).status_code == 303
    parameters = query_parameters()
    failures = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or rule.rule in ("/sign-out", "/exit"):
            continue
        for value in VALUES:
            query = "&".join(f"{name}={value}" for name in parameters)
            url = f"{_url(rule, value)}?{query}"
            status = client.get(url).status_code
            if status >= 500:
                failures.append((url, status))
    assert failures == []


def test_the_audit_filter_with_a_huge_number_shows_everything_instead(world, signed_in):
    client = signed_in("demo-admin")
    for name in ("young_person", "staff", "before"):
        for value in VALUES:
            assert client.get(f"/admin/audit?{name}={value}").status_code == 200, (name, value)


def test_a_year_too_big_for_a_date_on_the_council_dashboard_is_ignored(world, signed_in):
    client = signed_in("demo-council")
    assert client.get("/council?start=99999999999999999999-01&end=-1").status_code == 200


def test_int_arg_accepts_what_an_id_column_holds(app):
    from portal.routing import int_arg

    cases = {"1": 1, str(MAX_ID): MAX_ID, str(MAX_ID + 1): None, "0": None, "-1": None, "1e3": None, " 7": None,
             "": None, "abc": None, str(10**20): None, "٣": None}
    for raw, expected in cases.items():
        with app.test_request_context("/", query_string={"n": raw}):
            assert int_arg("n") == expected, raw
    with app.test_request_context("/"):
        assert int_arg("n", default=5) == 5
