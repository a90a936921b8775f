import hashlib

from fastapi.testclient import TestClient

from tests.helpers import API, DOCUMENTS_DIR, assert_problem, items

DOCUMENTS = DOCUMENTS_DIR


def test_sources_list_every_shipped_document(client: TestClient) -> None:
    sources = items(client.get(f"{API}/sources"))
    assert [s["document"] for s in sources] == sorted(p.name for p in DOCUMENTS.glob("*.txt"))
    assert all("text" not in s for s in sources)
    assert sources[1]["id"] == "constructive-talks-istanbul"
    assert sources[1]["attribution_en"] == "Agencies"
    assert sources[4]["published_date"] == "2025-05"
    assert sources[4]["published_precision"] == "month"


def test_source_text_is_the_document_byte_for_byte(client: TestClient) -> None:
    for source in items(client.get(f"{API}/sources")):
        detail = client.get(f"{API}/sources/{source['id']}").json()
        raw = (DOCUMENTS / detail["document"]).read_bytes()
        assert detail["text"].encode("utf-8") == raw
        assert detail["sha256"] == hashlib.sha256(raw).hexdigest()
        assert detail["char_count"] == len(detail["text"])


def test_every_citation_is_verbatim_at_its_offsets(client: TestClient) -> None:
    checked = 0
    for source in items(client.get(f"{API}/sources")):
        text = client.get(f"{API}/sources/{source['id']}").json()["text"]
        citations = items(client.get(f"{API}/sources/{source['id']}/citations?limit=500"))
        for citation in citations:
            assert text[citation["start"] : citation["end"]] == citation["quote"]
            checked += 1
    assert checked == client.get(f"{API}/meta").json()["counts"]["citations"]


def test_which_sources_mention_killenworth(client: TestClient) -> None:
    mentioning = [
        s["id"]
        for s in items(client.get(f"{API}/sources"))
        if "كيلينورث" in client.get(f"{API}/sources/{s['id']}").json()["text"]
    ]
    assert mentioning == ["constructive-talks-istanbul"]
    citations = items(client.get(f"{API}/sources/constructive-talks-istanbul/citations?limit=500"))
    killenworth = [c for c in citations if "كيلينورث" in c["quote"]]
    assert [{k: c["fact"][k] for k in ("kind", "subject_id")} for c in killenworth] == [
        {"kind": "issue", "subject_id": "seized-diplomatic-property"},
        {"kind": "issue_item", "subject_id": "seized-diplomatic-property/item/killenworth-estate"},
    ]


def test_source_citations_are_in_text_order(client: TestClient) -> None:
    citations = items(client.get(f"{API}/sources/ryabkov-new-round/citations"))
    starts = [c["start"] for c in citations]
    assert starts == sorted(starts)
    assert (citations[0]["fact"]["kind"], citations[0]["fact"]["subject_id"]) == (
        "round",
        "round-3",
    )


def test_unknown_source_is_404(client: TestClient) -> None:
    assert_problem(client.get(f"{API}/sources/pravda"), 404)
    assert_problem(client.get(f"{API}/sources/pravda/citations"), 404)


def test_every_citation_reassembles_its_text_and_names_its_document(client: TestClient) -> None:
    """W3C TextQuoteSelector: prefix + quote + suffix is the source text around the offsets."""
    checked = 0
    for source in items(client.get(f"{API}/sources")):
        detail = client.get(f"{API}/sources/{source['id']}").json()
        text = detail["text"]
        for citation in items(client.get(f"{API}/sources/{source['id']}/citations?limit=500")):
            start, end = citation["start"], citation["end"]
            prefix, suffix = citation["prefix"], citation["suffix"]
            assert len(prefix) == min(32, start) and len(suffix) == min(32, len(text) - end)
            assert (
                text[start - len(prefix) : end + len(suffix)] == prefix + citation["quote"] + suffix
            )
            assert citation["document_sha256"] == detail["sha256"]
            checked += 1
    assert checked == client.get(f"{API}/meta").json()["counts"]["citations"]
