from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request
from sqlmodel import Session, select

from app.api.pagination import MAX_OFFSET
from app.models import Issue, Participant, Round, Source


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


RoundNumber = Annotated[int, Path(ge=1, le=MAX_OFFSET, description="The round's number.")]
RecordId = Annotated[str, Path(max_length=200, description="The record's slug.")]


def get_round(session: SessionDep, number: RoundNumber) -> Round:
    found = session.exec(select(Round).where(Round.number == number)).first()
    if found is None:
        raise HTTPException(status_code=404, detail=f"No round numbered {number}.")
    return found


def get_participant(session: SessionDep, participant_id: RecordId) -> Participant:
    found = session.get(Participant, participant_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"No participant with id '{participant_id}'.")
    return found


def get_issue(session: SessionDep, issue_id: RecordId) -> Issue:
    found = session.get(Issue, issue_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"No issue with id '{issue_id}'.")
    return found


def get_source(session: SessionDep, source_id: RecordId) -> Source:
    found = session.get(Source, source_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"No source with id '{source_id}'.")
    return found


def get_other_round(session: SessionDep, other: RoundNumber) -> Round:
    return get_round(session, other)


RoundDep = Annotated[Round, Depends(get_round)]
OtherRoundDep = Annotated[Round, Depends(get_other_round)]
ParticipantDep = Annotated[Participant, Depends(get_participant)]
IssueDep = Annotated[Issue, Depends(get_issue)]
SourceDep = Annotated[Source, Depends(get_source)]
