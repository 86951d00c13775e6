"""One table, three languages: a Dutch host, an Arabic and a Ukrainian player see the same card,
each in their own language; where a card has no text in a person's language they read the
room's, marked "(Nederlands)"."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

from helpers import AxeReport, Person, draw, open_room, open_screen, start_game
from playwright.sync_api import expect

CARDS = Path(__file__).resolve().parents[2] / "cards" / "kletsborden.toml"


def card_texts() -> dict[str, dict]:
    """Every card's texts by its Dutch question: {question_nl: {lang: text}}."""
    cards = tomllib.loads(CARDS.read_text(encoding="utf-8"))["cards"]
    languages = ("nl", "en", "tr", "ar", "pl", "uk")
    return {c["nl"]["question"]: {lang: c[lang] for lang in languages} for c in cards}


def join_in(player: Person, code: str, language: str) -> None:
    """Open the join link, choose one's language there (the page, and so the card) and sit."""
    page = player.page
    page.goto(f"/play/{code}")
    expect(page.locator("#join-panel")).to_be_visible()
    if page.locator("html").get_attribute("lang") != language:  # else the browser's already
        page.locator(f"#join-panel nav.language a[hreflang={language}]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.fill("#join-name", player.name)
    page.locator("#join-form button[type=submit]").click()
    expect(page.locator("#game")).to_be_visible()


def test_a_dutch_an_arabic_and_a_ukrainian_player_read_the_same_card(
    someone: Callable[..., Person],
) -> None:
    host = someone("Fatima")
    code = open_room(host, language="nl")
    amira, oksana = someone("Amira", locale="ar"), someone("Oksana", locale="uk")
    projector = someone("projector")
    join_in(amira, code, "ar")
    join_in(oksana, code, "uk")
    open_screen(projector, host)
    start_game(host)
    question = draw(host, "horen")
    texts = card_texts()[question]

    expect(host.question).to_have_attribute("lang", "nl")
    expect(host.page.locator("#card-language-note")).to_be_hidden()
    arabic = amira.question
    expect(arabic).to_have_text(texts["ar"]["question"])
    expect(arabic).to_have_attribute("lang", "ar")
    expect(arabic).to_have_attribute("dir", "rtl")
    expect(amira.page.locator("html")).to_have_attribute("dir", "rtl")  # the interface too
    expect(oksana.question).to_have_text(texts["uk"]["question"])
    expect(oksana.question).to_have_attribute("dir", "ltr")
    if "follow_up" in texts["uk"]:
        expect(oksana.page.locator("#card-follow-up")).to_have_text(texts["uk"]["follow_up"])
    # The shipped translations are drafts, and say so with the card (in the reader's language
    # where the catalogue has the note, else in English).
    for reader in (amira, oksana):
        expect(reader.page.locator("#card-language-note")).not_to_be_empty()
        expect(reader.page.locator("#card-language-note")).to_be_visible()
    # The projector shows the room's language.
    expect(projector.page.locator("#screen-question")).to_have_text(question)
    expect(projector.page.locator("#screen-second")).to_be_hidden()

    # Oksana switches to English in the "Meer" sheet: only her card changes.
    toggle = oksana.page.locator("[data-sheet=more-sheet]")
    if toggle.is_visible():  # a narrow screen folds the sheet away
        toggle.click()
    oksana.page.select_option("#card-language", "en")
    expect(oksana.question).to_have_text(texts["en"]["question"])
    expect(oksana.page.locator("#card-language-note")).to_be_hidden()
    expect(arabic).to_have_text(texts["ar"]["question"])
    expect(host.question).to_have_text(question)

    axe = AxeReport()
    axe.check(amira.page, "Arabic card")
    axe.assert_clean()


def test_without_draft_languages_the_room_language_is_shown_marked(
    someone: Callable[..., Person],
) -> None:
    host = someone("Fatima")
    code = open_room(host, language="nl", draft_languages=False, second_language="en")
    emre = someone("Emre", locale="tr")
    projector = someone("projector")
    join_in(emre, code, "tr")
    open_screen(projector, host)
    start_game(host)
    question = draw(host, "zien")
    texts = card_texts()[question]

    # Turkish is a draft, so Emre reads the room's Dutch, marked as such, never an empty card.
    expect(emre.page.locator("html")).to_have_attribute("lang", "tr")
    expect(emre.question).to_have_text(question)
    expect(emre.question).to_have_attribute("lang", "nl")
    expect(emre.page.locator("#card-language-note")).to_have_text("(Nederlands)")
    # The projector: Dutch, and the host's second language under it.
    expect(projector.page.locator("#screen-question")).to_have_text(question)
    expect(projector.page.locator("#screen-second-question")).to_have_text(texts["en"]["question"])
    expect(projector.page.locator("#screen-second-question")).to_have_attribute("lang", "en")
