import re

import pytest
from fastapi.testclient import TestClient

from tests.helpers import API, items, run_module

# Each count of /meta, and the list whose total it is.
COUNTED_LISTS = {
    "participants": "/participants",
    "issues": "/issues",
    "statements": "/statements",
    "events": "/events",
    "sources": "/sources",
}


def test_meta_counts_agree_with_the_lists_and_coverage_is_full(client: TestClient) -> None:
    meta = client.get(f"{API}/meta").json()
    assert re.fullmatch(r"[0-9a-f]{64}", meta["data_version"])
    for kind, path in COUNTED_LISTS.items():
        assert meta["counts"][kind] == client.get(f"{API}{path}").json()["total"], kind
    coverage = meta["coverage"]
    assert coverage["total"]["uncovered"] == 0
    assert coverage["total"]["accounted_share"] == 1.0
    sources = {source["id"] for source in items(client.get(f"{API}/sources"))}
    assert {d["source_id"]: d["uncovered"] for d in coverage["documents"]} == dict.fromkeys(
        sources, 0
    )


@pytest.mark.five_articles
def test_meta_reports_the_counts_and_coverage_of_the_five_articles(client: TestClient) -> None:
    meta = client.get(f"{API}/meta").json()
    assert meta["counts"] == {
        "meetings": 4,
        "participants": 13,
        "issues": 16,
        "issue_items": 6,
        "statements": 43,
        "events": 48,
        "versions": 7,
        "sources": 5,
        "citations": 299,
    }
    coverage = meta["coverage"]
    assert coverage["total"]["uncovered"] == 0
    assert coverage["total"]["accounted_share"] == 1.0
    assert coverage["total"]["sentences"] == 258
    # Counted in letters and digits too, where one unaccounted word would show.
    assert coverage["total"]["characters"] == {
        "total": 11419,
        "cited": 9082,
        "marked": 2337,
        "uncovered": 0,
        "cited_share": 0.7953,
        "accounted_share": 1.0,
    }
    assert {d["source_id"]: d["uncovered"] for d in coverage["documents"]} == {
        "istanbul-round-two-opens": 0,
        "constructive-talks-istanbul": 0,
        "istanbul-meeting-preview": 0,
        "toxic-legacy-talks": 0,
        "ryabkov-new-round": 0,
    }


def test_the_coverage_command_accounts_for_every_character() -> None:
    result = run_module("seed", "--coverage")
    assert result.returncode == 0, result.stdout
    total = next(line for line in result.stdout.splitlines() if line.startswith("total"))
    assert total.split()[-1] == "100.0%"
    assert "uncovered:" not in result.stdout


def test_sources_list_their_uncited_spans(client: TestClient) -> None:
    source = client.get(f"{API}/sources/toxic-legacy-talks").json()
    reasons = [
        (span["reason"], source["text"][span["start"] : span["end"]][:12])
        for span in source["uncited"]
    ]
    assert reasons[0] == ("boilerplate", "القنصلية الر")
    assert ("boilerplate", "الأكثر قراءة") in reasons
    most_read = next(
        s for s in source["uncited"] if s["start"] == source["text"].index("الأكثر قراءة")
    )
    assert "August 2025" in most_read["note_en"]


def test_the_six_seized_properties_are_data(client: TestClient) -> None:
    issue = client.get(f"{API}/issues/seized-diplomatic-property").json()
    assert [(i["id"], i["place_en"]) for i in issue["items"]] == [
        ("consulate-san-francisco", "San Francisco"),
        ("consulate-seattle", "Seattle"),
        ("killenworth-estate", "Long Island, New York"),
        ("pioneer-point", "Maryland"),
        ("trade-mission-new-york", "New York"),
        ("trade-mission-washington", "Washington"),
    ]
    killenworth = next(i for i in issue["items"] if i["id"] == "killenworth-estate")
    assert killenworth["name_ar"] == "عقار كيلينورث"
    assert killenworth["citations"][0]["quote"] == "عقار كيلينورث في لونغ آيلاند"
