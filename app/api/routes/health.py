from fastapi import APIRouter, Response
from sqlalchemy import text

from app.api.deps import SessionDep
from app.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health")
def read_health(session: SessionDep, response: Response) -> Health:
    """Liveness and database reachability, checked on every call (never cached)."""
    response.headers["Cache-Control"] = "no-store"
    session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    return Health(status="ok")
