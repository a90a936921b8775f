"""The rows of the full-text index, derived from the dataset's records.

Each row is one field of one record in one language. ``terms`` holds the normalised,
prefix-stripped tokens (the same normalisation queries get); ``original`` keeps the text as
written so matches can be reported at their real offsets. ``counterpart`` is the same field in
the other language, which lets an English query locate a name in the Arabic sources.

The curated fields come in pairs, English and Arabic. Text quoted from a source (its whole text,
a statement's quotes) and aliases are in whatever language the source or alias is: their rows
carry that language, so a match reports it.
"""

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

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
from app.search.normalize import tokens
from app.vocabulary import EventKind
from seed.dataset import Dataset

# How much a match in a field counts, relative to a match in running text.
NAME, TITLE, TEXT = 6.0, 2.0, 1.0


@dataclass(frozen=True)
class SearchEntry:
    terms: str
    kind: str
    record_id: str
    field: str
    language: str
    weight: float
    original: str
    counterpart: str | None
    label_en: str
    label_ar: str

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


def _pair(
    kind: str,
    record_id: str,
    field: str,
    english: str | None,
    arabic: str | None,
    weight: float,
    labels: tuple[str, str],
) -> Iterator[SearchEntry]:
    for language, text, counterpart in (("en", english, arabic), ("ar", arabic, english)):
        yield from _single(kind, record_id, field, text, language, weight, labels, counterpart)


def _single(
    kind: str,
    record_id: str,
    field: str,
    text: str | None,
    language: str,
    weight: float,
    labels: tuple[str, str],
    counterpart: str | None = None,
) -> Iterator[SearchEntry]:
    """A field in one language: source text, a quote, an alias in their own language, or one
    side of a bilingual field with the other side as its counterpart."""
    if text:
        yield SearchEntry(
            terms=" ".join(tokens(text)),
            kind=kind,
            record_id=record_id,
            field=field,
            language=language,
            weight=weight,
            original=text,
            counterpart=counterpart,
            label_en=labels[0],
            label_ar=labels[1],
        )


def _rows(dataset: Dataset, table: type[Any]) -> list[Any]:
    return list(dataset.rows[table])


def build_search_entries(dataset: Dataset) -> list[SearchEntry]:
    entries: list[SearchEntry] = []
    participants = {p.id: p for p in _rows(dataset, Participant)}
    for participant in participants.values():
        labels = (participant.name_en, participant.name_ar)
        entries += _pair(
            "participant",
            participant.id,
            "name",
            participant.name_en,
            participant.name_ar,
            NAME,
            labels,
        )
        entries += _pair(
            "participant",
            participant.id,
            "description",
            participant.description_en,
            participant.description_ar,
            TEXT,
            labels,
        )
    for alias in _rows(dataset, ParticipantAlias):
        owner = participants[alias.participant_id]
        entries += _single(
            "participant",
            owner.id,
            "alias",
            alias.alias,
            alias.language,
            NAME,
            (owner.name_en, owner.name_ar),
        )
    for title in _rows(dataset, ParticipantTitle):
        owner = participants[title.participant_id]
        entries += _pair(
            "participant",
            owner.id,
            "title",
            title.title_en,
            title.title_ar,
            TITLE,
            (owner.name_en, owner.name_ar),
        )

    issues = {i.id: i for i in _rows(dataset, Issue)}
    for issue in issues.values():
        labels = (issue.name_en, issue.name_ar)
        entries += _pair("issue", issue.id, "name", issue.name_en, issue.name_ar, NAME, labels)
        entries += _pair(
            "issue", issue.id, "summary", issue.summary_en, issue.summary_ar, TEXT, labels
        )
    for item in _rows(dataset, IssueItem):
        owner = issues[item.issue_id]
        entries += _pair(
            "issue",
            owner.id,
            "item",
            item.name_en,
            item.name_ar,
            TITLE,
            (owner.name_en, owner.name_ar),
        )

    rounds = {r.id: r for r in _rows(dataset, Meeting)}
    for meeting in rounds.values():
        labels = (meeting.name_en, meeting.name_ar)
        entries += _pair(
            "round", meeting.id, "name", meeting.name_en, meeting.name_ar, NAME, labels
        )
        entries += _pair(
            "round", meeting.id, "summary", meeting.summary_en, meeting.summary_ar, TEXT, labels
        )
    for venue in _rows(dataset, MeetingVenue):
        owner = rounds[venue.meeting_id]
        entries += _pair(
            "round",
            owner.id,
            "venue",
            venue.name_en,
            venue.name_ar,
            TITLE,
            (owner.name_en, owner.name_ar),
        )

    languages = {source.id: source.language for source in _rows(dataset, Source)}
    # (quote, the language of the source it is quoted from), by fact.
    quotes: dict[int, list[tuple[str, str]]] = {}
    for citation in _rows(dataset, Citation):
        quotes.setdefault(citation.fact_id, []).append(
            (citation.quote, languages[citation.source_id])
        )
    for statement in _rows(dataset, Statement):
        speaker = participants[statement.speaker_id]
        labels = (f"Statement by {speaker.name_en}", f"تصريح {speaker.name_ar}")
        entries += _pair(
            "statement", statement.id, "gist", statement.gist_en, statement.gist_ar, TEXT, labels
        )
        for quote, language in quotes.get(statement.fact_id, []):
            entries += _single("statement", statement.id, "quote", quote, language, TEXT, labels)

    for event in _rows(dataset, Event):
        # Statement events are found as statements; meetings as rounds. The rest stand alone.
        if event.kind in (EventKind.statement, EventKind.meeting):
            continue
        labels = (event.title_en, event.title_ar)
        entries += _pair("event", event.id, "title", event.title_en, event.title_ar, TITLE, labels)
        entries += _pair(
            "event", event.id, "summary", event.summary_en, event.summary_ar, TEXT, labels
        )

    for source in _rows(dataset, Source):
        labels = (source.title_en, source.title_ar)
        entries += _pair(
            "source", source.id, "title", source.title_en, source.title_ar, TITLE, labels
        )
        entries += _single("source", source.id, "text", source.text, source.language, TEXT, labels)
    return entries
