from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import Response

from app.api.deps import database_of
from app.api.filters import SEARCH_TEXT
from app.api.pagination import PaginationDep
from app.api.routing import ResourceRouter
from app.schemas import SearchPage, SearchResult, SearchType
from app.search.query import Hit, Match, locate_matches, search
from app.search.suggest import suggestions

router = ResourceRouter(tags=["search"])

SearchText = Annotated[
    str,
    Query(
        **SEARCH_TEXT,
        description="Words in Arabic or English, with or without diacritics, any spelling the "
        "sources use. Matched as plain words: operators and quotes have no special meaning.",
    ),
]


def public_result(hit: Hit, match: Match) -> dict[str, Any]:
    """A hit as SearchResult declares it, field for field."""
    return {
        "type": hit.kind,
        "id": hit.record_id,
        **hit.labels,
        "score": hit.score,
        "match": {
            "field": match.field,
            "language": match.language,
            "start": match.start,
            "end": match.end,
            "snippet": match.snippet,
        },
        "via": hit.via,
    }


@router.get("/search", response_model=SearchPage)
async def read_search(
    request: Request,
    pagination: PaginationDep,
    q: SearchText,
    type: Annotated[SearchType | None, Query(description="Only results of this type.")] = None,
) -> Response:
    """Ranked search across rounds, participants, issues, statements, events and sources."""
    database = database_of(request)
    found = search(database, q, type.value if type else None, pagination.limit, pagination.offset)
    page = found.hits
    representation = pagination.representation
    results = [
        public_result(hit, match)
        for hit, match in zip(page, locate_matches(database, q, page), strict=True)
    ]
    rows = representation.render(results, SearchResult)
    # Only for a search that found nothing: beside the results, never instead of them.
    offered = suggestions(database, q) if found.total == 0 else []
    return pagination.respond(rows, found.total, SearchResult, {"suggestions": offered})
