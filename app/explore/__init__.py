"""The evidence explorer (/explore): a static page and ES modules that read only the public API.

There is no build step: the browser loads the modules as they are checked in. The page's content
security policy admits this origin alone and no inline script, so everything it shows arrives
through ``/api/v1`` and is put into the page as text, never as markup.
"""

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"
ASSETS_PATH = "/explore/assets"
EXPLORE_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def install_explore(app: FastAPI) -> None:
    """Serve /explore and its assets under /explore/assets."""
    # Read once: the page is a shell and every view is drawn by the modules from the API.
    page = (STATIC / "index.html").read_text(encoding="utf-8")

    @app.get("/explore", include_in_schema=False)
    async def explore() -> HTMLResponse:
        # no-store keeps the page out of the conditional-GET middleware: its 304 carries no
        # policy of the page's own, gets the API's `default-src 'none'`, and a browser that
        # merges those headers into its cached copy would then block every script on reload.
        return HTMLResponse(
            page, headers={"Content-Security-Policy": EXPLORE_CSP, "Cache-Control": "no-store"}
        )

    app.mount(ASSETS_PATH, StaticFiles(directory=STATIC), name="explore-assets")
