"""The interactive docs, opened in a real headless Chromium that can reach only the app."""

import httpx
import pytest
from playwright.sync_api import Browser

from bench.servers import Server
from tests.browser import open_page, screenshot


def operation_count(server: Server) -> int:
    """How many operations the OpenAPI document describes: each page must show every one."""
    paths = httpx.get(f"{server.base_url}/openapi.json").json()["paths"]
    return sum(len(operations) for operations in paths.values())


def test_swagger_ui_renders_every_operation_from_local_assets(
    server: Server, browser: Browser
) -> None:
    page, record = open_page(browser, f"{server.base_url}/docs")
    page.wait_for_selector("text=read_round_issues", timeout=20_000)
    assert page.locator(".opblock").count() == operation_count(server)
    screenshot(page, "docs-swagger-ui.png")
    # Reloaded, the browser revalidates with If-None-Match: the 304 must keep the page working.
    page.reload()
    page.wait_for_selector("text=read_round_issues", timeout=20_000)
    assert record.hosts_other_than(server.base_url) == []
    assert record.console_errors == []


@pytest.mark.slow
def test_redoc_renders_every_operation_from_local_assets(server: Server, browser: Browser) -> None:
    page, record = open_page(browser, f"{server.base_url}/redoc")
    page.wait_for_selector("[data-section-id='operation/read_round_issues']", timeout=20_000)
    assert page.locator("[data-section-id^='operation/']").count() == operation_count(server)
    screenshot(page, "docs-redoc.png")
    assert record.hosts_other_than(server.base_url) == []
    assert record.console_errors == []


def test_the_root_page_leads_a_person_to_the_explorer(server: Server, browser: Browser) -> None:
    page, record = open_page(browser, f"{server.base_url}/")
    page.get_by_role("link", name="Explorer", exact=False).click()
    page.wait_for_url(f"{server.base_url}/explore")
    assert record.hosts_other_than(server.base_url) == []
    assert record.console_errors == []
