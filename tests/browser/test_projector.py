"""The projector (/screen) read from the back of a hall: no header, language links or display
settings; a room code at least 8% of the screen high; whose turn it is always in sight; and
the whole screen fits 1280x720 and 1920x1080 without scrolling, long questions included."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from helpers import (
    AxeReport,
    Person,
    draw,
    join_by_link,
    open_room,
    open_screen,
    overflow,
    start_game,
)
from playwright.sync_api import expect

SCREENS = {"720p": {"width": 1280, "height": 720}, "1080p": {"width": 1920, "height": 1080}}

FITS = """
() => {
  const root = document.documentElement;
  const box = (id) => {
    const el = document.getElementById(id);
    if (!el || !el.checkVisibility()) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, right: r.right };
  };
  const code = document.querySelector("#screen-join .room-code");
  return {
    scrollHeight: root.scrollHeight, scrollWidth: root.scrollWidth,
    height: window.innerHeight, width: window.innerWidth,
    code: code && code.checkVisibility() ? code.getBoundingClientRect().height : 0,
    codeFont: code ? parseFloat(getComputedStyle(code).fontSize) : 0,
    status: box("screen-status"), card: box("screen-card"), join: box("screen-join"),
  };
}
"""


def assert_fits(projector: Person, state: str, *, join: bool) -> dict:
    found = projector.page.evaluate(FITS)
    found["too wide"] = overflow(projector.page)
    assert found["scrollHeight"] <= found["height"], f"{state}: scrolls down: {found}"
    assert found["scrollWidth"] <= found["width"], f"{state}: scrolls sideways: {found}"
    status = found["status"]
    assert status and status["top"] >= 0 and status["bottom"] <= found["height"], (state, found)
    if join:
        assert found["codeFont"] >= 0.08 * found["height"], f"{state}: code too small: {found}"
        assert found["code"] >= 0.08 * found["height"], f"{state}: code too small: {found}"
    return found


@pytest.mark.parametrize("size", SCREENS)
def test_the_projector_fits_and_reads_from_afar(someone: Callable[..., Person], size: str) -> None:
    host, henk = someone("Fatima"), someone("Henk")
    projector = someone("projector", viewport=SCREENS[size])
    axe = AxeReport()
    code = open_room(host, takes_turns=False)
    join_by_link(henk, code)
    open_screen(projector, host)
    page = projector.page
    for absent in ("header", "nav.language", "#display-toggle", "footer"):
        expect(page.locator(absent)).to_have_count(0)
    expect(page.locator("#screen-join")).to_be_visible()
    # what the hall scans and members share carries the join ticket (guesses.py)
    ticketed = re.compile(r"ticket=[0-9a-f]{16}")
    expect(page.locator("#screen-join img")).to_have_attribute("src", ticketed)
    expect(henk.page.locator("#join-qr")).to_have_attribute("src", ticketed)
    expect(henk.page.locator("#invite a[data-invite-link]")).to_have_attribute("href", ticketed)
    assert_fits(projector, "lobby", join=True)
    axe.check(page, f"projector lobby {size}", schemes=("light",))

    start_game(host)
    draw(henk, "voelen")
    expect(page.locator("#screen-question")).to_have_text(henk.question.inner_text())
    expect(page.locator("#screen-status")).to_have_text("Henk is aan het woord.")
    assert_fits(projector, "card", join=True)
    axe.check(page, f"projector card {size}", schemes=("light",))

    # A long question (three times the longest in the deck) still fits: it is set smaller.
    page.evaluate(
        """() => {
             const q = document.getElementById("screen-question");
             q.textContent = q.textContent.repeat(3);
             window.dispatchEvent(new Event("resize"));
           }"""
    )
    assert_fits(projector, "long question", join=True)
