"""A whole turn with the keyboard only: join, draw, answer. Focus follows the player's own moves
and never jumps on the other players' phones."""

from __future__ import annotations

from collections.abc import Callable

from helpers import (
    Person,
    active_id,
    focus_signature,
    join_by_link,
    open_room,
    start_game,
    tab_to,
)
from playwright.sync_api import expect


def test_a_turn_with_the_keyboard_only(someone: Callable[..., Person]) -> None:
    host, henk, aisha = someone("Fatima"), someone("Henk"), someone("Aisha")
    code = open_room(host, takes_turns=False)

    # Henk joins with the keyboard: Tab to the name field, type, Enter.
    keys = henk.page.keyboard
    henk.page.goto(f"/play/{code}")
    expect(henk.page.locator("#join-panel")).to_be_visible()
    tab_to(henk.page, "#join-name")
    keys.type("Henk")
    keys.press("Enter")
    expect(henk.page.locator("#game")).to_be_visible()
    expect(henk.page.locator("#turn-status")).to_be_focused()

    join_by_link(aisha, code)
    expect(host.page.locator("#player-list li")).to_have_count(3)

    # The others have focus somewhere of their own; it must stay there.
    aisha.page.locator("[data-react=me_too]").focus()
    host.page.locator("#lock-room").focus()
    others = {p.name: focus_signature(p.page) for p in (aisha, host)}

    start_game(host)
    host.page.locator("#lock-room").focus()  # the host clicked "start"; focus back where it was
    expect(henk.page.locator("#turn-status")).to_have_text(
        "Jij bent aan de beurt. Kies een stapel."
    )
    expect(aisha.page.locator("#turn-status")).to_have_text("Henk is aan de beurt.")

    # Henk draws a "zien" card with Tab and Enter; focus goes to the question.
    tab_to(henk.page, "[data-draw=zien]")
    keys.press("Enter")
    expect(henk.page.locator("#card-question")).to_be_focused()
    assert active_id(henk.page) == "card-question"
    expect(aisha.page.locator("#card-question")).to_have_text(
        henk.page.locator("#card-question").inner_text()
    )
    for other in (aisha, host):
        assert focus_signature(other.page) == others[other.name], f"{other.name}'s focus moved"

    # From the question, Tab forward to "Klaar" and press Space; focus goes to the turn status.
    tab_to(henk.page, "#finish")
    keys.press("Space")
    expect(henk.page.locator("#turn-status")).to_be_focused()
    assert active_id(henk.page) == "turn-status"
    expect(henk.page.locator("#turn-status")).to_have_text("Aisha is aan de beurt.")
    expect(aisha.page.locator("#turn-status")).to_have_text(
        "Jij bent aan de beurt. Kies een stapel."
    )
    for other in (aisha, host):
        assert focus_signature(other.page) == others[other.name], f"{other.name}'s focus moved"

    # Shift+Tab walks back from the status to the skip link at the top, without a trap.
    tab_to(henk.page, ".skip-link", backwards=True)
    keys.press("Enter")
    expect(henk.page.locator("#main")).to_be_focused()


def test_tab_order_reaches_every_draw_button(someone: Callable[..., Person]) -> None:
    """All four ways to draw are reachable in order, and Space works as well as Enter."""
    host, henk = someone("Fatima"), someone("Henk")
    code = open_room(host, takes_turns=False)
    join_by_link(henk, code)
    start_game(host)
    page = henk.page
    expect(page.locator("#draw-actions")).to_be_visible()
    tab_to(page, "[data-draw=horen]")
    order = []
    for _ in range(4):
        order.append(page.evaluate("document.activeElement.dataset.draw"))
        page.keyboard.press("Tab")
    assert order == ["horen", "zien", "voelen", ""]
    tab_to(page, "[data-draw='']", backwards=True)
    page.keyboard.press("Space")
    expect(page.locator("#card-question")).to_be_focused()
    expect(page.locator("#card-drawn-by")).to_have_text(
        "Jij hebt deze kaart getrokken; het toeval koos de stapel"
    )
