"""Support grades and glosses: how well each fact is supported, and each quote in English."""

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.helpers import API, FIVE_ARTICLES, assert_problem, by_id, items, sources_of

# Every list of fact-bearing objects takes `support=`.
SUPPORT_FILTERED_LISTS = (
    "/rounds",
    "/rounds/2/issues",
    "/rounds/2/participants",
    "/participants",
    "/participants/alexander-darchiev/rounds",
    "/issues",
    "/issues/visas/rounds",
    "/statements",
    "/events",
    "/sources/constructive-talks-istanbul/citations",
)


def assert_graded(record: dict[str, Any]) -> None:
    """Each claim's grade agrees with the citations that support it directly, and the record's
    own grade is its own claim's."""
    own = next(iter(record["claims"]))
    assert record["claims"][own] == {
        "support": record["support"],
        "source_count": record["source_count"],
    }
    for claim, graded in record["claims"].items():
        direct = {
            citation["source_id"]
            for citation in record["citations"]
            if claim in citation["claims"] and not citation["inferred"]
        }
        assert graded["source_count"] == len(direct), claim
        if graded["support"] == "single_source":
            assert graded["source_count"] == 1
        elif graded["support"] == "corroborated":
            assert graded["source_count"] >= 2
        elif graded["support"] == "inferred":
            assert graded["source_count"] == 0
        else:
            assert graded["support"] == "disputed" and claim == own


def test_round_2_venue_is_disputed(client: TestClient) -> None:
    venues = client.get(f"{API}/rounds/2").json()["venues"]
    assert len(venues) == 2
    for venue in venues:
        assert venue["support"] == "disputed"
        assert_graded(venue)


def test_direct_flights_in_round_2_came_up_in_four_articles(client: TestClient) -> None:
    flights = by_id(items(client.get(f"{API}/rounds/2/issues")))["direct-flights"]
    assert flights["support"] == "corroborated"
    assert_graded(flights)
    came_up = {c["source_id"] for c in flights["citations"] if "came_up" in c["claims"]}
    assert came_up >= {
        "constructive-talks-istanbul",
        "istanbul-meeting-preview",
        "istanbul-round-two-opens",
        "toxic-legacy-talks",
    }
    # All four put it on the round's agenda: as a goal, a topic, a plan, or at the table.
    assert flights["claims"]["on_agenda"]["support"] == "corroborated"


@pytest.mark.five_articles
def test_only_one_article_says_russia_raised_direct_flights_in_round_2(
    client: TestClient,
) -> None:
    # «كما أثار الجانب الروسي مسألة استئناف الرحلات الجوية المباشرة»: the others list it as a
    # goal, a topic or a plan, naming no side at the table.
    flights = by_id(items(client.get(f"{API}/rounds/2/issues")))["direct-flights"]
    assert flights["raised_by"] == ["RU"]
    assert flights["claims"]["raised_by"] == {"support": "single_source", "source_count": 1}
    raisers = {c["source_id"] for c in flights["citations"] if "raised_by" in c["claims"]}
    assert raisers == {"constructive-talks-istanbul"}
    single = items(client.get(f"{API}/rounds/2/issues?claim=raised_by&support=single_source"))
    assert "direct-flights" in by_id(single)
    corroborated = items(client.get(f"{API}/rounds/2/issues?claim=raised_by&support=corroborated"))
    assert "direct-flights" not in by_id(corroborated)


def test_round_3_is_not_corroborated_by_the_curators_identification(client: TestClient) -> None:
    # Darchiev's "new round of consultations" is taken as Ryabkov's round by the curators
    # alone: that citation is served, marked inferred, and counts for nothing.
    third = client.get(f"{API}/rounds/3").json()
    assert third["support"] != "corroborated"
    assert_graded(third)
    inferred = [c for c in third["citations"] if c["inferred"]]
    assert {c["source_id"] for c in inferred} == {"constructive-talks-istanbul"}
    assert all(c["note_en"] and c["note_ar"] for c in inferred)


ARABIC = re.compile(r"[\u0600-\u06ff]")


def notes_in(value: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every note in a collapsed (``lang``) response: the fields named ``note`` or ``*_note``."""
    found: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "note" or key.endswith("_note"):
                found.append((f"{path}.{key}", inner))
            else:
                found += notes_in(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += notes_in(inner, f"{path}[{index}]")
    return found


def test_every_note_is_served_in_arabic_under_lang_ar(client: TestClient) -> None:
    rounds = items(client.get(f"{API}/rounds"))
    lists = ["/rounds", "/conflicts", "/statements", "/events", "/issues", "/participants"]
    lists += [
        f"/rounds/{r['number']}/{nested}" for r in rounds for nested in ("issues", "participants")
    ]
    documents = [f"/sources/{s['id']}" for s in items(client.get(f"{API}/sources"))]
    documents += [
        f"/participants/{p['id']}" for p in items(client.get(f"{API}/participants?limit=500"))
    ]
    documents += [f"/issues/{i['id']}" for i in items(client.get(f"{API}/issues?limit=500"))]
    responses = [client.get(f"{API}{path}?limit=500&lang=ar") for path in lists]
    responses += [client.get(f"{API}{path}?lang=ar") for path in documents]
    written = 0
    for response in responses:
        assert response.status_code == 200, response.url
        for where, note in notes_in(response.json(), str(response.url)):
            if note is not None:
                written += 1
                assert ARABIC.search(note), (where, note)
    assert written


def test_a_participant_is_corroborated_by_every_article_that_names_them(
    client: TestClient,
) -> None:
    darchiev = client.get(f"{API}/participants/alexander-darchiev").json()
    assert darchiev["support"] == "corroborated"
    assert sources_of(darchiev) >= FIVE_ARTICLES
    rubio = client.get(f"{API}/participants/marco-rubio").json()
    assert (rubio["support"], rubio["source_count"]) == ("single_source", 1)
    coulter_titles = client.get(f"{API}/participants/sonata-coulter").json()["titles"]
    assert {title["support"] for title in coulter_titles} == {"disputed"}


def test_facts_from_one_article_are_single_source(client: TestClient) -> None:
    statement = by_id(items(client.get(f"{API}/statements?participant=alexander-darchiev")))[
        "darchiev-limited-progress-on-visas"
    ]
    assert (statement["support"], statement["source_count"]) == ("single_source", 1)
    visas_round_1 = items(client.get(f"{API}/issues/visas/rounds"))[0]
    assert visas_round_1["round"]["number"] == 1
    assert (visas_round_1["support"], visas_round_1["source_count"]) == ("single_source", 1)


def test_every_version_of_a_conflict_is_disputed_and_nothing_else_is(client: TestClient) -> None:
    conflicts = items(client.get(f"{API}/conflicts?limit=500"))
    titles = {c["subject"]["id"]: c for c in conflicts if c["field"] == "title"}["sonata-coulter"]
    # The titles that disagree: ryabkov-new-round's shorter form is folded into the preferred.
    assert len(titles["versions"]) == 3
    for conflict in conflicts:
        for version in conflict["versions"]:
            assert version["support"] == "disputed"
            assert_graded(version)
    # Facts that are not one of several versions are never disputed.
    for path in ("/issues", "/statements", "/events"):
        for record in items(client.get(f"{API}{path}?limit=500")):
            assert record["support"] != "disputed", record["id"]
            assert_graded(record)


def test_the_support_filter_keeps_only_that_grade(client: TestClient) -> None:
    corroborated = by_id(items(client.get(f"{API}/rounds/2/issues?support=corroborated")))
    assert "direct-flights" in corroborated
    assert all(issue["support"] == "corroborated" for issue in corroborated.values())
    single = by_id(items(client.get(f"{API}/rounds/2/issues?support=single_source")))
    assert single and not set(single) & set(corroborated)
    everything = client.get(f"{API}/rounds/2/issues").json()["total"]
    assert len(single) + len(corroborated) == everything
    for path in SUPPORT_FILTERED_LISTS:
        every = items(client.get(f"{API}{path}?limit=500"))
        assert every, path
        for grade in ("single_source", "corroborated", "disputed"):
            # Exactly the unfiltered items of that grade, in the same order: an empty answer
            # passes only where no item has the grade.
            expected = [
                record for record in every if record.get("fact", record)["support"] == grade
            ]
            assert items(client.get(f"{API}{path}?support={grade}&limit=500")) == expected, path


def test_an_unknown_support_grade_is_422(client: TestClient) -> None:
    for path in SUPPORT_FILTERED_LISTS:
        body = assert_problem(client.get(f"{API}{path}?support=probably"), 422)
        assert body["errors"][0]["name"] == "support"


def test_every_citation_has_an_english_gloss_by_the_curators_or_its_english_source(
    client: TestClient,
) -> None:
    for source in items(client.get(f"{API}/sources")):
        english = source["language"].split("-")[0] == "en"
        for citation in items(client.get(f"{API}/sources/{source['id']}/citations?limit=500")):
            assert citation["gloss_en"].strip(), citation["quote"]
            assert citation["gloss_by"] == ("source" if english else "curators")
            if english:
                assert citation["gloss_en"] == citation["quote"]
    citations = items(client.get(f"{API}/sources/constructive-talks-istanbul/citations?limit=500"))
    killenworth = [c for c in citations if "كيلينورث" in c["quote"]]
    assert killenworth and all("Killenworth" in c["gloss_en"] for c in killenworth)
