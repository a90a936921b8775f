"""The answer to every one-word search, worked out at build time and stored like a list.

Most searches are one word (a name, a place, a word typed into a search box). For each word
the index holds, as written or stemmed, the build asks the search code the server runs
(``app.search.results``) for its whole answer, over the file just built, and stores it as the
list ``search`` under that word: the server then reads a page of it as it reads any list,
and a word it does not hold, or a query of several words, is searched as before. The answer
is the server's own, so storing it cannot change one: a test compares the two on every word.
"""

from collections.abc import Iterable

from app.core.db import ReadOnlyDatabase
from app.rendered import Listing
from app.schemas import SearchResult
from app.search.query import EntryTexts, query_tokens
from app.search.results import search_results
from seed.render import Item, Rendered

# The build's own cache of the texts it reads, never the server's (whose entries are keyed by a
# finished build's seal, which this file does not have yet): large enough to read each text of
# today's data once, bounded so that a far larger build does not hold all of its texts at once.
TEXTS_READ_AT_BUILD = 1 << 16


def indexed_words(rows: Iterable[dict[str, object]]) -> list[str]:
    """Every word of the index's terms and stems, in order."""
    return sorted(
        {word for row in rows for c in ("terms", "stems") for word in str(row[c]).split()}
    )


def stored_searches(database: ReadOnlyDatabase, words: Iterable[str]) -> Rendered:
    """Each word's whole answer, as a stored list keyed by the word."""
    rendered = Rendered()
    texts = EntryTexts(TEXTS_READ_AT_BUILD)
    for word in words:
        if query_tokens(word) != (word,):
            continue  # not a query's word as the index folds it: never asked for as such
        results = search_results(database, word, texts=texts)
        items = [
            Item(
                f"{result['type']}:{result['id']}",
                SearchResult.model_validate(result),
                {"kind": result["type"]},
            )
            for result in results.page
        ]
        rendered.add_list(Listing.search, word, items)
    return rendered
