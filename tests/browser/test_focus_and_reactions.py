"""Focus follows what happens, announcements queue instead of overwriting each other, reactions
are summed up (and can be silenced), and "Wat gebeurt er?" answers on screen too."""

from __future__ import annotations

from collections.abc import Callable

from helpers import (
    ANNOUNCER_RECORDER,
    Person,
    announced,
    draw,
    fill_name_and_join,
    join_by_link,
    open_room,
    prefs_script,
    start_game,
    wait_for_announcement,
)
from playwright.sync_api import expect


def test_reactions_are_summed_and_can_be_silenced(someone: Callable[..., Person]) -> None:
    host = someone("Fatima", ANNOUNCER_RECORDER)
    henk = someone("Henk", ANNOUNCER_RECORDER)
    aisha = someone("Aisha", ANNOUNCER_RECORDER, prefs_script({"quietReactions": True}))
    code = open_room(host, takes_turns=False)
    join_by_link(henk, code)
    join_by_link(aisha, code)
    start_game(host)
    draw(henk, "horen")

    # Three reactions close together reach Henk as one sum, in the order they were first given.
    aisha.page.click("[data-react=thanks]")
    host.page.click("[data-react=thanks]")
    host.page.click("[data-react=heart]")
    said = wait_for_announcement(henk.page, "Reacties:")
    assert said == "Reacties: 2\u00d7 Dankjewel, 1\u00d7 Hartje.", said  # 2x, 1x
    expect(henk.page.locator("#reaction-feed")).to_have_text(said)

    # Aisha silenced reactions in her display settings: she sees them, she does not hear them.
    expect(aisha.page.locator("#reaction-feed")).to_have_text(
        "Reacties: 1\u00d7 Dankjewel, 1\u00d7 Hartje."
    )
    henk.page.click("[data-react=heart]")
    expect(aisha.page.locator("#reaction-feed")).to_have_text("Henk stuurt een hartje.")
    assert not [text for text in announced(aisha.page) if "hartje" in text.lower()]
    wait_for_announcement(host.page, "Henk stuurt een hartje.")
    aisha.page.locator("#display-toggle").click()
    expect(aisha.page.locator("#quiet-reactions")).to_be_checked()


def test_focus_follows_the_game_and_whats_happening_shows(someone: Callable[..., Person]) -> None:
    host = someone("Fatima", ANNOUNCER_RECORDER)
    henk = someone("Henk", ANNOUNCER_RECORDER)
    code = open_room(host, takes_turns=False)

    # Joining offers the display settings once, in the join panel.
    henk.page.goto(f"/play/{code}")
    henk.page.locator("#join-panel [data-display-open]").click()
    expect(henk.page.locator("#display-panel")).to_be_visible()
    expect(henk.page.locator("#text-size")).to_be_focused()
    henk.page.keyboard.press("Escape")
    expect(henk.page.locator("#display-panel")).to_be_hidden()
    expect(henk.page.locator("#display-toggle")).to_be_focused()
    fill_name_and_join(henk)
    expect(henk.page.locator("#join-panel [data-display-open]")).to_be_hidden()

    start_game(host)
    draw(henk, "zien")

    # "Wat gebeurt er?" is seen as well as heard.
    henk.page.click("#whats-happening")
    answer = henk.page.locator("#whats-happening-answer")
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("Jij mag antwoorden. Neem de tijd.")
    expect(answer).to_contain_text("Aan tafel: Fatima, Henk (jij).")
    wait_for_announcement(henk.page, "Aan tafel: Fatima, Henk (jij).")

    # The focused button goes away when the host pauses: focus moves to the status, which
    # says (and the live region announces) what happened.
    henk.page.locator("#finish").focus()
    host.page.click("#pause-game")
    expect(henk.page.locator("#finish")).to_be_hidden()
    expect(henk.status).to_be_focused()
    expect(henk.status).to_have_text("Het spel staat even stil.")
    wait_for_announcement(henk.page, "Het spel staat even stil.")

    # After a reload focus starts at the status, not at the top of the page.
    host.page.click("#resume-game")
    henk.page.reload()
    expect(henk.status).to_have_text("Jij mag antwoorden. Neem de tijd.")
    expect(henk.status).to_be_focused()
