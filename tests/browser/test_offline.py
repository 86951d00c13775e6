"""A bad connection loses no tap and sends none twice: while the seat is not back, the play
page's buttons are disabled with the reason beside them, a tap is refused in words, and after
the page has rejoined the same tap does its work exactly once."""

from __future__ import annotations

from collections.abc import Callable

from helpers import Person, join_by_link, open_room, start_game
from playwright.sync_api import expect

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}


def test_a_tap_while_offline_is_refused_then_works_once(someone: Callable[..., Person]) -> None:
    host, henk = someone("Fatima"), someone("Henk", **PHONE)
    code = open_room(host, takes_turns=False)
    join_by_link(henk, code)
    start_game(host)
    page = henk.page
    expect(page.locator("[data-draw=zien]")).to_be_enabled()

    henk.page.context.set_offline(True)
    notice = page.locator("#connection")
    expect(notice).to_be_visible(timeout=30_000)
    expect(notice).to_be_in_viewport()
    expect(page.locator("#offline-note")).to_be_visible()
    expect(page.locator("#offline-note")).to_be_in_viewport()
    expect(page.locator("[data-draw=zien]")).to_be_disabled()
    page.locator("[data-draw=zien]").click(force=True)  # a tap on the disabled button
    page.locator("[data-sheet=more-sheet]").click()  # the sheets still open; their actions wait
    expect(page.locator("#leave")).to_be_disabled()
    expect(notice).to_be_in_viewport()  # the notice stays in sight over the sheet
    page.keyboard.press("Escape")
    expect(host.status).to_have_text("Henk is aan de beurt.")
    expect(host.page.locator("#card")).to_be_hidden()  # nothing was sent

    henk.page.context.set_offline(False)
    expect(notice).to_be_hidden(timeout=30_000)
    expect(page.locator("#offline-note")).to_be_hidden()
    expect(page.locator("[data-draw=zien]")).to_be_enabled()
    expect(page.locator("#alert")).to_be_hidden()
    page.locator("[data-draw=zien]").click()
    expect(henk.question).not_to_be_empty()
    expect(host.question).to_have_text(henk.question.inner_text())
    expect(host.page.locator("#card-drawn-by")).to_have_text("Getrokken door Henk")
    page.locator("#finish").click()
    expect(host.status).to_have_text("Henk is aan de beurt.")  # the only player: his turn again

    # Exactly one card was drawn in all: the room counts one.
    host.page.click("#end-game")
    expect(page.locator("#ended-summary")).to_have_text("Jullie hebben samen 1 kaart besproken.")
