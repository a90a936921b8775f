"""Support grades and glosses: how well each fact is supported, and each quote in English."""

from typing import Any

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
    """The grade agrees with the citations it was computed from."""
    assert record["source_count"] == len(sources_of(record))
    if record["support"] == "single_source":
        assert record["source_count"] == 1
    elif record["support"] == "corroborated":
        assert record["source_count"] >= 2
    else:
        assert record["support"] == "disputed"


def test_round_2_venue_is_disputed(client: TestClient) -> None:
    venues = client.get(f"{API}/rounds/2").json()["venues"]
    assert len(venues) == 2
    for venue in venues:
        assert venue["support"] == "disputed"
        assert_graded(venue)


def test_direct_flights_in_round_2_is_corroborated_by_the_four_articles_reporting_it(
    client: TestClient,
) -> None:
    flights = by_id(items(client.get(f"{API}/rounds/2/issues")))["direct-flights"]
    assert flights["support"] == "corroborated"
    assert flights["source_count"] == len(sources_of(flights))
    assert sources_of(flights) >= {
        "constructive-talks-istanbul",
        "istanbul-meeting-preview",
        "istanbul-round-two-opens",
        "toxic-legacy-talks",
    }


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
    assert len(titles["versions"]) == 4
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
