"""Small phones: nothing scrolls sideways at 320 px wide, nor on a landscape phone, nor at 200%."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import (
    Person,
    close_display_settings,
    draw,
    end_game,
    join_by_link,
    open_display_settings,
    open_room,
    overflow,
    prefs_script,
    settle,
    start_game,
)
from playwright.sync_api import Page, expect

SIZES = {"320 wide": {"width": 320, "height": 640}, "landscape": {"width": 640, "height": 320}}


class Sideways:
    """Collects every page and size that scrolls sideways, to report them all at once."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def check(self, page: Page, state: str) -> None:
        for label, size in SIZES.items():
            page.set_viewport_size(size)
            settle(page)
            found = overflow(page)
            if found:
                text_size = page.locator("html").get_attribute("data-text-size")
                self.problems.append(
                    f"{state} [{label}, text {text_size}%]"
                    f": scrollWidth {found['scrollWidth']} > clientWidth {found['clientWidth']};"
                    f" too wide: {', '.join(found['elements'])}"
                )

    def assert_none(self) -> None:
        assert not self.problems, "pages scroll sideways:\n" + "\n".join(self.problems)


@pytest.mark.parametrize("text_size", [100, 200])
def test_no_sideways_scrolling(someone: Callable[..., Person], text_size: int) -> None:
    prefs = prefs_script({"textSize": str(text_size)})
    sideways = Sideways()
    options = {"viewport": SIZES["320 wide"], "is_mobile": True, "has_touch": True}
    host = someone("Fatima", prefs, **options)
    henk = someone("Henk", prefs, **options)

    host.page.goto("/")
    expect(host.page.locator("html")).to_have_attribute("data-text-size", str(text_size))
    sideways.check(host.page, "home")
    host.page.goto("/join?code=ZZZZ-ZZZZ")
    sideways.check(host.page, "home with an error")
    host.page.goto("/host")
    sideways.check(host.page, "host form")

    code = open_room(host)
    henk.page.goto(f"/play/{code}")
    sideways.check(henk.page, "play: join form")
    join_by_link(henk, code)
    expect(host.page.locator("#player-list li")).to_have_count(2)
    sideways.check(host.page, "lobby, host (invite, QR code and host panel)")
    sideways.check(henk.page, "lobby, player")

    host.page.locator("[data-sheet=table-sheet]").click()
    host.page.locator("details.seat-menu", has_text="Henk").locator("summary").click()
    sideways.check(host.page, "lobby, host with a player's options open")

    host.page.locator("#table-sheet [data-sheet-close]").click()
    start_game(host)
    draw(host, "voelen")
    expect(henk.question).not_to_be_empty()
    sideways.check(host.page, "card shown, host answering (host panel)")
    sideways.check(henk.page, "card shown, someone else")

    open_display_settings(henk.page)
    sideways.check(henk.page, "card shown, display settings open")
    close_display_settings(henk.page)
    for sheet in ("table-sheet", "more-sheet"):
        henk.page.locator(f"[data-sheet={sheet}]").click()
        sideways.check(henk.page, f"card shown, {sheet} open")
        henk.page.locator(f"#{sheet} [data-sheet-close]").click()

    host.page.locator("[data-sheet=table-sheet]").click()
    end_game(host)
    expect(henk.page.locator("#reflection")).to_be_visible()
    sideways.check(henk.page, "ended, the reflection")
    sideways.check(host.page, "ended, host")
    sideways.assert_none()
