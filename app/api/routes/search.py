from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import SessionDep
from app.api.pagination import PaginationDep
from app.schemas import Page, SearchMatch, SearchResult, SearchType
from app.search.query import search

router = APIRouter(tags=["search"])

# Whitespace alone is a mistake worth a 422; anything else is searched as it is.
SEARCH_TEXT = {"min_length": 1, "max_length": 500, "pattern": r"\S"}
SearchText = Annotated[
    str,
    Query(
        **SEARCH_TEXT,
        description="Words in Arabic or English, with or without diacritics, any spelling the "
        "sources use. Matched as plain words: operators and quotes have no special meaning.",
    ),
]


@router.get("/search")
def read_search(
    session: SessionDep,
    pagination: PaginationDep,
    q: SearchText,
    type: Annotated[SearchType | None, Query(description="Only results of this type.")] = None,
) -> Page[SearchResult]:
    """Ranked search across rounds, participants, issues, statements, events and sources."""
    hits = search(session, q, type.value if type else None)
    page = hits[pagination.offset : pagination.offset + pagination.limit]
    return pagination.page(
        [
            SearchResult(
                type=SearchType(hit.kind),
                id=hit.record_id,
                label_en=hit.label_en,
                label_ar=hit.label_ar,
                score=hit.score,
                match=SearchMatch.model_validate(hit.match, from_attributes=True),
                via=hit.via,
            )
            for hit in page
        ],
        len(hits),
    )


SearchFilter = Annotated[
    str | None,
    Query(
        **SEARCH_TEXT,
        description="Only records matching these words (Arabic or English), as /search finds them.",
    ),
]


def matching_ids(session: SessionDep, q: str | None, kind: SearchType) -> list[str] | None:
    """The ids a list's ``q`` filter keeps, or None when there is no ``q``."""
    if q is None:
        return None
    return [hit.record_id for hit in search(session, q, kind.value)]
