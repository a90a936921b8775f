"""Starting the servers under test on loopback, each on its own free port."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

# "Issues raised in round 2" and the other queries, written as Datasette canned queries over
# the same tables, returning the same facts with their citations.
CANNED_QUERIES = {
    "round_issues": """
        select i.id, i.name_en, i.name_ar, i.summary_en, i.summary_ar, i.note,
          (select json_group_array(x.side) from round_issue_raiser x
            where x.round_id = ri.round_id and x.issue_id = ri.issue_id) as raised_by,
          ri.on_agenda, ri.outcome, ri.note as outcome_note,
          (select json_group_array(json_object('source_id', c.source_id, 'quote', c.quote,
             'start', c.quote_start, 'end', c.quote_end)) from citation c
            where c.fact_id = ri.fact_id) as citations
        from round_issue ri join issue i on i.id = ri.issue_id join round r on r.id = ri.round_id
        where r.number = :number order by ri.on_agenda desc, i.id""",
    "rounds": """
        select r.*, (select json_group_array(json_object('source_id', c.source_id,
             'quote', c.quote, 'start', c.quote_start, 'end', c.quote_end)) from citation c
            where c.fact_id = r.fact_id) as citations
        from round r where r.number is not null order by r.number""",
    "participant": """
        select p.*,
          (select json_group_array(json_object('title_en', t.title_en, 'title_ar', t.title_ar))
            from participant_title t where t.participant_id = p.id) as titles,
          (select json_group_array(a.alias) from participant_alias a
            where a.participant_id = p.id) as aliases,
          (select json_group_array(json_object('source_id', c.source_id, 'quote', c.quote,
             'start', c.quote_start, 'end', c.quote_end)) from citation c
            where c.fact_id = p.fact_id) as citations
        from participant p where p.id = :id""",
    "search": """
        select kind, record_id, field, language, label_en, label_ar,
          bm25(search_entry) * weight as score
        from search_entry where search_entry match :q order by score limit 50""",
}


@dataclass(frozen=True)
class Server:
    name: str
    base_url: str
    process: subprocess.Popen[bytes]

    def peak_rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status")
        for line in status.read_text().splitlines() if status.exists() else []:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def pinned(command: list[str], cpu: int | None) -> list[str]:
    if cpu is not None and shutil.which("taskset"):
        return ["taskset", "-c", str(cpu), *command]
    return command


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@contextmanager
def start(
    name: str, command: list[str], env: dict[str, str], probe: str, cpu: int | None
) -> Iterator[Server]:
    port = free_port()
    process = subprocess.Popen(
        pinned([part.format(port=port) for part in command], cpu),
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + probe, process)
        yield Server(name, base, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def parley(database: Path, cpu: int | None, cache: bool = True) -> AbstractContextManager[Server]:
    return start(
        "parley",
        [
            sys.executable,
            "-m",
            "uvicorn",
            "app.main:app",
            "--host",
            "127.0.0.1",
            "--port",
            "{port}",
            "--log-level",
            "warning",
            "--no-access-log",
            "--no-server-header",
        ],
        {
            "PARLEY_DATABASE_PATH": str(database),
            "PARLEY_BUILD_DATABASE_IF_MISSING": "false",
            "PARLEY_RESPONSE_CACHE_ENTRIES": "4096" if cache else "0",
        },
        "/api/v1/health",
        cpu,
    )


def datasette(database: Path, workdir: Path, cpu: int | None) -> AbstractContextManager[Server]:
    metadata = workdir / "datasette-metadata.json"
    metadata.write_text(
        json.dumps(
            {
                "databases": {
                    database.stem: {
                        "queries": {name: {"sql": sql} for name, sql in CANNED_QUERIES.items()}
                    }
                }
            }
        )
    )
    return start(
        "datasette",
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            "-i",
            str(database),
            "--host",
            "127.0.0.1",
            "--port",
            "{port}",
            "--metadata",
            str(metadata),
            "--setting",
            "num_sql_threads",
            "3",
        ],
        {},
        "/-/versions.json",
        cpu,
    )


def ceiling(body: Path, cpu: int | None) -> AbstractContextManager[Server]:
    return start(
        "starlette-bytes",
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.ceiling:app",
            "--host",
            "127.0.0.1",
            "--port",
            "{port}",
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        {"BENCH_CEILING_BODY": str(body)},
        "/",
        cpu,
    )
