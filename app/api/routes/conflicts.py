from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import SessionDep
from app.api.pagination import PaginationDep
from app.conflicts import load_conflicts
from app.schemas import ConflictPublic, Page

router = APIRouter(prefix="/conflicts", tags=["conflicts"])


@router.get("")
def read_conflicts(
    session: SessionDep,
    pagination: PaginationDep,
    subject_kind: Annotated[
        str | None,
        Query(pattern="^(round|participant|issue)$", description="round, participant or issue."),
    ] = None,
) -> Page[ConflictPublic]:
    """Every fact on which the sources disagree, each version with its own citations."""
    conflicts = [
        conflict
        for conflict in load_conflicts(session)
        if subject_kind is None or conflict.subject.kind == subject_kind
    ]
    page = conflicts[pagination.offset : pagination.offset + pagination.limit]
    return pagination.page(page, len(conflicts))
