from typing import Any

from fastapi import Depends, Request
from fastapi.responses import Response

from app.api.deps import database_of
from app.api.representation import get_language
from app.api.routing import ResourceRouter
from app.core.config import HEALTH_PATH
from app.representations import json_bytes
from app.schemas import Health

router = ResourceRouter(
    tags=["health"],
    # Both languages always; `lang` is accepted here as on every operation.
    dependencies=[Depends(get_language)],
)


DEGRADED: dict[int | str, dict[str, Any]] = {
    503: {
        "model": Health,
        "description": "Degraded: the file served was changed in place (`file_changed`); "
        "restart the process on a rebuilt file.",
    }
}


@router.get(HEALTH_PATH, response_model=Health, responses=DEGRADED)
async def read_health(request: Request) -> Response:
    """Liveness and database reachability, checked on every call (never cached)."""
    database = database_of(request)
    database.one("SELECT 1")
    changed = database.changed_in_place()
    health = Health(
        status="degraded" if changed else "ok",
        data_version=database.data_version,
        file_replaced=database.replaced_on_disk(),
        file_changed=changed,
        file_checked=database.checked,
    )
    return Response(
        json_bytes(health.model_dump()),
        status_code=503 if changed else 200,
        media_type="application/json",
        headers={"Cache-Control": "no-store"},
    )


# The same check at /health, where load balancers and people look first; not in the OpenAPI
# document, which describes the API under its prefix.
root_router = ResourceRouter(tags=["health"], dependencies=[Depends(get_language)])
root_router.add_api_route(
    HEALTH_PATH, read_health, response_model=Health, responses=DEGRADED, include_in_schema=False
)
