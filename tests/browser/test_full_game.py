"""A whole session in real browsers: a facilitator, three residents on phones and a projector."""

from __future__ import annotations

import re
from collections.abc import Callable

from helpers import (
    SENSE_WORD,
    Person,
    draw,
    end_game,
    join_by_code,
    join_by_link,
    kick,
    open_room,
    open_screen,
    start_game,
)
from playwright.sync_api import expect

HOST, HENK, AISHA, JOOST = "Fatima", "Henk", "Aisha", "Joost"


def expect_turn(
    players: list[Person], projector: Person, name: str, *, card: bool, host: Person
) -> None:
    """Everyone's #turn-status, the waited-on marker and the projector agree on whose turn it is."""
    for someone in players:
        if someone.name == name:
            mine = "Jij mag antwoorden. Neem de tijd." if card else "Jij bent aan de beurt."
            expect(someone.status).to_contain_text(mine)
        else:
            other = f"{name} is aan het woord." if card else f"{name} is aan de beurt."
            expect(someone.status).to_have_text(other)
    for someone in [*players, host]:
        marked = someone.waited_on()
        expect(marked).to_have_count(1)
        expect(marked).to_have_text(re.compile(rf"^{re.escape(name)}( \(jij\))?$"))
        expect(
            someone.page.locator("#player-list li", has_text=name).locator(".player-notes")
        ).to_contain_text("aan de beurt")
    screen = "is aan het woord." if card else "is aan de beurt."
    expect(projector.page.locator("#screen-status")).to_have_text(f"{name} {screen}")
    expect(projector.page.locator("#screen-players li.is-waited-on")).to_have_text(name)


def expect_card(everyone: list[Person], projector: Person, question: str, sense: str) -> None:
    """The same card, word for word, on every phone and on the projector."""
    for someone in everyone:
        expect(someone.question).to_have_text(question)
        expect(someone.page.locator("#card-sense-word")).to_have_text(SENSE_WORD[sense])
    expect(projector.page.locator("#screen-question")).to_have_text(question)
    expect(projector.page.locator("#screen-sense-word")).to_have_text(SENSE_WORD[sense])


def expect_no_card(everyone: list[Person], projector: Person) -> None:
    for someone in everyone:
        expect(someone.page.locator("#card")).to_be_hidden()
    expect(projector.page.locator("#screen-card")).to_be_hidden()


def test_a_whole_session(someone: Callable[..., Person]) -> None:
    host = someone(HOST)
    henk, aisha, joost = someone(HENK), someone(AISHA), someone(JOOST)
    projector = someone("projector")

    # The facilitator opens a room (leading only, not taking turns).
    code = open_room(host, takes_turns=False)
    expect(host.status).to_have_text("Nodig mensen uit en start het spel als iedereen er is.")
    expect(host.page.locator("#invite")).to_be_visible()
    expect(host.page.locator(".room-code")).to_have_text(f"{code[:4]}-{code[4:]}")

    # One resident types the code on the home page, two open the join link.
    join_by_code(henk, code)
    join_by_link(aisha, code)
    join_by_link(joost, code)
    players = [henk, aisha, joost]
    everyone = [host, *players]
    open_screen(projector, host)

    # The lobby, on every screen.
    for player in players:
        expect(player.status).to_have_text("Wachten tot het spel begint.")
        expect(player.page.locator("#lobby-wait")).to_be_visible()
        expect(player.page.locator("#host-panel")).to_be_hidden()
        expect(player.page.locator("#start-game")).to_be_hidden()
    for seated in everyone:
        # (The own "(jij)" marker is checked once the game runs, and in test_reload.py.)
        expect(seated.page.locator("#player-list .player-name")).to_have_text(
            [re.compile(rf"^{n}( \(jij\))?$") for n in (HOST, HENK, AISHA, JOOST)]
        )
    expect(host.page.locator("#player-list li", has_text=HOST)).to_contain_text("gespreksleider")
    expect(projector.page.locator("#screen-status")).to_have_text("Wachten tot het spel begint.")
    expect(projector.page.locator("#screen-players li")).to_have_text([HOST, HENK, AISHA, JOOST])
    expect(projector.page.locator("#screen-join")).to_be_visible()
    expect_no_card(everyone, projector)

    # The host starts: Henk (first to sit down who takes turns) begins.
    start_game(host)
    expect_turn(players, projector, HENK, card=False, host=host)
    for seated in everyone:
        expect(seated.page.locator("#player-list .player-name")).to_have_text(
            [f"{n} (jij)" if n == seated.name else n for n in (HOST, HENK, AISHA, JOOST)]
        )
    expect(henk.page.locator("#draw-actions")).to_be_visible()
    for other in (aisha, joost):
        expect(other.page.locator("#draw-actions")).to_be_hidden()
    expect(host.page.locator("#skip-player")).to_have_text(f"Sla {HENK} over")
    expect(host.status).to_have_text(f"{HENK} is aan de beurt.")

    # Turn 1: Henk draws "horen" and answers.
    question = draw(henk, "horen")
    expect_card(everyone, projector, question, "horen")
    expect(henk.page.locator("#card-drawn-by")).to_have_text("Jij hebt deze kaart getrokken")
    expect(aisha.page.locator("#card-drawn-by")).to_have_text(f"Getrokken door {HENK}")
    expect_turn(players, projector, HENK, card=True, host=host)
    expect(henk.page.locator("#finish")).to_be_visible()
    for other in (aisha, joost):
        expect(other.page.locator("#answer-actions")).to_be_hidden()
    henk.page.click("#finish")

    # Turn 2: Aisha draws "zien" and puts the card away.
    expect_turn(players, projector, AISHA, card=False, host=host)
    expect_no_card(everyone, projector)
    question = draw(aisha, "zien")
    expect_card(everyone, projector, question, "zien")
    expect_turn(players, projector, AISHA, card=True, host=host)
    aisha.page.click("#pass")

    # Turn 3: Joost draws "voelen" and hands the card to Henk; the others react.
    expect_turn(players, projector, JOOST, card=False, host=host)
    question = draw(joost, "voelen")
    expect_card(everyone, projector, question, "voelen")
    hand_to = joost.page.locator("#hand-to")
    expect(hand_to.locator("option")).to_have_text([HENK, AISHA])
    hand_to.select_option(label=HENK)
    joost.page.locator("#hand-form button[type=submit]").click()
    expect_turn(players, projector, HENK, card=True, host=host)
    expect_card(everyone, projector, question, "voelen")
    expect(henk.page.locator("#finish")).to_be_visible()
    expect(joost.page.locator("#answer-actions")).to_be_hidden()

    aisha.page.click("[data-react=thanks]")
    for other in (host, henk, joost):
        expect(other.page.locator("#reaction-feed")).to_have_text(f"{AISHA} zegt dankjewel.")
    expect(aisha.page.locator("#reaction-feed")).to_have_text("Je reageerde: Dankjewel")
    joost.page.click("[data-react=heart]")
    expect(henk.page.locator("#reaction-feed")).to_have_text(f"{JOOST} stuurt een hartje.")
    henk.page.click("[data-react=me_too]")
    expect(joost.page.locator("#reaction-feed")).to_have_text(f"{HENK} zegt: ik ook.")
    henk.page.click("#finish")

    # Turn 4: Henk lets chance choose the deck.
    expect_turn(players, projector, HENK, card=False, host=host)
    question = draw(henk, "")
    chance_word = henk.page.locator("#card-sense-word").inner_text()
    chance_sense = next(s for s, word in SENSE_WORD.items() if word == chance_word)
    expect_card(everyone, projector, question, chance_sense)
    expect(henk.page.locator("#card-drawn-by")).to_have_text(
        "Jij hebt deze kaart getrokken; het toeval koos de stapel"
    )
    expect(joost.page.locator("#card-drawn-by")).to_have_text(
        f"Getrokken door {HENK}; het toeval koos de stapel"
    )
    henk.page.click("#finish")

    # Turn 5: Aisha draws "horen" and answers; then it is Joost's turn.
    expect_turn(players, projector, AISHA, card=False, host=host)
    question = draw(aisha, "horen")
    expect_card(everyone, projector, question, "horen")
    aisha.page.click("#finish")
    expect_turn(players, projector, JOOST, card=False, host=host)

    # The host removes Joost during his turn: the turn moves on to Henk.
    kick(host, JOOST)
    assert host.dialogs[-1].startswith(f"Wil je {JOOST} echt uit de kamer halen?")
    expect(joost.page.locator("#kicked")).to_contain_text(
        "De gespreksleider heeft je uit deze kamer gehaald."
    )
    expect(joost.page.locator("#kicked")).to_be_focused()
    expect(joost.page.locator("#kicked a[href='/']")).to_be_visible()  # a way home
    expect(joost.page.locator("#game")).to_be_hidden()
    expect(joost.page.locator("#join-panel")).to_be_hidden()
    players = [henk, aisha]
    everyone = [host, *players]
    for seated in everyone:
        expect(seated.page.locator("#player-list .player-name", has_text=JOOST)).to_have_count(0)
    expect(projector.page.locator("#screen-players li")).to_have_text([HOST, HENK, AISHA])
    expect_turn(players, projector, HENK, card=False, host=host)
    assert joost.seat_id(code) is None  # the seat is forgotten on Joost's phone

    # The host ends the game: everyone sees the thank-you and the cards per deck.
    end_game(host)
    assert host.dialogs[-1] == "Wil je het spel echt afsluiten?"
    counts = {"horen": 2, "zien": 1, "voelen": 1}
    counts[chance_sense] += 1
    for seated in everyone:
        page = seated.page
        expect(page.locator("#ended")).to_be_visible()
        expect(page.locator("#game")).to_be_hidden()
        expect(page.locator("#ended-summary")).to_have_text(
            "Jullie hebben samen 5 kaarten besproken."
        )
        expect(page.locator("#ended-senses li")).to_have_text(
            [
                f"{SENSE_WORD[s]}: {counts[s]} kaart" + ("en" if counts[s] > 1 else "")
                for s in ("horen", "zien", "voelen")
            ]
        )
    expect(host.page.locator("#ended")).to_be_focused()
    expect(projector.page.locator("#screen-ended")).to_be_visible()
    expect(projector.page.locator("#screen-ended-summary")).to_have_text(
        "Jullie hebben samen 5 kaarten besproken."
    )
    expect(projector.page.locator("#screen-status")).to_have_text("Het spel is afgelopen. Bedankt!")
    expect(projector.page.locator("#screen-card")).to_be_hidden()
    expect(projector.page.locator("#screen-join")).to_be_hidden()


def test_a_new_player_sees_their_own_seat_at_once(someone: Callable[..., Person]) -> None:
    """Right after joining (before anything else happens) the own seat is marked "(jij)"."""
    host, henk = someone(HOST), someone(HENK)
    code = open_room(host)
    join_by_link(henk, code)
    expect(host.page.locator("#player-list .player-name")).to_have_text([f"{HOST} (jij)", HENK])
    expect(henk.page.locator("#player-list .player-name")).to_have_text([HOST, f"{HENK} (jij)"])
