"""Benchmark the plans dashboard, its summary and the lists at national scale, on PostgreSQL under gunicorn.

    python -m bench.run [--plans 250] [--projects 100] [--seconds 10] [--concurrency 4] [--workers 4]
                        [--no-page-cache]

The data go into a database council_bench, recreated empty: on the PostgreSQL server of
DATABASE_URL when that is set (its own database is left alone), otherwise on a throwaway server
started as the postgres user on a free port and removed afterwards.
The data set is loaded once, gunicorn serves the portal with bench.settings, and each page is
requested by a pool of threads for the given time, in one-second slices taken in turn: the
dashboard of one plan (as a city official, logged in), the same dashboard drilled to a strategy,
the summary endpoint (token), the meeting, difficulty and institution lists, the page of a meeting
with 100 agenda items and 2,000 invitees, the portal search and the matching API lists (as the
secretariat of every council, bench/lists.py), and a bare Django view through the same middleware,
for comparison.
The portal runs as in production, on Redis (REDIS_URL, or a throwaway redis-server), so pages and
API lists are served from the page cache while their tables are unchanged (council.web.page_cache);
--no-page-cache measures every request rendered afresh, as the first read after a write is.
Median and 95th-percentile latency, requests per second and the ratio to the bare view are
printed for each.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.database import bench_database
from bench.server import gunicorn, p95, redis_url

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def prepare(url: str, plans: int, projects: int) -> dict[str, str]:
    """Migrate, load the data set, and return the credentials the requests need."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    print("Migrating…", flush=True)
    subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    print(f"Loading {plans} plans × {projects} projects…", flush=True)
    done = subprocess.run(
        [PYTHON, "-m", "bench.prepare", str(plans), str(projects)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    info = json.loads(done.stdout.strip().splitlines()[-1])
    print("Loaded:", ", ".join(f"{key} {value}" for key, value in info["counts"].items()), flush=True)
    return {key: str(value) for key, value in info.items() if key != "counts"}


@dataclass
class Result:
    name: str
    latencies: list[float]
    seconds: float
    errors: int

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def line(self) -> str:
        ordered = sorted(self.latencies)
        median = statistics.median(ordered) * 1000
        slowest = p95(ordered) * 1000
        errors = f" ({self.errors} errors)" if self.errors else ""
        return (
            f"{self.name + errors:<40} {len(ordered):>7} {self.rate:>9.1f} {median:>10.1f} {slowest:>10.1f}"
        )


def _slice(
    port: int, path: str, headers: dict[str, str], seconds: float, concurrency: int
) -> tuple[list[float], int]:
    """Requests from `concurrency` threads, each on its own connection, for `seconds`."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        local: list[float] = []
        failed = 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            local.append(time.perf_counter() - started)
            if response.status != 200:
                failed += 1
        connection.close()
        with lock:
            latencies.extend(local)
            errors += failed

    threads = [threading.Thread(target=worker) for _n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def measure(
    targets: list[tuple[str, str, dict[str, str]]], port: int, seconds: float, concurrency: int
) -> list[Result]:
    """Each target for `seconds` in all, in one-second slices taken in turn, so that a machine whose
    speed drifts during the run (a shared or throttled CPU) slows every page alike and the ratios
    to the bare view stay fair."""
    for _name, path, headers in targets:
        for _warm in range(5):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
    results = [Result(name, [], 0.0, 0) for name, _path, _headers in targets]
    rounds = max(1, round(seconds))
    for _round in range(rounds):
        for result, (_name, path, headers) in zip(results, targets, strict=True):
            started = time.monotonic()
            latencies, errors = _slice(port, path, headers, seconds / rounds, concurrency)
            result.seconds += time.monotonic() - started
            result.latencies.extend(latencies)
            result.errors += errors
    return results


def table(results: list[Result]) -> str:
    """The results, one row per page, the first (the bare view) being the reference of the last column."""
    reference = results[0].rate
    lines = [f"{'':<40} {'requests':>7} {'req/s':>9} {'p50 ms':>10} {'p95 ms':>10} {'vs bare':>8}"]
    lines += [f"{result.line()} {result.rate / reference:>7.2f}x" for result in results]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--plans", type=int, default=250)
    parser.add_argument("--projects", type=int, default=100, help="projects per plan")
    parser.add_argument("--seconds", type=float, default=10.0, help="measuring time per page")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--no-page-cache", action="store_true", help="render every page afresh (the first read after a write)"
    )
    args = parser.parse_args()
    with bench_database(shared_buffers="256MB") as url:
        info = prepare(url, args.plans, args.projects)
        page = {"Cookie": f"sessionid={info['session']}", "Accept-Language": "ko"}
        token = {"Authorization": f"Token {info['token']}"}
        staff = {"Cookie": f"sessionid={info['staff_session']}", "Accept-Language": "ko"}
        staff_token = {"Authorization": f"Token {info['staff_token']}"}
        plan, strategy = info["plan"], info["strategy"]
        targets = [
            ("bare Django view", "/bench/hello/", page),
            ("dashboard (whole plan)", f"/plans/{plan}/dashboard/", page),
            ("dashboard (one strategy)", f"/plans/{plan}/dashboard/?strategy={strategy}", page),
            ("summary API", f"/api/v1/plans/{plan}/summary/", token),
            ("meeting list", "/meetings/", staff),
            ("meeting page (100 items, 2,000 invited)", f"/meetings/{info['meeting']}/", staff),
            ("difficulty list", "/difficulties/", staff),
            ("institution list", "/institutions/", staff),
            ("portal search", "/search/?q=%EC%B7%A8%EC%97%85", staff),
            ("meetings API", "/api/v1/meetings/", staff_token),
            ("difficulties API", "/api/v1/difficulties/", staff_token),
            ("institutions API", "/api/v1/institutions/", staff_token),
        ]
        cached = "0" if args.no_page_cache else "1"
        with redis_url() as redis, gunicorn(url, args.workers, REDIS_URL=redis, PAGE_CACHE=cached) as port:
            pages = "pages rendered afresh" if args.no_page_cache else "page cache on"
            clients = f"{args.concurrency} client threads, {args.seconds:g} s each"
            print(f"\ngunicorn {args.workers} workers, {clients}, {pages} ({os.cpu_count()} CPUs)\n")
            print(table(measure(targets, port, args.seconds, args.concurrency)), flush=True)


if __name__ == "__main__":
    main()
