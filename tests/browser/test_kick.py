"""Kick means what its confirmation says: the kicked person sees why and the way home, and
cannot come back into that room under a new name from the same device. Skipping a player and
handing over the host role are confirmed first."""

from __future__ import annotations

from collections.abc import Callable

from helpers import Person, join_by_link, kick, open_room, start_game
from playwright.sync_api import expect


def test_a_kicked_device_stays_out(someone: Callable[..., Person]) -> None:
    host, henk, joost = someone("Fatima"), someone("Henk"), someone("Joost")
    code = open_room(host, takes_turns=False)
    join_by_link(henk, code)
    join_by_link(joost, code)
    start_game(host)

    # Skipping Henk asks first (the test's people accept every confirmation).
    expect(host.page.locator("#skip-player")).to_have_text("Sla Henk over")
    host.page.click("#skip-player")
    assert host.dialogs[-1] == "Wil je Henk echt overslaan?"
    expect(joost.status).to_have_text("Jij bent aan de beurt. Kies een stapel.")

    kick(host, "Joost")
    page = joost.page
    expect(page.locator("#kicked")).to_be_visible()
    expect(page.locator("#kicked a[href='/']")).to_be_visible()

    # From the same phone, under another name: refused, with the same screen.
    page.goto(f"/play/{code}")
    page.fill("#join-name", "Jan")
    page.locator("#join-form button[type=submit]").click()
    expect(page.locator("#kicked")).to_be_visible()
    expect(host.page.locator("#player-list .player-name", has_text="Jan")).to_have_count(0)

    # Handing over the host role is confirmed too.
    menu = host.page.locator("#player-list details.seat-menu").filter(has_text="Henk")
    menu.locator("summary").click()
    menu.locator("button[data-action=make_host]").click()
    assert host.dialogs[-1].startswith("Wil je Henk gespreksleider maken?")
    expect(henk.page.locator("#host-panel")).to_be_visible()
