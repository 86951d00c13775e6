"""axe-core (WCAG 2.2 AA) finds nothing on any page, in any state of the game, light and dark.

Each test walks through its states and reports every problem of every state at once.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from pathlib import Path

from babel import Locale
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from helpers import (
    AxeReport,
    Person,
    draw,
    end_game,
    fill_name_and_join,
    join_by_link,
    kick,
    open_room,
    open_screen,
    overflow,
    set_high_contrast,
    set_text_size,
    start_game,
)
from playwright.sync_api import expect

import kletsborden
from kletsborden.i18n.languages import interface_languages

LOCALE = Path(kletsborden.__file__).parent / "i18n" / "locale"


def summary_rule(language: str) -> str:
    """The language's gettext plural rule, from Babel's data (not from our code)."""
    return get_plural(Locale.parse(language)).plural_expr


def test_pages_before_the_game(someone: Callable[..., Person]) -> None:
    axe = AxeReport()
    visitor = someone("Bezoeker")
    page = visitor.page

    page.goto("/")
    axe.check(page, "home")

    response = page.goto("/join?code=XXXX")
    assert response is not None and response.status == 404
    expect(page.locator("#code-error")).to_have_text(
        "Er is geen kamer met deze code. Kijk of je de code goed hebt overgenomen."
    )
    axe.check(page, "home with an unknown code")

    page.goto("/host")
    axe.check(page, "host form")

    host = someone("Fatima")
    code = open_room(host)
    page.goto(f"/play/{code}")
    expect(page.locator("#join-panel")).to_be_visible()
    axe.check(page, "play: join form")

    page.locator("#join-form button[type=submit]").click()  # no name: an error
    expect(page.locator("#alert")).to_be_visible()
    axe.check(page, "play: join form with an error")
    axe.assert_clean()


def test_every_state_of_a_game(someone: Callable[..., Person]) -> None:
    axe = AxeReport()
    host = someone("Fatima")
    henk, aisha = someone("Henk"), someone("Aisha")
    projector = someone("projector")

    code = open_room(host, takes_turns=False)
    join_by_link(henk, code)
    join_by_link(aisha, code)
    open_screen(projector, host)
    expect(host.page.locator("#player-list li")).to_have_count(3)
    axe.check(host.page, "lobby, host")
    axe.check(henk.page, "lobby, player")
    expect(projector.page.locator("#screen-players li")).to_have_count(3)
    axe.check(projector.page, "projector, lobby")

    host.page.locator("details.seat-menu", has_text="Henk").locator("summary").click()
    axe.check(host.page, "lobby, host with a player's options open")
    host.page.locator("details.seat-menu", has_text="Henk").locator("summary").click()

    start_game(host)
    expect(henk.status).to_have_text("Jij bent aan de beurt. Kies een stapel.")
    expect(aisha.status).to_have_text("Henk is aan de beurt.")
    axe.check(henk.page, "my turn")
    axe.check(aisha.page, "someone else's turn")
    axe.check(host.page, "someone else's turn, host panel")

    draw(henk, "horen")
    expect(aisha.question).not_to_be_empty()
    expect(projector.page.locator("#screen-question")).not_to_be_empty()
    axe.check(henk.page, "card shown, answerer")
    axe.check(aisha.page, "card shown, someone else")
    axe.check(host.page, "card shown, host")
    axe.check(projector.page, "projector, card")

    henk.page.click("[data-react=heart]")
    expect(aisha.page.locator("#reaction-feed")).not_to_be_empty()
    axe.check(aisha.page, "card shown, after a reaction")

    host.page.click("#pause-game")
    expect(henk.status).to_have_text("Het spel staat even stil.")
    expect(host.page.locator("#resume-game")).to_be_visible()
    axe.check(henk.page, "paused, player")
    axe.check(host.page, "paused, host")
    host.page.click("#resume-game")
    expect(henk.status).not_to_have_text("Het spel staat even stil.")

    kick(host, "Aisha")
    expect(aisha.page.locator("#kicked")).to_be_visible()
    axe.check(aisha.page, "removed from the room")

    end_game(host)
    expect(henk.page.locator("#ended")).to_be_visible()
    expect(projector.page.locator("#screen-ended")).to_be_visible()
    axe.check(henk.page, "ended, player")
    axe.check(host.page, "ended, host")
    axe.check(projector.page, "projector, ended")
    axe.assert_clean()


def test_choosing_who_answers(someone: Callable[..., Person]) -> None:
    axe = AxeReport()
    host, henk = someone("Fatima"), someone("Henk")
    code = open_room(host, answering="chosen")
    join_by_link(henk, code)
    start_game(host)
    expect(host.status).to_have_text("Jij bent aan de beurt. Kies een stapel.")

    draw(host, "zien")
    expect(host.status).to_have_text("Kies wie deze vraag beantwoordt.")
    expect(henk.status).to_have_text("Fatima kiest wie deze vraag beantwoordt.")
    expect(host.page.locator("#hand-label")).to_have_text("Wie beantwoordt deze vraag?")
    expect(host.page.locator("#hand-to option")).to_have_text(["Ikzelf", "Henk"])
    expect(host.page.locator("#finish")).to_be_hidden()
    axe.check(host.page, "chosen mode, choosing who answers")
    axe.check(henk.page, "chosen mode, someone else chooses")

    host.page.locator("#hand-to").select_option(label="Henk")
    host.page.locator("#hand-form button[type=submit]").click()
    expect(henk.status).to_have_text("Jij mag antwoorden. Neem de tijd.")
    expect(host.status).to_have_text("Henk is aan het woord.")
    axe.check(henk.page, "chosen mode, chosen to answer")
    axe.assert_clean()


def test_high_contrast_and_large_text(someone: Callable[..., Person]) -> None:
    axe = AxeReport()
    host, henk = someone("Fatima"), someone("Henk")
    code = open_room(host)
    join_by_link(henk, code)
    start_game(host)
    draw(host, "voelen")
    expect(henk.question).not_to_be_empty()

    set_high_contrast(host.page)
    set_high_contrast(henk.page)
    axe.check(host.page, "high contrast, card shown, host answering")
    axe.check(henk.page, "high contrast, card shown, someone else")
    set_high_contrast(henk.page, on=False)

    set_text_size(henk.page, 200)
    axe.check(henk.page, "200% text, card shown")
    henk.page.goto("/")
    expect(henk.page.locator("html")).to_have_attribute("data-text-size", "200")
    axe.check(henk.page, "200% text, home")
    axe.assert_clean()


PAGES_BEFORE_A_GAME = (("/", "home"), ("/host", "host form"), ("/privacy", "privacy"),
                       ("/admin/login", "login"))  # fmt: skip


def test_every_language_at_one_table(someone: Callable[..., Person], tmp_path: Path) -> None:
    """One table where everyone reads another shipped language (the catalogues that exist), so
    each state is checked in every language at once; an Arabic host (right to left) and an
    Arabic player on a 320 px phone, whose view must not scroll sideways. Light scheme only:
    the colours do not depend on the language (the tests above check dark)."""
    axe = AxeReport()
    languages = interface_languages()
    host = someone("فاطمة", locale="ar")
    phone = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
    small = someone("Amira", locale="ar", **phone)
    players = [someone(f"Speler {code}", locale=code) for code in languages if code != "ar"]
    people = [host, small, *players]

    def check_all(state: str) -> None:
        for person in people:
            axe.check(person.page, f"{state} ({person.page.locator('html').get_attribute('lang')})",
                      schemes=("light",))  # fmt: skip
        found = overflow(small.page)
        assert found is None, f"Arabic at 320 px, {state}, scrolls sideways: {found}"
        small.page.screenshot(path=tmp_path / f"ar-320-{state.replace(' ', '-')}.png")

    code = open_room(host, language="nl")  # the cards: the card languages are the editions'
    for person in [small, *players]:
        page = person.page
        page.goto("/")
        axe.check(page, f"home ({page.locator('html').get_attribute('lang')})", ("light",))
        for url, name in (
            ("/host", "host form"),
            ("/privacy", "privacy"),
            ("/admin/login", "login"),
        ):
            page.goto(url)
            axe.check(page, f"{name} ({page.locator('html').get_attribute('lang')})", ("light",))
        page.goto(f"/play/{code}")
        expect(page.locator("#join-panel")).to_be_visible()
        axe.check(page, f"join form ({page.locator('html').get_attribute('lang')})", ("light",))
        fill_name_and_join(person)
    for person in people:
        language = languages[person.page.locator("html").get_attribute("lang") or ""]
        expect(person.page.locator("html")).to_have_attribute("dir", language.direction)
    expect(small.page.locator("html")).to_have_attribute("dir", "rtl")
    expect(host.page.locator("#player-list li")).to_have_count(len(people))
    check_all("lobby")

    start_game(host)
    check_all("turns")
    draw(host, "zien")
    for person in people:
        expect(person.question).not_to_be_empty()
    check_all("card shown")
    host.page.click("#pause-game")
    expect(host.page.locator("#resume-game")).to_be_visible()
    check_all("paused")
    host.page.click("#resume-game")
    end_game(host)
    for person in people:
        expect(person.page.locator("#ended")).to_be_visible()
    check_all("ended")
    # One card discussed, in each language's own plural form (Arabic: the second of six).
    for person in people:
        language = person.page.locator("html").get_attribute("lang") or ""
        with (LOCALE / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
            summary = read_po(file)["ui.ended.summary"]
        index = gettext.c2py(summary_rule(language))(1)
        one = "\u20681\u2069" if languages[language].direction == "rtl" else "1"  # isolated
        expected = summary.string[index].replace("{count}", one)
        expect(person.page.locator("#ended-summary")).to_have_text(expected)
    axe.assert_clean()
    assert (tmp_path / "ar-320-card-shown.png").stat().st_size > 0
