"""A search's answer as the API serves it: the ranked hits of ``app.search.query``, each with
where it matched, as ``SearchResult`` declares them.

Worked out here once for both its users: the route, for a query it has no stored answer for,
and the build, which stores the answer to every one-word query (``seed/stored_searches.py``).
"""

from dataclasses import dataclass
from typing import Any

from app.core.db import ReadOnlyDatabase
from app.search.query import ALL, ENTRY_TEXTS, EntryTexts, Hit, Match, locate_matches, search


def public_result(hit: Hit, match: Match) -> dict[str, Any]:
    """A hit as SearchResult declares it, field for field."""
    return {
        "type": hit.kind,
        "id": hit.record_id,
        **hit.labels,
        "score": hit.score,
        "match": {
            "field": match.field,
            "language": match.language,
            "start": match.start,
            "end": match.end,
            "snippet": match.snippet,
        },
        "via": hit.via,
    }


@dataclass(frozen=True)
class Results:
    total: int
    """How many records match in all (of the kind asked for)."""
    page: list[dict[str, Any]]


def search_results(
    database: ReadOnlyDatabase,
    q: str,
    kind: str | None = None,
    limit: int = ALL,
    offset: int = 0,
    texts: EntryTexts = ENTRY_TEXTS,
) -> Results:
    """A page of ``q``'s results, best first, each located in its text; ``texts`` keeps the
    texts read, per build."""
    found = search(database, q, kind, limit, offset, texts)
    matches = locate_matches(database, q, found.hits, texts)
    return Results(
        found.total,
        [public_result(hit, match) for hit, match in zip(found.hits, matches, strict=True)],
    )
