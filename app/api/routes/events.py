import re
from datetime import date
from typing import Annotated, Literal

from fastapi import Query, Request
from fastapi.responses import Response
from pydantic import BeforeValidator

from app.api.deps import database_of
from app.api.errors import invalid_query
from app.api.filters import ClaimFilter, SupportFilter
from app.api.listing import ListQuery, page_of, serve_page
from app.api.pagination import PaginationDep
from app.api.routing import ResourceRouter
from app.api.sorting import sorting
from app.rendered import Listing
from app.vocabulary import EventKind

router = ResourceRouter(prefix="/events", tags=["events"])


def iso_date_only(value: object) -> object:
    # Lax parsing would read "0" or "1700000000" as a timestamp; the API promises YYYY-MM-DD.
    if not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(iso_date_only)]

# An event dated only to a month matches any range that overlaps that month. One with no
# bound on a side (a window "on or before" a day) matches by the day on its other side
# (bounded), or anywhere on its open side (overlap).
FROM = {
    "bounded": "(latest_date >= :day OR (latest_date IS NULL AND earliest_date >= :day))",
    "overlap": "(latest_date >= :day OR latest_date IS NULL)",
}
TO = {
    "bounded": "(earliest_date <= :day OR (earliest_date IS NULL AND latest_date <= :day))",
    "overlap": "(earliest_date <= :day OR earliest_date IS NULL)",
}
INVOLVING = "item_id IN (SELECT event_id FROM event_participant WHERE participant_id = ?)"


@router.get("", response_model=page_of(Listing.events))
async def read_events(
    request: Request,
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
    windows: Annotated[
        Literal["bounded", "overlap"],
        Query(
            description='How `from` and `to` treat a window open at one end (said "on or '
            'before" a day, with nothing bounding it from below). `bounded`: it matches when '
            "the day that bounds it is in the range, so a remark made on or before 10 April is "
            "not in March. `overlap`: it matches any range it may overlap, March included."
        ),
    ] = "bounded",
    support: SupportFilter = None,
    claim: ClaimFilter = None,
    order: Annotated[list[str], sorting(date="earliest_date", kind="kind_rank", id="item_id")] = [],  # noqa: B006  (FastAPI builds a new list per request)
) -> Response:
    """The timeline in date order: meetings, the appointment, the announcement, statements."""
    if from_ is not None and to is not None and from_ > to:
        raise invalid_query(
            "inverted_range", {"from": f"is after `to` ({to.isoformat()}): the range is empty"}
        )
    query = ListQuery(Listing.events, support=support, claim=claim, order=order)
    for day, rules in ((from_, FROM), (to, TO)):
        if day is not None:
            condition = rules[windows]
            query.where(
                condition.replace(":day", "?"), *[day.isoformat()] * condition.count(":day")
            )
    if participant is not None:
        query.where(INVOLVING, participant)
    if kind is not None:
        query.where("kind = ?", kind.value)
    return serve_page(database_of(request), query, pagination)
