from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from app.api.deps import database_of
from app.api.filters import SEARCH_TEXT
from app.api.listing import ListQuery, read_page, stored_total
from app.api.pagination import PaginationDep
from app.api.routing import ResourceRouter
from app.core.db import ReadOnlyDatabase
from app.rendered import Listing
from app.schemas import SearchPage, SearchResult, SearchType
from app.search.query import query_tokens
from app.search.results import search_results
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


@router.get("/search", response_model=SearchPage)
async def read_search(
    request: Request,
    pagination: PaginationDep,
    q: SearchText,
    type: Annotated[SearchType | None, Query(description="Only results of this type.")] = None,
) -> Response:
    """Ranked search across rounds, participants, issues, statements, events and sources."""
    database = database_of(request)
    kind = type.value if type else None
    words = query_tokens(q)
    if len(words) == 1 and has_stored_answer(database, words[0]):
        # Its answer was worked out by the build, by the code below: only the page is read.
        stored = ListQuery(Listing.search, parent=words[0])
        if kind:
            stored.where("kind = ?", kind)
        rows, total = read_page(database, stored, pagination)
    else:
        found = search_results(database, q, kind, pagination.limit, pagination.offset)
        rows, total = pagination.representation.render(found.page, SearchResult), found.total
    # Only for a search that found nothing: beside the results, never instead of them.
    offered = suggestions(database, q) if total == 0 else []
    return pagination.respond(rows, total, SearchResult, {"suggestions": offered})


def has_stored_answer(database: ReadOnlyDatabase, word: str) -> bool:
    """Whether the build stored the answer to a search for ``word`` (every word it indexed)."""
    return stored_total(database, Listing.search, word) is not None
