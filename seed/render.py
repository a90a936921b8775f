"""Rendering everything the API serves, once, at build time, through the response schemas.

Each record is assembled from the rows the build resolved in memory (``seed.related``), not read
back from the tables; each list is walked in its default order and each item and document is
built as its response model, so the public contract is validated here, once. The server only
looks these up and renders them per request.
"""

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import permutations
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, inspect, text
from sqlmodel import SQLModel

from app.localized import texts
from app.models import (
    Citation,
    DatasetMeta,
    Event,
    FactVersion,
    Issue,
    IssueItem,
    Meeting,
    MeetingIssue,
    MeetingParticipant,
    Participant,
    Source,
    Statement,
)
from app.rendered import CSV_RENDERED_PER_REQUEST, ITEM_MODELS, DocumentKind, Listing
from app.representations import json_bytes
from app.schemas import (
    AliasPublic,
    AspectComparison,
    AspectPublic,
    AttributionPublic,
    CharacterCoverage,
    CitedFact,
    ConflictPublic,
    CoverageFigures,
    CoveragePublic,
    DocumentCoverage,
    EventPublic,
    IssueComparison,
    IssueDetail,
    IssueInRound,
    IssueItemPublic,
    IssuePublic,
    IssueRef,
    IssueRoundPublic,
    MeetingRef,
    MetaPublic,
    OutcomeChange,
    ParticipantDetail,
    ParticipantPublic,
    ParticipantRef,
    ParticipantRoundPublic,
    RoundComparison,
    RoundIssuePublic,
    RoundParticipantPublic,
    RoundPublic,
    SourceCitationPublic,
    SourceDetail,
    SourcePublic,
    SourceRef,
    StatementPublic,
    SubjectRef,
    TitlePublic,
    UncitedSpan,
    VenuePublic,
    VersionPublic,
)
from app.spans import NO_SPANS, csv_spans, lang_spans
from app.vocabulary import EventKind, MeetingAspect, Role
from seed.coverage import DocumentCoverage as MeasuredCoverage
from seed.coverage import Tally, total_coverage
from seed.dataset import Dataset
from seed.related import Related, fields, preferred_first

# Delegation heads first, then the others in the order the Role vocabulary declares them.
ROLE_RANK = {role.value: rank for rank, role in enumerate(Role)}
# On one day, the meeting comes before what was said about it.
EVENT_KIND_RANK = {kind.value: rank for rank, kind in enumerate(EventKind)}
# Tables that are representations of the others, left out of the export.
DERIVED_TABLES = {
    "alembic_version",
    "rendered_document",
    "rendered_item",
    "rendered_count",
    "search_record",
}


def claim_grades(claims: object) -> str | None:
    """The grade of each of a record's claims, as JSON for a list to filter on (``claim``);
    None for an item that is no record (a citation lists the claims it supports instead)."""
    if not isinstance(claims, dict):
        return None
    return json.dumps({claim: graded["support"] for claim, graded in claims.items()})


def dated_first(value: str | None) -> tuple[bool, str]:
    """Sort key of an optional date: dated records in date order, then the undated."""
    return value is None, value or ""


@dataclass
class Item:
    item_id: str
    model: BaseModel
    keys: dict[str, Any] = field(default_factory=dict)
    """Filter and sort keys: columns of ``rendered_item``."""


@dataclass
class Rendered:
    items: list[dict[str, Any]] = field(default_factory=list)
    counts: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)

    def add_list(self, listing: Listing, parent: str, items: Sequence[Item]) -> None:
        item_model = ITEM_MODELS[listing]
        grades: Counter[str] = Counter()
        cut_csv = listing not in CSV_RENDERED_PER_REQUEST
        for position, item in enumerate(items):
            assert isinstance(item.model, item_model), (listing, type(item.model))
            public = item.model.model_dump(mode="json")
            body = json_bytes(public)
            keys = {
                "support": public.get("support"),
                "claims": claim_grades(public.get("claims")),
            } | item.keys
            if keys["support"] is not None:
                grades[keys["support"]] += 1
            self.items.append(
                {
                    "list": listing.value,
                    "parent": parent,
                    "position": position,
                    "item_id": item.item_id,
                    **keys,
                    "body": body,
                    "lang_spans": lang_spans(public, body, item_model),
                    "csv_spans": csv_spans(public, body, item_model) if cut_csv else NO_SPANS,
                }
            )
        self.counts.append(
            {"list": listing.value, "parent": parent, "support": "", "total": len(items)}
        )
        self.counts.extend(
            {"list": listing.value, "parent": parent, "support": grade, "total": total}
            for grade, total in sorted(grades.items())
        )

    def add_document(self, kind: DocumentKind, key: str, model: BaseModel) -> None:
        public = model.model_dump(mode="json")
        body = json_bytes(public)
        spans = lang_spans(public, body, type(model))
        self.documents.append(
            {"resource": kind.value, "key": key, "body": body, "lang_spans": spans}
        )


def render(dataset: Dataset, connection: Connection) -> Rendered:
    """Everything the API serves, from the rows of ``dataset``; the export from the tables just
    written over ``connection``, as stored."""
    related = Related(dataset)
    rendered = Rendered()
    Renderer(related, rendered).render_all()
    rendered.documents.append(
        {
            "resource": DocumentKind.export.value,
            "key": "",
            "body": export_tables(connection),
            "lang_spans": NO_SPANS,
        }
    )
    return rendered


class Renderer:
    def __init__(self, related: Related, rendered: Rendered) -> None:
        self.related = related
        self.rendered = rendered
        self.evidence = related.evidence

    def render_all(self) -> None:
        self.render_rounds()
        self.render_participants()
        self.render_issues()
        self.render_statements(self.related.dataset.of(Statement))
        self.render_events()
        self.rendered.add_list(
            Listing.conflicts,
            "",
            [
                Item(f"{c.subject.kind}:{c.subject.id}:{c.field}", c, {"kind": c.subject.kind})
                for c in self.conflicts()
            ],
        )
        self.render_sources()
        self.rendered.add_document(DocumentKind.meta, "", self.meta())

    # Rounds

    def round_public(self, meeting: Meeting) -> RoundPublic:
        return RoundPublic(
            **fields(meeting),
            venues=[
                VenuePublic(**fields(venue), **self.evidence(venue.fact_id))
                for venue in self.related.venues.get(meeting.id, [])
            ],
            aspects=self.aspects_of(meeting.id),
            disputed_fields=self.related.disputed_fields.get(("round", meeting.id), []),
            **self.evidence(meeting.fact_id),
        )

    def aspects_of(self, meeting_id: str) -> list[AspectPublic]:
        return [
            AspectPublic(**fields(aspect), **self.evidence(aspect.fact_id))
            for aspect in self.related.aspects.get(meeting_id, [])
        ]

    def render_rounds(self) -> None:
        rounds = sorted(
            (m for m in self.related.meetings.values() if m.number is not None),
            key=lambda meeting: meeting.number or 0,
        )
        presented = [self.round_public(meeting) for meeting in rounds]
        self.rendered.add_list(
            Listing.rounds,
            "",
            [
                Item(
                    meeting.id, public, {"number": meeting.number, "start_date": meeting.start_date}
                )
                for meeting, public in zip(rounds, presented, strict=True)
            ],
        )
        standings = {}
        for meeting, public in zip(rounds, presented, strict=True):
            number = str(meeting.number)
            self.rendered.add_document(DocumentKind.round, number, public)
            issues = self.round_issues(meeting)
            self.rendered.add_list(Listing.round_issues, number, issues)
            self.rendered.add_list(
                Listing.round_participants, number, self.round_participants(meeting)
            )
            standings[meeting.number] = {item.item_id: item.model for item in issues}
        # A round compared with itself has nothing to say: the API answers that pair with a 422.
        for before, after in permutations(rounds, 2):
            self.rendered.add_document(
                DocumentKind.comparison,
                f"{before.number}/{after.number}",
                compare(
                    before,
                    after,
                    standings[before.number],
                    standings[after.number],
                    (self.aspects_of(before.id), self.aspects_of(after.id)),
                ),
            )

    def standing(self, link: MeetingIssue) -> dict[str, Any]:
        """How an issue stood at a meeting: who raised it, whether on the agenda, the outcome."""
        return {
            "raised_by": self.related.raisers.get((link.meeting_id, link.issue_id), []),
            "on_agenda": link.on_agenda,
            "outcome": link.outcome,
            **texts(link, "outcome_note"),
            **self.evidence(link.fact_id),
        }

    def round_issues(self, meeting: Meeting) -> list[Item]:
        links = sorted(
            self.related.issues_of_meeting.get(meeting.id, []),
            key=lambda link: (not link.on_agenda, link.issue_id),
        )
        return [
            Item(
                link.issue_id,
                RoundIssuePublic(
                    **fields(self.related.issues[link.issue_id]), **self.standing(link)
                ),
            )
            for link in links
        ]

    def summary(self, participant: Participant) -> dict[str, Any]:
        """A participant's own fields and preferred title, as every participant summary has."""
        preferred = self.related.preferred_title(participant.id)
        return {
            **fields(participant),
            **texts(preferred, "title"),
        }

    def round_participants(self, meeting: Meeting) -> list[Item]:
        people = self.related.participants

        def order(link: MeetingParticipant) -> tuple[int, bool, str, str]:
            side = people[link.participant_id].side
            # SQL's order: a participant of no side before those of one.
            return ROLE_RANK[link.role], side is not None, side or "", link.participant_id

        return [
            Item(
                link.participant_id,
                RoundParticipantPublic(
                    **self.summary(people[link.participant_id]),
                    role=link.role,
                    **texts(link, "role_note"),
                    **self.evidence(link.fact_id),
                ),
            )
            for link in sorted(self.related.people_of_meeting.get(meeting.id, []), key=order)
        ]

    def meeting_order(self, meeting_id: str) -> tuple[bool, str, str]:
        meeting = self.related.meetings[meeting_id]
        return (*dated_first(meeting.start_date), meeting.id)

    # Participants

    def participant_public(self, participant: Participant) -> ParticipantPublic:
        return ParticipantPublic(
            **self.summary(participant),
            titles=[
                TitlePublic(**fields(title), **self.evidence(title.fact_id))
                for title in self.related.titles.get(participant.id, [])
            ],
            aliases=[
                AliasPublic(
                    alias=alias.alias, language=alias.language, **self.evidence(alias.fact_id)
                )
                for alias in self.related.aliases.get(participant.id, [])
            ],
            disputed_fields=self.related.disputed_fields.get(("participant", participant.id), []),
            **self.evidence(participant.fact_id),
        )

    def render_participants(self) -> None:
        participants = sorted(self.related.participants.values(), key=lambda p: p.id)
        presented = [self.participant_public(participant) for participant in participants]
        self.rendered.add_list(
            Listing.participants,
            "",
            [
                Item(
                    participant.id,
                    public,
                    {
                        "side": participant.side,
                        "kind": participant.kind,
                        **texts(participant, "name"),
                    },
                )
                for participant, public in zip(participants, presented, strict=True)
            ],
        )
        for participant, public in zip(participants, presented, strict=True):
            said = sorted(
                self.related.statements_by_speaker.get(participant.id, []), key=statement_order
            )
            self.rendered.add_document(
                DocumentKind.participant,
                participant.id,
                ParticipantDetail(**public.model_dump(), statements=self.statements_public(said)),
            )
            links = sorted(
                self.related.meetings_of_person.get(participant.id, []),
                key=lambda link: self.meeting_order(link.meeting_id),
            )
            self.rendered.add_list(
                Listing.participant_rounds,
                participant.id,
                [
                    Item(
                        link.meeting_id,
                        ParticipantRoundPublic(
                            round=self.meeting_ref(link.meeting_id),
                            role=link.role,
                            **texts(link, "role_note"),
                            **self.evidence(link.fact_id),
                        ),
                    )
                    for link in links
                ],
            )

    def meeting_ref(self, meeting_id: str) -> MeetingRef:
        return MeetingRef.model_validate(self.related.meetings[meeting_id])

    def participant_ref(self, participant_id: str) -> ParticipantRef:
        return ParticipantRef.model_validate(self.related.participants[participant_id])

    # Issues

    def issue_public(self, issue: Issue) -> IssuePublic:
        return IssuePublic(
            **fields(issue),
            items=[
                IssueItemPublic(**fields(item), **self.evidence(item.fact_id))
                for item in self.related.items.get(issue.id, [])
            ],
            **self.evidence(issue.fact_id),
        )

    def render_issues(self) -> None:
        issues = sorted(self.related.issues.values(), key=lambda issue: issue.id)
        presented = [self.issue_public(issue) for issue in issues]
        self.rendered.add_list(
            Listing.issues,
            "",
            [
                Item(issue.id, public, texts(issue, "name"))
                for issue, public in zip(issues, presented, strict=True)
            ],
        )
        for issue, public in zip(issues, presented, strict=True):
            links = sorted(
                self.related.meetings_of_issue.get(issue.id, []),
                key=lambda link: self.meeting_order(link.meeting_id),
            )
            path = [
                IssueRoundPublic(round=self.meeting_ref(link.meeting_id), **self.standing(link))
                for link in links
            ]
            # dict() keeps the nested response models as they are; a model_dump would rebuild them.
            self.rendered.add_document(
                DocumentKind.issue, issue.id, IssueDetail(**dict(public), path=path)
            )
            self.rendered.add_list(
                Listing.issue_rounds,
                issue.id,
                [Item(link.meeting_id, item) for link, item in zip(links, path, strict=True)],
            )

    # Statements and events

    def statements_public(self, statements: Sequence[Statement]) -> list[StatementPublic]:
        return [self.statement_public(statement) for statement in statements]

    def statement_public(self, statement: Statement) -> StatementPublic:
        evidence = self.evidence(statement.fact_id)
        reporting = sorted({citation.source_id for citation in evidence["citations"]})
        return StatementPublic(
            **fields(statement),
            speaker=self.participant_ref(statement.speaker_id),
            reported_in=[
                SourceRef.model_validate(self.related.sources[source_id]) for source_id in reporting
            ],
            attribution=self.attribution_public(statement),
            round=self.meeting_ref(statement.meeting_id) if statement.meeting_id else None,
            issues=[
                IssueRef.model_validate(self.related.issues[issue_id])
                for issue_id in sorted(
                    link.issue_id for link in self.related.statement_issues.get(statement.id, [])
                )
            ],
            **evidence,
        )

    def attribution_public(self, statement: Statement) -> AttributionPublic | None:
        attribution = self.related.attributions.get(statement.id)
        if attribution is None:
            return None
        return AttributionPublic(
            via=self.participant_ref(attribution.via_id) if attribution.via_id else None,
            **texts(attribution, "text"),
            **texts(attribution, "note"),
            **self.evidence(attribution.fact_id),
        )

    def render_statements(self, statements: Sequence[Statement]) -> None:
        ordered = sorted(statements, key=statement_order)
        meetings = self.related.meetings
        self.rendered.add_list(
            Listing.statements,
            "",
            [
                Item(
                    statement.id,
                    self.statement_public(statement),
                    {
                        "speaker_id": statement.speaker_id,
                        "round_number": meetings[statement.meeting_id].number
                        if statement.meeting_id
                        else None,
                        "statement_date": statement.statement_date,
                    },
                )
                for statement in ordered
            ],
        )

    def render_events(self) -> None:
        def order(event: Event) -> tuple[bool, str, int, str]:
            # A window open at its start ("on or before" a day) may be the earliest of all:
            # it sorts first, as SQLite sorts NULL in the `sort=date` of the route.
            earliest = event.earliest_date
            return earliest is not None, earliest or "", EVENT_KIND_RANK[event.kind], event.id

        events = sorted(self.related.dataset.of(Event), key=order)
        self.rendered.add_list(
            Listing.events,
            "",
            [
                Item(
                    event.id,
                    EventPublic(
                        **fields(event),
                        round=self.meeting_ref(event.meeting_id) if event.meeting_id else None,
                        participants=[
                            self.participant_ref(participant_id)
                            for participant_id in sorted(
                                link.participant_id
                                for link in self.related.event_participants.get(event.id, [])
                            )
                        ],
                        **self.evidence(event.fact_id),
                    ),
                    {
                        "kind": event.kind,
                        "kind_rank": EVENT_KIND_RANK[event.kind],
                        "earliest_date": event.earliest_date,
                        "latest_date": event.latest_date,
                    },
                )
                for event in events
            ],
        )

    # Conflicts and sources

    def conflicts(self) -> list[ConflictPublic]:
        subjects: dict[str, Any] = {
            "round": self.related.meetings,
            "participant": self.related.participants,
            "issue": self.related.issues,
        }
        conflicts = []
        for (kind, subject_id, field_name), versions in sorted(self.related.disputed.items()):
            subject = subjects[kind][subject_id]
            conflicts.append(
                ConflictPublic(
                    subject=SubjectRef(kind=kind, id=subject_id, **texts(subject, "name")),
                    field=field_name,
                    versions=[
                        VersionPublic(
                            **version.value,
                            preferred=version.preferred,
                            **version.note,
                            **self.evidence(version.fact_id),
                        )
                        for version in preferred_first(versions)
                    ],
                )
            )
        return conflicts

    def render_sources(self) -> None:
        sources = sorted(self.related.sources.values(), key=lambda source: source.document)
        self.rendered.add_list(
            Listing.sources,
            "",
            [
                Item(
                    source.id,
                    SourcePublic.model_validate(source),
                    {"document": source.document, "published_date": source.published_date},
                )
                for source in sources
            ],
        )
        facts = self.related.facts
        for source in sources:
            self.rendered.add_document(
                DocumentKind.source,
                source.id,
                SourceDetail(
                    **fields(source),
                    uncited=[
                        UncitedSpan.model_validate(span)
                        for span in self.related.uncited.get(source.id, [])
                    ],
                ),
            )
            self.rendered.add_list(
                Listing.source_citations,
                source.id,
                [
                    Item(
                        str(citation.id),
                        SourceCitationPublic(
                            **self.related.cite(citation).model_dump(),
                            fact=CitedFact.model_validate(facts[citation.fact_id]),
                        ),
                        {
                            "support": facts[citation.fact_id].support,
                            "claims": claim_grades(
                                {
                                    graded.claim: {"support": graded.support}
                                    for graded in self.related.claims[citation.fact_id]
                                }
                            ),
                        },
                    )
                    for citation in self.related.citations_of_source.get(source.id, [])
                ],
            )

    def meta(self) -> MetaPublic:
        dataset = self.related.dataset
        measured = {
            source.id: (source.document, dataset.coverage[source.id])
            for source in sorted(self.related.sources.values(), key=lambda s: s.document)
        }
        documents = [
            DocumentCoverage(source_id=source_id, document=document, **coverage_figures(coverage))
            for source_id, (document, coverage) in measured.items()
        ]
        total = CoverageFigures(
            **coverage_figures(total_coverage(coverage for _, coverage in measured.values()))
        )
        return MetaPublic(
            data_version=dataset.of(DatasetMeta)[0].data_version,
            built_at=dataset.of(DatasetMeta)[0].built_at,
            counts={name: dataset.count(table) for name, table in COUNTED.items()},
            coverage=CoveragePublic(documents=documents, total=total),
        )


def statement_order(statement: Statement) -> tuple[bool, str, str]:
    return (*dated_first(statement.statement_date), statement.id)


def compare(
    meeting: Meeting,
    other: Meeting,
    before: dict[str, BaseModel],
    after: dict[str, BaseModel],
    aspects: tuple[list[AspectPublic], list[AspectPublic]],
) -> RoundComparison:
    """Issue by issue, what changed from one round to another: new, carried over or dropped;
    and how each went, aspect by aspect."""

    def standing(item: BaseModel | None) -> IssueInRound | None:
        if item is None:
            return None
        return IssueInRound.model_validate(item.model_dump(include=set(IssueInRound.model_fields)))

    comparisons = []
    for issue_id in sorted(before.keys() | after.keys()):
        issue = before.get(issue_id) or after[issue_id]
        was, now = standing(before.get(issue_id)), standing(after.get(issue_id))
        change = (
            "carried_over"
            if issue_id in before and issue_id in after
            else ("dropped" if issue_id in before else "new")
        )
        was_outcome = was.outcome if was else None
        now_outcome = now.outcome if now else None
        comparisons.append(
            IssueComparison(
                issue=IssueRef.model_validate(issue, from_attributes=True),
                change=change,
                outcome=OutcomeChange(
                    before=was_outcome, after=now_outcome, changed=was_outcome != now_outcome
                ),
                before=was,
                after=now,
            )
        )
    return RoundComparison(
        before=MeetingRef.model_validate(meeting),
        after=MeetingRef.model_validate(other),
        issues=comparisons,
        aspects=aspect_comparisons(*aspects),
    )


def aspect_comparisons(
    before: list[AspectPublic], after: list[AspectPublic]
) -> list[AspectComparison]:
    """Each aspect either meeting has, in the vocabulary's order, with each side's preferred
    version (``/rounds/{number}`` has every version)."""

    def preferred(aspects: list[AspectPublic]) -> dict[MeetingAspect, AspectPublic]:
        return {aspect.aspect: aspect for aspect in aspects if aspect.preferred}

    was, now = preferred(before), preferred(after)
    return [
        AspectComparison(aspect=aspect, before=was.get(aspect), after=now.get(aspect))
        for aspect in MeetingAspect
        if aspect in was or aspect in now
    ]


COUNTED: dict[str, type[SQLModel]] = {
    "meetings": Meeting,
    "participants": Participant,
    "issues": Issue,
    "issue_items": IssueItem,
    "statements": Statement,
    "events": Event,
    "versions": FactVersion,
    "sources": Source,
    "citations": Citation,
}


def _shares(tally: Tally) -> dict[str, float]:
    return {
        "cited_share": round(tally.cited_share, 4),
        "accounted_share": round(tally.accounted_share, 4),
    }


def coverage_figures(coverage: MeasuredCoverage) -> dict[str, object]:
    sentences, characters = coverage.sentences, coverage.characters
    return {
        "sentences": sentences.total,
        "cited": sentences.cited,
        "marked": sentences.marked,
        "uncovered": sentences.uncovered,
        **_shares(sentences),
        "characters": CharacterCoverage(
            total=characters.total,
            cited=characters.cited,
            marked=characters.marked,
            uncovered=characters.uncovered,
            **_shares(characters),
        ),
    }


def export_tables(connection: Connection) -> bytes:
    """Every data table as one JSON object, rows in key order."""
    return b"".join(_export_chunks(connection))


def _export_chunks(connection: Connection) -> Iterator[bytes]:
    data_version = connection.execute(text("SELECT data_version FROM dataset_meta")).scalar_one()
    yield b'{"data_version":' + json.dumps(data_version).encode() + b',"tables":{'
    tables = [t for t in SQLModel.metadata.sorted_tables if t.name not in DERIVED_TABLES]
    for position, table in enumerate(tables):
        key_columns = [column.name for column in inspect(table).primary_key]
        yield (b"," if position else b"") + json.dumps(table.name).encode() + b":["
        rows = connection.execute(
            text(f'SELECT * FROM "{table.name}" ORDER BY {", ".join(key_columns)}')
        )
        for number, row in enumerate(rows.mappings()):
            # The seal is of the file, written after this document: not part of the data.
            values = {key: value for key, value in row.items() if key != "content_hash"}
            yield (b"," if number else b"") + json_bytes(values)
        yield b"]"
    yield b"}}"
