import difflib
import html
import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.search.normalize import stem, tokens
from app.search.suggest import CUTOFF, NAME_FIELDS
from tests.helpers import API, assert_problem, items

DARCHIEV_SPELLINGS = [
    "Darchiev",
    "darchiev",
    "DARCHIEV",
    "دارتشييف",
    "دارشيف",
    "دارشييف",
    "ألكسندر دارشيف",
    "ألكسندر دارتشييف",
    "الكسندر دارشييف",
    "دارْشِيـيف",
    "Alexander Darchiev",
]


def search(client: TestClient, q: str, **params: str | int) -> list[dict[str, object]]:
    return items(client.get(f"{API}/search", params={"q": q, **params}))


def original_text(client: TestClient, result: dict[str, object]) -> str:
    """The text a result's offsets point into: a source's text, or the matched record field."""
    match = result["match"]
    assert isinstance(match, dict)
    if result["type"] == "source" and match["field"] == "text":
        return str(client.get(f"{API}/sources/{result['id']}").json()["text"])
    marked = re.search(r"<mark>(.*?)</mark>", str(match["snippet"]), flags=re.S)
    assert marked is not None
    return html.unescape(marked.group(1))


@pytest.mark.parametrize("spelling", DARCHIEV_SPELLINGS)
def test_every_spelling_of_darchiev_finds_him_first(client: TestClient, spelling: str) -> None:
    first = search(client, spelling)[0]
    assert (first["type"], first["id"]) == ("participant", "alexander-darchiev")
    assert first["label_en"] == "Alexander Darchiev"


@pytest.mark.parametrize(
    "q", ["رحلات جوية", "الرِّحْلات", "الرحلات الجوية المباشرة", "direct flights"]
)
def test_flights_find_the_direct_flights_issue(client: TestClient, q: str) -> None:
    first = search(client, q)[0]
    assert (first["type"], first["id"]) == ("issue", "direct-flights")


def test_arabic_match_offsets_point_into_the_original_text(client: TestClient) -> None:
    for result in search(client, "دارشيف", type="source"):
        text = original_text(client, result)
        match = result["match"]
        assert isinstance(match, dict)
        assert text[match["start"] : match["end"]] == "دارشيف"
        assert "<mark>دارشيف</mark>" in str(match["snippet"])


def test_killenworth_in_arabic_finds_the_source_that_names_it(client: TestClient) -> None:
    sources = search(client, "كيلينورث", type="source")
    assert [s["id"] for s in sources] == ["constructive-talks-istanbul"]
    text = original_text(client, sources[0])
    match = sources[0]["match"]
    assert isinstance(match, dict)
    assert text[match["start"] : match["end"]] == "كيلينورث"


def test_killenworth_in_english_finds_the_arabic_source_through_the_curated_name(
    client: TestClient,
) -> None:
    sources = search(client, "Killenworth", type="source")
    assert [s["id"] for s in sources] == ["constructive-talks-istanbul"]
    match = sources[0]["match"]
    assert isinstance(match, dict)
    text = original_text(client, sources[0])
    assert "كيلينورث" in text[match["start"] : match["end"]]
    assert str(sources[0]["via"]).startswith("issue:seized-diplomatic-property")
    everything = search(client, "Killenworth")
    assert (everything[0]["type"], everything[0]["id"]) == ("issue", "seized-diplomatic-property")


def test_search_filters_by_type_and_pages(client: TestClient) -> None:
    all_hits = client.get(f"{API}/search", params={"q": "دارشيف"}).json()
    sources = search(client, "دارشيف", type="source")
    assert {s["type"] for s in sources} == {"source"}
    assert len(sources) < all_hits["total"]
    second = client.get(f"{API}/search", params={"q": "دارشيف", "limit": 1, "offset": 1}).json()
    assert second["items"][0]["id"] == all_hits["items"][1]["id"]


def test_q_filters_lists_the_same_way(client: TestClient) -> None:
    assert [p["id"] for p in items(client.get(f"{API}/participants", params={"q": "دارشييف"}))] == [
        "alexander-darchiev"
    ]
    issues = [i["id"] for i in items(client.get(f"{API}/issues", params={"q": "رحلات"}))]
    assert "direct-flights" in issues
    assert "visas" not in issues
    sources = [s["id"] for s in items(client.get(f"{API}/sources", params={"q": "كيلينورث"}))]
    assert sources == ["constructive-talks-istanbul"]


HOSTILE = [
    'Darchiev" OR 1=1 --',
    "NEAR(a b)",
    "a AND b OR NOT c",
    "*",
    '"',
    "'",
    "((",
    "^x",
    "col:term",
    "دارشيف*",
    "ّ",
    "ًٌٍ",
    "\u200b\u200f\u202e",
    "\u202eدارشيف\u202c",
    "🙂",
    "%00",
    "\\x00",
    "<script>alert(1)</script>",
    "ـــ",
    "٠١٢٣",
    "NULL",
    "-- ;",
    "{}[]",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_find_what_they_find_and_never_fail(client: TestClient, q: str) -> None:
    response = client.get(f"{API}/search", params={"q": q})
    assert response.status_code == 200, response.text
    for result in response.json()["items"]:
        assert "<script>" not in result["match"]["snippet"]
    for path in ("/participants", "/issues", "/sources"):
        assert client.get(f"{API}{path}", params={"q": q}).status_code == 200


def test_syntax_characters_are_plain_text(client: TestClient) -> None:
    # Quotes, brackets and stars around a name change nothing: the name is what is searched,
    # and an operator word is just a word ("AND" finds records containing "and").
    for q in ('"دارشيف"', "(دارشيف)", "دارشيف*", "{دارشيف}:"):
        assert search(client, q)[0]["id"] == "alexander-darchiev"
    assert search(client, "\u202eدارشيف\u202c")[0]["id"] == "alexander-darchiev"


@pytest.mark.parametrize("q", ["", " ", "\t\n", "\u3000", "x" * 501, "ج" * 10_000])
def test_empty_whitespace_or_oversized_q_is_a_422(client: TestClient, q: str) -> None:
    body = assert_problem(client.get(f"{API}/search", params={"q": q}), 422)
    assert body["errors"][0]["name"] == "q"


def test_q_is_required(client: TestClient) -> None:
    assert_problem(client.get(f"{API}/search"), 422)
    assert_problem(client.get(f"{API}/search", params={"q": "x", "type": "planet"}), 422)


def test_an_english_word_finds_its_other_forms(client: TestClient) -> None:
    singular = items(client.get(f"{API}/search", params={"q": "flight"}))
    plural = items(client.get(f"{API}/search", params={"q": "flights"}))
    assert singular and {hit["id"] for hit in singular} == {hit["id"] for hit in plural}
    flights = next(hit for hit in singular if hit["id"] == "direct-flights")
    # The match is the word as the text has it, not the stem.
    assert flights["match"]["snippet"].endswith("<mark>flights</mark>")
    visa = items(client.get(f"{API}/search", params={"q": "visa"}))
    assert "visas" in {hit["id"] for hit in visa}


def test_a_misspelt_name_finds_nothing_and_suggests_the_name(client: TestClient) -> None:
    for typed, meant in (("Darchev", "darchiev"), ("Zaharova", "zakharova"), ("Lavrof", "lavrov")):
        body = client.get(f"{API}/search", params={"q": typed}).json()
        assert (body["total"], body["suggestions"]) == (0, [meant]), typed
        # The suggestion is a search that finds the name.
        found = client.get(f"{API}/search", params={"q": meant}).json()
        assert found["total"] > 0 and found["suggestions"] == []


def test_a_search_that_finds_something_suggests_nothing(client: TestClient) -> None:
    body = client.get(f"{API}/search", params={"q": "Darchiev"}).json()
    assert body["items"] and body["suggestions"] == []
    assert client.get(f"{API}/search", params={"q": "zzzznothing"}).json()["suggestions"] == []


def test_suggestions_are_difflibs_nearest_names(client: TestClient, database_path: Path) -> None:
    """The suggester looks only at names that could be near enough; what it offers is still
    difflib's nearest among all of them, held here over misspellings of every name."""
    connection = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)
    placeholders = ", ".join("?" * len(NAME_FIELDS))
    rows = connection.execute(
        f"SELECT terms FROM search_entry WHERE field IN ({placeholders})", NAME_FIELDS
    ).fetchall()
    connection.close()
    names = sorted({word for (terms,) in rows for word in terms.split()})
    known = set(names) | {stem(name) for name in names}
    misspelt = {
        typo
        for name in names
        if name.isalpha() and len(name) > 3
        for typo in (name[:2] + name[3:], name[:-1] + "x", name[1] + name[0] + name[2:])
    }
    compared = 0
    for typo in sorted(misspelt):
        if typo in known or stem(typo) in known or tokens(typo) != [typo]:
            continue
        body = client.get(f"{API}/search", params={"q": typo}).json()
        if body["total"]:
            continue  # found as it is: nothing is suggested
        nearest = difflib.get_close_matches(typo, names, n=1, cutoff=CUTOFF)
        assert body["suggestions"] == nearest, typo
        compared += 1
    assert compared > 100
