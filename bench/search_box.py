"""The "search box" scenario: 200 distinct URLs a frontend's search box and filter panel send.

About half are searches typed letter by letter (prefixes of words and two-word names from the
curated data, in Arabic and English, so many hold several words), the rest filter combinations
of the lists, paged differently to keep every URL distinct. Each Parley URL is paired with the
same question to Datasette, asked through a canned query (``bench.servers.CANNED_QUERIES``)
that returns the same records.
Deterministic: the same code gives the same list, in the same order.
"""

import itertools
import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

SIZE = 200
PAGE = 50  # Parley's default page size, spelled out for Datasette

# Words and two-word names as the curated data has them: typing a name's second word, the box
# holds several words, the last of them partial.
ARABIC_WORDS = (
    "دارشيف",
    "سوناتا كولتر",
    "ريابكوف",
    "لافروف",
    "الرحلات المباشرة",
    "الممتلكات الدبلوماسية",
    "كيلينورث",
)
ENGLISH_WORDS = (
    "direct flights",
    "visas",
    "diplomatic property",
    "Darchiev",
    "Sonata Coulter",
    "Killenworth",
    "banking",
)
PARTICIPANTS = (
    "alexander-darchiev",
    "sonata-coulter",
    "sergey-ryabkov",
    "sergey-lavrov",
    "maria-zakharova",
    "marco-rubio",
    "tammy-bruce",
)
ROUNDS = (1, 2, 3)
SIDES = ("RU", "US")
KINDS = ("person", "organization")
SUPPORT = ("single_source", "corroborated", "disputed")
MONTHS = range(1, 7)
# Paging a frontend asks for once the first page is shown; (None, None) is the default page.
PAGES: tuple[tuple[int | None, int | None], ...] = (
    (None, None),
    (5, 0),
    (5, 5),
    (10, 0),
    (2, 2),
    (20, 10),
)


@dataclass(frozen=True)
class Request:
    """One question, as Parley and as Datasette are asked it."""

    parley_path: str
    datasette_path: str
    # The list the answer's records are read from, for comparing the two servers' answers.
    kind: str


def typed_prefixes(words: str) -> list[str]:
    """What the box holds as someone types ``words``, from the third letter on (a space just
    typed asks nothing new: the box waits for the next letter)."""
    return [words[:length] for length in range(3, len(words) + 1) if words[length - 1] != " "]


def fts_expression(text: str) -> str:
    """The FTS5 expression Parley sends for ``text``: each normalised token, as written or as
    its stem, ANDed (``app.search.query.match_expression``).

    Uses the normaliser that built the index (``app.search.normalize``); Datasette has no
    such function, so its canned query is given the expression instead of the user's text.
    """
    from app.search.normalize import tokens
    from app.search.query import match_expression

    return match_expression(list(dict.fromkeys(tokens(text))))


def _query(params: dict[str, Any]) -> str:
    return urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})


def _search_requests(db: str) -> list[Request]:
    requests = []
    for word in itertools.chain.from_iterable(zip(ARABIC_WORDS, ENGLISH_WORDS, strict=True)):
        for prefix in typed_prefixes(word):
            datasette = _query({"expression": fts_expression(prefix), "limit": PAGE, "offset": 0})
            requests.append(
                Request(
                    f"/api/v1/search?{_query({'q': prefix})}",
                    f"/{db}/search_box.json?{datasette}&_shape=array",
                    "search",
                )
            )
    return requests


Filter = tuple[str, dict[str, Any], str, dict[str, Any]]


def _filters() -> Iterator[list[Filter]]:
    """Per list: (Parley path, its filters, canned query, that query's parameters), unpaged."""

    def same(filters: dict[str, Any]) -> dict[str, Any]:
        # A filter left unset is an empty parameter to the canned query.
        return {name: "" if value is None else value for name, value in filters.items()}

    def entry(path: str, query_name: str, **filters: Any) -> Filter:
        return (path, filters, query_name, same(filters))

    yield [
        entry("/api/v1/participants", "participants_filtered", side=side, kind=kind)
        for side, kind in itertools.product((*SIDES, None), (*KINDS, None))
        if (side, kind) != (None, None)
    ]
    yield [
        entry("/api/v1/issues", "issues_filtered", round=number, raised_by=side)
        for number, side in itertools.product((*ROUNDS, None), (*SIDES, None))
        if (number, side) != (None, None)
    ]
    yield [
        entry("/api/v1/statements", "statements_filtered", participant=participant, round=number)
        for participant, number in itertools.product(PARTICIPANTS, (*ROUNDS, None))
    ]
    yield [
        (
            "/api/v1/events",
            dates := {"from": f"2025-{first:02d}-01", "to": f"2025-{last:02d}-28"},
            "events_filtered",
            dates,
        )
        for first, last in itertools.combinations_with_replacement(MONTHS, 2)
    ]
    yield [
        # The round is in Parley's path, and a parameter of Datasette's query.
        (
            f"/api/v1/rounds/{number}/issues",
            {"support": grade},
            "round_issues_filtered",
            {"number": number, "support": grade},
        )
        for number, grade in itertools.product(ROUNDS, SUPPORT)
    ]


def _filter_requests(db: str, count: int) -> list[Request]:
    groups = list(_filters())
    requests: list[Request] = []
    # Every list's unpaged filters first, then the same filters paged, the lists taking turns,
    # until there are enough.
    for limit, offset in PAGES:
        for row in itertools.zip_longest(*groups):
            for entry in row:
                if entry is None or len(requests) == count:
                    continue
                path, filters, query_name, parameters = entry
                query = _query({**filters, "limit": limit, "offset": offset})
                paged = {**parameters, "limit": limit or PAGE, "offset": offset or 0}
                requests.append(
                    Request(
                        path + (f"?{query}" if query else ""),
                        f"/{db}/{query_name}.json?{_query(paged)}&_shape=array",
                        "list",
                    )
                )
    return requests


def requests(db: str) -> list[Request]:
    """The rotation: searches and filters interleaved, ``SIZE`` distinct URLs in all."""
    searches = _search_requests(db)
    filters = _filter_requests(db, SIZE - len(searches))
    # Spread evenly: each kind keeps its order, and neither bunches at the end.
    spread = [((i + 0.5) / len(searches), 0, r) for i, r in enumerate(searches)]
    spread += [((i + 0.5) / len(filters), 1, r) for i, r in enumerate(filters)]
    rotation = [request for *_, request in sorted(spread, key=lambda entry: entry[:2])]
    assert len(rotation) == SIZE, len(rotation)
    assert len({r.parley_path for r in rotation}) == SIZE, "Parley URLs repeat"
    assert len({r.datasette_path for r in rotation}) == SIZE, "Datasette URLs repeat"
    return rotation


def record_keys(kind: str, body: bytes, server: str) -> list[tuple[str, ...]]:
    """The records an answer holds, in order: what both servers must agree on."""
    document = json.loads(body)
    if server == "parley":
        items = document["items"]
        if kind == "search":
            return [(item["type"], item["id"]) for item in items]
        return [(item["id"],) for item in items]
    if kind == "search":
        return [(row["kind"], row["record_id"]) for row in document]
    return [(row["id"],) for row in document]
