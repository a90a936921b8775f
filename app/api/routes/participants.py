from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlmodel import col, select

from app.api.deps import ParticipantDep, SessionDep
from app.api.pagination import PaginationDep
from app.api.routes.search import SearchFilter, matching_ids
from app.api.sorting import sorting
from app.api.support import SupportFilter, with_support
from app.models import Participant, ParticipantKind, Round, RoundParticipant, Side, Statement
from app.presenters import (
    fetch_page,
    load_evidence,
    meeting_ref,
    present_participants,
    present_statements,
)
from app.schemas import (
    Page,
    ParticipantDetail,
    ParticipantPublic,
    ParticipantRoundPublic,
    SearchType,
)

router = APIRouter(prefix="/participants", tags=["participants"])


@router.get("")
def read_participants(
    session: SessionDep,
    pagination: PaginationDep,
    side: Annotated[Side | None, Query(description="Only this side's participants.")] = None,
    kind: Annotated[ParticipantKind | None, Query(description="Persons or organizations.")] = None,
    q: SearchFilter = None,
    support: SupportFilter = None,
    order: Annotated[
        list[Any],
        sorting(
            id=col(Participant.id),
            name_en=col(Participant.name_en),
            name_ar=col(Participant.name_ar),
            side=col(Participant.side),
            kind=col(Participant.kind),
        ),
    ] = [],  # noqa: B006  (FastAPI builds a new list per request)
) -> Page[ParticipantPublic]:
    """People and bodies named in the sources, with every title and spelling they are given."""
    statement = select(Participant).order_by(*order, col(Participant.id))
    if side is not None:
        statement = statement.where(Participant.side == side.value)
    if kind is not None:
        statement = statement.where(Participant.kind == kind.value)
    statement = with_support(statement, Participant.fact_id, support)
    matching = matching_ids(session, q, SearchType.participant)
    if matching is not None:
        statement = statement.where(col(Participant.id).in_(matching))
    participants, total = fetch_page(session, statement, pagination)
    return pagination.page(present_participants(session, participants), total)


@router.get("/{participant_id}")
def read_participant(session: SessionDep, participant: ParticipantDep) -> ParticipantDetail:
    """One participant: titles (each version cited), aliases, and what they said."""
    said = session.exec(
        select(Statement)
        .where(Statement.speaker_id == participant.id)
        .order_by(
            col(Statement.statement_date).is_(None),
            col(Statement.statement_date),
            col(Statement.id),
        )
    ).all()
    return ParticipantDetail(
        **present_participants(session, [participant])[0].model_dump(),
        statements=present_statements(session, said),
    )


@router.get("/{participant_id}/rounds")
def read_participant_rounds(
    session: SessionDep,
    participant: ParticipantDep,
    pagination: PaginationDep,
    support: SupportFilter = None,
) -> Page[ParticipantRoundPublic]:
    """The meetings a participant took part in, with the role; includes the Riyadh meeting."""
    statement = (
        select(RoundParticipant, Round)
        .join(Round, col(Round.id) == col(RoundParticipant.round_id))
        .where(RoundParticipant.participant_id == participant.id)
        .order_by(col(Round.start_date).is_(None), col(Round.start_date), col(Round.id))
    )
    statement = with_support(statement, RoundParticipant.fact_id, support)
    rows, total = fetch_page(session, statement, pagination)
    evidence = load_evidence(session, [link.fact_id for link, _ in rows])
    items = [
        ParticipantRoundPublic(
            round=meeting_ref(meeting),
            role=link.role,
            role_note=link.note,
            **evidence[link.fact_id],
        )
        for link, meeting in rows
    ]
    return pagination.page(items, total)
