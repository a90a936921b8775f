from fastapi.testclient import TestClient

from tests.helpers import API, assert_problem, by_id, items, sources_of


def test_statements_by_a_speaker(client: TestClient) -> None:
    bruce = items(client.get(f"{API}/statements", params={"participant": "tammy-bruce"}))
    assert {
        "bruce-embassies-only",
        "bruce-normalisation-tied-to-ending-war",
        "bruce-ukraine-off-the-agenda",
    } <= {s["id"] for s in bruce}
    embassies_only = next(s for s in bruce if s["id"] == "bruce-embassies-only")
    assert embassies_only["speaker"]["name_ar"] == "تامي بروس"
    assert embassies_only["round"]["number"] == 2
    assert {i["id"] for i in embassies_only["issues"]} == {
        "bilateral-normalisation",
        "ukraine-settlement",
    }
    assert "not a general normalisation" in embassies_only["gist_en"]
    assert embassies_only["citations"][0]["quote"].startswith(
        "صرحت المتحدثة باسم وزارة الخارجية الأمريكية، تامي بروس"
    )


def test_statements_about_an_issue_and_a_round(client: TestClient) -> None:
    flights = items(client.get(f"{API}/statements", params={"issue": "direct-flights"}))
    # Not darchiev-six-properties: flights are the article's next sentence.
    assert {s["id"] for s in flights} == {
        "darchiev-will-propose-flights",
        "darchiev-both-sides-on-flights",
    }
    assert {s["speaker"]["id"] for s in flights} == {"alexander-darchiev"}
    before = next(s for s in flights if s["id"] == "darchiev-will-propose-flights")
    # Said on or before the preview of 9 April: a window open at the start, not a day. Calling
    # him ambassador does not date the remark after his appointment (articles use current titles).
    assert (before["statement_date"], before["date_precision"]) == (None, "approximate")
    assert (before["earliest_date"], before["latest_date"]) == (None, "2025-04-09")
    assert before["date_origin"] == "inherited"
    assert sources_of(before) == {"istanbul-meeting-preview"}
    # The remark the article reports under "Results of the first round", of the contact between
    # the presidents «آنذاك» ("at the time"), is about round 1; when he said it is not given.
    round_1 = items(client.get(f"{API}/statements", params={"round": 1}))
    dialogue = by_id(round_1)["darchiev-dialogue-and-presidents"]
    assert dialogue["statement_date"] is None and dialogue["earliest_date"] is None


def test_an_unnamed_spokeswoman_named_elsewhere_is_an_inferred_identification(
    client: TestClient,
) -> None:
    # istanbul-round-two-opens speaks of "the State Department spokeswoman" without a name; the
    # other articles name her Tammy Bruce. Her clause is her statement, marked as inferred, and
    # "the American side" is a statement of its own.
    statements = by_id(items(client.get(f"{API}/statements", params={"limit": 500})))
    side = statements["us-normalisation-needs-ukraine-progress"]
    assert side["speaker"]["id"] == "us-state-department"
    bruce = statements["bruce-full-normalisation-depends-on-peace"]
    assert bruce["speaker"]["id"] == "tammy-bruce"
    [citation] = bruce["citations"]
    assert citation["source_id"] == "istanbul-round-two-opens"
    assert citation["inferred"] is True and citation["note_en"] and citation["note_ar"]
    assert bruce["support"] == "inferred"


def test_speaker_reporting_article_and_credited_agency_are_kept_apart(client: TestClient) -> None:
    darchiev = {
        s["id"]: s
        for s in items(
            client.get(f"{API}/statements", params={"participant": "alexander-darchiev"})
        )
    }
    progress = darchiev["darchiev-progress-on-missions"]
    assert progress["speaker"]["id"] == "alexander-darchiev"
    assert [(r["id"], r["attribution_en"]) for r in progress["reported_in"]] == [
        ("constructive-talks-istanbul", "Agencies")
    ]
    attribution = progress["attribution"]
    assert attribution["via"]["id"] == "tass"
    assert attribution["text_ar"] == "حسبما ذكرت وكالة تاس الروسية للأنباء"
    assert [c["quote"] for c in attribution["citations"]] == [attribution["text_ar"]]
    assert attribution["support"] == "single_source"
    # A report the article credits to no one has no attribution, only its article.
    visas = darchiev["darchiev-limited-progress-on-visas"]
    assert visas["attribution"] is None
    assert [r["id"] for r in visas["reported_in"]] == ["toxic-legacy-talks"]
    assert client.get(f"{API}/participants/tass").json()["statements"] == []


def test_participant_detail_includes_their_statements(client: TestClient) -> None:
    zakharova = client.get(f"{API}/participants/maria-zakharova").json()
    assert [s["id"] for s in zakharova["statements"]] == [
        "zakharova-same-experts",
        "zakharova-venue-and-purpose",
    ]
    assert client.get(f"{API}/participants/tass").json()["statements"] == []


def test_statement_filters_validate(client: TestClient) -> None:
    assert items(client.get(f"{API}/statements", params={"participant": "nobody"})) == []
    assert_problem(client.get(f"{API}/statements", params={"round": "two"}), 422)


def test_one_sentence_credited_to_two_sides_is_a_statement_by_each(client: TestClient) -> None:
    by_id = {s["id"]: s for s in items(client.get(f"{API}/statements", params={"limit": 500}))}
    for pair, phrase in (
        (
            (
                "russia-politics-security-ukraine-not-on-agenda",
                "us-politics-security-ukraine-not-on-agenda",
            ),
            "وأكد الجانبان الروسي والأمريكي",
        ),
        (
            ("russia-focus-on-restoring-missions", "us-focus-on-restoring-missions"),
            "وبحسب موسكو وواشنطن",
        ),
    ):
        russian, american = (by_id[statement_id] for statement_id in pair)
        assert (russian["speaker"]["side"], american["speaker"]["side"]) == ("RU", "US")
        assert russian["citations"] == american["citations"]
        assert russian["citations"][0]["quote"].startswith(phrase)
        assert "recorded once for each side" in russian["note_en"]


def test_one_sentence_with_two_speakers_is_two_statements(client: TestClient) -> None:
    by_id = {s["id"]: s for s in items(client.get(f"{API}/statements", params={"limit": 500}))}
    department = by_id["state-department-talks-exclude-security-and-ukraine"]
    bruce = by_id["bruce-normalisation-tied-to-ending-war"]
    assert department["speaker"]["id"] == "us-state-department"
    assert bruce["speaker"]["id"] == "tammy-bruce"
    # Adjacent spans of one sentence of the same article, neither holding the other's words.
    (said_by_department,), (said_by_bruce,) = department["citations"], bruce["citations"]
    assert said_by_department["end"] < said_by_bruce["start"]
    assert "تامي بروس" not in said_by_department["quote"]
    assert "وزارة الخارجية" not in said_by_bruce["quote"]
