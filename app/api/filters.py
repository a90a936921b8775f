"""Query filters several lists share."""

from typing import Annotated

from fastapi import Query

from app.models import Support

SupportFilter = Annotated[
    Support | None,
    Query(description="Only facts with this support grade, e.g. corroborated."),
]
