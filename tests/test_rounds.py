from fastapi.testclient import TestClient

from tests.helpers import API, FIVE_ARTICLES, assert_problem, by_id, items, sources_of


def test_rounds_lists_the_numbered_rounds_in_order_without_riyadh(client: TestClient) -> None:
    response = client.get(f"{API}/rounds")
    rounds = items(response)
    assert [(r["number"], r["id"], r["status"]) for r in rounds] == [
        (1, "round-1", "held"),
        (2, "round-2", "held"),
        (3, "round-3", "announced"),
    ]
    assert response.json()["total"] == 3
    assert "riyadh-meeting" not in {r["id"] for r in rounds}


def test_round_1_date_is_resolved_from_27_february(client: TestClient) -> None:
    round_1 = client.get(f"{API}/rounds/1").json()
    assert round_1["start_date"] == "2025-02-27"
    assert round_1["date_precision"] == "day"
    assert "27 فبراير" in round_1["date_note_en"]
    assert sources_of(round_1) == {
        "istanbul-meeting-preview",
        "toxic-legacy-talks",
        "istanbul-round-two-opens",
        "ryabkov-new-round",
    }
    assert [v["name_en"] for v in round_1["venues"]] == ["US consulate in Istanbul"]


def test_round_2_keeps_both_venue_versions_each_with_its_own_source(client: TestClient) -> None:
    round_2 = client.get(f"{API}/rounds/2").json()
    assert round_2["city_en"] == "Istanbul"
    assert round_2["city_ar"] == "إسطنبول"
    assert round_2["start_date"] == "2025-04-10"
    venues = round_2["venues"]
    assert [(v["name_en"], v["preferred"]) for v in venues] == [
        ("Russian Consulate General in Istanbul", True),
        ("Palace of the Russian Embassy", False),
    ]
    assert sources_of(venues[0]) == {
        "toxic-legacy-talks",
        "constructive-talks-istanbul",
        "istanbul-meeting-preview",
    }
    assert venues[1]["name_ar"] == "قصر السفارة الروسية"
    [palace] = venues[1]["citations"]
    assert (palace["source_id"], palace["quote"]) == (
        "istanbul-round-two-opens",
        "والتي تُعقد في قصر السفارة الروسية",
    )
    assert palace["prefix"] == "ت الروسية الأمريكية في إسطنبول، "
    assert palace["suffix"].startswith("، بهدف مناقشة العقبات الفنية")
    assert palace["document_sha256"].startswith("79bd94f0f53b1536")


def test_round_3_is_announced_without_a_date(client: TestClient) -> None:
    round_3 = client.get(f"{API}/rounds/3").json()
    assert round_3["status"] == "announced"
    assert round_3["start_date"] is None
    assert round_3["date_precision"] == "unknown"
    assert round_3["venues"] == []
    assert "ryabkov-new-round" in sources_of(round_3)


def test_round_2_issues_include_flights_and_property_raised_by_russia(client: TestClient) -> None:
    issues = by_id(items(client.get(f"{API}/rounds/2/issues")))
    flights = issues["direct-flights"]
    assert flights["raised_by"] == ["RU"]
    assert flights["on_agenda"] is True
    assert flights["outcome"] == "raised"
    assert sources_of(flights) >= {
        "constructive-talks-istanbul",
        "istanbul-meeting-preview",
        "istanbul-round-two-opens",
        "toxic-legacy-talks",
    }
    assert flights["name_ar"] == "استئناف الرحلات الجوية المباشرة"

    property_ = issues["seized-diplomatic-property"]
    assert property_["raised_by"] == ["RU"]
    assert property_["on_agenda"] is True
    assert "Killenworth" in property_["summary_en"]
    assert sources_of(property_) >= {
        "constructive-talks-istanbul",
        "istanbul-round-two-opens",
        "toxic-legacy-talks",
        "ryabkov-new-round",
    }


def test_round_2_issues_record_the_american_side_and_the_exclusions(client: TestClient) -> None:
    issues = by_id(items(client.get(f"{API}/rounds/2/issues")))
    assert issues["local-staff-hiring-ban"]["raised_by"] == ["US"]
    # American diplomats' complaint about their movement is the article's background, not
    # something said at the table: only Darchiev's mention puts the issue on round 2.
    assert issues["diplomats-freedom-of-movement"]["raised_by"] == ["RU"]
    assert issues["banking-for-missions"]["raised_by"] == ["RU"]
    # Both sides complaining of intimidation is background too: no link to round 2 at all.
    assert "intimidation" not in issues
    assert issues["diplomatic-sanctions"]["raised_by"] == []
    for excluded in ("ukraine-settlement", "security-issues", "bilateral-normalisation"):
        assert issues[excluded]["on_agenda"] is False
        assert issues[excluded]["outcome"] == "excluded"
    listed = list(issues)
    # Agenda items first, then what was kept off it.
    assert listed.index("ukraine-settlement") > listed.index("visas")


def test_round_1_brought_limited_progress_on_visas(client: TestClient) -> None:
    issues = by_id(items(client.get(f"{API}/rounds/1/issues")))
    assert set(issues) == {
        "visas",
        "international-contributions",
        "biden-era-legacy",
        "mission-working-conditions",
    }
    assert issues["visas"]["outcome"] == "limited_progress"
    assert issues["visas"]["citations"][0]["quote"] == (
        "حيث شهدت تحقيق تقدم محدود في مسائل رئيسة مثل تخفيف قيود التأشيرات"
    )


def test_round_2_was_led_by_darchiev_and_coulter(client: TestClient) -> None:
    participants = items(client.get(f"{API}/rounds/2/participants"))
    heads = {p["id"]: p for p in participants if p["role"] == "delegation_head"}
    assert set(heads) == {"alexander-darchiev", "sonata-coulter"}
    assert heads["alexander-darchiev"]["side"] == "RU"
    assert heads["sonata-coulter"]["side"] == "US"
    assert heads["sonata-coulter"]["title_en"] == (
        "Deputy Assistant Secretary of State for European and Eurasian Affairs"
    )
    assert len(sources_of(heads["sonata-coulter"])) == 5
    spokespeople = {p["id"] for p in participants if p["role"] == "spokesperson"}
    assert spokespeople == {"tammy-bruce", "maria-zakharova"}
    assert [(p["id"], p["role"]) for p in participants[:2]] == [
        ("alexander-darchiev", "delegation_head"),
        ("sonata-coulter", "delegation_head"),
    ]


def test_round_lists_paginate(client: TestClient) -> None:
    first = client.get(f"{API}/rounds/2/issues", params={"limit": 2}).json()
    second = client.get(f"{API}/rounds/2/issues", params={"limit": 2, "offset": 2}).json()
    everything = items(client.get(f"{API}/rounds/2/issues"))
    assert first["total"] == second["total"] == len(everything) > 4
    assert [i["id"] for i in first["items"] + second["items"]] == [i["id"] for i in everything[:4]]
    assert (first["limit"], first["offset"]) == (2, 0)


def test_unknown_round_numbers_are_404(client: TestClient) -> None:
    for path in ("/rounds/4", "/rounds/99", "/rounds/4/issues", "/rounds/4/participants"):
        body = assert_problem(client.get(f"{API}{path}"), 404)
        assert "No round numbered" in body["detail"]


def test_malformed_round_numbers_are_422(client: TestClient) -> None:
    for bad in ("two", "0", "-1", "1.5", "99999999999999999999999"):
        body = assert_problem(client.get(f"{API}/rounds/{bad}"), 422)
        assert body["errors"][0]["name"] == "number"


def test_rounds_1_and_2_compared_issue_by_issue(client: TestClient) -> None:
    comparison = client.get(f"{API}/rounds/1/compare/2").json()
    assert (comparison["before"]["number"], comparison["after"]["number"]) == (1, 2)
    changes = {
        c["issue"]["id"]: (
            c["change"],
            c["before"] and c["before"]["outcome"],
            c["after"] and c["after"]["outcome"],
        )
        for c in comparison["issues"]
    }
    assert (
        changes.items()
        >= {
            "visas": ("carried_over", "limited_progress", "raised"),
            "international-contributions": ("carried_over", "limited_progress", "listed"),
            "biden-era-legacy": ("carried_over", "discussed", "raised"),
            "mission-working-conditions": ("carried_over", "discussed", "raised"),
            "banking-for-missions": ("new", None, "raised"),
            "bilateral-normalisation": ("new", None, "excluded"),
            "diplomatic-accreditation": ("new", None, "discussed"),
            # A goal listed as the round opened, not reported as discussed.
            "diplomatic-sanctions": ("new", None, "listed"),
            "diplomats-freedom-of-movement": ("new", None, "raised"),
            "direct-flights": ("new", None, "raised"),
            "local-staff-hiring-ban": ("new", None, "raised"),
            "people-to-people-contacts": ("new", None, "raised"),
            "security-issues": ("new", None, "excluded"),
            "seized-diplomatic-property": ("new", None, "raised"),
            "ukraine-settlement": ("new", None, "excluded"),
        }.items()
    )
    visas = next(c for c in comparison["issues"] if c["issue"]["id"] == "visas")
    assert visas["outcome"] == {"before": "limited_progress", "after": "raised", "changed": True}
    conditions = next(
        c for c in comparison["issues"] if c["issue"]["id"] == "mission-working-conditions"
    )
    assert conditions["outcome"] == {"before": "discussed", "after": "raised", "changed": True}
    flights = next(c for c in comparison["issues"] if c["issue"]["id"] == "direct-flights")
    assert flights["outcome"] == {"before": None, "after": "raised", "changed": True}
    assert visas["before"]["citations"][0]["source_id"] == "istanbul-round-two-opens"
    assert {c["source_id"] for c in visas["after"]["citations"]} == {
        "constructive-talks-istanbul",
        "toxic-legacy-talks",
    }
    backwards = client.get(f"{API}/rounds/2/compare/1").json()
    assert {c["issue"]["id"] for c in backwards["issues"] if c["change"] == "dropped"} == {
        k for k, v in changes.items() if v[0] == "new"
    }


def test_comparing_with_an_unknown_round_is_404(client: TestClient) -> None:
    assert_problem(client.get(f"{API}/rounds/1/compare/9"), 404)
    assert_problem(client.get(f"{API}/rounds/1/compare/two"), 422)


def test_comparing_a_round_with_itself_is_a_422_saying_why(client: TestClient) -> None:
    problem = assert_problem(client.get(f"{API}/rounds/2/compare/2"), 422)
    assert problem["errors"] == [
        {
            "location": "path",
            "name": "other",
            "message": "must name a different round than number; a round compared with itself "
            "has nothing to compare",
        }
    ]


def test_round_2s_date_is_marked_as_the_curators_and_what_follows_from_it_as_inherited(
    client: TestClient,
) -> None:
    round_2 = client.get(f"{API}/rounds/2").json()
    assert (round_2["start_date"], round_2["date_origin"]) == ("2025-04-10", "curators")
    assert "outside the articles" in round_2["date_note_en"]
    assert client.get(f"{API}/rounds/1").json()["date_origin"] == "articles"
    # None of the five articles dates itself: each publication date is counted from round 2's.
    for source in items(client.get(f"{API}/sources")):
        if source["id"] in FIVE_ARTICLES:
            assert source["published_origin"] == "inherited", source["id"]
    for statement in items(client.get(f"{API}/statements", params={"limit": 500})):
        dated = (
            statement["statement_date"] or statement["earliest_date"] or statement["latest_date"]
        )
        assert (statement["date_origin"] == "inherited") == bool(dated), statement["id"]
        if dated:
            assert "round 2's" in statement["date_note_en"], statement["id"]


def test_how_a_meeting_went_is_recorded_apart_from_its_summary(client: TestClient) -> None:
    # «واستمر أكثر من 6 ساعات»: round 1 lasted more than six hours, as the preview says.
    round_1 = client.get(f"{API}/rounds/1").json()
    duration = next(a for a in round_1["aspects"] if a["aspect"] == "duration")
    assert duration["value_en"] == "more than six hours"
    assert "istanbul-meeting-preview" in sources_of(duration)
    # Round 2 was scheduled to begin away from the media: a plan, said to be one.
    round_2 = client.get(f"{API}/rounds/2").json()
    press = next(a for a in round_2["aspects"] if a["aspect"] == "press")
    assert press["value_en"].startswith("scheduled to begin away from the media")
    assert "toxic-legacy-talks" in sources_of(press)
    comparison = client.get(f"{API}/rounds/1/compare/2").json()
    by_aspect = {row["aspect"]: row for row in comparison["aspects"]}
    assert by_aspect["duration"]["before"]["value_en"] == "more than six hours"
    assert by_aspect["press"]["before"] is None
