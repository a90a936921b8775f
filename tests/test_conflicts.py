from fastapi.testclient import TestClient

from tests.helpers import API, items, sources_of


def test_every_disagreement_is_listed_with_its_versions(client: TestClient) -> None:
    conflicts = {(c["subject"]["id"], c["field"]): c for c in items(client.get(f"{API}/conflicts"))}
    assert set(conflicts) == {
        ("round-2", "venue"),
        ("round-2", "parties"),
        ("round-2", "aim"),
        ("sonata-coulter", "title"),
        ("alexander-darchiev", "name_ar"),
    }
    venue = conflicts["round-2", "venue"]["versions"]
    assert [(v["value_en"], v["preferred"]) for v in venue] == [
        ("Russian Consulate General in Istanbul", True),
        ("Palace of the Russian Embassy", False),
    ]
    assert sources_of(venue[1]) == {"istanbul-round-two-opens"}
    parties = conflicts["round-2", "parties"]["versions"]
    assert parties[1]["value_en"] == "Russia and Ukraine"
    assert parties[1]["citations"][0]["quote"].endswith("مفاوضات روسية أوكرانية في إسطنبول")
    spellings = conflicts["alexander-darchiev", "name_ar"]["versions"]
    assert [v["value_ar"] for v in spellings] == [
        "ألكسندر دارتشييف",
        "ألكسندر دارشيف",
        "ألكسندر دارشييف",
    ]
    # Three titles that disagree; the shorter form of the preferred one is not among them.
    titles = [v["value_en"] for v in conflicts["sonata-coulter", "title"]["versions"]]
    assert "Deputy Assistant Secretary of State" not in titles and len(titles) == 3


def test_details_show_the_preferred_value_and_say_others_exist(client: TestClient) -> None:
    round_2 = client.get(f"{API}/rounds/2").json()
    assert round_2["disputed_fields"] == ["aim", "parties", "venue"]
    assert round_2["venues"][0]["preferred"] is True
    assert client.get(f"{API}/rounds/1").json()["disputed_fields"] == []
    assert client.get(f"{API}/participants/alexander-darchiev").json()["disputed_fields"] == [
        "name_ar"
    ]
    assert client.get(f"{API}/participants/sonata-coulter").json()["disputed_fields"] == ["title"]


def test_conflicts_filter_by_subject_kind(client: TestClient) -> None:
    people = items(client.get(f"{API}/conflicts", params={"subject_kind": "participant"}))
    assert {c["subject"]["id"] for c in people} == {"sonata-coulter", "alexander-darchiev"}
