import re
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BeforeValidator
from sqlalchemy import case
from sqlmodel import col, select

from app.api.deps import SessionDep
from app.api.pagination import PaginationDep
from app.api.sorting import sorting
from app.api.support import SupportFilter, with_support
from app.models import Event, EventKind, EventParticipant
from app.presenters import fetch_page, present_events
from app.schemas import EventPublic, Page

router = APIRouter(prefix="/events", tags=["events"])


def iso_date_only(value: object) -> object:
    # Lax parsing would read "0" or "1700000000" as a timestamp; the API promises YYYY-MM-DD.
    if not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(iso_date_only)]

# On one day, the meeting comes before what was said about it.
KIND_ORDER = case({kind.value: rank for rank, kind in enumerate(EventKind)}, value=col(Event.kind))


@router.get("")
def read_events(
    session: SessionDep,
    pagination: PaginationDep,
    from_: Annotated[
        IsoDate | None,
        Query(alias="from", description="Only events that may fall on or after it."),
    ] = None,
    to: Annotated[
        IsoDate | None, Query(description="Only events that may fall on or before it.")
    ] = None,
    participant: Annotated[
        str | None, Query(max_length=200, description="Only events involving this participant.")
    ] = None,
    kind: Annotated[EventKind | None, Query(description="Only events of this kind.")] = None,
    support: SupportFilter = None,
    order: Annotated[
        list[Any], sorting(date=col(Event.earliest_date), kind=KIND_ORDER, id=col(Event.id))
    ] = [],  # noqa: B006  (FastAPI builds a new list per request)
) -> Page[EventPublic]:
    """The timeline in date order: meetings, the appointment, the announcement, statements."""
    # A `from` after `to` is an empty range: it matches nothing, like any filter.
    statement = select(Event).order_by(
        *order,
        col(Event.earliest_date).is_(None),
        col(Event.earliest_date),
        KIND_ORDER,
        col(Event.id),
    )
    # An event dated only to a month matches any range that overlaps that month.
    if from_ is not None:
        statement = statement.where(col(Event.latest_date) >= from_.isoformat())
    if to is not None:
        statement = statement.where(col(Event.earliest_date) <= to.isoformat())
    if participant is not None:
        statement = statement.where(
            col(Event.id).in_(
                select(EventParticipant.event_id).where(
                    EventParticipant.participant_id == participant
                )
            )
        )
    if kind is not None:
        statement = statement.where(Event.kind == kind.value)
    statement = with_support(statement, Event.fact_id, support)
    events, total = fetch_page(session, statement, pagination)
    return pagination.page(present_events(session, events), total)
