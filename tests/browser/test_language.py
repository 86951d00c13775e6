"""Pages speak the visitor's language, and so do the cards: each person reads the card in their
own language (the page's, unless they chose another); the projector shows the room's."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po
from helpers import (
    Person,
    draw,
    fill_name_and_join,
    join_by_link,
    open_room,
    open_screen,
    start_game,
)
from playwright.sync_api import expect

import kletsborden
from kletsborden.i18n.languages import interface_languages

ENGLISH = {"locale": "en-GB"}
CARDS = Path(__file__).resolve().parents[2] / "cards" / "kletsborden.toml"
LOCALE = Path(kletsborden.__file__).parent / "i18n" / "locale"


def questions(language: str) -> set[str]:
    cards = tomllib.loads(CARDS.read_text(encoding="utf-8"))["cards"]
    return {card[language]["question"] for card in cards}


def translations(source: str, target: str) -> dict[str, str]:
    """Each card's question in ``source`` -> the same card's question in ``target``."""
    cards = tomllib.loads(CARDS.read_text(encoding="utf-8"))["cards"]
    return {card[source]["question"]: card[target]["question"] for card in cards}


def test_an_english_browser_gets_english_pages(someone: Callable[..., Person]) -> None:
    visitor = someone("Visitor", **ENGLISH)
    page = visitor.page
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#join-heading")).to_have_text("Join a game")
    expect(page.locator("label[for=code]")).to_have_text("Room code")
    expect(page.locator("nav.language [aria-current]")).to_have_text("English")

    page.goto("/host")
    expect(page.locator("h1")).to_have_text("Open a room")
    expect(page.locator("#language-en")).to_be_checked()  # cards in the visitor's language

    # Switching to Dutch with the link is remembered on the next page.
    page.locator("nav.language a[hreflang=nl]").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_have_text("Een kamer openen")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("#join-heading")).to_have_text("Meedoen")
    assert any(c["name"] == "lang" and c["value"] == "nl" for c in page.context.cookies())

    # And back to English.
    page.locator("nav.language a[hreflang=en]").click()
    expect(page.locator("#join-heading")).to_have_text("Join a game")
    page.goto("/host")
    expect(page.locator("h1")).to_have_text("Open a room")


def test_cards_follow_the_persons_language(someone: Callable[..., Person]) -> None:
    host = someone("Fatima")
    code = open_room(host, language="nl")
    guest = someone("Sam", **ENGLISH)
    projector = someone("projector", **ENGLISH)

    guest.page.goto(f"/play/{code}")
    expect(guest.page.locator("html")).to_have_attribute("lang", "en")
    expect(guest.page.locator("label[for=join-name]")).to_have_text("Your name")

    # Errors from the server are in the page's language too.
    guest.page.fill("#join-name", "fatima")
    guest.page.locator("#join-form button[type=submit]").click()
    expect(guest.page.locator("#alert")).to_have_text(
        "Someone in this room already has that name. Please choose another."
    )
    join_by_link(guest, code)
    open_screen(projector, host)

    start_game(host)
    expect(guest.status).to_have_text("It is Fatima's turn.")
    question = draw(host, "horen")

    # The English page shows the same card in English; the projector shows the room's Dutch.
    assert question in questions("nl")
    english = translations("nl", "en")[question]
    expect(guest.question).to_have_text(english)
    expect(guest.question).to_have_attribute("lang", "en")
    expect(guest.page.locator("#card-sense-word")).to_have_text("Hearing")
    expect(guest.status).to_have_text("Fatima is answering.")
    expect(host.question).to_have_attribute("lang", "nl")
    expect(projector.page.locator("#screen-question")).to_have_text(question)
    expect(projector.page.locator("#screen-question")).to_have_attribute("lang", "nl")
    expect(projector.page.locator("#screen-status")).to_have_text("Fatima is answering.")
    if guest.page.locator("#card-follow-up").is_visible():
        expect(guest.page.locator("#card-follow-up")).to_have_attribute("lang", "en")

    # Switching the page to Dutch keeps the seat, and the card follows: now in Dutch.
    guest.page.locator("#more-sheet nav.language a[hreflang=nl]").click()
    expect(guest.page.locator("html")).to_have_attribute("lang", "nl")
    expect(guest.page).to_have_url(re.compile(rf"/play/{code}\?lang=nl$"))
    expect(guest.question).to_have_text(question)
    expect(guest.page.locator("#join-panel")).to_be_hidden()
    expect(guest.status).to_have_text("Fatima is aan het woord.")


def test_an_english_room_on_a_dutch_phone(someone: Callable[..., Person]) -> None:
    host = someone("Fatima", **ENGLISH)
    code = open_room(host)  # the English page offers English cards first
    henk = someone("Henk")
    join_by_link(henk, code)
    start_game(host)
    question = draw(host, "zien")
    expect(henk.page.locator("html")).to_have_attribute("lang", "nl")
    expect(henk.question).to_have_text(translations("en", "nl")[question])
    expect(henk.question).to_have_attribute("lang", "nl")
    expect(henk.page.locator("#card-sense-word")).to_have_text("Zien")
    expect(host.page.locator("#card-sense-word")).to_have_text("Seeing")
    assert question in questions("en")
    expect(henk.status).to_have_text("Fatima is aan het woord.")


def catalogue_text(language: str, key: str) -> str:
    """The text as the language's catalogue has it (read with Babel, not with our code)."""
    path = LOCALE / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as file:
        return read_po(file)[key].string


def test_each_player_chooses_their_language_when_joining(someone: Callable[..., Person]) -> None:
    host = someone("Fatima")
    code = open_room(host, language="nl")
    amira = someone("Amira")  # a Dutch phone; she reads Arabic
    page = amira.page
    page.goto(f"/play/{code}")
    choice = page.get_by_role("navigation", name="Kies je taal")
    expect(choice.locator("[lang]")).to_have_count(len(interface_languages()))

    choice.locator("a[hreflang=ar]").click()
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("label[for=join-name]")).to_have_text(
        catalogue_text("ar", "ui.join.name_label")
    )
    assert any(c["name"] == "lang" and c["value"] == "ar" for c in page.context.cookies())

    # The server answers in her language too, and the room code stays left to right.
    page.fill("#join-name", "fatima")
    page.locator("#join-form button[type=submit]").click()
    expect(page.locator("#alert")).to_have_text(catalogue_text("ar", "errors.name_taken"))
    expect(page.locator("#join-title")).to_contain_text(f"\u2068{code[:4]}")
    fill_name_and_join(amira)
    start_game(host)
    expect(amira.status).to_contain_text("Fatima")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    # Remembered on this phone, and changeable at any time from the "Meer" sheet.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.goto(f"/play/{code}")
    expect(page.locator("#game")).to_be_visible()
    page.locator("#more-sheet nav.language a[hreflang=uk]").click()  # a side column when wide
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("#game")).to_be_visible()  # still seated, now in Ukrainian
    expect(page.locator("#more-title")).to_have_text(catalogue_text("uk", "ui.sheets.more"))
    expect(host.page.locator("#player-list li")).to_have_count(2)
