"""Browser tests: a real server, Debian's chromium, one fresh browser context per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright
from support.browser import CHROMIUM_FLAGS, chromium_path
from support.server import Server, start_server, stop_server


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the browser tests, on SQLite; each test opens its own rooms."""
    base = tmp_path_factory.mktemp("site")
    server = start_server(base / "instance", f"sqlite:///{base / 'site.db'}")
    yield server
    stop_server(server)


@pytest.fixture
def context(browser: Browser, site: Server) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=site.url, locale="nl-NL")
    yield context
    context.close()


@pytest.fixture
def new_context(browser: Browser, site: Server) -> Iterator:
    """Make more contexts (one per person at the table); all are closed after the test."""
    made: list[BrowserContext] = []

    def make(**options) -> BrowserContext:
        options.setdefault("locale", "nl-NL")
        made.append(browser.new_context(base_url=site.url, **options))
        return made[-1]

    yield make
    for context in made:
        context.close()


@pytest.fixture
def page(context: BrowserContext):
    return context.new_page()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent.name == "browser":
            item.add_marker(pytest.mark.browser)
