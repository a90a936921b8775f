"""Choosing and writing a response's representation: the one place ``lang``, ``format`` and
``Accept`` are acted on. Routes hand over stored bytes; nothing here parses JSON."""

from dataclasses import dataclass
from functools import cache
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from app.representations import Language, csv_columns, csv_line

JSON = "application/json"
CSV = "text/csv; charset=utf-8"


# Declared as a plain parameter of each operation (not a dependency: solving one costs more
# than all the work of serving a stored document).
LanguageQuery = Annotated[
    Language | None,
    Query(
        description="`en` or `ar`: give each bilingual field once, as `name` rather "
        "than `name_en` and `name_ar`."
    ),
]


async def get_language(lang: LanguageQuery = None) -> Language | None:
    """For operations that serve both languages only, so ``lang`` is documented everywhere."""
    return lang


def accepts_only_csv(accept: str) -> bool:
    """``Accept: text/csv`` asks for CSV unless JSON is acceptable too."""
    return "text/csv" in accept and "application/json" not in accept


@dataclass(frozen=True)
class Representation:
    language: Language | None
    csv: bool = False

    @property
    def body_column(self) -> str:
        """The stored column holding this representation of a record or list item."""
        prefix = "csv" if self.csv else "body"
        return prefix if self.language is None else f"{prefix}_{self.language}"


@cache
def csv_header(item_model: type[BaseModel], language: Language | None) -> bytes:
    """A list's CSV header row: fixed by its item schema, so written once per process."""
    return csv_line(csv_columns(item_model, language))


def document_response(body: bytes) -> Response:
    return Response(body, media_type=JSON)


def page_response(
    rows: list[bytes],
    total: int,
    limit: int,
    offset: int,
    representation: Representation,
    item_model: type[BaseModel],
    links: str | None,
) -> Response:
    """The list envelope around stored items: JSON, or CSV with a header row."""
    headers = {"Link": links} if links else {}
    if representation.csv:
        headers["X-Total-Count"] = str(total)
        header = csv_header(item_model, representation.language)
        return Response(header + b"".join(rows), media_type=CSV, headers=headers)
    body = b'{"items":[%s],"total":%d,"limit":%d,"offset":%d}' % (
        b",".join(rows),
        total,
        limit,
        offset,
    )
    return Response(body, media_type=JSON, headers=headers)


def page_links(request: Request, limit: int, offset: int, total: int) -> str | None:
    """RFC 8288 links to the next and previous pages, built from the request's own URL."""
    links = []
    if offset + limit < total:
        links.append((offset + limit, "next"))
    if offset > 0:
        links.append((max(offset - limit, 0), "prev"))
    if not links:
        return None
    return ", ".join(
        f'<{request.url.include_query_params(offset=to)}>; rel="{rel}"' for to, rel in links
    )
