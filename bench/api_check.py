"""Check the API against its own OpenAPI document with schemathesis, on a live server holding the demo.

    python -m bench.api_check [--examples 5] [--min-cases 1000] [--seed 1]

A database council_api_check is created empty (on the PostgreSQL server of DATABASE_URL when that is
set, otherwise on a throwaway server), migrated and loaded with the demo councils; uploads and mail go
to a temporary folder. gunicorn serves it on loopback, and schemathesis generates requests from
/api/schema/ as two accounts: the site administrator, who may do everything, and an institution
contact (대림대학교's), who is refused much. It runs the schema's examples, the coverage and fuzzing
phases and stateful sequences along the schema's links. Every response must not be a server error,
must carry a status code the schema documents for its operation, with the documented content type,
headers and body. Writes land in the throwaway database only.

Prints the cases run and the failures per account (each account's event stream is kept in
var/api-check/), and exits non-zero on any failure or when fewer than --min-cases cases ran in all.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.database import bench_database
from bench.server import ROOT, gunicorn

PYTHON = sys.executable
REPORTS = ROOT / "var" / "api-check"
ACCOUNTS = ("admin", "daerim")
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
)
ISSUE_TOKENS = """
import json
import django

django.setup()
from council.accounts.tokens import api_token_issue
from council.models import User

print(json.dumps({name: api_token_issue(user=User.objects.get(username=name)) for name in %r}))
"""


@dataclass
class Outcome:
    account: str
    cases: int
    server_errors: int
    failures: int
    returncode: int


def prepare(env: dict[str, str]) -> dict[str, str]:
    """Migrate, load the demo, and issue an API token to each account."""
    print("Migrating and loading the demo…", flush=True)
    subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    done = subprocess.run(
        [PYTHON, "-c", ISSUE_TOKENS % (ACCOUNTS,)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run(account: str, token: str, port: int, args: argparse.Namespace, reports: Path) -> Outcome:
    reports.mkdir(parents=True, exist_ok=True)
    report = reports / f"{account}.ndjson"
    command = [
        str(Path(PYTHON).with_name("schemathesis")),
        "run",
        f"http://127.0.0.1:{port}/api/schema/",
        "--header",
        f"Authorization: Token {token}",
        "--header",
        "Accept-Language: ko",
        "--checks",
        ",".join(CHECKS),
        "--max-examples",
        str(args.examples),
        "--seed",
        str(args.seed),
        "--workers",
        "2",
        "--request-timeout",
        "30",
        "--no-shrink",
        "--suppress-health-check",
        "all",
        "--warnings",
        "off",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(report),
    ]
    print(f"\n== schemathesis as {account}", flush=True)
    done = subprocess.run(command, cwd=ROOT)
    cases, server_errors, failures = _count(report)
    return Outcome(account, cases, server_errors, failures, done.returncode)


def _count(report: Path) -> tuple[int, int, int]:
    """Cases run, server errors and failed checks of all kinds, from schemathesis' event stream."""
    cases = server_errors = failures = 0
    for line in report.read_text().splitlines():
        recorder = json.loads(line).get("ScenarioFinished", {}).get("recorder", {})
        cases += len(recorder.get("cases", {}))
        for checks in recorder.get("checks", {}).values():
            failed = [check["name"] for check in checks if check.get("status") == "failure"]
            failures += len(failed)
            server_errors += "not_a_server_error" in failed
    return cases, server_errors, failures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--examples", type=int, default=5, help="generated cases per operation and phase")
    parser.add_argument("--min-cases", type=int, default=1000, help="fail when fewer cases ran in all")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with (
        bench_database("council_api_check") as url,
        tempfile.TemporaryDirectory(prefix="council-api-check-") as folder,
    ):
        environment = {"VAR_DIR": folder, "TWO_FACTOR_REQUIRED": "0"}
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings", **environment}
        tokens = prepare(env)
        with gunicorn(url, 2, **environment) as port:
            outcomes = [run(account, tokens[account], port, args, REPORTS) for account in ACCOUNTS]
    print(f"\n{'account':<10} {'cases':>7} {'5xx':>5} {'failed checks':>14}")
    for outcome in outcomes:
        print(f"{outcome.account:<10} {outcome.cases:>7} {outcome.server_errors:>5} {outcome.failures:>14}")
    total = sum(outcome.cases for outcome in outcomes)
    server_errors = sum(outcome.server_errors for outcome in outcomes)
    failures = sum(outcome.failures for outcome in outcomes)
    print(f"{'all':<10} {total:>7} {server_errors:>5} {failures:>14}")
    if any(outcome.returncode for outcome in outcomes):
        sys.exit("The API does not match its schema: see the failures above.")
    if total < args.min_cases:
        sys.exit(f"Only {total} cases ran; at least {args.min_cases} are needed.")


if __name__ == "__main__":
    main()
