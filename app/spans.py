"""Byte ranges of a stored record from which its ``lang`` and CSV forms are cut.

A record is stored once, as JSON in every language. Its form in one language is that JSON with
some byte ranges left out (the other languages' entries, the ``_ar`` of a kept key), and each
CSV cell is a range of it (a string's text, a nested value's JSON). The build finds those
ranges once per record, checks that cutting gives exactly what the renderers in
``app.representations`` write, and stores them beside the record; a request then joins slices
instead of parsing and rewriting the record. A form that cutting cannot give (a string holding
an escape, say) is left out, and that record is rendered per request as before.
"""

from collections.abc import Iterator
from typing import Any, NamedTuple

import orjson
from pydantic import BaseModel

from app.localized import LANGUAGES
from app.representations import (
    Plan,
    csv_cells,
    csv_rows,
    in_language,
    json_bytes,
    plan,
)

Ranges = list[int]
"""Flat ``[start, end, start, end, ...]`` byte offsets into the stored body."""
Cell = list[Any]
"""A CSV cell: ``[start, end]``, one slice as it is (a string's text, a number); ``[]``, empty
(null); ``[NESTED, ranges...]``, a nested record or list as JSON, quoted by RFC 4180 when it
holds a comma or a quote; ``[text]``, written out (a string holding a JSON escape)."""
NESTED = -1
# The spans of a record served only as stored (the export).
NO_SPANS = b""


class Entry(NamedTuple):
    """Where one key and its value lie in the stored body, and whether the form keeps it."""

    start: int
    value_start: int
    end: int
    kept: bool


def _walk(
    value: dict[str, Any], record: Plan, at: int, cuts: list[tuple[int, int]]
) -> tuple[int, dict[str, Entry]]:
    """Walk the stored record that begins at byte ``at``, adding the ranges ``record`` leaves
    out; return where it ends and where each of its keys lies."""
    fields = {placed.source: placed for placed in record.fields}
    position = at + 1
    entries: dict[str, Entry] = {}
    for number, (key, item) in enumerate(value.items()):
        position += 1 if number else 0
        start = position
        position += len(orjson.dumps(key)) + 1
        value_start = position
        placed = fields.get(key)
        if placed is not None and placed.key != key:
            # "name_ar" served as "name": the suffix goes.
            cuts.append((start + 1 + len(placed.key), start + 1 + len(key)))
        if placed is not None and placed.nested is not None and item is not None:
            if placed.many:
                position += 1
                for index, one in enumerate(item):
                    at_item = position + (1 if index else 0)
                    position = _walk(one, placed.nested, at_item, cuts)[0]
                position += 1
            else:
                position = _walk(item, placed.nested, position, cuts)[0]
        else:
            position += len(orjson.dumps(item))
        entries[key] = Entry(start, value_start, position, placed is not None)
    _cut_dropped(list(entries.values()), cuts)
    return position + 1, entries


def _cut_dropped(entries: list[Entry], cuts: list[tuple[int, int]]) -> None:
    """Each run of left-out entries goes with the comma that joins it to a kept one."""
    index = 0
    while index < len(entries):
        if entries[index].kept:
            index += 1
            continue
        last = index
        while last + 1 < len(entries) and not entries[last + 1].kept:
            last += 1
        if index > 0:
            cuts.append((entries[index - 1].end, entries[last].end))
        elif last + 1 < len(entries):
            cuts.append((entries[index].start, entries[last + 1].start))
        else:
            cuts.append((entries[index].start, entries[last].end))
        index = last + 1


def _kept(cuts: list[tuple[int, int]], start: int, end: int) -> Ranges:
    """The ranges of ``start``-``end`` that no cut covers."""
    kept: Ranges = []
    position = start
    for cut_start, cut_end in sorted(cuts):
        if cut_end <= start or cut_start >= end:
            continue
        if cut_start > position:
            kept += [position, cut_start]
        position = max(position, cut_end)
    if position < end:
        kept += [position, end]
    return kept


def _csv_cells(
    value: dict[str, Any], record: Plan, entries: dict[str, Entry], cuts: list[tuple[int, int]]
) -> list[Cell]:
    cells: list[Cell] = []
    for placed in record.fields:
        entry = entries[placed.source]
        start, end, item = entry.value_start, entry.end, value[placed.source]
        if isinstance(item, dict | list):
            cells.append([NESTED, *_kept(cuts, start, end)])
        elif item is None:
            cells.append([])
        elif isinstance(item, str) and b"\\" in orjson.dumps(item):
            # An escape (a line break, a quote) reads back only through JSON: the cell is kept
            # written out.
            cells.append([csv_rows([[item]])[:-2].decode()])
        elif isinstance(item, str):
            # Quoted when it holds a comma: the JSON string's own quotes are the CSV ones.
            cells.append([start, end] if "," in item else [start + 1, end - 1])
        else:
            cells.append([start, end])
    return cells


class Form(NamedTuple):
    language: str | None
    record: Plan
    served: dict[str, Any]
    """The record as the renderers serve it in this form."""
    entries: dict[str, Entry]
    cuts: list[tuple[int, int]]


def _forms(
    value: dict[str, Any], body: bytes, model: type[BaseModel], languages: tuple[str | None, ...]
) -> Iterator[Form]:
    for language in languages:
        record = plan(model, language)
        cuts: list[tuple[int, int]] = []
        end, entries = _walk(value, record, 0, cuts)
        if end == len(body):
            served = in_language(value, record) if language else value
            yield Form(language, record, served, entries, cuts)


def _stored(spans: dict[str, Any]) -> bytes:
    # One line per form, "ar\t<JSON>", so a request parses only the one it serves.
    return b"\n".join(
        variant.encode() + b"\t" + json_bytes(found) for variant, found in spans.items()
    )


def spans_for(stored: bytes, variant: str) -> Any:
    """The spans of one form (a language, or ``""`` for CSV in every language), or None when
    the record has to be rendered."""
    prefix = variant.encode() + b"\t"
    for line in stored.split(b"\n"):
        if line.startswith(prefix):
            return orjson.loads(line[len(prefix) :])
    return None


def lang_spans(value: dict[str, Any], body: bytes, model: type[BaseModel]) -> bytes:
    """Where each language's form of a stored record lies in it: its ranges, for the forms that
    cut exactly as they render."""
    spans = {}
    for form in _forms(value, body, model, LANGUAGES):
        ranges = _kept(form.cuts, 0, len(body))
        if cut_json(body, ranges) == json_bytes(form.served):
            spans[form.language or ""] = ranges
    return _stored(spans)


def csv_spans(value: dict[str, Any], body: bytes, model: type[BaseModel]) -> bytes:
    """Where each CSV cell of a stored record lies in it, in every language (``""``) and in
    each one, for the rows that cut exactly as they render."""
    spans = {}
    for form in _forms(value, body, model, (None, *LANGUAGES)):
        cells = _csv_cells(value, form.record, form.entries, form.cuts)
        if cut_csv(body, cells) == csv_rows([csv_cells(form.served, form.record.keys)]):
            spans[form.language or ""] = cells
    return _stored(spans)


def cut_json(body: bytes, ranges: Ranges) -> bytes:
    return b"".join([body[ranges[i] : ranges[i + 1]] for i in range(0, len(ranges), 2)])


def _cell(body: bytes, cell: Cell) -> bytes:
    if not cell:
        return b""
    if isinstance(cell[0], str):
        return cell[0].encode()
    text = b"".join([body[cell[i] : cell[i + 1]] for i in range(1, len(cell), 2)])
    return b'"' + text.replace(b'"', b'""') + b'"' if b'"' in text or b"," in text else text


def cut_csv(body: bytes, cells: list[Cell]) -> bytes:
    """One CSV row (CRLF-terminated) cut from a stored record: most cells are one slice."""
    return (
        b",".join([body[c[0] : c[1]] if len(c) == 2 else _cell(body, c) for c in cells]) + b"\r\n"
    )
