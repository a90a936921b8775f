from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlmodel import col, select

from app.api.deps import SessionDep
from app.api.pagination import MAX_OFFSET, PaginationDep
from app.api.sorting import sorting
from app.api.support import SupportFilter, with_support
from app.models import Round, Statement, StatementIssue
from app.presenters import fetch_page, present_statements
from app.schemas import Page, StatementPublic

router = APIRouter(prefix="/statements", tags=["statements"])


@router.get("")
def read_statements(
    session: SessionDep,
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
    order: Annotated[
        list[Any],
        sorting(
            date=col(Statement.statement_date),
            speaker=col(Statement.speaker_id),
            id=col(Statement.id),
        ),
    ] = [],  # noqa: B006  (FastAPI builds a new list per request)
) -> Page[StatementPublic]:
    """Who said what, in date order: the gist in both languages, the Arabic words cited."""
    statement = select(Statement).order_by(
        *order,
        col(Statement.statement_date).is_(None),
        col(Statement.statement_date),
        col(Statement.id),
    )
    if participant is not None:
        statement = statement.where(Statement.speaker_id == participant)
    if round is not None:
        statement = statement.where(
            col(Statement.round_id).in_(select(Round.id).where(Round.number == round))
        )
    if issue is not None:
        statement = statement.where(
            col(Statement.id).in_(
                select(StatementIssue.statement_id).where(StatementIssue.issue_id == issue)
            )
        )
    statement = with_support(statement, Statement.fact_id, support)
    statements, total = fetch_page(session, statement, pagination)
    return pagination.page(present_statements(session, statements), total)
