"""The serving side's one connection to the built database.

The database is an immutable build artifact (the seed script writes a new file and renames it
into place), and every query the API runs is an indexed lookup of stored bytes taking well under
a millisecond. So a server process opens the file once, read-only, and runs its queries on the
event loop's thread: there is no pool for requests to wait on, no thread hop, and nothing to
deadlock. A query that runs past the time limit is abandoned and answered with a 503.

The open connection keeps reading the file it opened even after a rebuild renames a new one
into place, so a process never mixes two builds: it serves one data version, under that
version's ETags, until it is restarted (``/health`` says when the file on disk has changed).
"""

import os
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from app.core.seal import holds_seal

Row = tuple[Any, ...]
Parameters = Sequence[Any] | Mapping[str, Any]
# What a download holds in memory at a time, whatever the file's size.
CHUNK = 64 * 1024


class ReadOnlyDatabase:
    def __init__(
        self, path: Path, query_timeout_seconds: float, watched: Path | None = None
    ) -> None:
        """Opens ``path``; ``watched`` is the path a rebuild replaces, when another name of the
        same file is opened (a worker's pinned build)."""
        self.path = path
        self.watched = watched or path
        self.query_timeout_seconds = query_timeout_seconds
        # The file itself, held open: `/export?format=sqlite` serves these bytes, which stay the
        # ones this process serves from even if a rebuild replaces the path.
        self._file = open(path, "rb")  # noqa: SIM115  (closed in close())
        stat = os.fstat(self._file.fileno())
        self.identity = (stat.st_dev, stat.st_ino)
        self.size = stat.st_size
        # How the file looked when opened, to tell a change under the server (never an ETag's
        # basis: a copy or a touch changes it).
        self.modified_at = stat.st_mtime
        # Modification times seen since, and whether the bytes had changed at each.
        self._checked_times: dict[float, bool] = {}
        # mode=ro: SQLite refuses writes whatever code runs here. immutable=1: the file never
        # changes under this connection (rebuilds replace it), so SQLite takes no locks.
        self.connection = sqlite3.connect(
            f"file:{path}?mode=ro&immutable=1",
            uri=True,
            check_same_thread=False,
            cached_statements=512,
        )
        self._deadline = 0.0
        # Past the deadline SQLite abandons the statement (checked every 1,000 VM steps).
        self.connection.set_progress_handler(self._past_deadline, 1_000)
        self.data_version: str
        self.content_hash: str
        self.data_version, self.content_hash = self.one(
            "SELECT data_version, content_hash FROM dataset_meta"
        )
        # Whether the file was checked against its seal before it was served (see ensure_database).
        self.checked = False

    def _past_deadline(self) -> bool:
        return time.monotonic() > self._deadline

    def _execute(self, sql: str, parameters: Parameters) -> sqlite3.Cursor:
        # Each statement gets the whole allowance, whatever ran before it in the request.
        self._deadline = time.monotonic() + self.query_timeout_seconds
        return self.connection.execute(sql, parameters)

    def all(self, sql: str, parameters: Parameters = ()) -> list[Row]:
        return self._execute(sql, parameters).fetchall()

    def first(self, sql: str, parameters: Parameters = ()) -> Row | None:
        row: Row | None = self._execute(sql, parameters).fetchone()
        return row

    def one(self, sql: str, parameters: Parameters = ()) -> Row:
        row = self.first(sql, parameters)
        if row is None:
            raise LookupError(sql)
        return row

    def replaced_on_disk(self) -> bool:
        """Whether the path now names another file than the one this process serves."""
        try:
            stat = self.watched.stat()
        except OSError:
            return True
        return (stat.st_dev, stat.st_ino) != self.identity

    def changed_in_place(self) -> bool:
        """Whether the file this process serves was written to since it was opened (copied
        over, truncated): not replaced by a rebuild's rename, but changed under an immutable
        connection, which then answers from a mix of old and new pages, or fails.

        Another size is a change; another modification time alone (a ``touch``) is one only if
        the bytes no longer hold the build's seal, checked once for each time seen."""
        stat = os.fstat(self._file.fileno())
        if stat.st_size != self.size:
            return True
        if stat.st_mtime != self.modified_at and stat.st_mtime not in self._checked_times:
            self._checked_times[stat.st_mtime] = not holds_seal(
                self._file.fileno(), self.content_hash
            )
        return self._checked_times.get(stat.st_mtime, False)

    def file_chunks(self) -> Iterator[bytes]:
        """The served file's bytes, read from the descriptor opened at start-up."""
        offset = 0
        while offset < self.size:
            chunk = os.pread(self._file.fileno(), min(CHUNK, self.size - offset), offset)
            if not chunk:
                return
            offset += len(chunk)
            yield chunk

    def close(self) -> None:
        self.connection.close()
        self._file.close()
