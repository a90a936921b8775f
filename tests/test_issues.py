from fastapi.testclient import TestClient

from tests.helpers import API, assert_problem, by_id, items, sources_of


def test_issue_detail_is_bilingual_and_cited(client: TestClient) -> None:
    flights = client.get(f"{API}/issues/direct-flights").json()
    assert flights["name_en"] == "Resumption of direct flights"
    assert flights["name_ar"] == "استئناف الرحلات الجوية المباشرة"
    assert sources_of(flights) == {"constructive-talks-istanbul", "ryabkov-new-round"}


def test_issues_filter_by_round_and_side(client: TestClient) -> None:
    raised_by_us_in_round_2 = by_id(items(client.get(f"{API}/issues?round=2&raised_by=US")))
    # Only what a source about round 2 itself says the US raised (background sentences cannot).
    assert set(raised_by_us_in_round_2) == {"local-staff-hiring-ban"}
    round_1 = by_id(items(client.get(f"{API}/issues?round=1")))
    assert set(round_1) == {
        "visas",
        "international-contributions",
        "biden-era-legacy",
        "mission-working-conditions",
    }
    raised_by_russia = by_id(items(client.get(f"{API}/issues?raised_by=RU")))
    assert {"direct-flights", "seized-diplomatic-property", "banking-for-missions"} <= set(
        raised_by_russia
    )
    assert "local-staff-hiring-ban" not in raised_by_russia
    assert items(client.get(f"{API}/issues?round=9")) == []


def test_direct_flights_path_through_the_meetings(client: TestClient) -> None:
    path = items(client.get(f"{API}/issues/direct-flights/rounds"))
    assert [(step["round"]["id"], step["raised_by"], step["outcome"]) for step in path] == [
        ("riyadh-meeting", ["RU"], "proposed"),
        ("round-2", ["RU"], "raised"),
    ]
    assert sources_of(path[0]) == {"ryabkov-new-round"}


def test_visas_moved_from_limited_progress_to_raised_again(client: TestClient) -> None:
    path = items(client.get(f"{API}/issues/visas/rounds"))
    assert [(step["round"]["number"], step["outcome"]) for step in path] == [
        (1, "limited_progress"),
        (2, "raised"),
    ]


def test_issue_page_shows_its_path_through_the_rounds(client: TestClient) -> None:
    visas = client.get(f"{API}/issues/visas").json()
    assert [(step["round"]["number"], step["outcome"]) for step in visas["path"]] == [
        (1, "limited_progress"),
        (2, "raised"),
    ]
    assert visas["path"] == items(client.get(f"{API}/issues/visas/rounds"))
    flights = client.get(f"{API}/issues/direct-flights").json()
    assert [(s["round"]["id"], s["outcome"]) for s in flights["path"]] == [
        ("riyadh-meeting", "proposed"),
        ("round-2", "raised"),
    ]


def test_unknown_issue_is_404(client: TestClient) -> None:
    assert_problem(client.get(f"{API}/issues/teleportation"), 404)
    assert_problem(client.get(f"{API}/issues/teleportation/rounds"), 404)


def test_bad_issue_filters_are_422(client: TestClient) -> None:
    for query in ("round=two", "round=0", "raised_by=FR", "limit=abc"):
        assert_problem(client.get(f"{API}/issues?{query}"), 422)
