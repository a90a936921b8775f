"""The rows of the full-text index, derived from the dataset's records.

Each row is one field of one record in one language. ``terms`` holds the normalised,
prefix-stripped tokens (the same normalisation queries get), ``stems`` the same tokens stemmed;
``original`` keeps the text as written so matches can be reported at their real offsets.
``counterpart`` is the same field in Arabic (in English, for an Arabic row), which lets an
English query locate a name in the Arabic sources.

The curated texts come in every configured language, a row each. Text quoted from a source (its
whole text, a statement's quotes) and aliases are in whatever language the source or alias is:
their rows carry that language, so a match reports it.
"""

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from app.localized import by_language, keyed, texts
from app.models import (
    Citation,
    Event,
    Issue,
    IssueItem,
    Meeting,
    MeetingVenue,
    Participant,
    ParticipantAlias,
    ParticipantTitle,
    Source,
    Statement,
)
from app.search.normalize import stem, tokens
from app.vocabulary import EventKind
from seed.dataset import Dataset

# How much a match in a field counts, relative to a match in running text.
NAME, TITLE, TEXT = 6.0, 2.0, 1.0


@dataclass(frozen=True)
class SearchEntry:
    terms: str
    stems: str
    """The same tokens stemmed (``app.search.normalize.stem``): a query word matches either."""
    kind: str
    record_id: str
    field: str
    language: str
    weight: float
    original: str
    counterpart: str | None
    labels: dict[str, str]
    """The record's label in every language, keyed as stored (``label_en``...)."""

    def as_row(self) -> dict[str, Any]:
        row = asdict(self)
        labels: dict[str, str] = row.pop("labels")
        return row | labels


# The language a curated name is printed in by the sources, and the one an Arabic name is
# given in beside it: a row's counterpart is the same field in the other of the two.
SOURCES_LANGUAGE, KEY_LANGUAGE = "ar", "en"


def _localized(
    kind: str,
    record_id: str,
    field: str,
    record: Any,
    text: str,
    weight: float,
    labels: dict[str, str],
) -> Iterator[SearchEntry]:
    """A curated text in each language, each with its counterpart."""
    given = by_language(record, text)
    for language, value in given.items():
        other = KEY_LANGUAGE if language == SOURCES_LANGUAGE else SOURCES_LANGUAGE
        yield from _single(kind, record_id, field, value, language, weight, labels, given[other])


def _single(
    kind: str,
    record_id: str,
    field: str,
    text: str | None,
    language: str,
    weight: float,
    labels: dict[str, str],
    counterpart: str | None = None,
) -> Iterator[SearchEntry]:
    """A field in one language: source text, a quote, an alias in their own language, or one
    language of a curated text with its counterpart."""
    if text:
        words = tokens(text)
        yield SearchEntry(
            terms=" ".join(words),
            stems=" ".join(map(stem, words)),
            kind=kind,
            record_id=record_id,
            field=field,
            language=language,
            weight=weight,
            original=text,
            counterpart=counterpart,
            labels=labels,
        )


def _rows(dataset: Dataset, table: type[Any]) -> list[Any]:
    return list(dataset.rows[table])


def build_search_entries(dataset: Dataset) -> list[SearchEntry]:
    entries: list[SearchEntry] = []
    participants = {p.id: p for p in _rows(dataset, Participant)}
    for participant in participants.values():
        labels = texts(participant, "name", "label")
        entries += _localized(
            "participant", participant.id, "name", participant, "name", NAME, labels
        )
        entries += _localized(
            "participant", participant.id, "description", participant, "description", TEXT, labels
        )
    for alias in _rows(dataset, ParticipantAlias):
        owner = participants[alias.participant_id]
        labels = texts(owner, "name", "label")
        entries += _single(
            "participant", owner.id, "alias", alias.alias, alias.language, NAME, labels
        )
    for title in _rows(dataset, ParticipantTitle):
        owner = participants[title.participant_id]
        labels = texts(owner, "name", "label")
        entries += _localized("participant", owner.id, "title", title, "title", TITLE, labels)

    issues = {i.id: i for i in _rows(dataset, Issue)}
    for issue in issues.values():
        labels = texts(issue, "name", "label")
        entries += _localized("issue", issue.id, "name", issue, "name", NAME, labels)
        entries += _localized("issue", issue.id, "summary", issue, "summary", TEXT, labels)
    for item in _rows(dataset, IssueItem):
        owner = issues[item.issue_id]
        entries += _localized(
            "issue", owner.id, "item", item, "name", TITLE, texts(owner, "name", "label")
        )

    rounds = {r.id: r for r in _rows(dataset, Meeting)}
    for meeting in rounds.values():
        labels = texts(meeting, "name", "label")
        entries += _localized("round", meeting.id, "name", meeting, "name", NAME, labels)
        entries += _localized("round", meeting.id, "summary", meeting, "summary", TEXT, labels)
    for venue in _rows(dataset, MeetingVenue):
        owner = rounds[venue.meeting_id]
        entries += _localized(
            "round", owner.id, "venue", venue, "name", TITLE, texts(owner, "name", "label")
        )

    languages = {source.id: source.language for source in _rows(dataset, Source)}
    # (quote, the language of the source it is quoted from), by fact.
    quotes: dict[int, list[tuple[str, str]]] = {}
    for citation in _rows(dataset, Citation):
        quotes.setdefault(citation.fact_id, []).append(
            (citation.quote, languages[citation.source_id])
        )
    for statement in _rows(dataset, Statement):
        labels = keyed("label", dataset.statement_titles[statement.id])
        entries += _localized("statement", statement.id, "gist", statement, "gist", TEXT, labels)
        for quote, language in quotes.get(statement.fact_id, []):
            entries += _single("statement", statement.id, "quote", quote, language, TEXT, labels)

    for event in _rows(dataset, Event):
        # Statement events are found as statements; meetings as rounds. The rest stand alone.
        if event.kind in (EventKind.statement, EventKind.meeting):
            continue
        labels = texts(event, "title", "label")
        entries += _localized("event", event.id, "title", event, "title", TITLE, labels)
        entries += _localized("event", event.id, "summary", event, "summary", TEXT, labels)

    for source in _rows(dataset, Source):
        labels = texts(source, "title", "label")
        entries += _localized("source", source.id, "title", source, "title", TITLE, labels)
        entries += _single("source", source.id, "text", source.text, source.language, TEXT, labels)
    return entries
