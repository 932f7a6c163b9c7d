"""Benchmark: `make test` of the committed head against a reference commit, on this machine.

    python -m bench.suite [--reference 1324705] [--pairs 3] [--workdir DIR]

Both commits are cloned from this repository into the work folder (by default council-bench-suite in
the system's temporary folder, outside the repository, so that no tool of this tree reads the clones)
and installed there with `make install`, each with its own virtualenv and front-end packages, as a
newcomer's fresh clone is. Each then runs `make test` once to compile its modules; that first run is
printed but not counted. Then the pairs: the two suites one after the other, the order swapped from
one pair to the next (reference first, then head first, ...), so that a machine slowing down or
speeding up during the benchmark weighs on both alike. Printed: each run's seconds, the ratio
head / reference of each pair, and their median.

The reference is the commit the suite's time was measured at before it was made parallel (see the
README). The work folder is kept: a second run of the benchmark fetches and checks out the commits
again and reinstalls only what changed.
"""

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "1324705"
GOAL = 0.5
# pytest's last line: "=== 946 passed, 13 skipped in 45.50s ===", without the rules under -q.
SUMMARY = re.compile(
    r"^(?:=+ )?(\d+ (?:passed|failed|errors?|skipped|deselected)\b.*?) in [\d.]+s", re.MULTILINE
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reference", default=REFERENCE, help="the commit compared against")
    parser.add_argument("--pairs", type=int, default=3, help="runs of both suites after the first")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "council-bench-suite")
    args = parser.parse_args()

    head = _git("rev-parse", "--short", "HEAD")
    trees = {
        "reference": _prepare(args.workdir / "reference", args.reference),
        "head": _prepare(args.workdir / "head", head),
    }
    print("First run of each (modules compiled, not counted)…", flush=True)
    first = {name: _run(tree, args.workdir / f"{name}-first.log") for name, tree in trees.items()}
    pairs = []
    for number in range(1, args.pairs + 1):
        order = ("reference", "head") if number % 2 else ("head", "reference")
        print(f"Pair {number} ({' then '.join(order)})…", flush=True)
        pairs.append({name: _run(trees[name], args.workdir / f"{name}-{number}.log") for name in order})

    print()
    print(f"`make test`, reference {args.reference} against head {head}, on this machine")
    print(f"{'run':>8}{'reference s':>14}{'head s':>10}{'head / reference':>18}")
    print(f"{'first':>8}{first['reference'][0]:>14.1f}{first['head'][0]:>10.1f}{'(not counted)':>18}")
    ratios = []
    for number, pair in enumerate(pairs, 1):
        ratio = pair["head"][0] / pair["reference"][0]
        ratios.append(ratio)
        print(f"{number:>8}{pair['reference'][0]:>14.1f}{pair['head'][0]:>10.1f}{ratio:>18.3f}")
    print(f"{'median':>8}{'':>14}{'':>10}{statistics.median(ratios):>18.3f}")
    print(f"{'goal':>8}{'':>14}{'':>10}{f'< {GOAL:.2f}':>18}")
    print(f"reference: {first['reference'][1]}; head: {first['head'][1]}")


def _git(*args: str) -> str:
    """What git prints, asked in this repository."""
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def _prepare(tree: Path, commit: str) -> Path:
    """A clone of this repository at `commit`, installed."""
    if not (tree / ".git").exists():
        tree.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(tree)], check=True)
    else:
        subprocess.run(["git", "fetch", "--quiet", str(ROOT)], cwd=tree, check=True)
    full = _git("rev-parse", commit)
    subprocess.run(["git", "checkout", "--quiet", "--detach", full], cwd=tree, check=True)
    print(f"Installing {commit} in {tree}…", flush=True)
    done = subprocess.run(["make", "install"], cwd=tree, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"make install failed in {tree}:\n{done.stdout}{done.stderr}")
    return tree


def _run(tree: Path, log: Path) -> tuple[float, str]:
    """`make test` in `tree`: its seconds, and pytest's summary (the run stops the benchmark if it fails)."""
    start = time.monotonic()
    with log.open("w") as out:
        done = subprocess.run(["make", "test"], cwd=tree, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - start
    text = log.read_text(errors="replace")
    found = SUMMARY.findall(text)
    if done.returncode != 0:
        sys.exit(f"make test failed in {tree} (see {log}): {found[-1] if found else 'no summary'}")
    return seconds, found[-1] if found else "no summary"


if __name__ == "__main__":
    main()
