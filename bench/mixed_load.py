"""Mixed load: simulated users of every role at once, then a check that no acknowledged write was lost
or doubled.

    python -m bench.mixed_load [--users 50] [--seconds 180] [--workers 4]

The demo is loaded into a database council_load, recreated empty (on the PostgreSQL server of
DATABASE_URL when that is set, otherwise on a throwaway server). gunicorn serves it on loopback with
a Celery worker on Redis (REDIS_URL, or a throwaway redis-server), as in production. Each simulated
user is one thread with its own keep-alive connection that waits 0.1–1 s between actions, for
--seconds:

- visitors read the public pages;
- institution contacts read their pages and, through the API, answer invitations, raise difficulties,
  comment on them and edit their progress reports;
- secretariat staff read the lists and pages and import spreadsheets of new institutions (the page's
  upload, handled by the worker);
- city officials read the plan dashboard and the pages.

Every write carries a unique text. Afterwards, once the worker has finished the imports, the
database is checked: every write the portal acknowledged (2xx, or the import page's redirect to
its job) is there exactly once, and an invitation keeps one of the answers it was given.
Prints requests, 5xx, p50 and p95 per action, and the writes table; exits non-zero on any 5xx or any
lost or doubled write.
"""

import argparse
import itertools
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from bench.database import bench_database
from bench.mixed_data import MARK, ROWS_PER_IMPORT
from bench.server import ROOT, gunicorn, p95, redis_url
from tests.support.services import CeleryWorker

PYTHON = sys.executable
PUBLIC = (
    "/",
    "/meetings/",
    "/practices/",
    "/councils/",
    "/councils/anyang/",
    "/search/?q=%EC%B7%A8%EC%97%85",
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Tally:
    """What all simulated users saw, gathered under one lock."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    server_errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    acknowledged: dict[str, list[Any]] = field(
        default_factory=lambda: {"difficulty": [], "comment": [], "report": [], "answer": [], "import": []}
    )
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, action: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies[action].append(seconds)
            if status >= 500:
                self.server_errors[action] += 1

    def acknowledge(self, kind: str, value: Any) -> None:
        with self.lock:
            self.acknowledged[kind].append(value)


class User:
    """One simulated user: an account (or none), a connection, and the actions of its role."""

    def __init__(
        self, base: str, role: str, account: dict[str, Any] | None, tally: Tally, imports: Iterator[Any]
    ):
        self.base, self.role, self.account, self.tally, self.imports = base, role, account, tally, imports
        self.http = requests.Session()
        self.http.headers["Accept-Language"] = "ko"
        if account:
            self.http.cookies.set("sessionid", account["session"])
        self.api = {"Authorization": f"Token {account['token']}"} if account else {}
        self.difficulties: list[int] = list(account["difficulties"]) if account else []

    def request(self, action: str, method: str, path: str, **kwargs: Any) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response = self.http.request(
                method, self.base + path, timeout=60, allow_redirects=False, **kwargs
            )
        except requests.RequestException:
            self.tally.record(action, time.perf_counter() - started, 599)
            return None
        self.tally.record(action, time.perf_counter() - started, response.status_code)
        return response

    def actions(self) -> list[tuple[float, Callable[[], None]]]:
        """(weight, action) pairs for this user's role."""
        if self.role == "visitor":
            return [(1, self.read_public)]
        reads: list[tuple[float, Callable[[], None]]] = [(6, self.read)]
        if self.role == "official":
            return [
                *reads,
                (4, self.dashboard) if self.account and self.account["dashboard"] else (0, self.read),
            ]
        if self.role == "staff":
            return [*reads, (1, self.import_institutions)]
        assert self.account is not None
        return [
            *reads,
            (2, self.answer) if self.account["invitations"] else (0, self.read),
            (1, self.raise_difficulty) if self.account["raise"] else (0, self.read),
            (2, self.comment),
            (2, self.edit_report) if self.account["reports"] else (0, self.read),
        ]

    def run(self, deadline: float) -> None:
        weights, actions = zip(*self.actions(), strict=True)
        while time.monotonic() < deadline:
            random.choices(actions, weights)[0]()
            time.sleep(random.uniform(0.1, 1.0))

    def read_public(self) -> None:
        self.request("visitor: public pages", "GET", random.choice(PUBLIC))

    def read(self) -> None:
        assert self.account is not None
        path = random.choice(self.account["reads"])
        self.request(
            f"{self.role}: {'API lists' if path.startswith('/api/') else 'pages'}",
            "GET",
            path,
            headers=self.api if path.startswith("/api/") else None,
        )

    def dashboard(self) -> None:
        assert self.account is not None
        self.request("official: plan dashboard", "GET", self.account["dashboard"])

    def write(self, action: str, method: str, path: str, body: dict[str, Any], kind: str, value: Any) -> Any:
        """An API write; what it wrote is recorded as acknowledged when the portal answers 2xx."""
        response = self.request(action, method, path, json=body, headers=self.api)
        if response is None or response.status_code not in (200, 201):
            return None
        self.tally.acknowledge(kind, value)
        return response.json()

    def answer(self) -> None:
        assert self.account is not None
        invitation = random.choice(self.account["invitations"])
        answer = random.choice(["accepted", "declined"])
        path = f"/api/v1/invitations/{invitation}/respond/"
        self.write(
            "contact: answer invitation", "POST", path, {"response": answer}, "answer", (invitation, answer)
        )

    def raise_difficulty(self) -> None:
        assert self.account is not None
        title = f"{MARK} 애로 {uuid.uuid4().hex[:12]}"
        body = {
            **self.account["raise"],
            "kind": "difficulty",
            "category": "employment",
            "title": title,
            "description": "현장실습 기업을 찾기 어렵습니다.",
        }
        raised = self.write(
            "contact: raise difficulty", "POST", "/api/v1/difficulties/", body, "difficulty", title
        )
        if raised is not None:
            self.difficulties.append(raised["id"])

    def comment(self) -> None:
        if not self.difficulties:
            return self.read()
        text = f"{MARK} 의견 {uuid.uuid4().hex[:12]}"
        path = f"/api/v1/difficulties/{random.choice(self.difficulties)}/comment/"
        self.write("contact: comment", "POST", path, {"body": text}, "comment", text)
        return None

    def edit_report(self) -> None:
        assert self.account is not None
        narrative = f"{MARK} 진행 {uuid.uuid4().hex[:12]}"
        path = f"/api/v1/progress-reports/{random.choice(self.account['reports'])}/"
        self.write("contact: edit report", "PATCH", path, {"narrative": narrative}, "report", narrative)

    def import_institutions(self) -> None:
        upload = next(self.imports, None)
        if upload is None:
            return self.read()
        number, path = upload
        page = self.request("staff: import (form)", "GET", "/institutions/import/")
        token = CSRF.search(page.text) if page is not None else None
        if token is None:
            return None
        with open(path, "rb") as file:
            response = self.request(
                "staff: import (upload)",
                "POST",
                "/institutions/import/",
                data={"csrfmiddlewaretoken": token.group(1)},
                files={"file": (Path(path).name, file, "text/csv")},
                headers={"Referer": self.base + "/institutions/import/"},
            )
        if (
            response is not None
            and response.status_code == 302
            and "/imports/" in response.headers["Location"]
        ):
            self.tally.acknowledge(
                "import", [f"{MARK} 기관 {number:03d}-{row}" for row in range(ROWS_PER_IMPORT)]
            )
        return None


def django(env: dict[str, str], *args: str) -> Any:
    done = subprocess.run([PYTHON, *args], cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else None


def roles(users: int) -> list[str]:
    """A fifth visitors, two fifths institution contacts, a fifth staff and a fifth officials."""
    cycle = itertools.cycle(["visitor", "contact", "staff", "contact", "official"])
    return [next(cycle) for _user in range(users)]


def print_table(tally: Tally, seconds: float) -> None:
    print(f"\n{'':<30} {'requests':>8} {'req/s':>7} {'5xx':>5} {'p50 ms':>8} {'p95 ms':>8}")
    everything: list[float] = []
    for action in sorted(tally.latencies):
        latencies = sorted(tally.latencies[action])
        everything += latencies
        print(_row(action, latencies, tally.server_errors[action], seconds))
    print(_row("all", sorted(everything), sum(tally.server_errors.values()), seconds))


def _row(name: str, latencies: list[float], errors: int, seconds: float) -> str:
    rate = len(latencies) / seconds
    p50, slowest = statistics.median(latencies) * 1000, p95(latencies) * 1000
    return f"{name:<30} {len(latencies):>8} {rate:>7.1f} {errors:>5} {p50:>8.0f} {slowest:>8.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=180.0)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    args = parser.parse_args()
    with (
        bench_database("council_load") as url,
        redis_url() as redis,
        tempfile.TemporaryDirectory(prefix="council-load-") as folder,
    ):
        environment = {"VAR_DIR": folder, "REDIS_URL": redis, "TWO_FACTOR_REQUIRED": "0"}
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings", **environment}
        print("Migrating and loading the demo…", flush=True)
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        subprocess.run(
            [PYTHON, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
        info = django(env, "-m", "bench.mixed_data", "prepare", folder)
        worker = CeleryWorker(env, concurrency=2).start()
        tally = Tally()
        imports = iter(list(enumerate(info["imports"])))
        lock = threading.Lock()

        def next_import() -> Iterator[Any]:
            while True:
                with lock:
                    upload = next(imports, None)
                if upload is None:
                    return
                yield upload

        try:
            with gunicorn(url, args.workers, **environment) as port:
                accounts = {"staff": [], "official": [], "contact": []}  # type: dict[str, list[dict[str, Any]]]
                for username, account in info["accounts"].items():
                    role = (
                        "staff"
                        if "staff" in username
                        else "official"
                        if "official" in username
                        else "contact"
                    )
                    accounts[role].append(account)
                base = f"http://127.0.0.1:{port}"
                users = [
                    User(
                        base,
                        role,
                        accounts[role][n % len(accounts[role])] if role in accounts else None,
                        tally,
                        next_import(),
                    )
                    for n, role in enumerate(roles(args.users))
                ]
                print(
                    f"{args.users} users for {args.seconds:g} s against gunicorn ({args.workers} workers), "
                    f"a Celery worker and Redis ({os.cpu_count()} CPUs)…",
                    flush=True,
                )
                deadline = time.monotonic() + args.seconds
                started = time.monotonic()
                threads = [threading.Thread(target=user.run, args=(deadline,)) for user in users]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                elapsed = time.monotonic() - started
            acknowledged = Path(folder) / "acknowledged.json"
            acknowledged.write_text(json.dumps(tally.acknowledged))
            for _wait in range(120):  # the worker finishes the imports it was given
                writes = django(env, "-m", "bench.mixed_data", "verify", str(acknowledged))
                if writes["imported institutions"]["jobs pending"] == 0:
                    break
                time.sleep(1)
        finally:
            worker.stop()
    print_table(tally, elapsed)
    columns = ("acknowledged", "exactly once", "lost", "doubled", "unacknowledged")
    print(f"\n{'writes':<24} " + " ".join(f"{column:>14}" for column in columns))
    for kind, counts in writes.items():
        print(f"{kind:<24} " + " ".join(f"{counts[column]:>14}" for column in columns))
    failures = sum(tally.server_errors.values()) + sum(c["lost"] + c["doubled"] for c in writes.values())
    imports = writes["imported institutions"]
    print(f"import jobs: {imports['jobs pending']} still pending, {imports['jobs refused']} refused")
    if failures or imports["jobs pending"] or imports["jobs refused"]:
        sys.exit("Server errors, lost or doubled writes, or imports unfinished or refused: see above.")


if __name__ == "__main__":
    main()
