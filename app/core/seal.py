"""A build's seal: the SHA-256 of the file's own bytes, written into the file.

The build stores a placeholder of the digest's length in ``dataset_meta.content_hash``,
finishes the file, hashes it, and writes the digest over the placeholder (a text of the same
length in the same place, so the file stays the database SQLite wrote). Checking a file is
the reverse: find the recorded digest, hash the file with the placeholder in its place, and
compare. Any byte changed anywhere (a flipped bit, an edited row, another build copied over
part of it) breaks the seal, which SQLite's own ``quick_check`` cannot promise: it reads only
the structure of the pages. Hashing reads the file once, in bounded chunks.
"""

import hashlib
import mmap
import os
import sqlite3
from pathlib import Path

# Never a hex digit, so never part of a digest or of anything else a build writes.
PLACEHOLDER = "~" * 64
CHUNK = 4 * 1024 * 1024


class SealError(Exception):
    """The file does not hold exactly one placeholder or one recorded digest."""


def _digest_with_placeholder(view: memoryview, at: int) -> str:
    """SHA-256 of the bytes in ``view`` with the 64 bytes at ``at`` read as the placeholder."""
    hasher = hashlib.sha256()

    def add(start: int, end: int) -> None:
        for offset in range(start, end, CHUNK):
            hasher.update(view[offset : min(offset + CHUNK, end)])

    add(0, at)
    hasher.update(PLACEHOLDER.encode())
    add(at + len(PLACEHOLDER), len(view))
    return hasher.hexdigest()


def _only(mapped: mmap.mmap, needle: bytes) -> int:
    at = mapped.find(needle)
    if at < 0 or mapped.find(needle, at + 1) >= 0:
        raise SealError(f"{'none' if at < 0 else 'more than one'} found")
    return at


def seal(path: Path) -> str:
    """Write the digest of the finished file over its placeholder; returns the digest."""
    with open(path, "r+b") as file, mmap.mmap(file.fileno(), 0) as mapped:
        at = _only(mapped, PLACEHOLDER.encode())
        with memoryview(mapped) as view:
            digest = _digest_with_placeholder(view, at)
        mapped[at : at + len(PLACEHOLDER)] = digest.encode()
        mapped.flush()
    return digest


def reseal(path: Path) -> str:
    """Seal a built file again after changing it on purpose (the benchmark's scaled copies):
    the placeholder back in the build record, free pages (which may still hold the old digest)
    dropped, then sealed."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("UPDATE dataset_meta SET content_hash = ?", [PLACEHOLDER])
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()
    return seal(path)


def is_sealed_as(path: Path, recorded: str) -> bool:
    """Whether the file's bytes are exactly those its build sealed with ``recorded``."""
    with open(path, "rb") as file:
        return holds_seal(file.fileno(), recorded)


def holds_seal(descriptor: int, recorded: str) -> bool:
    """``is_sealed_as`` for a file already open (the one a server serves, whatever its path
    names now)."""
    if len(recorded) != len(PLACEHOLDER) or os.fstat(descriptor).st_size == 0:
        return False
    with mmap.mmap(descriptor, 0, access=mmap.ACCESS_READ) as mapped:
        try:
            at = _only(mapped, recorded.encode())
        except SealError:
            return False
        with memoryview(mapped) as view:
            return _digest_with_placeholder(view, at) == recorded
