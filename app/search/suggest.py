""" "Did you mean": for a search that finds nothing, the query with each word that is no known
name replaced by the nearest one (``Darchev`` → ``darchiev``, ``Lavrof`` → ``lavrov``).

Served beside the results, never mixed into them: a client shows it as a link to the
suggested search. Names are what people misspell and what the sources spell several ways, so
the words offered are those of names, aliases, titles, venues and named items, in every
language the index holds.
"""

import difflib
from functools import lru_cache

from app.core.db import ReadOnlyDatabase
from app.search.normalize import stem, tokens

NAME_FIELDS = ("name", "alias", "title", "venue", "item")
# How alike a word and a name must be (difflib's ratio): one or two letters apart in a name.
CUTOFF = 0.8


@lru_cache(maxsize=4)
def _names(database: ReadOnlyDatabase) -> tuple[frozenset[str], tuple[str, ...]]:
    # One build's names, read once per open database (the file never changes under it).
    placeholders = ", ".join("?" * len(NAME_FIELDS))
    rows = database.all(
        f"SELECT terms FROM search_entry WHERE field IN ({placeholders})", list(NAME_FIELDS)
    )
    words = {word for (terms,) in rows for word in str(terms).split()}
    return frozenset(words | {stem(word) for word in words}), tuple(sorted(words))


def suggestions(database: ReadOnlyDatabase, q: str) -> list[str]:
    """The query with its unknown words replaced by the nearest names, if any word was."""
    known, names = _names(database)
    suggested, replaced = [], False
    for word in dict.fromkeys(tokens(q)):
        if word in known or stem(word) in known or not word.isalpha():
            suggested.append(word)
            continue
        nearest = difflib.get_close_matches(word, names, n=1, cutoff=CUTOFF)
        suggested.append(nearest[0] if nearest else word)
        replaced = replaced or bool(nearest)
    return [" ".join(suggested)] if replaced else []
