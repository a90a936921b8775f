"""Rendering everything the API serves, once, at build time, through the response schemas.

Each list is walked in its default order and each item and document is built as its response
model (so the public contract is validated here, once), then stored in every representation
the API offers. The server only looks these up.
"""

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import permutations
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, case, func, inspect, text
from sqlmodel import Session, SQLModel, col, select

from app.models import (
    Citation,
    DatasetMeta,
    Event,
    Fact,
    FactVersion,
    Issue,
    IssueItem,
    Meeting,
    MeetingIssue,
    MeetingParticipant,
    Participant,
    Source,
    SourceCoverage,
    SourceUncited,
    Statement,
)
from app.rendered import BUILT_AT_PLACEHOLDER, ITEM_MODELS, DocumentKind, Listing
from app.representations import json_bytes
from app.schemas import (
    CharacterCoverage,
    CitedFact,
    CoverageFigures,
    CoveragePublic,
    DocumentCoverage,
    IssueComparison,
    IssueDetail,
    IssueInRound,
    IssueRef,
    IssueRoundPublic,
    MetaPublic,
    OutcomeChange,
    ParticipantDetail,
    ParticipantRoundPublic,
    RoundComparison,
    RoundIssuePublic,
    RoundParticipantPublic,
    SourceCitationPublic,
    SourceDetail,
    SourcePublic,
    UncitedSpan,
)
from app.vocabulary import EventKind, Role
from seed.coverage import DocumentCoverage as MeasuredCoverage
from seed.coverage import Tally, total_coverage
from seed.presenters import (
    cite,
    fields,
    load_conflicts,
    load_evidence,
    load_raisers,
    load_titles,
    meeting_ref,
    present_events,
    present_issues,
    present_participants,
    present_rounds,
    present_statements,
    summary_fields,
)

# Delegation heads first, then the others in the order the Role vocabulary declares them.
ROLE_ORDER = case(
    {role.value: rank for rank, role in enumerate(Role)}, value=col(MeetingParticipant.role)
)
# On one day, the meeting comes before what was said about it.
EVENT_KIND_RANK = {kind.value: rank for rank, kind in enumerate(EventKind)}
KIND_ORDER = case(EVENT_KIND_RANK, value=col(Event.kind))
# Tables that are representations of the others, left out of the export.
DERIVED_TABLES = {
    "alembic_version",
    "rendered_document",
    "rendered_item",
    "rendered_count",
    "search_record",
}


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
        for position, item in enumerate(items):
            assert isinstance(item.model, item_model), (listing, type(item.model))
            public = item.model.model_dump(mode="json")
            keys = {"support": public.get("support")} | item.keys
            if keys["support"] is not None:
                grades[keys["support"]] += 1
            self.items.append(
                {
                    "list": listing.value,
                    "parent": parent,
                    "position": position,
                    "item_id": item.item_id,
                    **keys,
                    "body": json_bytes(public),
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
        self.documents.append(
            {"resource": kind.value, "key": key, "body": json_bytes(model.model_dump(mode="json"))}
        )


def render(connection: Connection) -> Rendered:
    """Everything the API serves, from the tables just loaded over ``connection``."""
    rendered = Rendered()
    with Session(bind=connection) as session:
        render_rounds(session, rendered)
        render_participants(session, rendered)
        render_issues(session, rendered)
        render_statements(session, rendered)
        render_events(session, rendered)
        rendered.add_list(
            Listing.conflicts,
            "",
            [
                Item(f"{c.subject.kind}:{c.subject.id}:{c.field}", c, {"kind": c.subject.kind})
                for c in load_conflicts(session)
            ],
        )
        render_sources(session, rendered)
        rendered.add_document(DocumentKind.meta, "", present_meta(session))
    rendered.documents.append(
        {"resource": DocumentKind.export.value, "key": "", "body": export_tables(connection)}
    )
    return rendered


def numbered_rounds(session: Session) -> Sequence[Meeting]:
    return session.exec(
        select(Meeting).where(col(Meeting.number).is_not(None)).order_by(col(Meeting.number))
    ).all()


def render_rounds(session: Session, rendered: Rendered) -> None:
    rounds = numbered_rounds(session)
    presented = present_rounds(session, rounds)
    rendered.add_list(
        Listing.rounds,
        "",
        [
            Item(meeting.id, public, {"number": meeting.number, "start_date": meeting.start_date})
            for meeting, public in zip(rounds, presented, strict=True)
        ],
    )
    standings = {}
    for meeting, public in zip(rounds, presented, strict=True):
        number = str(meeting.number)
        rendered.add_document(DocumentKind.round, number, public)
        issues = round_issues(session, meeting)
        rendered.add_list(Listing.round_issues, number, issues)
        rendered.add_list(Listing.round_participants, number, round_participants(session, meeting))
        standings[meeting.number] = {item.item_id: item.model for item in issues}
    # A round compared with itself has nothing to say: the API answers that pair with a 422.
    for before, after in permutations(rounds, 2):
        rendered.add_document(
            DocumentKind.comparison,
            f"{before.number}/{after.number}",
            compare(before, after, standings[before.number], standings[after.number]),
        )


def round_issues(session: Session, meeting: Meeting) -> list[Item]:
    rows = session.exec(
        select(MeetingIssue, Issue)
        .join(Issue, col(Issue.id) == col(MeetingIssue.issue_id))
        .where(MeetingIssue.meeting_id == meeting.id)
        .order_by(col(MeetingIssue.on_agenda).desc(), col(Issue.id))
    ).all()
    raisers = load_raisers(session, meeting_id=meeting.id)
    evidence = load_evidence(session, [link.fact_id for link, _ in rows])
    return [
        Item(
            issue.id,
            RoundIssuePublic(
                **fields(issue),
                raised_by=raisers[link.meeting_id, link.issue_id],
                on_agenda=link.on_agenda,
                outcome=link.outcome,
                outcome_note=link.outcome_note,
                **evidence[link.fact_id],
            ),
        )
        for link, issue in rows
    ]


def round_participants(session: Session, meeting: Meeting) -> list[Item]:
    rows = session.exec(
        select(MeetingParticipant, Participant)
        .join(Participant, col(Participant.id) == col(MeetingParticipant.participant_id))
        .where(MeetingParticipant.meeting_id == meeting.id)
        .order_by(ROLE_ORDER, col(Participant.side), col(Participant.id))
    ).all()
    titles = load_titles(session, [participant.id for _, participant in rows])
    evidence = load_evidence(session, [link.fact_id for link, _ in rows])
    return [
        Item(
            participant.id,
            RoundParticipantPublic(
                **summary_fields(participant, titles[participant.id]),
                role=link.role,
                role_note=link.role_note,
                **evidence[link.fact_id],
            ),
        )
        for link, participant in rows
    ]


def compare(
    meeting: Meeting,
    other: Meeting,
    before: dict[str, BaseModel],
    after: dict[str, BaseModel],
) -> RoundComparison:
    """Issue by issue, what changed from one round to another: new, carried over or dropped."""

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
        before=meeting_ref(meeting), after=meeting_ref(other), issues=comparisons
    )


def render_participants(session: Session, rendered: Rendered) -> None:
    participants = session.exec(select(Participant).order_by(col(Participant.id))).all()
    presented = present_participants(session, participants)
    rendered.add_list(
        Listing.participants,
        "",
        [
            Item(
                participant.id,
                public,
                {
                    "side": participant.side,
                    "kind": participant.kind,
                    "name_en": participant.name_en,
                    "name_ar": participant.name_ar,
                },
            )
            for participant, public in zip(participants, presented, strict=True)
        ],
    )
    for participant, public in zip(participants, presented, strict=True):
        said = session.exec(
            select(Statement)
            .where(Statement.speaker_id == participant.id)
            .order_by(
                col(Statement.statement_date).is_(None),
                col(Statement.statement_date),
                col(Statement.id),
            )
        ).all()
        rendered.add_document(
            DocumentKind.participant,
            participant.id,
            ParticipantDetail(**public.model_dump(), statements=present_statements(session, said)),
        )
        rows = session.exec(
            select(MeetingParticipant, Meeting)
            .join(Meeting, col(Meeting.id) == col(MeetingParticipant.meeting_id))
            .where(MeetingParticipant.participant_id == participant.id)
            .order_by(col(Meeting.start_date).is_(None), col(Meeting.start_date), col(Meeting.id))
        ).all()
        evidence = load_evidence(session, [link.fact_id for link, _ in rows])
        rendered.add_list(
            Listing.participant_rounds,
            participant.id,
            [
                Item(
                    meeting.id,
                    ParticipantRoundPublic(
                        round=meeting_ref(meeting),
                        role=link.role,
                        role_note=link.role_note,
                        **evidence[link.fact_id],
                    ),
                )
                for link, meeting in rows
            ],
        )


def render_issues(session: Session, rendered: Rendered) -> None:
    issues = session.exec(select(Issue).order_by(col(Issue.id))).all()
    presented = present_issues(session, issues)
    rendered.add_list(
        Listing.issues,
        "",
        [
            Item(issue.id, public, {"name_en": issue.name_en, "name_ar": issue.name_ar})
            for issue, public in zip(issues, presented, strict=True)
        ],
    )
    for issue, public in zip(issues, presented, strict=True):
        rows = session.exec(
            select(MeetingIssue, Meeting)
            .join(Meeting, col(Meeting.id) == col(MeetingIssue.meeting_id))
            .where(MeetingIssue.issue_id == issue.id)
            .order_by(col(Meeting.start_date).is_(None), col(Meeting.start_date), col(Meeting.id))
        ).all()
        raisers = load_raisers(session, issue_id=issue.id)
        evidence = load_evidence(session, [link.fact_id for link, _ in rows])
        path = [
            IssueRoundPublic(
                round=meeting_ref(meeting),
                raised_by=raisers[link.meeting_id, link.issue_id],
                on_agenda=link.on_agenda,
                outcome=link.outcome,
                outcome_note=link.outcome_note,
                **evidence[link.fact_id],
            )
            for link, meeting in rows
        ]
        # dict() keeps the nested response models as they are; a model_dump would rebuild them.
        rendered.add_document(DocumentKind.issue, issue.id, IssueDetail(**dict(public), path=path))
        rendered.add_list(
            Listing.issue_rounds,
            issue.id,
            [Item(link.meeting_id, item) for (link, _), item in zip(rows, path, strict=True)],
        )


def render_statements(session: Session, rendered: Rendered) -> None:
    statements = session.exec(
        select(Statement).order_by(
            col(Statement.statement_date).is_(None),
            col(Statement.statement_date),
            col(Statement.id),
        )
    ).all()
    numbers = {meeting.id: meeting.number for meeting in session.exec(select(Meeting))}
    rendered.add_list(
        Listing.statements,
        "",
        [
            Item(
                statement.id,
                public,
                {
                    "speaker_id": statement.speaker_id,
                    "round_number": numbers.get(statement.meeting_id or ""),
                    "statement_date": statement.statement_date,
                },
            )
            for statement, public in zip(
                statements, present_statements(session, statements), strict=True
            )
        ],
    )


def render_events(session: Session, rendered: Rendered) -> None:
    events = session.exec(
        # A window open at its start ("on or before" a day) may be the earliest of all: SQLite
        # sorts NULL first, as the `sort=date` of the route does.
        select(Event).order_by(col(Event.earliest_date), KIND_ORDER, col(Event.id))
    ).all()
    rendered.add_list(
        Listing.events,
        "",
        [
            Item(
                event.id,
                public,
                {
                    "kind": event.kind,
                    "kind_rank": EVENT_KIND_RANK[event.kind],
                    "earliest_date": event.earliest_date,
                    "latest_date": event.latest_date,
                },
            )
            for event, public in zip(events, present_events(session, events), strict=True)
        ],
    )


def render_sources(session: Session, rendered: Rendered) -> None:
    sources = session.exec(select(Source).order_by(col(Source.document))).all()
    rendered.add_list(
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
    for source in sources:
        uncited = session.exec(
            select(SourceUncited)
            .where(SourceUncited.source_id == source.id)
            .order_by(col(SourceUncited.start))
        )
        rendered.add_document(
            DocumentKind.source,
            source.id,
            SourceDetail(
                **fields(source),
                uncited=[UncitedSpan.model_validate(span) for span in uncited],
            ),
        )
        rows = session.exec(
            select(Citation, Fact)
            .join(Fact, col(Fact.id) == col(Citation.fact_id))
            .where(Citation.source_id == source.id)
            .order_by(col(Citation.start), col(Citation.id))
        ).all()
        rendered.add_list(
            Listing.source_citations,
            source.id,
            [
                Item(
                    str(citation.id),
                    SourceCitationPublic(
                        **cite(citation).model_dump(), fact=CitedFact.model_validate(fact)
                    ),
                    {"support": fact.support},
                )
                for citation, fact in rows
            ],
        )


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


def present_meta(session: Session) -> MetaPublic:
    meta = session.exec(select(DatasetMeta)).one()
    rows = session.exec(
        select(SourceCoverage, Source.document)
        .join(Source, col(Source.id) == col(SourceCoverage.source_id))
        .order_by(col(Source.document))
    ).all()
    measured = {
        coverage.source_id: (
            document,
            MeasuredCoverage(
                sentences=Tally(coverage.cited, coverage.marked, coverage.uncovered),
                characters=Tally(
                    coverage.cited_characters,
                    coverage.marked_characters,
                    coverage.uncovered_characters,
                ),
            ),
        )
        for coverage, document in rows
    }
    documents = [
        DocumentCoverage(source_id=source_id, document=document, **coverage_figures(coverage))
        for source_id, (document, coverage) in measured.items()
    ]
    total = CoverageFigures(
        **coverage_figures(total_coverage(coverage for _, coverage in measured.values()))
    )
    return MetaPublic(
        data_version=meta.data_version,
        built_at=BUILT_AT_PLACEHOLDER,
        counts={
            name: session.exec(select(func.count()).select_from(table)).one()
            for name, table in COUNTED.items()
        },
        coverage=CoveragePublic(documents=documents, total=total),
    )


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
            yield (b"," if number else b"") + json_bytes(dict(row))
        yield b"]"
    yield b"}}"
