"""What autogenerate compares: everything but the hand-made FTS5 search index."""

SEARCH_INDEX = "search_entry"


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Leave the FTS5 search index (and its shadow tables) out of autogenerate."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_INDEX))
