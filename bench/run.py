"""Benchmark the plans dashboard and summary at national scale, on PostgreSQL under gunicorn.

    python -m bench.run [--plans 250] [--projects 100] [--seconds 10] [--concurrency 4] [--workers 4]

The data go into a database council_bench, recreated empty: on the PostgreSQL server of
DATABASE_URL when that is set (its own database is left alone), otherwise on a throwaway server
started as the postgres user on a free port and removed afterwards.
The data set is loaded once, gunicorn serves the portal with bench.settings, and each page is
requested by a pool of threads over keep-alive connections for the given time: the dashboard of
one plan (as a city official, logged in), the same dashboard drilled to a strategy, the summary
endpoint (token), and a bare Django view through the same middleware, for comparison. Median and
95th-percentile latency and requests per second are printed for each.
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
from bench.server import gunicorn, p95

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

    def line(self) -> str:
        ordered = sorted(self.latencies)
        median = statistics.median(ordered) * 1000
        slowest = p95(ordered) * 1000
        rate = len(ordered) / self.seconds
        return f"{self.name:<34} {len(ordered):>7} {rate:>9.1f} {median:>10.1f} {slowest:>10.1f}" + (
            f"   ({self.errors} errors)" if self.errors else ""
        )


def measure(
    name: str, port: int, path: str, headers: dict[str, str], seconds: float, concurrency: int
) -> Result:
    """Requests from `concurrency` threads, each on one keep-alive connection, for `seconds`."""
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

    for _warm in range(5):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
    threads = [threading.Thread(target=worker) for _n in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(name, latencies, time.monotonic() - started, errors)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--plans", type=int, default=250)
    parser.add_argument("--projects", type=int, default=100, help="projects per plan")
    parser.add_argument("--seconds", type=float, default=10.0, help="measuring time per page")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    args = parser.parse_args()
    with bench_database(shared_buffers="256MB") as url:
        info = prepare(url, args.plans, args.projects)
        page = {"Cookie": f"sessionid={info['session']}", "Accept-Language": "ko"}
        token = {"Authorization": f"Token {info['token']}"}
        plan, strategy = info["plan"], info["strategy"]
        targets = [
            ("bare Django view", "/bench/hello/", page),
            ("dashboard (whole plan)", f"/plans/{plan}/dashboard/", page),
            ("dashboard (one strategy)", f"/plans/{plan}/dashboard/?strategy={strategy}", page),
            ("summary API", f"/api/v1/plans/{plan}/summary/", token),
        ]
        with gunicorn(url, args.workers) as port:
            setup = (
                f"gunicorn {args.workers} workers, {args.concurrency} client threads, {args.seconds:g} s each"
            )
            print(f"\n{setup} ({os.cpu_count()} CPUs)\n")
            print(f"{'':<34} {'requests':>7} {'req/s':>9} {'p50 ms':>10} {'p95 ms':>10}")
            for name, path, headers in targets:
                print(measure(name, port, path, headers, args.seconds, args.concurrency).line(), flush=True)


if __name__ == "__main__":
    main()
