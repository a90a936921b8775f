from fastapi.testclient import TestClient

from tests.helpers import API, assert_problem, items, sources_of


def test_the_timeline_is_in_date_order(client: TestClient) -> None:
    events = items(client.get(f"{API}/events", params={"limit": 500}))
    assert len(events) == 33
    # Said "on or before" a day, with nothing to bound them from below: they may be the earliest.
    open_start = [e["id"] for e in events if e["earliest_date"] is None]
    assert open_start == ["lavrov-certain-progress", "us-normalisation-needs-ukraine-progress"]
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
    assert "الأسبوع الماضي" in appointment["date_note"]
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


def test_date_filters_match_any_overlap(client: TestClient) -> None:
    week = items(client.get(f"{API}/events", params={"from": "2025-04-01", "to": "2025-04-09"}))
    # Statements said "on or before" a day overlap the week by their windows; those open at the
    # start may fall in any week before their last day.
    assert [e["id"] for e in week] == [
        "lavrov-certain-progress",
        "us-normalisation-needs-ukraine-progress",
        "bruce-embassies-only",
        "bruce-normalisation-tied-to-ending-war",
        "bruce-ukraine-off-the-agenda",
        "russian-side-banking-and-administration",
        "state-department-preview-no-ukraine",
        "state-department-talks-exclude-security-and-ukraine",
        "zakharova-same-experts",
        "zakharova-venue-and-purpose",
        "darchiev-appointed-ambassador",
        "darchiev-limited-progress-on-visas",
        "darchiev-presidents-contacts",
        "darchiev-will-propose-flights",
    ]
    may = items(client.get(f"{API}/events", params={"from": "2025-05-15", "to": "2025-05-15"}))
    assert [e["id"] for e in may] == ["new-round-announced", "ryabkov-announces-new-round"]
    assert (
        items(client.get(f"{API}/events", params={"from": "2025-06-01", "to": "2025-05-01"})) == []
    )


def test_statements_after_round_2_are_on_the_timeline(client: TestClient) -> None:
    after = items(client.get(f"{API}/events", params={"from": "2025-04-10", "kind": "statement"}))
    assert "state-department-constructive" in {e["id"] for e in after}
    constructive = next(e for e in after if e["id"] == "state-department-constructive")
    assert constructive["statement_id"] == "state-department-constructive"
    assert constructive["title_en"] == "Statement by US Department of State"


def test_bad_event_filters_are_422(client: TestClient) -> None:
    for params in ({"from": "0"}, {"to": "2025-02-30"}, {"kind": "party"}):
        assert_problem(client.get(f"{API}/events", params=params), 422)
