"""The ``support`` filter shared by every list of fact-bearing objects."""

from typing import Annotated, Any, TypeVar

from fastapi import Query
from sqlmodel import col, select

from app.models import Fact, Support

SupportFilter = Annotated[
    Support | None,
    Query(description="Only facts with this support grade, e.g. corroborated."),
]

Statement = TypeVar("Statement", bound=Any)


def with_support(statement: Statement, fact_id: Any, support: Support | None) -> Statement:
    """Keep the rows whose fact (``fact_id`` column) has the requested support grade."""
    if support is None:
        return statement
    graded = select(Fact.id).where(Fact.support == support.value)
    filtered: Statement = statement.where(col(fact_id).in_(graded))
    return filtered
