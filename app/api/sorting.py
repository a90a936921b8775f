"""``sort=field,-field`` on lists, from a per-list allow-list: never raw column names."""

from typing import Annotated, Any

from fastapi import Depends, Query

from app.api.errors import pattern_meaning


def sorting(**columns: str) -> Any:
    """A dependency giving ORDER BY terms for ``sort``; ``columns`` maps fields to columns of
    the stored list."""
    names = "|".join(columns)
    allowed = ", ".join(columns)
    pattern = pattern_meaning(
        rf"^-?({names})(,-?({names}))*$",
        f"must be one or more of the fields {allowed}, separated by commas, each with - before "
        "it to sort in descending order",
    )
    description = (
        "Comma-separated fields to sort by, `-` before a field for descending. "
        f"Allowed: {', '.join(f'`{name}`' for name in columns)}."
    )

    async def order_by(
        sort: Annotated[
            str | None, Query(max_length=200, pattern=pattern, description=description)
        ] = None,
    ) -> list[str]:
        if not sort:
            return []
        # A field named twice is harmless: the first mention decides, SQL ignores the rest.
        return [
            f"{columns[field[1:]]} DESC" if field.startswith("-") else f"{columns[field]} ASC"
            for field in sort.split(",")
        ]

    return Depends(order_by)
