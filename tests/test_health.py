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
