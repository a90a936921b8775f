"""Rejecting query parameters an operation does not declare, instead of ignoring them.

A misspelt filter (``?sid=RU``) silently returning everything is worse than an error. The check
is part of the route itself (not a dependency), so it costs one set lookup per parameter.
"""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute


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
