from typing import Annotated

from fastapi import APIRouter
from fastapi.responses import Response

from app.api.deps import DatabaseDep, OtherRoundKey, RoundKey, RoundNumber
from app.api.documents import serve_document
from app.api.filters import SupportFilter
from app.api.listing import ListQuery, serve_page
from app.api.pagination import PaginationDep
from app.api.representation import LanguageDep
from app.api.sorting import sorting
from app.rendered import DocumentKind, Listing
from app.schemas import (
    Page,
    RoundComparison,
    RoundIssuePublic,
    RoundParticipantPublic,
    RoundPublic,
)

router = APIRouter(prefix="/rounds", tags=["rounds"])


@router.get("", response_model=Page[RoundPublic])
async def read_rounds(
    database: DatabaseDep,
    pagination: PaginationDep,
    support: SupportFilter = None,
    order: Annotated[list[str], sorting(number="number", start_date="start_date")] = [],  # noqa: B006
) -> Response:
    """The numbered rounds of the talks, in order."""
    return serve_page(database, ListQuery(Listing.rounds, support=support, order=order), pagination)


@router.get("/{number}", response_model=RoundPublic)
async def read_round(database: DatabaseDep, number: RoundNumber, language: LanguageDep) -> Response:
    """One round: date, venues as each source gives them, summary, citations."""
    return serve_document(
        database, DocumentKind.round, str(number), language, f"No round numbered {number}."
    )


@router.get("/{number}/issues", response_model=Page[RoundIssuePublic])
async def read_round_issues(
    database: DatabaseDep,
    meeting: RoundKey,
    pagination: PaginationDep,
    support: SupportFilter = None,
) -> Response:
    """The issues raised in a round: who raised them, whether on the agenda, the outcome."""
    query = ListQuery(Listing.round_issues, parent=meeting, support=support)
    return serve_page(database, query, pagination)


@router.get("/{number}/participants", response_model=Page[RoundParticipantPublic])
async def read_round_participants(
    database: DatabaseDep,
    meeting: RoundKey,
    pagination: PaginationDep,
    support: SupportFilter = None,
) -> Response:
    """Who took part in a round and in what role (delegation head, spokesperson...)."""
    query = ListQuery(Listing.round_participants, parent=meeting, support=support)
    return serve_page(database, query, pagination)


@router.get("/{number}/compare/{other}", response_model=RoundComparison)
async def read_round_comparison(
    database: DatabaseDep, meeting: RoundKey, other_meeting: OtherRoundKey, language: LanguageDep
) -> Response:
    """Issue by issue, what changed from one round to another: new, carried over or dropped."""
    return serve_document(
        database,
        DocumentKind.comparison,
        f"{meeting}/{other_meeting}",
        language,
        f"No comparison of rounds {meeting} and {other_meeting}.",
    )
