"""Finished responses kept in memory, bounded in bytes, least recently used out first."""

import sys
from collections import OrderedDict

Headers = list[tuple[bytes, bytes]]

# A body larger than this share of the budget is not kept: one export must not evict the rest.
LARGEST_SHARE = 16
# What the ordered dict spends on an entry besides its key and value (its hash-table slot and
# its link in the order).
DICT_ENTRY_BYTES = 100


def entry_size(key: str, headers: Headers, body: bytes) -> int:
    """The memory an entry holds, Python's objects counted, not only the bytes of the body: for
    a small response the headers and the objects around them are most of it, and counting the
    body alone let a cache of small responses use five times its budget."""
    return (
        sys.getsizeof(key)
        + sys.getsizeof(body)
        + sys.getsizeof(headers)
        + sum(
            sys.getsizeof(pair) + sys.getsizeof(name) + sys.getsizeof(value)
            for pair in headers
            for name, value in (pair,)
        )
        + sys.getsizeof((headers, body, 0))
        + DICT_ENTRY_BYTES
    )


class ResponseCache:
    def __init__(self, budget_bytes: int) -> None:
        self.budget_bytes = budget_bytes
        self.size_bytes = 0
        self._entries: OrderedDict[str, tuple[Headers, bytes, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def fits(self, body_bytes: int) -> bool:
        return body_bytes <= self.budget_bytes // LARGEST_SHARE

    def get(self, key: str) -> tuple[Headers, bytes] | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return entry[0], entry[1]

    def put(self, key: str, headers: Headers, body: bytes) -> None:
        if not self.fits(len(body)) or key in self._entries:
            return
        size = entry_size(key, headers, body)
        self._entries[key] = (headers, body, size)
        self.size_bytes += size
        while self.size_bytes > self.budget_bytes:
            _, (_, _, evicted) = self._entries.popitem(last=False)
            self.size_bytes -= evicted
