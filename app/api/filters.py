"""Query filters several lists share."""

import json
from typing import Annotated, Any

from fastapi import Query

from app.api.errors import pattern_meaning
from app.api.listing import ListQuery
from app.core.db import ReadOnlyDatabase
from app.schemas import SearchType
from app.search.query import search
from app.vocabulary import Claim, Support

SupportFilter = Annotated[
    Support | None,
    Query(
        description="Only records whose own claim has this grade (e.g. corroborated): for a "
        "meeting's issue, that it came up there; for a participant in a meeting, that they took "
        "part. With `claim`, the grade of that claim instead."
    ),
]
ClaimFilter = Annotated[
    Claim | None,
    Query(
        description="The claim `support` grades, e.g. raised_by: `claim=raised_by&support="
        "corroborated` keeps the issues whose raising side two or more articles give. Without "
        "`support`, only the records that make this claim. A meeting's issue makes came_up, "
        "raised_by, on_agenda, outcome; a participant in a meeting took_part, role; a meeting "
        "occurred, date, city; a statement said; an event occurred; any other record stated. "
        "A claim no record of the list makes matches nothing."
    ),
]

# Whitespace alone is a mistake worth a 422; anything else is searched as it is.
SEARCH_TEXT: dict[str, Any] = {
    "min_length": 1,
    "max_length": 500,
    "pattern": pattern_meaning(r"\S", "must contain a non-space character"),
}
SearchFilter = Annotated[
    str | None,
    Query(
        **SEARCH_TEXT,
        description="Only records matching these words (Arabic or English), as /search finds them.",
    ),
]


def keep_matching(
    database: ReadOnlyDatabase, query: ListQuery, q: str | None, kind: SearchType
) -> ListQuery:
    """Narrow a list to the records a ``q`` filter finds, when there is one."""
    if q is None:
        return query
    ids = [hit.record_id for hit in search(database, q, kind.value).hits]
    return query.where("item_id IN (SELECT value FROM json_each(?))", json.dumps(ids))
