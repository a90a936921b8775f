from fastapi.testclient import TestClient

from tests.helpers import API, assert_problem, items, sources_of


def test_the_timeline_is_in_date_order(client: TestClient) -> None:
    events = items(client.get(f"{API}/events", params={"limit": 500}))
    assert client.get(f"{API}/events").json()["total"] == len(events)
    # Said "on or before" a day, with nothing to bound them from below: they may be the earliest,
    # so they come first.
    open_start = [e["id"] for e in events if e["earliest_date"] is None]
    assert {"lavrov-certain-progress", "us-normalisation-needs-ukraine-progress"} <= set(open_start)
    assert all(e["earliest_date"] is None for e in events[: len(open_start)])
    starts = [e["earliest_date"] for e in events[len(open_start) :]]
    assert starts == sorted(starts)
    meetings = [(e["id"], e["event_date"]) for e in events if e["kind"] == "meeting"]
    assert meetings == [
        ("riyadh-meeting", "2025-02-18"),
        ("round-1", "2025-02-27"),
        ("round-2", "2025-04-10"),
    ]
    kinds = {e["kind"] for e in events}
    assert kinds == {"meeting", "appointment", "announcement", "statement"}
    round_2_day = [e for e in events if e["event_date"] == "2025-04-10"]
    assert round_2_day[0]["id"] == "round-2"


def test_the_appointment_keeps_its_uncertain_date(client: TestClient) -> None:
    appointment = next(
        e for e in items(client.get(f"{API}/events", params={"kind": "appointment"}))
    )
    assert appointment["id"] == "darchiev-appointed-ambassador"
    # "Last week", in a preview dated only "today, Wednesday": no day, a window, inherited.
    assert appointment["event_date"] is None
    assert (appointment["earliest_date"], appointment["latest_date"]) == (
        "2025-03-29",
        "2025-04-08",
    )
    assert appointment["date_precision"] == "approximate"
    assert appointment["date_origin"] == "inherited"
    assert "الأسبوع الماضي" in appointment["date_note_en"]
    assert sources_of(appointment) == {"istanbul-meeting-preview"}


def test_the_new_round_announcement(client: TestClient) -> None:
    announced = items(client.get(f"{API}/events", params={"participant": "sergey-ryabkov"}))
    # The article dates itself ("last month" for round 2), not the announcement.
    assert [(e["id"], e["event_date"], e["date_precision"]) for e in announced] == [
        ("new-round-announced", None, "approximate"),
        ("ryabkov-announces-new-round", None, "approximate"),
    ]
    for announcement in announced:
        assert (announcement["earliest_date"], announcement["latest_date"]) == (
            "2025-04-10",
            "2025-05-31",
        )
        assert announcement["round"]["number"] == 3


def ids_between(client: TestClient, start: str, end: str, **params: str) -> list[str]:
    found = items(client.get(f"{API}/events", params={"from": start, "to": end, **params}))
    return [event["id"] for event in found]


def test_a_window_open_at_one_end_matches_by_the_day_that_bounds_it(client: TestClient) -> None:
    # Said "earlier" in the preview of 9 April: on or before that day, nothing bounds it below.
    week = ids_between(client, "2025-04-01", "2025-04-09")
    assert "lavrov-certain-progress" in week
    # Windows bounded at both ends overlap the week; the appointment "last week" falls in it.
    assert {"zakharova-venue-and-purpose", "darchiev-appointed-ambassador"} <= set(week)
    # The open window's last day is in April, so it is not in March unless overlap is asked for.
    march = ids_between(client, "2025-03-01", "2025-03-31")
    assert "lavrov-certain-progress" not in march
    assert "zakharova-venue-and-purpose" in march  # 27 February to 10 April overlaps March
    overlapping = ids_between(client, "2025-03-01", "2025-03-31", windows="overlap")
    assert "lavrov-certain-progress" in overlapping
    assert set(march) < set(overlapping)
    # Round 1, on 27 February, is in neither.
    assert "round-1" not in overlapping


def test_an_event_dated_by_a_window_matches_any_day_in_it(client: TestClient) -> None:
    may = ids_between(client, "2025-05-15", "2025-05-15")
    assert {"new-round-announced", "ryabkov-announces-new-round"} <= set(may)


def test_an_inverted_date_range_is_a_422_not_an_empty_list(client: TestClient) -> None:
    body = assert_problem(
        client.get(f"{API}/events", params={"from": "2025-06-01", "to": "2025-05-01"}), 422
    )
    assert body["errors"] == [
        {
            "location": "query",
            "name": "from",
            "message": "is after `to` (2025-05-01): the range is empty",
        }
    ]


def test_statements_after_round_2_are_on_the_timeline(client: TestClient) -> None:
    after = items(client.get(f"{API}/events", params={"from": "2025-04-10", "kind": "statement"}))
    assert "state-department-constructive" in {e["id"] for e in after}
    constructive = next(e for e in after if e["id"] == "state-department-constructive")
    assert constructive["statement_id"] == "state-department-constructive"
    assert constructive["title_en"] == "Statement by US Department of State"


def test_bad_event_filters_are_422(client: TestClient) -> None:
    for params in ({"from": "0"}, {"to": "2025-02-30"}, {"kind": "party"}):
        assert_problem(client.get(f"{API}/events", params=params), 422)
