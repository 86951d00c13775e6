"""Every page passes axe-core and asks nothing of other origins."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from support.browser import assert_accessible


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_page_is_accessible(page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto("/")
    assert page.locator("h1").inner_text() == "Kletsborden"
    assert_accessible(page, f"home, {scheme}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    ("locale", "heading"), [("nl-NL", "Privacy: wat"), ("en-GB", "Privacy: what")]
)
def test_privacy_page_is_plain_and_accessible(
    new_context, scheme: str, locale: str, heading: str
) -> None:
    page = new_context(locale=locale).new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto("/")
    page.click("footer a")
    assert page.locator("h1").inner_text().startswith(heading)
    assert "24" in page.locator("main").inner_text(), "the retention time is stated"
    assert_accessible(page, f"privacy, {locale}, {scheme}")


def test_no_request_leaves_our_origin(page: Page) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/")
    page.wait_for_load_state("networkidle")
    origin = page.url.rstrip("/")
    assert requested and all(url.startswith(origin) for url in requested), requested
