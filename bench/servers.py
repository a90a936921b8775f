"""Starting the servers under test on loopback, each on its own free port."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

# "Issues raised in round 2" and the other queries, written as Datasette canned queries over
# the same tables, returning the same facts with their citations.
CANNED_QUERIES = {
    "round_issues": """
        select i.id, i.name_en, i.name_ar, i.summary_en, i.summary_ar, i.note_en, i.note_ar,
          (select json_group_array(x.side) from meeting_issue_raiser x
            where x.meeting_id = ri.meeting_id and x.issue_id = ri.issue_id) as raised_by,
          ri.on_agenda, ri.outcome, ri.outcome_note_en, ri.outcome_note_ar,
          (select json_group_array(json_object('source_id', c.source_id, 'quote', c.quote,
             'start', c.start, 'end', c."end")) from citation c
            where c.fact_id = ri.fact_id) as citations
        from meeting_issue ri join issue i on i.id = ri.issue_id
          join meeting r on r.id = ri.meeting_id
        where r.number = :number order by ri.on_agenda desc, i.id""",
    "rounds": """
        select r.*, (select json_group_array(json_object('source_id', c.source_id,
             'quote', c.quote, 'start', c.start, 'end', c."end")) from citation c
            where c.fact_id = r.fact_id) as citations
        from meeting r where r.number is not null order by r.number""",
    "participant": """
        select p.*,
          (select json_group_array(json_object('title_en', t.title_en, 'title_ar', t.title_ar))
            from participant_title t where t.participant_id = p.id) as titles,
          (select json_group_array(a.alias) from participant_alias a
            where a.participant_id = p.id) as aliases,
          (select json_group_array(json_object('source_id', c.source_id, 'quote', c.quote,
             'start', c.start, 'end', c."end")) from citation c
            where c.fact_id = p.fact_id) as citations
        from participant p where p.id = :id""",
    "search": """
        select kind, record_id, field, language, label_en, label_ar,
          bm25(search_entry) * weight as score
        from search_entry where search_entry match :q order by score limit 50""",
}


def _citations(fact_id: str) -> str:
    """A fact's citations as a JSON array, every field Parley returns, in curated order."""
    return f"""(select json_group_array(json_object('source_id', c.source_id, 'quote', c.quote,
             'start', c.start, 'end', c."end", 'prefix', c.prefix,
             'suffix', c.suffix, 'document_sha256', c.document_sha256,
             'gloss_en', c.gloss_en, 'gloss_by', c.gloss_by, 'claims', c.claims,
             'inferred', c.inferred, 'note_en', c.note_en, 'note_ar', c.note_ar))
           from (select * from citation c where c.fact_id = {fact_id} order by c.id) c)"""


# Paging as Parley pages: Datasette passes every parameter as text.
PAGED = "limit cast(:limit as integer) offset cast(:offset as integer)"

# The "search box" scenario's questions (bench/search_box.py). A filter given as '' is unset,
# as when Parley's URL leaves it out; each query returns the records Parley's URL returns, in
# Parley's order, with the fields and nested lists Parley builds around them.
CANNED_QUERIES |= {
    "participants_filtered": f"""
        select p.id, p.kind, p.side, p.name_en, p.name_ar, p.description_en, p.description_ar,
          p.note_en, p.note_ar, f.support, f.source_count,
          (select json_group_array(json_object('title_en', t.title_en, 'title_ar', t.title_ar,
             'preferred', t.preferred, 'note_en', t.note_en, 'note_ar', t.note_ar))
            from (select * from participant_title t where t.participant_id = p.id
                  order by t.preferred desc, t.id) t) as titles,
          (select json_group_array(json_object('alias', a.alias, 'language', a.language))
            from (select * from participant_alias a where a.participant_id = p.id
                  order by a.id) a) as aliases,
          {_citations("p.fact_id")} as citations
        from participant p join fact f on f.id = p.fact_id
        where (:side = '' or p.side = :side) and (:kind = '' or p.kind = :kind)
        order by p.id {PAGED}""",
    "issues_filtered": f"""
        select i.id, i.name_en, i.name_ar, i.summary_en, i.summary_ar, i.note_en, i.note_ar,
          f.support, f.source_count,
          (select json_group_array(json_object('id', it.id, 'name_en', it.name_en,
             'name_ar', it.name_ar, 'place_en', it.place_en, 'place_ar', it.place_ar,
             'note_en', it.note_en, 'note_ar', it.note_ar))
            from (select * from issue_item it where it.issue_id = i.id order by it.id) it)
            as items,
          {_citations("i.fact_id")} as citations
        from issue i join fact f on f.id = i.fact_id
        where (:round = '' or i.id in (select ri.issue_id from meeting_issue ri
                join meeting r on r.id = ri.meeting_id where r.number = :round))
          and (:raised_by = '' or i.id in (select x.issue_id from meeting_issue_raiser x
                join meeting r on r.id = x.meeting_id
                where x.side = :raised_by and (:round = '' or r.number = :round)))
        order by i.id {PAGED}""",
    "statements_filtered": f"""
        select s.id, s.speaker_id, sp.kind as speaker_kind, sp.side as speaker_side,
          sp.name_en as speaker_name_en, sp.name_ar as speaker_name_ar,
          s.meeting_id, r.number as round_number, s.statement_date, s.date_precision,
          s.date_note_en, s.date_note_ar, s.gist_en, s.gist_ar, s.note_en, s.note_ar,
          f.support, f.source_count,
          (select json_group_array(json_object('id', i.id, 'name_en', i.name_en,
             'name_ar', i.name_ar))
            from (select i.* from statement_issue si join issue i on i.id = si.issue_id
                  where si.statement_id = s.id order by i.id) i) as issues,
          (select json_group_array(c.source_id) from (select distinct c.source_id
              from citation c where c.fact_id = s.fact_id order by c.source_id) c)
            as reported_in,
          (select json_object('via_id', a.via_id, 'text_en', a.text_en, 'text_ar', a.text_ar,
             'note_en', a.note_en, 'note_ar', a.note_ar)
            from statement_attribution a where a.statement_id = s.id) as attribution,
          {_citations("s.fact_id")} as citations
        from statement s join participant sp on sp.id = s.speaker_id
          join fact f on f.id = s.fact_id left join meeting r on r.id = s.meeting_id
        where (:participant = '' or s.speaker_id = :participant)
          and (:round = '' or s.meeting_id in (select id from meeting where number = :round))
        order by s.statement_date is null, s.statement_date, s.id {PAGED}""",
    "events_filtered": f"""
        select e.*, r.number as round_number, f.support, f.source_count,
          (select json_group_array(json_object('id', p.id, 'kind', p.kind, 'side', p.side,
             'name_en', p.name_en, 'name_ar', p.name_ar))
            from (select p.* from event_participant ep join participant p
                    on p.id = ep.participant_id
                  where ep.event_id = e.id order by p.id) p) as participants,
          {_citations("e.fact_id")} as citations
        from event e join fact f on f.id = e.fact_id left join meeting r on r.id = e.meeting_id
        -- A window open at one end ("on or before" a day) matches by the day that bounds it.
        where (:from = '' or e.latest_date >= :from
               or (e.latest_date is null and e.earliest_date >= :from))
          and (:to = '' or e.earliest_date <= :to
               or (e.earliest_date is null and e.latest_date <= :to))
        -- Open at the start, a window may be the earliest of all: it comes first, as in Parley.
        order by e.earliest_date is not null, e.earliest_date,
          case e.kind when 'meeting' then 0 when 'appointment' then 1
            when 'announcement' then 2 when 'statement' then 3 end,
          e.id {PAGED}""",
    "round_issues_filtered": f"""
        select i.id, i.name_en, i.name_ar, i.summary_en, i.summary_ar, i.note_en, i.note_ar,
          (select json_group_array(x.side) from (select * from meeting_issue_raiser x
            where x.meeting_id = ri.meeting_id and x.issue_id = ri.issue_id order by x.side) x)
            as raised_by,
          ri.on_agenda, ri.outcome, ri.outcome_note_en, ri.outcome_note_ar,
          f.support, f.source_count,
          {_citations("ri.fact_id")} as citations
        from meeting_issue ri join issue i on i.id = ri.issue_id
          join meeting r on r.id = ri.meeting_id
          join fact f on f.id = ri.fact_id
        where r.number = :number and f.support = :support
        order by ri.on_agenda desc, i.id {PAGED}""",
    # Parley's search (app/search/query.py): the best field of each matching record, ranked;
    # then the sources printing, in Arabic, a name that matched in English, found through the
    # name's Arabic entry in the index (its terms, as one phrase). :expression is the quoted,
    # normalised tokens Parley would send to FTS5 (bench.search_box.fts_expression).
    "search_box": f"""
        with candidates as (
          select rowid as entry, rank from search_entry
          where search_entry match :expression order by rank limit 1000
        ), hits as (
          select e.kind, e.record_id, e.field, e.language, e.original, e.counterpart,
            e.label_en, e.label_ar, candidates.rank * e.weight as score
          from candidates join search_entry e on e.rowid = candidates.entry
        ), best as (
          select *, row_number() over (order by score, kind, record_id) as position
          from (select *, row_number() over (
                  partition by kind, record_id order by score, field, language) as nth
                from hits)
          where nth = 1
        ), names as (
          select b.position, b.kind || ':' || b.record_id as via,
            '"' || ar.terms || '"' as phrase
          from best b join search_entry ar on ar.kind = b.kind and ar.record_id = b.record_id
            and ar.field = b.field and ar.language = 'ar' and ar.original = b.counterpart
          where b.language = 'en' and b.field in ('name', 'item', 'alias')
            and coalesce(b.counterpart, '') != ''
        ), bridged as (
          select s.record_id, s.label_en, s.label_ar, min(n.position) as position, n.via
          from names n join search_entry s on s.search_entry match n.phrase
          where s.kind = 'source' and s.field = 'text'
            and s.record_id not in (select record_id from best where kind = 'source')
          group by s.record_id
        )
        select kind, record_id, field, language, label_en, label_ar,
          round(score, 6) as score, null as via, original, 0 as part, position
        from best
        union all
        select 'source', record_id, 'text', 'ar', label_en, label_ar, 0.0, via, null, 1,
          position
        from bridged
        order by part, position, record_id {PAGED}""",
}


@dataclass(frozen=True)
class Server:
    name: str
    base_url: str
    process: subprocess.Popen[bytes]
    probe: str
    log: IO[bytes]

    def log_text(self) -> str:
        """What the server has written to standard error so far.

        Read through a descriptor of its own: the log file's shared one has a single offset,
        and moving it while the server writes would make the server write over its own log.
        """
        with open(f"/proc/self/fd/{self.log.fileno()}", "rb") as separate:
            return separate.read().decode(errors="replace")

    def peak_rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status")
        for line in status.read_text().splitlines() if status.exists() else []:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def wait_until_up(self, timeout: float = 60) -> None:
        url = self.base_url + self.probe
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                tail = self.log.read().decode(errors="replace")[-3000:]
                raise RuntimeError(
                    f"{self.name} exited with {self.process.returncode} before answering "
                    f"{url}:\n{tail}"
                )
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.name}: {url} did not answer within {timeout} s")

    def cpu_ticks(self) -> int | None:
        """CPU time used so far by the server and its worker processes, in clock ticks."""
        pids = {self.process.pid}
        for children in Path(f"/proc/{self.process.pid}/task").glob("*/children"):
            pids.update(int(pid) for pid in children.read_text().split())
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                if pid == self.process.pid:
                    return None
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total

    def wait_until_idle(self, window: float = 0.03, timeout: float = 120) -> None:
        """Until the server has used no CPU for two windows in a row: what a run left queued
        (requests of connections the load generator closed) must not eat into the next run."""
        last = self.cpu_ticks()
        if last is None:  # no /proc: an answer to the probe is the best sign there is
            self.wait_until_up(timeout)
            return
        quiet = 0
        deadline = time.monotonic() + timeout
        while quiet < 2:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} still busy {timeout} s after a run")
            time.sleep(window)
            now = self.cpu_ticks()
            quiet = quiet + 1 if now == last else 0
            last = now


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def pinned(command: list[str], cpu: int | None) -> list[str]:
    if cpu is not None and shutil.which("taskset"):
        return ["taskset", "-c", str(cpu), *command]
    return command


@contextmanager
def start(
    name: str,
    command: list[str],
    env: dict[str, str],
    probe: str,
    cpu: int | None,
    wait: bool = True,
) -> Iterator[Server]:
    """Run a server until the block ends; ``wait=False`` yields it before it answers, so that
    several can start at once (call ``Server.wait_until_up`` before using it)."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            pinned([part.format(port=port) for part in command], cpu),
            env={**os.environ, **{name: value.format(port=port) for name, value in env.items()}},
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            server = Server(name, f"http://127.0.0.1:{port}", process, probe, log)
            if wait:
                server.wait_until_up()
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def parley(
    database: Path,
    cpu: int | None,
    cache: bool = True,
    workers: int = 1,
    name: str = "parley",
    wait: bool = True,
    settings: dict[str, str] | None = None,
) -> AbstractContextManager[Server]:
    """Parley as its users run it (``python -m app``); ``cache=False`` turns its response cache
    off, and ``settings`` are ``PARLEY_*`` variables of its own."""
    env = {
        "PARLEY_DATABASE_PATH": str(database),
        "PARLEY_BUILD_DATABASE_IF_MISSING": "false",
        "PARLEY_HOST": "127.0.0.1",
        "PARLEY_PORT": "{port}",
        "PARLEY_WORKERS": str(workers),
        # Every load here comes from one address, the load generator's: its share is the
        # whole cap (bench/attacks.py puts the default back to show what the share does).
        "PARLEY_MAX_CONNECTIONS_PER_CLIENT": "1000",
        **(settings or {}),
    }
    if not cache:
        env["PARLEY_RESPONSE_CACHE_BYTES"] = "0"
    return start(name, [sys.executable, "-m", "app"], env, "/api/v1/health", cpu, wait)


def datasette(
    database: Path, workdir: Path, cpu: int | None, wait: bool = True
) -> AbstractContextManager[Server]:
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
        wait,
    )


def ceiling(body: Path, cpu: int | None, wait: bool = True) -> AbstractContextManager[Server]:
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
        wait,
    )
