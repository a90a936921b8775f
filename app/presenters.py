"""Loading related rows in batches and shaping table rows into response models.

Every loader takes the rows of one page and issues one query for all of them, so a page costs
a fixed number of queries however long it is.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar, TypeVarTuple, overload

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from app.api.deps import Pagination
from app.models import (
    Citation,
    Participant,
    ParticipantAlias,
    ParticipantTitle,
    Round,
    RoundIssueRaiser,
    RoundVenue,
)
from app.schemas import (
    AliasPublic,
    CitationPublic,
    MeetingRef,
    ParticipantPublic,
    ParticipantSummary,
    RoundPublic,
    TitlePublic,
    VenuePublic,
)

Row = TypeVar("Row")
Columns = TypeVarTuple("Columns")


@overload
def fetch_page(
    session: Session, statement: SelectOfScalar[Row], pagination: Pagination
) -> tuple[Sequence[Row], int]: ...
@overload
def fetch_page(
    session: Session, statement: Select[*Columns], pagination: Pagination
) -> tuple[Sequence[tuple[*Columns]], int]: ...
def fetch_page(
    session: Session, statement: Any, pagination: Pagination
) -> tuple[Sequence[Any], int]:
    """One page of an explicitly ordered statement, and the total it pages through."""
    total = session.exec(
        select(func.count()).select_from(statement.order_by(None).subquery())
    ).one()
    rows = session.exec(statement.limit(pagination.limit).offset(pagination.offset)).all()
    return rows, total


def load_citations(session: Session, fact_ids: Iterable[int]) -> dict[int, list[CitationPublic]]:
    ids = sorted(set(fact_ids))
    by_fact: dict[int, list[CitationPublic]] = defaultdict(list)
    if not ids:
        return by_fact
    # Curated order: curators list the most direct quote first.
    statement = select(Citation).where(col(Citation.fact_id).in_(ids)).order_by(col(Citation.id))
    for citation in session.exec(statement):
        by_fact[citation.fact_id].append(cite(citation))
    return by_fact


def cite(citation: Citation) -> CitationPublic:
    return CitationPublic(
        source_id=citation.source_id,
        quote=citation.quote,
        start=citation.quote_start,
        end=citation.quote_end,
    )


def load_raisers(
    session: Session, round_id: str | None = None, issue_id: str | None = None
) -> dict[tuple[str, str], list[str]]:
    statement = select(RoundIssueRaiser).order_by(col(RoundIssueRaiser.side))
    if round_id is not None:
        statement = statement.where(RoundIssueRaiser.round_id == round_id)
    if issue_id is not None:
        statement = statement.where(RoundIssueRaiser.issue_id == issue_id)
    raisers: dict[tuple[str, str], list[str]] = defaultdict(list)
    for raiser in session.exec(statement):
        raisers[raiser.round_id, raiser.issue_id].append(raiser.side)
    return raisers


def present_rounds(session: Session, rounds: Sequence[Round]) -> list[RoundPublic]:
    venues_by_round: dict[str, list[RoundVenue]] = defaultdict(list)
    statement = (
        select(RoundVenue)
        .where(col(RoundVenue.round_id).in_([r.id for r in rounds]))
        .order_by(col(RoundVenue.is_preferred).desc(), col(RoundVenue.id))
    )
    for venue in session.exec(statement):
        venues_by_round[venue.round_id].append(venue)
    citations = load_citations(
        session,
        [r.fact_id for r in rounds] + [v.fact_id for vs in venues_by_round.values() for v in vs],
    )
    return [
        RoundPublic(
            **fields(meeting),
            venues=[
                VenuePublic(
                    name_en=venue.name_en,
                    name_ar=venue.name_ar,
                    preferred=venue.is_preferred,
                    note=venue.note,
                    citations=citations[venue.fact_id],
                )
                for venue in venues_by_round[meeting.id]
            ],
            citations=citations[meeting.fact_id],
        )
        for meeting in rounds
    ]


def meeting_ref(meeting: Round) -> MeetingRef:
    return MeetingRef.model_validate(meeting)


def load_titles(
    session: Session, participant_ids: Iterable[str]
) -> dict[str, list[ParticipantTitle]]:
    titles: dict[str, list[ParticipantTitle]] = defaultdict(list)
    statement = (
        select(ParticipantTitle)
        .where(col(ParticipantTitle.participant_id).in_(sorted(set(participant_ids))))
        .order_by(col(ParticipantTitle.is_preferred).desc(), col(ParticipantTitle.id))
    )
    for title in session.exec(statement):
        titles[title.participant_id].append(title)
    return titles


def summary_fields(participant: Participant, titles: list[ParticipantTitle]) -> dict[str, Any]:
    preferred = next((t for t in titles if t.is_preferred), None)
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
    citations = load_citations(
        session,
        [p.fact_id for p in participants]
        + [t.fact_id for ts in titles.values() for t in ts]
        + [a.fact_id for als in aliases.values() for a in als],
    )
    return [
        ParticipantPublic(
            **summary_fields(participant, titles[participant.id]),
            description_en=participant.description_en,
            description_ar=participant.description_ar,
            note=participant.note,
            titles=[
                TitlePublic(
                    title_en=title.title_en,
                    title_ar=title.title_ar,
                    preferred=title.is_preferred,
                    note=title.note,
                    citations=citations[title.fact_id],
                )
                for title in titles[participant.id]
            ],
            aliases=[
                AliasPublic(
                    alias=alias.alias, language=alias.language, citations=citations[alias.fact_id]
                )
                for alias in aliases[participant.id]
            ],
            citations=citations[participant.fact_id],
        )
        for participant in participants
    ]


def fields(row: Any) -> dict[str, Any]:
    """A table row's columns as a dict, for building a response model from it."""
    return {column: getattr(row, column) for column in type(row).model_fields}
