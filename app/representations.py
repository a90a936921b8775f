"""The representations the API offers of a record: JSON in every language or in one, CSV rows.

A record is stored once, as JSON in every configured language. A request for one language
(``lang``) or for CSV is rendered from that form here, guided by the record's response model:
its declared fields, not the keys of a value, say which fields are one text in several
languages. The search route renders its per-request results through the same functions, so a
field looks the same wherever it is served.
"""

import operator
import re
import types
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal, NamedTuple, Union, get_args, get_origin

import orjson
from pydantic import BaseModel

from app.localized import LANGUAGES, SingleLanguage, localized_fields

# The values ``lang`` takes, as a type FastAPI validates and documents.
Language = Literal[LANGUAGES]  # type: ignore[valid-type]


@dataclass(frozen=True)
class FieldPlan:
    """How one field of a record is served in one language."""

    key: str
    """Its key in the output: ``name`` for the pair ``name_en``/``name_ar``."""
    source: str
    """The key read from the stored form: ``name_ar`` under ``lang=ar``."""
    nested: "Plan | None" = None
    """The plan of a nested record, or of each record of a nested list."""
    many: bool = False


class Plan(NamedTuple):
    """How a record is served in one language: its fields in order, and what serving uses of
    them (one C-level read of every stored key per record, then only nested records walked)."""

    fields: tuple[FieldPlan, ...]
    keys: tuple[str, ...]
    read: Callable[[dict[str, Any]], tuple[Any, ...]]
    walked: tuple[tuple[str, "Plan", bool], ...]


def _plan_of(fields: tuple[FieldPlan, ...]) -> Plan:
    sources = [placed.source for placed in fields]
    # itemgetter of one key returns the value, not a 1-tuple.
    read = operator.itemgetter(*sources) if len(sources) > 1 else lambda v: (v[sources[0]],)
    walked = tuple((f.key, f.nested, f.many) for f in fields if f.nested is not None)
    return Plan(fields, tuple(placed.key for placed in fields), read, walked)


def unwrapped(annotation: Any) -> Any:
    """The type a value must have, without ``Annotated`` constraints or ``| None``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            others = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(others) != 1:
                return annotation
            annotation = others[0]
        else:
            return annotation


def _records_in(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The record type a field holds, and whether it holds a list of them."""
    annotation = unwrapped(annotation)
    many = get_origin(annotation) is list
    if many:
        annotation = unwrapped(get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, many
    return None, many


def _language_of(name: str) -> str | None:
    """``ar`` for ``name_ar`` when ``ar`` is a configured language."""
    base, _, suffix = name.rpartition("_")
    return suffix if base and suffix in LANGUAGES else None


def text_name(name: str, siblings: Collection[str]) -> str | None:
    """``name`` for ``name_ar`` when ``siblings`` hold the text in every configured language:
    how a JSON schema, which keeps no declarations, shows a localized field."""
    base = name.rpartition("_")[0] if _language_of(name) else ""
    return base if base and all(f"{base}_{code}" in siblings for code in LANGUAGES) else None


def unpaired_fields(model: type[BaseModel]) -> list[str]:
    """Fields named for a configured language but declared neither ``Localized`` nor
    ``SingleLanguage``: ``lang`` could not serve them once, so a build refuses them."""
    localized = localized_fields(model)
    return [
        f"{model.__name__}.{name}"
        for name, info in model.model_fields.items()
        if _language_of(name)
        and name not in localized
        and not any(isinstance(meta, SingleLanguage) for meta in info.metadata)
    ]


def records_within(model: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """The model and every record type nested in it, each once."""
    seen: set[type[BaseModel]] = set()
    pending = [model]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        yield current
        for info in current.model_fields.values():
            nested, _ = _records_in(info.annotation)
            if nested is not None:
                pending.append(nested)


@cache
def plan(model: type[BaseModel], language: str | None) -> Plan:
    """How a record of ``model`` is served in ``language`` (every language when None)."""
    localized = localized_fields(model) if language else {}
    fields: list[FieldPlan] = []
    for name, info in model.model_fields.items():
        base = localized.get(name)
        if base is not None:
            # Where the first of the text's fields is declared.
            if all(placed.key != base for placed in fields):
                fields.append(FieldPlan(base, f"{base}_{language}"))
            continue
        nested, many = _records_in(info.annotation)
        inner = plan(nested, language) if nested else None
        # A nested record with nothing to change (a citation) is kept as it is, not walked.
        fields.append(
            FieldPlan(name, name, inner if inner and _has_localized(inner) else None, many)
        )
    return _plan_of(tuple(fields))


def _has_localized(record: Plan) -> bool:
    return any(f.key != f.source or f.nested is not None for f in record.fields)


@cache
def changes_in(model: type[BaseModel], language: str | None) -> bool:
    """Whether serving ``model`` in ``language`` changes anything of its stored form."""
    return language is not None and _has_localized(plan(model, language))


def in_language(value: dict[str, Any], record: Plan) -> dict[str, Any]:
    """A stored record as ``record`` serves it."""
    served = dict(zip(record.keys, record.read(value), strict=True))
    for key, nested, many in record.walked:
        item = served[key]
        if item is not None:
            served[key] = (
                [in_language(one, nested) for one in item] if many else in_language(item, nested)
            )
    return served


@cache
def csv_columns(model: type[BaseModel], language: str | None) -> tuple[str, ...]:
    """A list's CSV columns: its item model's fields, each text once under ``lang``."""
    return plan(model, language).keys


def json_bytes(value: Any) -> bytes:
    return orjson.dumps(value)


def json_value(body: bytes) -> Any:
    return orjson.loads(body)


def csv_line(cells: list[str]) -> bytes:
    return csv_rows([cells])


# RFC 4180 as Python's csv module writes it (QUOTE_MINIMAL, CRLF): a cell holding a comma, a
# quote or a line break is quoted, its quotes doubled. Written here because the module spends
# most of a page's time on the long JSON cells of citations.
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if _NEEDS_QUOTES.search(cell) else cell


def csv_rows(rows: Iterable[list[str]]) -> bytes:
    # A row of one empty cell is written quoted, or it would read back as no cell at all.
    return "".join(
        (",".join(map(_quoted, cells)) if cells != [""] else '""') + "\r\n" for cells in rows
    ).encode()


def csv_cells(item: dict[str, Any], columns: tuple[str, ...]) -> list[str]:
    """One item's CSV cells, each written as its own type is: nested values (citations, lists
    of sides) as JSON in their cell."""
    return [_CELLS[type(value)](value) for value in map(item.get, columns)]


def _json_cell(value: Any) -> str:
    return orjson.dumps(value).decode()


# By the type of a JSON value, as orjson reads it.
_CELLS: dict[type, Callable[[Any], str]] = {
    str: str,
    type(None): lambda _: "",
    bool: lambda value: "true" if value else "false",
    int: str,
    float: str,
    dict: _json_cell,
    list: _json_cell,
}
