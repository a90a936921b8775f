"""A text given in every configured language, declared once.

``name: Localized[str]`` in a curated model, a table or a response model becomes one field per
configured language where it is declared: ``name_en`` then ``name_ar`` by default, ``name_ru``
too when ``PARLEY_LANGUAGES`` lists it. Each keeps the declared type, default and description,
and carries ``LanguageOf`` in its metadata, which is how the renderers know the fields are one
text (``lang=ar`` serves ``name_ar`` as ``name``) without reading suffixes. The wire format is
the one a client sees today: one key per language.

The language set is read once, when the models are built at import; a process serves one set.
"""

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, get_args, get_origin

import sqlalchemy as sa
from pydantic import BaseModel
from pydantic._internal._model_construction import ModelMetaclass
from pydantic.fields import FieldInfo
from sqlmodel.main import SQLModelMetaclass

from app.core.config import configured_languages

LANGUAGES: tuple[str, ...] = configured_languages()

T = TypeVar("T")


@dataclass(frozen=True)
class _Marker:
    """Stands in a declaration for "one of these per configured language"."""


_LOCALIZED = _Marker()
Localized = Annotated[T, _LOCALIZED]


@dataclass(frozen=True)
class LanguageOf:
    """Marks ``name_ar`` as the ``ar`` form of the text ``name``."""

    text: str
    language: str


@dataclass(frozen=True)
class SingleLanguage:
    """Marks a field given in one language only (``gloss_en``: the English rendering of a
    quote), so it is served as it is under every ``lang`` rather than taken for half a text."""

    language: str


def localized_name(text: str, language: str) -> str:
    return f"{text}_{language}"


def _expanded(annotation: Any, text: str, language: str) -> Any:
    kept = tuple(meta for meta in get_args(annotation)[1:] if meta is not _LOCALIZED)
    return Annotated[(get_args(annotation)[0], *kept, LanguageOf(text, language))]


def _is_localized(annotation: Any) -> bool:
    return get_origin(annotation) is Annotated and _LOCALIZED in get_args(annotation)[1:]


def expand_localized(namespace: dict[str, Any]) -> None:
    """Rewrite a class body's ``Localized`` declarations into one field per language, in place
    and in order, before pydantic (or SQLModel) reads the fields."""
    annotations: dict[str, Any] = namespace.get("__annotations__", {})
    if not any(map(_is_localized, annotations.values())):
        return
    expanded: dict[str, Any] = {}
    missing = object()
    for name, annotation in annotations.items():
        if not _is_localized(annotation):
            expanded[name] = annotation
            continue
        default = namespace.pop(name, missing)
        for language in LANGUAGES:
            field = localized_name(name, language)
            expanded[field] = _expanded(annotation, name, language)
            if default is not missing:
                # A FieldInfo belongs to one field: each language gets its own copy.
                namespace[field] = copy.copy(default) if isinstance(default, FieldInfo) else default
    namespace["__annotations__"] = expanded


class _Expanding(type):
    """Expands a class body's ``Localized`` fields, then lets the model's own metaclass (next
    in the order of bases) build the class from them."""

    def __new__(
        mcs, name: str, bases: tuple[type[Any], ...], namespace: dict[str, Any], **kwargs: Any
    ) -> Any:
        expand_localized(namespace)
        return super().__new__(mcs, name, bases, namespace, **kwargs)


class LocalizedModelMeta(_Expanding, ModelMetaclass):
    """Pydantic's model metaclass, with ``Localized`` fields expanded first."""


class LocalizedTableMeta(_Expanding, SQLModelMetaclass):
    """SQLModel's metaclass, with ``Localized`` columns expanded first."""


def text_in(record: Any, text: str, language: str) -> Any:
    return getattr(record, localized_name(text, language))


def by_language(record: Any, text: str) -> dict[str, Any]:
    """A text of ``record`` in every language, by language code: ``{"en": ..., "ar": ...}``."""
    return {code: text_in(record, text, code) for code in LANGUAGES}


def keyed(text: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """A text's value in each language, keyed as its fields are: ``{"title_en": ..., ...}``."""
    return {localized_name(text, code): values[code] for code in LANGUAGES}


def texts(record: Any, text: str, named: str | None = None) -> dict[str, Any]:
    """A text of ``record`` in every language, keyed as declared (``{"name_en": ..., ...}``) or
    as the text ``named``: what a model built from it takes as keywords. No record gives the
    text as absent (None) in every language."""
    values = by_language(record, text) if record is not None else dict.fromkeys(LANGUAGES)
    return keyed(named or text, values)


def localized_columns(text: str, *, nullable: bool) -> list[sa.Column[str]]:
    """A text's columns, one per configured language, for a migration to create."""
    return [
        sa.Column(localized_name(text, code), sa.String(), nullable=nullable) for code in LANGUAGES
    ]


def localized_fields(model: type[BaseModel]) -> dict[str, str]:
    """Each field declared ``Localized``, mapped to its text's name:
    ``{"name_en": "name", "name_ar": "name"}``."""
    return {
        name: meta.text
        for name, info in model.model_fields.items()
        for meta in info.metadata
        if isinstance(meta, LanguageOf)
    }


def localized_texts(model: type[BaseModel]) -> list[str]:
    """The texts ``model`` declares ``Localized``, each once, in declaration order."""
    return list(dict.fromkeys(localized_fields(model).values()))
