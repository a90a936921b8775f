"""What routes depend on: the database, and lookups of the record a URL names (404 if none).

The database is reached through the request rather than as a dependency of its own: each
dependency FastAPI solves costs more than the lookup it would wrap.
"""

from typing import Annotated

from fastapi import Depends, Path, Request

from app.api.documents import missing
from app.api.pagination import MAX_OFFSET
from app.core.db import ReadOnlyDatabase
from app.rendered import DocumentKind


def database_of(request: Request) -> ReadOnlyDatabase:
    database: ReadOnlyDatabase = request.app.state.database
    return database


RoundNumber = Annotated[int, Path(ge=1, le=MAX_OFFSET, description="The round's number.")]
RecordId = Annotated[str, Path(max_length=200, description="The record's slug.")]


def require(request: Request, kind: DocumentKind, key: str) -> str:
    """The record's key, or a 404 saying what is missing."""
    found = database_of(request).first(
        "SELECT 1 FROM rendered_document WHERE resource = ? AND key = ?", [kind.value, key]
    )
    if found is None:
        raise missing(kind, key)
    return key


async def get_round(request: Request, number: RoundNumber) -> str:
    return require(request, DocumentKind.round, str(number))


OtherRoundNumber = Annotated[
    int,
    Path(
        ge=1,
        le=MAX_OFFSET,
        description="The number of the round to compare with: another round than `number` (a "
        "round compared with itself is a 422).",
    ),
]


async def get_other_round(request: Request, other: OtherRoundNumber) -> str:
    return require(request, DocumentKind.round, str(other))


async def get_participant(request: Request, participant_id: RecordId) -> str:
    return require(request, DocumentKind.participant, participant_id)


async def get_issue(request: Request, issue_id: RecordId) -> str:
    return require(request, DocumentKind.issue, issue_id)


async def get_source(request: Request, source_id: RecordId) -> str:
    return require(request, DocumentKind.source, source_id)


# Each names a record that exists: its key as the stored documents and lists are keyed.
RoundKey = Annotated[str, Depends(get_round)]
OtherRoundKey = Annotated[str, Depends(get_other_round)]
ParticipantKey = Annotated[str, Depends(get_participant)]
IssueKey = Annotated[str, Depends(get_issue)]
SourceKey = Annotated[str, Depends(get_source)]
