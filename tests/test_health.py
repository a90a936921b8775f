from fastapi.testclient import TestClient

from tests.helpers import API


def test_health_reports_ok(client: TestClient) -> None:
    response = client.get(f"{API}/health")
    assert response.status_code == 200
    health = response.json()
    assert health == {
        "status": "ok",
        "data_version": client.get(f"{API}/meta").json()["data_version"],
        "file_replaced": False,
        "file_checked": True,
    }


def test_health_is_never_cached(client: TestClient) -> None:
    response = client.get(f"{API}/health")
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers


def test_health_also_answers_at_the_root_where_load_balancers_look(client: TestClient) -> None:
    root, api = client.get("/health"), client.get(f"{API}/health")
    assert root.status_code == api.status_code == 200
    assert root.json() == api.json()
    assert root.headers["cache-control"] == "no-store"
    assert "/health" not in client.get("/openapi.json").json()["paths"]


def test_the_root_links_to_the_explorer_the_docs_and_every_list(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    for href in ("/explore", "/docs", "/openapi.json", f"{API}/health", f"{API}/rounds"):
        assert f'href="{href}"' in page.text
        assert client.get(href).status_code == 200, href
