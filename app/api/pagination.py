"""Paging every list the same way: ``limit``/``offset``, a ``total``, and RFC 8288 links;
and the list's representation (``format``, ``Accept``, ``lang``)."""

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Header, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from app.api.representation import (
    LanguageQuery,
    Representation,
    accepts_only_csv,
    page_links,
    page_response,
)
from app.api.routing import serves_csv

MAX_LIMIT = 500
# Past this, SQLite cannot bind the number; no real list is anywhere near it.
MAX_OFFSET = 2**31 - 1


@dataclass(frozen=True)
class Pagination:
    limit: int
    offset: int
    request: Request
    representation: Representation

    def respond(
        self,
        rows: list[bytes],
        total: int,
        item_model: type[BaseModel],
        extra: dict[str, Any] | None = None,
    ) -> Response:
        """The page of stored (or just rendered) items in the list envelope, with its links."""
        links = page_links(self.request, self.limit, self.offset, total)
        return page_response(
            rows, total, self.limit, self.offset, self.representation, item_model, links, extra
        )


async def get_pagination(
    request: Request,
    lang: LanguageQuery = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
    # Still accepted on the JSON path, but documented only as the list's own CSV operation
    # (``….csv``), so a JSON operation declares one body type.
    format: Annotated[Literal["json", "csv"], Query(include_in_schema=False)] = "json",
    accept: Annotated[str, Header(include_in_schema=False)] = "",
) -> Pagination:
    csv = format == "csv" or accepts_only_csv(accept) or serves_csv(request.scope)
    return Pagination(limit, offset, request, Representation(lang, csv))


PaginationDep = Annotated[Pagination, Depends(get_pagination)]
