"""``/``: where someone who opens the server's address starts. A short page of links: the
explorer, the interactive docs, the OpenAPI document, health, and each list of the API."""

import html

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter()

# The lists a reader starts from, under the API prefix.
LISTS = ("rounds", "participants", "issues", "statements", "events", "conflicts", "sources")


@router.get("/", include_in_schema=False)
async def read_index(request: Request) -> HTMLResponse:
    prefix = request.app.state.settings.api_prefix
    links = [
        ("/explore", "Explorer: the rounds, sources and timeline, in English and Arabic"),
        ("/docs", "API documentation (Swagger UI)"),
        ("/redoc", "API documentation (ReDoc)"),
        ("/openapi.json", "OpenAPI document"),
        (f"{prefix}/health", "Health"),
        *((f"{prefix}/{name}", f"{prefix}/{name}") for name in LISTS),
    ]
    items = "".join(
        f'<li><a href="{html.escape(href)}">{html.escape(text)}</a></li>' for href, text in links
    )
    page = (
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Parley</title>'
        "<h1>Parley</h1><p>A cited, bilingual record of the 2025 Russia-US talks.</p>"
        f"<ul>{items}</ul>"
    )
    # no-store, as the explorer's page: kept out of the conditional-GET cache of the API.
    return HTMLResponse(page, headers={"Cache-Control": "no-store"})
