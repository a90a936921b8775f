"""``lang=en|ar``: collapse every bilingual pair (``name_en``/``name_ar``) into one field."""

import json
from typing import Annotated, Any, Literal

from fastapi import Query
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api.rewrite import rewrite_json_response

Language = Literal["en", "ar"]
SUFFIXES = ("_en", "_ar")


async def language_parameter(
    lang: Annotated[
        Language | None,
        Query(
            description="`en` or `ar`: give each bilingual field once, as `name` rather "
            "than `name_en` and `name_ar`."
        ),
    ] = None,
) -> None:
    # Declared on every operation so it is documented and validated; LanguageMiddleware acts.
    return None


def bilingual_base(key: str, keys: Any) -> str | None:
    """``name`` for ``name_en`` or ``name_ar`` when both halves of the pair are present."""
    if key.endswith(SUFFIXES):
        base = key[:-3]
        if f"{base}_en" in keys and f"{base}_ar" in keys:
            return base
    return None


def collapse(value: Any, language: Language) -> Any:
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


def requested_language(scope: Scope) -> Language | None:
    for pair in scope["query_string"].split(b"&"):
        if pair in (b"lang=en", b"lang=ar"):
            return "en" if pair.endswith(b"en") else "ar"
    return None


class LanguageMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        language = requested_language(scope) if scope["type"] == "http" else None
        if language is None:
            await self.app(scope, receive, send)
            return

        def collapse_body(_headers: MutableHeaders, payload: Any) -> bytes:
            collapsed = collapse(payload, language)
            return json.dumps(collapsed, ensure_ascii=False, separators=(",", ":")).encode()

        await rewrite_json_response(self.app, scope, receive, send, collapse_body)


def localized_schema(schema: Any, suffix: str) -> Any:
    """The JSON schema of a response collapsed by ``lang``, with refs to localized variants."""
    if isinstance(schema, list):
        return [localized_schema(item, suffix) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result: dict[str, Any] = {}
    properties = schema.get("properties", {})
    for key, value in schema.items():
        if key == "$ref":
            result[key] = value + suffix
        elif key == "properties":
            result[key] = {}
            for name, prop in value.items():
                base = bilingual_base(name, value)
                if base is None:
                    result[key][name] = localized_schema(prop, suffix)
                elif base not in result[key]:
                    result[key][base] = localized_schema(prop, suffix)
        elif key == "required":
            required: list[str] = []
            for name in value:
                name = bilingual_base(name, properties) or name
                if name not in required:
                    required.append(name)
            result[key] = required
        else:
            result[key] = localized_schema(value, suffix)
    return result
