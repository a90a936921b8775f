"""The interactive API docs (/docs, /redoc), served entirely by the app.

FastAPI's default pages load Swagger UI, ReDoc and fonts from public CDNs, which leaves them
blank on a machine or network that cannot reach those hosts. Here the pages are our own static
HTML, the assets come from the ``fastapi-offline`` package (a maintained copy of the upstream
bundles), and the pages' content security policy allows nothing but this origin.
"""

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"
ASSETS_PATH = "/docs/assets"
# No inline script and no other host. Styles may be inline because both UIs set element styles
# from script; workers come from blob: URLs in ReDoc's search.
DOCS_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


# ReDoc's sidebar shows its maker's logo from their CDN, unconditionally. The bundle is served
# with that one address emptied (the image then hides itself), so the page asks no other host.
REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"


def _redoc_bundle() -> bytes:
    bundle = files("fastapi_offline").joinpath("static", "redoc.standalone.js").read_bytes()
    return bundle.replace(REDOC_LOGO, b"data:,")


def _page(name: str) -> HTMLResponse:
    return HTMLResponse(
        (STATIC / name).read_text(encoding="utf-8"),
        headers={"Content-Security-Policy": DOCS_CSP, "Cache-Control": "no-cache"},
    )


def install_docs(app: FastAPI) -> None:
    """Serve /docs and /redoc; the app must be created with ``docs_url=None, redoc_url=None``."""

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return _page("swagger.html")

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return _page("redoc.html")

    redoc_bundle = _redoc_bundle()

    @app.get(f"{ASSETS_PATH}/redoc.standalone.js", include_in_schema=False)
    async def redoc_script() -> Response:
        return Response(redoc_bundle, media_type="text/javascript; charset=utf-8")

    # Registered after the routes above, so the patched ReDoc bundle wins over the package's.
    app.mount(
        ASSETS_PATH,
        StaticFiles(directory=STATIC, packages=[("fastapi_offline", "static")]),
        name="docs-assets",
    )
