"""What a screen-reader user hears through the polite live region (#announcer)."""

from __future__ import annotations

from collections.abc import Callable

from helpers import (
    ANNOUNCER_RECORDER,
    Person,
    announced,
    draw,
    join_by_link,
    open_room,
    open_screen,
    start_game,
    wait_for_announcement,
)
from playwright.sync_api import expect


def test_moves_reactions_and_whats_happening(someone: Callable[..., Person]) -> None:
    host = someone("Fatima", ANNOUNCER_RECORDER)
    henk = someone("Henk", ANNOUNCER_RECORDER)
    aisha = someone("Aisha", ANNOUNCER_RECORDER)
    projector = someone("projector", ANNOUNCER_RECORDER)
    code = open_room(host, takes_turns=False)
    join_by_link(henk, code)
    join_by_link(aisha, code)
    open_screen(projector, host)

    wait_for_announcement(host.page, "Aisha doet mee.")
    wait_for_announcement(henk.page, "Aisha doet mee.")

    start_game(host)
    wait_for_announcement(aisha.page, "Het spel begint.", "Henk is aan de beurt.")
    wait_for_announcement(henk.page, "Jij bent aan de beurt.")
    wait_for_announcement(projector.page, "Henk is aan de beurt.")

    # Henk draws: everyone else hears who, which deck and the question itself.
    question = draw(henk, "horen")
    for listener in (aisha, host, projector):
        said = wait_for_announcement(listener.page, "Henk", "Horen", question)
        assert said.startswith("Henk trekt een kaart: Horen."), said
    # The drawer is not told what they did: their focus moves to the question instead.
    expect(henk.page.locator("#card-question")).to_be_focused()

    # Reactions are announced to the others (and to the projector), not only drawn.
    aisha.page.click("[data-react=thanks]")
    wait_for_announcement(henk.page, "Aisha zegt dankjewel.")
    wait_for_announcement(host.page, "Aisha zegt dankjewel.")
    wait_for_announcement(projector.page, "Aisha zegt dankjewel.")
    henk.page.click("[data-react=heart]")
    wait_for_announcement(aisha.page, "Henk stuurt een hartje.")

    # "Wat gebeurt er?" tells the turn, the card and who is at the table.
    aisha.page.click("#whats-happening")
    said = wait_for_announcement(aisha.page, "Aan tafel:")
    assert said.startswith("Henk is aan het woord."), said
    assert f"De kaart is Horen: {question}" in said, said
    assert "Aan tafel: Fatima, Henk, Aisha (jij)." in said, said

    henk.page.click("#whats-happening")
    said = wait_for_announcement(henk.page, "Aan tafel:")
    assert said.startswith("Jij mag antwoorden. Neem de tijd."), said
    assert question in said, said
    assert "Aan tafel: Fatima, Henk (jij), Aisha." in said, said

    # The answer ends; the next turn is announced by name.
    henk.page.click("#finish")
    wait_for_announcement(aisha.page, "Henk is klaar.", "Jij bent aan de beurt.")
    wait_for_announcement(host.page, "Henk is klaar.", "Aisha is aan de beurt.")

    # The next card too, also when chance chooses the deck.
    question = draw(aisha, "")
    sense = aisha.page.locator("#card-sense-word").inner_text()
    said = wait_for_announcement(henk.page, "Aisha trekt een kaart:", question)
    assert f"Aisha trekt een kaart: {sense}." in said, said

    # Pausing is announced to the players.
    host.page.click("#pause-game")
    wait_for_announcement(henk.page, "Het spel staat even stil.")
    expect(henk.page.locator("#turn-status")).to_have_text("Het spel staat even stil.")
    host.page.click("#resume-game")
    wait_for_announcement(henk.page, "We spelen weer verder.")
    assert announced(henk.page), "nothing was announced"
