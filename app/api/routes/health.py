from fastapi import Depends, Request
from fastapi.responses import Response

from app.api.deps import database_of
from app.api.representation import get_language
from app.api.routing import ResourceRouter
from app.representations import json_bytes
from app.schemas import Health

router = ResourceRouter(
    tags=["health"],
    # Both languages always; `lang` is accepted here as on every operation.
    dependencies=[Depends(get_language)],
)


@router.get("/health", response_model=Health)
async def read_health(request: Request) -> Response:
    """Liveness and database reachability, checked on every call (never cached)."""
    database = database_of(request)
    database.one("SELECT 1")
    health = Health(
        status="ok",
        data_version=database.data_version,
        file_replaced=database.replaced_on_disk(),
        file_checked=database.checked,
    )
    return Response(
        json_bytes(health.model_dump()),
        media_type="application/json",
        headers={"Cache-Control": "no-store"},
    )


# The same check at /health, where load balancers and people look first; not in the OpenAPI
# document, which describes the API under its prefix.
root_router = ResourceRouter(tags=["health"], dependencies=[Depends(get_language)])
root_router.add_api_route("/health", read_health, response_model=Health, include_in_schema=False)
