"""The route index (app/api/route_index.py) sends every request where FastAPI's own router
sends it: the same route, the same path parameters, or FastAPI's decision when the index leaves
the request to it. A FastAPI upgrade that changes how routes are matched fails here."""

import asyncio
from collections.abc import AsyncIterator
from itertools import product
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter, FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.testclient import TestClient
from starlette.exceptions import HTTPException

from app.api.pagination import Pagination, get_pagination
from app.api.representation import Representation
from app.api.route_index import RouteIndex, install_route_index, literal_segments
from app.core.config import Settings
from app.main import create_app
from bench.inprocess import http_scope, status_of
from tests.helpers import API
from tests.test_hostile_input import VALID_PATH_VALUES

SEGMENT_VALUES = ["2", "99", "abc", "alexander-darchiev", "direct-flights", "ryabkov-new-round"]
SEGMENT_VALUES += ["", "issues", "rounds", "x.csv", "%2F", "ج"]


def paths_to_try(app: FastAPI) -> list[str]:
    """Every operation's path with real and unknown values, each path with its CSV twin, a
    trailing slash, a doubled slash and an extra segment, and the app's other pages."""
    templates = [*app.openapi()["paths"], "/docs", "/redoc", "/explore", "/openapi.json"]
    templates += ["/docs/assets/redoc.standalone.js", "/explore/assets/app.js", "/", ""]
    templates += ["/api", "/api/v1", "/api/v1/", "/api/v2/rounds", "/nowhere", "/api/v1/health/"]
    found: set[str] = set()
    for template in templates:
        names = [part[1:-1] for part in template.split("/") if part.startswith("{")]
        choices = [[VALID_PATH_VALUES[name], *SEGMENT_VALUES] for name in names]
        for values in product(*choices) if names else [()]:
            path = template
            for name, value in zip(names, values, strict=True):
                path = path.replace("{" + name + "}", value)
            found |= {path, path + ".csv", path + "/", path.replace("/", "//", 1), path + "/x"}
    return sorted(found)


def fastapi_choice(app: FastAPI, scope: dict[str, Any]) -> tuple[Any, Any, int]:
    """The route FastAPI's own router handed ``scope`` to, its path parameters (the router
    writes both into the scope before the route runs) and the status it answered: a 405 says
    the route was matched by its path only, not its method."""

    async def route() -> int:
        try:
            return await status_of(app.router.app, scope)
        except HTTPException as refused:  # for the app's handlers: a 404 or a 405
            return refused.status_code
        except Exception:  # the route's own answer (a 422 ...) is not what is compared
            return -1

    status = asyncio.run(route())
    return scope.get("route"), scope.get("path_params"), status


def compare(app: FastAPI, paths: list[str]) -> int:
    """Check every path the index dispatches against FastAPI's choice; how many it did."""
    index = app.router.middleware_stack
    assert isinstance(index, RouteIndex), "the app matches through the index"
    dispatched = 0
    for path, method in product(paths, ["GET", "POST"]):
        selected = index.select(http_scope(path, method))
        if selected is None:
            continue  # left to FastAPI's router, which decides as it always has
        dispatch, child_scope = selected
        route, path_params, status = fastapi_choice(app, http_scope(path, method))
        chosen = (dispatch.context.original_route, child_scope["path_params"])
        assert chosen == (route, path_params), (method, path)
        assert status != 405, f"{method} {path}: FastAPI answers a 405, not this route"
        dispatched += 1
    return dispatched


def test_the_index_chooses_what_fastapi_chooses(app: FastAPI) -> None:
    dispatched = compare(app, paths_to_try(app))
    # Every operation with real values, and many with unknown ones, went through the index.
    assert dispatched >= len(app.openapi()["paths"]) * 3


def test_every_operation_is_dispatched_by_the_index(app: FastAPI) -> None:
    index = app.router.middleware_stack
    assert isinstance(index, RouteIndex)
    for template in app.openapi()["paths"]:
        path = template
        for name, value in VALID_PATH_VALUES.items():
            path = path.replace("{" + name + "}", value)
        selected = index.select(http_scope(path))
        assert selected is not None, path
        assert selected[0].context.path_format == template


def overlapping_routes() -> FastAPI:
    """Routes that more than one path template matches, declared in an order that decides:
    FastAPI's first match wins, in the app's own routes, then each router's, in order."""

    async def endpoint() -> dict[str, str]:
        return {}

    toy = FastAPI()
    toy.add_api_route("/items/first", endpoint, name="app_level")
    items = APIRouter(prefix="/items")
    items.add_api_route("/{item_id}", endpoint, name="any_item")
    items.add_api_route("/special", endpoint, name="special_never_reached")
    items.add_api_route("/{item_id}/parts", endpoint, name="parts", methods=["POST"])
    items.add_api_route("/{item_id}/{part}", endpoint, name="any_part")
    toy.include_router(items)
    nested = APIRouter(prefix="/outer")
    inner = APIRouter(prefix="/inner")
    inner.add_api_route("/{name}", endpoint, name="nested")
    nested.include_router(inner)
    toy.include_router(nested)
    toy.mount("/static", StaticFiles(directory=Path(__file__).parent, check_dir=False))
    install_route_index(toy)
    return toy


OVERLAPPING_PATHS = ["/items/first", "/items/special", "/items/7", "/items/7/parts"]
OVERLAPPING_PATHS += ["/items/7/x", "/items", "/outer/inner/a", "/static/x", "/items/7/parts/"]


def test_overlapping_routes_go_where_fastapi_sends_them() -> None:
    toy = overlapping_routes()
    # special (to any_item), 7, 7/parts (GET to any_part, POST to parts) and 7/x.
    assert compare(toy, OVERLAPPING_PATHS) == 5


def test_the_check_fails_when_the_index_ignores_fastapis_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The comparison can fail: tried last first, ``/items/special`` would go to the route
    FastAPI never reaches."""
    toy = overlapping_routes()
    index = toy.router.middleware_stack
    assert isinstance(index, RouteIndex)
    original = index.candidates
    monkeypatch.setattr(index, "candidates", lambda path: original(path)[::-1])
    with pytest.raises(AssertionError):
        compare(toy, OVERLAPPING_PATHS)


def test_a_route_is_filed_under_the_literal_segments_its_path_begins_with() -> None:
    assert literal_segments("/api/v1/rounds/{number}/issues") == ("", "api", "v1", "rounds")
    assert literal_segments("/api/v1/rounds.csv") == ("", "api", "v1", "rounds.csv")
    assert literal_segments("/files/{name}.csv") == ("", "files")
    assert literal_segments("/") == ("", "")


def test_while_a_dependency_is_overridden_fastapi_solves_the_route(settings: Settings) -> None:
    """A planned route is answered without FastAPI's exit stacks, which an override may need
    (a dependency with yield): while one is set, FastAPI's own handling runs, and closes it."""
    app = create_app(settings)
    closed: list[bool] = []

    async def one_per_page(request: Request) -> AsyncIterator[Pagination]:
        try:
            yield Pagination(1, 0, request, Representation(None, False))
        finally:
            closed.append(True)

    app.dependency_overrides[get_pagination] = one_per_page
    with TestClient(app) as client:
        assert len(client.get(f"{API}/rounds").json()["items"]) == 1
        assert closed == [True]
        app.dependency_overrides.clear()
        # (Another URL than the first: that answer is in the response cache.)
        assert len(client.get(f"{API}/rounds?limit=2").json()["items"]) == 2
