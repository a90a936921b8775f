""" "Did you mean": for a search that finds nothing, the query with each word that is no known
name replaced by the nearest one (``Darchev`` → ``darchiev``, ``Lavrof`` → ``lavrov``).

Served beside the results, never mixed into them: a client shows it as a link to the
suggested search. Names are what people misspell and what the sources spell several ways, so
the words offered are those of names, aliases, titles, venues and named items, in every
language the index holds.
"""

import difflib
from collections import Counter, defaultdict
from functools import lru_cache

from app.core.db import ReadOnlyDatabase
from app.search.normalize import stem, tokens

NAME_FIELDS = ("name", "alias", "title", "venue", "item")
# How alike a word and a name must be (difflib's ratio): one or two letters apart in a name.
CUTOFF = 0.8


class Names:
    """One build's names, by length, each with its letters."""

    def __init__(self, words: set[str]) -> None:
        self.known = frozenset(words | {stem(word) for word in words})
        self.by_length: dict[int, list[tuple[str, frozenset[str]]]] = defaultdict(list)
        for word in sorted(words):
            self.by_length[len(word)].append((word, frozenset(word)))

    def could_be_near(self, word: str) -> list[str]:
        """The names that could be as alike as CUTOFF: every other name fails difflib's own
        first tests (``real_quick_ratio`` by length, ``quick_ratio`` by the letters two words
        share), so the nearest name is the same, found among far fewer.

        The letters shared, counted as ``quick_ratio`` counts them, are at most the word's
        letters that the name has at all: a bound the name must reach."""
        size, counts = len(word), Counter(word)
        letters = frozenset(counts)
        found = []
        for length, names in self.by_length.items():
            if 2.0 * min(size, length) / (size + length) < CUTOFF:
                continue
            for name, its_letters in names:
                shared = letters & its_letters
                bound = len(shared) if len(counts) == size else sum(counts[c] for c in shared)
                if 2.0 * bound / (size + length) >= CUTOFF:
                    found.append(name)
        return found


@lru_cache(maxsize=4)
def _names(database: ReadOnlyDatabase) -> Names:
    # One build's names, read once per open database (the file never changes under it).
    placeholders = ", ".join("?" * len(NAME_FIELDS))
    rows = database.all(
        f"SELECT terms FROM search_entry WHERE field IN ({placeholders})", list(NAME_FIELDS)
    )
    return Names({word for (terms,) in rows for word in str(terms).split()})


def suggestions(database: ReadOnlyDatabase, q: str) -> list[str]:
    """The query with its unknown words replaced by the nearest names, if any word was."""
    names = _names(database)
    suggested, replaced = [], False
    for word in dict.fromkeys(tokens(q)):
        if word in names.known or stem(word) in names.known or not word.isalpha():
            suggested.append(word)
            continue
        nearest = difflib.get_close_matches(word, names.could_be_near(word), n=1, cutoff=CUTOFF)
        suggested.append(nearest[0] if nearest else word)
        replaced = replaced or bool(nearest)
    return [" ".join(suggested)] if replaced else []
