from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from app.api.deps import IssueDep, SessionDep
from app.api.pagination import MAX_OFFSET, PaginationDep
from app.api.routes.search import SearchFilter, matching_ids
from app.api.sorting import sorting
from app.api.support import SupportFilter, with_support
from app.models import Issue, Round, RoundIssue, RoundIssueRaiser, Side
from app.presenters import (
    fetch_page,
    load_evidence,
    load_raisers,
    meeting_ref,
    present_issues,
)
from app.schemas import IssueDetail, IssuePublic, IssueRoundPublic, Page, SearchType

router = APIRouter(prefix="/issues", tags=["issues"])


@router.get("")
def read_issues(
    session: SessionDep,
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
    order: Annotated[
        list[Any],
        sorting(id=col(Issue.id), name_en=col(Issue.name_en), name_ar=col(Issue.name_ar)),
    ] = [],  # noqa: B006  (FastAPI builds a new list per request)
) -> Page[IssuePublic]:
    """The topics raised in the talks."""
    statement = select(Issue).order_by(*order, col(Issue.id))
    if round is not None:
        in_round = (
            select(RoundIssue.issue_id)
            .join(Round, col(Round.id) == col(RoundIssue.round_id))
            .where(Round.number == round)
        )
        statement = statement.where(col(Issue.id).in_(in_round))
    if raised_by is not None:
        by_side = select(RoundIssueRaiser.issue_id).where(RoundIssueRaiser.side == raised_by.value)
        if round is not None:
            by_side = by_side.join(Round, col(Round.id) == col(RoundIssueRaiser.round_id)).where(
                Round.number == round
            )
        statement = statement.where(col(Issue.id).in_(by_side))
    statement = with_support(statement, Issue.fact_id, support)
    matching = matching_ids(session, q, SearchType.issue)
    if matching is not None:
        statement = statement.where(col(Issue.id).in_(matching))
    issues, total = fetch_page(session, statement, pagination)
    return pagination.page(present_issues(session, issues), total)


@router.get("/{issue_id}")
def read_issue(session: SessionDep, issue: IssueDep) -> IssueDetail:
    """One issue, the named things it is about, its path through the rounds, and its quotes."""
    path = present_issue_rounds(session, issue, session.exec(issue_rounds(issue)).all())
    # dict() keeps the nested response models as they are; a model_dump would rebuild them.
    return IssueDetail(**dict(present_issues(session, [issue])[0]), path=path)


def issue_rounds(issue: Issue) -> Select[RoundIssue, Round]:
    """The issue's meetings in date order, undated last."""
    return (
        select(RoundIssue, Round)
        .join(Round, col(Round.id) == col(RoundIssue.round_id))
        .where(RoundIssue.issue_id == issue.id)
        .order_by(col(Round.start_date).is_(None), col(Round.start_date), col(Round.id))
    )


def present_issue_rounds(
    session: Session, issue: Issue, rows: Sequence[tuple[RoundIssue, Round]]
) -> list[IssueRoundPublic]:
    raisers = load_raisers(session, issue_id=issue.id)
    evidence = load_evidence(session, [link.fact_id for link, _ in rows])
    return [
        IssueRoundPublic(
            round=meeting_ref(meeting),
            raised_by=raisers[link.round_id, link.issue_id],
            on_agenda=link.on_agenda,
            outcome=link.outcome,
            outcome_note=link.note,
            **evidence[link.fact_id],
        )
        for link, meeting in rows
    ]


@router.get("/{issue_id}/rounds")
def read_issue_rounds(
    session: SessionDep, issue: IssueDep, pagination: PaginationDep, support: SupportFilter = None
) -> Page[IssueRoundPublic]:
    """The meetings in which an issue came up, in date order, with who raised it and the outcome."""
    statement = with_support(issue_rounds(issue), RoundIssue.fact_id, support)
    rows, total = fetch_page(session, statement, pagination)
    return pagination.page(present_issue_rounds(session, issue, rows), total)
