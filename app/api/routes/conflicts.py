from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from app.api.deps import database_of
from app.api.listing import ListQuery, page_of, serve_page
from app.api.pagination import PaginationDep
from app.api.routing import ResourceRouter
from app.rendered import Listing
from app.vocabulary import SubjectKind

router = ResourceRouter(prefix="/conflicts", tags=["conflicts"])


@router.get("", response_model=page_of(Listing.conflicts))
async def read_conflicts(
    request: Request,
    pagination: PaginationDep,
    subject_kind: Annotated[
        SubjectKind | None, Query(description="Only disputes about this kind of record.")
    ] = None,
) -> Response:
    """Every fact on which the sources disagree, each version with its own citations."""
    query = ListQuery(Listing.conflicts)
    if subject_kind is not None:
        query.where("kind = ?", subject_kind.value)
    return serve_page(database_of(request), query, pagination)
