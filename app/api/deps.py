"""What routes depend on: the database, and lookups of the record a URL names (404 if none)."""

from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request

from app.api.pagination import MAX_OFFSET
from app.core.db import ReadOnlyDatabase
from app.rendered import DocumentKind


async def get_database(request: Request) -> ReadOnlyDatabase:
    database: ReadOnlyDatabase = request.app.state.database
    return database


DatabaseDep = Annotated[ReadOnlyDatabase, Depends(get_database)]

RoundNumber = Annotated[int, Path(ge=1, le=MAX_OFFSET, description="The round's number.")]
RecordId = Annotated[str, Path(max_length=200, description="The record's slug.")]


def require(database: ReadOnlyDatabase, kind: DocumentKind, key: str, missing: str) -> str:
    """The record's key, or a 404 saying what is missing."""
    if (
        database.first(
            "SELECT 1 FROM rendered_document WHERE resource = ? AND key = ?", [kind.value, key]
        )
        is None
    ):
        raise HTTPException(status_code=404, detail=missing)
    return key


async def get_round(database: DatabaseDep, number: RoundNumber) -> str:
    return require(database, DocumentKind.round, str(number), f"No round numbered {number}.")


async def get_other_round(database: DatabaseDep, other: RoundNumber) -> str:
    return require(database, DocumentKind.round, str(other), f"No round numbered {other}.")


async def get_participant(database: DatabaseDep, participant_id: RecordId) -> str:
    return require(
        database,
        DocumentKind.participant,
        participant_id,
        f"No participant with id '{participant_id}'.",
    )


async def get_issue(database: DatabaseDep, issue_id: RecordId) -> str:
    return require(database, DocumentKind.issue, issue_id, f"No issue with id '{issue_id}'.")


async def get_source(database: DatabaseDep, source_id: RecordId) -> str:
    return require(database, DocumentKind.source, source_id, f"No source with id '{source_id}'.")


# Each names a record that exists: its key as the stored documents and lists are keyed.
RoundKey = Annotated[str, Depends(get_round)]
OtherRoundKey = Annotated[str, Depends(get_other_round)]
ParticipantKey = Annotated[str, Depends(get_participant)]
IssueKey = Annotated[str, Depends(get_issue)]
SourceKey = Annotated[str, Depends(get_source)]
