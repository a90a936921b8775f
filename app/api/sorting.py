"""``sort=field,-field`` on lists, from a per-list allow-list: never raw column names."""

from typing import Annotated, Any

from fastapi import Depends, Query
from sqlalchemy.sql.elements import ColumnElement


def sorting(**columns: Any) -> Any:
    """A dependency giving ORDER BY clauses for ``sort``; ``columns`` maps names to columns."""
    names = "|".join(columns)
    pattern = rf"^-?({names})(,-?({names}))*$"
    description = (
        "Comma-separated fields to sort by, `-` before a field for descending. "
        f"Allowed: {', '.join(f'`{name}`' for name in columns)}."
    )

    async def order_by(
        sort: Annotated[
            str | None, Query(max_length=200, pattern=pattern, description=description)
        ] = None,
    ) -> list[ColumnElement[Any]]:
        if not sort:
            return []
        # A field named twice is harmless: the first mention decides, SQL ignores the rest.
        fields = sort.split(",")
        return [
            columns[field[1:]].desc() if field.startswith("-") else columns[field].asc()
            for field in fields
        ]

    return Depends(order_by)
