"""Serving a stored document: one lookup by key, rendered in the language asked for."""

from fastapi import HTTPException
from fastapi.responses import Response
from pydantic import BaseModel

from app.api.representation import Representation, document_response
from app.core.db import ReadOnlyDatabase
from app.rendered import DOCUMENT_MODELS, DocumentKind

# What a 404 says for a document that is not there, by kind: for its URL and for its nested lists.
MISSING = {
    DocumentKind.round: "No round numbered {}.",
    DocumentKind.participant: "No participant with id '{}'.",
    DocumentKind.issue: "No issue with id '{}'.",
    DocumentKind.source: "No source with id '{}'.",
    DocumentKind.comparison: "No comparison of rounds {} and {}.",
}


def missing(kind: DocumentKind, key: str) -> HTTPException:
    return HTTPException(status_code=404, detail=MISSING[kind].format(*key.split("/")))


def document_of(kind: DocumentKind) -> type[BaseModel] | None:
    """The response model a document is served through, for the route to declare."""
    return DOCUMENT_MODELS[kind]


def stored_document(
    database: ReadOnlyDatabase, kind: DocumentKind, key: str, language: str | None
) -> bytes | None:
    row = database.first(
        "SELECT body, lang_spans FROM rendered_document WHERE resource = ? AND key = ?",
        [kind.value, key],
    )
    if row is None:
        return None
    model = DOCUMENT_MODELS[kind]
    # The export is the tables as they are: every language, whatever ``lang`` says.
    return (
        row[0] if model is None else Representation(language).stored([(row[0], row[1])], model)[0]
    )


def serve_document(
    database: ReadOnlyDatabase,
    kind: DocumentKind,
    key: str,
    language: str | None,
) -> Response:
    body = stored_document(database, kind, key, language)
    if body is None:
        raise missing(kind, key)
    return document_response(body)
