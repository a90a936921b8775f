"""The curated files' shapes in words: where in a file a value is, what belongs there, what was
found instead.

Pydantic says ``[1].name_en: Field required``; a curator reads ``participant 2
(sonata-coulter): the required field name_en is missing``. The same words describe the fields
``python -m seed add-source`` leaves for the curator to fill in.
"""

import datetime
import re
import types
from collections.abc import Iterator, Mapping, Sequence
from enum import Enum
from typing import Annotated, Any, TypeGuard, Union, get_args, get_origin

from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from app.representations import unwrapped
from seed.curation import LANGUAGE_TAG_PATTERN, IsoDate, Slug

# What one entry of each top-level list is called, by file; a file that is one mapping (a
# glosses file) has no entries at the top.
RECORD_NOUNS = {
    "sources.yaml": "source",
    "participants.yaml": "participant",
    "issues.yaml": "issue",
    "rounds.yaml": "meeting",
    "statements.yaml": "statement",
    "events.yaml": "event",
    "versions.yaml": "version set",
}
# What one entry of a nested list is called, by the list's key.
ITEM_NOUNS = {
    "citations": "citation",
    "uncited": "uncited span",
    "titles": "title",
    "aliases": "alias",
    "items": "item",
    "venues": "venue",
    "participants": "participant",
    "issues": "issue",
    "versions": "version",
    "glosses": "gloss",
    "raised_by": "side",
}
# The keys that name an entry, in the order they are tried: its id, what it links to, its name.
LABEL_KEYS = (
    "id",
    "issue",
    "participant",
    "alias",
    "name_en",
    "title_en",
    "value_en",
    "subject_id",
    "quote",
)
LABEL_LENGTH = 40

# A value still to be filled in: what add-source writes for every field it cannot know.
PLACEHOLDER = "TODO"
_PLACEHOLDER = re.compile(rf"^\s*{PLACEHOLDER}\b")


def _pattern_of(annotated: Any) -> str:
    return next(
        str(meta.pattern) for meta in get_args(annotated)[1:] if isinstance(meta, StringConstraints)
    )


PATTERN_WORDS = {
    _pattern_of(Slug): "an id of lowercase letters, digits and hyphens, like round-2",
    _pattern_of(IsoDate): "a date written YYYY-MM-DD, or YYYY-MM for a month",
    LANGUAGE_TAG_PATTERN: "a BCP 47 language tag such as ar, en, ru or en-GB",
}


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and bool(_PLACEHOLDER.match(value))


def label_of(values: Mapping[str, Any]) -> str | None:
    """What names an entry: its id, or the first naming key it has, shortened."""
    for key in LABEL_KEYS:
        value = values.get(key)
        if isinstance(value, str) and value.strip():
            value = value.strip()
            value = value if len(value) <= LABEL_LENGTH else value[: LABEL_LENGTH - 1] + "…"
            return f"«{value}»" if key == "quote" else value
    return None


def where(file_name: str, raw: Any, location: Sequence[int | str]) -> str:
    """A location in a YAML file in words: ``participant 2 (sonata-coulter) > alias 1
    (دارشيف) > citation 1, field occurrence``; empty for the top level."""
    parts: list[str] = []
    field_name: str | None = None
    noun = RECORD_NOUNS.get(file_name, "entry")
    node = raw
    for position, key in enumerate(location):
        following = location[position + 1] if position + 1 < len(location) else None
        child: Any = None
        if isinstance(key, int):
            if isinstance(node, list) and 0 <= key < len(node):
                child = node[key]
            label = label_of(child) if isinstance(child, dict) else None
            parts.append(f"{noun} {key + 1}" + (f" ({label})" if label else ""))
        elif isinstance(node, dict) or following is None:
            child = node.get(key) if isinstance(node, dict) else None
            if isinstance(following, int):
                noun = ITEM_NOUNS.get(key, f"{key} entry")
            elif following is None:
                field_name = key
            else:
                parts.append(key)  # a nested mapping, such as a statement's attribution
        else:
            continue  # a union branch pydantic names in the location: not in the file
        node = child
    text = " > ".join(parts)
    if field_name is not None:
        text = f"{text}, field {field_name}" if text else f"field {field_name}"
    return text


def type_at(shape: Any, location: Sequence[int | str]) -> Any:
    """The type expected at a location of a value validated as ``shape``, or None."""
    current = unwrapped(shape)
    for key in location:
        if isinstance(key, int) and get_origin(current) is list:
            current = unwrapped(get_args(current)[0])
        elif isinstance(key, str) and _is_model(current) and key in current.model_fields:
            current = unwrapped(current.model_fields[key].annotation)
        else:
            return None
    return current


def _is_model(annotation: Any) -> TypeGuard[type[BaseModel]]:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _listing(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def mapping_words(model: type[BaseModel]) -> str:
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    return f"a mapping with the fields {_listing(required)}" if required else "a mapping"


def found(value: object) -> str:
    """What a curator wrote, in words."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, datetime.date):
        # YAML reads 2025-04-10 unquoted as a date, not as the text the schema wants.
        return f"the unquoted date {value} (write it in quotes)"
    if isinstance(value, str):
        if not value.strip():
            return "blank text"
        shown = value if len(value) <= LABEL_LENGTH else value[: LABEL_LENGTH - 1] + "…"
        return f"'{shown}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    return type(value).__name__


def expected_words(detail: ErrorDetails, shape: Any, noun: str) -> str:
    """What belongs where the error is, in words."""
    kind, context = detail["type"], detail.get("ctx", {})
    expected_type = type_at(shape, detail["loc"])
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return mapping_words(expected_type) if _is_model(expected_type) else "a mapping"
    if kind == "list_type":
        items = get_args(expected_type)[0] if get_origin(expected_type) is list else None
        return f"a list of mappings (one per {noun})" if _is_model(unwrapped(items)) else "a list"
    if kind in ("enum", "literal_error"):
        return f"one of {context.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        pattern = str(context.get("pattern", ""))
        return PATTERN_WORDS.get(pattern, f"text matching {pattern}")
    if kind == "string_type":
        return _text_words(shape, detail["loc"])
    if kind == "string_too_short":
        return "some text"
    if kind == "too_short":
        least = context.get("min_length")
        listed = detail["loc"][-1] if detail["loc"] else "entries"
        return f"at least {least} {noun if least == 1 else listed}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "a whole number"
    if kind == "greater_than_equal":
        return f"a number of at least {context.get('ge')}"
    if kind in ("bool_type", "bool_parsing"):
        return "true or false"
    message = detail["msg"].removeprefix("Input should be ")
    return message[:1].lower() + message[1:]


def _text_words(shape: Any, location: Sequence[int | str]) -> str:
    """Text, or the particular text a field's pattern asks for (a date, an id, a language)."""
    owner = type_at(shape, location[:-1]) if location else None
    name = location[-1] if location else None
    if _is_model(owner) and isinstance(name, str) and name in owner.model_fields:
        return _pattern_words(owner.model_fields[name]) or "text"
    return "text"


def describe_error(file_name: str, shape: Any, raw: Any, detail: ErrorDetails) -> str:
    """One pydantic error as a sentence: where, what was expected, what was found."""
    location = tuple(detail["loc"])
    kind = detail["type"]
    if kind in ("missing", "extra_forbidden") and location:
        owner = where(file_name, raw, location[:-1]) or "the top level"
        name = location[-1]
        if kind == "missing":
            return f"{owner}: the required field {name} is missing"
        model = type_at(shape, location[:-1])
        allowed = f"; the fields allowed here are {_listing(list(model.model_fields))}"
        return f"{owner}: unknown field {name}" + (allowed if _is_model(model) else "")
    place = where(file_name, raw, location)
    if kind == "value_error" and place:
        # A rule of the record itself (a note in one language only): its own words say it.
        return f"{place}: {str(detail['msg']).removeprefix('Value error, ')}"
    noun = _noun_at(file_name, location)
    expected = f"expected {expected_words(detail, shape, noun)}"
    if not place:
        return f"{expected} at the top level, found {found(detail['input'])}"
    return f"{place}: {expected}, found {found(detail['input'])}"


def _noun_at(file_name: str, location: Sequence[int | str]) -> str:
    """What one entry of the list at ``location`` is called."""
    if not location:
        return RECORD_NOUNS.get(file_name, "entry")
    last = location[-1]
    return ITEM_NOUNS.get(last, f"{last} entry") if isinstance(last, str) else "entry"


def placeholders(raw: Any, location: tuple[int | str, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The location of every value still a placeholder."""
    if is_placeholder(raw):
        yield location
    elif isinstance(raw, dict):
        for key, value in raw.items():
            yield from placeholders(value, (*location, key))
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            yield from placeholders(value, (*location, index))


def describe_placeholder(
    file_name: str, shape: Any, raw: Any, location: tuple[int | str, ...]
) -> str:
    owner = type_at(shape, location[:-1]) if location else None
    name = location[-1] if location else None
    optional = (
        _is_model(owner)
        and isinstance(name, str)
        and name in owner.model_fields
        and not owner.model_fields[name].is_required()
    )
    place = where(file_name, raw, location) or "the top level"
    value = raw
    for key in location:
        value = value[key]
    advice = "fill it in, or delete the line (the field is optional)" if optional else "fill it in"
    return f"{place}: still the placeholder {found(value)}; {advice}"


def _constraints(annotation: Any) -> Iterator[Any]:
    """The constraints inside an annotation: pydantic keeps those of ``X | None`` there."""
    if get_origin(annotation) is Annotated:
        yield from get_args(annotation)[1:]
    for argument in get_args(annotation):
        if get_origin(argument) is Annotated or get_origin(argument) in (Union, types.UnionType):
            yield from _constraints(argument)


def _pattern_words(info: FieldInfo) -> str | None:
    """What a field's pattern asks for, in words, if it has one."""
    for meta in [*info.metadata, *_constraints(info.annotation)]:
        pattern = getattr(meta, "pattern", None)
        if pattern is not None:
            return PATTERN_WORDS.get(str(pattern), f"text matching {pattern}")
    return None


def field_words(info: FieldInfo) -> str:
    """What a field takes, in words, for the comment beside a placeholder."""
    annotation = unwrapped(info.annotation)
    words = ""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        words = "one of " + ", ".join(str(member.value) for member in annotation)
    elif get_origin(annotation) is list and _is_model(unwrapped(get_args(annotation)[0])):
        words = f"a list, each {mapping_words(unwrapped(get_args(annotation)[0]))}"
    words = _pattern_words(info) or words
    if not info.is_required():
        words = f"optional: {words}" if words else "optional"
    return words
