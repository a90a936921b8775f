"""A real headless Chromium (Debian's ``chromium``) driven by Playwright, for pages people look at.

The browser may reach only the app under test: every request it makes is recorded, and a host
resolver rule sends every name but localhost nowhere, so a page that needs a CDN shows it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

from tests.debian import debian_program

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium calls Google's hosts at start; on a closed network that is noise.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


def chromium_executable() -> str:
    """Debian's Chromium, installed with apt when it is missing and we may install it."""
    return debian_program("chromium", "chromium", "BROWSER TESTS")


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_FLAGS
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageRecord:
    """What a page did while it loaded: every request it made and every console error."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def hosts_other_than(self, origin: str) -> list[str]:
        return [url for url in self.requests if not url.startswith((origin, "data:", "blob:"))]


def open_page(browser: Browser, url: str, **context_options: object) -> tuple[Page, PageRecord]:
    record = PageRecord()
    context = browser.new_context(**context_options)  # type: ignore[arg-type]
    page = context.new_page()

    def on_request(request: Request) -> None:
        record.requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            record.console_errors.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda error: record.console_errors.append(str(error)))
    page.goto(url)
    return page, record


def screenshot(page: Page, name: str) -> Path:
    """Keep what the page looked like, as a test artifact."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=path, full_page=False)
    return path
