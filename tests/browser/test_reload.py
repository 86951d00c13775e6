"""A reload (or a phone that locked and woke up) returns to the same seat, mid-game."""

from __future__ import annotations

from collections.abc import Callable

from helpers import Person, SoftChecks, draw, join_by_link, open_room, start_game
from playwright.sync_api import expect


def seat_in_list(viewer: Person, name: str) -> str | None:
    return (
        viewer.page.locator("#player-list li")
        .filter(has=viewer.page.locator(".player-name", has_text=name))
        .get_attribute("data-seat")
    )


def test_reload_returns_to_the_same_seat_and_card(someone: Callable[..., Person]) -> None:
    host, henk, aisha = someone("Fatima"), someone("Henk"), someone("Aisha")
    code = open_room(host, takes_turns=False)
    join_by_link(henk, code)
    join_by_link(aisha, code)
    start_game(host)
    question = draw(henk, "zien")
    expect(aisha.question).to_have_text(question)

    henk_seat = henk.seat_id(code)
    assert henk_seat and henk_seat == seat_in_list(aisha, "Henk")

    # Henk's phone reloads while he is answering.
    henk.page.reload()
    expect(henk.page.locator("#join-panel")).to_be_hidden()
    expect(henk.page.locator("#game")).to_be_visible()
    assert henk.seat_id(code) == henk_seat
    expect(henk.question).to_have_text(question)
    expect(henk.page.locator("#card-sense-word")).to_have_text("Zien")
    for viewer in (host, aisha):
        expect(viewer.page.locator("#player-list li")).to_have_count(3)
        assert seat_in_list(viewer, "Henk") == henk_seat
        expect(
            viewer.page.locator("#player-list li", has_text="Henk").locator(".player-notes")
        ).not_to_contain_text("verbinding kwijt")

    # It is still his seat on his own phone: marked "(jij)", his turn, his buttons.
    after_reload = SoftChecks()
    after_reload.check(
        "Henk's own seat is marked (jij) after the reload",
        lambda: expect(henk.page.locator("#player-list .player-name")).to_have_text(
            ["Fatima", "Henk (jij)", "Aisha"]
        ),
    )
    after_reload.check(
        "Henk's #turn-status says it is his answer after the reload",
        lambda: expect(henk.status).to_have_text("Jij mag antwoorden. Neem de tijd."),
    )
    after_reload.check(
        "Henk's #finish button is back after the reload",
        lambda: expect(henk.page.locator("#finish")).to_be_visible(),
    )
    after_reload.check(
        "Henk's card says he drew it",
        lambda: expect(henk.page.locator("#card-drawn-by")).to_have_text(
            "Jij hebt deze kaart getrokken"
        ),
    )
    after_reload.assert_all()
    henk.page.click("#finish")
    expect(aisha.status).to_have_text("Jij bent aan de beurt. Kies een stapel.")


def test_reload_of_someone_waiting_and_of_the_host(someone: Callable[..., Person]) -> None:
    host, henk, aisha = someone("Fatima"), someone("Henk"), someone("Aisha")
    code = open_room(host, takes_turns=False)
    join_by_link(henk, code)
    join_by_link(aisha, code)
    start_game(host)
    question = draw(henk, "horen")
    expect(aisha.question).to_have_text(question)

    checks = SoftChecks()
    aisha.page.reload()
    expect(aisha.page.locator("#game")).to_be_visible()
    expect(aisha.question).to_have_text(question)
    expect(aisha.status).to_have_text("Henk is aan het woord.")
    checks.check(
        "Aisha's own seat is marked (jij) after a reload",
        lambda: expect(aisha.page.locator("#player-list .player-name")).to_have_text(
            ["Fatima", "Henk", "Aisha (jij)"]
        ),
    )

    host.page.reload()
    expect(host.page.locator("#game")).to_be_visible()
    expect(host.question).to_have_text(question)
    checks.check(
        "the host panel is back after the host's reload",
        lambda: expect(host.page.locator("#host-panel")).to_be_visible(),
    )
    checks.check(
        "the pause button is back after the host's reload",
        lambda: expect(host.page.locator("#pause-game")).to_be_visible(),
    )
    checks.check(
        "the host's own seat is marked (jij) after a reload",
        lambda: expect(host.page.locator("#player-list .player-name")).to_have_text(
            ["Fatima (jij)", "Henk", "Aisha"]
        ),
    )
    checks.assert_all()
