from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from app.api.deps import IssueKey, RecordId, database_of
from app.api.documents import document_of, serve_document
from app.api.filters import ClaimFilter, SearchFilter, SupportFilter, keep_matching
from app.api.listing import ListQuery, page_of, serve_page
from app.api.pagination import MAX_OFFSET, PaginationDep
from app.api.representation import LanguageQuery
from app.api.routing import ResourceRouter
from app.api.sorting import sorting
from app.rendered import DocumentKind, Listing
from app.schemas import SearchType
from app.vocabulary import Side

router = ResourceRouter(prefix="/issues", tags=["issues"])

IN_ROUND = (
    "item_id IN (SELECT meeting_issue.issue_id FROM meeting_issue "
    "JOIN meeting ON meeting.id = meeting_issue.meeting_id WHERE meeting.number = ?)"
)
RAISED_BY = "item_id IN (SELECT issue_id FROM meeting_issue_raiser WHERE side = ?)"
RAISED_BY_IN_ROUND = (
    "item_id IN (SELECT meeting_issue_raiser.issue_id FROM meeting_issue_raiser "
    "JOIN meeting ON meeting.id = meeting_issue_raiser.meeting_id "
    "WHERE meeting_issue_raiser.side = ? AND meeting.number = ?)"
)


@router.get("", response_model=page_of(Listing.issues))
async def read_issues(
    request: Request,
    pagination: PaginationDep,
    round: Annotated[
        int | None, Query(ge=1, le=MAX_OFFSET, description="Only issues raised in this round.")
    ] = None,
    raised_by: Annotated[
        Side | None,
        Query(description="Only issues this side raised (in the given round, if one is given)."),
    ] = None,
    q: SearchFilter = None,
    support: SupportFilter = None,
    claim: ClaimFilter = None,
    order: Annotated[list[str], sorting(id="item_id", name_en="name_en", name_ar="name_ar")] = [],  # noqa: B006  (FastAPI builds a new list per request)
) -> Response:
    """The topics raised in the talks."""
    query = ListQuery(Listing.issues, support=support, claim=claim, order=order)
    if round is not None:
        query.where(IN_ROUND, round)
    if raised_by is not None:
        if round is None:
            query.where(RAISED_BY, raised_by.value)
        else:
            query.where(RAISED_BY_IN_ROUND, raised_by.value, round)
    query = keep_matching(database_of(request), query, q, SearchType.issue)
    return serve_page(database_of(request), query, pagination)


@router.get("/{issue_id}", response_model=document_of(DocumentKind.issue))
async def read_issue(request: Request, issue_id: RecordId, lang: LanguageQuery = None) -> Response:
    """One issue, the named things it is about, its path through the rounds, and its quotes."""
    return serve_document(
        database_of(request),
        DocumentKind.issue,
        issue_id,
        lang,
    )


@router.get("/{issue_id}/rounds", response_model=page_of(Listing.issue_rounds))
async def read_issue_rounds(
    request: Request,
    issue: IssueKey,
    pagination: PaginationDep,
    support: SupportFilter = None,
    claim: ClaimFilter = None,
) -> Response:
    """The meetings in which an issue came up, in date order, with who raised it and the outcome."""
    query = ListQuery(Listing.issue_rounds, parent=issue, support=support, claim=claim)
    return serve_page(database_of(request), query, pagination)
