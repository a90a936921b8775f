from fastapi import APIRouter
from sqlalchemy import text

from app.api.deps import SessionDep
from app.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health")
def read_health(session: SessionDep) -> Health:
    """Liveness and database reachability."""
    session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    return Health(status="ok")
