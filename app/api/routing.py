"""The routers and routes every resource uses.

Routes reject query parameters they do not declare: a misspelt filter (``?sid=RU``) silently
returning everything is worse than an error. The check is part of the route itself (not a
dependency), so it costs one set lookup per parameter. Routers skip requests outside their
prefix without trying each of their routes. A parameter that takes one value, given twice, is
refused the same way: reading only the last would answer a question nobody asked.

Every list is also served as CSV at its own path (``/rounds/2/issues.csv``), a twin route of
the same endpoint: one operation per media type, so a generated client of the JSON list is
never handed a ``string`` and the CSV operation's body is nothing else.
"""

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, get_origin, get_type_hints

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, APIRouter, _effective_route_context_var
from starlette._utils import get_route_path
from starlette.routing import Match
from starlette.types import Scope

from app.api.errors import invalid_query
from app.api.plan import DIRECT_HANDLER, DirectHandler, make_plan, planned_handler
from app.representations import unwrapped
from app.schemas import Page


def _query_aliases(dependant: Dependant, *, single_valued: bool = False) -> set[str]:
    """The query parameters a route declares, or only those that take one value."""
    aliases = {
        param.alias
        for param in dependant.query_params
        if not (single_valued and get_origin(unwrapped(param.field_info.annotation)) is list)
    }
    for dependency in dependant.dependencies:
        aliases |= _query_aliases(dependency, single_valued=single_valued)
    return aliases


CSV_SUFFIX = ".csv"


class StrictQueryRoute(APIRoute):
    """A route that answers a 422 naming every query parameter it does not declare, and every
    one that takes one value but was given several (``?round=1&round=2`` is not round 2)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        fastapis = super().get_route_handler()
        solved = planned(self, fastapis)
        handler = fastapis if solved is None else solved[0]
        allowed = frozenset(_query_aliases(self.dependant))
        single = frozenset(_query_aliases(self.dependant, single_valued=True))
        accepted = ", ".join(sorted(allowed)) or "none"

        async def strict_handler(request: Request) -> Response:
            given = request.query_params
            # Distinct names fewer than values: something was repeated.
            if len(given) < len(given.multi_items()):
                counts = {
                    name: len(given.getlist(name)) for name in sorted(given) if name in single
                }
                repeated = {name: count for name, count in counts.items() if count > 1}
                if repeated:
                    raise invalid_query(
                        "repeated",
                        {
                            name: f"given {n} times; it takes one value"
                            for name, n in repeated.items()
                        },
                    )
            unknown = sorted({name for name in given if name not in allowed})
            if unknown:
                message = f"Unknown query parameter; this operation accepts: {accepted}"
                raise invalid_query("extra_forbidden", dict.fromkeys(unknown, message))
            return await handler(request)

        if solved is not None:
            # For the route index: this route's answer needs nothing of FastAPI's per-request
            # machinery around the handler (app/api/route_index.py).
            direct = DirectHandler(strict_handler, overridden=solved[1])
            setattr(the_route_as_included(self), DIRECT_HANDLER, direct)
        return strict_handler


class ResourceRouter(APIRouter):
    """One resource's router: strict routes, and a quick miss for paths outside its prefix."""

    def __init__(self, **options: Any) -> None:
        super().__init__(route_class=StrictQueryRoute, **options)
        self.mounted_at = ""

    def add_api_route(self, path: str, endpoint: Callable[..., Any], **options: Any) -> None:
        super().add_api_route(path, endpoint, **options)
        if is_page(options.get("response_model")):
            name = options.get("name") or endpoint.__name__
            super().add_api_route(
                path + CSV_SUFFIX,
                endpoint,
                **{
                    **options,
                    "name": f"{name}_csv",
                    "summary": f"{name.replace('_', ' ').title()} as CSV",
                    "response_model": None,
                },
            )

    def mount_under(self, api_prefix: str) -> "ResourceRouter":
        """Record where the app includes this router, so a match can be ruled out by prefix."""
        self.mounted_at = api_prefix + self.prefix
        return self

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if self.mounted_at and not get_route_path(scope).startswith(self.mounted_at):
            return Match.NONE, {}
        return super().matches(scope)


def is_page(model: Any) -> bool:
    """Whether a route's response model is the list envelope."""
    return isinstance(model, type) and issubclass(model, Page)


def serves_csv(scope: Scope) -> bool:
    """Whether the matched route is a list's CSV twin."""
    route = scope.get("route")
    return route is not None and route.path.endswith(CSV_SUFFIX)


def the_route_as_included(route: APIRoute) -> Any:
    """The route as the router including it serves it (FastAPI builds an included route's
    handler under this context), or the route itself."""
    context = _effective_route_context_var.get()
    return context if context is not None and context.original_route is route else route


def planned(
    route: APIRoute, fastapis: Callable[[Request], Coroutine[Any, Any, Response]]
) -> tuple[Callable[[Request], Awaitable[Response]], Callable[[], bool]] | None:
    """The route's handler solved by its plan (app/api/plan.py), when it can be planned, with
    FastAPI's own handler kept for dependency overrides, and whether overrides are set; None
    when it cannot be planned."""
    if get_type_hints(route.endpoint).get("return") is not Response:
        return None
    effective = the_route_as_included(route)
    plan = make_plan(effective.dependant)
    if plan is None:
        return None
    provider = effective.dependency_overrides_provider

    def overridden() -> bool:
        return bool(getattr(provider, "dependency_overrides", None))

    return planned_handler(plan, fastapis, overridden), overridden
