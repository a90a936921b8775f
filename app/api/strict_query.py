"""Rejecting query parameters an operation does not declare, instead of ignoring them.

A misspelt filter (``?sid=RU``) silently returning everything is worse than an error.
"""

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute


def _query_aliases(dependant: Dependant) -> set[str]:
    aliases = {param.alias for param in dependant.query_params}
    for dependency in dependant.dependencies:
        aliases |= _query_aliases(dependency)
    return aliases


# Parameters every operation takes through router-level dependencies, which the route in the
# request scope does not carry.
APP_WIDE_PARAMETERS = frozenset({"lang"})

# Routes are not hashable; they live as long as the app, so their id is a stable key.
_declared_by_route: dict[int, frozenset[str]] = {}


def declared_query_parameters(route: APIRoute) -> frozenset[str]:
    declared = _declared_by_route.get(id(route))
    if declared is None:
        declared = frozenset(_query_aliases(route.dependant)) | APP_WIDE_PARAMETERS
        _declared_by_route[id(route)] = declared
    return declared


async def reject_unknown_query_parameters(request: Request) -> None:
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    allowed = declared_query_parameters(route)
    unknown = sorted({name for name in request.query_params if name not in allowed})
    if unknown:
        raise RequestValidationError(
            [
                {
                    "type": "extra_forbidden",
                    "loc": ("query", name),
                    "msg": f"Unknown query parameter; this operation accepts: "
                    f"{', '.join(sorted(allowed)) or 'none'}",
                    "input": None,
                }
                for name in unknown
            ]
        )
