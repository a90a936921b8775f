"""The app's routes matched once, through an index by the literal segments of their paths.

FastAPI 0.165 matches a path by asking each included router in turn, and each router asks each
of its routes, with its context written into the request and taken out again around every try:
about a tenth of a cold request went there (round 2's issues took 176 µs in-process before the
index, 157 after). The index holds the same routes in FastAPI's own
order, filed under the literal segments their paths begin with (``/api/v1/rounds`` for
``/api/v1/rounds/{number}/issues``), so a path is tried only against the routes that can match
it, each with FastAPI's own ``matches``. When the first full match in FastAPI's order is one of
an included router's API routes, the request is dispatched to it as FastAPI dispatches it (the
same scope keys, the same route context, the route's own ``handle``; for a planned route, its
handler, without the exit stacks no plan needs: app/api/plan.py). Everything else (no match,
a method the route does not take, a mount, the app's own routes, nested routers) goes to
FastAPI's router untouched, which decides as it always has. ``tests/test_route_index.py`` checks
that the two choose alike for every route. The helpers are FastAPI's private ones, which is why
``pyproject.toml`` bounds its version.
"""

from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.routing import (
    _FASTAPI_EFFECTIVE_ROUTE_CONTEXT_KEY,
    _FASTAPI_INCLUDED_ROUTER_KEY,
    APIRoute,
    _apply_router_form_limits,
    _EffectiveRouteContext,
    _get_fastapi_scope,
    _IncludedRouter,
    _update_scope,
)
from fastapi.telemetry._api import _route_selected
from starlette._utils import get_route_path
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api.plan import DIRECT_HANDLER, DirectHandler

Segments = tuple[str, ...]


@dataclass(frozen=True)
class Dispatch:
    """An API route as an included router serves it."""

    context: _EffectiveRouteContext
    included: _IncludedRouter
    direct: DirectHandler | None
    """The route's planned handler, which needs none of FastAPI's wrapping (app/api/plan.py)."""


@dataclass(frozen=True)
class Entry:
    order: int
    """Where FastAPI tries it: entries are tried lowest first."""
    route: BaseRoute | _EffectiveRouteContext
    dispatch: Dispatch | None
    """Where a full match is dispatched here; None: a full match is left to FastAPI."""


def literal_segments(path_format: str) -> Segments:
    """The segments a path must begin with to match ``path_format``: those before the first
    one holding a parameter (all of them for a path without parameters)."""
    segments = path_format.split("/")
    for count, segment in enumerate(segments):
        if "{" in segment:
            return tuple(segments[:count])
    return tuple(segments)


def api_routes_of(route: _IncludedRouter) -> list[_EffectiveRouteContext]:
    """An included router's API routes as it serves them, when it holds nothing else (a
    router holding other routers, or mounts, is left to FastAPI whole)."""
    contexts = route.effective_candidates()
    served = [
        context
        for context in contexts
        if isinstance(context, _EffectiveRouteContext)
        and isinstance(context.original_route, APIRoute)
    ]
    return served if len(served) == len(contexts) else []


class RouteIndex:
    """The app's router, matching through the index first (see the module's docstring)."""

    def __init__(self, app: FastAPI) -> None:
        self.router = app.router
        self.fastapi: ASGIApp = app.router.app
        self.entries: dict[Segments, list[Entry]] = {}
        self.size = 0
        for route in self.router.routes:
            served = api_routes_of(route) if isinstance(route, _IncludedRouter) else []
            for context in served:
                assert isinstance(route, _IncludedRouter)
                direct = getattr(context, DIRECT_HANDLER, None)
                self._file(
                    Entry(self.size, context, Dispatch(context, route, direct)),
                    context.path_format,
                )
            if not served:
                # Tried as FastAPI tries it; a full match is FastAPI's to answer.
                self._file(Entry(self.size, route, None), getattr(route, "path_format", ""))

    def _file(self, entry: Entry, path_format: str) -> None:
        # A route of no known path (another kind of route) is tried for every path.
        key = literal_segments(path_format) if path_format else ()
        self.entries.setdefault(key, []).append(entry)
        self.size += 1

    def candidates(self, path: str) -> list[Entry]:
        """The routes that may match ``path``, in FastAPI's order."""
        segments = path.split("/")
        found: list[Entry] = []
        for count in range(len(segments) + 1):
            filed = self.entries.get(tuple(segments[:count]))
            if filed:
                found.extend(filed)
        found.sort(key=lambda entry: entry.order)
        return found

    def select(self, scope: Scope) -> tuple[Dispatch, Scope] | None:
        """The API route FastAPI would dispatch ``scope`` to, with its child scope, or None when
        FastAPI is to decide (no full match, or the first full match is not an API route)."""
        for entry in self.candidates(get_route_path(scope)):
            match, child_scope = entry.route.matches(scope)
            if match == Match.FULL:
                return None if entry.dispatch is None else (entry.dispatch, child_scope)
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        selected = self.select(scope) if scope["type"] == "http" else None
        if selected is None:
            await self.fastapi(scope, receive, send)
            return
        dispatch, child_scope = selected
        context = dispatch.context
        route = context.original_route
        # What FastAPI's router, the included router and the route's own match write into the
        # scope before the route handles it.
        scope.setdefault("router", self.router)
        _apply_router_form_limits(scope, self.router.form_limits)
        _apply_router_form_limits(scope, dispatch.included.include_context.form_limits)
        fastapi_scope = _get_fastapi_scope(scope)
        fastapi_scope[_FASTAPI_INCLUDED_ROUTER_KEY] = dispatch.included
        _update_scope(scope, {**child_scope, "route": route})
        _route_selected(scope=scope, path=context.path_format)
        fastapi_scope[_FASTAPI_EFFECTIVE_ROUTE_CONTEXT_KEY] = context
        direct = dispatch.direct
        if direct is None or direct.overridden():
            await route.handle(scope, receive, send)
            return
        # What FastAPI's request_response does, less what a planned route never uses: the
        # exit stacks for dependencies with yield, and a second round of exception handling
        # (an error raised here reaches the app's handlers one layer out, the same handlers).
        response = await direct.handler(Request(scope, receive, send))
        await response(scope, receive, send)


def install_route_index(app: FastAPI) -> None:
    """Match the app's routes through the index. Called once every route is added: a route
    added later is still served, by FastAPI's router, but only when no indexed route matches."""
    app.router.middleware_stack = RouteIndex(app)
