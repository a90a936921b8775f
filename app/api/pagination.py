"""Paging every list the same way: ``limit``/``offset``, a ``total``, and RFC 8288 links."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Literal, TypeVar

from fastapi import Depends, Query, Request, Response

from app.schemas import Page

MAX_LIMIT = 500
# Past this, SQLite cannot bind the number; no real list is anywhere near it.
MAX_OFFSET = 2**31 - 1

Item = TypeVar("Item")


@dataclass(frozen=True)
class Pagination:
    limit: int
    offset: int
    request: Request
    response: Response

    def page(self, items: Sequence[Item], total: int) -> Page[Item]:
        links = []
        if self.offset + self.limit < total:
            links.append((self.offset + self.limit, "next"))
        if self.offset > 0:
            links.append((max(self.offset - self.limit, 0), "prev"))
        if links:
            self.response.headers["Link"] = ", ".join(
                f'<{self.request.url.include_query_params(offset=offset)}>; rel="{rel}"'
                for offset, rel in links
            )
        return Page(items=list(items), total=total, limit=self.limit, offset=self.offset)


async def get_pagination(
    request: Request,
    response: Response,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
    format: Annotated[
        Literal["json", "csv"],
        Query(description="`csv` for a CSV table of the items (or send `Accept: text/csv`)."),
    ] = "json",
) -> Pagination:
    # `format` is declared here so it is documented and validated; the CSV middleware acts on it.
    return Pagination(limit=limit, offset=offset, request=request, response=response)


PaginationDep = Annotated[Pagination, Depends(get_pagination)]
