"""Loading related rows in batches and shaping table rows into response models (at build time).

Every loader takes the rows of one page and issues one query for all of them, so a page costs
a fixed number of queries however long it is.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, TypedDict, TypeVar

from sqlmodel import Session, col, select

from app.models import (
    Citation,
    Event,
    EventParticipant,
    Fact,
    FactVersion,
    Issue,
    IssueItem,
    Meeting,
    MeetingIssueRaiser,
    MeetingVenue,
    Participant,
    ParticipantAlias,
    ParticipantTitle,
    Source,
    Statement,
    StatementAttribution,
    StatementIssue,
)
from app.schemas import (
    AliasPublic,
    AttributionPublic,
    CitationPublic,
    ConflictPublic,
    EventPublic,
    IssueItemPublic,
    IssuePublic,
    IssueRef,
    MeetingRef,
    ParticipantPublic,
    ParticipantRef,
    ParticipantSummary,
    RoundPublic,
    SourceRef,
    StatementPublic,
    SubjectRef,
    TitlePublic,
    VenuePublic,
    VersionPublic,
)
from app.vocabulary import Support
from seed.versions import disputed_groups, group_versions

Row = TypeVar("Row")
# The tables whose rows are looked up by slug.
Identified = TypeVar("Identified", Meeting, Participant, Issue, Source)


class Evidence(TypedDict):
    """What every fact-bearing response object carries about its support."""

    support: Support
    source_count: int
    citations: list[CitationPublic]


def load_evidence(session: Session, fact_ids: Iterable[int]) -> dict[int, Evidence]:
    ids = sorted(set(fact_ids))
    if not ids:
        return {}
    evidence: dict[int, Evidence] = {
        fact.id: Evidence(
            support=Support(fact.support), source_count=fact.source_count, citations=[]
        )
        for fact in session.exec(select(Fact).where(col(Fact.id).in_(ids)))
    }
    # Curated order: curators list the most direct quote first.
    statement = select(Citation).where(col(Citation.fact_id).in_(ids)).order_by(col(Citation.id))
    for citation in session.exec(statement):
        evidence[citation.fact_id]["citations"].append(cite(citation))
    return evidence


def cite(citation: Citation) -> CitationPublic:
    # The table's columns are named as the public schema names them.
    return CitationPublic.model_validate(citation)


def load_raisers(
    session: Session, meeting_id: str | None = None, issue_id: str | None = None
) -> dict[tuple[str, str], list[str]]:
    statement = select(MeetingIssueRaiser).order_by(col(MeetingIssueRaiser.side))
    if meeting_id is not None:
        statement = statement.where(MeetingIssueRaiser.meeting_id == meeting_id)
    if issue_id is not None:
        statement = statement.where(MeetingIssueRaiser.issue_id == issue_id)
    raisers: dict[tuple[str, str], list[str]] = defaultdict(list)
    for raiser in session.exec(statement):
        raisers[raiser.meeting_id, raiser.issue_id].append(raiser.side)
    return raisers


def present_rounds(session: Session, rounds: Sequence[Meeting]) -> list[RoundPublic]:
    venues_by_round: dict[str, list[MeetingVenue]] = defaultdict(list)
    statement = (
        select(MeetingVenue)
        .where(col(MeetingVenue.meeting_id).in_([r.id for r in rounds]))
        .order_by(col(MeetingVenue.preferred).desc(), col(MeetingVenue.id))
    )
    for venue in session.exec(statement):
        venues_by_round[venue.meeting_id].append(venue)
    evidence = load_evidence(
        session,
        [r.fact_id for r in rounds] + [v.fact_id for vs in venues_by_round.values() for v in vs],
    )
    disputed = load_disputed_fields(session, "round", [r.id for r in rounds])
    return [
        RoundPublic(
            **fields(meeting),
            venues=[
                VenuePublic(**fields(venue), **evidence[venue.fact_id])
                for venue in venues_by_round[meeting.id]
            ],
            disputed_fields=disputed.get(meeting.id, []),
            **evidence[meeting.fact_id],
        )
        for meeting in rounds
    ]


def meeting_ref(meeting: Meeting) -> MeetingRef:
    return MeetingRef.model_validate(meeting)


def load_titles(
    session: Session, participant_ids: Iterable[str]
) -> dict[str, list[ParticipantTitle]]:
    titles: dict[str, list[ParticipantTitle]] = defaultdict(list)
    statement = (
        select(ParticipantTitle)
        .where(col(ParticipantTitle.participant_id).in_(sorted(set(participant_ids))))
        .order_by(col(ParticipantTitle.preferred).desc(), col(ParticipantTitle.id))
    )
    for title in session.exec(statement):
        titles[title.participant_id].append(title)
    return titles


def summary_fields(participant: Participant, titles: list[ParticipantTitle]) -> dict[str, Any]:
    preferred = next((t for t in titles if t.preferred), None)
    return ParticipantSummary.model_validate(
        {
            **fields(participant),
            "title_en": preferred.title_en if preferred else None,
            "title_ar": preferred.title_ar if preferred else None,
        }
    ).model_dump()


def present_participants(
    session: Session, participants: Sequence[Participant]
) -> list[ParticipantPublic]:
    ids = [p.id for p in participants]
    titles = load_titles(session, ids)
    aliases: dict[str, list[ParticipantAlias]] = defaultdict(list)
    statement = (
        select(ParticipantAlias)
        .where(col(ParticipantAlias.participant_id).in_(ids))
        .order_by(col(ParticipantAlias.id))
    )
    for alias in session.exec(statement):
        aliases[alias.participant_id].append(alias)
    evidence = load_evidence(
        session,
        [p.fact_id for p in participants]
        + [t.fact_id for ts in titles.values() for t in ts]
        + [a.fact_id for als in aliases.values() for a in als],
    )
    disputed = load_disputed_fields(session, "participant", ids)
    return [
        ParticipantPublic(
            **summary_fields(participant, titles[participant.id]),
            description_en=participant.description_en,
            description_ar=participant.description_ar,
            note=participant.note,
            titles=[
                TitlePublic(**fields(title), **evidence[title.fact_id])
                for title in titles[participant.id]
            ],
            aliases=[
                AliasPublic(alias=alias.alias, language=alias.language, **evidence[alias.fact_id])
                for alias in aliases[participant.id]
            ],
            disputed_fields=disputed.get(participant.id, []),
            **evidence[participant.fact_id],
        )
        for participant in participants
    ]


def fields(row: Any) -> dict[str, Any]:
    """A table row's columns as a dict, for building a response model from it."""
    return {column: getattr(row, column) for column in type(row).model_fields}


def load_disputed_fields(session: Session, kind: str, ids: Sequence[str]) -> dict[str, list[str]]:
    """For each subject, the fields on which the sources disagree."""
    venues = (
        session.exec(select(MeetingVenue).where(col(MeetingVenue.meeting_id).in_(ids))).all()
        if kind == "round"
        else []
    )
    titles = (
        session.exec(
            select(ParticipantTitle).where(col(ParticipantTitle.participant_id).in_(ids))
        ).all()
        if kind == "participant"
        else []
    )
    versions = session.exec(
        select(FactVersion).where(
            FactVersion.subject_kind == kind, col(FactVersion.subject_id).in_(ids)
        )
    ).all()
    fields_by_id: dict[str, list[str]] = defaultdict(list)
    for _, subject_id, field_name in sorted(
        disputed_groups(group_versions(venues, titles, versions))
    ):
        fields_by_id[subject_id].append(field_name)
    return fields_by_id


def participant_ref(participant: Participant) -> ParticipantRef:
    return ParticipantRef.model_validate(participant)


def load_by_id(
    session: Session, table: type[Identified], ids: Iterable[str]
) -> dict[str, Identified]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.exec(select(table).where(col(table.id).in_(wanted)))
    return {row.id: row for row in rows}


def load_items(session: Session, issue_ids: Sequence[str]) -> dict[str, list[IssueItemPublic]]:
    items = session.exec(
        select(IssueItem).where(col(IssueItem.issue_id).in_(issue_ids)).order_by(col(IssueItem.id))
    ).all()
    evidence = load_evidence(session, [item.fact_id for item in items])
    by_issue: dict[str, list[IssueItemPublic]] = defaultdict(list)
    for item in items:
        by_issue[item.issue_id].append(IssueItemPublic(**fields(item), **evidence[item.fact_id]))
    return by_issue


def present_issues(session: Session, issues: Sequence[Issue]) -> list[IssuePublic]:
    items = load_items(session, [issue.id for issue in issues])
    evidence = load_evidence(session, [issue.fact_id for issue in issues])
    return [
        IssuePublic(**fields(issue), items=items[issue.id], **evidence[issue.fact_id])
        for issue in issues
    ]


def present_statements(session: Session, statements: Sequence[Statement]) -> list[StatementPublic]:
    statement_ids = [s.id for s in statements]
    issues: dict[str, list[IssueRef]] = defaultdict(list)
    about = (
        select(StatementIssue.statement_id, Issue)
        .join(Issue, col(Issue.id) == col(StatementIssue.issue_id))
        .where(col(StatementIssue.statement_id).in_(statement_ids))
        .order_by(col(Issue.id))
    )
    for statement_id, issue in session.exec(about):
        issues[statement_id].append(IssueRef.model_validate(issue))
    attributions = {
        attribution.statement_id: attribution
        for attribution in session.exec(
            select(StatementAttribution).where(
                col(StatementAttribution.statement_id).in_(statement_ids)
            )
        )
    }
    evidence = load_evidence(
        session,
        [s.fact_id for s in statements] + [a.fact_id for a in attributions.values()],
    )
    speakers = load_by_id(
        session,
        Participant,
        [s.speaker_id for s in statements] + [a.via_id for a in attributions.values() if a.via_id],
    )
    rounds = load_by_id(session, Meeting, [s.meeting_id for s in statements if s.meeting_id])
    reporting = {
        statement.id: sorted({c.source_id for c in evidence[statement.fact_id]["citations"]})
        for statement in statements
    }
    sources = load_by_id(session, Source, [i for ids in reporting.values() for i in ids])

    def attribution_of(statement: Statement) -> AttributionPublic | None:
        attribution = attributions.get(statement.id)
        if attribution is None:
            return None
        return AttributionPublic(
            via=participant_ref(speakers[attribution.via_id]) if attribution.via_id else None,
            text_en=attribution.text_en,
            text_ar=attribution.text_ar,
            note=attribution.note,
            **evidence[attribution.fact_id],
        )

    return [
        StatementPublic(
            **fields(statement),
            speaker=participant_ref(speakers[statement.speaker_id]),
            reported_in=[
                SourceRef.model_validate(sources[source_id])
                for source_id in reporting[statement.id]
            ],
            attribution=attribution_of(statement),
            round=meeting_ref(rounds[statement.meeting_id]) if statement.meeting_id else None,
            issues=issues[statement.id],
            **evidence[statement.fact_id],
        )
        for statement in statements
    ]


def present_events(session: Session, events: Sequence[Event]) -> list[EventPublic]:
    rounds = load_by_id(session, Meeting, [e.meeting_id for e in events if e.meeting_id])
    participants: dict[str, list[ParticipantRef]] = defaultdict(list)
    involved = (
        select(EventParticipant.event_id, Participant)
        .join(Participant, col(Participant.id) == col(EventParticipant.participant_id))
        .where(col(EventParticipant.event_id).in_([e.id for e in events]))
        .order_by(col(Participant.id))
    )
    for event_id, participant in session.exec(involved):
        participants[event_id].append(participant_ref(participant))
    evidence = load_evidence(session, [e.fact_id for e in events])
    return [
        EventPublic(
            **fields(event),
            round=meeting_ref(rounds[event.meeting_id]) if event.meeting_id else None,
            participants=participants[event.id],
            **evidence[event.fact_id],
        )
        for event in events
    ]


SUBJECT_TABLES: dict[str, Any] = {"round": Meeting, "participant": Participant, "issue": Issue}


def load_conflicts(session: Session) -> list[ConflictPublic]:
    disputed = disputed_groups(
        group_versions(
            session.exec(select(MeetingVenue).order_by(col(MeetingVenue.id))).all(),
            session.exec(select(ParticipantTitle).order_by(col(ParticipantTitle.id))).all(),
            session.exec(select(FactVersion).order_by(col(FactVersion.id))).all(),
        )
    )
    evidence = load_evidence(session, [v.fact_id for vs in disputed.values() for v in vs])
    subjects = {
        kind: load_by_id(session, table, [key[1] for key in disputed if key[0] == kind])
        for kind, table in SUBJECT_TABLES.items()
    }
    conflicts = []
    for (kind, subject_id, field_name), versions in sorted(disputed.items()):
        subject = subjects[kind][subject_id]
        conflicts.append(
            ConflictPublic(
                subject=SubjectRef(
                    kind=kind, id=subject_id, name_en=subject.name_en, name_ar=subject.name_ar
                ),
                field=field_name,
                versions=[
                    VersionPublic(
                        value_en=version.value_en,
                        value_ar=version.value_ar,
                        preferred=version.preferred,
                        note=version.note,
                        **evidence[version.fact_id],
                    )
                    # The preferred version first, the others in curated order.
                    for version in sorted(versions, key=lambda version: not version.preferred)
                ],
            )
        )
    return conflicts
