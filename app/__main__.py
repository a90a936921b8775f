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
        # asyncio's own loop, not uvloop: under hundreds of busy connections uvloop served some
        # of them (and new ones, /health included) only after seconds, and wrk timed them out;
        # asyncio shares the loop fairly, at 3% less throughput here.
        loop="asyncio",
        server_header=False,
    )


if __name__ == "__main__":
    main()
