"""``python -m bench``: Parley beside Datasette on the same SQLite file, on loopback.

Each server is pinned to core 0 and the load generator to core 1 (where ``taskset`` exists).
Repetitions are interleaved (every scenario on every server, then again), and the table shows
medians over the repetitions; the ratio is the median of the per-repetition ratios to Datasette.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from bench import servers
from bench.load import Result, run_load

SEARCH_WORD = "دارشيف"


@dataclass(frozen=True)
class Scenario:
    name: str
    parley_path: str
    datasette_path: str
    expect_4xx: bool = False
    conditional: bool = False


def scenarios(db: str) -> list[Scenario]:
    word = urllib.parse.quote(SEARCH_WORD)
    return [
        Scenario(
            "round 2 issues",
            "/api/v1/rounds/2/issues",
            f"/{db}/round_issues.json?number=2&_shape=array",
        ),
        Scenario("rounds", "/api/v1/rounds", f"/{db}/rounds.json?_shape=array"),
        Scenario(
            "participant",
            "/api/v1/participants/alexander-darchiev",
            f"/{db}/participant.json?id=alexander-darchiev&_shape=array",
        ),
        Scenario("search", f"/api/v1/search?q={word}", f"/{db}/search.json?q={word}&_shape=array"),
        Scenario("404", "/api/v1/rounds/99", f"/{db}/no_such_table.json", expect_4xx=True),
        Scenario(
            "304 (conditional GET)",
            "/api/v1/rounds/2/issues",
            f"/{db}/round_issues.json?number=2&_shape=array",
            conditional=True,
        ),
    ]


def build_database(workdir: Path) -> Path:
    database = workdir / "parley.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "seed", "--database", str(database)],
        check=True,
        capture_output=True,
    )
    return database


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), response.headers.get("ETag", "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each run")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="a few seconds in all, Python load generator: checks it still runs",
    )
    parser.add_argument(
        "--scale",
        type=int,
        nargs="*",
        metavar="N",
        help="instead: cold latency and build cost at these data scales",
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.seconds, args.repetitions, args.connections = 0.3, 1, 2
    if args.scale is not None:
        from bench.scale import run_scale

        return run_scale(args.scale or [1, 100, 10_000], smoke=args.smoke)
    return run_comparison(args)


def run_comparison(args: argparse.Namespace) -> int:
    results: dict[tuple[str, str], list[Result]] = defaultdict(list)
    server_cpu, load_cpu = 0, 1
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        database = build_database(workdir)
        parley = stack.enter_context(servers.parley(database, server_cpu))
        cold = stack.enter_context(servers.parley(database, server_cpu, cache=False))
        datasette = stack.enter_context(servers.datasette(database, workdir, server_cpu))
        body, etag = fetch(parley.base_url + "/api/v1/rounds/2/issues")
        (workdir / "body.json").write_bytes(body)
        ceiling = stack.enter_context(servers.ceiling(workdir / "body.json", server_cpu))
        plan = scenarios(database.stem)
        for _ in range(args.repetitions):
            for scenario in plan:
                targets = [(datasette, scenario.datasette_path), (parley, scenario.parley_path)]
                if not scenario.conditional and scenario.name in (
                    "round 2 issues",
                    "rounds",
                    "participant",
                    "search",
                ):
                    targets.append((cold, scenario.parley_path))
                if scenario.name == "round 2 issues":
                    targets.append((ceiling, "/"))
                for server, path in targets:
                    headers = {"If-None-Match": etag} if scenario.conditional else {}
                    label = "parley (cache off)" if server is cold else server.name
                    results[scenario.name, label].append(
                        run_load(
                            server.base_url + path,
                            args.seconds,
                            args.connections,
                            headers,
                            load_cpu,
                            scenario.expect_4xx,
                            use_wrk=not args.smoke,
                        )
                    )
        peak_rss = parley.peak_rss_mb()
    print_report(results, plan, peak_rss, args)
    return 0


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def print_report(
    results: dict[tuple[str, str], list[Result]],
    plan: list[Scenario],
    peak_rss: float,
    args: argparse.Namespace,
) -> None:
    print(
        f"{args.repetitions} interleaved repetitions of {args.seconds:g} s, "
        f"{args.connections} connections, servers on core 0, load on core 1"
    )
    print(
        f"{'scenario':<22} {'server':<19} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'errors':>6} {'x Datasette':>11}"
    )
    ratios: dict[tuple[str, str], float] = {}
    for scenario in plan:
        baseline = results[scenario.name, "datasette"]
        for (name, server), runs in results.items():
            if name != scenario.name:
                continue
            ratio = median(
                [
                    r.requests_per_second / b.requests_per_second
                    for r, b in zip(runs, baseline, strict=True)
                ]
            )
            ratios[name, server] = ratio
            rate = median([r.requests_per_second for r in runs])
            p50 = median([r.p50_ms for r in runs])
            p99 = median([r.p99_ms for r in runs])
            errors = sum(r.errors for r in runs)
            print(
                f"{name:<22} {server:<19} {rate:>9,.0f} {p50:>8.2f} {p99:>8.2f} "
                f"{errors:>6} {ratio:>11.2f}"
            )
    print(f"parley peak RSS: {peak_rss:.1f} MB")
    warm = ratios.get(("round 2 issues", "parley"), float("nan"))
    ceiling_share = median(
        [
            p.requests_per_second / c.requests_per_second
            for p, c in zip(
                results["round 2 issues", "parley"],
                results["round 2 issues", "starlette-bytes"],
                strict=True,
            )
        ]
    )
    warm_p99 = median([r.p99_ms for r in results["round 2 issues", "parley"]])
    cold = ratios.get(("round 2 issues", "parley (cache off)"), float("nan"))
    print("goals:")
    for goal, value, met in (
        ("repeated GETs >= 5x Datasette", f"{warm:.2f}x", warm >= 5),
        (
            "repeated GETs >= half the bare-Starlette ceiling",
            f"{ceiling_share:.2f}",
            ceiling_share >= 0.5,
        ),
        (f"p99 < 15 ms at {args.connections} connections", f"{warm_p99:.2f} ms", warm_p99 < 15),
        ("cold queries >= 3x Datasette", f"{cold:.2f}x", cold >= 3),
        ("peak RSS < 200 MB", f"{peak_rss:.1f} MB", peak_rss < 200),
    ):
        print(f"  {goal:<50} {value:>10}  {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    started = time.monotonic()
    code = main()
    print(f"benchmark took {time.monotonic() - started:.0f} s")
    sys.exit(code)
