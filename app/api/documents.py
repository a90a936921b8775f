"""Serving a stored document: one lookup by key, rendered in the language asked for."""

from fastapi import HTTPException
from fastapi.responses import Response

from app.api.representation import Representation, document_response
from app.core.db import ReadOnlyDatabase
from app.rendered import DOCUMENT_MODELS, DocumentKind


def stored_document(
    database: ReadOnlyDatabase, kind: DocumentKind, key: str, language: str | None
) -> bytes | None:
    row = database.first(
        "SELECT body FROM rendered_document WHERE resource = ? AND key = ?", [kind.value, key]
    )
    if row is None:
        return None
    model = DOCUMENT_MODELS[kind]
    # The export is the tables as they are: every language, whatever ``lang`` says.
    return row[0] if model is None else Representation(language).stored(row[0], model)


def serve_document(
    database: ReadOnlyDatabase,
    kind: DocumentKind,
    key: str,
    language: str | None,
    missing: str,
) -> Response:
    body = stored_document(database, kind, key, language)
    if body is None:
        raise HTTPException(status_code=404, detail=missing)
    return document_response(body)
