from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from app.api.deps import database_of
from app.api.filters import ClaimFilter, SupportFilter
from app.api.listing import ListQuery, page_of, serve_page
from app.api.pagination import MAX_OFFSET, PaginationDep
from app.api.routing import ResourceRouter
from app.api.sorting import sorting
from app.rendered import Listing

router = ResourceRouter(prefix="/statements", tags=["statements"])

ABOUT_ISSUE = "item_id IN (SELECT statement_id FROM statement_issue WHERE issue_id = ?)"


@router.get("", response_model=page_of(Listing.statements))
async def read_statements(
    request: Request,
    pagination: PaginationDep,
    participant: Annotated[
        str | None, Query(max_length=200, description="Only statements by this participant id.")
    ] = None,
    round: Annotated[
        int | None, Query(ge=1, le=MAX_OFFSET, description="Only statements about this round.")
    ] = None,
    issue: Annotated[
        str | None, Query(max_length=200, description="Only statements about this issue id.")
    ] = None,
    support: SupportFilter = None,
    claim: ClaimFilter = None,
    order: Annotated[
        list[str], sorting(date="statement_date", speaker="speaker_id", id="item_id")
    ] = [],  # noqa: B006  (FastAPI builds a new list per request)
) -> Response:
    """Who said what, in date order: the gist in both languages, the Arabic words cited."""
    query = ListQuery(Listing.statements, support=support, claim=claim, order=order)
    if participant is not None:
        query.where("speaker_id = ?", participant)
    if round is not None:
        query.where("round_number = ?", round)
    if issue is not None:
        query.where(ABOUT_ISSUE, issue)
    return serve_page(database_of(request), query, pagination)
