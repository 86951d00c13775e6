"""Browser tests: a real server, Debian's chromium, one fresh browser context per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import PEER_CONNECTION_RECORDER, Person, person
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright
from support.browser import CHROMIUM_FLAGS, chromium_path
from support.media import speech_like_wav
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
def media_browser(
    playwright: Playwright, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Browser]:
    """A chromium whose microphone plays a speech-like WAV (and whose camera is a test
    pattern), granted without asking: for the voice table's tests. Its own launch, because
    these flags hold for the whole browser."""
    sound = speech_like_wav(tmp_path_factory.mktemp("media") / "talk.wav")
    media_flags = [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={sound}",
    ]
    browser = playwright.chromium.launch(
        executable_path=chromium_path(), args=CHROMIUM_FLAGS + media_flags, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the browser tests, on SQLite; each test opens its own rooms."""
    base = tmp_path_factory.mktemp("site")
    # Every test's hosts come from 127.0.0.1: the rooms-per-address limit would add up across them.
    server = start_server(base / "instance", f"sqlite:///{base / 'site.db'}", rooms_per_address="0")
    yield server
    stop_server(server)


@pytest.fixture
def page_errors() -> list[str]:
    """Uncaught script errors of every page in this test's contexts (see ``_no_page_errors``)."""
    return []


@pytest.fixture(autouse=True)
def _no_page_errors(page_errors: list[str]) -> Iterator[None]:
    """A script error in any page fails the test, whatever else the test checked.

    ``pytest_runtest_call`` reports them as the test's failure; errors that come later (or
    besides another failure) are reported here, at teardown.
    """
    yield
    assert not page_errors, "script errors in the pages:\n" + "\n".join(page_errors)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    errors = getattr(item, "funcargs", {}).get("page_errors")
    result = yield
    if errors:
        found = list(errors)
        errors.clear()
        raise AssertionError("script errors in the pages:\n" + "\n".join(found))
    return result


def _watch_errors(context: BrowserContext, errors: list[str]) -> BrowserContext:
    def record(web_error) -> None:
        url = web_error.page.url if web_error.page else "?"
        errors.append(f"{url}: {web_error.error}")

    def blocked(message) -> None:  # what our own Content-Security-Policy refused
        if message.type == "error" and "Content Security Policy" in message.text:
            errors.append(f"{message.page.url if message.page else '?'}: {message.text}")

    context.on("weberror", record)
    context.on("console", blocked)
    return context


@pytest.fixture
def context(browser: Browser, site: Server, page_errors: list[str]) -> Iterator[BrowserContext]:
    context = _watch_errors(browser.new_context(base_url=site.url, locale="nl-NL"), page_errors)
    yield context
    context.close()


@pytest.fixture
def new_context(browser: Browser, site: Server, page_errors: list[str]) -> Iterator:
    """Make more contexts (one per person at the table); all are closed after the test."""
    made: list[BrowserContext] = []

    def make(**options) -> BrowserContext:
        options.setdefault("locale", "nl-NL")
        made.append(_watch_errors(browser.new_context(base_url=site.url, **options), page_errors))
        return made[-1]

    yield make
    for context in made:
        context.close()


@pytest.fixture
def talker(media_browser: Browser, site: Server, page_errors: list[str]) -> Iterator:
    """``talker(name, *init_scripts, base_url=...)``: a person whose browser has a (fake)
    microphone; every RTCPeerConnection their pages make is listed in ``window.__pcs``."""
    made: list[BrowserContext] = []

    def make(name: str, *init_scripts: str, base_url: str | None = None) -> Person:
        context = media_browser.new_context(base_url=base_url or site.url, locale="nl-NL")
        made.append(_watch_errors(context, page_errors))
        return person(context, name, PEER_CONNECTION_RECORDER, *init_scripts)

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


@pytest.fixture
def someone(new_context) -> Callable[..., Person]:
    """``someone(name, *init_scripts, **context_options)``: a person with their own browser."""

    def make(name: str, *init_scripts: str, **options) -> Person:
        return person(new_context(**options), name, *init_scripts)

    return make
