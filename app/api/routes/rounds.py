from typing import Annotated

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response

from app.api.deps import OtherRoundKey, RoundKey, RoundNumber, database_of
from app.api.documents import document_of, serve_document
from app.api.filters import ClaimFilter, SupportFilter
from app.api.listing import ListQuery, page_of, serve_page
from app.api.pagination import PaginationDep
from app.api.representation import LanguageQuery
from app.api.routing import ResourceRouter
from app.api.sorting import sorting
from app.rendered import DocumentKind, Listing

router = ResourceRouter(prefix="/rounds", tags=["rounds"])


@router.get("", response_model=page_of(Listing.rounds))
async def read_rounds(
    request: Request,
    pagination: PaginationDep,
    support: SupportFilter = None,
    claim: ClaimFilter = None,
    order: Annotated[list[str], sorting(number="number", start_date="start_date")] = [],  # noqa: B006
) -> Response:
    """The numbered rounds of the talks, in order."""
    return serve_page(
        database_of(request),
        ListQuery(Listing.rounds, support=support, claim=claim, order=order),
        pagination,
    )


@router.get("/{number}", response_model=document_of(DocumentKind.round))
async def read_round(request: Request, number: RoundNumber, lang: LanguageQuery = None) -> Response:
    """One round: date, venues as each source gives them, summary, citations."""
    return serve_document(
        database_of(request),
        DocumentKind.round,
        str(number),
        lang,
    )


@router.get("/{number}/issues", response_model=page_of(Listing.round_issues))
async def read_round_issues(
    request: Request,
    meeting: RoundKey,
    pagination: PaginationDep,
    support: SupportFilter = None,
    claim: ClaimFilter = None,
) -> Response:
    """The issues raised in a round: who raised them, whether on the agenda, the outcome."""
    query = ListQuery(Listing.round_issues, parent=meeting, support=support, claim=claim)
    return serve_page(database_of(request), query, pagination)


@router.get("/{number}/participants", response_model=page_of(Listing.round_participants))
async def read_round_participants(
    request: Request,
    meeting: RoundKey,
    pagination: PaginationDep,
    support: SupportFilter = None,
    claim: ClaimFilter = None,
) -> Response:
    """Who took part in a round and in what role (delegation head, spokesperson...)."""
    query = ListQuery(Listing.round_participants, parent=meeting, support=support, claim=claim)
    return serve_page(database_of(request), query, pagination)


@router.get("/{number}/compare/{other}", response_model=document_of(DocumentKind.comparison))
async def read_round_comparison(
    request: Request, meeting: RoundKey, other_meeting: OtherRoundKey, lang: LanguageQuery = None
) -> Response:
    """Issue by issue, what changed from one round to another: new, carried over or dropped."""
    if other_meeting == meeting:
        raise RequestValidationError(
            [
                {
                    "type": "value_error",
                    "loc": ("path", "other"),
                    "msg": "must name a different round than number; a round compared with "
                    "itself has nothing to compare",
                    "input": None,
                }
            ]
        )
    return serve_document(
        database_of(request),
        DocumentKind.comparison,
        f"{meeting}/{other_meeting}",
        lang,
    )
