"""The facilitator's tools in real browsers: a player without a phone played from the host's
screen, the quiet wish to change the topic that only the host sees, and the closing reflection."""

from __future__ import annotations

from collections.abc import Callable

from helpers import (
    ANNOUNCER_RECORDER,
    AxeReport,
    Person,
    announced,
    draw,
    end_game,
    join_by_link,
    open_room,
    open_screen,
    overflow,
    start_game,
    tab_to,
    wait_for_announcement,
)
from playwright.sync_api import expect

ONE_WISH = "Iemand wil liever over iets anders praten."
TWO_WISHES = "2 keer gevraagd: liever over iets anders praten."
SAID = "Er is een bericht alleen voor jou, bij Aan tafel."
WISH_WORDS = "liever over iets anders praten"  # in both notices, never on a card


def add_player(host: Person, name: str) -> None:
    page = host.page
    page.fill("#add-player-name", name)
    page.locator("#add-player-form button[type=submit]").click()
    expect(page.locator("#add-player-name")).to_have_value("")
    expect(page.locator("#player-list li", has_text=name)).to_be_visible()


def test_a_host_plays_for_someone_without_a_phone(someone: Callable[..., Person]) -> None:
    axe = AxeReport()
    host = someone("Fatima", ANNOUNCER_RECORDER)
    henk = someone("Henk", ANNOUNCER_RECORDER)
    code = open_room(host, takes_turns=False)
    join_by_link(henk, code)

    # The host adds Opa, who has no phone; everyone sees how Opa plays.
    expect(host.page.locator("#add-player-title")).to_have_text("Speler zonder telefoon toevoegen")
    axe.check(host.page, "lobby, host with the add-a-player form")
    add_player(host, "Opa")
    for seated in (host, henk):
        expect(seated.page.locator("#player-list li", has_text="Opa")).to_contain_text(
            "speelt via de gespreksleider"
        )
    wait_for_announcement(henk.page, "Opa doet mee.")
    menu = host.page.locator("details.seat-menu", has_text="Opa")
    menu.locator("summary").click()
    expect(menu.locator("button[data-action=kick]")).to_be_visible()
    expect(menu.locator("button[data-action=make_cohost]")).to_be_hidden()
    expect(menu.locator("button[data-action=make_host]")).to_be_hidden()
    menu.locator("summary").click()

    start_game(host)
    expect(henk.status).to_have_text("Jij bent aan de beurt. Kies een stapel.")
    expect(host.page.locator("#playing-for")).to_be_hidden()
    expect(host.page.locator("#draw-actions")).to_be_hidden()
    draw(henk, "horen")
    henk.page.click("#finish")

    # Opa's turn: the host's console shows Opa's turn controls, clearly labelled.
    expect(henk.status).to_have_text("Opa is aan de beurt.")
    expect(host.status).to_have_text("Opa is aan de beurt, en jij speelt voor Opa.")
    playing_for = host.page.locator("#playing-for")
    expect(playing_for).to_have_text("Je speelt nu voor Opa. Opa heeft geen telefoon.")
    expect(host.page.locator("#draw-intro")).to_have_text("Kies een stapel voor Opa:")
    expect(host.page.locator("#draw-actions")).to_be_visible()
    expect(henk.page.locator("#draw-actions")).to_be_hidden()
    expect(henk.page.locator("#playing-for")).to_be_hidden()
    axe.check(host.page, "playing for Opa: drawing")

    question = draw(host, "zien")
    expect(henk.question).to_have_text(question)
    expect(henk.page.locator("#card-drawn-by")).to_have_text("Getrokken door Opa")
    wait_for_announcement(henk.page, "Opa trekt een kaart", question)
    wait_for_announcement(host.page, "Opa trekt een kaart")
    expect(host.status).to_have_text("Opa is aan de beurt, en jij speelt voor Opa.")
    expect(playing_for).to_be_visible()
    expect(host.page.locator("#finish")).to_be_visible()
    expect(host.page.locator("#hand-to option")).to_have_text(["Henk"])
    axe.check(host.page, "playing for Opa: answering")

    host.page.click("#finish")
    wait_for_announcement(henk.page, "Opa is klaar.")
    expect(henk.status).to_have_text("Jij bent aan de beurt. Kies een stapel.")
    expect(playing_for).to_be_hidden()
    expect(host.page.locator("#answer-actions")).to_be_hidden()
    axe.assert_clean()


def test_only_the_host_hears_the_wish_for_another_topic(someone: Callable[..., Person]) -> None:
    axe = AxeReport()
    host = someone("Fatima", ANNOUNCER_RECORDER)
    henk = someone("Henk", ANNOUNCER_RECORDER)
    aisha = someone("Aisha", ANNOUNCER_RECORDER)
    projector = someone("projector", ANNOUNCER_RECORDER)
    code = open_room(host, takes_turns=False)
    join_by_link(henk, code)
    join_by_link(aisha, code)
    open_screen(projector, host)
    start_game(host)

    for player in (henk, aisha):
        expect(player.page.locator("#topic-wish")).to_be_hidden()  # no card on the table yet
    question = draw(henk, "voelen")
    expect(aisha.question).to_have_text(question)
    for player in (henk, aisha):
        expect(player.page.locator("#topic-ask")).to_have_text("Ik praat liever over iets anders")
        expect(player.page.locator("#topic-ask")).to_be_enabled()
    expect(host.page.locator("#topic-wish")).to_be_hidden()
    expect(host.page.locator("#lead-notice")).to_be_hidden()

    # Aisha, by name.
    aisha.page.check("#topic-show-name")
    aisha.page.click("#topic-ask")
    sent = aisha.page.locator("#topic-sent")
    expect(sent).to_have_text("Verstuurd. Alleen wie het spel leidt ziet dit.")
    expect(sent).to_be_focused()
    expect(aisha.page.locator("#topic-ask")).to_be_disabled()
    notice = host.page.locator("#lead-notice")
    expect(notice).to_be_visible()
    expect(host.page.locator("#lead-notice-text")).to_have_text(ONE_WISH)
    expect(host.page.locator("#lead-notice-names")).to_have_text("Met naam gevraagd: Aisha")
    wait_for_announcement(host.page, SAID)
    read_out = [said for said in announced(host.page) if "doet mee" not in said]
    assert not any("Aisha" in said for said in read_out), "a speaker is heard at the table"
    axe.check(aisha.page, "topic wish sent")

    # Henk, without his name.
    henk.page.click("#topic-ask")
    expect(henk.page.locator("#topic-sent")).to_be_visible()
    expect(host.page.locator("#lead-notice-text")).to_have_text(TWO_WISHES)
    expect(host.page.locator("#lead-notice-names")).to_have_text("Met naam gevraagd: Aisha")
    axe.check(host.page, "host notice")

    # A host who reloads sees it again.
    host.page.reload()
    expect(host.page.locator("#lead-notice-text")).to_have_text(TWO_WISHES)

    # Nobody else sees or hears a thing of it: not the players, not the projector. (Checked by
    # the wish's own words: a card may say "iets anders" too, and the room's card is random.)
    for other in (henk, aisha, projector):
        said = " ".join(announced(other.page))
        assert WISH_WORDS not in said and SAID not in said
        assert "Aisha" not in said.replace("Aisha doet mee.", "")
    for player in (henk, aisha):
        expect(player.page.locator("#lead-notice")).to_be_hidden()
    expect(projector.page.locator("body")).not_to_contain_text(WISH_WORDS)
    expect(aisha.page.locator("#player-list")).not_to_contain_text(WISH_WORDS)

    # The host puts the card away: the room hears it neutrally, Henk draws another.
    host.page.click("#set-card-aside")
    for seated in (host, henk, aisha):
        expect(seated.page.locator("#card")).to_be_hidden()
    expect(projector.page.locator("#screen-card")).to_be_hidden()
    expect(notice).to_be_hidden()
    assert host.dialogs[-1] == "Deze kaart vervangen? Dezelfde speler pakt dan een andere kaart."
    wait_for_announcement(aisha.page, "Henk pakt een andere kaart.")
    wait_for_announcement(henk.page, "Jij pakt een andere kaart.")
    expect(henk.status).to_have_text("Jij bent aan de beurt. Kies een stapel.")
    draw(henk, "voelen")
    for player in (henk, aisha):
        expect(player.page.locator("#topic-ask")).to_be_enabled()
        expect(player.page.locator("#topic-sent")).to_be_hidden()
    expect(notice).to_be_hidden()

    # The projector has none of it, nor the reflection the players get at the end.
    end_game(host)
    expect(projector.page.locator("#screen-ended")).to_be_visible()
    expect(henk.page.locator("#reflection")).to_be_visible()
    for private in ("#reflection", "#lead-notice", "#topic-wish"):
        expect(projector.page.locator(private)).to_have_count(0)
    expect(projector.page.locator("body")).not_to_contain_text("Terugblik")
    axe.assert_clean()


def test_the_closing_reflection(someone: Callable[..., Person]) -> None:
    axe = AxeReport()
    host, henk = someone("Fatima"), someone("Henk", ANNOUNCER_RECORDER)
    aisha = someone("Aisha", viewport={"width": 320, "height": 640})  # a small phone
    code = open_room(host)
    join_by_link(henk, code)
    join_by_link(aisha, code)
    start_game(host)
    expect(henk.page.locator("#reflection")).to_be_hidden()
    end_game(host)

    for seated in (host, henk, aisha):
        expect(seated.page.locator("#reflection")).to_be_visible()
    wait_for_announcement(henk.page, "Er volgen nog drie korte vragen; je mag ze overslaan.")
    page = henk.page
    expect(page.locator("#reflect-questions legend")).to_have_text(
        [
            "Ik voelde me gehoord",
            "Ik heb iets geleerd over een ander",
            "Ik zou deze mensen graag weer ontmoeten",
        ]
    )
    expect(page.locator("#reflect-questions fieldset").first.locator("label")).to_have_text(
        ["✓Eens", "○Neutraal", "✗Niet eens"]
    )
    axe.check(page, "reflection form")

    # Henk answers with the keyboard only: arrows within a question, Tab to the next.
    tab_to(page, "input[name=reflect-felt_heard]")
    page.keyboard.press("ArrowRight")
    expect(page.locator("input[name=reflect-felt_heard][value=neutral]")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator("input[name=reflect-learned_something][value=agree]")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("input[name=reflect-learned_something][value=agree]")).to_be_checked()
    tab_to(page, "#reflect-send")  # the last question is left open
    page.keyboard.press("Enter")
    thanks = page.locator("#reflect-thanks")
    expect(thanks).to_have_text("Dank je wel! Je antwoorden zijn anoniem.")
    expect(thanks).to_be_focused()
    expect(page.locator("#reflect-form")).to_be_hidden()
    axe.check(page, "reflection thanks")

    # Aisha skips: nothing is sent, and she is thanked all the same.
    expect(aisha.page.locator("#reflect-form")).to_be_visible()
    assert overflow(aisha.page) is None, "the reflection fits a small phone"
    aisha.page.click("#reflect-skip")
    expect(aisha.page.locator("#reflect-skipped")).to_be_focused()
    expect(aisha.page.locator("#reflect-form")).to_be_hidden()
    axe.check(aisha.page, "reflection skipped")

    # The phone remembers; and the server knows Henk answered even if the phone forgot.
    page.reload()
    expect(page.locator("#reflect-thanks")).to_be_visible()
    expect(page.locator("#reflect-form")).to_be_hidden()
    page.evaluate("(key) => localStorage.removeItem(key)", f"kletsborden.reflected.{code}")
    page.reload()
    expect(page.locator("#reflect-form")).to_be_visible()
    page.locator("label", has_text="Niet eens").first.click()
    page.click("#reflect-send")
    expect(page.locator("#reflect-thanks")).to_be_visible()
    expect(page.locator("#alert")).to_be_hidden()

    # The host answers by tapping, too.
    host.page.locator("#reflect-questions fieldset").nth(2).locator(
        "label", has_text="Eens"
    ).first.click()
    host.page.click("#reflect-send")
    expect(host.page.locator("#reflect-thanks")).to_be_visible()
    axe.assert_clean()
