"""Running a search: user text in, ranked records out, each with where it matched.

User text never reaches FTS5 as syntax: it is normalised into tokens and each token is sent as
a quoted string, so ``AND``, ``NEAR``, ``*``, quotes and brackets are just characters.
"""

import html
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from app.core.db import ReadOnlyDatabase
from app.localized import LANGUAGES, localized_name
from app.search.normalize import stem, tokens, tokens_with_spans, variants

MAX_QUERY_TOKENS = 12
SNIPPET_CONTEXT = 60


@dataclass(frozen=True)
class Match:
    field: str
    language: str
    start: int
    end: int
    snippet: str


@dataclass(frozen=True)
class Hit:
    kind: str
    record_id: str
    labels: dict[str, str]
    """The record's label in every language, keyed as served (``label_en``...)."""
    score: float
    entry: int
    """The search_entry row of the record's best-matching field."""
    field: str
    language: str
    via: str | None = None
    """For a source found through a record's name in the other language: that record."""
    bridged_match: Match | None = None
    """For such a source, where the name is in its text (already located to find it)."""


@lru_cache(maxsize=4096)
def query_tokens(q: str) -> tuple[str, ...]:
    """The query's distinct words, folded: worked out once for a query, which both finding
    the page and locating each hit's match need."""
    return tuple(dict.fromkeys(tokens(q)))[:MAX_QUERY_TOKENS]


def _quoted(word: str) -> str:
    # A quoted FTS5 string (quotes doubled): never an operator, a column or a prefix.
    return '"' + word.replace('"', '""') + '"'


def match_expression(words: Sequence[str]) -> str:
    """Every word, as itself or its stem, in the terms or the stems of a field: a field with
    the word as written matches in both columns, and so ranks above one with only its stem."""
    return " AND ".join("(" + " OR ".join(map(_quoted, variants(word))) + ")" for word in words)


@lru_cache(maxsize=8192)
def spans_of(original: str) -> tuple[tuple[str, int, int], ...]:
    # Record texts only change with the data, and tokenising a whole article per query is
    # most of a search's cost; keyed by the text itself, a new build cannot serve stale spans.
    return tuple(tokens_with_spans(original))


@lru_cache(maxsize=8192)
def tokens_of(text: str) -> tuple[str, ...]:
    """A text's tokens, as ``tokens`` gives them: a record's name is folded once, not at
    every search it is bridged from."""
    return tuple(token for token, _, _ in spans_of(text))


@lru_cache(maxsize=8192)
def positions_of(original: str) -> dict[str, tuple[int, ...]]:
    """Where each token occurs in the text, by its index among the text's tokens."""
    positions: dict[str, list[int]] = defaultdict(list)
    for index, (token, _, _) in enumerate(spans_of(original)):
        positions[token].append(index)
        if stem(token) != token:
            positions[stem(token)].append(index)
    return {token: tuple(found) for token, found in positions.items()}


def locate(original: str, words: Sequence[str], field: str, language: str) -> Match:
    """Where the query matched: the longest run of consecutive query words, earliest first."""
    spans = spans_of(original)
    indexed = positions_of(original)
    # Where a query word, or its stem, is the token or the token's stem: positions_of files
    # each token under both, so these are exactly the tokens that match. Only they are visited.
    found = {p for word in words for form in variants(word) for p in indexed.get(form, ())}
    best: tuple[int, int, int] = (0, 0, 0)  # (words in the run, start, end)
    for position in sorted(found):
        if position - 1 in found:
            continue  # inside a run already measured from its start
        run_end = position
        while run_end + 1 in found:
            run_end += 1
        length = run_end - position + 1
        if length > best[0]:
            best = (length, spans[position][1], spans[run_end][2])
    _, start, end = best
    return Match(field, language, start, end, snippet(original, start, end))


def snippet(original: str, start: int, end: int) -> str:
    """HTML: the matched text in <mark>, with some context either side; all text escaped."""
    left = max(0, start - SNIPPET_CONTEXT)
    right = min(len(original), end + SNIPPET_CONTEXT)
    return (
        ("…" if left else "")
        + html.escape(original[left:start])
        + "<mark>"
        + html.escape(original[start:end])
        + "</mark>"
        + html.escape(original[end:right])
        + ("…" if right < len(original) else "")
    )


# A record's label in every language: the last columns of the rows read below.
LABEL_KEYS = tuple(localized_name("label", code) for code in LANGUAGES)
LABELS = ", ".join(LABEL_KEYS)


def _labels(values: Sequence[str]) -> dict[str, str]:
    return dict(zip(LABEL_KEYS, values, strict=True))


# The matching fields: only the first ones in index order are weighed, since with no ORDER BY
# FTS5 stops after them instead of scoring every match of a common word. Each is scored by
# bm25 and its field's weight; the record each belongs to, its labels and the name's other
# language come from search_record, a plain table (read from FTS5's own columns, they cost
# twice as much).
MATCHING_FIELDS = f"""
    SELECT entry, kind, record_id, field, language, counterpart,
           candidates.rank * weight AS score, {LABELS}
    FROM (
        SELECT rowid AS entry, rank FROM search_entry
        WHERE search_entry MATCH :expression LIMIT :candidates
    ) AS candidates JOIN search_record USING (entry)
    """

# Only the sources whose text contains every word of the name, found through the index; what
# each is comes from search_record (read from FTS5's row, it means reading past the article).
SOURCE_TEXTS_WITH = f"""
    SELECT entry, record_id, language, {LABELS}
    FROM (SELECT rowid AS entry FROM search_entry WHERE search_entry MATCH :expression)
    JOIN search_record USING (entry)
    WHERE kind = 'source' AND field = 'text'
    ORDER BY record_id LIMIT :candidates
    """
MAX_CANDIDATES = 1000
ALL = 2**31 - 1  # as a page size: every match


class Candidate(NamedTuple):
    entry: int
    kind: str
    record_id: str
    field: str
    language: str
    counterpart: str | None
    score: float
    label_values: tuple[str, ...]
    """In the order of LABEL_KEYS: made a dict only for the hits a page shows."""

    @classmethod
    def of(cls, row: Sequence[Any]) -> "Candidate":
        entry, kind, record_id, field, language, counterpart, score = row[:7]
        return cls(entry, kind, record_id, field, language, counterpart, score, tuple(row[7:]))

    @property
    def order(self) -> tuple[float, str, str, int]:
        """Which of a record's matching fields is its best."""
        return (self.score, self.field, self.language, self.entry)

    def hit(self) -> "Hit":
        return Hit(
            kind=self.kind,
            record_id=self.record_id,
            labels=_labels(self.label_values),
            score=round(self.score, 6),
            entry=self.entry,
            field=self.field,
            language=self.language,
        )


class SourceText(NamedTuple):
    entry: int
    record_id: str
    language: str
    labels: dict[str, str]

    @classmethod
    def of(cls, row: Sequence[Any]) -> "SourceText":
        entry, record_id, language = row[:3]
        return cls(entry, record_id, language, _labels(row[3:]))


def best_per_record(rows: Sequence[Sequence[Any]]) -> list[Candidate]:
    """Each matching record once, by its best field (the lowest score, then field, language
    and entry, so that ties are settled the same way every time), best first. Done here, not
    in SQL: a window over the candidates cost more than the query that finds them."""
    best: dict[tuple[str, str], Candidate] = {}
    for row in rows:
        candidate = Candidate.of(row)
        key = (candidate.kind, candidate.record_id)
        held = best.get(key)
        if held is None or candidate.order < held.order:
            best[key] = candidate
    return sorted(best.values(), key=lambda found: (found.score, found.kind, found.record_id))


@dataclass(frozen=True)
class SearchPage:
    total: int
    hits: list[Hit]


def search(
    database: ReadOnlyDatabase,
    q: str,
    kind: str | None = None,
    limit: int = ALL,
    offset: int = 0,
    texts: "EntryTexts | None" = None,
) -> SearchPage:
    """A page of the matching records, best first, and how many match in all; sources found
    through a name in the other language come after the others. A q with no letters or digits
    matches nothing. ``texts`` keeps the texts read (the server's own cache by default)."""
    words = query_tokens(q)
    if not words:
        return SearchPage(0, [])
    # Every kind is weighed even when one is asked for: an English name matched on a record is
    # what leads to the Arabic sources that print it.
    rows = best_per_record(
        database.all(
            MATCHING_FIELDS,
            {"expression": match_expression(words), "candidates": MAX_CANDIDATES},
        )
    )
    direct = [row for row in rows if kind in (None, row.kind)]
    page = [row.hit() for row in direct[offset : offset + limit]]
    if kind not in (None, "source"):
        return SearchPage(len(direct), page)
    found = {row.record_id for row in rows if row.kind == "source"}
    bridged = _sources_naming(database, rows, found, texts or ENTRY_TEXTS)
    first = max(0, offset - len(direct))
    page += bridged[first : max(first, offset + limit - len(direct))]
    return SearchPage(len(direct) + len(bridged), page)


class EntryTexts:
    """The original texts of search entries already read, by build and entry, least recently
    used out first: a page's hits are mostly the same few fields search after search, and
    reading each one's whole text again (an article, for a source) was a tenth of a search."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._texts: OrderedDict[tuple[str, int], str] = OrderedDict()

    def of(self, database: ReadOnlyDatabase, entries: Sequence[int]) -> dict[int, str]:
        build = database.content_hash
        found: dict[int, str] = {}
        missing = []
        for entry in entries:
            original = self._texts.get((build, entry))
            if original is None:
                missing.append(entry)
            else:
                found[entry] = original
                self._texts.move_to_end((build, entry))
        if missing:
            for entry, original in database.all(
                "SELECT rowid, original FROM search_entry WHERE rowid IN "
                f"({', '.join('?' * len(missing))})",
                missing,
            ):
                found[entry] = self._texts[(build, entry)] = original
            # Only after this request's texts are in hand: evicting first could drop one of them.
            while len(self._texts) > self.size:
                self._texts.popitem(last=False)
        return found


ENTRY_TEXTS = EntryTexts(4096)


def locate_matches(
    database: ReadOnlyDatabase, q: str, hits: Sequence[Hit], texts: EntryTexts = ENTRY_TEXTS
) -> list[Match]:
    """Where each hit matched, with a snippet: only for the hits a page shows, since it means
    scanning each field's whole text."""
    words = query_tokens(q)
    originals = texts.of(database, [hit.entry for hit in hits if hit.bridged_match is None])
    return [
        hit.bridged_match or locate(originals[hit.entry], words, hit.field, hit.language)
        for hit in hits
    ]


def _sources_naming(
    database: ReadOnlyDatabase, rows: Sequence[Candidate], found: set[str], texts: EntryTexts
) -> list[Hit]:
    """Sources that contain, in Arabic, a name that matched in English.

    "Killenworth" matches the curated English name of a seized property; its Arabic
    counterpart "عقار كيلينورث" is what the article actually prints. The match reports the
    source's own language.
    """
    names: dict[tuple[str, ...], str] = {}
    for row in rows:
        if row.language == "en" and row.counterpart and row.field in ("name", "item", "alias"):
            names.setdefault(tokens_of(row.counterpart), f"{row.kind}:{row.record_id}")
    if not names:
        return []
    bridged: dict[str, Hit] = {}
    for name, via in names.items():
        expression = {"expression": match_expression(list(name)), "candidates": MAX_CANDIDATES}
        sources = [
            source
            for source in map(SourceText.of, database.all(SOURCE_TEXTS_WITH, expression))
            if source.record_id not in found
        ]
        originals = texts.of(database, [source.entry for source in sources])
        for source in sources:
            if source.record_id in bridged:
                continue
            original = originals[source.entry]
            spans = spans_of(original)
            position = _find_run(original, name)
            if position is None:
                continue  # every word is there, but not as one run
            start, end = spans[position][1], spans[position + len(name) - 1][2]
            bridged[source.record_id] = Hit(
                kind="source",
                record_id=source.record_id,
                labels=source.labels,
                score=0.0,
                entry=source.entry,
                field="text",
                language=source.language,
                via=via,
                bridged_match=Match(
                    "text", source.language, start, end, snippet(original, start, end)
                ),
            )
    return list(bridged.values())


def _find_run(original: str, run: Sequence[str]) -> int | None:
    """Where the words of ``run`` first occur in ``original`` one after another, by token
    index: only the places of its first word are tried, not every token of the text."""
    if not run:
        return None
    words = tokens_of(original)
    for position in positions_of(original).get(run[0], ()):
        if words[position : position + len(run)] == tuple(run):
            return position
    return None
