"""The error contract across the whole API: problem+json, never a 500, nothing writable."""

import pytest
from fastapi.testclient import TestClient

from tests.helpers import API, assert_problem

LIST_PATHS = [
    "/rounds",
    "/rounds/2/issues",
    "/rounds/2/participants",
    "/participants",
    "/participants/sonata-coulter/rounds",
    "/issues",
    "/issues/visas/rounds",
    "/sources",
    "/sources/ryabkov-new-round/citations",
]
DETAIL_PATHS = [
    "/rounds/2",
    "/participants/sonata-coulter",
    "/issues/visas",
    "/sources/ryabkov-new-round",
]


def test_unknown_endpoints_are_404_problems(client: TestClient) -> None:
    body = assert_problem(client.get("/api/v2/rounds"), 404)
    assert "/api/v1" in body["detail"]
    assert_problem(client.get(f"{API}/rounds/2/statements"), 404)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_nothing_a_client_sends_can_change_data(client: TestClient, method: str) -> None:
    before = client.get(f"{API}/rounds/2").json()
    for path in LIST_PATHS + DETAIL_PATHS + ["/health"]:
        assert_problem(client.request(method, f"{API}{path}", json={"number": 9}), 405)
    assert client.get(f"{API}/rounds/2").json() == before


@pytest.mark.parametrize(
    "value",
    ["-5", "abc", "1e3", "", " ", "9" * 40, "%00", "1;DROP TABLE round", "٣", "NaN"],
)
def test_bad_paging_values_are_422_never_500(client: TestClient, value: str) -> None:
    for path in LIST_PATHS:
        for name in ("limit", "offset"):
            assert_problem(client.get(f"{API}{path}", params={name: value}), 422)


@pytest.mark.parametrize(
    "identifier",
    ["x" * 150, "' OR 1=1 --", "%E2%80%AE", "دارشيف", "..%2F..%2Fetc%2Fpasswd", "%F0%9F%92%A5"],
)
def test_odd_ids_are_404_never_500(client: TestClient, identifier: str) -> None:
    for resource in ("participants", "issues", "sources"):
        assert_problem(client.get(f"{API}/{resource}/{identifier}"), 404)


def test_overlong_ids_are_422(client: TestClient) -> None:
    body = assert_problem(client.get(f"{API}/participants/{'x' * 201}"), 422)
    assert "x" * 201 not in body["detail"]


def test_validation_errors_name_every_bad_parameter(client: TestClient) -> None:
    body = assert_problem(client.get(f"{API}/issues?round=zero&raised_by=XX&limit=0"), 422)
    assert {(e["location"], e["name"]) for e in body["errors"]} == {
        ("query", "round"),
        ("query", "raised_by"),
        ("query", "limit"),
    }
    assert "raised_by" in body["detail"]


def test_pattern_errors_are_said_in_words_not_regular_expressions(client: TestClient) -> None:
    sort = assert_problem(client.get(f"{API}/rounds?sort=bogus"), 422)
    assert sort["errors"][0]["message"] == (
        "must be one or more of the fields number, start_date, separated by commas, "
        "each with - before it to sort in descending order"
    )
    blank = assert_problem(client.get(f"{API}/search?q=%20"), 422)
    assert blank["errors"][0]["message"] == "must contain a non-space character"
    for problem in (sort, blank):
        assert "pattern" not in problem["detail"] and "^" not in problem["detail"]


def test_a_trailing_slash_is_a_404_naming_the_path_without_it(client: TestClient) -> None:
    for path in ("/rounds/", "/rounds/2/issues/", "/participants/alexander-darchiev/"):
        response = client.get(f"{API}{path}", follow_redirects=False)
        problem = assert_problem(response, 404)
        assert problem["detail"].endswith(f"did you mean {API}{path.rstrip('/')}?")
    unknown = assert_problem(client.get(f"{API}/nothing/", follow_redirects=False), 404)
    assert "did you mean" not in unknown["detail"]


def test_many_unknown_parameters_get_a_small_answer(client: TestClient) -> None:
    query = "&".join(f"p{n}=1" for n in range(250))
    response = client.get(f"{API}/rounds?{query}")
    problem = assert_problem(response, 422)
    assert len(response.content) < 10_000
    assert len(problem["errors"]) == 20
    assert problem["detail"].endswith("; and 230 more")
    # Thousands are refused unread (tests/test_hostile_input.py), as small.
    thousands = client.get(f"{API}/rounds?" + "&".join(f"p{n}=1" for n in range(5_000)))
    assert_problem(thousands, 414)
    assert len(thousands.content) < 1_000
    long_name = client.get(f"{API}/rounds?{'x' * 5000}=1")
    assert len(assert_problem(long_name, 422)["errors"][0]["name"]) <= 200


def test_a_parameter_given_twice_is_a_422_not_its_last_value(client: TestClient) -> None:
    body = assert_problem(client.get(f"{API}/issues?round=1&round=2"), 422)
    assert body["errors"] == [
        {"location": "query", "name": "round", "message": "given 2 times; it takes one value"}
    ]
    # Sort fields are one comma-separated value too.
    assert_problem(client.get(f"{API}/rounds?sort=number&sort=-start_date"), 422)
    # Given once each, several parameters are fine.
    assert client.get(f"{API}/issues?round=2&raised_by=RU").status_code == 200
