"""The answers the build stores for one-word searches are the search's own answers.

A one-word search is served from the list the build stored under its word
(``seed/stored_searches.py``); anything else is searched per request. Both come from the same
search code, so each stored answer is held here against that code run over the same file: for
every word the index holds, whole, and paged and filtered by type for a spread of them.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.api.pagination import MAX_LIMIT
from app.core.db import ReadOnlyDatabase
from app.schemas import SearchType
from app.search.query import EntryTexts, query_tokens
from app.search.results import search_results
from tests.helpers import API


@pytest.fixture(scope="module")
def database(database_path: Path) -> Iterator[ReadOnlyDatabase]:
    opened = ReadOnlyDatabase(database_path, query_timeout_seconds=10)
    yield opened
    opened.close()


def indexed_words(database: ReadOnlyDatabase) -> list[str]:
    rows = database.all("SELECT terms, stems FROM search_entry")
    return sorted({word for row in rows for column in row for word in str(column).split()})


def stored_words(database: ReadOnlyDatabase) -> list[str]:
    rows = database.all("SELECT parent FROM rendered_count WHERE list = 'search' AND support = ''")
    return sorted(parent for (parent,) in rows)


def searched(
    client: TestClient, word: str, **parameters: object
) -> tuple[int, list[dict[str, object]]]:
    response = client.get(f"{API}/search", params={"q": word, **parameters})
    assert response.status_code == 200, response.text
    page = response.json()
    return page["total"], page["items"]


def test_every_word_the_index_holds_has_its_answer_stored(database: ReadOnlyDatabase) -> None:
    words = [word for word in indexed_words(database) if query_tokens(word) == (word,)]
    assert words
    assert stored_words(database) == words


def test_each_stored_answer_is_what_the_search_finds(
    client: TestClient, database: ReadOnlyDatabase
) -> None:
    texts = EntryTexts(1 << 20)
    for word in stored_words(database):
        live = search_results(database, word, limit=MAX_LIMIT, texts=texts)
        assert searched(client, word, limit=MAX_LIMIT) == (live.total, live.page), word


def test_stored_answers_page_and_filter_as_the_search_does(
    client: TestClient, database: ReadOnlyDatabase
) -> None:
    texts = EntryTexts(1 << 20)
    # The words with the most results, where paging and filtering have most to get wrong.
    rows = database.all(
        "SELECT parent FROM rendered_count WHERE list = 'search' AND support = '' "
        "ORDER BY total DESC, parent LIMIT 40"
    )
    for (word,) in rows:
        for kind in [None, *SearchType]:
            for limit, offset in ((MAX_LIMIT, 0), (3, 0), (2, 3), (5, 40)):
                value = kind.value if kind else None
                live = search_results(database, word, value, limit, offset, texts)
                asked = {"limit": limit, "offset": offset} | ({"type": value} if value else {})
                assert searched(client, word, **asked) == (live.total, live.page), (word, asked)


def test_a_word_written_otherwise_gets_the_same_stored_answer(client: TestClient) -> None:
    # Folded as the index folds it: case and diacritics do not make another search.
    assert searched(client, "KILLENWORTH") == searched(client, "killenworth")
    total, items = searched(client, "Killenworth")
    assert total > 0
    assert {item["type"] for item in items} >= {"issue", "source"}
