"""The representations the API offers of a record: JSON in both languages or in one, CSV rows.

The seed script renders every stored document through these functions, and the search route
renders its per-request results through the same ones, so a field looks the same wherever it
is served.
"""

import csv
import io
import json
from typing import Any, Literal

from pydantic import BaseModel

Language = Literal["en", "ar"]
LANGUAGES: tuple[Language, ...] = ("en", "ar")
SUFFIXES = ("_en", "_ar")


def bilingual_base(key: str, keys: Any) -> str | None:
    """``name`` for ``name_en`` or ``name_ar`` when both halves of the pair are present."""
    if key.endswith(SUFFIXES):
        base = key[:-3]
        if f"{base}_en" in keys and f"{base}_ar" in keys:
            return base
    return None


def collapse(value: Any, language: Language) -> Any:
    """The value with every bilingual pair given once, as ``name``, in ``language``."""
    if isinstance(value, list):
        return [collapse(item, language) for item in value]
    if not isinstance(value, dict):
        return value
    collapsed: dict[str, Any] = {}
    for key, item in value.items():
        base = bilingual_base(key, value)
        if base is None:
            collapsed[key] = collapse(item, language)
        elif base not in collapsed:
            collapsed[base] = collapse(value[f"{base}_{language}"], language)
    return collapsed


def json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def in_language(value: Any, language: Language | None) -> Any:
    return value if language is None else collapse(value, language)


def csv_columns(item_model: type[BaseModel], language: Language | None) -> list[str]:
    """A list's CSV columns: the item model's fields, each bilingual pair once with ``lang``."""
    fields = list(item_model.model_fields)
    if language is None:
        return fields
    return list(dict.fromkeys(bilingual_base(name, fields) or name for name in fields))


def csv_line(cells: list[str]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue().encode()


def csv_row(item: dict[str, Any], columns: list[str]) -> bytes:
    """One item as a CSV row; nested values (citations, lists of sides) as JSON in their cell."""
    return csv_line([_cell(item.get(column)) for column in columns])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
