"""Serving a page of a stored list: one indexed query for the items, one lookup for the total."""

from dataclasses import dataclass, field
from typing import Any

from fastapi.responses import Response

from app.api.pagination import Pagination
from app.core.db import ReadOnlyDatabase
from app.rendered import ITEM_MODELS, Listing
from app.schemas import Page
from app.vocabulary import Claim, Support


def page_of(listing: Listing) -> Any:
    """The response model of a page of ``listing``, for the route to declare."""
    return Page[ITEM_MODELS[listing]]  # type: ignore[valid-type]


@dataclass
class ListQuery:
    """Which items of a stored list a request asks for, in which order.

    Conditions and sort terms are SQL over ``rendered_item``'s columns, written by the routes
    from allow-lists; values always travel as parameters.
    """

    listing: Listing
    parent: str = ""
    support: Support | None = None
    claim: Claim | None = None
    """Which claim ``support`` grades; the record's own when None."""
    order: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    parameters: list[Any] = field(default_factory=list)

    def where(self, condition: str, *parameters: Any) -> "ListQuery":
        self.conditions.append(condition)
        self.parameters.extend(parameters)
        return self


def graded(query: ListQuery) -> ListQuery:
    """The list narrowed to the records whose ``claim`` has the grade asked for, or that make
    the claim at all. Like every filter, a claim no record of the list makes matches nothing."""
    claim = query.claim
    if claim is None:
        return query
    path = f"$.{claim.value}"
    if query.support is None:
        return query.where("json_extract(claims, ?) IS NOT NULL", path)
    return query.where("json_extract(claims, ?) = ?", path, query.support.value)


def stored_total(
    database: ReadOnlyDatabase, listing: Listing, parent: str, support: Support | None = None
) -> int | None:
    """How many items the build counted in a list (of one support grade), or None when the
    build stored no such list."""
    counted = database.first(
        "SELECT total FROM rendered_count WHERE list = ? AND parent = ? AND support = ?",
        [listing.value, parent, support.value if support else ""],
    )
    return None if counted is None else int(counted[0])


def serve_page(database: ReadOnlyDatabase, query: ListQuery, pagination: Pagination) -> Response:
    rows, total = read_page(database, query, pagination)
    return pagination.respond(rows, total, ITEM_MODELS[query.listing])


def read_page(
    database: ReadOnlyDatabase, query: ListQuery, pagination: Pagination
) -> tuple[list[bytes], int]:
    """The page's items, in the representation asked for, and how many the list has in all."""
    where = ["list = ?", "parent = ?"]
    parameters: list[Any] = [query.listing.value, query.parent]
    query = graded(query)
    if query.support is not None and query.claim is None:
        where.append("support = ?")
        parameters.append(query.support.value)
    where += query.conditions
    parameters += query.parameters
    clause = " AND ".join(where)
    spans = pagination.representation.spans_column
    rows = database.all(
        f"SELECT body, {spans} FROM rendered_item WHERE {clause} "
        f"ORDER BY {', '.join([*query.order, 'position'])} LIMIT ? OFFSET ?",
        [*parameters, pagination.limit, pagination.offset],
    )
    if query.conditions:
        total = database.one(f"SELECT count(*) FROM rendered_item WHERE {clause}", parameters)[0]
    else:
        # Counted at build time: a list of every round costs the same at any size.
        counted = stored_total(database, query.listing, query.parent, query.support)
        total = counted or 0
    model = ITEM_MODELS[query.listing]
    return pagination.representation.stored([(row[0], row[1]) for row in rows], model), total
