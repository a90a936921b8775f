"""Each route's parameters solved by a plan made once, at start-up, from FastAPI's own
declarations of them.

FastAPI re-derives on every request what its dependency tree asks for: for each parameter
whether it is a model, which aliases it answers to, whether it takes several values, and for
each dependency whether it is a coroutine, a generator or a class. Half the work of a cold
request went there. A plan asks those questions once per route and keeps the answers; a request
then only reads each value and validates it with FastAPI's own field and its own
``_validate_value_with_model_field``, in FastAPI's order, so values and errors (and so every 422
message) are FastAPI's. ``tests/test_plan.py`` compares the two on every route.

A route uses its plan only when it needs nothing a plan leaves out (a body, generator or
threaded dependencies, security scopes, background tasks, a response parameter, parameter
models); any other route, and any request while dependency overrides are set, is solved by
FastAPI itself. The helpers used are FastAPI's private ones, which is why ``pyproject.toml``
bounds its version: an upgrade that changes them fails the comparison.
"""

import inspect
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from fastapi import Request, Response
from fastapi._compat import ModelField, Undefined, field_annotation_is_sequence
from fastapi.dependencies.models import (
    Dependant,
    _get_cache_key,
    _is_async_gen_callable,
    _is_coroutine_callable,
    _is_gen_callable,
)
from fastapi.dependencies.utils import (
    _get_param_aliases,
    _get_param_model,
    _is_json_field,
    _validate_value_with_model_field,
)
from fastapi.exceptions import RequestValidationError
from starlette.datastructures import Headers, ImmutableMultiDict

# Where each kind of parameter is read, in the order FastAPI reads and reports them.
SOURCES: tuple[tuple[str, Callable[[Request], Mapping[str, Any]]], ...] = (
    ("path", lambda request: request.path_params),
    ("query", lambda request: request.query_params),
    ("header", lambda request: request.headers),
    ("cookie", lambda request: request.cookies),
)


@dataclass(frozen=True)
class ParameterStep:
    field: ModelField
    source: int
    """Index in SOURCES."""
    kind: str
    aliases: tuple[str, ...]
    """The request keys the parameter answers to, preferred first."""
    many: bool
    """Read every value given (a list parameter of the query or headers)."""
    sequence: bool
    """An empty list is no value."""
    absent: Any = Undefined
    """The value when none is given, when it is known at start-up: FastAPI's own (a deep copy
    of the default, unvalidated) for a default that copying returns as itself (None, a number,
    a string, an enum member). Undefined: FastAPI's helper works it out per request."""

    def read(self, received: Mapping[str, Any]) -> tuple[Any, str]:
        """The value as FastAPI's ``_get_multidict_value`` reads it, and the alias read."""
        alias = self.aliases[0]
        if len(self.aliases) > 1:
            alias = next((a for a in self.aliases if a in received), alias)
        if self.many and isinstance(received, ImmutableMultiDict | Headers):
            value: Any = received.getlist(alias)
        else:
            value = received.get(alias)
        if value is None or (self.sequence and len(value) == 0):
            return Undefined, alias
        return value, alias


@dataclass(frozen=True)
class Plan:
    call: Callable[..., Awaitable[Any]]
    name: str | None
    parameters: tuple[ParameterStep, ...]
    dependencies: tuple["Plan", ...]
    request_name: str | None
    use_cache: bool
    cache_key: Any


# Values ``deepcopy`` returns as themselves.
IMMUTABLE = (type(None), bool, int, float, str, bytes, Enum)


def known_default(field: ModelField) -> Any:
    """What ``_validate_value_with_model_field`` gives for a missing value, when that is the
    same object on every request; Undefined otherwise (required, validated, made by a factory,
    or mutable)."""
    info = field.field_info
    if info.is_required() or info.validate_default or info.default_factory is not None:
        return Undefined
    default = field.default
    return default if isinstance(default, IMMUTABLE) else Undefined


def make_plan(dependant: Dependant) -> Plan | None:
    """The plan of a dependant, or None when it needs what plans leave to FastAPI."""
    call = dependant.call
    if (
        call is None
        or not _is_coroutine_callable(call)
        or _is_gen_callable(call)
        or _is_async_gen_callable(call)
        or inspect.isclass(call)
        or dependant.concurrency is not None
        or dependant.body_params
        or dependant.own_oauth_scopes
        or dependant.parent_oauth_scopes
        or any(
            (
                dependant.http_connection_param_name,
                dependant.websocket_param_name,
                dependant.background_tasks_param_name,
                dependant.response_param_name,
                dependant.security_scopes_param_name,
            )
        )
    ):
        return None
    steps = []
    fields = (
        dependant.path_params,
        dependant.query_params,
        dependant.header_params,
        dependant.cookie_params,
    )
    for source, group in enumerate(fields):
        for field in group:
            if _get_param_model(field) is not None:
                return None
            annotation = field.field_info.annotation
            sequence = field_annotation_is_sequence(annotation)
            steps.append(
                ParameterStep(
                    field=field,
                    source=source,
                    kind=field.field_info.in_.value,  # type: ignore[attr-defined]
                    aliases=tuple(pair[1] for pair in _get_param_aliases(field)),
                    many=sequence and not _is_json_field(field),
                    sequence=sequence,
                    absent=known_default(field),
                )
            )
    dependencies = []
    for sub in dependant.dependencies:
        planned = make_plan(sub)
        if planned is None:
            return None
        dependencies.append(planned)
    return Plan(
        call=call,
        name=dependant.name,
        parameters=tuple(steps),
        dependencies=tuple(dependencies),
        request_name=dependant.request_param_name,
        use_cache=dependant.use_cache,
        cache_key=_get_cache_key(dependant=dependant, uses_scopes_cache={}),
    )


async def solve(
    plan: Plan, request: Request, cache: dict[Any, Any], errors: list[Any]
) -> dict[str, Any]:
    """The values for ``plan.call``, as FastAPI's ``solve_dependencies`` gives them: each
    dependency solved first (and called, unless its own values had errors, or it was called
    already in this request), then this dependant's parameters, path, query, header, cookie;
    every error appended to ``errors`` in FastAPI's order."""
    values: dict[str, Any] = {}
    for sub in plan.dependencies:
        before = len(errors)
        sub_values = await solve(sub, request, cache, errors)
        if len(errors) > before:
            continue
        if sub.use_cache and sub.cache_key in cache:
            solved = cache[sub.cache_key]
        else:
            solved = await sub.call(**sub_values)
        if sub.name is not None:
            values[sub.name] = solved
        cache.setdefault(sub.cache_key, solved)
    sources: dict[int, Mapping[str, Any]] = {}
    for step in plan.parameters:
        received = sources.get(step.source)
        if received is None:
            received = sources[step.source] = SOURCES[step.source][1](request)
        value, alias = step.read(received)
        if value is Undefined and step.absent is not Undefined:
            values[step.field.name] = step.absent
            continue
        validated, problems = _validate_value_with_model_field(
            field=step.field, value=value, values={}, loc=(step.kind, alias)
        )
        if problems:
            errors.extend(problems)
        else:
            values[step.field.name] = validated
    if plan.request_name:
        values[plan.request_name] = request
    return values


def planned_handler(
    plan: Plan,
    fallback: Callable[[Request], Awaitable[Response]],
    overridden: Callable[[], bool],
) -> Callable[[Request], Awaitable[Response]]:
    """The route's handler: its plan, then its endpoint, whose answer is a Response (routes
    that may answer anything else are not planned). While dependency overrides are set (in
    a test), FastAPI's own handler solves instead."""

    async def handler(request: Request) -> Response:
        if overridden():
            return await fallback(request)
        errors: list[Any] = []
        values = await solve(plan, request, {}, errors)
        if errors:
            raise RequestValidationError(errors, body=None)
        response: Response = await plan.call(**values)
        return response

    return handler


# The attribute of a route (as included) that holds its DirectHandler.
DIRECT_HANDLER = "parley_direct_handler"


@dataclass(frozen=True)
class DirectHandler:
    """A planned route's whole handler, which the route index may call itself, without the
    request and exit stacks FastAPI builds around every handler: a plan holds no dependency
    that needs them (no generators), so only while dependency overrides are set (which may)
    is the route left to FastAPI."""

    handler: Callable[[Request], Awaitable[Response]]
    overridden: Callable[[], bool]
