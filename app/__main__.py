"""``python -m app``: serve the API with uvicorn, building the database first if it is missing."""

import os

import uvicorn


def main() -> None:
    uvicorn.run(
        "app.main:app",
        host=os.environ.get("PARLEY_HOST", "127.0.0.1"),
        port=int(os.environ.get("PARLEY_PORT", "8000")),
        server_header=False,
    )


if __name__ == "__main__":
    main()
