from typing import Annotated, Any

from fastapi import APIRouter
from sqlalchemy import case
from sqlmodel import col, select

from app.api.deps import OtherRoundDep, RoundDep, SessionDep
from app.api.pagination import PaginationDep
from app.api.sorting import sorting
from app.api.support import SupportFilter, with_support
from app.models import Issue, Participant, Role, Round, RoundIssue, RoundParticipant
from app.presenters import (
    fetch_page,
    fields,
    load_evidence,
    load_raisers,
    load_titles,
    meeting_ref,
    present_rounds,
    summary_fields,
)
from app.schemas import (
    IssueComparison,
    IssueInRound,
    IssueRef,
    OutcomeChange,
    Page,
    RoundComparison,
    RoundIssuePublic,
    RoundParticipantPublic,
    RoundPublic,
)

router = APIRouter(prefix="/rounds", tags=["rounds"])

# Delegation heads first, then the others in the order the Role vocabulary declares them.
ROLE_ORDER = case(
    {role.value: rank for rank, role in enumerate(Role)}, value=col(RoundParticipant.role)
)


@router.get("")
def read_rounds(
    session: SessionDep,
    pagination: PaginationDep,
    support: SupportFilter = None,
    order: Annotated[
        list[Any], sorting(number=col(Round.number), start_date=col(Round.start_date))
    ] = [],  # noqa: B006  (FastAPI builds a new list per request)
) -> Page[RoundPublic]:
    """The numbered rounds of the talks, in order."""
    statement = (
        select(Round).where(col(Round.number).is_not(None)).order_by(*order, col(Round.number))
    )
    statement = with_support(statement, Round.fact_id, support)
    rounds, total = fetch_page(session, statement, pagination)
    return pagination.page(present_rounds(session, rounds), total)


@router.get("/{number}")
def read_round(session: SessionDep, meeting: RoundDep) -> RoundPublic:
    """One round: date, venues as each source gives them, summary, citations."""
    return present_rounds(session, [meeting])[0]


@router.get("/{number}/issues")
def read_round_issues(
    session: SessionDep, meeting: RoundDep, pagination: PaginationDep, support: SupportFilter = None
) -> Page[RoundIssuePublic]:
    """The issues raised in a round: who raised them, whether on the agenda, the outcome."""
    statement = (
        select(RoundIssue, Issue)
        .join(Issue, col(Issue.id) == col(RoundIssue.issue_id))
        .where(RoundIssue.round_id == meeting.id)
        .order_by(col(RoundIssue.on_agenda).desc(), col(Issue.id))
    )
    statement = with_support(statement, RoundIssue.fact_id, support)
    rows, total = fetch_page(session, statement, pagination)
    raisers = load_raisers(session, round_id=meeting.id)
    evidence = load_evidence(session, [link.fact_id for link, _ in rows])
    items = [
        RoundIssuePublic(
            **fields(issue),
            raised_by=raisers[link.round_id, link.issue_id],
            on_agenda=link.on_agenda,
            outcome=link.outcome,
            outcome_note=link.note,
            **evidence[link.fact_id],
        )
        for link, issue in rows
    ]
    return pagination.page(items, total)


@router.get("/{number}/participants")
def read_round_participants(
    session: SessionDep, meeting: RoundDep, pagination: PaginationDep, support: SupportFilter = None
) -> Page[RoundParticipantPublic]:
    """Who took part in a round and in what role (delegation head, spokesperson...)."""
    statement = (
        select(RoundParticipant, Participant)
        .join(Participant, col(Participant.id) == col(RoundParticipant.participant_id))
        .where(RoundParticipant.round_id == meeting.id)
        .order_by(ROLE_ORDER, col(Participant.side), col(Participant.id))
    )
    statement = with_support(statement, RoundParticipant.fact_id, support)
    rows, total = fetch_page(session, statement, pagination)
    titles = load_titles(session, [participant.id for _, participant in rows])
    evidence = load_evidence(session, [link.fact_id for link, _ in rows])
    items = [
        RoundParticipantPublic(
            **summary_fields(participant, titles[participant.id]),
            role=link.role,
            role_note=link.note,
            **evidence[link.fact_id],
        )
        for link, participant in rows
    ]
    return pagination.page(items, total)


@router.get("/{number}/compare/{other}")
def read_round_comparison(
    session: SessionDep, meeting: RoundDep, other_meeting: OtherRoundDep
) -> RoundComparison:
    """Issue by issue, what changed from one round to another: new, carried over or dropped."""

    def standing(round_id: str) -> dict[str, tuple[Issue, IssueInRound]]:
        rows = session.exec(
            select(RoundIssue, Issue)
            .join(Issue, col(Issue.id) == col(RoundIssue.issue_id))
            .where(RoundIssue.round_id == round_id)
        ).all()
        raisers = load_raisers(session, round_id=round_id)
        evidence = load_evidence(session, [link.fact_id for link, _ in rows])
        return {
            issue.id: (
                issue,
                IssueInRound(
                    raised_by=raisers[link.round_id, link.issue_id],
                    on_agenda=link.on_agenda,
                    outcome=link.outcome,
                    outcome_note=link.note,
                    **evidence[link.fact_id],
                ),
            )
            for link, issue in rows
        }

    before, after = standing(meeting.id), standing(other_meeting.id)
    comparisons = []
    for issue_id in sorted(before.keys() | after.keys()):
        issue = (before.get(issue_id) or after[issue_id])[0]
        was = before[issue_id][1] if issue_id in before else None
        now = after[issue_id][1] if issue_id in after else None
        change = (
            "carried_over"
            if issue_id in before and issue_id in after
            else ("dropped" if issue_id in before else "new")
        )
        comparisons.append(
            IssueComparison(
                issue=IssueRef.model_validate(issue),
                change=change,
                outcome=outcome_change(was, now),
                before=was,
                after=now,
            )
        )
    return RoundComparison(
        before=meeting_ref(meeting), after=meeting_ref(other_meeting), issues=comparisons
    )


def outcome_change(before: IssueInRound | None, after: IssueInRound | None) -> OutcomeChange:
    was = before.outcome if before else None
    now = after.outcome if after else None
    return OutcomeChange(before=was, after=now, changed=was != now)
