"""Every route's plan (app/api/plan.py) solves requests exactly as FastAPI's own
``solve_dependencies`` does: the same values and the same errors, for valid, malformed, missing,
repeated and out-of-range parameters of every route; and each plan reads exactly the parameters
the route declares. A FastAPI upgrade that changes what the plan relies on fails here."""

import asyncio
from contextlib import AsyncExitStack
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi._compat import ModelField
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import solve_dependencies
from fastapi.routing import APIRoute, _iter_routes_with_context
from starlette.routing import Match

from app.api.plan import Plan, make_plan, solve
from tests.test_hostile_input import VALID_PATH_VALUES

VALUES = ["", "x", "0", "1", "-1", "2", "abc", "9" * 12, "en", "ar", "fr", "csv", "json"]
VALUES += ["corroborated", "single_source", "raised_by", "name", "-name", "id", "2025-04-10"]
PATH_VALUES = ["0", "abc", "9" * 12]


def declared(dependant: Dependant) -> dict[str, dict[str, ModelField]]:
    """The parameters FastAPI's dependency tree declares, by kind and alias."""
    found: dict[str, dict[str, ModelField]] = {"path": {}, "query": {}, "header": {}, "cookie": {}}
    for kind, fields in (
        ("path", dependant.path_params),
        ("query", dependant.query_params),
        ("header", dependant.header_params),
        ("cookie", dependant.cookie_params),
    ):
        found[kind].update((field.alias, field) for field in fields)
    for sub in dependant.dependencies:
        for kind, fields_of_sub in declared(sub).items():
            found[kind].update(fields_of_sub)
    return found


def api_routes(app: FastAPI) -> list[Any]:
    """Every operation as the app serves it: a route as included (its prefix, its dependant),
    which is what a plan is made from."""
    return [
        context or route
        for route, context in _iter_routes_with_context(app.routes)
        if isinstance(route, APIRoute)
    ]


def planned(route: Any) -> Plan:
    plan = make_plan(route.dependant)
    assert plan is not None, f"{route.path} is solved by FastAPI, not planned"
    return plan


def plan_aliases(plan: Plan) -> set[tuple[str, str]]:
    found = {(step.kind, step.aliases[0]) for step in plan.parameters}
    for sub in plan.dependencies:
        found |= plan_aliases(sub)
    return found


def test_every_route_is_planned_with_exactly_its_declared_parameters(app: FastAPI) -> None:
    routes = api_routes(app)
    assert len(routes) > 20
    for route in routes:
        expected = {
            (kind, alias) for kind, fields in declared(route.dependant).items() for alias in fields
        }
        assert plan_aliases(planned(route)) == expected, route.path


def requests_for(route: Any) -> list[tuple[str, str]]:
    """(path, query string) pairs that try each parameter with good and bad values."""
    parameters = declared(route.dependant)
    path = route.path
    for name, value in VALID_PATH_VALUES.items():
        path = path.replace("{" + name + "}", value)
    paths = [path]
    for alias in parameters["path"]:
        paths += [route.path.replace("{" + alias + "}", bad) for bad in PATH_VALUES]
    for name, value in VALID_PATH_VALUES.items():
        paths = [p.replace("{" + name + "}", value) for p in paths]
    queries = [""]
    for alias in parameters["query"]:
        queries += [f"{alias}={value}" for value in VALUES]
        queries.append(f"{alias}=1&{alias}=2")
    every_bad = "&".join(f"{alias}=abc" for alias in parameters["query"])
    queries.append(every_bad)
    return [(p, queries[0]) for p in paths] + [(paths[0], q) for q in queries[1:]]


def request_of(app: FastAPI, route: Any, path: str, query: str) -> Request | None:
    scope: dict[str, Any] = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": [(b"host", b"testserver"), (b"accept", b"application/json")],
        "app": app,
    }
    match, child = route.matches(scope)
    if match != Match.FULL:
        return None  # a value the path's own pattern refuses never reaches the route
    scope.update(child)
    return Request(scope)


async def fastapis(route: Any, request: Request) -> Any:
    async with AsyncExitStack() as inner, AsyncExitStack() as function:
        request.scope["fastapi_inner_astack"] = inner
        request.scope["fastapi_function_astack"] = function
        solved = await solve_dependencies(
            request=request,
            dependant=route.dependant,
            async_exit_stack=inner,
            embed_body_fields=False,
        )
    return solved.values, solved.errors


async def plans(route: Any, request: Request) -> Any:
    errors: list[Any] = []
    values = await solve(planned(route), request, {}, errors)
    return values, errors


def outcome(solver: Any, route: Any, request: Request) -> Any:
    """What a solver gives, or the error a dependency raised (a 404 for an unknown record)."""
    try:
        values, errors = asyncio.run(solver(route, request))
        # An error's context holds the exception raised, a new object each time: its words.
        return values, [{**e, "ctx": repr(e["ctx"])} if "ctx" in e else e for e in errors]
    except Exception as error:
        return type(error), getattr(error, "status_code", None), getattr(error, "detail", None)


@pytest.mark.parametrize("index", range(4))
def test_plans_give_fastapis_values_and_errors(app: FastAPI, client: Any, index: int) -> None:
    # `client` has run the app's start-up: dependencies that look records up can answer.
    routes = api_routes(app)[index::4]
    compared, refused = 0, 0
    for route in routes:
        for path, query in requests_for(route):
            request = request_of(app, route, path, query)
            if request is None:
                continue
            theirs = outcome(fastapis, route, request)
            assert outcome(plans, route, request) == theirs, (route.path, path, query)
            compared += 1
            refused += isinstance(theirs, tuple) and len(theirs) == 2 and bool(theirs[1])
    # Both kinds compared: requests solved, and requests refused with errors.
    assert compared > refused > 0
