from fastapi.testclient import TestClient

from tests.helpers import API, assert_problem, by_id, items, sources_of


def test_darchiev_has_every_spelling_the_sources_use(client: TestClient) -> None:
    darchiev = client.get(f"{API}/participants/alexander-darchiev").json()
    assert darchiev["name_en"] == "Alexander Darchiev"
    assert darchiev["side"] == "RU"
    assert darchiev["kind"] == "person"
    aliases = {a["alias"]: sources_of(a) for a in darchiev["aliases"]}
    assert aliases["دارتشييف"] == {"istanbul-round-two-opens", "toxic-legacy-talks"}
    assert aliases["دارشيف"] == {"constructive-talks-istanbul"}
    assert aliases["دارشييف"] == {"istanbul-meeting-preview"}
    assert aliases["ألكسندر دارشيف"] == {
        "constructive-talks-istanbul",
        "toxic-legacy-talks",
        "ryabkov-new-round",
    }
    for alias in darchiev["aliases"]:
        for citation in alias["citations"]:
            assert alias["alias"] in citation["quote"]


def test_coulter_keeps_every_title_version_with_its_source(client: TestClient) -> None:
    coulter = client.get(f"{API}/participants/sonata-coulter").json()
    titles = [(t["title_en"], t["preferred"], sources_of(t)) for t in coulter["titles"]]
    assert titles == [
        # ryabkov-new-round gives the same rank without the portfolio: the same title, shorter.
        (
            "Deputy Assistant Secretary of State for European and Eurasian Affairs",
            True,
            {"istanbul-round-two-opens", "toxic-legacy-talks", "ryabkov-new-round"},
        ),
        (
            "Deputy Assistant Secretary of State for Russia and Central Europe",
            False,
            {"istanbul-meeting-preview"},
        ),
        ("Deputy Secretary of State", False, {"constructive-talks-istanbul"}),
    ]
    assert coulter["title_ar"] == "نائبة مساعد وزير الخارجية الأمريكية لشؤون أوروبا وأوراسيا"


def test_participants_filter_by_side_and_kind(client: TestClient) -> None:
    us_people = by_id(items(client.get(f"{API}/participants?side=US&kind=person")))
    assert set(us_people) == {
        "sonata-coulter",
        "tammy-bruce",
        "marco-rubio",
        "donald-trump",
        "joe-biden",
    }
    organizations = by_id(items(client.get(f"{API}/participants?kind=organization")))
    assert set(organizations) == {"russian-foreign-ministry", "us-state-department", "tass"}
    assert organizations["tass"]["side"] is None
    everyone = client.get(f"{API}/participants").json()
    assert everyone["total"] == 13
    assert [p["id"] for p in everyone["items"]] == sorted(p["id"] for p in everyone["items"])


def test_participant_rounds_include_the_riyadh_meeting(client: TestClient) -> None:
    lavrov = items(client.get(f"{API}/participants/sergey-lavrov/rounds"))
    assert [(r["round"]["id"], r["round"]["number"], r["role"]) for r in lavrov] == [
        ("riyadh-meeting", None, "minister")
    ]
    assert lavrov[0]["round"]["start_date"] == "2025-02-18"

    # He spoke of progress towards a new round; only Ryabkov announced one.
    darchiev = items(client.get(f"{API}/participants/alexander-darchiev/rounds"))
    assert [(r["round"]["number"], r["role"]) for r in darchiev] == [(2, "delegation_head")]


def test_unknown_participant_is_404(client: TestClient) -> None:
    for path in ("/participants/vladimir-lenin", "/participants/vladimir-lenin/rounds"):
        body = assert_problem(client.get(f"{API}{path}"), 404)
        assert "vladimir-lenin" in body["detail"]


def test_bad_participant_filters_are_422(client: TestClient) -> None:
    for query in ("side=UA", "side=ru", "kind=robot", "limit=0", "limit=501", "offset=-1"):
        assert_problem(client.get(f"{API}/participants?{query}"), 422)
