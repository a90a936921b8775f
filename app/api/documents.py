"""Serving a stored document: one lookup by key, the bytes as they were rendered."""

from fastapi import HTTPException
from fastapi.responses import Response

from app.api.representation import Representation, document_response
from app.core.db import ReadOnlyDatabase
from app.rendered import DocumentKind
from app.representations import Language


def stored_document(
    database: ReadOnlyDatabase, kind: DocumentKind, key: str, language: Language | None
) -> bytes | None:
    row = database.first(
        f"SELECT {Representation(language).body_column} FROM rendered_document "
        "WHERE resource = ? AND key = ?",
        [kind.value, key],
    )
    return row[0] if row else None


def serve_document(
    database: ReadOnlyDatabase,
    kind: DocumentKind,
    key: str,
    language: Language | None,
    missing: str,
) -> Response:
    body = stored_document(database, kind, key, language)
    if body is None:
        raise HTTPException(status_code=404, detail=missing)
    return document_response(body)
