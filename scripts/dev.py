#!/usr/bin/env python3
"""Set up and run the portal on a fresh clone: `serve` for a local demo, `test` for the test suite.

Only the Python standard library is used, so this runs with nothing but Python 3.11+
installed. Everything the project needs goes into `.venv` at the repository root.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
VENV_BIN = VENV / "bin"
PYTHON = VENV_BIN / "python"
FLASK = VENV_BIN / "flask"
CHROMIUM = Path("/usr/bin/chromium")
# The Nu Html Checker (the W3C's HTML checker) from npm, run with Debian's Java by the tests.
VNU_VERSION = "26.9.27"
VNU_JAR = ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HOST, PORT = "127.0.0.1", 5000

# The extras each command needs, and the stamp that records an install of them.
# A test install also satisfies serve, because the test extra only adds packages.
STAMPS = {"serve": VENV / ".dev-installed-runtime", "test": VENV / ".dev-installed-test"}
INSTALL_TARGETS = {"serve": ".", "test": ".[test]"}


def say(message):
    """Print one step in plain words, flushed so it shows before the step's own output."""
    print(f"==> {message}", flush=True)


def fail(message, code=1):
    """Print what went wrong and how to put it right, then stop."""
    print(f"\nCannot continue: {message}", file=sys.stderr, flush=True)
    sys.exit(code)


def run(*command, env=None):
    """Run a command from the repository root; stop the script if it fails."""
    try:
        subprocess.run([str(part) for part in command], check=True, cwd=ROOT, env=env)
    except subprocess.CalledProcessError as error:
        fail(f"this command failed (exit code {error.returncode}):\n  {' '.join(map(str, command))}",
             error.returncode or 1)


def flask_env():
    """The environment for `flask` commands: the development settings, whatever the shell says."""
    return {**os.environ, "PORTAL_ENV": "development"}


def pyproject_hash():
    """A fingerprint of pyproject.toml: when it changes, the packages are installed again."""
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_venv():
    """Create .venv with pip unless it already exists."""
    if PYTHON.exists():
        return
    say(f"Creating a virtual environment in {VENV.relative_to(ROOT)}/")
    try:
        venv.create(VENV, with_pip=True, clear=VENV.exists())
    except (subprocess.CalledProcessError, OSError) as error:
        fail(f"could not create the virtual environment ({error}).\n"
             "On Debian or Ubuntu, install the venv module first: sudo apt-get install python3-venv")


def ensure_installed(kind):
    """Install the project (and for tests, its test extra) unless pyproject.toml is unchanged since last time."""
    ensure_venv()
    wanted = pyproject_hash()
    good_enough = [STAMPS[kind]] + ([STAMPS["test"]] if kind == "serve" else [])
    if any(stamp.exists() and stamp.read_text().strip() == wanted for stamp in good_enough):
        say("Python packages are already installed (pyproject.toml has not changed)")
        return
    target = INSTALL_TARGETS[kind]
    say(f'Installing the project and its packages: pip install -e "{target}" (about a minute the first time)')
    run(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-e", target)
    STAMPS[kind].write_text(wanted + "\n")


def compile_translations():
    """Build the .mo files from the committed .po catalogs (skipped while there are none)."""
    if not any((ROOT / "translations").glob("*/LC_MESSAGES/messages.po")):
        say("No translation catalogs yet (translations/<language>/LC_MESSAGES/messages.po): "
            "skipping compile, pages will show in English")
        return
    say("Compiling translations")
    run(FLASK, "--app", "wsgi", "i18n", "compile", env=flask_env())


def ensure_chromium():
    """Make sure Debian's Chromium is at /usr/bin/chromium for the browser tests, installing it as root."""
    if CHROMIUM.exists():
        return
    apt_get = shutil.which("apt-get")
    if os.geteuid() == 0 and apt_get:
        say("Chromium is missing: installing Debian's chromium package with apt-get")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run(apt_get, "update", env=env)
        run(apt_get, "install", "-y", "chromium", env=env)
        if not CHROMIUM.exists():
            fail(f"apt-get installed chromium but {CHROMIUM} is still missing.")
        return
    fail(f"the browser tests need Chromium at {CHROMIUM}, and it is not installed.\n"
         "On Debian or Ubuntu, install it with:\n"
         "  sudo apt-get install chromium\n"
         "then run this command again. (Do not use `playwright install`: the tests use the system Chromium.)")


def ensure_vnu():
    """Make sure vnu.jar (npm's vnu-jar) and a Java runtime are here for the HTML checks, installing them."""
    if not shutil.which("java"):
        apt_get = shutil.which("apt-get")
        if os.geteuid() == 0 and apt_get:
            say("Java is missing: installing Debian's default-jre-headless with apt-get (for the HTML checker)")
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            run(apt_get, "install", "-y", "default-jre-headless", env=env)
        else:
            fail("the HTML checks need Java. On Debian or Ubuntu: sudo apt-get install default-jre-headless")
    if VNU_JAR.exists():
        return
    npm = shutil.which("npm")
    if not npm:
        fail("the HTML checks need npm to fetch the checker (vnu-jar). On Debian or Ubuntu: sudo apt-get install npm")
    say(f"Fetching the Nu Html Checker (vnu-jar {VNU_VERSION}) with npm")
    VNU_JAR.parents[4].mkdir(parents=True, exist_ok=True)
    # --ignore-scripts: the package's own install script would download a Java; Debian's is used instead.
    run(npm, "install", "--prefix", str(VNU_JAR.parents[4]), "--no-audit", "--no-fund", "--ignore-scripts",
        f"vnu-jar@{VNU_VERSION}")
    if not VNU_JAR.exists():
        fail(f"npm installed vnu-jar but {VNU_JAR} is missing.")


def serve():
    """Install, compile translations, migrate, load the demo accounts, then serve on 127.0.0.1:5000."""
    ensure_installed("serve")
    compile_translations()
    say("Creating or upgrading the database")
    # The default SQLite file lives in instance/, which git does not track; SQLite will not create folders.
    (ROOT / "instance").mkdir(exist_ok=True)
    run(FLASK, "--app", "wsgi", "db-upgrade", env=flask_env())
    say("Loading the demo accounts")
    run(FLASK, "--app", "wsgi", "demo-data", env=flask_env())
    say(f"Serving the portal at http://{HOST}:{PORT}/ (press Ctrl+C to stop)")
    # Replace this process with the server, so Ctrl+C or stopping this process stops the server too.
    command = [str(FLASK), "--app", "wsgi", "run", "--host", HOST, "--port", str(PORT)]
    os.chdir(ROOT)
    os.execve(command[0], command, flask_env())


def test(pytest_args):
    """Install with the test extra, compile translations, check Chromium, then run pytest on every core."""
    ensure_installed("test")
    compile_translations()
    ensure_chromium()
    ensure_vnu()
    if not any(arg == "-n" or arg.startswith(("-n", "--numprocesses")) for arg in pytest_args):
        # One worker per core. The work is shared out in the order tests/conftest.py gives (slowest first):
        # each browser module (per database) and the resilience run as one unit, every other test on its own.
        pytest_args = ["-n", "auto", "--dist", "loadgroup", *pytest_args]
    say("Running the tests: " + " ".join(["pytest", *pytest_args]))
    # The environment passes through (TEST_DATABASE_URL adds a PostgreSQL run), but for the line below.
    started = time.monotonic()
    env = {**os.environ, "VNU_JAR": str(VNU_JAR)}
    # pytest keeps its rewritten test modules in __pycache__ only when bytecode may be written; without
    # them every worker parses and rewrites all the tests again at every run (about 14 s of CPU each).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    completed = subprocess.run([str(PYTHON), "-m", "pytest", *pytest_args], cwd=ROOT, env=env)
    say(f"Suite time: {time.monotonic() - started:.0f} s")
    sys.exit(completed.returncode)


USAGE = """usage: python3 scripts/dev.py serve
       python3 scripts/dev.py test [pytest arguments...]

  serve   set up .venv, the database and the demo accounts, then serve the portal at http://127.0.0.1:5000
  test    set up .venv (with the test packages) and Chromium, then run pytest with any arguments given
"""


def main():
    """Run the sub-command named on the command line; everything after `test` goes to pytest as it is."""
    # This runs on whatever python3 the machine has, before the project's own Python exists.
    if sys.version_info < (3, 11):  # noqa: UP036
        fail(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}. Try: python3.11 scripts/dev.py")
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else (None, [])
    try:
        if command == "serve" and not rest:
            serve()
        elif command == "test":
            test(rest)
        elif command in ("-h", "--help", "help"):
            print(USAGE, end="")
        else:
            print(USAGE, end="", file=sys.stderr)
            sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
