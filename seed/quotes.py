"""Finding a curated quote in its document: verbatim, never normalised."""


class QuoteNotFound(ValueError):
    pass


def occurrences(text: str, quote: str) -> list[int]:
    """Where each occurrence of ``quote`` starts in ``text``, overlapping ones included.

    This is what ``occurrence: N`` counts, for the validator and for ``python -m seed find``.
    """
    starts: list[int] = []
    position = text.find(quote)
    while position != -1:
        starts.append(position)
        position = text.find(quote, position + 1)
    return starts


def locate_quote(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """Return the [start, end) code-point offsets of ``quote`` in ``text``.

    A quote that appears more than once must say which ``occurrence`` (1-based) it means, so
    that an offset never silently points at the wrong sentence.
    """
    starts = occurrences(text, quote)
    if not starts:
        raise QuoteNotFound("quote not found verbatim in the document")
    if occurrence is None:
        if len(starts) > 1:
            raise QuoteNotFound(
                f"quote appears {len(starts)} times in the document; "
                "add `occurrence: N` to say which one is meant"
            )
        occurrence = 1
    if occurrence > len(starts):
        raise QuoteNotFound(
            f"occurrence {occurrence} requested but the quote appears {len(starts)} time(s)"
        )
    start = starts[occurrence - 1]
    return start, start + len(quote)
