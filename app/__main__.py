"""``python -m app``: serve the API with uvicorn, building the database first if it is missing."""

import uvicorn

from app.core.config import get_settings


def main() -> None:
    settings = get_settings()
    uvicorn.run("app.main:app", host=settings.host, port=settings.port, server_header=False)


if __name__ == "__main__":
    main()
