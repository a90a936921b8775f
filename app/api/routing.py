"""The routers and routes every resource uses.

Routes reject query parameters they do not declare: a misspelt filter (``?sid=RU``) silently
returning everything is worse than an error. The check is part of the route itself (not a
dependency), so it costs one set lookup per parameter. Routers skip requests outside their
prefix without trying each of their routes.
"""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute, APIRouter
from starlette._utils import get_route_path
from starlette.routing import Match
from starlette.types import Scope


def _query_aliases(dependant: Dependant) -> set[str]:
    aliases = {param.alias for param in dependant.query_params}
    for dependency in dependant.dependencies:
        aliases |= _query_aliases(dependency)
    return aliases


class StrictQueryRoute(APIRoute):
    """A route that answers a 422 naming every query parameter it does not declare."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        allowed = frozenset(_query_aliases(self.dependant))
        accepted = ", ".join(sorted(allowed)) or "none"

        async def strict_handler(request: Request) -> Response:
            unknown = sorted({name for name in request.query_params if name not in allowed})
            if unknown:
                raise RequestValidationError(
                    [
                        {
                            "type": "extra_forbidden",
                            "loc": ("query", name),
                            "msg": f"Unknown query parameter; this operation accepts: {accepted}",
                            "input": None,
                        }
                        for name in unknown
                    ]
                )
            return await handler(request)

        return strict_handler


class ResourceRouter(APIRouter):
    """One resource's router: strict routes, and a quick miss for paths outside its prefix."""

    def __init__(self, **options: Any) -> None:
        super().__init__(route_class=StrictQueryRoute, **options)
        self.mounted_at = ""

    def mount_under(self, api_prefix: str) -> "ResourceRouter":
        """Record where the app includes this router, so a match can be ruled out by prefix."""
        self.mounted_at = api_prefix + self.prefix
        return self

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if self.mounted_at and not get_route_path(scope).startswith(self.mounted_at):
            return Match.NONE, {}
        return super().matches(scope)
