"""``python -m bench``: Parley beside Datasette on the same SQLite file, on loopback.

Each server is pinned to core 0 and the load generator to core 1 (where ``taskset`` exists),
except the two-worker Parley, which is left to use both cores and so shares one with the load
generator. Repetitions are interleaved (every scenario on every server, then again), and the
table shows medians over the repetitions; the ratio is the median of the per-repetition ratios
to Datasette.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from bench import search_box, servers
from bench.load import Result, run_load

SEARCH_WORD = "دارشيف"


@dataclass(frozen=True)
class Scenario:
    name: str
    parley_paths: tuple[str, ...]
    datasette_paths: tuple[str, ...]
    expect_4xx: bool = False
    conditional: bool = False
    two_workers: bool = False
    """Also run against the two-worker Parley."""

    @property
    def cold(self) -> bool:
        """Run against the cache-off Parley too: every scenario answering 200."""
        return not (self.expect_4xx or self.conditional)

    @property
    def searches(self) -> bool:
        """A search, or the search box's mix of searches and filtered lists."""
        return self.short_name in ("search", "search box")

    @property
    def short_name(self) -> str:
        return self.name.split(" (")[0]


SEARCH_BOX = "search box (200 URLs)"
WARM, COLD, TWO_WORKERS = "parley", "parley (cache off)", "parley (2 workers, cache off)"


def scenarios(db: str, box: list[search_box.Request]) -> list[Scenario]:
    word = urllib.parse.quote(SEARCH_WORD)
    return [
        Scenario(
            "round 2 issues",
            ("/api/v1/rounds/2/issues",),
            (f"/{db}/round_issues.json?number=2&_shape=array",),
            two_workers=True,
        ),
        Scenario("rounds", ("/api/v1/rounds",), (f"/{db}/rounds.json?_shape=array",)),
        Scenario(
            "participant",
            ("/api/v1/participants/alexander-darchiev",),
            (f"/{db}/participant.json?id=alexander-darchiev&_shape=array",),
        ),
        # Request-time renderers: the same records in one language, and as CSV rows.
        Scenario(
            "round 2 issues lang=ar",
            ("/api/v1/rounds/2/issues?lang=ar",),
            (f"/{db}/round_issues.json?number=2&_shape=array",),
        ),
        Scenario(
            "round 2 issues csv",
            ("/api/v1/rounds/2/issues?format=csv",),
            (f"/{db}/round_issues.csv?number=2",),
        ),
        Scenario(
            "participant lang=ar",
            ("/api/v1/participants/alexander-darchiev?lang=ar",),
            (f"/{db}/participant.json?id=alexander-darchiev&_shape=array",),
        ),
        Scenario(
            "search",
            (f"/api/v1/search?q={word}",),
            (f"/{db}/search.json?q={word}&_shape=array",),
        ),
        Scenario(
            SEARCH_BOX,
            tuple(r.parley_path for r in box),
            tuple(r.datasette_path for r in box),
            two_workers=True,
        ),
        Scenario("404", ("/api/v1/rounds/99",), (f"/{db}/no_such_table.json",), expect_4xx=True),
        Scenario(
            "304 (conditional GET)",
            ("/api/v1/rounds/2/issues",),
            (f"/{db}/round_issues.json?number=2&_shape=array",),
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


def answer(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def check_search_box(
    parley: servers.Server, datasette: servers.Server, box: list[search_box.Request]
) -> list[str]:
    """Before any load: every URL of the rotation must answer 200, from both servers.

    Exits listing the ones that do not. Returns the Parley URLs for which Datasette's canned
    query does not return the same records in the same order (reported, not fatal: the app may
    change what it answers).
    """
    with ThreadPoolExecutor(max_workers=4) as pool:
        parley_answers = list(pool.map(answer, (parley.base_url + r.parley_path for r in box)))
        datasette_answers = list(
            pool.map(answer, (datasette.base_url + r.datasette_path for r in box))
        )
    failed = [
        f"  {status} {server.name} {path}"
        for server, answers, paths in (
            (parley, parley_answers, [r.parley_path for r in box]),
            (datasette, datasette_answers, [r.datasette_path for r in box]),
        )
        for (status, _), path in zip(answers, paths, strict=True)
        if status != 200
    ]
    if failed:
        raise SystemExit(
            f"{SEARCH_BOX}: {len(failed)} URLs do not answer 200:\n" + "\n".join(failed)
        )
    differing = []
    for request, (_, ours), (_, theirs) in zip(box, parley_answers, datasette_answers, strict=True):
        mine = search_box.record_keys(request.kind, ours, "parley")
        other = search_box.record_keys(request.kind, theirs, "datasette")
        if mine != other:
            differing.append(request.parley_path)
            print(
                f"{SEARCH_BOX}: Datasette's records differ for {request.parley_path}\n"
                f"  parley:    {mine}\n  datasette: {other}",
                file=sys.stderr,
            )
    return differing


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
    parser.add_argument(
        "--soak",
        action="store_true",
        help="instead: reliability under load and faults (256 connections for 60 s, a rebuild "
        "under load, killed builds, bad settings, damaged files)",
    )
    parser.add_argument(
        "--proxy",
        action="store_true",
        help="instead: Debian's nginx as a caching proxy in front of two replicas "
        "(scripts/nginx.conf): cache hits, cold requests, a replica killed under load",
    )
    args = parser.parse_args(argv)
    if args.proxy:
        from bench.proxy import run_proxy

        return run_proxy(1 if args.smoke else 10, 8 if args.smoke else 32, args.smoke)
    if args.soak:
        from bench.soak import run_soak

        return run_soak(1 if args.smoke else 60, 32 if args.smoke else 256, args.smoke)
    if args.smoke:
        args.seconds, args.repetitions, args.connections = 0.05, 1, 2
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
        # Started together, then waited for: start-up is most of a smoke run.
        parley = stack.enter_context(servers.parley(database, server_cpu, wait=False))
        cold = stack.enter_context(
            servers.parley(database, server_cpu, cache=False, name=COLD, wait=False)
        )
        # Not pinned: two workers are there to use both cores.
        two_workers = stack.enter_context(
            servers.parley(database, None, cache=False, workers=2, name=TWO_WORKERS, wait=False)
        )
        datasette = stack.enter_context(
            servers.datasette(database, workdir, server_cpu, wait=False)
        )
        parley.wait_until_up()
        body, etag = fetch(parley.base_url + "/api/v1/rounds/2/issues")
        (workdir / "body.json").write_bytes(body)
        ceiling = stack.enter_context(
            servers.ceiling(workdir / "body.json", server_cpu, wait=False)
        )
        cold.wait_until_up()
        datasette.wait_until_up()
        box = search_box.requests(database.stem)
        differing = check_search_box(cold, datasette, box)
        two_workers.wait_until_up()
        ceiling.wait_until_up()
        # On the way out, stop them all at once rather than one after the other.
        for server in (parley, cold, two_workers, datasette, ceiling):
            stack.callback(server.process.terminate)
        plan = scenarios(database.stem, box)
        for _ in range(args.repetitions):
            for scenario in plan:
                targets = [
                    (datasette, scenario.datasette_paths),
                    (parley, scenario.parley_paths),
                ]
                if scenario.cold:
                    targets.append((cold, scenario.parley_paths))
                if scenario.two_workers:
                    targets.append((two_workers, scenario.parley_paths))
                if scenario.name == "round 2 issues":
                    targets.append((ceiling, ("/",)))
                for server, paths in targets:
                    headers = {"If-None-Match": etag} if scenario.conditional else {}
                    results[scenario.name, server.name].append(
                        run_load(
                            server.base_url,
                            paths,
                            args.seconds,
                            args.connections,
                            headers,
                            load_cpu,
                            scenario.expect_4xx,
                            use_wrk=not args.smoke,
                            workdir=workdir,
                        )
                    )
                    # A server may still be working through requests of the closed
                    # connections (Datasette's 404s take ~0.3 s of CPU each): not in the
                    # next run's time.
                    server.wait_until_idle()
        peak_rss = parley.peak_rss_mb()
    print_report(results, plan, peak_rss, args, differing)
    idle = sorted({key for key, runs in results.items() for run in runs if run.requests == 0})
    for name, label in idle:
        print(f"error: {name} on {label}: a run made no requests", file=sys.stderr)
    return 1 if idle else 0


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def print_report(
    results: dict[tuple[str, str], list[Result]],
    plan: list[Scenario],
    peak_rss: float,
    args: argparse.Namespace,
    differing: list[str],
) -> None:
    print(
        f"{args.repetitions} interleaved repetitions of {args.seconds:g} s, "
        f"{args.connections} connections, servers on core 0, load on core 1; "
        f"{TWO_WORKERS} is not pinned, so the load generator shares a core with it"
    )
    print(
        f"{'scenario':<24} {'server':<29} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
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
                    if b.requests_per_second
                ]
            )
            ratios[name, server] = ratio
            rate = median([r.requests_per_second for r in runs])
            p50 = median([r.p50_ms for r in runs])
            p99 = median([r.p99_ms for r in runs])
            errors = sum(r.errors for r in runs)
            print(
                f"{name:<24} {server:<29} {rate:>9,.0f} {p50:>8.2f} {p99:>8.2f} "
                f"{errors:>6} {ratio:>11.2f}"
            )
    print(f"parley peak RSS: {peak_rss:.1f} MB")
    box_size = len(next(s for s in plan if s.name == SEARCH_BOX).parley_paths)
    print(
        f"{SEARCH_BOX}: Datasette's canned queries return Parley's records for "
        f"{box_size - len(differing)} of {box_size} URLs"
        + (" (the others are listed on stderr)" if differing else "")
    )
    warm = ratios.get(("round 2 issues", WARM), float("nan"))
    ceiling_share = median(
        [
            p.requests_per_second / c.requests_per_second
            for p, c in zip(
                results["round 2 issues", WARM],
                results["round 2 issues", "starlette-bytes"],
                strict=True,
            )
        ]
    )
    warm_p99 = median([r.p99_ms for r in results["round 2 issues", WARM]])
    goals: list[tuple[str, str, bool]] = [
        ("repeated GETs >= 5x Datasette", f"{warm:.2f}x", warm >= 5),
        (
            "repeated GETs >= half the bare-Starlette ceiling",
            f"{ceiling_share:.2f}",
            ceiling_share >= 0.5,
        ),
        (f"p99 < 15 ms at {args.connections} connections", f"{warm_p99:.2f} ms", warm_p99 < 15),
    ]
    for scenario in plan:
        if not scenario.cold:
            continue
        cold = ratios.get((scenario.name, COLD), float("nan"))
        cold_p99 = median([r.p99_ms for r in results[scenario.name, COLD]])
        # A search does more per request than a stored list: its goal is lower.
        target = 3 if scenario.searches else 4
        goals += [
            (
                f"cold {scenario.short_name} >= {target}x Datasette",
                f"{cold:.2f}x",
                cold >= target,
            ),
            (
                f"cold {scenario.short_name} p99 < 15 ms at {args.connections} connections",
                f"{cold_p99:.2f} ms",
                cold_p99 < 15,
            ),
        ]
    two = ratios.get(("round 2 issues", TWO_WORKERS), float("nan"))
    goals.append(("2 workers, cold round 2 issues >= 6x Datasette", f"{two:.2f}x", two >= 6))
    goals.append(("peak RSS < 200 MB", f"{peak_rss:.1f} MB", peak_rss < 200))
    width = max(50, *(len(goal) for goal, _, _ in goals))
    print("goals:")
    for goal, value, met in goals:
        print(f"  {goal:<{width}} {value:>10}  {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    started = time.monotonic()
    code = main()
    print(f"benchmark took {time.monotonic() - started:.0f} s")
    sys.exit(code)
