"""Where a page's time goes, in one process: the throughput benchmark's pages, profiled.

    .venv/bin/python benchmarks/profile_pages.py [--requests 2000] [--profile] [--page home]

Builds the portal on a throwaway SQLite database with the demo accounts (as benchmarks/throughput.py
does), signs in through the test client as a young person, an IRO and a council member, then serves
each page `--requests` times and prints the CPU time per request (process time, which a busy
neighbour on a shared machine disturbs far less than wall-clock time). With --profile it prints the
cProfile functions that cost the most, per page.
"""

import argparse
import cProfile
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _signed_in(app, username):
    client = app.test_client()
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    client.post("/sign-in", data={"csrf_token": token, "username": username, "password": "demo-pass-2026"})
    return client


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--page", action="append", help="only these pages (sign-in, home, question, caseload, council)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--callers", help="with --profile: also who calls the functions matching this")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="profile-pages-"))
    os.environ.update(PORTAL_ENV="development", DATABASE_URL=f"sqlite:///{work / 'portal.sqlite3'}", FLASK_DEBUG="0")
    os.environ.pop("REDIS_URL", None)
    from portal import create_app  # noqa: PLC0415 (after the environment is set)

    app = create_app()
    runner = app.test_cli_runner()
    for command in (["db-upgrade"], ["demo-data"]):
        result = runner.invoke(args=command)
        assert result.exit_code == 0, result.output
    child, iro, council = (_signed_in(app, name) for name in ("demo-child", "demo-iro", "demo-council"))
    page = child.get("/have-your-say").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    question = child.post("/have-your-say/start", data={"csrf_token": token}).headers["Location"]
    pages = {"sign-in": ("/sign-in", app.test_client()), "home": ("/home", child), "question": (question, child),
             "caseload": ("/caseload", iro), "council": ("/council", council)}
    for name, (path, client) in pages.items():
        if args.page and name not in args.page:
            continue
        for _warm in range(50):
            assert client.get(path).status_code == 200, (name, path)
        # The best of five rounds: a neighbour's load only ever adds time.
        spent = []
        for _round in range(5):
            started = time.process_time()
            for _request in range(args.requests // 5):
                client.get(path)
            spent.append((time.process_time() - started) / (args.requests // 5))
        # Python function calls per request: a count that a busy machine does not change.
        profiler = cProfile.Profile()
        profiler.enable()
        for _request in range(100):
            client.get(path)
        profiler.disable()
        calls = pstats.Stats(profiler).total_calls / 100
        print(f"{name:10} {path:36} {min(spent) * 1e6:7.0f} µs CPU per request (best round), {calls:7.0f} calls")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _request in range(args.requests):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)
            if args.callers:
                pstats.Stats(profiler).print_callers(args.callers)


if __name__ == "__main__":
    main()
