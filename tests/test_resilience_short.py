"""The resilience benchmark's short form, as CI runs it: load, a database stop, a killed worker, Redis and SMTP
outages, on the benchmark's own PostgreSQL and Redis (benchmarks/resilience.py)."""

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "resilience.py"


def _why_not():
    if os.geteuid() != 0:
        return "needs root: it starts its own PostgreSQL cluster as the postgres OS user"
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        return "needs Debian's PostgreSQL binaries (initdb) in /usr/lib/postgresql/*/bin"
    if not shutil.which("redis-server") or not shutil.which("runuser"):
        return "needs redis-server and runuser"
    return None


@pytest.mark.resilience
@pytest.mark.skipif(_why_not() is not None, reason=_why_not() or "")
def test_nothing_is_lost_or_doubled_under_load_and_faults():
    """Every promise of the short form holds: each line PASS and the script exits 0."""
    script = subprocess.Popen([sys.executable, str(SCRIPT), "--short"], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        # A generous bound, not a timing assertion: the script bounds every retry itself.
        stdout, stderr = script.communicate(timeout=900)
    except subprocess.TimeoutExpired:
        script.terminate()  # SIGTERM: the script stops its servers and removes its folder
        stdout, stderr = script.communicate(timeout=60)
    assert script.returncode == 0, stdout[-4000:] + stderr[-4000:]
    assert "FAIL" not in stdout
    assert stdout.count("PASS ") == 5, stdout  # a, b, c, d and e
