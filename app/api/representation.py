"""Choosing and writing a response's representation: the one place ``lang``, ``format`` and
``Accept`` are acted on. Routes hand over stored records (or, for search, records just built);
the representation renders them as JSON in one language or all, or as CSV rows."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from app.localized import LANGUAGES
from app.representations import (
    Language,
    changes_in,
    csv_cells,
    csv_columns,
    csv_line,
    csv_rows,
    in_language,
    json_bytes,
    json_value,
    plan,
)
from app.spans import cut_csv, cut_json, spans_for

JSON = "application/json"
CSV = "text/csv; charset=utf-8"


# Declared as a plain parameter of each operation (not a dependency: solving one costs more
# than all the work of serving a stored document).
LanguageQuery = Annotated[
    Language | None,
    Query(
        description=" or ".join(f"`{code}`" for code in LANGUAGES)
        + ": give each bilingual field once, as `name` rather than `name_en` and `name_ar`."
    ),
]


async def get_language(lang: LanguageQuery = None) -> str | None:
    """For operations that serve every language only, so ``lang`` is documented everywhere."""
    return lang


def accepts_only_csv(accept: str) -> bool:
    """``Accept: text/csv`` asks for CSV unless JSON is acceptable too."""
    return "text/csv" in accept and "application/json" not in accept


def served(value: dict[str, Any], model: type[BaseModel], language: str | None) -> dict[str, Any]:
    """A record of ``model`` with each text in ``language`` only, when one is asked for."""
    return in_language(value, plan(model, language)) if changes_in(model, language) else value


def render_json(values: list[Any], model: type[BaseModel], language: str | None) -> list[bytes]:
    return [json_bytes(served(value, model, language)) for value in values]


def render_csv(values: list[Any], model: type[BaseModel], language: str | None) -> list[bytes]:
    # One writer for the page: the rows joined are the page's body after its header.
    columns = csv_columns(model, language)
    return [csv_rows(csv_cells(served(value, model, language), columns) for value in values)]


Renderer = Callable[[list[Any], type[BaseModel], str | None], list[bytes]]
# By whether CSV was asked for; the language is each renderer's argument.
RENDERERS: dict[bool, Renderer] = {False: render_json, True: render_csv}


@dataclass(frozen=True)
class Representation:
    language: str | None
    csv: bool = False

    def render(self, values: list[Any], model: type[BaseModel]) -> list[bytes]:
        """Records of ``model`` as this representation serves them, to be joined in order."""
        return RENDERERS[self.csv](values, model, self.language)

    @property
    def spans_column(self) -> str:
        return "csv_spans" if self.csv else "lang_spans"

    def stored(self, rows: list[tuple[bytes, bytes]], model: type[BaseModel]) -> list[bytes]:
        """Stored records (JSON in every language, and the spans of their other forms) as this
        representation serves them: the stored bytes themselves when nothing changes, cut from
        them by their spans (``spans_column``) where the build found how, rendered where it did
        not."""
        if not self.csv and not changes_in(model, self.language):
            return [body for body, _ in rows]
        variant = (self.language or "") if self.csv else self.language
        cut = cut_csv if self.csv else cut_json
        served = []
        for body, spans in rows:
            ranges = spans_for(spans, variant or "")
            served.append(
                cut(body, ranges)
                if ranges is not None
                else self.render([json_value(body)], model)[0]
            )
        # A CSV page is the rows joined, as one rendered page is.
        return [b"".join(served)] if self.csv else served


@cache
def csv_header(item_model: type[BaseModel], language: str | None) -> bytes:
    """A list's CSV header row: fixed by its item schema, so written once per process."""
    return csv_line(list(csv_columns(item_model, language)))


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
    extra: dict[str, Any] | None = None,
) -> Response:
    """The list envelope around rendered items: JSON, or CSV with a header row. ``extra`` keys
    follow the envelope's own in JSON (a search's suggestions); CSV holds the items alone."""
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
    if extra:
        body = body[:-1] + b"," + json_bytes(extra)[1:]
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
