"""``python -m bench --scale N ...``: the same queries on synthetic data N times larger.

The seeded database is copied and every table multiplied in SQL: copy k of a row gets its text
ids suffixed ``-sk`` and its integer ids offset, so copies are distinct records with the same
shape, links, citations and source texts. Deterministic: the same N gives the same file.
"""

import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from app.core.config import Settings
from app.core.seal import reseal
from app.main import create_app
from app.search.query import MAX_CANDIDATES
from bench.inprocess import median_latency_ms

TEXT_KEYS = {
    "id",
    "meeting_id",
    "participant_id",
    "issue_id",
    "source_id",
    "speaker_id",
    "statement_id",
    "via_id",
    "event_id",
    "record_id",
    "document",
    "key",
}
SKIPPED = {"dataset_meta", "alembic_version"}
# Rows of the stored representations that describe the whole build, not one record: the
# export and /meta stay single, and a top-level list's copies join the list itself.
NOT_COPIED = {
    "rendered_document": "resource NOT IN ('export', 'meta')",
    "rendered_count": "parent != '' AND list != 'search'",
    # A word's stored search answer gains the copies' hits, up to as many as a search weighs.
    "rendered_item": (
        "list != 'search' OR n * (SELECT total FROM rendered_count AS c WHERE c.list = 'search' "
        f"AND c.parent = rendered_item.parent AND c.support = '') < {MAX_CANDIDATES}"
    ),
    # One build record: the scaled file is sealed again as a build of its own.
    "dataset_meta": "false",
}
# A copy of an item of a top-level list, or of a word's stored search, joins that list (a nested
# list's copy belongs to the parent's copy).
JOINS_ITS_LIST = "parent = '' OR list = 'search'"
# Far beyond any list's length at 1x: copy n of a top-level list item comes after copy n - 1.
COPY_STRIDE = 1_000_000
QUERIES = {
    "round 2 issues": "/api/v1/rounds/2/issues",
    "rounds": "/api/v1/rounds",
    "participant": "/api/v1/participants/alexander-darchiev",
    "source citations": "/api/v1/sources/ryabkov-new-round/citations",
    "search": "/api/v1/search?q=" + urllib.parse.quote("دارشيف"),
    # Several words have no stored answer: searched per request.
    "search, two words": "/api/v1/search?q=" + urllib.parse.quote("السفير دارشيف"),
}


def tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
        "AND name NOT LIKE 'search_entry_%'"
    )
    return [name for (name,) in rows if name not in SKIPPED]


def multiply(database: Path, factor: int) -> None:
    """Add ``factor - 1`` suffixed copies of every row, foreign keys and all."""
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA foreign_keys = OFF")  # copies reference copies made in this pass
    connection.execute("CREATE TEMP TABLE copy_number (n INTEGER PRIMARY KEY)")
    connection.executemany("INSERT INTO copy_number VALUES (?)", ((n,) for n in range(1, factor)))
    offsets = {
        table: (
            connection.execute(f'SELECT coalesce(max(rowid), 0) + 1 FROM "{table}"').fetchone()[0]
        )
        for table in [*tables(connection), "search_entry"]
    }
    for table in [*tables(connection), "search_entry"]:
        columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
        if table == "search_entry":
            columns.insert(0, "rowid")  # search_record rows point to these by rowid
        types = {
            row[1]: row[2].upper() for row in connection.execute(f'PRAGMA table_info("{table}")')
        }
        expressions = []
        for column in columns:
            if column in TEXT_KEYS and "INT" not in types.get(column, ""):
                expressions.append(
                    f"CASE WHEN {column} IS NULL THEN NULL ELSE {column} || '-s' || n END"
                )
            elif column == "id":
                expressions.append(f"id + n * {offsets[table]}")
            elif column in ("rowid", "entry"):
                expressions.append(f'"{table}".{column} + n * {offsets["search_entry"]}')
            elif column == "fact_id":
                expressions.append(f"fact_id + n * {offsets['fact']}")
            elif column == "number":
                expressions.append("CASE WHEN number IS NULL THEN NULL ELSE number + n * 100 END")
            elif column == "subject_id":
                expressions.append("subject_id || '-s' || n")
            elif column == "parent":
                expressions.append(
                    f"CASE WHEN {JOINS_ITS_LIST} THEN parent ELSE parent || '-s' || n END"
                )
            elif column == "position" and table == "rendered_item":
                expressions.append(
                    f"CASE WHEN {JOINS_ITS_LIST} THEN position + n * {COPY_STRIDE} "
                    "ELSE position END"
                )
            else:
                expressions.append(column)
        connection.execute(
            f'INSERT INTO "{table}" ({", ".join(columns)}) '
            f'SELECT {", ".join(expressions)} FROM "{table}" CROSS JOIN copy_number '
            f"WHERE {NOT_COPIED.get(table, 'true')}"
        )
    connection.execute(f"UPDATE rendered_count SET total = total * {factor} WHERE parent = ''")
    connection.execute(
        "UPDATE rendered_count SET total = (SELECT count(*) FROM rendered_item AS i "
        "WHERE i.list = 'search' AND i.parent = rendered_count.parent) WHERE list = 'search'"
    )
    connection.commit()
    connection.close()
    reseal(database)


def cold_latency_ms(database: Path, path: str, requests: int) -> float:
    app = create_app(
        Settings(database_path=database, build_database_if_missing=False, response_cache_bytes=0)
    )
    return median_latency_ms(app, path, requests)


def run_scale(scales: list[int], smoke: bool = False) -> int:
    requests = 3 if smoke else 300
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.sqlite3"
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "seed", "--database", str(base)], check=True, capture_output=True
        )
        seed_seconds = time.monotonic() - started
        for factor in scales:
            database = Path(tmp) / f"x{factor}.sqlite3"
            started = time.monotonic()
            shutil.copyfile(base, database)
            if factor > 1:
                multiply(database, factor)
            build = seed_seconds + time.monotonic() - started
            size = database.stat().st_size / 1024 / 1024
            latencies = {
                name: cold_latency_ms(database, path, requests) for name, path in QUERIES.items()
            }
            rows.append((factor, build, size, latencies))
            database.unlink()
    names = list(QUERIES)
    print("cold latency (response cache off), p50 ms per query, in-process; build = seed + scaling")
    print(f"{'scale':>7} {'build s':>8} {'size MB':>8} " + " ".join(f"{n:>17}" for n in names))
    baseline = rows[0][3]
    for factor, build, size, latencies in rows:
        print(
            f"{factor:>6}x {build:>8.1f} {size:>8.1f} "
            + " ".join(f"{latencies[n]:>8.2f} ({latencies[n] / baseline[n]:>4.1f}x)" for n in names)
        )
    largest_factor, largest_build, _, largest = rows[-1]
    print("goals:")
    for name in names:
        ratio = largest[name] / baseline[name]
        print(
            f"  {name} at {largest_factor}x <= 2x its 1x latency: {ratio:.1f}x  "
            f"{'met' if ratio <= 2 else 'NOT met'}"
        )
    print(
        f"  build at {largest_factor}x < 120 s: {largest_build:.1f} s  "
        f"{'met' if largest_build < 120 else 'NOT met'}"
    )
    return 0
