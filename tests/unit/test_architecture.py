"""The architecture holds: models <- core <- security <- capabilities, and capabilities never import each other."""

import subprocess
import sys
from pathlib import Path

from portal.config import ROOT


def test_import_contracts_are_kept_with_no_exceptions():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    assert "ignore_imports" not in (ROOT / "pyproject.toml").read_text()  # no exceptions listed
