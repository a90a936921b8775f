from fastapi import APIRouter
from fastapi.responses import Response

from app.api.deps import DatabaseDep
from app.representations import json_bytes
from app.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
async def read_health(database: DatabaseDep) -> Response:
    """Liveness and database reachability, checked on every call (never cached)."""
    database.one("SELECT 1")
    health = Health(
        status="ok",
        data_version=database.data_version,
        file_replaced=database.replaced_on_disk(),
    )
    return Response(
        json_bytes(health.model_dump()),
        media_type="application/json",
        headers={"Cache-Control": "no-store"},
    )
