"""``python -m app``: serve the API with uvicorn, building the database first if it is missing."""

import uvicorn

from app.core.config import get_settings


def main() -> None:
    settings = get_settings()
    # Each worker process opens its own read-only copy of the same immutable file.
    uvicorn.run(
        "app.main:app",
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        server_header=False,
    )


if __name__ == "__main__":
    main()
